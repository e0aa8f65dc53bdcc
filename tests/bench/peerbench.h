// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the peer benchmarks share (bench_invokeapi, bench_startapi): a server process under test,
// wrk runs with latency percentiles, CPU per request and CPU placement read from /proc, and
// serverless-offline (the peer) installed and started from tests/bench/data.
#pragma once

#include "benchstats.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>
#include <QtCore/QThread>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace PeerBench {

using namespace Qt::StringLiterals;
using BenchStats::envInt;

// ---- /proc: CPU time and placement of a process tree --------------------------------------

struct TaskStat
{
    QString comm;
    int ppid = 0;
    qint64 ticks = 0; ///< utime + stime
    int cpu = -1;     ///< field 39: the CPU it last ran on
};

inline std::optional<TaskStat> readStat(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray text = file.readAll();
    const qsizetype open = text.indexOf('(');
    const qsizetype close = text.lastIndexOf(')');
    if (open < 0 || close < open) {
        return std::nullopt;
    }
    // Fields after the command name start at field 3 (state).
    const QList<QByteArray> f = text.mid(close + 2).split(' ');
    if (f.size() < 37) {
        return std::nullopt;
    }
    TaskStat s;
    s.comm = QString::fromUtf8(text.mid(open + 1, close - open - 1));
    s.ppid = f[1].toInt();
    s.ticks = f[11].toLongLong() + f[12].toLongLong();
    s.cpu = f[36].toInt();
    return s;
}

/** The process and all its live descendants, by pid. */
inline std::map<int, TaskStat> processTree(qint64 root)
{
    std::map<int, TaskStat> all;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const int pid = entry.toInt(&ok);
        if (ok) {
            if (auto s = readStat(u"/proc/%1/stat"_s.arg(pid))) {
                all.emplace(pid, *s);
            }
        }
    }
    std::map<int, TaskStat> tree;
    std::set<int> frontier{int(root)};
    while (!frontier.empty()) {
        std::set<int> next;
        for (const auto &[pid, s] : all) {
            if (frontier.count(pid) && !tree.count(pid)) {
                tree.emplace(pid, s);
            }
            if (frontier.count(s.ppid) && !tree.count(pid)) {
                next.insert(pid);
            }
        }
        frontier = std::move(next);
    }
    return tree;
}

/** The threads of one process, by tid. */
inline std::map<int, TaskStat> threads(qint64 pid)
{
    std::map<int, TaskStat> result;
    const QStringList tids =
        QDir(u"/proc/%1/task"_s.arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        if (auto s = readStat(u"/proc/%1/task/%2/stat"_s.arg(pid).arg(tid))) {
            result.emplace(tid.toInt(), *s);
        }
    }
    return result;
}

/** A runtime process of an engine: a Python or Node interpreter below the server. */
inline bool isRuntime(const TaskStat &s)
{
    return s.comm.startsWith(u"python"_s) || s.comm.startsWith(u"node"_s);
}

inline QString affinity(qint64 pid)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(pid_t(pid), sizeof(set), &set) != 0) {
        return u"?"_s;
    }
    QStringList cpus;
    for (int i = 0; i < CPU_SETSIZE; ++i) {
        if (CPU_ISSET(i, &set)) {
            cpus << QString::number(i);
        }
    }
    return cpus.join(u',');
}

/**
 * Where a group of processes ran: every 100 ms, each task that used CPU since the last look
 * counts once for the CPU it last ran on (field 39).
 */
class Placement
{
public:
    void sample(const std::map<int, TaskStat> &tasks)
    {
        for (const auto &[tid, s] : tasks) {
            const auto it = m_last.find(tid);
            if (it != m_last.end() && s.ticks > it->second) {
                ++m_counts[s.cpu];
                ++m_total;
            }
            m_last[tid] = s.ticks;
        }
    }

    QString summary() const
    {
        if (m_total == 0) {
            return u"-"_s;
        }
        QStringList parts;
        for (const auto &[cpu, n] : m_counts) {
            parts << u"cpu%1 %2%"_s.arg(cpu).arg(100 * n / m_total);
        }
        return parts.join(u' ');
    }

private:
    std::map<int, qint64> m_last;
    std::map<int, int> m_counts;
    int m_total = 0;
};

