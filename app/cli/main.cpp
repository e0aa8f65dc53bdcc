// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"

#include <QtCore/QCoreApplication>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

std::vector<CliCommand> &registry()
{
    static std::vector<CliCommand> commands;
    return commands;
}

QByteArray usage()
{
    QByteArray text =
        "Usage: lwb [--version] [--help] <command> [<args>]\n"
        "\n"
        "Lambda Workbench on the command line: run AWS Lambda functions of a SAM project locally,\n"
        "natively, with Lambda's own lifecycle, limits, logs and error shapes.\n"
        "\n"
        "Commands:\n";
    std::vector<CliCommand> commands = CliCommands::all();
    std::sort(commands.begin(), commands.end(),
              [](const CliCommand &a, const CliCommand &b) { return a.path < b.path; });
    for (const CliCommand &c : commands) {
        text += "  " + c.usage.toUtf8().leftJustified(48) + ' ' + c.summary.toUtf8() + '\n';
    }
    text += "\nRun 'lwb <command> --help' for the options of a command.\n";
    return text;
}

} // namespace

void CliCommands::add(CliCommand command)
{
    registry().push_back(std::move(command));
}

const std::vector<CliCommand> &CliCommands::all()
{
    return registry();
}

} // namespace Lwb

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher: the glib one costs measurably more per socket event,
    // and a served engine handles several per invocation.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lwb"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LWB_VERSION));

    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == u"--help"_s || args.first() == u"-h"_s
        || args.first() == u"help"_s) {
        std::fputs(Lwb::usage().constData(), args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == u"--version"_s) {
        std::printf("lwb %s\n", LWB_VERSION);
        return 0;
    }
    // The longest registered path that the arguments start with.
    const Lwb::CliCommand *best = nullptr;
    qsizetype bestWords = 0;
    for (const Lwb::CliCommand &command : Lwb::CliCommands::all()) {
        const QStringList words = command.path.split(u' ');
        if (words.size() > bestWords && args.size() >= words.size() && args.mid(0, words.size()) == words) {
            best = &command;
            bestWords = words.size();
        }
    }
    if (!best) {
        std::fprintf(stderr, "lwb: unknown command '%s'\n\n%s", qPrintable(args.join(u' ')),
                     Lwb::usage().constData());
        return 2;
    }
    QStringList commandArgs = args.mid(bestWords);
    commandArgs.prepend(u"lwb "_s + best->path);
    return best->run(commandArgs);
}
