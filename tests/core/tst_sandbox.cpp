// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandbox.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>
#include <csignal>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

using namespace Qt::StringLiterals;
using Lwb::Sandbox;
using Lwb::SandboxCapabilities;
using Lwb::SandboxSpec;

namespace {

const QString kDataDir = QStringLiteral(LWB_SOURCE_DIR "/tests/core/data/sandbox");

struct RunResult
{
    bool finished = false;
    int exitCode = -1;
    QString description;
    QByteArray output;
};

SandboxSpec baseSpec(const QStringList &command)
{
    SandboxSpec spec;
    spec.id = QString::number(QRandomGenerator::global()->generate64(), 16);
    spec.codeDir = kDataDir + u"/code"_s;
    spec.command = command;
    spec.environment = {{u"PATH"_s, u"/usr/bin:/bin"_s},
                        {u"LANG"_s, u"C.UTF-8"_s},
                        {u"LAMBDA_TASK_ROOT"_s, u"/var/task"_s}};
    spec.memoryMb = 256;
    spec.tmpSizeMb = 16;
    return spec;
}

QStringList sh(const QString &script)
{
    return {u"/bin/sh"_s, u"-c"_s, script};
}

QStringList python(const QString &script)
{
    return {u"/usr/bin/python3"_s, u"-c"_s, script};
}

/// Host pids of pid and its descendants.
QList<qint64> processTree(qint64 root)
{
    QList<qint64> result{root};
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QString taskDir = u"/proc/%1/task"_s.arg(result.at(i));
        const QStringList tasks = QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &task : tasks) {
            QFile file(taskDir + u'/' + task + u"/children"_s);
            if (file.open(QIODevice::ReadOnly)) {
                const QList<QByteArray> children = file.readAll().split(' ');
                for (const QByteArray &child : children) {
                    if (child.trimmed().toLongLong() > 0) {
                        result << child.trimmed().toLongLong();
                    }
                }
            }
        }
    }
    return result;
}

