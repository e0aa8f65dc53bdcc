// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommand.h"
#include "telemetrycli.h"
#include "projectoptions.h"

#include "telemetry/costmodel.h"
#include "telemetry/telemetrystore.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QTimeZone>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString usd(double v)
{
    return u"$"_s + QString::number(v, 'f', 10);
}

QString price(double v)
{
    return u"$"_s + QString::number(v, 'g', 10);
}

nlohmann::json totalsJson(const CostTotals &t)
{
    return {{"requests", t.requests}, {"gbSeconds", t.gbSeconds}, {"requestUsd", t.requestUsd},
            {"durationUsd", t.durationUsd}, {"storageUsd", t.storageUsd}, {"totalUsd", t.totalUsd()}};
}

int cost(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print what the recorded invocations would have cost on AWS Lambda (us-east-1 list prices "
        "from resources/pricing.json): request price + billed duration (1 ms) × memory × the "
        "architecture's GB-second price + ephemeral storage above 512 MB. Per invocation, per "
        "function, since the engine last started and in all. The free tier is not taken off."_s);
    parser.addHelpOption();
    const QCommandLineOption nameOption({u"n"_s, u"name"_s}, u"The function's logical id (default: every function)."_s,
                                        u"name"_s);
    const QCommandLineOption sinceOption(u"since"_s, u"Only invocations that ended this recently (15m, 1h, 1d…)."_s,
                                         u"duration"_s);
    const QCommandLineOption outputOption({u"o"_s, u"output"_s}, u"table (default) or json."_s, u"format"_s,
                                          u"table"_s);
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    parser.addOptions({nameOption, sinceOption, outputOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    qint64 startMs = 0;
    if (parser.isSet(sinceOption)) {
        const auto since = TelemetryStore::parseDurationMs(parser.value(sinceOption));
        if (!since) {
            printErr(u"Error: cannot read --since '%1' (try 15m, 1h, 1d).\n"_s.arg(parser.value(sinceOption)));
            return 2;
        }
        startMs = QDateTime::currentMSecsSinceEpoch() - *since;
    }
    const bool json = parser.value(outputOption) == u"json"_s;

    const QString templatePath = projectOptions.templatePath(parser);
    TelemetryStore store;
    QString path;
    if (!openTelemetryStore(templatePath, store, &path)) {
        return 1;
    }
    QString error;
    QString only;
    if (parser.isSet(nameOption)) {
        only = TelemetryStore::functionNameFor(templatePath, parser.value(nameOption));
    }
    const auto pricing = Pricing::load(Pricing::defaultPath(), &error);
    if (!pricing) {
        printErr(u"Error: %1\n"_s.arg(error));
        return 1;
    }

    const std::vector<StoredInvocation> invocations = store.invocations(only, startMs);
    const std::vector<TelemetrySession> sessions = store.sessions();
    const qint64 lastSession = sessions.empty() ? 0 : sessions.back().id;
    std::map<QString, CostTotals> perFunction;
    CostTotals all;
    CostTotals sinceStart;
    nlohmann::json rows = nlohmann::json::array();
    QByteArray text;

    // The prices used.
    const Pricing &p = *pricing;
    text += u"Prices (%1, %2, as of %3; billed per %4 ms):\n"_s.arg(p.region, p.currency, p.asOf)
                .arg(p.billingGranularityMs).toUtf8();
    text += u"  requests                    %1 per 1M\n"_s.arg(price(p.perRequest * 1e6)).toUtf8();
    for (const auto &[arch, a] : p.architectures) {
        text += u"  duration %1 %2 per GB-s (first tier), on provisioned concurrency %3\n"_s
                    .arg(arch.leftJustified(7), price(a.durationTiers.front().perGbSecond),
                         price(a.provisionedDurationPerGbSecond)).toUtf8();
    }
    text += u"  ephemeral storage above %1 MB %2 per GB-s\n"_s.arg(p.ephemeralIncludedMb)
                .arg(price(p.ephemeralPerGbSecond)).toUtf8();
    text += u"  free tier (not applied): %1 requests and %2 GB-s a month\n\n"_s
                .arg(QString::number(p.freeRequestsPerMonth, 'f', 0), QString::number(p.freeGbSecondsPerMonth, 'f', 0))
                .toUtf8();

    text += "TIME                      FUNCTION              REQUEST ID                            ARCH    "
            "MEMORY  BILLED MS  GB-S           COST\n";
    for (const StoredInvocation &i : invocations) {
        const InvocationFacts &f = i.facts;
        perFunction[f.functionName].add(i.cost);
        all.add(i.cost);
        if (i.sessionId == lastSession) {
            sinceStart.add(i.cost);
        }
        const QString time = QDateTime::fromMSecsSinceEpoch(f.endUs / 1000, Qt::UTC).toString(Qt::ISODateWithMs);
        rows.push_back({{"time", time.toStdString()}, {"function", f.functionName.toStdString()},
                        {"requestId", f.requestId.toStdString()}, {"architecture", f.architecture.toStdString()},
                        {"memorySizeMb", f.memorySizeMb}, {"billedDurationMs", f.billedDurationMs},
                        {"ephemeralStorageMb", f.ephemeralStorageMb}, {"gbSeconds", i.cost.gbSeconds},
                        {"requestUsd", i.cost.requestUsd}, {"durationUsd", i.cost.durationUsd},
                        {"storageUsd", i.cost.storageUsd}, {"costUsd", i.cost.totalUsd()},
                        {"session", i.sessionId}});
        text += u"%1  %2  %3  %4  %5  %6  %7  %8\n"_s
                    .arg(time.leftJustified(24), f.functionName.leftJustified(20), f.requestId.leftJustified(36),
                         f.architecture.leftJustified(6), (QString::number(f.memorySizeMb) + u" MB"_s).rightJustified(7),
                         QString::number(f.billedDurationMs).rightJustified(9),
                         QString::number(i.cost.gbSeconds, 'f', 6).rightJustified(13), usd(i.cost.totalUsd()))
                    .toUtf8();
    }
    text += "\nTotals\n";
    nlohmann::json functionsJson = nlohmann::json::object();
    for (const auto &[name, t] : perFunction) {
        functionsJson[name.toStdString()] = totalsJson(t);
        text += u"  %1 %2 invocations  %3 GB-s  %4\n"_s
                    .arg(name.leftJustified(28), QString::number(t.requests).rightJustified(6),
                         QString::number(t.gbSeconds, 'f', 6), usd(t.totalUsd())).toUtf8();
    }
    text += u"  %1 %2 invocations  %3 GB-s  %4\n"_s
                .arg(u"since the engine started"_s.leftJustified(28), QString::number(sinceStart.requests).rightJustified(6),
                     QString::number(sinceStart.gbSeconds, 'f', 6), usd(sinceStart.totalUsd())).toUtf8();
    text += u"  %1 %2 invocations  %3 GB-s  %4\n"_s
                .arg(u"all recorded"_s.leftJustified(28), QString::number(all.requests).rightJustified(6),
                     QString::number(all.gbSeconds, 'f', 6), usd(all.totalUsd())).toUtf8();

    if (json) {
        nlohmann::json prices = {{"region", p.region.toStdString()}, {"currency", p.currency.toStdString()},
                                 {"perRequest", p.perRequest}, {"ephemeralPerGbSecond", p.ephemeralPerGbSecond},
                                 {"billingGranularityMs", p.billingGranularityMs}, {"freeTierApplied", false}};
        for (const auto &[arch, a] : p.architectures) {
            prices["durationPerGbSecond"][arch.toStdString()] = a.durationTiers.front().perGbSecond;
        }
        const nlohmann::json out = {{"prices", prices},
                                    {"invocations", rows},
                                    {"functions", functionsJson},
                                    {"sinceEngineStarted", totalsJson(sinceStart)},
                                    {"total", totalsJson(all)}};
        printOut(QByteArray::fromStdString(out.dump(2)) + '\n');
    } else {
        printOut(text);
    }
    return 0;
}

const CliCommandRegistration registration({
    u"cost"_s,
    u"cost [-n Function] [--since 1h]"_s,
    u"What the recorded invocations would cost on AWS Lambda"_s,
    cost,
});

} // namespace

} // namespace Lwb
