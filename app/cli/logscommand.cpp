// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "telemetrycli.h"
#include "projectoptions.h"

#include "telemetry/telemetrystore.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QThread>
#include <QtCore/QTimeZone>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QByteArray formatEvent(const LogEvent &e)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
    return (e.logStream + u' ' + time + u' ' + e.message + u'\n').toUtf8();
}

int logs(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print the logs of a function, as `sam logs` does: one line per event, "
        "\"<log stream> <time> <message>\", read from the project's .lwb/telemetry.sqlite (written "
        "by `lwb local start-lambda` and the workbench, also while they run). By default the last "
        "10 minutes. --filter takes a CloudWatch filter pattern subset: plain terms (all must occur), "
        "\"quoted phrases\", ?term (any of them), -term (none of them); case-sensitive."_s);
    parser.addHelpOption();
    const QCommandLineOption nameOption({u"n"_s, u"name"_s},
                                        u"The function's logical id (default: every function)."_s, u"name"_s);
    const QCommandLineOption filterOption(u"filter"_s, u"Only events matching this filter pattern."_s,
                                          u"pattern"_s);
    const QCommandLineOption tailOption(u"tail"_s, u"Keep printing new events until interrupted (Ctrl-C)."_s);
    const QCommandLineOption startOption({u"s"_s, u"start-time"_s},
                                         u"From this time: '5mins ago', '1h', '2026-08-01 10:00:00' (default: 10mins ago)."_s,
                                         u"time"_s);
    const QCommandLineOption endOption({u"e"_s, u"end-time"_s}, u"Until this time (default: now)."_s, u"time"_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOptions({nameOption, filterOption, tailOption, startOption, endOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    LogQuery query;
    if (parser.isSet(startOption)) {
        const auto t = TelemetryStore::parseTimeMs(parser.value(startOption), nowMs);
        if (!t) {
            printErr(u"Error: cannot read the start time '%1'.\n"_s.arg(parser.value(startOption)));
            return 2;
        }
        query.startMs = *t;
    } else {
        query.startMs = nowMs - 10 * 60 * 1000;
    }
    if (parser.isSet(endOption)) {
        const auto t = TelemetryStore::parseTimeMs(parser.value(endOption), nowMs);
        if (!t) {
            printErr(u"Error: cannot read the end time '%1'.\n"_s.arg(parser.value(endOption)));
            return 2;
        }
        query.endMs = *t;
    }
    query.filterPattern = parser.value(filterOption);

    const QString templatePath = projectOptions.templatePath(parser);
    if (parser.isSet(nameOption)) {
        query.functionName = TelemetryStore::functionNameFor(templatePath, parser.value(nameOption));
    }
    TelemetryStore store;
    QString path;
    if (!openTelemetryStore(templatePath, store, &path)) {
        return 1;
    }
    QString error;
    if (!query.functionName.isEmpty() && !store.functions().contains(query.functionName)
        && !parser.isSet(tailOption)) {
        printErr(u"Error: no logs of %1 in %2.\n"_s.arg(query.functionName, path));
        return 1;
    }

    std::vector<LogEvent> events = store.logEvents(query);
    for (const LogEvent &e : events) {
        printOut(formatEvent(e));
        query.afterId = std::max(query.afterId, e.id);
    }
    if (!parser.isSet(tailOption)) {
        return 0;
    }
    if (query.afterId == 0) {
        // Nothing matched yet: follow from the newest event stored.
        LogQuery newest;
        newest.limit = 1;
        const auto last = store.logEvents(newest);
        query.afterId = last.empty() ? 0 : last.back().id;
    }
    query.endMs = 0;
    query.startMs = 0;
    for (;;) {
        QThread::msleep(250);
        for (const LogEvent &e : store.logEvents(query)) {
            printOut(formatEvent(e));
            query.afterId = std::max(query.afterId, e.id);
        }
    }
}

const CliCommandRegistration registration({
    u"logs"_s,
    u"logs -n Function [--filter TEXT] [--tail] [-s START] [-e END]"_s,
    u"Print a function's log events (CloudWatch Logs shape)"_s,
    logs,
});

} // namespace

} // namespace Lwb