bool processGone(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return true;
    }
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.size() < close + 3 || text.at(close + 2) == 'Z'
           || text.at(close + 2) == 'X';
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private:
    SandboxCapabilities capsFor(bool plain) const
    {
        return plain ? SandboxCapabilities::plain() : SandboxCapabilities::probe();
    }

    void addModes(bool isolatedOnly = false)
    {
        QTest::addColumn<bool>("plain");
        QTest::newRow("sandbox") << false;
        if (!isolatedOnly) {
            QTest::newRow("plain") << true;
        }
    }

    bool skipUnlessIsolated()
    {
        return SandboxCapabilities::probe().bubblewrap;
    }

    /// Starts spec and runs the event loop until finished() or the timeout.
    RunResult run(Sandbox &sandbox, const SandboxSpec &spec, int timeoutMs = 20000)
    {
        RunResult result;
        QEventLoop loop;
        const auto outputConnection = connect(&sandbox, &Sandbox::outputAvailable, this,
                                              [&] { result.output += sandbox.readOutput(); });
        const auto finishedConnection = connect(&sandbox, &Sandbox::finished, this,
                                                [&](int code, const QString &description) {
                                                    result.finished = true;
                                                    result.exitCode = code;
                                                    result.description = description;
                                                    loop.quit();
                                                });
        QString error;
        if (sandbox.start(spec, &error)) {
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        } else {
            qWarning() << "start failed:" << error;
        }
        result.output += sandbox.readOutput();
        disconnect(outputConnection);
        disconnect(finishedConnection);
        return result;
    }

    RunResult run(bool plain, const SandboxSpec &spec, int timeoutMs = 20000)
    {
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        return run(sandbox, spec, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo().noquote() << "sandbox capabilities:" << SandboxCapabilities::probe().summary();
        QVERIFY(QFileInfo::exists(kDataDir + u"/code/main.py"_s));
    }

    void capabilities()
    {
        const SandboxCapabilities probed = SandboxCapabilities::probe();
        QVERIFY(!probed.summary().isEmpty());
        QVERIFY(SandboxCapabilities::plain().summary().contains(u"weaker"_s));
        QVERIFY(!SandboxCapabilities::plain().isFullIsolation());
        if (qgetenv("LWB_SANDBOX") == "plain") {
            QVERIFY(!probed.bubblewrap);
            QCOMPARE(probed.cgroup, SandboxCapabilities::Cgroup::None);
            QVERIFY(probed.summary().contains(u"weaker"_s));
        }
        if (probed.bubblewrap) {
            QVERIFY(probed.summary().startsWith(u"bubblewrap"_s));
        }
        Sandbox sandbox;
        QCOMPARE(sandbox.capabilities().bubblewrap, probed.bubblewrap);
    }

    void hostPathFor()
    {
        SandboxSpec spec = baseSpec({});
        spec.layerDirs = {kDataDir + u"/layer1"_s, kDataDir + u"/layer2"_s};
        spec.readOnlyBinds = {{u"/host/runtimes"_s, u"/var/runtime"_s},
                              {u"/host/python"_s, u"/var/runtime/python"_s}};
        QCOMPARE(Sandbox::hostPathFor(spec, u"/var/task"_s), spec.codeDir);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/var/task/main.py"_s), spec.codeDir + u"/main.py"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/var/taskx"_s), u"/var/taskx"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/opt/python/a.txt"_s), kDataDir + u"/layer2/python/a.txt"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/opt/python/c.txt"_s), kDataDir + u"/layer1/python/c.txt"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/opt/bin/tool"_s), kDataDir + u"/layer1/bin/tool"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/var/runtime/bootstrap"_s), u"/host/runtimes/bootstrap"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/var/runtime/python/x.py"_s), u"/host/python/x.py"_s);
        QCOMPARE(Sandbox::hostPathFor(spec, u"/usr/bin/python3"_s), u"/usr/bin/python3"_s);
        spec.layerDirs.clear();
        QVERIFY(Sandbox::hostPathFor(spec, u"/opt/bin"_s).isEmpty());
    }

    void pythonRunsInTaskRoot_data() { addModes(); }
    void pythonRunsInTaskRoot()
    {
        QFETCH(bool, plain);
        const RunResult result = run(plain, baseSpec({u"/usr/bin/python3"_s, u"/var/task/main.py"_s}));
        QVERIFY(result.finished);
        QCOMPARE(result.description, u"exit status 0"_s);
        QVERIFY2(result.output.contains("hello from the code dir\n"), result.output.constData());
        QVERIFY2(result.output.contains("cwd-is-root True"), result.output.constData());
        QVERIFY2(result.output.contains("argv0-exists True"), result.output.constData());
    }

    void taskIsReadOnly()
    {
        if (!skipUnlessIsolated()) {
            QSKIP("needs bubblewrap");
        }
        const RunResult result = run(false, baseSpec(sh(
            u"cat /var/task/hello.txt; pwd; "
            "if touch /var/task/new 2>/dev/null; then echo TASK-WRITABLE; else echo TASK-READONLY; fi; "
            "if mkdir /newdir 2>/dev/null; then echo ROOT-WRITABLE; else echo ROOT-READONLY; fi"_s)));
        QCOMPARE(result.description, u"exit status 0"_s);
        QCOMPARE(result.output, QByteArray("hello from the code dir\n/var/task\nTASK-READONLY\nROOT-READONLY\n"));
        QVERIFY(!QFileInfo::exists(kDataDir + u"/code/new"_s));
    }

    void layersMergeUnderOpt()
    {
        if (!skipUnlessIsolated()) {
            QSKIP("needs bubblewrap");
        }
        SandboxSpec spec = baseSpec(sh(
            u"cat /opt/python/a.txt /opt/python/b.txt /opt/python/c.txt; /opt/bin/tool; "
            "if touch /opt/python/new 2>/dev/null; then echo OPT-WRITABLE; else echo OPT-READONLY; fi"_s));
        spec.layerDirs = {kDataDir + u"/layer1"_s, kDataDir + u"/layer2"_s};
        const RunResult result = run(false, spec);
        QCOMPARE(result.description, u"exit status 0"_s);
        QCOMPARE(result.output, QByteArray("two\nlayer2\nlayer1\ntool-from-layer1\nOPT-READONLY\n"));

        spec.layerDirs = {};
        spec.command = sh(u"ls -A /opt | wc -l"_s);
        QCOMPARE(run(false, spec).output, QByteArray("0\n"));
    }

    void plainTranslatesPaths()
    {
        SandboxSpec spec = baseSpec(sh(u"echo \"$P\"; echo \"$LAMBDA_TASK_ROOT\"; echo \"$API\"; pwd; "
                                       "cat /opt/python/a.txt 2>/dev/null || cat \"${P%%:*}/a.txt\""_s));
        spec.layerDirs = {kDataDir + u"/layer1"_s, kDataDir + u"/layer2"_s};
        spec.environment.insert(u"P"_s, u"/opt/python:/var/task:/opt/missing:/usr/lib"_s);
        spec.environment.insert(u"API"_s, u"127.0.0.1:9001"_s);
        const RunResult result = run(true, spec);
        QCOMPARE(result.description, u"exit status 0"_s);
        const QByteArray expected = (kDataDir + u"/layer2/python:"_s + kDataDir + u"/layer1/python:"_s
                                     + spec.codeDir + u":/usr/lib\n"_s + spec.codeDir + u"\n127.0.0.1:9001\n"_s
                                     + QFileInfo(spec.codeDir).canonicalFilePath() + u"\ntwo\n"_s)
                                        .toUtf8();
        QCOMPARE(result.output, expected);
    }

    void tmpIsPrivateAndLimited()
    {
        if (!skipUnlessIsolated()) {
            QSKIP("needs bubblewrap");
        }
        QFile marker(u"/tmp/lwb-sandbox-host-marker"_s);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        SandboxSpec spec = baseSpec(sh(
            u"echo hi > /tmp/x && cat /tmp/x; test -e /tmp/lwb-sandbox-host-marker && echo HOST-TMP; "
            "head -c 8388608 /dev/zero > /tmp/big || echo WRITE-FAILED; df -k /tmp | tail -1"_s));
        spec.tmpSizeMb = 4;
        const RunResult result = run(false, spec);
        marker.remove();
        QVERIFY2(result.output.startsWith("hi\n"), result.output.constData());
        QVERIFY2(!result.output.contains("HOST-TMP"), result.output.constData());
        QVERIFY2(result.output.contains("No space left on device"), result.output.constData());
        QVERIFY2(result.output.contains("WRITE-FAILED"), result.output.constData());
        QVERIFY2(result.output.contains(" 4096 "), result.output.constData());
    }

    void hostDirsHidden()
    {
        if (!skipUnlessIsolated()) {
            QSKIP("needs bubblewrap");
        }
        const RunResult result = run(false, baseSpec(sh(
            u"for d in /work /root /home /var/lib /srv; do test -e $d && echo \"visible $d\"; done; "
            "test -r /usr/bin/python3 && echo usr-ok; test -r /etc/passwd && echo etc-ok"_s)));
        QCOMPARE(result.output, QByteArray("usr-ok\netc-ok\n"));
    }

    void environmentIsExact_data() { addModes(); }
    void environmentIsExact()
    {
        QFETCH(bool, plain);
        qputenv("LWB_SANDBOX_TEST_LEAK", "leaked");
        SandboxSpec spec = baseSpec({u"/usr/bin/env"_s});
        spec.environment = {{u"PATH"_s, u"/usr/bin:/bin"_s},
                            {u"FOO"_s, u"bar baz"_s},
                            {u"EMPTY"_s, QString()},
                            {u"UNICODE"_s, u"grüße"_s}};
        const RunResult result = run(plain, spec);
        QCOMPARE(result.description, u"exit status 0"_s);
        QStringList lines = QString::fromUtf8(result.output).split(u'\n', Qt::SkipEmptyParts);
        lines.sort();
        // PWD is the one addition (bwrap always exports it; the fallback matches).
        const bool isolated = !plain && SandboxCapabilities::probe().bubblewrap;
        const QString pwd = !isolated ? QFileInfo(spec.codeDir).canonicalFilePath() : u"/var/task"_s;
        QCOMPARE(lines, QStringList({u"EMPTY="_s, u"FOO=bar baz"_s, u"PATH=/usr/bin:/bin"_s,
                                     u"PWD="_s + pwd, u"UNICODE=grüße"_s}));
    }

    void ownPidNamespace()
    {
        if (!skipUnlessIsolated()) {
            QSKIP("needs bubblewrap");
        }
        const RunResult result = run(false, baseSpec(sh(u"echo $$; ls /proc | grep -c '^[0-9]'"_s)));
        const QList<QByteArray> lines = result.output.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).toInt() <= 3, result.output.constData());
        QVERIFY2(lines.at(1).toInt() <= 5, result.output.constData());
    }

    void readOutputDrainsThePipe_data() { addModes(); }
    void readOutputDrainsThePipe()
    {
        // The runtime writes, then reaches a server on the host's loopback; at that moment
        // readOutput() must hold every byte written before, without an event loop turn.
        QFETCH(bool, plain);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        QSignalSpy finished(&sandbox, &Sandbox::finished);
        const QString script = uR"(import os, socket, sys
sys.stdout.write("first line\n"); sys.stdout.flush()
os.write(2, b"second line on stderr\n")
sys.stdout.write("x" * 30000 + "\nlast line\n"); sys.stdout.flush()
s = socket.create_connection(("127.0.0.1", %1))
s.recv(1)
)"_s.arg(server.serverPort());
        QVERIFY(sandbox.start(baseSpec(python(script))));
        QVERIFY(server.waitForNewConnection(10000));
        const QByteArray output = sandbox.readOutput();
        const qsizetype first = output.indexOf("first line\n");
        const qsizetype second = output.indexOf("second line on stderr\n");
        const qsizetype last = output.indexOf("\nlast line\n");
        QVERIFY2(first == 0 && second > first && last > second, output.left(200).constData());
        QCOMPARE(output.size(), 11 + 22 + 30000 + 11);
        QTcpSocket *socket = server.nextPendingConnection();
        socket->close();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toString(), u"exit status 0"_s);
        QVERIFY(sandbox.readOutput().isEmpty());
    }

    void freezeStopsTheTree_data() { addModes(); }
    void freezeStopsTheTree()
    {
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        QByteArray output;
        connect(&sandbox, &Sandbox::outputAvailable, this, [&] { output += sandbox.readOutput(); });
        // The counter lives in a background grandchild, not in the top process.
        QVERIFY(sandbox.start(baseSpec(sh(
            u"( i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.02; done ) & wait"_s))));
        QTRY_VERIFY_WITH_TIMEOUT(output.count("tick") >= 3, 10000);
        sandbox.freeze();
        QVERIFY(sandbox.isFrozen());
        // The kernel finishes freezing asynchronously, within milliseconds.
        QTest::qWait(50);
        sandbox.readOutput();
        output.clear();
        QTest::qWait(400);
        QCOMPARE(output + sandbox.readOutput(), QByteArray());
        QVERIFY(sandbox.isRunning());
        sandbox.thaw();
        QVERIFY(!sandbox.isFrozen());
        QTRY_VERIFY_WITH_TIMEOUT(output.count("tick") >= 2, 5000);

        // kill() works on a frozen tree too.
        QSignalSpy finished(&sandbox, &Sandbox::finished);
        sandbox.freeze();
        sandbox.kill();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toString(), u"signal: killed"_s);
    }

    void memoryLimitKills_data() { addModes(); }
    void memoryLimitKills()
    {
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        QSignalSpy exceeded(&sandbox, &Sandbox::memoryLimitExceeded);
        SandboxSpec spec = baseSpec(python(uR"(import time
chunks = []
for i in range(80):
    chunks.append(bytearray(b"\x01") * (10 * 1024 * 1024))
    print(i, flush=True)
    time.sleep(0.02)
print("survived", flush=True)
)"_s));
        spec.memoryMb = 64;
        const RunResult result = run(sandbox, spec);
        QVERIFY(result.finished);
        QVERIFY2(!result.output.contains("survived"), result.output.right(200).constData());
        QVERIFY(sandbox.memoryLimitHit());
        QCOMPARE(exceeded.size(), 1);
        QCOMPARE(result.description, u"signal: killed"_s);
    }

    void peakMemory_data() { addModes(); }
    void peakMemory()
    {
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        SandboxSpec spec = baseSpec(python(
            u"import time\nx = bytearray(b'\\x01') * (50 * 1024 * 1024)\ntime.sleep(0.2)\nprint('done')"_s));
        spec.memoryMb = 256;
        const RunResult result = run(sandbox, spec);
        QCOMPARE(result.description, u"exit status 0"_s);
        QVERIFY(!sandbox.memoryLimitHit());
        const qint64 peakMb = sandbox.peakMemoryBytes() / (1024 * 1024);
        qInfo() << "peak MB" << peakMb;
        QVERIFY2(peakMb >= 50 && peakMb < 200, QByteArray::number(peakMb).constData());
    }

    void exitDescriptions_data()
    {
        QTest::addColumn<bool>("plain");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("description");
        for (const bool plain : {false, true}) {
            const char *mode = plain ? "plain" : "sandbox";
            QTest::addRow("%s/exit 0", mode) << plain << sh(u"exit 0"_s) << 0 << u"exit status 0"_s;
            QTest::addRow("%s/exit 3", mode) << plain << sh(u"exit 3"_s) << 3 << u"exit status 3"_s;
            QTest::addRow("%s/SIGSEGV", mode) << plain << sh(u"kill -SEGV $$"_s) << 139
                                              << u"signal: segmentation fault"_s;
            QTest::addRow("%s/real segfault", mode)
                << plain << python(u"import ctypes; ctypes.string_at(0)"_s) << 139
                << u"signal: segmentation fault"_s;
            QTest::addRow("%s/SIGKILL", mode) << plain << sh(u"kill -KILL $$"_s) << 137
                                              << u"signal: killed"_s;
            QTest::addRow("%s/abort", mode) << plain << python(u"import os; os.abort()"_s) << 134
                                            << u"signal: aborted"_s;
        }
    }
    void exitDescriptions()
    {
        QFETCH(bool, plain);
        QFETCH(QStringList, command);
        QFETCH(int, exitCode);
        QFETCH(QString, description);
        const RunResult result = run(plain, baseSpec(command));
        QVERIFY(result.finished);
        QCOMPARE(result.description, description);
        QCOMPARE(result.exitCode, exitCode);
    }

    void killEndsTheWholeTree_data() { addModes(); }
    void killEndsTheWholeTree()
    {
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        QSignalSpy finished(&sandbox, &Sandbox::finished);
        QVERIFY(sandbox.start(baseSpec(sh(
            u"sh -c 'sleep 1000; true' & setsid sleep 1001 & echo started; wait"_s))));
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += sandbox.readOutput()).contains("started"), 10000);
        QList<qint64> tree;
        // sh, sh, sleep, sleep (+ bwrap's monitor and init)
        const int expected = plain || !SandboxCapabilities::probe().bubblewrap ? 4 : 6;
        QTRY_VERIFY_WITH_TIMEOUT((tree = processTree(sandbox.pid())).size() >= expected, 10000);
        sandbox.kill();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toString(), u"signal: killed"_s);
        QVERIFY(!sandbox.isRunning());
        for (qint64 pid : std::as_const(tree)) {
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), QByteArray::number(pid).constData(), 5000);
        }
    }

    void runtimeExitEndsLeftovers_data() { addModes(); }
    void runtimeExitEndsLeftovers()
    {
        // A daemonised child must not outlive its environment.
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        const QString tag = u"lwb-leftover-%1"_s.arg(QRandomGenerator::global()->generate(), 0, 16);
        QSignalSpy finished(&sandbox, &Sandbox::finished);
        QVERIFY(sandbox.start(baseSpec(sh(u"(exec -a %1 sleep 1000) & sleep 0.2; exit 0"_s.arg(tag)))));
        QTest::qWait(100);
        const QList<qint64> tree = processTree(sandbox.pid());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toString(), u"exit status 0"_s);
        for (qint64 pid : tree) {
            QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), QByteArray::number(pid).constData(), 5000);
        }
    }

    void restartAfterFinish()
    {
        Sandbox sandbox;
        const SandboxSpec spec = baseSpec(sh(u"echo run"_s));
        QCOMPARE(run(sandbox, spec).output, QByteArray("run\n"));
        QCOMPARE(run(sandbox, spec).output, QByteArray("run\n"));
    }

    void startFailures_data() { addModes(); }
    void startFailures()
    {
        QFETCH(bool, plain);
        Sandbox sandbox;
        sandbox.setCapabilities(capsFor(plain));
        QSignalSpy finished(&sandbox, &Sandbox::finished);
        QString error;
        QVERIFY(!sandbox.start(baseSpec({u"/var/task/no-such-bootstrap"_s}), &error));
        QVERIFY(error.contains(u"no-such-bootstrap"_s));
        SandboxSpec missingCode = baseSpec(sh(u"true"_s));
        missingCode.codeDir = kDataDir + u"/does-not-exist"_s;
        QVERIFY(!sandbox.start(missingCode, &error));
        QVERIFY(!sandbox.isRunning());
        QCOMPARE(sandbox.pid(), -1);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 0);
    }

    void coldStartCost_data() { addModes(); }
    void coldStartCost()
    {
        // Not a gate: prints the cost of a sandboxed `python3 -c pass` next to a bare spawn.
        QFETCH(bool, plain);
        constexpr int kRuns = 15;
        auto median = [](QList<double> values) {
            std::sort(values.begin(), values.end());
            return values.at(values.size() / 2);
        };
        QList<double> bare, sandboxed;
        char arg0[] = "/usr/bin/python3", arg1[] = "-c", arg2[] = "pass";
        char *argv[] = {arg0, arg1, arg2, nullptr};
        for (int i = 0; i < kRuns; ++i) {
            QElapsedTimer timer;
            timer.start();
            pid_t pid = 0;
            QCOMPARE(posix_spawn(&pid, arg0, nullptr, nullptr, argv, environ), 0);
            int status = 0;
            waitpid(pid, &status, 0);
            bare << timer.nsecsElapsed() / 1e6;

            Sandbox sandbox;
            sandbox.setCapabilities(capsFor(plain));
            QEventLoop loop;
            connect(&sandbox, &Sandbox::finished, &loop, &QEventLoop::quit);
            timer.restart();
            QVERIFY(sandbox.start(baseSpec(python(u"pass"_s))));
            loop.exec();
            sandboxed << timer.nsecsElapsed() / 1e6;
        }
        qInfo().noquote() << u"python3 -c pass, median of %1: bare %2 ms, %3 %4 ms (+%5 ms)"_s
                                 .arg(kRuns)
                                 .arg(median(bare), 0, 'f', 2)
                                 .arg(capsFor(plain).summary().section(u' ', 0, 2))
                                 .arg(median(sandboxed), 0, 'f', 2)
                                 .arg(median(sandboxed) - median(bare), 0, 'f', 2);
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
