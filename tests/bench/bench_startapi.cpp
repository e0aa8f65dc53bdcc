// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// HTTP API throughput, ours against serverless-offline's HTTP emulation, in one run on this
// machine: the real `lwb local start-api` process and `serverless offline start` serve the same
// Python and Node handlers behind `GET /py` and `GET /node` (tests/bench/data: template-api.yaml,
// serverless-api.yml), and wrk drives both with keep-alive GETs — from cold (a freshly started
// server, 16 connections) and warm (1 and 16 connections after a warm-up). Figures are printed as
// ratios ours/theirs with the CPU each side spends per request; nothing is gated.
//
// Knobs: LWB_BENCH_SECONDS (measured seconds per warm run, 5), LWB_BENCH_WARMUP_SECONDS (2),
// LWB_BENCH_COLD_SECONDS (3), LWB_BENCH_NO_PEER=1 (ours alone).
#include "peerbench.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace PeerBench;

namespace {

constexpr auto kGetRequest = R"lua(
wrk.method = "GET"
)lua";

struct Handler
{
    const char *name; ///< "py", "node": the route and the engine label's suffix
    QByteArray path;
};

const Handler kHandlers[] = {{"py", "/py"}, {"node", "/node"}};

QString label(const Server &server, const Handler &handler)
{
    return server.name + u' ' + QString::fromLatin1(handler.name);
}

} // namespace

class BenchStartApi : public QObject
{
    Q_OBJECT

private:
    Bench m_bench;
    QTemporaryDir m_tmp;

    bool startOurs(Server &lwb)
    {
        lwb.name = u"lwb"_s;
        lwb.logPath = m_tmp.filePath(u"lwb.log"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        const QString data = freshBenchProject();
        return lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                         {u"local"_s, u"start-api"_s, u"-t"_s, data + u"/template-api.yaml"_s,
                          u"--host"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s},
                         data, env,
                         QRegularExpression(u"Running on http://127\\.0\\.0\\.1:(\\d+)"_s), 30000);
    }

    QString startPeer(Server &sls)
    {
        sls.name = u"sls-offline"_s;
        sls.port = freePort();
        sls.logPath = m_tmp.filePath(u"sls-offline.log"_s);
        return startServerlessOffline(sls, u"serverless-api.yml"_s, freePort(), sls.port,
                                      QRegularExpression(u"Server ready: http://127\\.0\\.0\\.1:(\\d+)"_s));
    }

    static bool sane(Server &server)
    {
        for (const Handler &h : kHandlers) {
            const auto [status, body] = request(server.port, "GET", h.path);
            if (status != 200 || !body.contains("\"ok\"")) {
                std::printf("%s: sanity GET %s failed: HTTP %d %s\n", qPrintable(server.name),
                            h.path.constData(), status, body.constData());
                return false;
            }
        }
        return true;
    }

    Run run(Server &server, const Handler &handler, int connections, int seconds, bool cold)
    {
        server.path = handler.path;
        Run r = m_bench.run(server, connections, seconds, cold);
        r.engine = label(server, handler);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (!m_bench.setUp(m_tmp.filePath(u"get.lua"_s), kGetRequest)) {
            QSKIP("wrk is not installed (installer/install-deps.sh installs it)");
        }
    }

    void figures()
    {
        const Durations durations;
        const int seconds = durations.warm;
        const int warmup = durations.warmup;
        const int coldSeconds = durations.cold;
        std::vector<Run> runs;

        printHeader("HTTP API benchmark: lwb local start-api vs serverless-offline", "keep-alive GET", durations);
        printLoadAverage("start");

        // Cold first: servers that have just started, no environment of either handler.
        Server lwb;
        QVERIFY2(startOurs(lwb), qPrintable(u"lwb local start-api did not start:\n"_s + lwb.log()));
        QVERIFY(lwb.runtimeCount() <= 1); // at most the Python fork server: no environment
        for (const Handler &h : kHandlers) {
            runs.push_back(run(lwb, h, 16, coldSeconds, true));
        }
        Server sls;
        const QString peerProblem = startPeer(sls);
        const bool peer = peerProblem.isEmpty();
        if (!peer) {
            std::printf("\nSKIPPING the serverless-offline peer: %s\n\n", qPrintable(peerProblem));
        } else {
            for (const Handler &h : kHandlers) {
                runs.push_back(run(sls, h, 16, coldSeconds, true));
            }
        }
        QVERIFY(sane(lwb));
        QVERIFY(!peer || sane(sls));

        // Warm, interleaved so that both see the same machine load.
        for (const Handler &h : kHandlers) {
            for (int connections : {1, 16}) {
                for (Server *server : {&lwb, &sls}) {
                    if (server == &sls && !peer) {
                        continue;
                    }
                    run(*server, h, connections, warmup, false);
                    runs.push_back(run(*server, h, connections, seconds, false));
                }
            }
        }
        lwb.stop();
        sls.stop();

        for (Run &r : runs) {
            if (r.engine.startsWith(u"lwb "_s)) {
                r.peer = u"sls-offline"_s + r.engine.mid(3);
            }
        }
        printRuns(runs);

        std::printf("\ntargets (not gated):\n");
        for (const Handler &h : kHandlers) {
            const QString ours = u"lwb "_s + QString::fromLatin1(h.name);
            const QString theirs = u"sls-offline "_s + QString::fromLatin1(h.name);
            const Run *warm = findRun(runs, ours, 16, false);
            const Run *peerWarm = findRun(runs, theirs, 16, false);
            const Run *cold = findRun(runs, ours, 16, true);
            if (warm && peerWarm) {
                std::printf("  %-5s >= 2x serverless-offline at 16 connections: %s (%s)\n", h.name,
                            warm->rps() >= 2 * peerWarm->rps() ? "met" : "MISSED",
                            qPrintable(ratio(warm->rps(), peerWarm->rps())));
            }
            if (warm) {
                std::printf("  %-5s p99 under 10 ms at 16 warm connections:     %s (%.2f ms)\n",
                            h.name, warm->p99Ms < 10 ? "met" : "MISSED", warm->p99Ms);
            }
            if (warm && cold) {
                std::printf("  %-5s no p99 cliff from cold:                     cold p99 %.2f ms, "
                            "warm p99 %.2f ms\n", h.name, cold->p99Ms, warm->p99Ms);
                printColdNote("      ", *cold);
            }
        }
        printLoadAverage("end");
        std::printf("command: ctest --test-dir build -L bench -R bench_startapi -V"
                    "   (or: build/tests/bench/bench_startapi)\n\n");
        for (const Run &r : runs) {
            QVERIFY2(r.ok, qPrintable(u"no figures for "_s + r.engine));
        }
    }
};

QTEST_GUILESS_MAIN(BenchStartApi)

#include "bench_startapi.moc"
