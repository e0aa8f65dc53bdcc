// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-lambda` enforcing SigV4 and IAM against clients no one here wrote: Debian's
// awscli v2 (/usr/bin/aws) and boto3 (/usr/bin/python3) with good and bad credentials, a
// function that calls two others through boto3 with its own role's credentials, raw requests
// for what the SDKs cannot send (no signature, a clock 10 minutes behind), the policy linter's
// warnings, and the loopback-only rule for --host. Every client runs with fake credentials,
// the metadata probe disabled and an explicit endpoint: nothing leaves loopback.
#include "auth/sigv4.h"
#include "awsclientprocess.h"
#include "signedrequest.h"
#include "rawhttpreply.h"

#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

using Lwb::Test::ClientRun;
using StartLambda = Lwb::Test::StartLambdaProcess;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kPython = u"/usr/bin/python3"_s;
const QString kMismatch =
    u"The request signature we calculated does not match the signature you provided. Check "
    u"your AWS Secret Access Key and signing method. Consult the service documentation for "
    u"details."_s;
const QString kInvalidToken = u"The security token included in the request is invalid."_s;

QString templatePath()
{
    return QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/data/security/template.yaml"_s;
}

/** One request on a fresh connection, the reply parsed by the tests' own small reader. */
Lwb::Test::RawHttpReply rawRequest(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    Lwb::Test::RawHttpReply reply;
    if (!socket.waitForConnected(5000)) {
        return reply;
    }
    socket.write(request);
    QByteArray buffer;
    QTest::qWaitFor(
        [&] {
            socket.waitForReadyRead(100);
            buffer += socket.readAll();
            return Lwb::Test::parseRawHttpReply(buffer, reply) > 0;
        },
        30000);
    return reply;
}

