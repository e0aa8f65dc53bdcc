// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CostModel against figures computed by hand from resources/pricing.json (reference §8).
#include "engine/journal.h"
#include "telemetry/costmodel.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

Pricing pricing()
{
    QString error;
    const auto p = Pricing::load(QStringLiteral(LWB_SOURCE_DIR) + u"/resources/pricing.json"_s, &error);
    [&] { QVERIFY2(p.has_value(), qPrintable(error)); }();
    return p.value_or(Pricing{});
}

InvocationFacts facts(int memoryMb, qint64 billedMs, const QString &arch = u"x86_64"_s, int storageMb = 512)
{
    InvocationFacts f;
    f.functionName = u"fn"_s;
    f.memorySizeMb = memoryMb;
    f.billedDurationMs = billedMs;
    f.architecture = arch;
    f.ephemeralStorageMb = storageMb;
    return f;
}

struct Feed
{
    Journal journal;
    CostModel model{pricing()};
    std::vector<InvocationCost> costs;

    Feed()
    {
        QObject::connect(&journal, &Journal::recordAppended, &journal, [this](const JournalRecord &r) {
            if (const auto c = model.ingest(r)) {
                costs.push_back(*c);
            }
        });
    }
    void invocation(const QString &fn, const QString &req, nlohmann::json finished,
                    nlohmann::json environment = nlohmann::json::object())
    {
        JournalRecord env;
        env.kind = JournalKind::EnvironmentCreated;
        env.functionName = fn;
        env.environmentId = u"env-"_s + req;
        env.data = std::move(environment);
        journal.append(env);
        JournalRecord start;
        start.kind = JournalKind::InvokeStarted;
        start.functionName = fn;
        start.environmentId = env.environmentId;
        start.requestId = req;
        start.data = {{"coldStart", false}, {"version", "$LATEST"}};
        journal.append(start);
        JournalRecord end = start;
        end.kind = JournalKind::InvokeFinished;
        end.data = std::move(finished);
        journal.append(end);
    }
};

} // namespace

class TestCostModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pricingFile()
    {
        const Pricing p = pricing();
        QCOMPARE(p.region, u"us-east-1"_s);
        QCOMPARE(p.billingGranularityMs, 1);
        QCOMPARE(p.perRequest, 0.0000002);
        QCOMPARE(p.prices(u"x86_64"_s).durationTiers.size(), size_t(3));
        QCOMPARE(p.prices(u"x86_64"_s).durationTiers[0].perGbSecond, 0.0000166667);
        QCOMPARE(p.prices(u"arm64"_s).durationTiers[0].perGbSecond, 0.0000133334);
        QCOMPARE(p.prices(u"arm64"_s).durationTiers[1].upToGbSeconds, 18750000000.0);
        QCOMPARE(p.prices(u"x86_64"_s).provisionedConcurrencyPerGbSecond, 0.0000041667);
        QCOMPARE(p.prices(u"arm64"_s).provisionedDurationPerGbSecond, 0.0000077778);
        QCOMPARE(p.ephemeralPerGbSecond, 0.0000000309);
        QCOMPARE(p.freeRequestsPerMonth, 1000000.0);
        QCOMPARE(p.freeGbSecondsPerMonth, 400000.0);
        QVERIFY(!p.freeTierAppliedByDefault);
        // The default constructor finds the same file through the resources folder.
        QVERIFY(CostModel().isValid());
        QCOMPARE(CostModel().pricing().perRequest, 0.0000002);
    }

    void brokenPricingIsAnError()
    {
        QString error;
        QVERIFY(!Pricing::fromJson(nlohmann::json{{"requests", {{"perMillion", 0.2}}}}, &error));
        QVERIFY(error.contains(u"invalid pricing"_s));
    }

    void x86AndArm()
    {
        const CostModel m(pricing());
        // 128 MB for 100 ms = 0.0125 GB-s.
        const InvocationCost x86 = m.cost(facts(128, 100));
        QCOMPARE(x86.gbSeconds, 0.0125);
        QCOMPARE(x86.requestUsd, 0.0000002);
        QCOMPARE(x86.durationUsd, 0.0125 * 0.0000166667);   // 2.08333750e-7
        QCOMPARE(x86.totalUsd(), 0.00000040833375);
        QCOMPARE(x86.storageUsd, 0.0);
        const InvocationCost arm = m.cost(facts(128, 100, u"arm64"_s));
        QCOMPARE(arm.durationUsd, 0.0000001666675);          // 0.0125 × 0.0000133334
        QVERIFY(arm.totalUsd() < x86.totalUsd());
    }

    void oneMillisecondBilling()
    {
        Feed f;
        // No billed duration in the record: 1.2 ms bills as 2 ms, not 100.
        f.invocation(u"fn"_s, u"a"_s, {{"status", "success"}, {"durationMs", 1.2}, {"memorySizeMb", 1024}});
        // The engine's billed duration is used as is (init included on a cold start).
        f.invocation(u"fn"_s, u"b"_s,
                     {{"status", "success"}, {"durationMs", 10.5}, {"billedDurationMs", 215},
                      {"initDurationMs", 203.7}, {"memorySizeMb", 1024}});
        QCOMPARE(f.costs.size(), size_t(2));
        QCOMPARE(f.costs[0].gbSeconds, 0.002);
        QCOMPARE(f.costs[0].durationUsd, 0.002 * 0.0000166667);
        QCOMPARE(f.costs[1].gbSeconds, 0.215);
    }

    void ephemeralStorageAbove512()
    {
        const CostModel m(pricing());
        QCOMPARE(m.cost(facts(1024, 1000, u"x86_64"_s, 512)).storageUsd, 0.0);
        const InvocationCost big = m.cost(facts(1024, 1000, u"x86_64"_s, 10240));
        QCOMPARE(big.storageGbSeconds, 9.5);                  // (10240 − 512) / 1024 GB × 1 s
        QCOMPARE(big.storageUsd, 9.5 * 0.0000000309);         // 2.9355e-7
        QCOMPARE(big.totalUsd(), 0.0000002 + 0.0000166667 + 0.00000029355);
        // Journal fields: the environment says 2048 MB, arm64.
        Feed f;
        f.invocation(u"fn"_s, u"a"_s,
                     {{"status", "success"}, {"durationMs", 99.1}, {"billedDurationMs", 100}, {"memorySizeMb", 512}},
                     {{"architecture", "arm64"}, {"ephemeralStorageMb", 2048}, {"logStream", "s"}});
        QCOMPARE(f.costs[0].storageGbSeconds, 1.5 * 0.1);
        QCOMPARE(f.costs[0].durationUsd, 0.05 * 0.0000133334);
    }

    void functionDefaultsWhenRecordsAreSilent()
    {
        Feed f;
        InvocationTracker::FunctionDefaults d;
        d.architecture = u"arm64"_s;
        f.model.tracker().setFunctionDefaults(u"fn"_s, d);
        f.invocation(u"fn"_s, u"a"_s, {{"status", "success"}, {"durationMs", 99.1}, {"billedDurationMs", 100},
                                       {"memorySizeMb", 128}});
        QCOMPARE(f.costs[0].durationUsd, 0.0000001666675);
    }

    void provisionedConcurrency()
    {
        const CostModel m(pricing());
        InvocationFacts pc = facts(128, 100);
        pc.initializationType = u"provisioned-concurrency"_s;
        QCOMPARE(m.cost(pc).durationUsd, 0.0125 * 0.0000097222);
        // Standby: 2 × 1 GB for 60 s, billed as 5 minutes.
        QCOMPARE(m.provisionedConcurrencyCost(u"x86_64"_s, 1024, 2, 60), 2 * 300 * 0.0000041667);
        QCOMPARE(m.provisionedConcurrencyCost(u"arm64"_s, 1024, 1, 301), 600 * 0.0000033334);
    }

    void tiers()
    {
        const CostModel m(pricing());
        QCOMPARE(m.durationCost(u"x86_64"_s, 1), 0.0000166667);
        // 2 B GB-s after 5 B: 1 B in tier 1, 1 B in tier 2.
        QCOMPARE(m.durationCost(u"x86_64"_s, 2e9, 5e9), 1e9 * 0.0000166667 + 1e9 * 0.000015);
        QCOMPARE(m.durationCost(u"x86_64"_s, 1, 16e9), 0.0000133334);
        QCOMPARE(m.durationCost(u"arm64"_s, 1, 7.5e9), 0.0000120001);
        QCOMPARE(m.durationCost(u"arm64"_s, 1, 2e10), 0.0000106667);
    }

    void totalsPerFunctionAndFreeTierNotApplied()
    {
        Feed f;
        const nlohmann::json hundredMs = {{"status", "success"}, {"durationMs", 99.0}, {"billedDurationMs", 100},
                                          {"memorySizeMb", 128}};
        f.invocation(u"fn"_s, u"a"_s, hundredMs);
        f.invocation(u"fn"_s, u"b"_s, hundredMs);
        f.invocation(u"g"_s, u"c"_s, hundredMs);
        QCOMPARE(f.model.functions(), (QStringList{u"fn"_s, u"g"_s}));
        QCOMPARE(f.model.totals(u"fn"_s).requests, 2);
        QCOMPARE(f.model.totals(u"fn"_s).totalUsd(), 2 * 0.00000040833375);
        QCOMPARE(f.model.totals(u"g"_s).gbSeconds, 0.0125);
        QCOMPARE(f.model.total().requests, 3);
        QCOMPARE(f.model.total().totalUsd(), 3 * 0.00000040833375);
        QCOMPARE(f.model.totals(u"none"_s).requests, 0);
        // Within the free tier the credit would cover everything — but it is not taken off.
        QCOMPARE(f.model.freeTierCreditUsd(), f.model.total().totalUsd());
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "tst_costmodel.moc"
