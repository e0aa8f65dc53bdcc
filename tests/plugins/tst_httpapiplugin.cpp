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

/** A handler that answers with its event, for the API definition tests. */
constexpr auto kEchoHandler = R"(import json

def handler(event, context):
    return {'statusCode': 200, 'body': json.dumps(event)}

def authorize(event, context):
    return {'isAuthorized': event['headers'].get('x-key') == 'open', 'context': {'who': 'tester'}}
)";

/** REST and HTTP APIs from OpenAPI definitions and from plain CloudFormation resources. */
constexpr auto kDefinitionsTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: echo-fn
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
  Authorize:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: authorize-fn
      CodeUri: src/
      Handler: app.authorize
      Runtime: python3.12
  PetsApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      DefinitionUri: api/pets.yaml
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        components:
          securitySchemes:
            KeyAuth:
              type: apiKey
              in: header
              name: X-Key
              x-amazon-apigateway-authorizer:
                type: request
                identitySource: $request.header.X-Key
                authorizerPayloadFormatVersion: '2.0'
                enableSimpleResponses: true
                authorizerResultTtlInSeconds: 0
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorize-fn/invocations
        paths:
          /orders:
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                payloadFormatVersion: '1.0'
                uri: !GetAtt Echo.Arn
          /vault:
            get:
              security:
                - KeyAuth: []
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !GetAtt Echo.Arn
  Cfn:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: cfn
  CfnRoot:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Cfn
      ParentId: !GetAtt Cfn.RootResourceId
      PathPart: cfn
  CfnUser:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Cfn
      ParentId: !Ref CfnRoot
      PathPart: '{id}'
  CfnGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Cfn
      ResourceId: !Ref CfnUser
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Echo.Arn}/invocations
  CfnStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Cfn
      StageName: live
      Variables:
        color: red
  V2:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: v2
      ProtocolType: HTTP
  V2Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref V2
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Echo.Arn
      PayloadFormatVersion: '2.0'
  V2Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref V2
      RouteKey: GET /v2/things/{id}
      Target: !Join [/, [integrations, !Ref V2Integration]]
)";

constexpr auto kPetsDefinition = R"(swagger: '2.0'
info:
  title: pets
paths:
  /pets/{id}:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Echo.Arn}/invocations
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:echo-fn/invocations
)";

/** An HTTP API guarded by a JWT authorizer (SAM's Auth), one route with scopes. */
constexpr auto kJwtTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: OAuth
        Authorizers:
          OAuth:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: urn:lwb:test-issuer
              audience:
                - my-api
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Read:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /read
            Method: GET
        Write:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /write
            Method: POST
            Auth:
              Authorizer: OAuth
              AuthorizationScopes:
                - orders/write
)";

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

/** An RSA key made by the openssl tool, its JSON Web Key Set, and JWTs it signs. */
class JwtIssuer
{
public:
    JwtIssuer()
    {
        m_key = m_dir.filePath(u"key.pem"_s);
        QProcess genrsa;
        genrsa.start(u"openssl"_s, {u"genrsa"_s, u"-out"_s, m_key, u"2048"_s});
        QVERIFY(genrsa.waitForFinished(30000) && genrsa.exitCode() == 0);
        QProcess modulus;
        modulus.start(u"openssl"_s, {u"rsa"_s, u"-in"_s, m_key, u"-noout"_s, u"-modulus"_s});
        QVERIFY(modulus.waitForFinished(30000) && modulus.exitCode() == 0);
        const QByteArray n =
            QByteArray::fromHex(modulus.readAllStandardOutput().trimmed().split('=').value(1));
        const nlohmann::json jwks = {{"keys",
                                      {{{"kty", "RSA"},
                                        {"kid", "k1"},
                                        {"use", "sig"},
                                        {"alg", "RS256"},
                                        {"n", base64Url(n).toStdString()},
                                        {"e", "AQAB"}}}}};
        Lwb::Test::writeFile(jwksPath(), QByteArray::fromStdString(jwks.dump()));
    }

