// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinerecords.h"

#include "enginefixtures.h"

#include "engine/engine.h"
#include "engine/journal.h"
#include "telemetry/timelinemodel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::TimelineModel;

class TestTimelineModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadWithReservedConcurrencyGivesLanesAndThrottles()
    {
        // A real engine runs python-sleep with two reserved: a wave of six concurrent requests
        // starts two cold environments and throttles four; a second wave of four reuses the two
        // warm environments and throttles two more.
        Lwb::FunctionConfig f =
            Lwb::Test::fixture(u"python-sleep"_s, u"python3.12"_s, u"app.handler"_s);
        f.reservedConcurrency = 2;
        Lwb::Engine engine;
        engine.setFunctions({f});

        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAccountConcurrency(engine.options().accountConcurrency);
        model.setFunctionLimits(engine.functions());
        connect(engine.journal(), &Lwb::Journal::recordAppended, &model,
                qOverload<const Lwb::JournalRecord &>(&TimelineModel::ingest));

        int ok = 0;
        int throttled = 0;
        auto wave = [&](int requests) {
            int done = 0;
            for (int i = 0; i < requests; ++i) {
                Lwb::InvokeRequest request;
                request.functionName = f.functionName;
                request.payload = R"({"seconds": 0.4})";
                engine.invoke(request, [&](const Lwb::InvokeResult &r) {
                    ++done;
                    (r.httpStatus == 429 ? throttled : ok) += 1;
                });
            }
            QTRY_COMPARE_WITH_TIMEOUT(done, requests, 30000);
        };
        wave(6);
        QCOMPARE(ok, 2);
        QCOMPARE(throttled, 4);
        wave(4);
        QCOMPARE(ok, 4);
        QCOMPARE(throttled, 6);

        QCOMPARE(model.rowCount(), 1);
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(group.data().toString(), u"python-sleep:$LATEST"_s);
        QCOMPARE(model.rowCount(group), 2);
        QCOMPARE(model.throttleCount(), 6);
        QCOMPARE(group.data(TimelineModel::ThrottleCountRole).toInt(), 6);
        QCOMPARE(model.index(0, TimelineModel::InvocationsColumn).data().toInt(), 4);
        QCOMPARE(group.data(TimelineModel::ColdStartCountRole).toInt(), 2);
        QCOMPARE(model.invocationCount(), 4);
        QCOMPARE(model.peakConcurrency(), 2);
        QCOMPARE(model.runningCount(), 0);
        QCOMPARE(model.functions().front().reservedConcurrency.value_or(-1), 2);
        QCOMPARE(model.accountConcurrency(), 1000);

        const auto marks = model.marks(0, model.startUs(), model.endUs());
        QCOMPARE(int(marks.size()), 6);
        for (const TimelineModel::Mark &m : marks) {
            QCOMPARE(m.kind, TimelineModel::MarkKind::Throttle);
            QCOMPARE(m.detail, u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
            QVERIFY(!m.requestId.isEmpty());
        }

        // Each lane: a cold init, its cold invoke, then (after idling) one warm invoke.
        for (int row = 0; row < 2; ++row) {
            const QModelIndex laneIndex = model.index(row, 0, group);
            const int lane = laneIndex.data(TimelineModel::LaneRole).toInt();
            QCOMPARE(laneIndex.data(TimelineModel::EnvironmentIdRole).toString(),
                     model.lanes()[lane].environmentId);
            QCOMPARE(model.index(row, TimelineModel::InvocationsColumn, group).data().toInt(), 2);
            std::vector<TimelineModel::Span> invokes;
            const auto all = model.spans(lane, 0, TimelineModel::kOpenUs - 1);
            QCOMPARE(all.front().kind, TimelineModel::SpanKind::Init);
            for (const TimelineModel::Span &s : all) {
                QVERIFY(s.endUs >= s.startUs);
                if (s.kind == TimelineModel::SpanKind::Invoke) {
                    invokes.push_back(s);
                }
            }
            QCOMPARE(int(invokes.size()), 2);
            QVERIFY(invokes[0].flags & TimelineModel::Cold);
            QVERIFY(!(invokes[1].flags & TimelineModel::Cold));
            QVERIFY(invokes[0].startUs >= all.front().endUs);
            const TimelineModel::Invocation *inv = model.invocation(invokes[0].invocation);
            QVERIFY(inv);
            QCOMPARE(inv->status, TimelineModel::Status::Success);
            QVERIFY2(inv->durationMs >= 390, qPrintable(QString::number(inv->durationMs)));
            QVERIFY(inv->coldStart);
            QCOMPARE(model.invocation(inv->requestId), inv);
        }

        engine.shutdownAll();
        for (int row = 0; row < 2; ++row) {
            const QModelIndex laneIndex = model.index(row, TimelineModel::StateColumn, group);
            QVERIFY(laneIndex.data(TimelineModel::DestroyedRole).toBool());
            QCOMPARE(laneIndex.data().toString(), u"ended (shutdown)"_s);
            const int lane = laneIndex.data(TimelineModel::LaneRole).toInt();
            QCOMPARE(model.lanes()[lane].spans.back().kind, TimelineModel::SpanKind::Shutdown);
        }
    }

    void spansAndStepsAreFoundByTime()
    {
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Lwb::Test::TimelineRecords r;
        const qint64 t0 = 1'000'000'000'000'000;
        // env a: init 0–100 ms, cold invoke 100–300, idle, frozen at 400, warm invoke 1000–1200.
        r.coldInvocation(u"fn"_s, u"a"_s, u"r1"_s, t0, 100'000, 200'000);
        r.frozen(u"fn"_s, u"a"_s, t0 + 400'000);
        r.warmInvocation(u"fn"_s, u"a"_s, u"r2"_s, t0 + 1'000'000, 200'000, "success", true);
        // env b overlaps a: concurrency reaches 2; its invoke times out and the sandbox goes.
        r.coldInvocation(u"fn"_s, u"b"_s, u"r3"_s, t0 + 1'100'000, 50'000, 300'000, "timeout");
        r.destroyed(u"fn"_s, u"b"_s, t0 + 1'450'000, "timeout");
        r.throttled(u"fn"_s, u"r4"_s, t0 + 1'200'000);
        model.ingest(r.inTimeOrder());

        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        using K = TimelineModel::SpanKind;
        const auto all = model.spans(0, t0, t0 + 2'000'000);
        QCOMPARE(int(all.size()), 6);
        const K kinds[] = {K::Init, K::Invoke, K::Idle, K::Frozen, K::Invoke, K::Idle};
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(all[i].kind, kinds[i]);
        }
        QCOMPARE(all[3].startUs, t0 + 400'000);
        QCOMPARE(all[3].endUs, t0 + 1'000'000);
        QCOMPARE(all[4].endUs, t0 + 1'200'000);
        QVERIFY(all[1].flags & TimelineModel::Cold);
        QVERIFY(!(all[4].flags & TimelineModel::Cold));
        // After the warm invoke the environment idles still: an open span.
        QCOMPARE(all[5].endUs, TimelineModel::kOpenUs);

        // A window inside the frozen span finds only it; one spanning a border finds both.
        auto kindsIn = [&](qint64 from, qint64 to) {
            std::vector<K> out;
            for (const auto &s : model.spans(0, from, to)) {
                out.push_back(s.kind);
            }
            return out;
        };
        QCOMPARE(kindsIn(t0 + 500'000, t0 + 900'000), std::vector<K>{K::Frozen});
        QCOMPARE(kindsIn(t0 + 250'000, t0 + 350'000), (std::vector<K>{K::Invoke, K::Idle}));
        QCOMPARE(kindsIn(t0 - 10, t0 - 1), std::vector<K>{});
        QCOMPARE(kindsIn(t0 + 1'300'000, t0 + 1'400'000), std::vector<K>{K::Idle});

        // Lane b: the timeout, and the shutdown at its end.
        const auto b = model.spans(1, t0, t0 + 2'000'000);
        QCOMPARE(b[1].kind, K::Invoke);
        QVERIFY(b[1].flags & TimelineModel::Timeout);
        QCOMPARE(b.back().kind, K::Shutdown);
        QCOMPARE(model.invocation(u"r3"_s)->status, TimelineModel::Status::Timeout);
        QCOMPARE(model.index(1, TimelineModel::StateColumn, model.index(0, 0)).data().toString(),
                 u"ended (timeout)"_s);

        // Concurrency counts a request from its environment's init on, as Lambda does:
        // 1 from 0 ms, 0 at 300, 1 at 1000, 2 at 1100, 1 at 1200, 0 at 1450.
        QCOMPARE(model.peakConcurrency(), 2);
        const auto steps = model.concurrency(-1, t0 + 1'050'000, t0 + 1'300'000);
        QCOMPARE(int(steps.size()), 3);
        QCOMPARE(steps[0].value, 1); // in force when the window opens
        QCOMPARE(steps[1].timeUs, t0 + 1'100'000);
        QCOMPARE(steps[1].value, 2);
        QCOMPARE(steps[2].timeUs, t0 + 1'200'000);
        QCOMPARE(steps[2].value, 1);
        QCOMPARE(model.concurrency(-1, t0, t0).front().value, 1);
        const auto last = model.concurrency(0, t0 + 1'450'000, t0 + 9'000'000);
        QCOMPARE(int(last.size()), 1);
        QCOMPARE(last.front().value, 0);
        QCOMPARE(model.runningCount(), 0);

        QCOMPARE(int(model.marks(0, t0, t0 + 1'199'999).size()), 0);
        QCOMPARE(int(model.marks(0, t0, t0 + 1'200'000).size()), 1);
    }

    void oddRecordsAreTakenInStride()
    {
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Lwb::Test::TimelineRecords r;
        const qint64 t0 = 2'000'000'000'000'000;
        // Records of an environment whose creation this model never saw (the journal trimmed
        // it), an InvokeFinished without its start, a failed init, and a shutdown under a
        // running invocation; a clock that steps back.
        r.add(Lwb::JournalKind::InvokeFinished, t0, u"fn"_s, u"ghost"_s, u"x"_s,
              {{"status", "success"}});
        r.add(Lwb::JournalKind::InitStarted, t0 + 10, u"fn"_s, u"c"_s, u"y"_s, {{"phase", "init"}});
        r.add(Lwb::JournalKind::InitFinished, t0 + 20, u"fn"_s, u"c"_s, u"y"_s,
              {{"phase", "init"}, {"status", "error"}, {"errorType", "Runtime.ImportModuleError"}});
        r.add(Lwb::JournalKind::InvokeStarted, t0 + 20, u"fn"_s, u"c"_s, u"y"_s,
              {{"coldStart", true}});
        r.add(Lwb::JournalKind::InitStarted, t0 + 21, u"fn"_s, u"c"_s, u"y"_s,
              {{"phase", "invoke"}});
        r.add(Lwb::JournalKind::EnvironmentDestroyed, t0 - 5, u"fn"_s, u"c"_s, {},
              {{"reason", "shutdown"}});
        r.add(Lwb::JournalKind::RequestQueued, t0 + 30, u"other"_s, {}, u"q"_s, {{"position", 1}});
        r.add(Lwb::JournalKind::AsyncRetryScheduled, t0 + 40, u"other"_s, {}, u"q2"_s,
              {{"attempt", 2}, {"delayMs", 60000}, {"cause", "function-error"}});
        r.add(Lwb::JournalKind::LogLine, t0 + 50, u"fn"_s, u"c"_s, {}, {{"message", "hi"}});
        // A freeze of a busy environment does not end its invocation.
        r.add(Lwb::JournalKind::InvokeStarted, t0 + 60, u"fn"_s, u"d"_s, u"z"_s,
              {{"coldStart", false}});
        r.add(Lwb::JournalKind::EnvironmentFrozen, t0 + 61, u"fn"_s, u"d"_s);
        r.add(Lwb::JournalKind::InvokeFinished, t0 + 70, u"fn"_s, u"d"_s, u"z"_s,
              {{"status", "success"}, {"durationMs", 0.01}});
        model.ingest(r.records);

        // fn:$LATEST with lanes c and d (nothing for the ghost's lone finish), "other" for its
        // marks.
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.invocation(u"z"_s)->status, TimelineModel::Status::Success);
        QCOMPARE(model.invocation(u"z"_s)->endUs, t0 + 70);
        QCOMPARE(model.index(0, 0).data().toString(), u"fn:$LATEST"_s);
        const int c = model.index(0, 0, model.index(0, 0)).data(TimelineModel::LaneRole).toInt();
        const auto spans = model.spans(c, 0, TimelineModel::kOpenUs - 1);
        QCOMPARE(spans[0].kind, TimelineModel::SpanKind::Init);
        QVERIFY(spans[0].flags & TimelineModel::Error);
        QCOMPARE(spans[1].kind, TimelineModel::SpanKind::Invoke);
        QVERIFY(spans[1].flags & TimelineModel::Error);
        QVERIFY(spans[1].endUs >= spans[1].startUs);
        QCOMPARE(model.invocation(u"y"_s)->errorType, u"Sandbox.Failure"_s);
        QCOMPARE(model.runningCount(), 0);

        QCOMPARE(model.index(1, 0).data().toString(), u"other"_s); // no version: no environment
        QCOMPARE(model.waitingCount(), 1);
        QVERIFY(model.isWaiting(u"q"_s));
        const int other = model.functionIndex(u"other"_s);
        const auto marks = model.marks(other, 0, TimelineModel::kOpenUs - 1);
        QCOMPARE(int(marks.size()), 2);
        QCOMPARE(marks[0].kind, TimelineModel::MarkKind::Queued);
        QCOMPARE(marks[1].kind, TimelineModel::MarkKind::AsyncRetry);
        QVERIFY(marks[1].detail.contains(u"attempt 2"_s));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.invocationCount(), 0);
        QCOMPARE(model.startUs(), 0);
    }
};

QTEST_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
