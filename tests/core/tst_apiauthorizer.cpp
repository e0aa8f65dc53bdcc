// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ApiAuthorizer, the SigV4 + IAM gate of the Lambda API, on requests signed here with
// Lwb::SigV4 (the signer that passes the aws-c-auth suite): each refusal carries AWS's status,
// code and message; a function's own credentials are allowed exactly what its policies allow.
#include "auth/apiauthorizer.h"
#include "auth/functionidentity.h"
#include "engine/engine.h"
#include "http/httprequest.h"
#include "httprequestfixture.h"
#include "model/functionconfig.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using json = nlohmann::json;

namespace {

const QString kMismatch =
    u"The request signature we calculated does not match the signature you provided. Check "
    u"your AWS Secret Access Key and signing method. Consult the service documentation for "
    u"details."_s;

FunctionConfig function(const QString &id, const json &policies)
{
    FunctionConfig f;
    f.logicalId = id;
    f.functionName = id;
    f.runtime = u"python3.12"_s;
    f.handler = u"app.handler"_s;
    f.policies = policies;
    return f;
}

struct Signing
{
    SigV4Credentials credentials{u"test"_s, u"test"_s, {}};
    QString region = u"us-east-1"_s;
    QString service = u"lambda"_s;
    QDateTime time = QDateTime::currentDateTimeUtc();
};

HttpRequest signedRequest(const QByteArray &method, const QByteArray &target, const Signing &s,
                          const QByteArray &body = "{}")
{
    SigV4Request toSign;
    toSign.method = method;
    toSign.target = target;
    toSign.headers = {{"Host"_ba, "127.0.0.1:3001"_ba}, {"Content-Type"_ba, "application/json"_ba}};
    toSign.body = body;
    SigV4SigningParams params;
    params.credentials = s.credentials;
    params.region = s.region;
    params.service = s.service;
    params.time = s.time;
    const SigV4Signature signature = SigV4::sign(toSign, params);

    return Test::httpRequest(method, target, toSign.headers + signature.headers, body);
}

const QByteArray kInvokeB = "/2015-03-31/functions/B/invocations";
const QByteArray kInvokeC = "/2015-03-31/functions/C/invocations";

} // namespace

class TestApiAuthorizer : public QObject
{
    Q_OBJECT

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ApiAuthorizer> m_auth;

    ApiAuthorizer::Decision check(const HttpRequest &r) const
    {
        return m_auth->check(r, QDateTime::currentDateTimeUtc());
    }

    Signing as(const QString &functionName) const
    {
        Signing s;
        s.credentials =
            FunctionIdentity::of(*m_engine->function(functionName), u"123456789012"_s).credentials;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_engine = std::make_unique<Engine>();
        m_engine->setFunctions({
            function(u"Caller"_s,
                     json::parse(R"([{"LambdaInvokePolicy": {"FunctionName": {"Ref": "B"}}},
                {"Statement": [{"Effect": "Allow", "Action": "lambda:Get*", "Resource": "*"},
                               {"Effect": "Deny", "Action": "lambda:GetPolicy", "Resource": "*"}]}])")),
            function(u"B"_s, nullptr),
            function(u"C"_s, nullptr),
        });
        ApiAuthSettings settings;
        settings.credentials.append({u"AKIDEXTRA"_s, u"extra-secret"_s, {}});
        m_auth = std::make_unique<ApiAuthorizer>(m_engine.get(), settings);
    }

    void administrator()
    {
        const auto d = check(signedRequest("POST", kInvokeC, Signing()));
        QVERIFY2(d.allowed, qPrintable(d.message));
        Signing extra;
        extra.credentials = {u"AKIDEXTRA"_s, u"extra-secret"_s, {}};
        QVERIFY(check(signedRequest("GET", "/2015-03-31/functions/", extra)).allowed);
    }

