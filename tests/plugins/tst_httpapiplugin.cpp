// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginefixtures.h"

#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    BinaryMediaTypes:
      - application~1octet-stream
    Cors:
      AllowOrigin: "'http://example.com'"
      AllowHeaders: "'Content-Type'"
      MaxAge: "'600'"
Resources:
  Shop:
    Type: AWS::Serverless::HttpApi
  Secured:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      Variables:
        color: blue
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt AuthFn.Arn
  AuthFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.authorize
      Runtime: python3.12
  App:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Hello:
          Type: Api
          Properties:
            Path: /hello/{name}
            Method: get
        Upload:
          Type: Api
          Properties:
            Path: /upload
            Method: post
        Boom:
          Type: Api
          Properties:
            Path: /boom
            Method: ANY
        Slow:
          Type: Api
          Properties:
            Path: /slow
            Method: GET
        Files:
          Type: Api
          Properties:
            Path: /files/{proxy+}
            Method: ANY
        Secret:
          Type: Api
          Properties:
            RestApiId: !Ref Secured
            Path: /secret
            Method: GET
        Orders:
          Type: HttpApi
          Properties:
            ApiId: !Ref Shop
            Path: /orders/{id}
            Method: GET
)";

constexpr auto kHandler = R"(import json, os, time, uuid

ENV = str(uuid.uuid4())  # one per execution environment (PIDs repeat across sandboxes)

def handler(event, context):
    path = event.get('path') or event.get('rawPath')
    if path == '/boom':
        raise RuntimeError('boom')
    if path == '/slow':
        time.sleep(0.6)
    if path == '/upload':
        return {'statusCode': 200, 'headers': {'Content-Type': 'application/octet-stream',
                'X-Was-Base64': str(event['isBase64Encoded'])},
                'body': event['body'], 'isBase64Encoded': event['isBase64Encoded']}
    if event.get('version') == '2.0':
        return {'version': VERSION, 'env': ENV, 'event': event}
    return {'statusCode': 200, 'headers': {'X-Env': ENV},
            'multiValueHeaders': {'X-Multi': ['a', 'b']},
            'body': json.dumps({'version': VERSION, 'env': ENV, 'event': event})}

VERSION = 'one'

def authorize(event, context):
    token = event['authorizationToken']
    print('AUTHORIZE', token)
    if token not in ('allow', 'deny'):
        raise Exception('Unauthorized')
    return {'principalId': 'alice', 'context': {'tier': 'gold'},
            'policyDocument': {'Version': '2012-10-17', 'Statement': [{'Action': 'execute-api:Invoke',
                'Effect': 'Allow' if token == 'allow' else 'Deny', 'Resource': event['methodArn']}]}}
)";

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0) {
                return v;
            }
        }
        return {};
    }
    nlohmann::json json() const
    {
        return nlohmann::json::parse(body.toStdString(), nullptr, false);
    }
};

/** `lwb local start-api` on a temporary project, with its stderr collected. */
class StartApi
{
public:
    explicit StartApi(const QStringList &extra = {})
    {
        Lwb::Test::writeFile(m_dir.filePath(u"template.yaml"_s), kTemplate);
        Lwb::Test::writeFile(m_dir.filePath(u"src/app.py"_s), kHandler);
        m_process.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                        QStringList{u"local"_s, u"start-api"_s, u"-t"_s,
                                    m_dir.filePath(u"template.yaml"_s), u"-p"_s, u"0"_s} +
                            extra);
    }

    ~StartApi()
    {
        m_process.terminate();
        m_process.waitForFinished(10000);
    }

    bool waitFor(const QByteArray &text, int timeoutMs = 20000)
    {
        return QTest::qWaitFor(
            [&] {
                m_process.waitForReadyRead(20);
                m_err += m_process.readAllStandardError();
                return m_err.contains(text);
            },
            timeoutMs);
    }

    bool started()
    {
        if (!waitFor("Running on")) {
            return false;
        }
        const QRegularExpressionMatch m =
            QRegularExpression(u"Running on (http://127\\.0\\.0\\.1:\\d+)"_s)
                .match(QString::fromUtf8(m_err));
        m_baseUrl = m.captured(1);
        return m.hasMatch();
    }

    QString dir(const QString &name) const { return m_dir.filePath(name); }
    QString baseUrl() const { return m_baseUrl; }
    QByteArray err()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_err;
    QString m_baseUrl;
};

