// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Lwb::SigV4::verify() against signatures made by clients no one here wrote: Debian's awscli
// v2 (/usr/bin/aws) and boto3 (/usr/bin/python3). A tiny Lambda-shaped HttpServer checks
// every request (credentials test/test) and answers ListFunctions and Invoke; the clients run
// with fake credentials, no instance-metadata probe and an explicit loopback endpoint.
#include "auth/sigv4.h"
#include "http/httpserver.h"

#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::HttpRequest;
using Lwb::HttpResponder;
using Lwb::HttpResponse;
using Lwb::HttpServer;
using Lwb::SigV4;
using Lwb::SigV4VerifyResult;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kPython = u"/usr/bin/python3"_s;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

struct Seen
{
    QByteArray method;
    QByteArray target;
    SigV4VerifyResult result;
};

} // namespace

class TestSigV4Clients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void awsListFunctions();
    void awsInvokeByArn();
    void awsWrongSecret();
    void awsUnknownKey();
    void boto3();

private:
    void handle(const HttpRequest &request, HttpResponder responder);
    QProcessEnvironment environment(const QString &secret, const QString &keyId) const;
    Run run(const QString &program, const QStringList &args, const QString &secret = u"test"_s,
            const QString &keyId = u"test"_s);
    QString endpoint() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    void verifyAllAccepted();

    HttpServer m_server;
    QTemporaryDir m_home;
    QList<Seen> m_seen;
};

void TestSigV4Clients::initTestCase()
{
    if (!QFile::exists(kAws) || !QFile::exists(kPython)) {
        QSKIP("Debian's awscli and python3-boto3 are not installed");
    }
    QVERIFY(m_home.isValid());
    m_server.setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handle(request, responder);
    });
    QString error;
    QVERIFY2(m_server.listen(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
}

void TestSigV4Clients::init()
{
    m_seen.clear();
}

void TestSigV4Clients::handle(const HttpRequest &request, HttpResponder responder)
{
    Lwb::SigV4VerifyOptions options;
    options.expectedService = u"lambda"_s;
    const auto lookup = [](const QString &id) -> std::optional<QString> {
        if (id == u"test"_s) {
            return u"test"_s;
        }
        return std::nullopt;
    };
    const SigV4VerifyResult result =
        SigV4::verify(request, lookup, QDateTime::currentDateTimeUtc(), options);
    m_seen.append({request.method, request.target, result});
    if (!result.ok) {
        const QByteArray body = R"({"Type":"User","message":")" +
                                result.message.toUtf8().replace('"', "\\\"") + R"("})";
        HttpResponse response = HttpResponse::json(result.httpStatus, body);
        response.setHeader("x-amzn-ErrorType", result.errorCode.toUtf8());
        responder.send(response);
        return;
    }
    if (request.method == "GET" && request.path.startsWith(u"/2015-03-31/functions"_s)) {
        responder.send(HttpResponse::json(200, R"({"Functions":[]})"));
        return;
    }
    if (request.method == "POST" && request.path.endsWith(u"/invocations"_s)) {
        HttpResponse response = HttpResponse::json(200, request.body);
        response.setHeader("X-Amz-Executed-Version", "$LATEST");
        responder.send(response);
        return;
    }
    responder.send(HttpResponse::json(404, R"({"Type":"User","message":"not found"})"));
}

QProcessEnvironment TestSigV4Clients::environment(const QString &secret, const QString &keyId) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_SESSION_TOKEN"_s, u"AWS_ENDPOINT_URL"_s,
                                u"AWS_DEFAULT_PROFILE"_s}) {
        env.remove(name);
    }
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    env.insert(u"AWS_ACCESS_KEY_ID"_s, keyId);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, secret);
    env.insert(u"AWS_DEFAULT_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"aws-config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"aws-credentials"_s));
    env.insert(u"AWS_PAGER"_s, QString());
    env.insert(u"AWS_MAX_ATTEMPTS"_s, u"1"_s);
    return env;
}

