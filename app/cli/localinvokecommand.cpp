// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "projectoptions.h"

#include "engine/engine.h"

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
    const QCommandLineOption eventOption({u"e"_s, u"event"_s},
                                         u"JSON file with the event; '-' reads it from stdin. Without it the event is {}."_s,
                                         u"event"_s);
    const QCommandLineOption noEventOption(u"no-event"_s, u"Invoke with the empty event {} (the default)."_s);
    const QCommandLineOption logFileOption({u"l"_s, u"log-file"_s},
                                           u"Also write the function's log to this file."_s, u"file"_s);
    const ProjectOptions projectOptions;
    projectOptions.addTo(parser);
    parser.addOptions({eventOption, noEventOption, logFileOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printErr(u"Error: give one function logical id.\n"_s);
        return 2;
    }

    const std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project) {
        return 1;
    }
    const QString possible = u"Possible options in your template: ["_s
        + project->logicalIds().join(u", "_s) + u"]\n"_s;
    if (positional.isEmpty() && project->functions.size() > 1) {
        printErr(u"Error: You must provide a function logical ID when there are more than one "
                 "functions in your template. "_s + possible);
        return 2;
    }
    const FunctionConfig *function = positional.isEmpty() ? &project->functions.front()
                                                          : project->function(positional.first());
    if (!function) {
        printErr(u"Error: Function %1 not found. "_s.arg(positional.first()) + possible);
        return 1;
    }
    if (project->brokenFunctions.contains(function->logicalId)) {
        return 1;
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

    Engine engine;
    QObject::connect(&engine, &Engine::warningRaised, [](const QString &message) {
        printErr(u"Warning: "_s + message + u'\n');
    });
    engine.setFunctions(project->functions);

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