    QString jwksPath() const { return m_dir.filePath(u"jwks.json"_s); }

    /**
     * A JWT with @p claims (iss, aud, iat and a future exp unless given; a null claim is left
     * out), signed RS256 as kid k1.
     */
    QByteArray token(nlohmann::json claims) const
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const auto &[name, value] :
             {std::pair<const char *, nlohmann::json>{"iss", "urn:lwb:test-issuer"},
              {"aud", "my-api"},
              {"exp", now + 600},
              {"iat", now - 5}}) {
            if (!claims.contains(name)) {
                claims[name] = value;
            }
        }
        for (auto it = claims.begin(); it != claims.end();) {
            it = it->is_null() ? claims.erase(it) : std::next(it);
        }
        const QByteArray input = base64Url(R"({"alg":"RS256","typ":"JWT","kid":"k1"})") + '.' +
                                 base64Url(QByteArray::fromStdString(claims.dump()));
        QProcess sign;
        sign.start(u"openssl"_s, {u"dgst"_s, u"-sha256"_s, u"-sign"_s, m_key});
        sign.write(input);
        sign.closeWriteChannel();
        [&] { QVERIFY(sign.waitForFinished(30000) && sign.exitCode() == 0); }();
        return input + '.' + base64Url(sign.readAllStandardOutput());
    }

private:
    QTemporaryDir m_dir;
    QString m_key;
};

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

/** The files of a project: path relative to the project → content. */
using Files = QList<std::pair<QString, QByteArray>>;

/** Copies the folder @p from into @p to. */
void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        Lwb::Test::writeFile(to + u'/' + QDir(from).relativeFilePath(path), file.readAll());
    }
}

/**
 * `lwb local start-api` on a temporary project — the test template, other @p files, or a copy
 * of the fixture project tests/plugins/data/@p fixture —, with its stderr collected.
 */
class StartApi
{
public:
    explicit StartApi(const QStringList &extra = {})
        : StartApi(Files{{u"template.yaml"_s, kTemplate}, {u"src/app.py"_s, kHandler}}, extra)
    {
    }

