// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Control-plane operations per second through a real `lwb local start-lambda` (SigV4 on, as
// SDKs call it): GetFunctionConfiguration, ListFunctions (20 functions), GetFunction,
// UpdateFunctionConfiguration (persisted), PutFunctionConcurrency, each against a baseline in
// the same run — a signed request to an unknown path, which pays for HTTP, the signature check
// and routing but no operation. One keep-alive connection, requests signed in advance, so the
// figures are the server's. Not gated: it prints figures. LWB_BENCH_OPS changes the count.
#include "awsclientprocess.h"
#include "enginefixtures.h"
#include "rawhttpreply.h"
#include "signedrequest.h"

#include <QtCore/QElapsedTimer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {


/** A blocking keep-alive client: one request, one reply. */
class Client
{
public:
    bool connect(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return m_socket.waitForConnected(5000);
    }

    int roundTrip(const QByteArray &request)
    {
        m_socket.write(request);
        Test::RawHttpReply reply;
        for (;;) {
            if (const qsizetype used = Test::parseRawHttpReply(m_buffer, reply); used > 0) {
                m_buffer.remove(0, used);
                return reply.status;
            }
            if (!m_socket.waitForReadyRead(10000)) {
                return -1;
            }
            m_buffer += m_socket.readAll();
        }
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace

class BenchControlPlane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figures()
    {
        QTemporaryDir dir;
        Test::writeFile(dir.filePath(u"src/app.py"_s), "def handler(e, c):\n    return 1\n");
        Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Bench:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.11
)");
        Test::StartLambdaProcess server;
        QVERIFY2(server.start(dir.filePath(u"template.yaml"_s), {u"--no-triggers"_s}), server.err().constData());
        Client client;
        QVERIFY(client.connect(server.port()));

        // 19 more functions, created from a local folder (the code form for speed).
        for (int i = 0; i < 19; ++i) {
            const nlohmann::json create{{"FunctionName", "fn" + std::to_string(i)},
                                        {"Runtime", "python3.11"},
                                        {"Role", "arn:aws:iam::123456789012:role/bench"},
                                        {"Handler", "app.handler"},
                                        {"Code", {{"S3Bucket", "lwb-local"},
                                                  {"S3Key", dir.filePath(u"src"_s).toStdString()}}}};
            QCOMPARE(client.roundTrip(Test::signedRequest("POST", "/2015-03-31/functions",
                                                    QByteArray::fromStdString(create.dump()))),
                     201);
        }

        const int ops = qEnvironmentVariableIsSet("LWB_BENCH_OPS") ? qEnvironmentVariableIntValue("LWB_BENCH_OPS") : 1000;
        struct Case
        {
            const char *name;
            QByteArray method;
            QByteArray target;
            std::function<QByteArray(int)> body;
            int status;
        };
        const std::vector<Case> cases = {
            {"baseline: signed unknown path", "GET", "/2015-03-31/nothing-here", {}, 404},
            {"GetFunctionConfiguration", "GET", "/2015-03-31/functions/fn0/configuration", {}, 200},
            {"GetFunction", "GET", "/2015-03-31/functions/fn1", {}, 200},
            {"ListFunctions (20)", "GET", "/2015-03-31/functions/", {}, 200},
            {"UpdateFunctionConfiguration", "PUT", "/2015-03-31/functions/fn2/configuration",
             [](int i) { return QByteArray::fromStdString(nlohmann::json{{"Description", "run " + std::to_string(i)}}.dump()); },
             200},
            {"PutFunctionConcurrency", "PUT", "/2017-10-31/functions/fn3/concurrency",
             [](int i) { return QByteArray::fromStdString(nlohmann::json{{"ReservedConcurrentExecutions", 1 + i % 5}}.dump()); },
             200},
        };

        std::printf("\n== Control-plane operations through lwb local start-lambda (SigV4 on, one keep-alive connection) ==\n");
        std::printf("%d requests each, signed in advance\n", ops);
        double baselineUs = 0;
        for (const Case &c : cases) {
            std::vector<QByteArray> requests;
            requests.reserve(size_t(ops));
            for (int i = 0; i < ops; ++i) {
                requests.push_back(Test::signedRequest(c.method, c.target, c.body ? c.body(i) : QByteArray()));
            }
            QElapsedTimer timer;
            timer.start();
            for (const QByteArray &r : requests) {
                const int status = client.roundTrip(r);
                QVERIFY2(status == c.status, qPrintable(u"%1 answered %2"_s.arg(QLatin1StringView(c.name)).arg(status)));
            }
            const double us = double(timer.nsecsElapsed()) / 1000.0 / ops;
            if (baselineUs == 0) {
                baselineUs = us;
            }
            std::printf("  %-32s %8.0f ops/s  %7.1f us/op  %5.2fx baseline\n", c.name, 1e6 / us, us, us / baselineUs);
        }
        QFile load(u"/proc/loadavg"_s);
        if (load.open(QIODevice::ReadOnly)) {
            std::printf("load average at end: %s", load.readAll().constData());
        }
        std::printf("command: build/tests/bench/bench_controlplane (ctest -L bench -R bench_controlplane -V)\n");
    }
};

QTEST_GUILESS_MAIN(BenchControlPlane)
#include "bench_controlplane.moc"
