// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb export`: the project's template as one `sam deploy` accepts unchanged (SamExport), to a
// file or stdout; what was changed goes to stderr as notes.
#include "clicommand.h"
#include "projectoptions.h"

#include "project/samexport.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QSaveFile>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int exportTemplate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Write the project's SAM template as one `sam deploy` accepts unchanged: everything "
        "the workbench runs with (concurrency, EventInvokeConfig, layers, policies, events, "
        "environment) kept, comments included; code paths checked and made relative to the "
        "output file's folder; parameter overrides written as the parameters' Default. A "
        "template SAM would reject is reported and nothing is written (exit status 1)."_s);
    parser.addHelpOption();
    const QCommandLineOption templateOption(
        {u"t"_s, u"template"_s, u"template-file"_s},
        u"The SAM template (default: template.yaml in the current folder)."_s, u"template"_s);
    const QCommandLineOption outputOption(
        {u"o"_s, u"output-template-file"_s},
        u"Where to write the exported template (default: stdout, paths relative to the "
        "template's folder)."_s,
        u"exported.yaml"_s);
    const QCommandLineOption parametersOption(
        u"parameter-overrides"_s,
        u"Parameter values to deploy with, written as the parameters' Default: Key=Value, "
        "several separated by spaces."_s,
        u"overrides"_s);
    parser.addOptions({templateOption, outputOption, parametersOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }

    QMap<QString, QString> overrides;
    for (const QString &pair : parser.value(parametersOption).split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0) {
            printErr(u"Error: --parameter-overrides takes Key=Value pairs, not '%1'\n"_s.arg(pair));
            return 2;
        }
        overrides.insert(pair.left(eq), pair.mid(eq + 1));
    }
    const QString templatePath =
        parser.isSet(templateOption) ? parser.value(templateOption) : defaultTemplatePath();
    const QString outputPath = parser.value(outputOption);

    const SamExport::Result result = SamExport::run(templatePath, outputPath, overrides);
    for (const Problem &problem : result.problems) {
        printErr(problem.toString() + u'\n');
    }
    if (!result.ok()) {
        printErr(u"Error: %1 was not exported.\n"_s.arg(templatePath));
        return 1;
    }
    for (const QString &note : result.notes) {
        printErr(u"Note: %1\n"_s.arg(note));
    }
    if (outputPath.isEmpty()) {
        printOut(result.text);
        return 0;
    }
    QDir().mkpath(QFileInfo(outputPath).absolutePath());
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(result.text) != result.text.size() ||
        !file.commit()) {
        printErr(u"Error: cannot write %1: %2\n"_s.arg(outputPath, file.errorString()));
        return 1;
    }
    printErr(u"Exported %1 to %2; deploy it with: sam deploy -t %2 --guided\n"_s.arg(templatePath,
                                                                                     outputPath));
    return 0;
}

const CliCommandRegistration registration({
    u"export"_s,
    u"export [-t template.yaml] [-o exported.yaml] [--parameter-overrides K=V …]"_s,
    u"Write the template as one sam deploy accepts unchanged"_s,
    exportTemplate,
});

} // namespace

} // namespace Lwb
