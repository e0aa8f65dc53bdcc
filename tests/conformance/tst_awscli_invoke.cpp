// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-lambda` driven by clients no one here wrote: Debian's awscli v2
// (/usr/bin/aws) and boto3 (/usr/bin/python3). Every client runs with fake credentials, the
// instance-metadata probe disabled and an explicit endpoint, so nothing leaves loopback.
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kPython = u"/usr/bin/python3"_s;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** A running `lwb local start-lambda`; its stderr is collected as it comes. */
class StartLambda
{
public:
    bool start(const QString &templatePath)
    {
        m_process.setProgram(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s);
        m_process.setArguments(
            {u"local"_s, u"start-lambda"_s, u"-t"_s, templatePath, u"--port"_s, u"0"_s});
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            return false;
        }
        static const QRegularExpression running(u"Running on (http://127\\.0\\.0\\.1:(\\d+))"_s);
        QRegularExpressionMatch match;
        const bool up = QTest::qWaitFor(
            [&] {
                match = running.match(QString::fromUtf8(m_err));
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            30000);
        if (!up || !match.hasMatch()) {
            return false;
        }
        m_endpoint = match.captured(1);
        return true;
    }

    /** SIGTERM, and the exit code (or -1 if it did not end within @p timeoutMs). */
    int terminate(int timeoutMs = 15000)
    {
        if (m_process.state() == QProcess::NotRunning) {
            return m_process.exitCode();
        }
        m_process.terminate();
        if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                             timeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        m_err += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    ~StartLambda()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString endpoint() const { return m_endpoint; }
    QByteArray err() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_err;
    QString m_endpoint;
};

} // namespace

