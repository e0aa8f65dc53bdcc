// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"

#include "engine/engine.h"
#include "project/envvarsfile.h"
#include "project/samtemplate.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString defaultTemplatePath()
{
    for (const QString &name : {u"template.yaml"_s, u"template.yml"_s}) {
        if (QFileInfo::exists(name)) {
            return name;
        }
    }
    return u"template.yaml"_s;
}

} // namespace

namespace {

int localInvoke(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Invoke a function of a SAM template once, locally, in a sandbox that behaves like AWS "
        "Lambda. The function's log (START … REPORT) goes to stderr, its response to stdout; the "
        "exit status is 1 when the function returns an error, times out or crashes."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"FunctionLogicalId"_s,
                                 u"The function to invoke; optional when the template has one function."_s,
                                 u"[FunctionLogicalId]"_s);
    const QCommandLineOption templateOption({u"t"_s, u"template"_s, u"template-file"_s},
                                            u"The SAM template (default: template.yaml in the current folder)."_s,
                                            u"template"_s);
    const QCommandLineOption eventOption({u"e"_s, u"event"_s},
                                         u"JSON file with the event; '-' reads it from stdin. Without it the event is {}."_s,
                                         u"event"_s);
    const QCommandLineOption noEventOption(u"no-event"_s, u"Invoke with the empty event {} (the default)."_s);
    const QCommandLineOption envVarsOption({u"n"_s, u"env-vars"_s},
                                           u"JSON file overriding environment variables, as for sam local invoke: "
                                           "{\"Function\": {\"VAR\": \"v\"}, \"Parameters\": {\"VAR\": \"v\"}}."_s,
                                           u"env.json"_s);
    const QCommandLineOption logFileOption({u"l"_s, u"log-file"_s},
                                           u"Also write the function's log to this file."_s, u"file"_s);
    const QCommandLineOption parameterOption(u"parameter-overrides"_s,
                                             u"Template parameter values: Key=Value, several separated by spaces."_s,
                                             u"overrides"_s);
    parser.addOptions({templateOption, eventOption, noEventOption, envVarsOption, logFileOption,
                       parameterOption});
    if (!parser.parse(arguments)) {
        printErr(u"Error: "_s + parser.errorText() + u"\n\n"_s + parser.helpText());
        return 2;
    }
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }

    // The template.
    const QString templatePath = parser.isSet(templateOption) ? parser.value(templateOption)
                                                              : defaultTemplatePath();
    SamTemplate sam;
    if (parser.isSet(parameterOption)) {
        QMap<QString, QString> overrides;
        const QStringList pairs = parser.value(parameterOption).split(u' ', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq > 0) {
                overrides.insert(pair.left(eq), pair.mid(eq + 1));
            }
        }
        sam.setParameterOverrides(overrides);
    }
    const bool loaded = sam.load(templatePath);
    for (const Problem &problem : sam.problems()) {
        printErr(problem.toString() + u'\n');
    }
    if (!loaded) {
        return 1;
    }
    if (sam.functions().empty()) {
        printErr(u"Error: the template %1 defines no function.\n"_s.arg(templatePath));
        return 1;
    }

    // The function.
    const QStringList positional = parser.positionalArguments();
    QString functionId;
    if (positional.size() > 1) {
        printErr(u"Error: give one function logical id.\n"_s);
        return 2;
    }
    if (positional.isEmpty()) {
        if (sam.functions().size() > 1) {
            QStringList ids;
            for (const FunctionConfig &f : sam.functions()) {
                ids << f.logicalId;
            }
            printErr(u"Error: You must provide a function logical ID when there are more than one "
                     "functions in your template. Possible options in your template: ["_s
                     + ids.join(u", "_s) + u"]\n"_s);
            return 2;
        }
        functionId = sam.functions().front().logicalId;
    } else {
        functionId = positional.first();
    }
    std::optional<FunctionConfig> function = sam.function(functionId);
    if (!function) {
        QStringList ids;
        for (const FunctionConfig &f : sam.functions()) {
            ids << f.logicalId;
        }
        printErr(u"Error: Function %1 not found. Possible options in your template: [%2]\n"_s.arg(
            functionId, ids.join(u", "_s)));
        return 1;
    }
    if (hasErrors(sam.problems(function->logicalId))) {
        return 1;
    }

    std::vector<FunctionConfig> functions = sam.functions();
    if (parser.isSet(envVarsOption)) {
        Problem problem;
        const std::optional<EnvVarsFile> envVars = EnvVarsFile::load(parser.value(envVarsOption), &problem);
        if (!envVars) {
            printErr(problem.toString() + u'\n');
            return 1;
        }
        for (FunctionConfig &f : functions) {
            envVars->applyTo(f);
        }
    }

    // The event.
    QByteArray event;
    if (parser.isSet(eventOption) && !parser.isSet(noEventOption)) {
        const QString eventPath = parser.value(eventOption);
        QFile file;
        bool opened = false;
        if (eventPath == u"-"_s) {
            opened = file.open(stdin, QIODevice::ReadOnly);
        } else {
            file.setFileName(eventPath);
            opened = file.open(QIODevice::ReadOnly);
        }
        if (!opened) {
            printErr(u"Error: cannot read the event file %1: %2\n"_s.arg(eventPath, file.errorString()));
            return 1;
        }
        event = file.readAll();
    }

    QFile logFile;
    if (parser.isSet(logFileOption)) {
        logFile.setFileName(parser.value(logFileOption));
        if (!logFile.open(QIODevice::WriteOnly | QIODevice::Append)) {
            printErr(u"Error: cannot write the log file %1: %2\n"_s.arg(logFile.fileName(),
                                                                       logFile.errorString()));
            return 1;
        }
    }

    for (const QString &warning : function->warnings) {
        printErr(u"Warning: "_s + warning + u'\n');
    }

    Engine engine;
    QObject::connect(&engine, &Engine::warningRaised, [](const QString &message) {
        printErr(u"Warning: "_s + message + u'\n');
    });
    engine.setFunctions(functions);

    InvokeRequest request;
    request.functionName = function->logicalId;
    request.payload = event;
    request.source = u"cli"_s;

    int exitCode = 0;
    bool finished = false;
    QEventLoop loop;
    engine.invoke(request, [&](const InvokeResult &result) {
        if (result.isServiceError()) {
            printErr(u"Error: "_s + result.serviceErrorCode + u": "_s + result.serviceErrorMessage
                     + u'\n');
            exitCode = 1;
        } else {
            printErr(QString::fromUtf8(result.log));
            if (logFile.isOpen()) {
                logFile.write(result.log);
                logFile.flush();
            }
            printOut(result.payload + '\n');
            exitCode = result.functionError ? 1 : 0;
        }
        finished = true;
        loop.quit();
    });
    if (!finished) {
        loop.exec();
    }
    engine.shutdownAll();
    return exitCode;
}

const CliCommandRegistration registration({
    u"local invoke"_s,
    u"local invoke [FunctionLogicalId] -e event.json"_s,
    u"Invoke a function once and print its response"_s,
    localInvoke,
});

} // namespace

} // namespace Lwb
