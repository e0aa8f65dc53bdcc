// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The orchestrator's own costs: scheduler decisions per second (pure policy, fake clock,
// 10,000 environments' worth of functions), and the engine's CPU while many environments
// sit frozen. Not gated: it prints figures.
#include "benchstats.h"

#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "engine/journal.h"
#include "engine/scheduler.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QTimer>
#include <QtTest/QtTest>

#include <sys/resource.h>

#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

using BenchStats::envInt;

double cpuSeconds()
{
    struct rusage usage = {};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

class BenchOrchestrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schedulerDecisions()
    {
        // 1,000 functions × 10 environments each = 10,000 environments' worth of state.
        qint64 now = 0;
        Scheduler::Config config;
        config.accountConcurrency = 20000;
        config.scalingLimit = 1000;
        Scheduler scheduler(config, [&now] { return now; });
        const int functions = 1000;
        QStringList names;
        for (int i = 0; i < functions; ++i) {
            names << u"fn%1"_s.arg(i);
            if (i % 10 == 0) {
                scheduler.setReservedConcurrency(names.last(), 10);
            }
        }
        std::mt19937 random(42);
        const int rounds = envInt("LWB_BENCH_DECISIONS", 2000000);
        int throttles = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < rounds; ++i) {
            const QString &name = names[int(random() % functions)];
            Scheduler::Idle idle;
            idle.onDemand = int(random() % 2);
            const Scheduler::Decision d = scheduler.decide(name, idle);
            if (d.kind == Scheduler::Kind::Throttle) {
                ++throttles;
            } else {
                scheduler.started(name, d.kind == Scheduler::Kind::Cold, d.provisioned);
                scheduler.finished(name, d.provisioned);
            }
            now += 1; // a millisecond per decision: windows roll over
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        std::printf("\nscheduler: %d decisions (decide+started+finished) in %.3f s = %.2f M decisions/s "
                    "(%d throttles; 10,000 environments' worth of functions)\n",
                    rounds, seconds, rounds / seconds / 1e6, throttles);
    }

    void idleEnvironmentsCostNothing()
    {
        const int count = envInt("LWB_BENCH_IDLE_ENVS", 1000);
        Engine engine;
        FunctionConfig f;
        f.logicalId = f.functionName = u"idle"_s;
        f.runtime = u"python3.11"_s;
        f.handler = u"app.handler"_s;
        f.codeDir = QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/python-globals"_s;
        f.autoPublishAlias = u"live"_s;
        f.provisionedConcurrency = count;
        QElapsedTimer timer;
        timer.start();
        engine.setFunctions({f});
        auto frozen = [&engine] {
            int n = 0;
            for (const JournalRecord &rec : engine.journal()->recordsSince(0)) {
                n += rec.kind == JournalKind::EnvironmentFrozen ? 1 : 0;
            }
            return n;
        };
        QVERIFY(QTest::qWaitFor([&] { return frozen() >= count; }, 600000));
        const double startSeconds = timer.nsecsElapsed() / 1e9;

        const double before = cpuSeconds();
        QElapsedTimer idle;
        idle.start();
        // An event loop that sleeps until a timer: QTest::qWait() would itself wake every
        // 10 ms and poll every environment's descriptors, measuring the benchmark, not the engine.
        QEventLoop loop;
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        const double cpu = cpuSeconds() - before;
        const double wall = idle.nsecsElapsed() / 1e9;
        std::printf("idle: %d frozen environments (initialised in %.1f s); engine CPU while idle: "
                    "%.3f s over %.1f s = %.2f %% of one core\n\n",
                    count, startSeconds, cpu, wall, 100.0 * cpu / wall);
        engine.shutdownAll();
    }
};

QTEST_GUILESS_MAIN(BenchOrchestrator)
#include "bench_orchestrator.moc"