    StartApi(const Files &files, const QStringList &extra = {}, const QString &fixture = {})
    {
        if (!fixture.isEmpty()) {
            copyTree(QStringLiteral(LWB_SOURCE_DIR) + u"/tests/plugins/data/"_s + fixture,
                     m_dir.path());
        }
        for (const auto &[path, content] : files) {
            Lwb::Test::writeFile(m_dir.filePath(path), content);
        }
        m_process.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                        QStringList{u"local"_s, u"start-api"_s, u"-t"_s,
                                    m_dir.filePath(u"template.yaml"_s), u"-p"_s, u"0"_s} +
                            extra);
    }

    /** Waits for start-api to give up; its exit code (-1 if it is still running). */
    int exitCode()
    {
        if (!m_process.waitForFinished(20000)) {
            return -1;
        }
        m_err += m_process.readAllStandardError();
        return m_process.exitCode();
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

    void servesTheSamInitHelloWorldProjects_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("python3.12") << u"sam-app-python"_s;
        QTest::newRow("nodejs20.x") << u"sam-app-nodejs"_s;
    }

    void servesTheSamInitHelloWorldProjects()
    {
        QFETCH(QString, fixture);
        StartApi api(Files{}, {}, fixture);
        QVERIFY2(api.started(), api.err().constData());
        QVERIFY(api.err().contains("Mounting HelloWorldFunction at " + api.baseUrl().toUtf8() +
                                   "/hello [GET]"));
        QNetworkAccessManager nam;
        const Reply hello = call(nam, "GET", api.baseUrl() + u"/hello"_s);
        QCOMPARE(hello.status, 200);
        QCOMPARE(hello.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(hello.json(), nlohmann::json::parse(R"({"message":"hello world"})"));
        QCOMPARE(call(nam, "POST", api.baseUrl() + u"/hello"_s, "x").status, 403);
    }

    void servesOpenApiDefinitionsAndCloudFormationApis()
    {
        StartApi api(Files{{u"template.yaml"_s, kDefinitionsTemplate},
                           {u"api/pets.yaml"_s, kPetsDefinition},
                           {u"src/app.py"_s, kEchoHandler}});
        QVERIFY2(api.started(), api.err().constData());
        for (const QByteArray &mount :
             {QByteArray("/pets/{id} [GET]"), QByteArray("/pets/{id} [ANY]"),
              QByteArray("/orders [POST]"), QByteArray("/cfn/{id} [GET]"),
              QByteArray("/v2/things/{id} [GET]")}) {
            QVERIFY2(api.err().contains("Mounting Echo at " + api.baseUrl().toUtf8() + mount),
                     api.err().constData());
        }
        QNetworkAccessManager nam;

        // DefinitionUri (swagger 2.0, REST): the definition's path and the API's stage.
        const Reply pet = call(nam, "GET", api.baseUrl() + u"/pets/7"_s);
        QCOMPARE(pet.status, 200);
        QCOMPARE(pet.json()["resource"], "/pets/{id}");
        QCOMPARE(pet.json()["pathParameters"]["id"], "7");
        QCOMPARE(pet.json()["requestContext"]["stage"], "v1");
        const Reply anyMethod = call(nam, "DELETE", api.baseUrl() + u"/pets/7"_s);
        QCOMPARE(anyMethod.status, 200);
        QCOMPARE(anyMethod.json()["httpMethod"], "DELETE");

        // DefinitionBody (OpenAPI 3, HTTP API) with the integration's payload format 1.0.
        const Reply order = call(nam, "POST", api.baseUrl() + u"/orders"_s, R"({"n":1})",
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(order.status, 200);
        QCOMPARE(order.json()["httpMethod"], "POST");
        QCOMPARE(order.json()["body"], R"({"n":1})");
        QCOMPARE(order.json()["requestContext"]["stage"], "$default");

        // A Lambda authorizer from the definition's security schemes guards /vault.
        const QString vault = api.baseUrl() + u"/vault"_s;
        QCOMPARE(call(nam, "GET", vault).status, 401);
        QCOMPARE(call(nam, "GET", vault, {}, {{"X-Key", "shut"}}).status, 403);
        const Reply opened = call(nam, "GET", vault, {}, {{"X-Key", "open"}});
        QCOMPARE(opened.status, 200);
        QCOMPARE(opened.json()["requestContext"]["authorizer"]["lambda"]["who"], "tester");

        // AWS::ApiGateway::RestApi with its Resource tree and Stage.
        const Reply cfn = call(nam, "GET", api.baseUrl() + u"/cfn/5"_s);
        QCOMPARE(cfn.status, 200);
        QCOMPARE(cfn.json()["resource"], "/cfn/{id}");
        QCOMPARE(cfn.json()["requestContext"]["stage"], "live");
        QCOMPARE(cfn.json()["stageVariables"]["color"], "red");

        // AWS::ApiGatewayV2::Api with a Route and its Integration (payload 2.0).
        const Reply v2 = call(nam, "GET", api.baseUrl() + u"/v2/things/3"_s);
        QCOMPARE(v2.status, 200);
        QCOMPARE(v2.json()["version"], "2.0");
        QCOMPARE(v2.json()["routeKey"], "GET /v2/things/{id}");
        QCOMPARE(v2.json()["pathParameters"]["id"], "3");

        QCOMPARE(call(nam, "GET", api.baseUrl() + u"/nowhere"_s).status, 403);
    }

    void jwtAuthorizerChecksTokens()
    {
        JwtIssuer issuer;
        StartApi api(Files{{u"template.yaml"_s, kJwtTemplate}, {u"src/app.py"_s, kEchoHandler}},
                     {u"--jwks"_s, issuer.jwksPath()});
        QVERIFY2(api.started(), api.err().constData());
        QVERIFY(!api.err().contains("not verified locally"));
        QNetworkAccessManager nam;
        const QString read = api.baseUrl() + u"/read"_s;
        auto bearer = [](const QByteArray &token) {
            return QList<std::pair<QByteArray, QByteArray>>{{"Authorization", "Bearer " + token}};
        };

        const Reply none = call(nam, "GET", read);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.json(), nlohmann::json::parse(R"({"message":"Unauthorized"})"));
        QVERIFY(none.header("www-authenticate").contains("invalid_token"));

        const QByteArray good = issuer.token({{"sub", "alice"}, {"scope", "orders/read profile"}});
        const Reply ok = call(nam, "GET", read, {}, bearer(good));
        QCOMPARE(ok.status, 200);
        const nlohmann::json jwt = ok.json()["requestContext"]["authorizer"]["jwt"];
        QCOMPARE(jwt["claims"]["sub"], "alice");
        QCOMPARE(jwt["claims"]["iss"], "urn:lwb:test-issuer");
        QVERIFY(jwt["claims"]["exp"].is_string()); // API Gateway passes claims as strings
        QCOMPARE(jwt["scopes"], nlohmann::json::parse(R"(["orders/read","profile"])"));
        // Without "Bearer " the token is taken as it is.
        QCOMPARE(call(nam, "GET", read, {}, {{"Authorization", good}}).status, 200);

        QByteArray forged = good;
        forged[forged.lastIndexOf('.') + 5] =
            forged[forged.lastIndexOf('.') + 5] == 'A' ? 'B' : 'A';
        const Reply badSignature = call(nam, "GET", read, {}, bearer(forged));
        QCOMPARE(badSignature.status, 401);
        QVERIFY(badSignature.header("www-authenticate").contains("signature"));
        QCOMPARE(call(nam, "GET", read, {}, bearer("not-a-jwt")).status, 401);
        const Reply audience =
            call(nam, "GET", read, {}, bearer(issuer.token({{"aud", "someone-else"}})));
        QCOMPARE(audience.status, 401);
        QVERIFY(audience.header("www-authenticate").contains("valid audience"));
        // No aud: client_id stands in for it.
        QCOMPARE(call(nam, "GET", read, {},
                      bearer(issuer.token({{"aud", nullptr}, {"client_id", "my-api"}})))
                     .status,
                 200);
        QCOMPARE(call(nam, "GET", read, {},
                      bearer(issuer.token({{"aud", nullptr}, {"client_id", "other"}})))
                     .status,
                 401);
        const QByteArray expired = issuer.token({{"exp", QDateTime::currentSecsSinceEpoch() - 10}});
        QCOMPARE(call(nam, "GET", read, {}, bearer(expired)).status, 401);
        const QByteArray early = issuer.token({{"nbf", QDateTime::currentSecsSinceEpoch() + 600}});
        QCOMPARE(call(nam, "GET", read, {}, bearer(early)).status, 401);
        QCOMPARE(call(nam, "GET", read, {}, bearer(issuer.token({{"iss", "urn:other"}}))).status,
                 401);

        // Route scopes: one of them, in `scope` or `scp`, else 403.
        const QString write = api.baseUrl() + u"/write"_s;
        const Reply forbidden = call(nam, "POST", write, "x", bearer(good));
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.json(), nlohmann::json::parse(R"({"message":"Forbidden"})"));
        QVERIFY(forbidden.header("www-authenticate").contains("insufficient_scope"));
        QCOMPARE(
            call(nam, "POST", write, "x", bearer(issuer.token({{"scope", "orders/write"}}))).status,
            200);
        QCOMPARE(
            call(nam, "POST", write, "x", bearer(issuer.token({{"scp", {"a", "orders/write"}}})))
                .status,
            200);
    }

    void jwtSignaturesAreNotCheckedWithoutKeys()
    {
        StartApi api(Files{{u"template.yaml"_s, kJwtTemplate}, {u"src/app.py"_s, kEchoHandler}});
        QVERIFY2(api.started(), api.err().constData());
        QVERIFY2(api.err().contains("signatures are not verified locally"), api.err().constData());
        const qint64 exp = QDateTime::currentSecsSinceEpoch() + 600;
        const QByteArray unsigned_ = base64Url(R"({"alg":"none"})") + '.' +
                                     base64Url(QByteArray::fromStdString(nlohmann::json{
                                         {"iss", "urn:lwb:test-issuer"},
                                         {"aud", "my-api"},
                                         {"exp", exp}}.dump())) +
                                     '.';
        QNetworkAccessManager nam;
        QCOMPARE(call(nam, "GET", api.baseUrl() + u"/read"_s, {},
                      {{"Authorization", "Bearer " + unsigned_}})
                     .status,
                 200);
        QCOMPARE(call(nam, "GET", api.baseUrl() + u"/read"_s).status, 401);
    }

    void malformedApisAreRejectedAtStartUp_data()
    {
        QTest::addColumn<QByteArray>("templateText");
        QTest::addColumn<QByteArray>("message");
        const QByteArray head = "Resources:\n"
                                "  Echo:\n"
                                "    Type: AWS::Serverless::Function\n"
                                "    Properties: {CodeUri: src/, Handler: app.handler, "
                                "Runtime: python3.12}\n";
        QTest::newRow("unknown function")
            << head + "  Api:\n"
                      "    Type: AWS::Serverless::Api\n"
                      "    Properties:\n"
                      "      StageName: x\n"
                      "      DefinitionBody:\n"
                      "        openapi: 3.0.1\n"
                      "        paths:\n"
                      "          /a:\n"
                      "            get:\n"
                      "              x-amazon-apigateway-integration:\n"
                      "                type: aws_proxy\n"
                      "                uri: !GetAtt Ghost.Arn\n"
            << QByteArray("the integration names Ghost, which is not a function of the template");
        QTest::newRow("not openapi") << head + "  Api:\n"
                                               "    Type: AWS::Serverless::HttpApi\n"
                                               "    Properties:\n"
                                               "      DefinitionBody: {paths: {}}\n"
                                     << QByteArray("neither `swagger: '2.0'` nor `openapi: 3.x`");
        QTest::newRow("definition on S3")
            << head + "  Api:\n"
                      "    Type: AWS::Serverless::Api\n"
                      "    Properties:\n"
                      "      StageName: x\n"
                      "      DefinitionUri: {Bucket: b, Key: api.yaml}\n"
            << QByteArray("is not supported locally");
        QTest::newRow("resource cycle")
            << head + "  Rest: {Type: AWS::ApiGateway::RestApi}\n"
                      "  A: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Rest, "
                      "ParentId: !Ref B, PathPart: a}}\n"
                      "  B: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Rest, "
                      "ParentId: !Ref A, PathPart: b}}\n"
                      "  M: {Type: AWS::ApiGateway::Method, Properties: {RestApiId: !Ref Rest, "
                      "ResourceId: !Ref A, HttpMethod: GET, Integration: {Type: AWS_PROXY, "
                      "Uri: !GetAtt Echo.Arn}}}\n"
            << QByteArray("M: the resources form a cycle: A \xe2\x86\x92 B \xe2\x86\x92 A");
    }

    void malformedApisAreRejectedAtStartUp()
    {
        QFETCH(QByteArray, templateText);
        QFETCH(QByteArray, message);
        StartApi api(Files{{u"template.yaml"_s, templateText}, {u"src/app.py"_s, kEchoHandler}});
        QCOMPARE(api.exitCode(), 1);
        QVERIFY2(api.err().contains("the template's APIs are not valid"), api.err().constData());
        QVERIFY2(api.err().contains(message), api.err().constData());
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
