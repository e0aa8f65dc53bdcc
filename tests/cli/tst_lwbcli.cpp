// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb` as a user runs it: a real process, real templates, real sandboxes.
#include "lwbprocess.h"

#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

using Run = Lwb::Test::ClientRun;

Run lwb(const QStringList &args, const QByteArray &stdinData = {},
        const QMap<QString, QString> &extraEnv = {}, const QString &workingDir = {})
{
    return Lwb::Test::runLwb(args, {stdinData, extraEnv, workingDir});
}

QString sample()
{
    return QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/hello-world"_s;
}

QString fixtures()
{
    return QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures"_s;
}

QString writeTemplate(QTemporaryDir &dir, const QByteArray &yaml)
{
    QFile f(dir.filePath(u"template.yaml"_s));
    f.open(QIODevice::WriteOnly);
    f.write(yaml);
    return f.fileName();
}

/// A template of one Python function @p logicalId running the fixture @p fixture.
QString pythonFixtureTemplate(QTemporaryDir &dir, const QByteArray &logicalId, const QByteArray &fixture)
{
    return writeTemplate(dir, "Resources:\n  " + logicalId + ":\n    Type: AWS::Serverless::Function\n"
                              "    Properties:\n      Runtime: python3.11\n      Handler: app.handler\n"
                              "      CodeUri: " + fixtures().toUtf8() + '/' + fixture + '\n');
}

} // namespace

class TestLwbCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void help()
    {
        const Run top = lwb({u"--help"_s});
        QCOMPARE(top.exitCode, 0);
        QVERIFY(top.out.contains("local invoke"));
        const Run invoke = lwb({u"local"_s, u"invoke"_s, u"--help"_s});
        QCOMPARE(invoke.exitCode, 0);
        for (const char *option : {"--template", "--event", "--env-vars", "--log-file", "FunctionLogicalId"}) {
            QVERIFY2(invoke.out.contains(option), option);
        }
        QCOMPARE(lwb({u"frobnicate"_s}).exitCode, 2);
    }

    void invokesTheSampleLikeSamLocalInvoke()
    {
        const Run r = lwb({u"local"_s, u"invoke"_s, u"HelloWorldFunction"_s, u"-e"_s, u"events/event.json"_s},
                          {}, {}, sample());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto response = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(response["statusCode"].get<int>(), 200);
        QCOMPARE(response["body"].get<std::string>(), std::string(R"({"message": "hello world"})"));
        QVERIFY(r.err.contains("START RequestId: "));
        QVERIFY(r.err.contains("END RequestId: "));
        QVERIFY(r.err.contains("REPORT RequestId: "));
        QVERIFY(r.err.contains("Init Duration: "));
        // The template names python3.12; this machine has another Python: one clear warning.
        QCOMPARE(r.err.count("Warning: python3.12 runs on this machine's Python"), 1);
    }

    void eventFromStdinAndLogFile()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"invoke.log"_s);
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, sample() + u"/template.yaml"_s,
                           u"HelloWorldNodeFunction"_s, u"-e"_s, u"-"_s, u"--log-file"_s, log},
                          R"({"path":"/hello-node"})");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("hello world"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray written = f.readAll();
        QVERIFY(written.contains("START RequestId: "));
        QVERIFY(written.contains("REPORT RequestId: "));
    }

    void functionErrorExitsNonZero()
    {
        QTemporaryDir dir;
        const QString t = pythonFixtureTemplate(dir, "Boom", "python-raise");
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, t});
        QCOMPARE(r.exitCode, 1);
        const auto error = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(error.contains("errorType"));
        QVERIFY(r.err.contains("[ERROR] "));
    }

    void envVarsFileOverridesDeclaredVariables()
    {
        QTemporaryDir dir;
        const QString t = writeTemplate(dir, "Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n"
                                             "    Properties:\n      Runtime: python3.11\n      Handler: app.handler\n"
                                             "      CodeUri: " + fixtures().toUtf8() + "/python-hello\n"
                                             "      Environment:\n        Variables:\n          _X_AMZN_TRACE_ID_COPY: a\n");
        Q_UNUSED(t);
        QFile env(dir.filePath(u"env.json"_s));
        env.open(QIODevice::WriteOnly);
        env.write(R"({"Hello": {"AWS_REGION": "eu-west-1"}})");
        env.close();
        // Overriding a reserved variable through the env-vars file only affects declared names:
        // AWS_REGION is not declared, so the invoke succeeds unchanged.
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, dir.filePath(u"template.yaml"_s), u"--env-vars"_s,
                           env.fileName()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void reservedVariableIsLambdasError()
    {
        QTemporaryDir dir;
        writeTemplate(dir, "Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n"
                           "    Properties:\n      Runtime: python3.11\n      Handler: app.handler\n"
                           "      CodeUri: " + fixtures().toUtf8() + "/python-hello\n"
                           "      Environment:\n        Variables:\n          AWS_REGION: eu-west-1\n");
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, dir.filePath(u"template.yaml"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("InvalidParameterValueException: Lambda was unable to configure your environment "
                                "variables because the environment variables you have provided contains reserved "
                                "keys that are currently not supported for modification. Reserved keys used in "
                                "this request: AWS_REGION"),
                 r.err.constData());
    }

    void brokenTemplateNamesFileLineColumn()
    {
        QTemporaryDir dir;
        const QString t = writeTemplate(dir, "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                                             "    Properties:\n      MemorySize: lots\n      Runtime: python3.11\n"
                                             "      Handler: app.handler\n");
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, t});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("template.yaml:5:19: error: "), r.err.constData());
    }

    void severalFunctionsNeedAnId()
    {
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, sample() + u"/template.yaml"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Possible options in your template: [HelloWorldFunction, HelloWorldNodeFunction]"));
    }

    void missingHandlerFileIsLambdasImportError()
    {
        QTemporaryDir dir;
        writeTemplate(dir, "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                           "    Properties:\n      Runtime: python3.11\n      Handler: nothere.handler\n"
                           "      CodeUri: .\n");
        const Run r = lwb({u"local"_s, u"invoke"_s, u"-t"_s, dir.filePath(u"template.yaml"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("\"errorType\": \"Runtime.ImportModuleError\""), r.out.constData());
        QVERIFY(r.out.contains("Unable to import module 'nothere'"));
    }

    void environmentsOfAKilledEngineAreCleanedUp()
    {
        const QString freezerRoot = u"/sys/fs/cgroup/freezer"_s;
        if (!QFileInfo(freezerRoot + u"/cgroup.procs"_s).isWritable()) {
            QSKIP("no writable cgroup v1 freezer here");
        }
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        server.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                     {u"local"_s, u"start-lambda"_s, u"-t"_s, sample() + u"/template.yaml"_s, u"--port"_s, u"0"_s,
                      u"--no-auth"_s}); // raw, unsigned HTTP below
        QByteArray err;
        QVERIFY(QTest::qWaitFor([&] {
            server.waitForReadyRead(100);
            err += server.readAllStandardError();
            return err.contains("Running on http://127.0.0.1:");
        }, 20000));
        const int at = err.indexOf("Running on http://127.0.0.1:") + 28;
        const quint16 port = quint16(err.mid(at, err.indexOf(' ', at) - at).toUInt());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /2015-03-31/functions/HelloWorldFunction/invocations HTTP/1.1\r\nHost: x\r\n"
                     "Content-Length: 2\r\n\r\n{}");
        QByteArray reply;
        QVERIFY(QTest::qWaitFor([&] {
            socket.waitForReadyRead(100);
            reply += socket.readAll();
            return reply.contains("hello world");
        }, 20000));
        // The environment idles, frozen; then the engine dies without any chance to clean up.
        QTest::qWait(200);
        const QString mine = freezerRoot + u"/lwb-"_s + QString::number(server.processId());
        QStringList runtimePids;
        for (const QString &leaf : QDir(mine).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile procs(mine + u'/' + leaf + u"/cgroup.procs"_s);
            if (procs.open(QIODevice::ReadOnly)) {
                runtimePids += QString::fromLatin1(procs.readAll()).split(u'\n', Qt::SkipEmptyParts);
            }
        }
        QVERIFY(!runtimePids.isEmpty());
        ::kill(pid_t(server.processId()), SIGKILL);
        server.waitForFinished(5000);
        QTest::qWait(200);
        QVERIFY2(QFileInfo::exists(u"/proc/"_s + runtimePids.first()), "a frozen environment outlives its engine");

        // The next engine on this machine ends what the dead one left.
        QCOMPARE(lwb({u"local"_s, u"invoke"_s, u"HelloWorldFunction"_s}, {}, {}, sample()).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(std::none_of(runtimePids.cbegin(), runtimePids.cend(),
                                              [](const QString &pid) { return QFileInfo::exists(u"/proc/"_s + pid); }),
                                 5000);
        QVERIFY(!QFileInfo::exists(mine));
    }

    void forkServersCanBeTurnedOff()
    {
        // Where bubblewrap and cgroups exist, a Python environment is forked from the
        // function's fork server and reaches its Runtime API socket through an open folder;
        // LWB_FORK_SERVER=0 starts it afresh, with the folder bound at /var/runtime-api.
        QTemporaryDir dir;
        const QString t = pythonFixtureTemplate(dir, "Fork", "python-fork");
        const Run forked = lwb({u"local"_s, u"invoke"_s, u"-t"_s, t});
        QVERIFY2(forked.exitCode == 0, forked.err.constData());
        const Run afresh = lwb({u"local"_s, u"invoke"_s, u"-t"_s, t}, {}, {{u"LWB_FORK_SERVER"_s, u"0"_s}});
        QVERIFY2(afresh.exitCode == 0, afresh.err.constData());
        const auto f = nlohmann::json::parse(forked.out.toStdString());
        const auto a = nlohmann::json::parse(afresh.out.toStdString());
        if (!forked.err.contains("Warning: Sandbox:")) { // full isolation
            QVERIFY2(f["socket"].get<std::string>().starts_with("/proc/self/fd/"), forked.out.constData());
            QCOMPARE(f["pid"].get<int>(), 2);
        }
        QVERIFY2(!a["socket"].get<std::string>().starts_with("/proc/self/fd/"), afresh.out.constData());
    }

    void weakerSandboxIsSaid()
    {
        const Run r = lwb({u"local"_s, u"invoke"_s, u"HelloWorldFunction"_s}, {},
                          {{u"LWB_SANDBOX"_s, u"plain"_s}}, sample());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("Warning: Sandbox: plain process"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestLwbCli)
#include "tst_lwbcli.moc"
