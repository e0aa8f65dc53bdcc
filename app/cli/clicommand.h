// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QCommandLineParser>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

namespace Lwb {

/**
 * One `lwb` command. Each command's .cpp registers itself with a static CliCommandRegistration,
 * so commands are added without touching main.cpp.
 */
struct CliCommand
{
    QString path;       ///< words after `lwb`, e.g. "local invoke", "logs"
    QString usage;      ///< one line for `lwb --help`, e.g. "local invoke [Function] -e event.json"
    QString summary;    ///< what it does, in a few words
    /// Runs the command; @p arguments[0] is the program name as the parser should show it
    /// ("lwb local invoke"), the rest are the command's own arguments. Returns the exit status.
    std::function<int(const QStringList &arguments)> run;
};

class CliCommands
{
public:
    static void add(CliCommand command);
    static const std::vector<CliCommand> &all();
};

struct CliCommandRegistration
{
    explicit CliCommandRegistration(CliCommand command) { CliCommands::add(std::move(command)); }
};

/** Writes @p text to stderr at once (logs and errors interleave with the function's output). */
inline void printErr(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

/**
 * Parses @p arguments the way every command does: on a bad option the error and the help go
 * to stderr (exit status 2), on --help the help goes to stdout (0). nullopt: carry on.
 */
inline std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("Error: ") + parser.errorText() + QStringLiteral("\n\n") + parser.helpText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    return std::nullopt;
}

/** Writes @p bytes to stdout at once. */
inline void printOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace Lwb
