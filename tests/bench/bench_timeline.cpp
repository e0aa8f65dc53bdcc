// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The concurrency visualiser under load, measured in one run: ingesting 100,000 invocations
// into the TimelineModel, painting frames of the TimelineView while panning over them (target
// ≤ 33 ms a frame), and the GUI thread's event-loop latency while the engine runs a load of
// 1,000 invocations (target < 50 ms), against an idle baseline. Not a gated test: it prints a
// table. LWB_BENCH_INVOCATIONS, LWB_BENCH_FRAMES and LWB_BENCH_LOAD change the sizes.
#include "benchstats.h"

#include "../gui/timelinerecords.h"

#include "concurrencypanel.h"
#include "enginehost.h"
#include "loadrunner.h"
#include "timelineview.h"

#include "enginefixtures.h"

#include "telemetry/timelinemodel.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtTest/QtTest>
#include <QtWidgets/QScrollBar>

#include <sched.h>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

using BenchStats::envInt;
using BenchStats::Stats;
using BenchStats::stats;

/**
 * Journal records of @p invocations invocations over @p environments environments of two
 * functions, in journal (time) order: each environment starts cold, then serves warm
 * invocations with idle and frozen stretches between them; some fail, some time out, and
 * throttles fall in between.
 */
std::vector<JournalRecord> syntheticLoad(int invocations, int environments, qint64 t0)
{
    Test::TimelineRecords r;
    QRandomGenerator random(42);
    const int perEnvironment = std::max(1, invocations / environments);
    for (int e = 0; e < environments; ++e) {
        const QString function = e % 2 ? u"orders"_s : u"payments"_s;
        const QString env = u"env%1"_s.arg(e, 4, 10, QChar(u'0'));
        qint64 t = t0 + random.bounded(2'000'000);
        qint64 idleSince = 0;
        for (int i = 0; i < perEnvironment; ++i) {
            const QString id = u"%1-%2"_s.arg(env).arg(i);
            const qint64 duration = 5'000 + random.bounded(200'000);
            const int roll = random.bounded(100);
            const char *status = roll < 3 ? "error" : roll < 4 ? "timeout" : "success";
            if (i == 0) {
                r.coldInvocation(function, env, id, t, 150'000 + random.bounded(300'000), duration,
                                 status);
            } else {
                // As the engine does: frozen 10 ms into an idle stretch, thawed for the next event.
                const bool frozen = t - idleSince > 50'000;
                if (frozen) {
                    r.frozen(function, env, idleSince + 10'000);
                }
                r.warmInvocation(function, env, id, t, duration, status, frozen);
            }
            idleSince = r.records.back().timeUs;
            t = idleSince + 1'000 + random.bounded(400'000);
            if (random.bounded(40) == 0) {
                r.throttled(function, id + u"-t"_s, t - 500);
            }
        }
        r.destroyed(u"%1"_s.arg(e % 2 ? u"orders"_s : u"payments"_s), env, t + 60'000'000);
    }
    return r.inTimeOrder();
}

} // namespace

class BenchTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void panning100kInvocations()
    {
        const int invocations = envInt("LWB_BENCH_INVOCATIONS", 100000);
        const int frames = envInt("LWB_BENCH_FRAMES", 200);
        const int environments = 200;
        const qint64 t0 = 1'750'000'000'000'000;
        const std::vector<JournalRecord> records = syntheticLoad(invocations, environments, t0);

        TimelineModel model;
        QElapsedTimer clock;
        clock.start();
        // As the GUI receives them: batches of a few hundred records.
        for (std::size_t i = 0; i < records.size(); i += 500) {
            const std::size_t end = std::min(records.size(), i + 500);
            model.ingest(std::vector<JournalRecord>(records.begin() + i, records.begin() + end));
        }
        const double ingestMs = clock.nsecsElapsed() / 1e6;
        QCOMPARE(model.invocationCount(), (invocations / environments) * environments);

        TimelineView view;
        view.setModel(&model);
        view.resize(1600, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);

        auto paintFrames = [&](int count, int dx) {
            std::vector<double> ms;
            for (int i = 0; i < count; ++i) {
                view.pan(dx);
                QElapsedTimer frame;
                frame.start();
                view.viewport()->render(&image);
                ms.push_back(frame.nsecsElapsed() / 1e6);
            }
            return stats(ms);
        };
        // Zoomed in (2 ms a pixel, ~3 s wide) in the thick of it, then everything at once.
        view.setView(model.startUs() + (model.endUs() - model.startUs()) / 3, 2000);
        const Stats near = paintFrames(frames, 15);
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        const Stats middle = paintFrames(frames / 2, -15);
        view.fitAll();
        const Stats all = paintFrames(frames / 4, 3);

        std::printf("\nTimeline: %d invocations on %d environments, %zu journal records "
                    "(CPU %d of %d)\n",
                    model.invocationCount(), environments, records.size(), sched_getcpu(),
                    QThread::idealThreadCount());
        std::printf("  ingest                         %8.1f ms  (%.2f µs per record)\n", ingestMs,
                    ingestMs * 1000 / records.size());
        std::printf("  frame, 1600x900, panning       mean %6.2f  p95 %6.2f  max %6.2f ms  (zoomed "
                    "in, top lanes)\n",
                    near.mean, near.p95, near.max);
        std::printf("  frame, 1600x900, panning       mean %6.2f  p95 %6.2f  max %6.2f ms  (zoomed "
                    "in, middle lanes)\n",
                    middle.mean, middle.p95, middle.max);
        std::printf("  frame, 1600x900, panning       mean %6.2f  p95 %6.2f  max %6.2f ms  (all %d "
                    "invocations in view)\n",
                    all.mean, all.p95, all.max, model.invocationCount());
        std::printf("  target                         ≤ 33 ms a frame: %s\n",
                    std::max({near.max, middle.max, all.max}) <= 33 ? "met" : "MISSED");
    }

    void eventLoopLatencyDuringALoad()
    {
        const int requests = envInt("LWB_BENCH_LOAD", 1000);
        QTemporaryDir project;
        QVERIFY(project.isValid());
        const FunctionConfig f =
            Test::fixture(u"python-hello"_s, u"python3.12"_s, u"app.handler"_s);

        EngineHost host;
        ConcurrencyPanel panel(&host);
        panel.resize(1600, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setProject({f}, project.path(), EngineOptions());
        host.start({f}, project.filePath(u"template.yaml"_s));

        // Lateness of a 5 ms timer: how long the GUI thread kept an event waiting.
        std::vector<double> lateness;
        QElapsedTimer since;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            lateness.push_back(std::max(0.0, since.nsecsElapsed() / 1e6 - 5));
            since.restart();
        });
        since.start();
        probe.start();
        QTest::qWait(2000);
        const Stats idle = stats(lateness);
        lateness.clear();

        QElapsedTimer clock;
        clock.start();
        panel.loadRunner()->runLoad(f.functionName, QByteArrayLiteral("{}"), requests, 10);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loadRunner()->isRunning(), 600000);
        const double loadMs = clock.nsecsElapsed() / 1e6;
        probe.stop();
        const Stats busy = stats(lateness);
        QCOMPARE(panel.loadRunner()->completed(), requests);
        QTRY_COMPARE(panel.model()->invocationCount(), requests);

        std::printf("\nGUI event-loop latency (5 ms timer lateness; CPU %d of %d)\n",
                    sched_getcpu(), QThread::idealThreadCount());
        std::printf("  idle baseline                  mean %6.2f  p95 %6.2f  max %6.2f ms\n",
                    idle.mean, idle.p95, idle.max);
        std::printf("  during %4d invocations (C=10) mean %6.2f  p95 %6.2f  max %6.2f ms  (load "
                    "took %.0f ms, %d failed)\n",
                    requests, busy.mean, busy.p95, busy.max, loadMs, panel.loadRunner()->failed());
        std::printf("  target                         < 50 ms: %s\n",
                    busy.max < 50 ? "met" : "MISSED");
        host.stop();
    }
};

QTEST_MAIN(BenchTimeline)
#include "bench_timeline.moc"
