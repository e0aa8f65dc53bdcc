// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Cold and warm invoke figures, side by side with the bare interpreter spawn they are judged
// against, measured in one run on this machine. Not a gated test: it prints a table.
#include "benchstats.h"

#include "engine/engine.h"
#include "sandbox/sandboxcapabilities.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtTest/QtTest>

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
 * The environment a sandboxed runtime gets is Lambda's, not this shell's: baselines start with
 * an empty one too (a host's NODE_EXTRA_CA_CERTS alone adds ~40 ms to every node start).
 */
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    return env;
}

double spawnMs(const QString &program, const QStringList &args)
{
    QElapsedTimer t;
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    t.start();
    p.start(program, args);
    p.waitForFinished(30000);
    return t.nsecsElapsed() / 1e6;
}

/** Spawn to the first byte the program writes: an interpreter's start without its exit. */
double firstOutputMs(const QString &program, const QStringList &args)
{
    QElapsedTimer t;
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    t.start();
    p.start(program, args);
    p.waitForReadyRead(30000);
    const double ms = t.nsecsElapsed() / 1e6;
    p.waitForFinished(30000);
    return ms;
}

FunctionConfig fixture(const QString &name, const QString &runtime, const QString &handler)
{
    FunctionConfig f;
    f.logicalId = f.functionName = name;
    f.runtime = runtime;
    f.handler = handler;
    f.codeDir = QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/"_s + name;
    f.memoryMb = 256;
    return f;
}

double invokeMs(Engine &engine, const QString &function, bool *cold = nullptr)
{
    InvokeRequest request;
    request.functionName = function;
    request.payload = QByteArrayLiteral("{\"x\":1}");
    bool done = false;
    QElapsedTimer t;
    t.start();
    engine.invoke(request, [&](const InvokeResult &r) {
        done = true;
        if (cold) {
            *cold = r.coldStart;
        }
        if (r.functionError || r.isServiceError()) {
            qWarning("invoke failed: %s", r.payload.constData());
        }
    });
    while (!done) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return t.nsecsElapsed() / 1e6;
}

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return 0;
}

void row(const char *what, const Stats &s, const char *note = "")
{
    std::printf("%-44s p50 %8.2f ms   p99 %8.2f ms   mean %8.2f ms  %s\n", what, s.p50, s.p99, s.mean, note);
}

} // namespace

class BenchInvoke : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figures()
    {
        const int spawns = envInt("LWB_BENCH_COLD", 30);
        const int warm = envInt("LWB_BENCH_WARM", 2000);
        std::printf("\n== Lambda Workbench invoke benchmark ==\n");
        std::printf("sandbox: %s\n", qPrintable(SandboxCapabilities::probe().summary()));
        std::printf("engine thread on CPU %d of %d; cold samples %d, warm samples %d\n\n", sched_getcpu(),
                    QThread::idealThreadCount(), spawns, warm);

        // Baselines, measured in this same run.
        // `node -e` loads the eval machinery a script never needs: an empty script is the fairer
        // floor for a runtime client that is a script.
        QTemporaryDir dir;
        const QString emptyScript = dir.filePath(u"empty.js"_s);
        QFile(emptyScript).open(QIODevice::WriteOnly);
        QFile printScript(dir.filePath(u"print.js"_s));
        printScript.open(QIODevice::WriteOnly);
        printScript.write("process.stdout.write('x')\n");
        printScript.close();
        std::vector<double> py, pyFirst, nodeEval, node, nodeFirst;
        for (int i = 0; i < spawns; ++i) {
            py.push_back(spawnMs(u"/usr/bin/python3"_s, {u"-c"_s, u"pass"_s}));
            pyFirst.push_back(firstOutputMs(u"/usr/bin/python3"_s, {u"-c"_s, u"print(1, flush=True)"_s}));
            nodeEval.push_back(spawnMs(u"/usr/bin/node"_s, {u"-e"_s, u"0"_s}));
            node.push_back(spawnMs(u"/usr/bin/node"_s, {emptyScript}));
            nodeFirst.push_back(firstOutputMs(u"/usr/bin/node"_s, {printScript.fileName()}));
        }
        const Stats pyBare = stats(py), nodeBare = stats(nodeEval);
        row("bare spawn: python3 -c pass", pyBare);
        row("bare spawn to first output: python3", stats(pyFirst));
        row("bare spawn: node -e 0", nodeBare);
        row("bare spawn: node empty.js", stats(node));
        row("bare spawn to first output: node script", stats(nodeFirst), "(no exit teardown)");

        struct Case { QString name, runtime, handler; Stats bare; const char *label; };
        const std::vector<Case> cases{
            {u"python-globals"_s, u"python3.11"_s, u"app.handler"_s, pyBare, "python"},
            {u"node-cjs-async"_s, u"nodejs20.x"_s, u"index.handler"_s, nodeBare, "node"},
        };
        for (const Case &c : cases) {
            Engine engine;
            engine.setFunctions({fixture(c.name, c.runtime, c.handler)});
            invokeMs(engine, c.name); // warms the runtime catalogue and the page cache
            engine.shutdownAll();
            QCoreApplication::processEvents();

            std::vector<double> cold;
            for (int i = 0; i < spawns; ++i) {
                bool wasCold = false;
                cold.push_back(invokeMs(engine, c.name, &wasCold));
                QVERIFY(wasCold);
                engine.shutdownAll();
                QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            }
            const Stats coldStats = stats(cold);
            const QByteArray label = QByteArray("our cold invoke: ") + c.label;
            row(label.constData(), coldStats);
            std::printf("%-44s %+8.2f ms   (ratio %.2fx the bare spawn)\n",
                        (QByteArray("  cold-start overhead over bare ") + c.label).constData(),
                        coldStats.p50 - c.bare.p50, coldStats.p50 / c.bare.p50);

            std::vector<double> hot;
            hot.reserve(warm);
            for (int i = 0; i < warm; ++i) {
                bool wasCold = true;
                hot.push_back(invokeMs(engine, c.name, &wasCold));
                QVERIFY(i == 0 || !wasCold);
            }
            hot.erase(hot.begin());
            const QByteArray warmLabel = QByteArray("our warm invoke: ") + c.label;
            row(warmLabel.constData(), stats(hot));
        }
        std::printf("\nengine peak RSS (VmHWM): %.1f MB\n", peakRssKb() / 1024.0);
        std::printf("command: installer/dev.sh bench   (or: build/tests/bench/bench_invoke)\n\n");
    }
};

QTEST_GUILESS_MAIN(BenchInvoke)
#include "bench_invoke.moc"
