// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb init`: a new project, as `sam init --app-template hello-world --no-interactive` makes it.
#include "clicommand.h"

#include "engine/engine.h"
#include "project/projectscaffold.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int init(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Create a SAM project with one Hello World function behind GET /hello, in the chosen "
        "runtime, and a test event — sam init's Hello World example."_s);
    parser.addHelpOption();
    const QCommandLineOption nameOption({u"n"_s, u"name"_s},
                                        u"Project name: the folder made under the output "
                                        "directory (default sam-app)."_s,
                                        u"name"_s, u"sam-app"_s);
    const QCommandLineOption runtimeOption(
        {u"r"_s, u"runtime"_s},
        u"One of %1 (default python3.12)."_s.arg(ProjectScaffold::runtimes().join(u", "_s)),
        u"runtime"_s, u"python3.12"_s);
    const QCommandLineOption architectureOption(u"architecture"_s,
                                                u"x86_64 (default) or arm64."_s,
                                                u"architecture"_s, u"x86_64"_s);
    const QCommandLineOption outputOption({u"o"_s, u"output-dir"_s},
                                          u"Where to create the project (default: here)."_s,
                                          u"dir"_s, u"."_s);
    parser.addOptions({nameOption, runtimeOption, architectureOption, outputOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    NewProjectOptions options;
    options.name = parser.value(nameOption);
    options.runtime = parser.value(runtimeOption);
    options.architecture = parser.value(architectureOption);
    const QString directory = QDir(parser.value(outputOption)).filePath(options.name);
    QString error;
    const QString templatePath =
        ProjectScaffold::create(directory, options, Engine::defaultResourcesDir(), &error);
    if (templatePath.isEmpty()) {
        printErr(u"Error: %1\n"_s.arg(error));
        return 1;
    }
    printOut(u"Created %1 (%2, %3)\n\nNext steps:\n  cd %4\n  lwb local invoke "
             "HelloWorldFunction -e events/event.json\n  lwb local start-api\n"_s
                 .arg(QDir::toNativeSeparators(templatePath), options.runtime,
                      options.architecture, QDir::toNativeSeparators(directory))
                 .toUtf8());
    return 0;
}

const CliCommandRegistration registration({
    u"init"_s,
    u"init [--name N] [--runtime R] [--architecture A] [-o DIR]"_s,
    u"Create a Hello World SAM project"_s,
    init,
});

} // namespace

} // namespace Lwb