// ---- the servers -----------------------------------------------------------------------

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/** One HTTP/1.1 request on a fresh connection; returns the status code and the body. */
inline std::pair<int, QByteArray> request(quint16 port, const QByteArray &method,
                                          const QByteArray &path, const QByteArray &body = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) {
        return {0, {}};
    }
    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                 "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 15000 && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(500);
        response += socket.readAll();
    }
    response += socket.readAll();
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    const QList<QByteArray> statusLine = response.left(response.indexOf("\r\n")).split(' ');
    return {statusLine.size() > 1 ? statusLine[1].toInt() : 0,
            headerEnd < 0 ? QByteArray() : response.mid(headerEnd + 4)};
}

/** A server process under test, its output going to a file the bench polls. */
class Server
{
public:
    QString name;        ///< "lwb" or "sls-offline"
    QByteArray path;     ///< the Invoke API path of the benchmark function
    quint16 port = 0;
    QString logPath;

    bool start(const QString &program, const QStringList &args, const QString &workDir,
               const QProcessEnvironment &env, const QRegularExpression &ready, int timeoutMs)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(program);
        m_process->setArguments(args);
        m_process->setWorkingDirectory(workDir);
        m_process->setProcessEnvironment(env);
        m_process->setStandardOutputFile(logPath);
        m_process->setStandardErrorFile(logPath, QIODevice::Append);
        m_process->start();
        if (!m_process->waitForStarted(10000)) {
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_process->state() != QProcess::Running) {
                return false;
            }
            const QRegularExpressionMatch match = ready.match(log());
            if (match.hasMatch()) {
                if (port == 0) {
                    port = quint16(match.captured(1).toUInt());
                }
                return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

    QString log() const
    {
        QFile file(logPath);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    QString url() const { return u"http://127.0.0.1:%1"_s.arg(port) + QString::fromUtf8(path); }

    int runtimeCount() const
    {
        int n = 0;
        for (const auto &[p, s] : processTree(pid())) {
            n += p != pid() && isRuntime(s) ? 1 : 0;
        }
        return n;
    }

    /** SIGTERM, then SIGKILL for the process and whatever of its tree is left. */
    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning) {
            return;
        }
        const std::map<int, TaskStat> tree = processTree(pid());
        m_process->terminate();
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        QThread::msleep(300);
        for (const auto &[p, s] : tree) {
            if (p != pid() && ::kill(p, 0) == 0) {
                ::kill(p, SIGKILL);
            }
        }
        m_process.reset();
    }

    ~Server() { stop(); }

private:
    std::unique_ptr<QProcess> m_process;
};

// ---- wrk -------------------------------------------------------------------------------

struct Run
{
    QString engine;
    QString peer; ///< the engine this one is compared with (ratios), empty for none
    int connections = 0;
    bool cold = false;
    bool ok = false;
    qint64 requests = 0;
    double seconds = 0;
    double p50Ms = 0, p99Ms = 0, maxMs = 0;
    qint64 errors = 0; ///< connect, read, write, timeout and non-2xx together
    double rps() const { return seconds > 0 ? requests / seconds : 0; }
    // CPU per request, µs: the server process, its runtimes (and anything else it spawned), wrk
    double serverUs = 0, runtimesUs = 0, wrkUs = 0;
    int runtimesAfter = 0;
    QString serverCpus, runtimeCpus, wrkCpus;
    std::map<QString, double> threadUs; ///< the server's threads, by name
};

/** The successful run of @p engine with @p connections, cold or warm; null when none. */
inline const Run *findRun(const std::vector<Run> &runs, const QString &engine, int connections,
                          bool cold)
{
    for (const Run &r : runs) {
        if (r.engine == engine && r.connections == connections && r.cold == cold && r.ok) {
            return &r;
        }
    }
    return nullptr;
}

constexpr auto kWrkSummary = R"lua(
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LWBSUMMARY %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
)lua";

class Bench
{
public:
    QString wrk;
    QString script;
    double ticksToUs = 1e6 / double(::sysconf(_SC_CLK_TCK));

