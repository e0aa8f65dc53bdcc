// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "localinvokecommand.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const char kUsage[] =
    "Usage: lwb [--version] [--help] <command> [<args>]\n"
    "\n"
    "Lambda Workbench on the command line: run AWS Lambda functions of a SAM project locally,\n"
    "natively, with Lambda's own lifecycle, limits, logs and error shapes.\n"
    "\n"
    "Commands:\n"
    "  local invoke [FunctionLogicalId] -e event.json   Invoke a function once and print its response\n"
    "\n"
    "Run 'lwb local invoke --help' for the options of a command.\n";

const char kLocalUsage[] =
    "Usage: lwb local <command> [<args>]\n"
    "\n"
    "Commands:\n"
    "  invoke    Invoke a function of the template once, locally\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lwb"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LWB_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == u"--help"_s || args.at(1) == u"-h"_s
        || args.at(1) == u"help"_s) {
        std::fputs(kUsage, args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == u"--version"_s) {
        std::printf("lwb %s\n", LWB_VERSION);
        return 0;
    }
    if (args.at(1) == u"local"_s) {
        if (args.size() < 3 || args.at(2) == u"--help"_s || args.at(2) == u"-h"_s) {
            std::fputs(kLocalUsage, args.size() < 3 ? stderr : stdout);
            return args.size() < 3 ? 2 : 0;
        }
        if (args.at(2) == u"invoke"_s) {
            // The subcommand's parser sees "lwb local invoke" as its program name.
            QStringList sub = args.mid(3);
            sub.prepend(u"lwb local invoke"_s);
            return Lwb::LocalInvokeCommand().run(sub);
        }
        std::fprintf(stderr, "lwb local: unknown command '%s'\n\n%s", qPrintable(args.at(2)),
                     kLocalUsage);
        return 2;
    }
    std::fprintf(stderr, "lwb: unknown command '%s'\n\n%s", qPrintable(args.at(1)), kUsage);
    return 2;
}