    void refusals_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message"); // a regular expression
        QTest::addColumn<QString>("variant");
        QTest::newRow("unsigned") << 403 << u"MissingAuthenticationTokenException"_s
                                  << u"^Missing Authentication Token$"_s << u"unsigned"_s;
        QTest::newRow("wrong secret") << 403 << u"InvalidSignatureException"_s
                                      << QRegularExpression::escape(kMismatch) << u"secret"_s;
        QTest::newRow("unknown key")
            << 403 << u"UnrecognizedClientException"_s
            << u"^The security token included in the request is invalid\\.$"_s << u"key"_s;
        QTest::newRow("wrong region")
            << 403 << u"InvalidSignatureException"_s
            << u"^Credential should be scoped to a valid region, not 'eu-west-1'\\. $"_s
            << u"region"_s;
        QTest::newRow("wrong service")
            << 403 << u"InvalidSignatureException"_s
            << u"^Credential should be scoped to correct service: 'lambda'\\. $"_s << u"service"_s;
        QTest::newRow("clock 6 min behind")
            << 403 << u"InvalidSignatureException"_s
            << u"^Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)$"_s
            << u"past"_s;
        QTest::newRow("clock 6 min ahead")
            << 403 << u"InvalidSignatureException"_s
            << u"^Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 5 min\\.\\)$"_s
            << u"future"_s;
        QTest::newRow("no Signature")
            << 400 << u"IncompleteSignatureException"_s
            << u"Authorization header requires 'Signature' parameter\\."_s << u"incomplete"_s;
        QTest::newRow("tampered body") << 403 << u"InvalidSignatureException"_s
                                       << QRegularExpression::escape(kMismatch) << u"body"_s;
        QTest::newRow("function key without its token")
            << 403 << u"UnrecognizedClientException"_s
            << u"^The security token included in the request is invalid\\.$"_s << u"notoken"_s;
        QTest::newRow("function key, other token")
            << 403 << u"UnrecognizedClientException"_s
            << u"^The security token included in the request is invalid\\.$"_s << u"othertoken"_s;
    }

    void refusals()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, variant);
        Signing s;
        HttpRequest r;
        if (variant == u"unsigned"_s) {
            r = signedRequest("POST", kInvokeB, s);
            r.headers.removeIf([](const HttpHeader &h) {
                return h.first == "Authorization" || h.first == "X-Amz-Date";
            });
        } else if (variant == u"secret"_s) {
            s.credentials.secretAccessKey = u"wrong"_s;
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"key"_s) {
            s.credentials = {u"AKIDUNKNOWN"_s, u"test"_s, {}};
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"region"_s) {
            s.region = u"eu-west-1"_s;
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"service"_s) {
            s.service = u"s3"_s;
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"past"_s) {
            s.time = s.time.addSecs(-360);
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"future"_s) {
            s.time = s.time.addSecs(360);
            r = signedRequest("POST", kInvokeB, s);
        } else if (variant == u"incomplete"_s) {
            r = signedRequest("POST", kInvokeB, s);
            for (HttpHeader &h : r.headers) {
                if (h.first == "Authorization") {
                    h.second = h.second.left(h.second.indexOf(", Signature="));
                }
            }
        } else if (variant == u"body"_s) {
            r = signedRequest("POST", kInvokeB, s);
            r.body = "{\"changed\":true}";
        } else if (variant == u"notoken"_s || variant == u"othertoken"_s) {
            s = as(u"Caller"_s);
            s.credentials.sessionToken.clear();
            r = signedRequest("POST", kInvokeB, s);
            if (variant == u"othertoken"_s) {
                s.credentials.sessionToken =
                    FunctionIdentity::of(*m_engine->function(u"B"_s), u"123456789012"_s)
                        .credentials.sessionToken;
                r = signedRequest("POST", kInvokeB, s);
            }
        }
        const auto d = check(r);
        QVERIFY(!d.allowed);
        QCOMPARE(d.httpStatus, status);
        QCOMPARE(d.errorCode, code);
        QVERIFY2(QRegularExpression(message).match(d.message).hasMatch(), qPrintable(d.message));
    }

    void functionPolicies()
    {
        const Signing caller = as(u"Caller"_s);
        auto d = check(signedRequest("POST", kInvokeB, caller));
        QVERIFY2(d.allowed, qPrintable(d.message));
        QCOMPARE(d.principalArn, u"arn:aws:sts::123456789012:assumed-role/CallerRole/Caller"_s);
        QVERIFY(check(signedRequest("POST", kInvokeB + "?Qualifier=live", caller)).allowed);

        d = check(signedRequest("POST", kInvokeC, caller));
        QVERIFY(!d.allowed);
        QCOMPARE(d.httpStatus, 403);
        QCOMPARE(d.errorCode, u"AccessDeniedException"_s);
        QCOMPARE(
            d.message,
            u"User: arn:aws:sts::123456789012:assumed-role/CallerRole/Caller is not authorized "
            u"to perform: lambda:InvokeFunction on resource: "
            u"arn:aws:lambda:us-east-1:123456789012:function:C because no identity-based "
            u"policy allows the lambda:InvokeFunction action"_s);

        // Get* allowed on every function, GetPolicy explicitly denied.
        QVERIFY(
            check(signedRequest("GET", "/2015-03-31/functions/C/configuration", caller)).allowed);
        d = check(signedRequest("GET", "/2015-03-31/functions/C/policy", caller));
        QCOMPARE(d.errorCode, u"AccessDeniedException"_s);
        QVERIFY2(
            d.message.endsWith(u"on resource: arn:aws:lambda:us-east-1:123456789012:function:C "
                               u"with an explicit deny in an identity-based policy"_s),
            qPrintable(d.message));
        d = check(signedRequest("DELETE", "/2015-03-31/functions/B", caller));
        QCOMPARE(d.errorCode, u"AccessDeniedException"_s);
        QVERIFY(d.message.contains(u"lambda:DeleteFunction"_s));
        d = check(signedRequest("GET", "/2015-03-31/functions", caller));
        QCOMPARE(d.errorCode, u"AccessDeniedException"_s);
        QVERIFY(d.message.contains(u"perform: lambda:ListFunctions on resource: *"_s));

        // B has no policies at all.
        d = check(signedRequest("POST", kInvokeB, as(u"B"_s)));
        QCOMPARE(d.errorCode, u"AccessDeniedException"_s);
        QVERIFY(d.message.startsWith(u"User: arn:aws:sts::123456789012:assumed-role/BRole/B "_s));
    }

    void oversizeBodyIsLeftToTheRouteForKnownKeys()
    {
        HttpRequest r = signedRequest("POST", kInvokeB, Signing());
        r.bodyTooLarge = true;
        r.body.clear();
        QVERIFY(check(r).allowed);
        // … but only for a known key.
        Signing unknown;
        unknown.credentials = {u"AKIDUNKNOWN"_s, u"x"_s, {}};
        r = signedRequest("POST", kInvokeB, unknown);
        r.bodyTooLarge = true;
        QCOMPARE(check(r).errorCode, u"UnrecognizedClientException"_s);
        r.headers.clear();
        QCOMPARE(check(r).errorCode, u"MissingAuthenticationTokenException"_s);
    }

    void settings()
    {
        QString error;
        QVERIFY(!ApiAuthSettings::parseCredential(u"nocolon"_s, &error));
        QVERIFY(error.contains(u"KEY:SECRET"_s));
        const auto pair = ApiAuthSettings::parseCredential(u"AKID:se:cret"_s);
        QVERIFY(pair);
        QCOMPARE(pair->accessKeyId, u"AKID"_s);
        QCOMPARE(pair->secretAccessKey, u"se:cret"_s);

        QTemporaryDir dir;
        QFile file(dir.filePath(u"creds"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# local keys\n[default]\naws_access_key_id = AKID1\naws_secret_access_key=s1\n"
                   "\n[other]\naws_access_key_id=AKID2\naws_secret_access_key = s2\n");
        file.close();
        const auto pairs = ApiAuthSettings::readCredentialsFile(file.fileName(), &error);
        QVERIFY2(pairs, qPrintable(error));
        QCOMPARE(pairs->size(), 2);
        QCOMPARE(pairs->at(1).accessKeyId, u"AKID2"_s);
        QCOMPARE(pairs->at(1).secretAccessKey, u"s2"_s);
        QVERIFY(!ApiAuthSettings::readCredentialsFile(dir.filePath(u"missing"_s), &error));
    }
};

QTEST_GUILESS_MAIN(TestApiAuthorizer)
#include "tst_apiauthorizer.moc"