QNetworkReply *send(QNetworkAccessManager &nam, const QByteArray &method, const QString &url,
                    const QByteArray &body = {},
                    const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request{QUrl(url)};
    for (const auto &[n, v] : headers) {
        request.setRawHeader(n, v);
    }
    return nam.sendCustomRequest(request, method, body);
}

Reply finish(QNetworkReply *reply)
{
    [[maybe_unused]] const bool finished =
        QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

Reply call(QNetworkAccessManager &nam, const QByteArray &method, const QString &url,
           const QByteArray &body = {},
           const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    return finish(send(nam, method, url, body, headers));
}

} // namespace

// The http-api plugin end to end: a real `lwb local start-api`, a Python function, raw HTTP.
class TestHttpApiPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesRestAndHttpApiRoutes()
    {
        StartApi api;
        QVERIFY2(api.started(), api.err().constData());
        QVERIFY(api.err().contains("Mounting App at " + api.baseUrl().toUtf8() +
                                   "/hello/{name} [GET]"));
        QVERIFY(api.err().contains("/orders/{id} [GET]"));
        QNetworkAccessManager nam;

        // Payload 1.0: path and multi-value query parameters, multi-value response headers.
        const Reply rest = call(nam, "GET", api.baseUrl() + u"/hello/world?a=1&a=2&b=x%20y"_s, {},
                                {{"X-Custom", "c1"}});
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(rest.header("X-Multi"), QByteArray("a, b"));
        const nlohmann::json e = rest.json()["event"];
        QCOMPARE(e["resource"], "/hello/{name}");
        QCOMPARE(e["path"], "/hello/world");
        QCOMPARE(e["httpMethod"], "GET");
        QCOMPARE(e["pathParameters"], nlohmann::json::parse(R"({"name":"world"})"));
        QCOMPARE(e["queryStringParameters"], nlohmann::json::parse(R"({"a":"2","b":"x y"})"));
        QCOMPARE(e["multiValueQueryStringParameters"],
                 nlohmann::json::parse(R"({"a":["1","2"],"b":["x y"]})"));
        QCOMPARE(e["headers"]["X-Custom"], "c1");
        QCOMPARE(e["requestContext"]["stage"], "Prod");
        QCOMPARE(e["requestContext"]["identity"]["sourceIp"], "127.0.0.1");
        QCOMPARE(e["isBase64Encoded"], false);

        QCOMPARE(rest.header("Access-Control-Allow-Origin"), QByteArray("http://example.com"));

        // CORS preflight from the API's Cors settings.
        const Reply preflight =
            call(nam, "OPTIONS", api.baseUrl() + u"/hello/world"_s, {},
                 {{"Origin", "http://example.com"}, {"Access-Control-Request-Method", "GET"}});
        QCOMPARE(preflight.status, 200);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), QByteArray("http://example.com"));
        QCOMPARE(preflight.header("Access-Control-Allow-Methods"), QByteArray("GET,OPTIONS"));
        QCOMPARE(preflight.header("Access-Control-Allow-Headers"), QByteArray("Content-Type"));
        QCOMPARE(preflight.header("Access-Control-Max-Age"), QByteArray("600"));

        // Greedy path, ANY.
        const Reply files = call(nam, "DELETE", api.baseUrl() + u"/files/a/b/c.txt"_s);
        QCOMPARE(files.status, 200);
        QCOMPARE(files.json()["event"]["pathParameters"]["proxy"], "a/b/c.txt");

        // Payload 2.0, and a result without statusCode wrapped as API Gateway does.
        const Reply http =
            call(nam, "GET", api.baseUrl() + u"/orders/17?x=1&x=2"_s, {}, {{"Cookie", "s=1; t=2"}});
        QCOMPARE(http.status, 200);
        QCOMPARE(http.header("Content-Type"), QByteArray("application/json"));
        const nlohmann::json v2 = http.json()["event"];
        QCOMPARE(v2["version"], "2.0");
        QCOMPARE(v2["routeKey"], "GET /orders/{id}");
        QCOMPARE(v2["rawPath"], "/orders/17");
        QCOMPARE(v2["rawQueryString"], "x=1&x=2");
        QCOMPARE(v2["queryStringParameters"]["x"], "1,2");
        QCOMPARE(v2["pathParameters"]["id"], "17");
        QCOMPARE(v2["cookies"], nlohmann::json::parse(R"(["s=1","t=2"])"));
        QCOMPARE(v2["requestContext"]["stage"], "$default");
        QCOMPARE(v2["requestContext"]["http"]["method"], "GET");

        // A binary body travels base64-encoded both ways.
        const QByteArray binary("\x00\x01\x02\xff\xfe\x80 binary", 14);
        const Reply upload = call(nam, "POST", api.baseUrl() + u"/upload"_s, binary,
                                  {{"Content-Type", "application/octet-stream"}});
        QCOMPARE(upload.status, 200);
        QCOMPARE(upload.header("X-Was-Base64"), QByteArray("True"));
        QCOMPARE(upload.body, binary);
        const Reply text = call(nam, "POST", api.baseUrl() + u"/upload"_s, "plain words",
                                {{"Content-Type", "text/plain"}});
        QCOMPARE(text.header("X-Was-Base64"), QByteArray("False"));
        QCOMPARE(text.body, QByteArray("plain words"));

        // The gateway's own errors.
        const Reply boom = call(nam, "GET", api.baseUrl() + u"/boom"_s);
        QCOMPARE(boom.status, 502);
        QCOMPARE(boom.json(), nlohmann::json::parse(R"({"message":"Internal server error"})"));
        const Reply unknown = call(nam, "GET", api.baseUrl() + u"/nowhere"_s);
        QCOMPARE(unknown.status, 403);
        QCOMPARE(unknown.json(),
                 nlohmann::json::parse(R"({"message":"Missing Authentication Token"})"));
        const Reply wrongMethod = call(nam, "POST", api.baseUrl() + u"/hello/world"_s, "x");
        QCOMPARE(wrongMethod.status, 403);
        QVERIFY2(api.waitFor("RuntimeError"),
                 api.err().constData()); // the function's log is printed
    }

    void lambdaAuthorizerGuardsTheRoute()
    {
        StartApi api;
        QVERIFY2(api.started(), api.err().constData());
        QNetworkAccessManager nam;
        const QString url = api.baseUrl() + u"/secret"_s;
        QCOMPARE(call(nam, "GET", url).status, 401); // no token
        QCOMPARE(call(nam, "GET", url, {}, {{"Authorization", "wrong"}}).status, 401);
        const Reply denied = call(nam, "GET", url, {}, {{"Authorization", "deny"}});
        QCOMPARE(denied.status, 403);
        const Reply allowed = call(nam, "GET", url, {}, {{"Authorization", "allow"}});
        QCOMPARE(allowed.status, 200);
        const nlohmann::json context = allowed.json()["event"]["requestContext"];
        QCOMPARE(context["stage"], "dev");
        QCOMPARE(allowed.json()["event"]["stageVariables"]["color"], "blue");
        QCOMPARE(context["authorizer"]["principalId"], "alice");
        QCOMPARE(context["authorizer"]["tier"], "gold");
        // The answer is cached for the token (ReauthorizeEvery, 300 s by default).
        QCOMPARE(call(nam, "GET", url, {}, {{"Authorization", "allow"}}).status, 200);
        QCOMPARE(call(nam, "GET", url, {}, {{"Authorization", "deny"}}).status, 403);
        QVERIFY(api.waitFor("AUTHORIZE allow"));
        QCOMPARE(api.err().count("AUTHORIZE allow"), 1);
        QCOMPARE(api.err().count("AUTHORIZE deny"), 1);
        // Routes of other APIs are not guarded.
        QCOMPARE(call(nam, "GET", api.baseUrl() + u"/hello/x"_s).status, 200);
    }

    void concurrentRequestsRunOnConcurrentEnvironments()
    {
        StartApi api;
        QVERIFY2(api.started(), api.err().constData());
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 4; ++i) {
            replies << send(nam, "GET", api.baseUrl() + u"/slow"_s);
        }
        QSet<QByteArray> pids;
        for (QNetworkReply *reply : std::as_const(replies)) {
            const Reply r = finish(reply);
            QCOMPARE(r.status, 200);
            pids.insert(r.header("X-Env"));
        }
        QCOMPARE(pids.size(), 4);
        // Serialised, four 0.6 s sleeps would take 2.4 s (plus cold starts).
        QVERIFY2(timer.elapsed() < 2400, qPrintable(QString::number(timer.elapsed())));
    }

    void throttledRequestsGet429()
    {
        StartApi api({u"--account-concurrency"_s, u"1"_s});
        QVERIFY2(api.started(), api.err().constData());
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 3; ++i) {
            replies << send(nam, "GET", api.baseUrl() + u"/slow"_s);
        }
        QList<int> statuses;
        for (QNetworkReply *reply : std::as_const(replies)) {
            const Reply r = finish(reply);
            statuses << r.status;
            if (r.status == 429) {
                QCOMPARE(r.json(), nlohmann::json::parse(R"({"message":"Too Many Requests"})"));
            }
        }
        QCOMPARE(statuses.count(200), 1);
        QCOMPARE(statuses.count(429), 2);
    }

    void editedHandlerIsUsedByTheNextRequest()
    {
        StartApi api;
        QVERIFY2(api.started(), api.err().constData());
        QNetworkAccessManager nam;
        const Reply before = call(nam, "GET", api.baseUrl() + u"/hello/x"_s);
        QCOMPARE(before.json()["version"], "one");
        QByteArray edited(kHandler);
        edited.replace("VERSION = 'one'", "VERSION = 'two'");
        Lwb::Test::writeFile(api.dir(u"src/app.py"_s), edited);
        QVERIFY2(api.waitFor("code changed"), api.err().constData());
        const Reply after = call(nam, "GET", api.baseUrl() + u"/hello/x"_s);
        QCOMPARE(after.json()["version"], "two");
        QVERIFY(after.header("X-Env") != before.header("X-Env"));
        // Python's own __pycache__ writes do not recycle the fresh environment.
        const Reply again = call(nam, "GET", api.baseUrl() + u"/hello/x"_s);
        QCOMPARE(again.header("X-Env"), after.header("X-Env"));
    }

    void startLambdaLeavesApiEventsAlone()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kTemplate);
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), kHandler);
        QProcess lwb;
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"local"_s, u"start-lambda"_s, u"-t"_s, dir.filePath(u"template.yaml"_s),
                   u"-p"_s, u"0"_s, u"--no-auth"_s});
        QByteArray err;
        QVERIFY(QTest::qWaitFor(
            [&] {
                lwb.waitForReadyRead(20);
                err += lwb.readAllStandardError();
                return err.contains("Running on");
            },
            20000));
        QVERIFY2(!err.contains("(Api)") && !err.contains("(HttpApi)"), err.constData());
        lwb.terminate();
        QVERIFY(lwb.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestHttpApiPlugin)
#include "tst_httpapiplugin.moc"
