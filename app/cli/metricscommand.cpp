// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "telemetrycli.h"
#include "projectoptions.h"

#include "telemetry/telemetrystore.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QTimeZone>

#include <nlohmann/json.hpp>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

QString optionalNumber(const std::optional<double> &v)
{
    return v ? number(*v) : u"-"_s;
}

nlohmann::json toJson(const MetricDatapoint &d)
{
    nlohmann::json j = {{"timestamp", QDateTime::fromMSecsSinceEpoch(d.timestampMs, Qt::UTC)
                                          .toString(Qt::ISODateWithMs).toStdString()},
                        {"timestampMs", d.timestampMs},
                        {"sampleCount", d.sampleCount},
                        {"sum", d.sum},
                        {"average", d.average},
                        {"minimum", d.minimum},
                        {"maximum", d.maximum}};
    if (d.p50) {
        j["p50"] = *d.p50;
        j["p90"] = *d.p90;
        j["p99"] = *d.p99;
    }
    return j;
}

int metrics(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print the CloudWatch metrics (namespace AWS/Lambda) of the project's functions, computed "
        "from .lwb/telemetry.sqlite: Invocations, Errors, Throttles, Duration (avg, min, max, p50, "
        "p90, p99 — exact), ConcurrentExecutions (maximum), provisioned concurrency, async and "
        "destination metrics. One row per metric and period that has data."_s);
    parser.addHelpOption();
    const QCommandLineOption nameOption({u"n"_s, u"name"_s},
                                        u"The function's logical id (default: every function, and the account)."_s,
                                        u"name"_s);
    const QCommandLineOption periodOption(u"period"_s, u"Seconds per datapoint (default 60; 1 and up)."_s,
                                          u"seconds"_s, u"60"_s);
    const QCommandLineOption sinceOption(u"since"_s, u"How far back: 15m, 1h, 3h, 1d, 1w… (default 1h)."_s,
                                         u"duration"_s, u"1h"_s);
    const QCommandLineOption outputOption({u"o"_s, u"output"_s}, u"table (default) or json."_s, u"format"_s,
                                          u"table"_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOptions({nameOption, periodOption, sinceOption, outputOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    bool ok = false;
    const int period = parser.value(periodOption).toInt(&ok);
    if (!ok || period < 1) {
        printErr(u"Error: --period takes a whole number of seconds, 1 or more.\n"_s);
        return 2;
    }
    const auto sinceMs = TelemetryStore::parseDurationMs(parser.value(sinceOption));
    if (!sinceMs) {
        printErr(u"Error: cannot read --since '%1' (try 15m, 1h, 1d).\n"_s.arg(parser.value(sinceOption)));
        return 2;
    }
    const bool json = parser.value(outputOption) == u"json"_s;
    if (!json && parser.value(outputOption) != u"table"_s) {
        printErr(u"Error: --output is table or json.\n"_s);
        return 2;
    }

    const QString templatePath = projectOptions.templatePath(parser);
    TelemetryStore store;
    QString path;
    if (!openTelemetryStore(templatePath, store, &path)) {
        return 1;
    }
    QString error;
    QStringList functions = store.functions();
    QString only;
    if (parser.isSet(nameOption)) {
        only = TelemetryStore::functionNameFor(templatePath, parser.value(nameOption));
        if (!functions.contains(only)) {
            printErr(u"Error: no telemetry of %1 in %2.\n"_s.arg(only, path));
            return 1;
        }
        functions = {only};
    }

    const qint64 endMs = QDateTime::currentMSecsSinceEpoch() + 1;
    const qint64 startMs = endMs - *sinceMs;
    MetricStore metrics;
    store.loadMetrics(metrics, only, startMs, endMs);

    // The account-level series (ConcurrentExecutions, UnreservedConcurrentExecutions) go under "".
    QStringList sections = functions;
    if (only.isEmpty()) {
        sections << QString();
    }
    nlohmann::json out = {{"period", period},
                          {"startMs", startMs},
                          {"endMs", endMs},
                          {"functions", nlohmann::json::object()}};
    QByteArray table;
    const auto time = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    };
    table += u"Metrics from %1 to %2, period %3 s\n"_s.arg(time(startMs), time(endMs)).arg(period).toUtf8();
    for (const QString &function : sections) {
        nlohmann::json fj = nlohmann::json::object();
        QList<QStringList> rows;
        for (const QString &qualifier : metrics.qualifiers(function)) {
            for (Metric m : allMetrics()) {
                const auto points = metrics.query({m, function, qualifier, period, startMs, endMs});
                if (points.empty()) {
                    continue;
                }
                nlohmann::json &series = fj[metricName(m).toStdString()][qualifier.toStdString()];
                series = nlohmann::json::array();
                for (const MetricDatapoint &d : points) {
                    series.push_back(toJson(d));
                    const bool gauge = metricKind(m) == MetricKind::Gauge;
                    rows << QStringList{time(d.timestampMs), metricName(m),
                                        qualifier.isEmpty() ? u"-"_s : qualifier,
                                        number(d.sampleCount), gauge ? u"-"_s : number(d.sum),
                                        number(d.average), number(d.minimum), number(d.maximum),
                                        optionalNumber(d.p50), optionalNumber(d.p90), optionalNumber(d.p99)};
                }
            }
        }
        out["functions"][function.toStdString()] = fj;
        table += u"\n%1\n"_s.arg(function.isEmpty() ? u"Account"_s : u"Function "_s + function).toUtf8();
        if (rows.isEmpty()) {
            table += "  (no data in this range)\n";
            continue;
        }
        rows.prepend({u"TIME"_s, u"METRIC"_s, u"QUALIFIER"_s, u"SAMPLES"_s, u"SUM"_s, u"AVG"_s, u"MIN"_s,
                      u"MAX"_s, u"P50"_s, u"P90"_s, u"P99"_s});
        QList<qsizetype> widths(rows.front().size(), 0);
        for (const QStringList &row : rows) {
            for (qsizetype i = 0; i < row.size(); ++i) {
                widths[i] = std::max(widths[i], row[i].size());
            }
        }
        for (const QStringList &row : rows) {
            QString line = u" "_s;
            for (qsizetype i = 0; i < row.size(); ++i) {
                line += u' ' + (i < 3 ? row[i].leftJustified(widths[i]) : row[i].rightJustified(widths[i]));
            }
            table += line.toUtf8() + '\n';
        }
    }
    printOut(json ? QByteArray::fromStdString(out.dump(2)) + '\n' : table);
    return 0;
}

const CliCommandRegistration registration({
    u"metrics"_s,
    u"metrics [-n Function] [--period 60] [--since 1h]"_s,
    u"Print CloudWatch-style metrics of the functions"_s,
    metrics,
});

} // namespace

} // namespace Lwb
