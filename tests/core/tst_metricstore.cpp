// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// MetricStore fed by a real Journal with hand-made records at chosen times.
#include "engine/journal.h"
#include "telemetry/metricstore.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

constexpr qint64 kT0Us = 1700000040LL * 1000000; // a multiple of 60 s and of 120 s
constexpr qint64 kT0Ms = kT0Us / 1000;
constexpr qint64 kSecond = 1000000;

struct Feed
{
    Journal journal;
    MetricStore store;

    Feed()
    {
        QObject::connect(&journal, &Journal::recordAppended, &journal,
                         [this](const JournalRecord &r) { store.ingest(r); });
    }

    void append(JournalKind kind, const QString &fn, const QString &req, const QString &env, qint64 tUs,
                nlohmann::json data = nlohmann::json::object())
    {
        JournalRecord r;
        r.kind = kind;
        r.functionName = fn;
        r.requestId = req;
        r.environmentId = env;
        r.timeUs = tUs;
        r.data = std::move(data);
        journal.append(r);
    }
    void start(const QString &fn, const QString &req, const QString &env, qint64 tUs,
               nlohmann::json data = {{"coldStart", false}, {"version", "$LATEST"}})
    {
        append(JournalKind::InvokeStarted, fn, req, env, tUs, std::move(data));
    }
    void finish(const QString &fn, const QString &req, const QString &env, qint64 tUs, double durationMs,
                const char *status = "success")
    {
        append(JournalKind::InvokeFinished, fn, req, env, tUs,
               {{"status", status}, {"durationMs", durationMs}, {"billedDurationMs", qint64(std::ceil(durationMs))},
                {"memorySizeMb", 128}, {"maxMemoryUsedMb", 40}, {"coldStart", false}});
    }
    /** One invocation from @p startUs lasting @p durationMs. */
    void invocation(const QString &fn, const QString &req, qint64 startUs, double durationMs,
                    const char *status = "success")
    {
        start(fn, req, u"env-"_s + req, startUs);
        finish(fn, req, u"env-"_s + req, startUs + qint64(durationMs * 1000), durationMs, status);
    }
    std::vector<MetricDatapoint> query(Metric m, const QString &fn, int period, qint64 fromMs, qint64 toMs,
                                       const QString &qualifier = {})
    {
        return store.query({m, fn, qualifier, period, fromMs, toMs});
    }
};

} // namespace

class TestMetricStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        QCOMPARE(allMetrics().size(), size_t(14));
        for (Metric m : allMetrics()) {
            QCOMPARE(metricFromName(metricName(m)), std::optional<Metric>(m));
        }
        QCOMPARE(metricName(Metric::ProvisionedConcurrencySpilloverInvocations),
                 u"ProvisionedConcurrencySpilloverInvocations"_s);
        QCOMPARE(metricUnit(Metric::Duration), u"Milliseconds"_s);
        QVERIFY(!metricFromName(u"Nope"_s));
    }

    void percentilesAreExactNearestRank()
    {
        Feed f;
        std::vector<int> durations(100);
        std::iota(durations.begin(), durations.end(), 1);
        std::shuffle(durations.begin(), durations.end(), std::mt19937(7));
        for (int i = 0; i < 100; ++i) {
            f.invocation(u"fn"_s, u"r%1"_s.arg(i), kT0Us + i * 100000, durations[size_t(i)]);
        }
        const auto d = f.query(Metric::Duration, u"fn"_s, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(d[0].timestampMs, kT0Ms);
        QCOMPARE(d[0].sampleCount, 100.0);
        QCOMPARE(d[0].average, 50.5);
        QCOMPARE(d[0].minimum, 1.0);
        QCOMPARE(d[0].maximum, 100.0);
        QCOMPARE(d[0].sum, 5050.0);
        QCOMPARE(*d[0].p50, 50.0);
        QCOMPARE(*d[0].p90, 90.0);
        QCOMPARE(*d[0].p99, 99.0);
        const auto inv = f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(inv.size(), size_t(1));
        QCOMPARE(inv[0].sum, 100.0);
        QVERIFY(!inv[0].p50.has_value());
    }

    void percentileOfFewSamples()
    {
        QCOMPARE(MetricStore::percentile({5}, 99), 5.0);
        QCOMPARE(MetricStore::percentile({1, 2, 3, 4}, 50), 2.0);
        QCOMPARE(MetricStore::percentile({1, 2, 3, 4}, 90), 4.0);
        QCOMPARE(MetricStore::percentile({10, 20, 30}, 50), 20.0);
    }

    void perPeriodBucketing()
    {
        Feed f;
        f.invocation(u"fn"_s, u"a"_s, kT0Us + 10 * kSecond, 5);
        f.invocation(u"fn"_s, u"b"_s, kT0Us + 59 * kSecond + 999000, 7, "error");
        f.invocation(u"fn"_s, u"c"_s, kT0Us + 60 * kSecond, 9);
        f.invocation(u"fn"_s, u"d"_s, kT0Us + 125 * kSecond, 11, "timeout");
        f.append(JournalKind::RequestThrottled, u"fn"_s, u"t"_s, {}, kT0Us + 61 * kSecond,
                 {{"reason", "ReservedFunctionConcurrentInvocationLimitExceeded"}});

        const auto minute = f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 180000);
        QCOMPARE(minute.size(), size_t(3));
        QCOMPARE(minute[0].timestampMs, kT0Ms);
        QCOMPARE(minute[0].sum, 2.0);
        QCOMPARE(minute[1].timestampMs, kT0Ms + 60000);
        QCOMPARE(minute[1].sum, 1.0);
        QCOMPARE(minute[2].timestampMs, kT0Ms + 120000);
        QCOMPARE(minute[2].sum, 1.0);

        const auto twoMinutes = f.query(Metric::Invocations, u"fn"_s, 120, kT0Ms, kT0Ms + 240000);
        QCOMPARE(twoMinutes.size(), size_t(2));
        QCOMPARE(twoMinutes[0].sum, 3.0);

        const auto seconds = f.query(Metric::Invocations, u"fn"_s, 1, kT0Ms, kT0Ms + 180000);
        QCOMPARE(seconds.size(), size_t(4));
        QCOMPARE(seconds[1].timestampMs, kT0Ms + 59000);

        const auto errors = f.query(Metric::Errors, u"fn"_s, 60, kT0Ms, kT0Ms + 180000);
        QCOMPARE(errors.size(), size_t(2)); // the error and the timeout; minute 1 had none
        QCOMPARE(errors[0].timestampMs, kT0Ms);
        QCOMPARE(errors[1].timestampMs, kT0Ms + 120000);

        const auto throttles = f.query(Metric::Throttles, u"fn"_s, 60, kT0Ms, kT0Ms + 180000);
        QCOMPARE(throttles.size(), size_t(1));
        QCOMPARE(throttles[0].timestampMs, kT0Ms + 60000);
        QCOMPARE(throttles[0].sum, 1.0);
        // Throttled requests are not invocations.
        QCOMPARE(minute[1].sum, 1.0);

        // The range is start-inclusive, end-exclusive.
        QCOMPARE(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms + 60000, kT0Ms + 120000).size(), size_t(1));
        QVERIFY(f.query(Metric::Invocations, u"other"_s, 60, kT0Ms, kT0Ms + 180000).empty());
        QCOMPARE(f.store.functions(), QStringList{u"fn"_s});
    }

    void concurrencyFromOverlappingInvocations()
    {
        Feed f; // records arrive in time order, as the engine appends them
        f.start(u"fn"_s, u"a"_s, u"e1"_s, kT0Us);
        f.start(u"fn"_s, u"b"_s, u"e2"_s, kT0Us + 1 * kSecond);
        f.start(u"fn"_s, u"c"_s, u"e3"_s, kT0Us + 2 * kSecond);
        f.start(u"other"_s, u"x"_s, u"e9"_s, kT0Us + 2 * kSecond);
        f.finish(u"fn"_s, u"a"_s, u"e1"_s, kT0Us + 3 * kSecond, 3000);
        f.finish(u"other"_s, u"x"_s, u"e9"_s, kT0Us + 3 * kSecond, 1000);
        f.start(u"fn"_s, u"d"_s, u"e1"_s, kT0Us + 4 * kSecond + 500000);
        f.finish(u"fn"_s, u"b"_s, u"e2"_s, kT0Us + 5 * kSecond, 4000);
        f.finish(u"fn"_s, u"c"_s, u"e3"_s, kT0Us + 5 * kSecond, 3000);
        f.finish(u"fn"_s, u"d"_s, u"e1"_s, kT0Us + 6 * kSecond, 1500);

        const auto minute = f.query(Metric::ConcurrentExecutions, u"fn"_s, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(minute.size(), size_t(1));
        QCOMPARE(minute[0].maximum, 3.0);

        const auto s = f.query(Metric::ConcurrentExecutions, u"fn"_s, 1, kT0Ms, kT0Ms + 10000);
        QList<double> maxima;
        for (const MetricDatapoint &d : s) {
            maxima << d.maximum;
        }
        // 0:1  1:2  2:3  3:3→2  4:2→3  5:3→1  6:1→0
        QCOMPARE(maxima, (QList<double>{1, 2, 3, 3, 3, 3, 1}));
        QCOMPARE(s[3].minimum, 2.0);
        QCOMPARE(s[0].average, 1.0);
        QCOMPARE(s[4].average, 2.5); // 2 for half a second, then 3

        // The account-level series adds every function.
        const auto account = f.query(Metric::ConcurrentExecutions, {}, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(account.size(), size_t(1));
        QCOMPARE(account[0].maximum, 4.0);
        const auto unreserved = f.query(Metric::UnreservedConcurrentExecutions, {}, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(unreserved[0].maximum, 4.0);
    }

    void concurrencyCarriesAcrossQuietPeriods()
    {
        Feed f;
        f.start(u"fn"_s, u"long"_s, u"e1"_s, kT0Us + 50 * kSecond);
        f.finish(u"fn"_s, u"long"_s, u"e1"_s, kT0Us + 130 * kSecond, 80000);
        const auto minute = f.query(Metric::ConcurrentExecutions, u"fn"_s, 60, kT0Ms, kT0Ms + 240000);
        QCOMPARE(minute.size(), size_t(3)); // nothing after it ended
        QCOMPARE(minute[1].timestampMs, kT0Ms + 60000);
        QCOMPARE(minute[1].maximum, 1.0); // no record in that minute, still one in flight
        // A window starting while it runs sees it too.
        const auto later = f.query(Metric::ConcurrentExecutions, u"fn"_s, 60, kT0Ms + 60000, kT0Ms + 120000);
        QCOMPARE(later.size(), size_t(1));
        QCOMPARE(later[0].maximum, 1.0);
    }

    void reservedConcurrencyIsNotUnreserved()
    {
        Feed f;
        f.start(u"fn"_s, u"a"_s, u"e1"_s, kT0Us, {{"version", "$LATEST"}, {"reservedConcurrency", 5}});
        f.start(u"free"_s, u"b"_s, u"e2"_s, kT0Us, {{"version", "$LATEST"}});
        const auto unreserved = f.query(Metric::UnreservedConcurrentExecutions, {}, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(unreserved[0].maximum, 1.0);
        const auto all = f.query(Metric::ConcurrentExecutions, {}, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(all[0].maximum, 2.0);
    }

    void qualifiersGetTheirOwnSeries()
    {
        Feed f;
        f.start(u"fn"_s, u"a"_s, u"e1"_s, kT0Us, {{"version", "3"}, {"qualifier", "live"}});
        f.finish(u"fn"_s, u"a"_s, u"e1"_s, kT0Us + 2000, 2);
        f.invocation(u"fn"_s, u"b"_s, kT0Us + 3000, 4);
        QCOMPARE(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 60000)[0].sum, 2.0);
        QCOMPARE(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 60000, u"live"_s)[0].sum, 1.0);
        QCOMPARE(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 60000, u"3"_s)[0].sum, 1.0);
        QCOMPARE(f.store.qualifiers(u"fn"_s), (QStringList{QString(), u"3"_s, u"live"_s}));
    }

    void provisionedConcurrencyAndSpillover()
    {
        Feed f;
        f.append(JournalKind::EnvironmentCreated, u"fn"_s, {}, u"pc1"_s, kT0Us,
                 {{"runtime", "python3.12"}, {"memoryMb", 128}, {"logStream", "s1"},
                  {"initializationType", "provisioned-concurrency"}, {"provisionedConcurrency", 2},
                  {"version", "1"}});
        f.start(u"fn"_s, u"a"_s, u"pc1"_s, kT0Us + kSecond, {{"version", "1"}, {"qualifier", "live"}});
        f.start(u"fn"_s, u"b"_s, u"od1"_s, kT0Us + 2 * kSecond,
                {{"version", "1"}, {"qualifier", "live"}, {"initializationType", "on-demand"},
                 {"provisionedConcurrency", 2}});
        f.finish(u"fn"_s, u"a"_s, u"pc1"_s, kT0Us + 3 * kSecond, 2000);

        const auto pc = f.query(Metric::ProvisionedConcurrentExecutions, u"fn"_s, 60, kT0Ms, kT0Ms + 60000, u"live"_s);
        QCOMPARE(pc.size(), size_t(1));
        QCOMPARE(pc[0].maximum, 1.0);
        const auto util = f.query(Metric::ProvisionedConcurrencyUtilization, u"fn"_s, 60, kT0Ms, kT0Ms + 60000, u"live"_s);
        QCOMPARE(util.size(), size_t(1));
        QCOMPARE(util[0].maximum, 0.5);
        const auto spill = f.query(Metric::ProvisionedConcurrencySpilloverInvocations, u"fn"_s, 60, kT0Ms,
                                   kT0Ms + 60000, u"live"_s);
        QCOMPARE(spill.size(), size_t(1));
        QCOMPARE(spill[0].sum, 1.0);
        const auto all = f.query(Metric::ConcurrentExecutions, u"fn"_s, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(all[0].maximum, 2.0);
    }

    void asyncAndDestinations()
    {
        Feed f;
        f.append(JournalKind::AsyncEventQueued, u"fn"_s, u"r1"_s, {}, kT0Us, {{"eventId", "e1"}});
        f.append(JournalKind::AsyncEventQueued, u"fn"_s, u"r2"_s, {}, kT0Us + 1000, {{"eventId", "e2"}});
        f.append(JournalKind::RequestReceived, u"fn"_s, u"r1"_s, {}, kT0Us + 250000,
                 {{"source", "async"}, {"eventId", "e1"}});
        f.append(JournalKind::RequestReceived, u"fn"_s, u"r2"_s, {}, kT0Us + 2000,
                 {{"source", "async"}, {"eventAgeMs", 750}});
        f.append(JournalKind::AsyncEventDropped, u"fn"_s, {}, {}, kT0Us + 3000,
                 {{"eventId", "e2"}, {"reason", "EventAgeExceeded"}});
        f.append(JournalKind::DestinationFailed, u"fn"_s, {}, {}, kT0Us + 4000,
                 {{"eventId", "e2"}, {"kind", "dlq"}, {"target", "q"}, {"error", "x"}});
        f.append(JournalKind::DestinationFailed, u"fn"_s, {}, {}, kT0Us + 5000,
                 {{"eventId", "e2"}, {"kind", "onFailure"}, {"target", "q"}, {"error", "x"}});
        f.append(JournalKind::DestinationFailed, u"fn"_s, {}, {}, kT0Us + 6000,
                 {{"eventId", "e3"}, {"kind", "onSuccess"}, {"target", "q"}, {"error", "x"}});

        QCOMPARE(f.query(Metric::AsyncEventsReceived, u"fn"_s, 60, kT0Ms, kT0Ms + 60000)[0].sum, 2.0);
        const auto age = f.query(Metric::AsyncEventAge, u"fn"_s, 60, kT0Ms, kT0Ms + 60000);
        QCOMPARE(age[0].sampleCount, 2.0);
        QCOMPARE(age[0].minimum, 250.0);
        QCOMPARE(age[0].maximum, 750.0);
        QCOMPARE(f.query(Metric::AsyncEventsDropped, u"fn"_s, 60, kT0Ms, kT0Ms + 60000)[0].sum, 1.0);
        QCOMPARE(f.query(Metric::DeadLetterErrors, u"fn"_s, 60, kT0Ms, kT0Ms + 60000)[0].sum, 1.0);
        QCOMPARE(f.query(Metric::DestinationDeliveryFailures, u"fn"_s, 60, kT0Ms, kT0Ms + 60000)[0].sum, 2.0);
    }

    void pointsReadBackGiveTheSameAnswers()
    {
        Feed f;
        MetricStore copy;
        copy.setKeepPoints(false);
        QObject::connect(&f.journal, &Journal::recordAppended, &f.journal, [&copy](const JournalRecord &r) { copy.ingest(r); });
        f.invocation(u"fn"_s, u"a"_s, kT0Us, 12);
        MetricStore rebuilt;
        // Points handed out by ingest(), added back out of order, answer like the original.
        MetricStore producer;
        producer.setKeepPoints(false);
        std::vector<MetricPoint> points;
        for (const JournalRecord &r : f.journal.records()) {
            const auto p = producer.ingest(r);
            points.insert(points.end(), p.begin(), p.end());
        }
        QVERIFY(!points.empty());
        std::reverse(points.begin(), points.end());
        for (const MetricPoint &p : points) {
            rebuilt.addPoint(p);
        }
        QVERIFY(copy.query({Metric::Duration, u"fn"_s, {}, 60, kT0Ms, kT0Ms + 60000}).empty());
        const auto d = rebuilt.query({Metric::Duration, u"fn"_s, {}, 60, kT0Ms, kT0Ms + 60000});
        QCOMPARE(d.size(), size_t(1));
        QCOMPARE(*d[0].p99, 12.0);
        QCOMPARE(rebuilt.query({Metric::ConcurrentExecutions, u"fn"_s, {}, 60, kT0Ms, kT0Ms + 60000})[0].maximum, 1.0);
    }

    void compactionKeepsEveryFigure()
    {
        // 200 overlapping invocations in 20 ms: compacted per 10 ms, counts are summed, the
        // concurrency peak and final level survive, and every Duration sample is kept.
        Feed f;
        MetricStore producer;
        producer.setKeepPoints(false);
        for (int i = 0; i < 200; ++i) {
            f.invocation(u"fn"_s, u"r%1"_s.arg(i), kT0Us + i * 100, 1 + i % 7);
        }
        std::vector<MetricPoint> points;
        for (const JournalRecord &r : f.journal.records()) {
            const auto p = producer.ingest(r);
            points.insert(points.end(), p.begin(), p.end());
        }
        const size_t before = points.size();
        MetricStore::compact(points, 10'000);
        QVERIFY2(points.size() < before / 2, qPrintable(u"%1 -> %2"_s.arg(before).arg(points.size())));
        MetricStore rebuilt;
        for (const MetricPoint &p : points) {
            rebuilt.addPoint(p);
        }
        for (const Metric m : {Metric::Invocations, Metric::ConcurrentExecutions, Metric::Duration}) {
            for (const int period : {1, 60}) {
                const MetricQuery q{m, u"fn"_s, {}, period, kT0Ms - 1000, kT0Ms + 60000};
                const auto want = f.store.query(q);
                const auto got = rebuilt.query(q);
                QCOMPARE(got.size(), want.size());
                for (size_t i = 0; i < want.size(); ++i) {
                    QCOMPARE(got[i].sum, want[i].sum);
                    if (metricKind(m) != MetricKind::Gauge) { // a gauge's changes are merged
                        QCOMPARE(got[i].sampleCount, want[i].sampleCount);
                        QCOMPARE(got[i].minimum, want[i].minimum);
                    }
                    QCOMPARE(got[i].maximum, want[i].maximum);
                    QCOMPARE(got[i].p99, want[i].p99);
                }
            }
        }
        // The 200 Invocations points became one per 10 ms bucket.
        const auto invocationPoints = std::count_if(points.begin(), points.end(), [](const MetricPoint &p) {
            return p.metric == Metric::Invocations;
        });
        QCOMPARE(invocationPoints, 2);
    }

    void retentionDropsOldPoints()
    {
        Feed f;
        f.store.setRetentionSeconds(120);
        f.invocation(u"fn"_s, u"old"_s, kT0Us, 1);
        f.invocation(u"fn"_s, u"new"_s, kT0Us + 600 * kSecond, 1);
        QVERIFY(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms, kT0Ms + 60000).empty());
        QCOMPARE(f.query(Metric::Invocations, u"fn"_s, 60, kT0Ms + 600000, kT0Ms + 660000).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestMetricStore)
#include "tst_metricstore.moc"