    /** Finds wrk and writes the script; false when wrk is not installed. */
    bool setUp(const QString &scriptPath, const QByteArray &requestLua)
    {
        wrk = QStandardPaths::findExecutable(u"wrk"_s);
        return !wrk.isEmpty() && writeScript(scriptPath, requestLua);
    }

    /** Writes the wrk script to @p path: @p requestLua (wrk.method, body, headers) + a summary. */
    bool writeScript(const QString &path, const QByteArray &requestLua)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return false;
        }
        script = path;
        return file.write(requestLua + '\n' + kWrkSummary) > 0;
    }

    Run run(Server &server, int connections, int seconds, bool cold)
    {
        Run r;
        r.engine = server.name;
        r.connections = connections;
        r.cold = cold;

        const std::map<int, TaskStat> treeBefore = processTree(server.pid());
        const std::map<int, TaskStat> threadsBefore = threads(server.pid());
        rusage childrenBefore = {};
        ::getrusage(RUSAGE_CHILDREN, &childrenBefore);

        QProcess p;
        p.setProgram(wrk);
        // One wrk thread: on two cores a second one only takes CPU from the servers.
        p.setArguments({u"-t1"_s, u"-c%1"_s.arg(connections), u"-d%1s"_s.arg(seconds),
                        u"--timeout"_s, u"10s"_s, u"--latency"_s, u"-s"_s, script, server.url()});
        p.start();
        if (!p.waitForStarted(5000)) {
            return r;
        }
        Placement serverPlace, runtimePlace, wrkPlace;
        while (!p.waitForFinished(100)) {
            std::map<int, TaskStat> serverTasks = threads(server.pid()), runtimes;
            for (const auto &[pid, s] : processTree(server.pid())) {
                if (pid != server.pid()) {
                    for (const auto &[tid, t] : threads(pid)) {
                        runtimes.emplace(tid, t);
                    }
                }
            }
            serverPlace.sample(serverTasks);
            runtimePlace.sample(runtimes);
            wrkPlace.sample(threads(p.processId()));
        }
        rusage childrenAfter = {};
        ::getrusage(RUSAGE_CHILDREN, &childrenAfter);
        const std::map<int, TaskStat> treeAfter = processTree(server.pid());
        const std::map<int, TaskStat> threadsAfter = threads(server.pid());

        const QByteArray out = p.readAllStandardOutput();
        const qsizetype at = out.indexOf("LWBSUMMARY ");
        if (p.exitCode() != 0 || at < 0) {
            std::printf("wrk failed against %s: %s %s\n", qPrintable(server.name), out.constData(),
                        p.readAllStandardError().constData());
            return r;
        }
        const QList<QByteArray> f = out.mid(at).split('\n').first().split(' ');
        r.requests = f[1].toLongLong();
        r.seconds = f[2].toLongLong() / 1e6;
        r.p50Ms = f[3].toLongLong() / 1e3;
        r.p99Ms = f[4].toLongLong() / 1e3;
        r.maxMs = f[5].toLongLong() / 1e3;
        r.errors = f[6].toLongLong();
        r.ok = r.requests > 0;

        // CPU per request. Runtimes that exited during the run take their CPU with them: a
        // lower bound for the cold runs, exact for the warm ones (no environment comes or goes).
        const double n = std::max<qint64>(r.requests, 1);
        auto ticksOf = [](const std::map<int, TaskStat> &tree, qint64 pid, bool server) {
            qint64 sum = 0;
            for (const auto &[p, s] : tree) {
                if ((p == pid) == server) {
                    sum += s.ticks;
                }
            }
            return sum;
        };
        qint64 runtimeTicks = 0;
        for (const auto &[p, s] : treeAfter) {
            const auto before = treeBefore.find(p);
            if (p != server.pid()) {
                runtimeTicks += s.ticks - (before == treeBefore.end() ? 0 : before->second.ticks);
            }
        }
        r.serverUs = (ticksOf(treeAfter, server.pid(), true) - ticksOf(treeBefore, server.pid(), true))
                     * ticksToUs / n;
        r.runtimesUs = runtimeTicks * ticksToUs / n;
        auto us = [](const timeval &tv) { return tv.tv_sec * 1e6 + tv.tv_usec; };
        r.wrkUs = (us(childrenAfter.ru_utime) + us(childrenAfter.ru_stime) - us(childrenBefore.ru_utime)
                   - us(childrenBefore.ru_stime)) / n;
        for (const auto &[tid, s] : threadsAfter) {
            const auto before = threadsBefore.find(tid);
            const qint64 delta = s.ticks - (before == threadsBefore.end() ? 0 : before->second.ticks);
            if (delta > 0) {
                r.threadUs[s.comm] += delta * ticksToUs / n;
            }
        }
        r.runtimesAfter = server.runtimeCount();
        r.serverCpus = serverPlace.summary();
        r.runtimeCpus = runtimePlace.summary();
        r.wrkCpus = wrkPlace.summary();
        return r;
    }
};

