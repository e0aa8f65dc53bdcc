// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "awsclientprocess.h"
#include "enginefixtures.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QUuid>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

// `lwb local start`: the whole local stack of one template on one engine — the HTTP API, the
// Lambda API (signed, driven by the real awscli) and the plugins' event sources (an S3 folder
// bucket and a schedule) — until SIGTERM; and its option errors.
class TestLocalStart : public QObject
{
    Q_OBJECT

private:
    static QString lwb() { return QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s; }

    /// Processes whose environment holds LWB_TEST_MARK=@p mark: a function's sandbox.
    static int sandboxProcesses(const QByteArray &mark)
    {
        int count = 0;
        const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &pid : pids) {
            QFile environ(u"/proc/"_s + pid + u"/environ"_s);
            if (environ.open(QIODevice::ReadOnly) && environ.readAll().contains("LWB_TEST_MARK=" + mark)) {
                ++count;
            }
        }
        return count;
    }

private Q_SLOTS:
    void servesEverythingAtOnce()
    {
        QTemporaryDir dir;
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(4);
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    CodeUri: src/
    Runtime: python3.12
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.hello
      Events:
        Get:
          Type: Api
          Properties:
            Path: /hello/{name}
            Method: get
  Thumbnailer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.upload
      Events:
        Photos:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
  Reminder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.remind
      Events:
        Once:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: at()" + when.toString(u"yyyy-MM-ddTHH:mm:ss"_s).toUtf8() + R"()
            Input: '{"remind": "stand up"}'
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), R"(import json
def hello(event, context):
    name = (event.get('pathParameters') or {}).get('name', 'nobody')
    return {'statusCode': 200, 'body': json.dumps({'hello': name})}
def upload(event, context):
    r = event['Records'][0]
    print('UPLOADED', r['eventName'], r['s3']['object']['key'])