Run TestSigV4Clients::run(const QString &program, const QStringList &args, const QString &secret,
                          const QString &keyId)
{
    // The server lives in this thread: wait with the event loop running, never block.
    QProcess p;
    p.setProcessEnvironment(environment(secret, keyId));
    p.setWorkingDirectory(m_home.path());
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        return {};
    }
    p.closeWriteChannel();
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 120000)) {
        p.kill();
        p.waitForFinished(5000);
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestSigV4Clients::verifyAllAccepted()
{
    QVERIFY(!m_seen.isEmpty());
    for (const Seen &seen : std::as_const(m_seen)) {
        const QByteArray why = seen.method + ' ' + seen.target + ": " +
                               seen.result.errorCode.toUtf8() + ' ' + seen.result.message.toUtf8() +
                               '\n' + seen.result.canonicalRequest;
        QVERIFY2(seen.result.ok, why.constData());
        QCOMPARE(seen.result.accessKeyId, u"test"_s);
        QCOMPARE(seen.result.region, u"us-east-1"_s);
        QCOMPARE(seen.result.service, u"lambda"_s);
        QVERIFY(!seen.result.presigned);
    }
}

void TestSigV4Clients::awsListFunctions()
{
    const Run r = run(kAws, {u"lambda"_s, u"list-functions"_s, u"--endpoint-url"_s, endpoint(),
                             u"--output"_s, u"json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("\"Functions\""), r.out.constData());
    QCOMPARE(m_seen.size(), 1);
    verifyAllAccepted();
}

void TestSigV4Clients::awsInvokeByArn()
{
    // The ARN's colons go on the wire as %3A, and into the canonical URI as %253A.
    const Run r =
        run(kAws, {u"lambda"_s, u"invoke"_s, u"--endpoint-url"_s, endpoint(), u"--function-name"_s,
                   u"arn:aws:lambda:us-east-1:123456789012:function:my-fn"_s, u"--qualifier"_s,
                   u"$LATEST"_s, u"--cli-binary-format"_s, u"raw-in-base64-out"_s, u"--payload"_s,
                   u"{\"a\": 1}"_s, m_home.filePath(u"out.json"_s)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("\"StatusCode\": 200"), r.out.constData());
    QFile out(m_home.filePath(u"out.json"_s));
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), "{\"a\": 1}");
    QCOMPARE(m_seen.size(), 1);
    verifyAllAccepted();
    QVERIFY2(m_seen.first().target.contains("arn%3Aaws%3Alambda"),
             m_seen.first().target.constData());
    QVERIFY(m_seen.first().result.canonicalRequest.contains("arn%253Aaws%253Alambda"));
}

void TestSigV4Clients::awsWrongSecret()
{
    const Run r = run(kAws, {u"lambda"_s, u"list-functions"_s, u"--endpoint-url"_s, endpoint()},
                      u"not-the-secret"_s);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("InvalidSignatureException"), r.err.constData());
    QVERIFY2(r.err.contains("The request signature we calculated does not match"),
             r.err.constData());
    QVERIFY(!m_seen.isEmpty());
    for (const Seen &seen : std::as_const(m_seen)) {
        QVERIFY(!seen.result.ok);
        QCOMPARE(seen.result.errorCode, u"InvalidSignatureException"_s);
        QCOMPARE(seen.result.httpStatus, 403);
    }
}

void TestSigV4Clients::awsUnknownKey()
{
    const Run r = run(kAws, {u"lambda"_s, u"list-functions"_s, u"--endpoint-url"_s, endpoint()},
                      u"test"_s, u"AKIDUNKNOWN"_s);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("UnrecognizedClientException"), r.err.constData());
    QVERIFY2(r.err.contains("The security token included in the request is invalid"),
             r.err.constData());
}

void TestSigV4Clients::boto3()
{
    const QString script = QFINDTESTDATA("sigv4_boto3.py");
    QVERIFY(!script.isEmpty());
    const Run r = run(kPython, {script, endpoint()});
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QVERIFY2(r.out.endsWith("OK\n"), r.out.constData());

    // Everything but the last request (the deliberately wrong secret) verified.
    QVERIFY(m_seen.size() >= 5);
    const Seen refused = m_seen.takeLast();
    QCOMPARE(refused.result.errorCode, u"InvalidSignatureException"_s);
    verifyAllAccepted();
    bool sawToken = false;
    bool sawArn = false;
    for (const Seen &seen : std::as_const(m_seen)) {
        sawToken |= seen.result.sessionToken == u"session-token/with+odd=chars"_s &&
                    seen.result.canonicalRequest.contains("x-amz-security-token:");
        sawArn |= seen.result.canonicalRequest.contains("arn%253Aaws%253Alambda");
    }
    QVERIFY(sawToken);
    QVERIFY(sawArn);
}

QTEST_GUILESS_MAIN(TestSigV4Clients)
#include "tst_sigv4_clients.moc"