inline QProcessEnvironment slsEnvironment(const QString &home)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, home);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    env.insert(u"SLS_TELEMETRY_DISABLED"_s, u"1"_s);
    env.insert(u"SLS_NOTIFICATIONS_MODE"_s, u"off"_s);
    env.insert(u"SLS_INTERACTIVE_SETUP_DISABLE"_s, u"1"_s);
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"test"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"test"_s);
    env.insert(u"AWS_DEFAULT_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    return env;
}

inline bool copyInto(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

/**
 * The bench project (tests/bench/data) without the state earlier runs left in its .lwb: every
 * run measures a fresh project, not a telemetry store grown (and pruned) by the runs before.
 */
inline QString freshBenchProject()
{
    const QString data = QStringLiteral(LWB_SOURCE_DIR) + u"/tests/bench/data"_s;
    QDir(data + u"/.lwb"_s).removeRecursively();
    return data;
}

inline QString ratio(double ours, double theirs)
{
    return theirs > 0 && ours > 0 ? u"%1x"_s.arg(ours / theirs, 0, 'f', 2) : u"-"_s;
}

/**
 * Installs serverless-offline (tests/bench/setup-serverless-offline.sh), copies
 * tests/bench/data/@p serviceFile as serverless.yml plus the handlers next to it, and starts
 * `serverless offline start`; returns why it could not, empty on success. The Invoke API listens
 * on @p lambdaPort, the HTTP emulation on @p httpPort; @p ready names the port to wait for.
 */
inline QString startServerlessOffline(Server &sls, const QString &serviceFile, quint16 lambdaPort,
                                      quint16 httpPort, const QRegularExpression &ready)
{
    if (qEnvironmentVariableIntValue("LWB_BENCH_NO_PEER") == 1) {
        return u"LWB_BENCH_NO_PEER=1"_s;
    }
    const QString slsDir = QStringLiteral(LWB_BINARY_DIR) + u"/tests/bench/sls"_s;
    QProcess setup;
    setup.setProcessChannelMode(QProcess::MergedChannels);
    setup.start(u"/bin/bash"_s,
                {QStringLiteral(LWB_SOURCE_DIR) + u"/tests/bench/setup-serverless-offline.sh"_s,
                 QStringLiteral(LWB_BINARY_DIR)});
    if (!setup.waitForFinished(10 * 60 * 1000) || setup.exitCode() != 0) {
        return u"setup-serverless-offline.sh failed:\n"_s + QString::fromUtf8(setup.readAll()).trimmed();
    }
    const QString data = QStringLiteral(LWB_SOURCE_DIR) + u"/tests/bench/data"_s;
    for (const QString &folder : {u"python"_s, u"node"_s}) {
        QDir(slsDir).mkpath(folder);
        for (const QString &file : QDir(data + u'/' + folder).entryList(QDir::Files)) {
            if (!copyInto(data + u'/' + folder + u'/' + file, slsDir + u'/' + folder + u'/' + file)) {
                return u"cannot copy the handlers into "_s + slsDir;
            }
        }
    }
    QDir(slsDir).mkpath(u"home"_s);
    if (!copyInto(data + u'/' + serviceFile, slsDir + u"/serverless.yml"_s)) {
        return u"cannot copy the service into "_s + slsDir;
    }
    const QStringList args{u"node_modules/serverless/bin/serverless.js"_s,
                           u"offline"_s, u"start"_s, u"--host"_s, u"127.0.0.1"_s,
                           u"--lambdaPort"_s, QString::number(lambdaPort),
                           u"--httpPort"_s, QString::number(httpPort),
                           u"--noSponsor"_s};
    if (!sls.start(u"/usr/bin/node"_s, args, slsDir, slsEnvironment(slsDir + u"/home"_s), ready,
                   60000)) {
        return u"serverless offline start did not come up:\n"_s + sls.log();
    }
    return {};
}

/** The runs as a table, ours beside the peer's (ratios), then where the processes ran. */
inline void printRuns(const std::vector<Run> &runs)
{
    std::printf("\n%-16s %5s %-5s %10s %9s %9s %9s %7s %5s | %11s %9s | %s\n", "engine", "conns",
                "mode", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "envs", "req/s o/t",
                "p99 o/t", "CPU us/req: server + runtimes + wrk");
    for (const Run &r : runs) {
        const Run *theirs = r.peer.isEmpty() ? nullptr : findRun(runs, r.peer, r.connections, r.cold);
        std::printf("%-16s %5d %-5s %10.0f %9.2f %9.2f %9.2f %7lld %5d | %11s %9s | %.0f + %.0f + %.0f\n",
                    qPrintable(r.engine), r.connections, r.cold ? "cold" : "warm", r.rps(),
                    r.p50Ms, r.p99Ms, r.maxMs, r.errors, r.runtimesAfter,
                    qPrintable(theirs ? ratio(r.rps(), theirs->rps()) : u""_s),
                    qPrintable(theirs ? ratio(r.p99Ms, theirs->p99Ms) : u""_s),
                    r.serverUs, r.runtimesUs, r.wrkUs);
    }
    std::printf("\nCPU placement (share of 100 ms samples in which a task ran, by the CPU it "
                "last ran on):\n");
    for (const Run &r : runs) {
        std::printf("  %-16s %2d %-5s server [%s]  runtimes [%s]  wrk [%s]\n",
                    qPrintable(r.engine), r.connections, r.cold ? "cold" : "warm",
                    qPrintable(r.serverCpus), qPrintable(r.runtimeCpus), qPrintable(r.wrkCpus));
    }
}

/** How long the runs last: LWB_BENCH_SECONDS (warm, 5), LWB_BENCH_WARMUP_SECONDS (2),
 *  LWB_BENCH_COLD_SECONDS (3). */
struct Durations
{
    int warm = envInt("LWB_BENCH_SECONDS", 5);
    int warmup = envInt("LWB_BENCH_WARMUP_SECONDS", 2);
    int cold = envInt("LWB_BENCH_COLD_SECONDS", 3);
};

/**
 * What a cold p99 means: wrk corrects for coordinated omission, so a request slower than a
 * connection's mean interval also counts as the requests that connection did not send
 * meanwhile. From cold every connection's first request waits for an environment's init, all
 * of them at once; for a p99 under 10 ms their mean latency must stay under 10 ms plus 1 % of
 * the run.
 */
inline void printColdNote(const char *indent, const Run &cold)
{
    std::printf("%s  (wrk's p99 corrects for coordinated omission: from cold, under 10 ms needs "
                "the %d first requests answered in %.0f ms on average)\n",
                indent, cold.connections, 10 + cold.seconds * 1000 * 0.01);
}

/** The benchmark's title, the machine and the run lengths. */
inline void printHeader(const char *title, const char *load, const Durations &d)
{
    std::printf("\n== %s ==\n", title);
    std::printf("%d CPUs; bench on CPU %d; wrk -t1, --latency, %s; cold %d s, warm-up %d s, warm "
                "%d s per run\n",
                QThread::idealThreadCount(), sched_getcpu(), load, d.cold, d.warmup, d.warm);
}

inline void printLoadAverage(const char *when)
{
    QFile loadavg(u"/proc/loadavg"_s);
    if (loadavg.open(QIODevice::ReadOnly)) {
        std::printf("load average at %s: %s", when, loadavg.readAll().constData());
    }
}

} // namespace PeerBench