QByteArray signedInvoke(quint16 port, const QByteArray &function, const QDateTime &time)
{
    Lwb::Test::SignedRequestOptions options;
    options.host = "127.0.0.1:" + QByteArray::number(port);
    options.time = time;
    options.unsigned_ = {{"Connection", "close"}};
    return Lwb::Test::signedRequest("POST", "/2015-03-31/functions/" + function + "/invocations", "{}", options);
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    StartLambda m_server;

    ClientRun client(const QString &program, const QStringList &args,
                     const QString &key = u"test"_s, const QString &secret = u"test"_s) const
    {
        return Lwb::Test::runClient(program, args,
                                    Lwb::Test::awsClientEnvironment(m_home, key, secret), m_home);
    }

    ClientRun awsInvoke(const QString &function, const QString &key, const QString &secret,
                        const QStringList &extra = {}) const
    {
        QStringList args{
            u"lambda"_s,          u"invoke"_s, u"--endpoint-url"_s, m_server.endpoint(),
            u"--function-name"_s, function,    u"--output"_s,       u"json"_s};
        args << extra << m_home.filePath(u"out-%1.json"_s.arg(function));
        return client(kAws, args, key, secret);
    }

    json outFile(const QString &function) const
    {
        QFile file(m_home.filePath(u"out-%1.json"_s.arg(function)));
        if (!file.open(QIODevice::ReadOnly)) {
            return nullptr;
        }
        return json::parse(file.readAll().toStdString(), nullptr, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        if (!QFileInfo::exists(kAws) || !QFileInfo::exists(kPython)) {
            QSKIP("needs Debian's awscli (/usr/bin/aws) and python3-boto3");
        }
        QVERIFY2(m_server.start(templatePath(), {u"--credential"_s, u"AKIDEXTRA:extra-secret"_s}),
                 m_server.err().constData());
    }

    void linterWarnings()
    {
        const QString err = QString::fromUtf8(m_server.err());
        QVERIFY2(err.contains(u"Warning: policy BroadFunction: Policies[0] statement 0 (Sid "
                              u"Everything): Action \"lambda:*\" grants every lambda action"_s),
                 qPrintable(err));
        QVERIFY(
            err.contains(u"Warning: policy BroadFunction: Policies[0] statement 0 (Sid "
                         u"Everything): Resource \"*\" grants the actions on every resource"_s));
        QVERIFY(!err.contains(u"policy CallerFunction"_s));
    }

    void lintPoliciesCommand()
    {
        QProcess lint;
        lint.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                   {u"lint-policies"_s, u"-t"_s, templatePath()});
        QVERIFY(lint.waitForFinished(30000));
        QCOMPARE(lint.exitCode(), 1);
        QCOMPARE(QString::fromUtf8(lint.readAllStandardOutput()),
                 u"BroadFunction: Policies[0] statement 0 (Sid Everything): Action \"lambda:*\" "
                 u"grants every lambda action\n"
                 u"BroadFunction: Policies[0] statement 0 (Sid Everything): Resource \"*\" grants "
                 u"the actions on every resource\n"_s);
        QVERIFY(lint.readAllStandardError().contains("2 finding(s) in 4 function(s)"));

        lint.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                   {u"lint-policies"_s, u"-t"_s, templatePath(), u"--json"_s});
        QVERIFY(lint.waitForFinished(30000));
        const json findings = json::parse(lint.readAllStandardOutput().toStdString());
        QCOMPARE(findings.size(), 2u);
        QVERIFY(findings[0]["function"] == "BroadFunction");
        QVERIFY(findings[0]["sid"] == "Everything");
        QVERIFY(findings[0]["statement"] == 0);
    }

    void awscliGoodCredentials()
    {
        ClientRun run = awsInvoke(u"TargetB"_s, u"test"_s, u"test"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(outFile(u"TargetB"_s).value("function", ""), "TargetB");
        run = awsInvoke(u"TargetC"_s, u"AKIDEXTRA"_s, u"extra-secret"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(outFile(u"TargetC"_s).value("function", ""), "TargetC");
    }

    void awscliRefusals_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong secret") << u"test"_s << u"wrong"_s << u"us-east-1"_s << kMismatch
                                      << u"InvalidSignatureException"_s;
        QTest::newRow("unknown key") << u"AKIDNOBODYKNOWS"_s << u"test"_s << u"us-east-1"_s
                                     << kInvalidToken << u"UnrecognizedClientException"_s;
        QTest::newRow("wrong region") << u"test"_s << u"test"_s << u"eu-west-1"_s
                                      << u"Credential should be scoped to a valid region, not "
                                         u"'eu-west-1'."_s
                                      << u"InvalidSignatureException"_s;
    }

    void awscliRefusals()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QFETCH(QString, code);
        const ClientRun run = awsInvoke(u"TargetB"_s, key, secret, {u"--region"_s, region});
        QVERIFY(run.exitCode != 0);
        // "An error occurred (<code>) when calling the Invoke operation[ (reached max retries:
        // 0)]: <message>"
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(
            err.contains(u"An error occurred (%1) when calling the Invoke operation"_s.arg(code)),
            run.err.constData());
        QVERIFY2(err.contains(u": "_s + expected), run.err.constData());
    }

    void boto3()
    {
        const ClientRun run = client(
            kPython, {QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/security_boto3.py"_s,
                      m_server.endpoint()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json r = json::parse(run.out.toStdString());
        QCOMPARE(r["good"]["status"], 200);
        QCOMPARE(r["good"]["payload"]["event"]["via"], "boto3");
        QCOMPARE(r["extra"]["status"], 200);
        QCOMPARE(r["wrongSecret"]["status"], 403);
        QCOMPARE(r["wrongSecret"]["code"], "InvalidSignatureException");
        QCOMPARE(QString::fromStdString(r["wrongSecret"]["message"]), kMismatch);
        QCOMPARE(r["unknownKey"]["status"], 403);
        QCOMPARE(r["unknownKey"]["code"], "UnrecognizedClientException");
        QCOMPARE(QString::fromStdString(r["unknownKey"]["message"]), kInvalidToken);
        QCOMPARE(r["wrongRegion"]["status"], 403);
        QCOMPARE(r["wrongRegion"]["code"], "InvalidSignatureException");
        QCOMPARE(r["wrongRegion"]["message"],
                 "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    }

    void rawUnsigned()
    {
        const auto reply = rawRequest(
            m_server.port(), "POST /2015-03-31/functions/TargetB/invocations HTTP/1.1\r\nHost: "
                             "127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.header("x-amzn-ErrorType"), "MissingAuthenticationTokenException");
        const json body = json::parse(reply.body.toStdString());
        QCOMPARE(body["message"], "Missing Authentication Token");
        QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
        // A control-plane path is behind the same gate.
        const auto list =
            rawRequest(m_server.port(), "GET /2015-03-31/functions/ HTTP/1.1\r\n"
                                        "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QCOMPARE(list.status, 403);
        QCOMPARE(list.header("x-amzn-ErrorType"), "MissingAuthenticationTokenException");
    }

    void rawSkewedClock()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto reply = rawRequest(m_server.port(),
                                signedInvoke(m_server.port(), "TargetB", now.addSecs(-600)));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.header("x-amzn-ErrorType"), "InvalidSignatureException");
        const QString message =
            QString::fromStdString(json::parse(reply.body.toStdString())["message"]);
        static const QRegularExpression expired(
            u"^Signature expired: (\\d{8}T\\d{6}Z) is now earlier than \\d{8}T\\d{6}Z "
            u"\\(\\d{8}T\\d{6}Z - 5 min\\.\\)$"_s);
        const QRegularExpressionMatch m = expired.match(message);
        QVERIFY2(m.hasMatch(), qPrintable(message));
        QCOMPARE(m.captured(1).toLatin1(), Lwb::SigV4::amzDate(now.addSecs(-600)));

        // The same request signed now passes: only the clock was wrong.
        reply = rawRequest(m_server.port(), signedInvoke(m_server.port(), "TargetB", now));
        QCOMPARE(reply.status, 200);
    }

    void functionRoleThroughBoto3()
    {
        // CallerFunction's policy allows invoking TargetB only; it calls both with boto3 and
        // the credentials of its own sandbox.
        const ClientRun run = awsInvoke(u"CallerFunction"_s, u"test"_s, u"test"_s,
                                        {u"--cli-read-timeout"_s, u"90"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json out = outFile(u"CallerFunction"_s);
        QVERIFY2(out.is_object() && out.contains("TargetB"), out.dump().c_str());
        QVERIFY2(QString::fromStdString(out["accessKeyId"]).startsWith(u"ASIA"_s),
                 out.dump().c_str());
        QCOMPARE(out["endpoint"], m_server.endpoint().toStdString());
        QCOMPARE(out["TargetB"]["status"], 200);
        QCOMPARE(out["TargetB"]["payload"]["function"], "TargetB");
        QCOMPARE(out["TargetB"]["payload"]["event"]["from"], "caller");
        QCOMPARE(out["TargetC"]["status"], 403);
        QCOMPARE(out["TargetC"]["code"], "AccessDeniedException");
        QCOMPARE(QString::fromStdString(out["TargetC"]["message"]),
                 u"User: arn:aws:sts::123456789012:assumed-role/CallerFunctionRole/CallerFunction "
                 u"is not authorized to perform: lambda:InvokeFunction on resource: "
                 u"arn:aws:lambda:us-east-1:123456789012:function:TargetC because no "
                 u"identity-based policy allows the lambda:InvokeFunction action"_s);
        QCOMPARE(out["GetFunctionConfiguration"]["status"], 403);
        QCOMPARE(QString::fromStdString(out["GetFunctionConfiguration"]["message"]),
                 u"User: arn:aws:sts::123456789012:assumed-role/CallerFunctionRole/CallerFunction "
                 u"is not authorized to perform: lambda:GetFunctionConfiguration on resource: "
                 u"arn:aws:lambda:us-east-1:123456789012:function:TargetB because no "
                 u"identity-based policy allows the lambda:GetFunctionConfiguration action"_s);
    }

    void remoteBindNeedsFlag()
    {
        StartLambda refused;
        QVERIFY(!refused.start(templatePath(), {u"--host"_s, u"0.0.0.0"_s}));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY2(refused.err().contains("Error: --host 0.0.0.0 would expose the Lambda API to "
                                        "other machines"),
                 refused.err().constData());
        QVERIFY(refused.err().contains("--allow-remote"));

        StartLambda allowed;
        QVERIFY2(allowed.start(templatePath(), {u"--host"_s, u"0.0.0.0"_s, u"--allow-remote"_s}),
                 allowed.err().constData());
        QVERIFY2(allowed.err().contains("Warning: listening on 0.0.0.0, reachable from other "
                                        "machines"),
                 allowed.err().constData());
    }

    void credentialsFile()
    {
        QFile file(m_home.filePath(u"keys.ini"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "[team]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n");
        file.close();
        StartLambda withFile;
        QVERIFY2(withFile.start(templatePath(), {u"--credentials-file"_s, file.fileName()}),
                 withFile.err().constData());
        QStringList args{u"lambda"_s,
                         u"invoke"_s,
                         u"--endpoint-url"_s,
                         withFile.endpoint(),
                         u"--function-name"_s,
                         u"TargetB"_s,
                         m_home.filePath(u"out-file.json"_s)};
        ClientRun run = client(kAws, args, u"AKIDFROMFILE"_s, u"file-secret"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = client(kAws, args, u"test"_s, u"test"_s); // the default pair stays
        QVERIFY2(run.exitCode == 0, run.err.constData());

        StartLambda missing;
        QVERIFY(!missing.start(templatePath(),
                               {u"--credentials-file"_s, m_home.filePath(u"nope.ini"_s)}));
        QCOMPARE(missing.exitCode(), 2);
        QVERIFY2(missing.err().contains("Error: --credentials-file: cannot read"),
                 missing.err().constData());
        StartLambda malformed;
        QVERIFY(!malformed.start(templatePath(), {u"--credential"_s, u"no-colon"_s}));
        QCOMPARE(malformed.exitCode(), 2);
        QVERIFY(malformed.err().contains("Error: --credential: a credential must be KEY:SECRET"));
    }

    void noAuth()
    {
        StartLambda open;
        QVERIFY2(open.start(templatePath(), {u"--no-auth"_s}), open.err().constData());
        QVERIFY(open.err().contains("Warning: --no-auth"));
        const auto reply = rawRequest(
            open.port(), "POST /2015-03-31/functions/TargetB/invocations HTTP/1.1\r\nHost: "
                         "127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.body.contains("TargetB"));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