def remind(event, context):
    print('REMINDER', event['remind'])
)");
        QProcess server;
        QByteArray err;
        connect(&server, &QProcess::readyReadStandardError, this,
                [&] { err += server.readAllStandardError(); });
        server.start(lwb(), {u"local"_s, u"start"_s, u"-t"_s, dir.filePath(u"template.yaml"_s),
                             u"-p"_s, u"0"_s, u"--lambda-port"_s, u"0"_s});
        QVERIFY(server.waitForStarted(10000));
        QVERIFY2(QTest::qWaitFor([&] { return err.contains("Event sources running"); }, 30000),
                 err.constData());
        const QRegularExpression apiLine(u"HTTP API running on (http://127\\.0\\.0\\.1:\\d+)"_s);
        const QRegularExpression lambdaLine(u"Lambda API running on (http://127\\.0\\.0\\.1:\\d+)"_s);
        const QString apiUrl = apiLine.match(QString::fromUtf8(err)).captured(1);
        const QString lambdaUrl = lambdaLine.match(QString::fromUtf8(err)).captured(1);
        QVERIFY2(!apiUrl.isEmpty() && !lambdaUrl.isEmpty(), err.constData());
        QVERIFY2(err.contains("Mounting Hello at " + apiUrl.toUtf8() + "/hello/{name} [GET]"),
                 err.constData());
        QVERIFY2(err.contains("trigger started: Thumbnailer Photos (S3)"), err.constData());
        QVERIFY2(err.contains("trigger started: Reminder Once (ScheduleV2)"), err.constData());

        // The HTTP API.
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(apiUrl + u"/hello/ada"_s))));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray(R"({"hello": "ada"})"));

        // The Lambda API, signed: the real awscli, and an unsigned request refused.
        QTemporaryDir home;
        const Lwb::Test::ClientRun invoke = Lwb::Test::runClient(
            u"/usr/bin/aws"_s,
            {u"--endpoint-url"_s, lambdaUrl, u"lambda"_s, u"invoke"_s, u"--function-name"_s,
             u"Hello"_s, u"--cli-binary-format"_s, u"raw-in-base64-out"_s, u"--payload"_s,
             uR"({"pathParameters": {"name": "cli"}})"_s, home.filePath(u"out.json"_s)},
            Lwb::Test::awsClientEnvironment(home, u"test"_s, u"test"_s), home);
        QVERIFY2(invoke.exitCode == 0, invoke.err.constData());
        QFile out(home.filePath(u"out.json"_s));
        QVERIFY(out.open(QIODevice::ReadOnly));
        QVERIFY2(out.readAll().contains(R"(\"hello\": \"cli\")"), err.constData());
        reply.reset(network.post(
            QNetworkRequest(QUrl(lambdaUrl + u"/2015-03-31/functions/Hello/invocations"_s)), QByteArray("{}")));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);

        // The event sources: a file dropped into the bucket's folder, the schedule's fire time.
        Lwb::Test::writeFile(dir.filePath(u".lwb/buckets/Uploads/cat.jpg"_s), "meow");
        QVERIFY2(QTest::qWaitFor([&] { return err.contains("UPLOADED ObjectCreated:Put cat.jpg"); }, 20000),
                 err.constData());
        QVERIFY2(QTest::qWaitFor([&] { return err.contains("REMINDER stand up"); }, 20000),
                 err.constData());

        server.terminate();
        QVERIFY(server.waitForFinished(15000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void aSecondSignalDoesNotCutTheShutdownShort()
    {
        // Ctrl+C twice is common: the second one, while the services stop, must not kill the
        // server before it has stopped its execution environments (a frozen one left behind
        // cannot even die). A third one forces; this test sends two.
        QTemporaryDir dir;
        const QByteArray mark = QUuid::createUuid().toByteArray(QUuid::Id128);
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Environment:
        Variables:
          LWB_TEST_MARK: )" + mark + "\n");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), "def handler(e, c):\n    return 1\n");
        QProcess server;
        QByteArray err;
        connect(&server, &QProcess::readyReadStandardError, this, [&] { err += server.readAllStandardError(); });
        server.start(lwb(), {u"local"_s, u"start-lambda"_s, u"-t"_s, dir.filePath(u"template.yaml"_s),
                             u"-p"_s, u"0"_s, u"--no-auth"_s});
        QVERIFY(server.waitForStarted(10000));
        const QRegularExpression lambdaLine(u"(http://127\\.0\\.0\\.1:\\d+)"_s);
        QVERIFY2(QTest::qWaitFor([&] { return err.contains("Press CTRL+C to quit"); }, 30000), err.constData());
        const QString url = lambdaLine.match(QString::fromUtf8(err)).captured(1);
        QVERIFY2(!url.isEmpty(), err.constData());
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.post(
            QNetworkRequest(QUrl(url + u"/2015-03-31/functions/Hello/invocations"_s)), QByteArray("{}")));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 20000));
        QCOMPARE(reply->readAll(), QByteArray("1"));
        QVERIFY(sandboxProcesses(mark) > 0);
        QTest::qWait(100); // idle long enough to be frozen

        // The second signal must land while the server stops its services: it is held stopped
        // the moment it says so, and the signal is delivered when it continues.
        const pid_t pid = pid_t(server.processId());
        ::kill(pid, SIGTERM);
        QVERIFY2(QTest::qWaitFor([&] {
            server.waitForReadyRead(1);
            return err.contains("Shutting down");
        }, 10000), err.constData());
        if (::kill(pid, SIGSTOP) != 0 || server.state() == QProcess::NotRunning) {
            QSKIP("the server had finished shutting down before the second signal");
        }
        ::kill(pid, SIGTERM);
        ::kill(pid, SIGCONT);
        QVERIFY(server.waitForFinished(15000));
        QVERIFY2(err.contains("press Ctrl+C again to force"), err.constData());
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(sandboxProcesses(mark), 0, 5000);
    }

    void noTriggersLeavesTheEventSourcesOff()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Ticker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Often:
          Type: Schedule
          Properties:
            Schedule: rate(1 minute)
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), "def handler(e, c):\n    return 1\n");
        QProcess server;
        server.start(lwb(), {u"local"_s, u"start"_s, u"-t"_s, dir.filePath(u"template.yaml"_s),
                             u"-p"_s, u"0"_s, u"--lambda-port"_s, u"0"_s, u"--no-triggers"_s});
        QByteArray err;
        QVERIFY(QTest::qWaitFor([&] {
            server.waitForReadyRead(50);
            err += server.readAllStandardError();
            return err.contains("Event sources off (--no-triggers)");
        }, 30000));
        QVERIFY2(!err.contains("trigger started"), err.constData());
        QVERIFY2(err.contains("no API routes"), err.constData());
        server.terminate();
        QVERIFY(server.waitForFinished(15000));
    }

    void badOptionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("same port") << QStringList{u"-p"_s, u"3456"_s, u"--lambda-port"_s, u"3456"_s}
                                   << QByteArray("--port and --lambda-port must differ");
        QTest::newRow("bad lambda port") << QStringList{u"--lambda-port"_s, u"70000"_s}
                                         << QByteArray("--lambda-port must be a number from 0 to 65535");
        QTest::newRow("remote host") << QStringList{u"--host"_s, u"0.0.0.0"_s}
                                     << QByteArray("pass --allow-remote to mean it");
        QTest::newRow("positional") << QStringList{u"extra"_s} << QByteArray("unexpected argument extra");
    }

    void badOptionsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s),
                             "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        QProcess p;
        p.start(lwb(), QStringList{u"local"_s, u"start"_s, u"-t"_s, dir.filePath(u"template.yaml"_s)} + arguments);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(message), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestLocalStart)
#include "tst_localstart.moc"