class TestAwsCliInvoke : public QObject
{
    Q_OBJECT

private:
    QProcessEnvironment clientEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_SESSION_TOKEN"_s, u"AWS_ENDPOINT_URL"_s,
                                    u"AWS_DEFAULT_PROFILE"_s}) {
            env.remove(name);
        }
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"test"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"test"_s);
        env.insert(u"AWS_DEFAULT_REGION"_s, u"us-east-1"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"aws-config"_s));
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"aws-credentials"_s));
        env.insert(u"AWS_PAGER"_s, QString());
        env.insert(u"AWS_MAX_ATTEMPTS"_s, u"1"_s);
        return env;
    }

    Run client(const QString &program, const QStringList &args, int timeoutMs = 60000) const
    {
        QProcess p;
        p.setProcessEnvironment(clientEnvironment());
        p.setWorkingDirectory(m_home.path());
        p.start(program, args);
        p.waitForStarted();
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    Run awsInvoke(const QStringList &extra, const QString &outFile = u"out.json"_s) const
    {
        QStringList args{u"lambda"_s,         u"invoke"_s,   u"--endpoint-url"_s,
                         m_sample.endpoint(), u"--output"_s, u"json"_s};
        args << extra << m_home.filePath(outFile);
        return client(kAws, args);
    }

    QByteArray outFile(const QString &name = u"out.json"_s) const
    {
        QFile f(m_home.filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static nlohmann::json json(const QByteArray &bytes)
    {
        return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
    }

    QTemporaryDir m_home;
    StartLambda m_sample;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(kAws)) {
            QSKIP("Debian's awscli (/usr/bin/aws) is not installed");
        }
        QVERIFY(m_home.isValid());
        QVERIFY2(m_sample.start(QStringLiteral(LWB_SOURCE_DIR) +
                                u"/resources/samples/hello-world/template.yaml"_s),
                 m_sample.err().constData());
        QVERIFY(m_sample.err().contains("Mounting HelloWorldFunction at " +
                                        m_sample.endpoint().toUtf8() +
                                        "/2015-03-31/functions/HelloWorldFunction/invocations"));
        QVERIFY(m_sample.err().contains("Mounting HelloWorldNodeFunction at "));
    }

    void invokeWithPayload()
    {
        const Run r =
            awsInvoke({u"--function-name"_s, u"HelloWorldFunction"_s, u"--cli-binary-format"_s,
                       u"raw-in-base64-out"_s, u"--payload"_s, u"{\"key\":\"value\"}"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto meta = json(r.out);
        QCOMPARE(meta["StatusCode"].get<int>(), 200);
        QCOMPARE(meta["ExecutedVersion"].get<std::string>(), std::string("$LATEST"));
        QVERIFY(!meta.contains("FunctionError"));
        const auto body = json(outFile());
        QCOMPARE(body["statusCode"].get<int>(), 200);
        QCOMPARE(json(QByteArray::fromStdString(body["body"].get<std::string>()))["message"]
                     .get<std::string>(),
                 std::string("hello world"));
    }

    void logTail()
    {
        const Run r =
            awsInvoke({u"--function-name"_s, u"HelloWorldFunction"_s, u"--log-type"_s, u"Tail"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto meta = json(r.out);
        QCOMPARE(meta["StatusCode"].get<int>(), 200);
        const QByteArray log =
            QByteArray::fromBase64(QByteArray::fromStdString(meta["LogResult"].get<std::string>()));
        QVERIFY2(log.contains("START RequestId: "), log.constData());
        QVERIFY2(log.contains("END RequestId: "), log.constData());
        QVERIFY2(log.contains("REPORT RequestId: "), log.constData());
        QVERIFY(log.size() <= 4096);
        QVERIFY(log.indexOf("START") < log.indexOf("REPORT"));
    }

    void event()
    {
        const Run r = awsInvoke({u"--function-name"_s, u"HelloWorldFunction"_s,
                                 u"--invocation-type"_s, u"Event"_s, u"--cli-binary-format"_s,
                                 u"raw-in-base64-out"_s, u"--payload"_s, u"{}"_s},
                                u"event.json"_s);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r.out)["StatusCode"].get<int>(), 202);
        QVERIFY(outFile(u"event.json"_s).isEmpty());
    }

    void dryRun()
    {
        const Run r = awsInvoke(
            {u"--function-name"_s, u"HelloWorldFunction"_s, u"--invocation-type"_s, u"DryRun"_s},
            u"dryrun.json"_s);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r.out)["StatusCode"].get<int>(), 204);
    }

    void qualifierAndArn()
    {
        Run r = awsInvoke(
            {u"--function-name"_s, u"HelloWorldFunction"_s, u"--qualifier"_s, u"$LATEST"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r.out)["StatusCode"].get<int>(), 200);
        r = awsInvoke({u"--function-name"_s,
                       u"arn:aws:lambda:us-east-1:123456789012:function:HelloWorldFunction"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r.out)["StatusCode"].get<int>(), 200);
    }

    void unknownFunction()
    {
        const Run r = awsInvoke({u"--function-name"_s, u"NoSuchFunction"_s}, u"missing.json"_s);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("ResourceNotFoundException"), r.err.constData());
        QVERIFY2(r.err.contains("Function not found: "
                                "arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction"),
                 r.err.constData());
    }

    void boto3()
    {
        if (client(kPython, {u"-c"_s, u"import boto3"_s}).exitCode != 0) {
            QSKIP("boto3 is not installed for /usr/bin/python3");
        }
        StartLambda server;
        QVERIFY2(server.start(QStringLiteral(LWB_SOURCE_DIR) +
                              u"/tests/conformance/data/invoke/template.yaml"_s),
                 server.err().constData());
        const Run r =
            client(kPython,
                   {QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/boto3_invoke.py"_s,
                    server.endpoint()},
                   120000);
        QVERIFY2(r.exitCode == 0 && r.out.endsWith("OK\n"),
                 (r.out + r.err + "\n--- server ---\n" + server.err()).constData());
        QCOMPARE(server.terminate(), 0);
    }

    void logsAndCleanShutdown()
    {
        // Every invocation's log reached the server's stderr, then SIGTERM ends it cleanly.
        QVERIFY(QTest::qWaitFor([this] { return m_sample.err().count("REPORT RequestId: ") >= 5; },
                                10000));
        QVERIFY2(m_sample.err().contains("START RequestId: "), m_sample.err().constData());
        QVERIFY2(m_sample.err().contains("ResourceNotFoundException"), m_sample.err().constData());
        QCOMPARE(m_sample.terminate(), 0);
        QVERIFY(m_sample.err().contains("Shutting down"));
    }
};

QTEST_GUILESS_MAIN(TestAwsCliInvoke)
#include "tst_awscli_invoke.moc"
