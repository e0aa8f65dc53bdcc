// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizer.h"
#include "gatewayrequest.h"
#include "gatewayresponse.h"
#include "routetable.h"

#include <QtCore/QTimeZone>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb::HttpApi;

namespace {

nlohmann::json parseJson(const char *text)
{
    return nlohmann::json::parse(text);
}

/** A template in CloudFormation JSON form with REST and HTTP API routes. */
nlohmann::json sampleTemplate()
{
    return parseJson(R"json({
      "Globals": {"Api": {"BinaryMediaTypes": ["image~1png"]}},
      "Resources": {
        "MyHttp": {"Type": "AWS::Serverless::HttpApi", "Properties": {"StageVariables": {"env": "dev"}}},
        "MyRest": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "v1", "BinaryMediaTypes": ["application~1octet-stream"]}},
        "Users": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
          "Get": {"Type": "Api", "Properties": {"Path": "/users/{id}", "Method": "get"}},
          "Me": {"Type": "Api", "Properties": {"Path": "/users/me", "Method": "GET"}},
          "Any": {"Type": "Api", "Properties": {"Path": "/users/{id}", "Method": "ANY"}},
          "Files": {"Type": "Api", "Properties": {"Path": "/files/{proxy+}", "Method": "ANY", "RestApiId": {"Ref": "MyRest"}}},
          "Sched": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 minute)"}}
        }}},
        "Orders": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
          "List": {"Type": "HttpApi", "Properties": {"Path": "/orders", "Method": "GET", "ApiId": {"Ref": "MyHttp"}}},
          "Default": {"Type": "HttpApi"},
          "Bad": {"Type": "HttpApi", "Properties": {"Path": "/x/{p+}/y", "Method": "GET"}},
          "Unknown": {"Type": "Api", "Properties": {"Path": "/u", "Method": "GET", "RestApiId": {"Ref": "Nope"}}}
        }}}
      }})json");
}

GatewayRequest request(const QString &method, const QString &path)
{
    GatewayRequest g;
    g.method = method;
    g.path = path;
    g.requestId = u"req-1"_s;
    g.time = QDateTime(QDate(2026, 11, 27), QTime(9, 0, 5), QTimeZone::utc());
    g.headers = {{u"Host"_s, u"127.0.0.1:3000"_s}, {u"User-Agent"_s, u"test"_s}};
    return g;
}

} // namespace

class TestHttpApiLogic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templateRoutes()
    {
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(sampleTemplate(), &errors);
        QCOMPARE(table.routes().size(), size_t(6));
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.join(u'\n').contains(u"greedy"_s));
        QVERIFY(errors.join(u'\n').contains(u"Nope is not an API"_s));
        QVERIFY(!table.onlyHttpApis());
        for (const Route &r : table.routes()) {
            if (r.eventName == u"Get"_s) {
                QCOMPARE(r.method, u"GET"_s);
                QCOMPARE(r.stage, u"Prod"_s);
                QCOMPARE(r.apiId, u"ServerlessRestApi"_s);
                QCOMPARE(r.binaryMediaTypes, QStringList{u"image/png"_s});
                QCOMPARE(r.payloadFormat, u"1.0"_s);
            } else if (r.eventName == u"Files"_s) {
                QCOMPARE(r.stage, u"v1"_s);
                QCOMPARE(r.binaryMediaTypes, QStringList{u"application/octet-stream"_s});
            } else if (r.eventName == u"List"_s) {
                QCOMPARE(r.kind, ApiKind::Http);
                QCOMPARE(r.stage, u"$default"_s);
                QCOMPARE(r.stageVariables.value(u"env"_s), u"dev"_s);
                QCOMPARE(r.routeKey(), u"GET /orders"_s);
                QCOMPARE(r.payloadFormat, u"2.0"_s);
            } else if (r.eventName == u"Default"_s) {
                QVERIFY(r.isDefaultRoute());
                QCOMPARE(r.routeKey(), u"$default"_s);
            }
        }
    }

    void matching_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("parameters");

        QTest::newRow("literal beats parameter")
            << u"GET"_s << u"/users/me"_s << u"Me"_s << QString();
        QTest::newRow("parameter") << u"GET"_s << u"/users/42"_s << u"Get"_s << u"id=42"_s;
        QTest::newRow("exact method beats ANY")
            << u"GET"_s << u"/users/7"_s << u"Get"_s << u"id=7"_s;
        QTest::newRow("ANY") << u"DELETE"_s << u"/users/7"_s << u"Any"_s << u"id=7"_s;
        QTest::newRow("ANY, literal path") << u"POST"_s << u"/users/me"_s << u"Any"_s << u"id=me"_s;
        QTest::newRow("greedy") << u"PUT"_s << u"/files/a/b/c.txt"_s << u"Files"_s
                                << u"proxy=a/b/c.txt"_s;
        QTest::newRow("greedy one segment")
            << u"GET"_s << u"/files/x"_s << u"Files"_s << u"proxy=x"_s;
        QTest::newRow("greedy needs a segment: $default")
            << u"GET"_s << u"/files"_s << u"Default"_s << QString();
        QTest::newRow("trailing slash") << u"GET"_s << u"/orders/"_s << u"List"_s << QString();
        QTest::newRow("HTTP API route") << u"GET"_s << u"/orders"_s << u"List"_s << QString();
        QTest::newRow("method mismatch falls to $default")
            << u"POST"_s << u"/orders"_s << u"Default"_s << QString();
        QTest::newRow("unknown path: $default")
            << u"GET"_s << u"/nothing/here"_s << u"Default"_s << QString();
    }

    void matching()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, event);
        QFETCH(QString, parameters);
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(sampleTemplate(), &errors);
        const std::optional<RouteMatch> m = table.match(method, path);
        QVERIFY(m);
        QCOMPARE(m->route->eventName, event);
        QStringList params;
        for (auto it = m->pathParameters.cbegin(); it != m->pathParameters.cend(); ++it) {
            params << it.key() + u'=' + it.value();
        }
        QCOMPARE(params.join(u'&'), parameters);
    }

    void noRoute()
    {
        RouteTable table;
        QStringList errors;
        table.add(*RouteTable::parseEvent(
            u"Api"_s, parseJson(R"({"Path":"/a/{id}","Method":"GET"})"), &errors));
        QVERIFY(!table.match(u"GET"_s, u"/a"_s));
        QVERIFY(!table.match(u"GET"_s, u"/a/1/2"_s));
        QVERIFY(!table.match(u"POST"_s, u"/a/1"_s));
        QVERIFY(!table.match(u"GET"_s, u"/b/1"_s));
        QVERIFY(table.match(u"GET"_s, u"/a/1"_s));
        QVERIFY(!table.onlyHttpApis());
        const GatewayResponse rest = GatewayResponse::noRoute(false);
        QCOMPARE(rest.statusCode, 403);
        QCOMPARE(rest.body, QByteArray(R"({"message":"Missing Authentication Token"})"));
        const GatewayResponse http = GatewayResponse::noRoute(true);
        QCOMPARE(http.statusCode, 404);
        QCOMPARE(http.body, QByteArray(R"({"message":"Not Found"})"));
    }

    void invalidEvents_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("properties");
        QTest::addColumn<QString>("message");
        QTest::newRow("Api without Method")
            << u"Api"_s << QByteArray(R"({"Path":"/a"})") << u"Path and Method"_s;
        QTest::newRow("HttpApi half")
            << u"HttpApi"_s << QByteArray(R"({"Path":"/a"})") << u"both"_s;
        QTest::newRow("bad method")
            << u"Api"_s << QByteArray(R"({"Path":"/a","Method":"FETCH"})") << u"unknown Method"_s;
        QTest::newRow("relative path")
            << u"Api"_s << QByteArray(R"({"Path":"a","Method":"GET"})") << u"start with /"_s;
        QTest::newRow("greedy not last")
            << u"Api"_s << QByteArray(R"({"Path":"/{a+}/b","Method":"GET"})") << u"last part"_s;
        QTest::newRow("bad payload format")
            << u"HttpApi"_s << QByteArray(R"({"PayloadFormatVersion":"3.0"})") << u"1.0 or 2.0"_s;
        QTest::newRow("ApiId not a Ref")
            << u"HttpApi"_s << QByteArray(R"({"ApiId":{"Fn::GetAtt":["A","B"]}})") << u"!Ref"_s;
    }

    void invalidEvents()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, properties);
        QFETCH(QString, message);
        QStringList errors;
        QVERIFY(!RouteTable::parseEvent(type, nlohmann::json::parse(properties.toStdString()),
                                        &errors));
        QVERIFY2(errors.join(u'\n').contains(message), qPrintable(errors.join(u'\n')));
    }

    void restEvent()
    {
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(sampleTemplate(), &errors);
        GatewayRequest g = request(u"GET"_s, u"/users/42"_s);
        g.rawQueryString = "a=1&a=2&b=x%20y";
        g.queryItems = {{u"a"_s, u"1"_s}, {u"a"_s, u"2"_s}, {u"b"_s, u"x y"_s}};
        g.headers.append({u"X-Multi"_s, u"one"_s});
        g.headers.append({u"X-Multi"_s, u"two"_s});
        const std::optional<RouteMatch> m = table.match(g.method, g.path);
        QVERIFY(m);
        const nlohmann::json e = g.event(*m);
        QCOMPARE(e["resource"], "/users/{id}");
        QCOMPARE(e["path"], "/users/42");
        QCOMPARE(e["httpMethod"], "GET");
        QCOMPARE(e["pathParameters"], parseJson(R"({"id":"42"})"));
        QCOMPARE(e["queryStringParameters"], parseJson(R"({"a":"2","b":"x y"})"));
        QCOMPARE(e["multiValueQueryStringParameters"], parseJson(R"({"a":["1","2"],"b":["x y"]})"));
        QCOMPARE(e["headers"]["X-Multi"], "two");
        QCOMPARE(e["multiValueHeaders"]["X-Multi"], parseJson(R"(["one","two"])"));
        QVERIFY(e["body"].is_null());
        QCOMPARE(e["isBase64Encoded"], false);
        QVERIFY(e["stageVariables"].is_null());
        const nlohmann::json &c = e["requestContext"];
        QCOMPARE(c["stage"], "Prod");
        QCOMPARE(c["path"], "/Prod/users/42");
        QCOMPARE(c["resourcePath"], "/users/{id}");
        QCOMPARE(c["httpMethod"], "GET");
        QCOMPARE(c["requestId"], "req-1");
        QCOMPARE(c["requestTime"], "27/Nov/2026:09:00:05 +0000");
        QCOMPARE(c["requestTimeEpoch"].get<qint64>(), g.time.toMSecsSinceEpoch());
        QCOMPARE(c["identity"]["sourceIp"], "127.0.0.1");
        QCOMPARE(c["identity"]["userAgent"], "test");
        QCOMPARE(c["protocol"], "HTTP/1.1");
        QCOMPARE(c["accountId"], "123456789012");

        // No query string: null, as API Gateway sends it.
        const nlohmann::json bare =
            request(u"GET"_s, u"/users/me"_s).event(*table.match(u"GET"_s, u"/users/me"_s));
        QVERIFY(bare["queryStringParameters"].is_null());
        QVERIFY(bare["multiValueQueryStringParameters"].is_null());
        QVERIFY(bare["pathParameters"].is_null());
    }

    void restBinaryBody()
    {
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(sampleTemplate(), &errors);
        GatewayRequest g = request(u"POST"_s, u"/files/up/load.bin"_s);
        g.headers.append({u"Content-Type"_s, u"application/octet-stream"_s});
        g.body = QByteArray("\x00\x01\xff\xfe", 4);
        const nlohmann::json e = g.event(*table.match(g.method, g.path));
        QCOMPARE(e["isBase64Encoded"], true);
        QCOMPARE(e["body"], "AAH//g==");
        QCOMPARE(e["requestContext"]["stage"], "v1");

        g.headers.last().second = u"text/plain"_s;
        g.body = "hello";
        const nlohmann::json text = g.event(*table.match(g.method, g.path));
        QCOMPARE(text["isBase64Encoded"], false);
        QCOMPARE(text["body"], "hello");
    }

    void httpApiEvent()
    {
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(sampleTemplate(), &errors);
        GatewayRequest g = request(u"GET"_s, u"/orders"_s);
        g.rawQueryString = "a=1&a=2&b=3";
        g.queryItems = {{u"a"_s, u"1"_s}, {u"a"_s, u"2"_s}, {u"b"_s, u"3"_s}};
        g.headers.append({u"X-Multi"_s, u"one"_s});
        g.headers.append({u"x-multi"_s, u"two"_s});
        g.headers.append({u"Cookie"_s, u"s=1; theme=dark"_s});
        const nlohmann::json e = g.event(*table.match(g.method, g.path));
        QCOMPARE(e["version"], "2.0");
        QCOMPARE(e["routeKey"], "GET /orders");
        QCOMPARE(e["rawPath"], "/orders");
        QCOMPARE(e["rawQueryString"], "a=1&a=2&b=3");
        QCOMPARE(e["queryStringParameters"], parseJson(R"({"a":"1,2","b":"3"})"));
        QCOMPARE(e["headers"]["x-multi"], "one,two");
        QCOMPARE(e["headers"]["host"], "127.0.0.1:3000");
        QVERIFY(!e["headers"].contains("cookie"));
        QCOMPARE(e["cookies"], parseJson(R"(["s=1","theme=dark"])"));
        QCOMPARE(e["stageVariables"], parseJson(R"({"env":"dev"})"));
        QVERIFY(!e.contains("pathParameters"));
        QVERIFY(!e.contains("body"));
        QCOMPARE(e["isBase64Encoded"], false);
        const nlohmann::json &c = e["requestContext"];
        QCOMPARE(c["http"]["method"], "GET");
        QCOMPARE(c["http"]["path"], "/orders");
        QCOMPARE(c["http"]["sourceIp"], "127.0.0.1");
        QCOMPARE(c["http"]["userAgent"], "test");
        QCOMPARE(c["routeKey"], "GET /orders");
        QCOMPARE(c["stage"], "$default");
        QCOMPARE(c["time"], "27/Nov/2026:09:00:05 +0000");
        QCOMPARE(c["timeEpoch"].get<qint64>(), g.time.toMSecsSinceEpoch());
        QCOMPARE(c["requestId"], "req-1");

        // The $default route; a binary body without a text type is base64.
        GatewayRequest post = request(u"POST"_s, u"/anything/else"_s);
        post.headers.append({u"Content-Type"_s, u"image/png"_s});
        post.body = QByteArray("\x89PNG", 4);
        const nlohmann::json d = post.event(*table.match(post.method, post.path));
        QCOMPARE(d["routeKey"], "$default");
        QCOMPARE(d["isBase64Encoded"], true);
        QCOMPARE(d["body"], QByteArray("\x89PNG", 4).toBase64().toStdString());
        post.headers.last().second = u"application/json; charset=utf-8"_s;
        post.body = R"({"a":1})";
        const nlohmann::json j = post.event(*table.match(post.method, post.path));
        QCOMPARE(j["isBase64Encoded"], false);
        QCOMPARE(j["body"], R"({"a":1})");
    }

    void responseV1()
    {
        const GatewayResponse r = GatewayResponse::fromFunction(
            R"({"statusCode":201,"headers":{"X-One":"1","X-Num":5,"X-Both":"h"},)"
            R"("multiValueHeaders":{"X-Both":["m1","m2"],"Set-Cookie":["a=1","b=2"]},"body":"created"})",
            u"1.0"_s);
        QCOMPARE(r.statusCode, 201);
        QCOMPARE(r.body, QByteArray("created"));
        QCOMPARE(r.header("x-one"), QByteArray("1"));
        QCOMPARE(r.header("X-Num"), QByteArray("5"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QList<QByteArray> both;
        QList<QByteArray> cookies;
        for (const auto &[n, v] : r.headers) {
            if (n == "X-Both") {
                both << v;
            } else if (n == "Set-Cookie") {
                cookies << v;
            }
        }
        QCOMPARE(both, (QList<QByteArray>{"m1", "m2"}));
        QCOMPARE(cookies, (QList<QByteArray>{"a=1", "b=2"}));

        const GatewayResponse binary = GatewayResponse::fromFunction(
            "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\"AAH//"
            "g==\",\"isBase64Encoded\":true}",
            u"1.0"_s);
        QCOMPARE(binary.body, QByteArray("\x00\x01\xff\xfe", 4));
        QCOMPARE(binary.header("content-type"), QByteArray("image/png"));
        QCOMPARE(GatewayResponse::fromFunction(R"({"statusCode":"204"})", u"1.0"_s).statusCode,
                 204);
    }

    void malformedResponses_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("format");
        QTest::newRow("not JSON") << QByteArray("oops") << u"1.0"_s;
        QTest::newRow("not JSON 2.0") << QByteArray("{oops") << u"2.0"_s;
        QTest::newRow("no statusCode in 1.0") << QByteArray(R"({"body":"x"})") << u"1.0"_s;
        QTest::newRow("a string in 1.0") << QByteArray(R"("hello")") << u"1.0"_s;
        QTest::newRow("statusCode not a number")
            << QByteArray(R"({"statusCode":"abc"})") << u"1.0"_s;
        QTest::newRow("body not a string")
            << QByteArray(R"({"statusCode":200,"body":{"a":1}})") << u"1.0"_s;
        QTest::newRow("headers not a map")
            << QByteArray(R"({"statusCode":200,"headers":[1]})") << u"2.0"_s;
        QTest::newRow("header value an object")
            << QByteArray(R"({"statusCode":200,"headers":{"a":{}}})") << u"1.0"_s;
        QTest::newRow("bad base64")
            << QByteArray(R"({"statusCode":200,"body":"*!","isBase64Encoded":true})") << u"1.0"_s;
        QTest::newRow("cookies not a list")
            << QByteArray(R"({"statusCode":200,"cookies":"a=1"})") << u"2.0"_s;
    }

    void malformedResponses()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, format);
        const GatewayResponse r = GatewayResponse::fromFunction(payload, format);
        QCOMPARE(r.statusCode, 502);
        QCOMPARE(r.body, QByteArray(R"({"message":"Internal server error"})"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    }

    void responseV2()
    {
        const GatewayResponse r = GatewayResponse::fromFunction(
            R"({"statusCode":200,"headers":{"content-type":"text/plain"},"cookies":["a=1; Path=/","b=2"],"body":"hi"})",
            u"2.0"_s);
        QCOMPARE(r.statusCode, 200);
        QCOMPARE(r.body, QByteArray("hi"));
        QCOMPARE(r.header("Content-Type"), QByteArray("text/plain"));
        QList<QByteArray> cookies;
        for (const auto &[n, v] : r.headers) {
            if (n == "Set-Cookie") {
                cookies << v;
            }
        }
        QCOMPARE(cookies, (QList<QByteArray>{"a=1; Path=/", "b=2"}));

        // No statusCode: wrapped as 200 application/json.
        const GatewayResponse object =
            GatewayResponse::fromFunction(R"({"message":"hello"})", u"2.0"_s);
        QCOMPARE(object.statusCode, 200);
        QCOMPARE(object.body, QByteArray(R"({"message":"hello"})"));
        QCOMPARE(object.header("content-type"), QByteArray("application/json"));
        const GatewayResponse string =
            GatewayResponse::fromFunction(R"("Hello from Lambda!")", u"2.0"_s);
        QCOMPARE(string.statusCode, 200);
        QCOMPARE(string.body, QByteArray("Hello from Lambda!"));
        QCOMPARE(GatewayResponse::fromFunction("42", u"2.0"_s).body, QByteArray("42"));
    }

    void cors()
    {
        const std::optional<CorsConfig> star = CorsConfig::parse(nlohmann::json("'*'"), false);
        QVERIFY(star);
        QCOMPARE(star->allowOrigins, QStringList{u"*"_s});
        QVERIFY(!CorsConfig::parse(nlohmann::json(), false));
        QVERIFY(!CorsConfig::parse(nlohmann::json(false), true));
        const nlohmann::json restCors = {{"AllowOrigin", "'https://a.example'"},
                                         {"AllowMethods", "'GET,POST'"},
                                         {"AllowHeaders", "'Content-Type,X-Key'"},
                                         {"MaxAge", "'600'"},
                                         {"AllowCredentials", true}};
        const std::optional<CorsConfig> rest = CorsConfig::parse(restCors, false);
        QVERIFY(rest);
        QCOMPARE(rest->allowOrigins, QStringList{u"https://a.example"_s});
        QCOMPARE(rest->allowMethods, (QStringList{u"GET"_s, u"POST"_s}));
        QCOMPARE(rest->allowHeaders, (QStringList{u"Content-Type"_s, u"X-Key"_s}));
        QCOMPARE(rest->maxAgeSeconds, 600);
        QVERIFY(rest->allowCredentials);
        const nlohmann::json httpCors = {
            {"AllowOrigins", {"https://a.example", "https://b.example"}}, {"MaxAge", 60}};
        const std::optional<CorsConfig> http = CorsConfig::parse(httpCors, true);
        QVERIFY(http);
        QCOMPARE(http->allowOriginFor(u"https://b.example"_s), u"https://b.example"_s);
        QCOMPARE(http->allowOriginFor(u"https://evil.example"_s), QString());
        QCOMPARE(http->maxAgeSeconds, 60);

        // Preflight: the methods of the path's routes, unless AllowMethods says otherwise.
        QStringList errors;
        nlohmann::json t = sampleTemplate();
        t["Globals"]["Api"]["Cors"] = "'*'";
        const RouteTable table = RouteTable::fromTemplate(t, &errors);
        const std::vector<const Route *> routes = table.preflightRoutes(u"/users/me"_s);
        QVERIFY(!routes.empty());
        const GatewayResponse pre = GatewayResponse::preflight(routes, u"https://a.example"_s);
        QCOMPARE(pre.statusCode, 200);
        QCOMPARE(pre.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QVERIFY(pre.header("Access-Control-Allow-Methods").contains("OPTIONS"));
        QVERIFY(pre.header("Access-Control-Allow-Methods").contains("GET"));
        QVERIFY(table.preflightRoutes(u"/orders"_s).empty()); // MyHttp has no CORS settings
        QVERIFY(table.preflightRoutes(u"/nothing"_s).empty());

        GatewayResponse r =
            GatewayResponse::fromFunction(R"({"statusCode":200,"body":"x"})", u"1.0"_s);
        r.addCorsHeaders(*rest, u"https://a.example"_s);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://a.example"));
        QCOMPARE(r.header("Access-Control-Allow-Credentials"), QByteArray("true"));
    }

    void authorizers()
    {
        nlohmann::json t = sampleTemplate();
        t["Resources"]["MyRest"]["Properties"]["Auth"] = {
            {"DefaultAuthorizer", "TokenAuth"},
            {"Authorizers",
             {{"TokenAuth", {{"FunctionArn", {{"Fn::GetAtt", {"AuthFn", "Arn"}}}}}},
              {"ReqAuth",
               {{"FunctionArn", {{"Fn::GetAtt", {"AuthFn", "Arn"}}}},
                {"FunctionPayloadType", "REQUEST"},
                {"Identity", {{"Headers", {"X-Key"}}}}}},
              {"Cognito", {{"UserPoolArn", "arn"}}}}}};
        t["Resources"]["AuthFn"] = {{"Type", "AWS::Serverless::Function"}};
        QStringList errors;
        const RouteTable table = RouteTable::fromTemplate(t, &errors);
        QVERIFY(errors.join(u'\n').contains(u"Cognito is not a Lambda authorizer"_s));
        GatewayRequest g = request(u"GET"_s, u"/files/a.txt"_s);
        const std::optional<RouteMatch> m = table.match(g.method, g.path);
        QVERIFY(m && m->route->authorizer);
        const Authorizer &a = *m->route->authorizer;
        QCOMPARE(a.functionLogicalId, u"AuthFn"_s);
        QCOMPARE(a.type, Authorizer::Type::Token);
        QVERIFY(!a.event(g, *m)); // no Authorization header: 401
        g.headers.append({u"Authorization"_s, u"Bearer x"_s});
        const nlohmann::json e = *a.event(g, *m);
        QCOMPARE(e["type"], "TOKEN");
        QCOMPARE(e["authorizationToken"], "Bearer x");
        const QString arn = Authorizer::methodArn(g, *m);
        QCOMPARE(arn,
                 u"arn:aws:execute-api:us-east-1:123456789012:1234567890/v1/GET/files/a.txt"_s);
        QCOMPARE(e["methodArn"], arn.toStdString());
        QCOMPARE(a.ttlSeconds, 300);
        QVERIFY(!a.cacheKey(g).isEmpty());
        GatewayRequest otherToken = g;
        otherToken.headers.last().second = u"Bearer y"_s;
        QVERIFY(a.cacheKey(otherToken) != a.cacheKey(g));

        const QByteArray allow = QByteArray::fromStdString(nlohmann::json{
            {"principalId", "alice"},
            {"policyDocument",
             {{"Version", "2012-10-17"},
              {"Statement",
               {{{"Action", "execute-api:Invoke"},
                 {"Effect", "Allow"},
                 {"Resource", "arn:aws:execute-api:us-east-1:123456789012:1234567890/*"}}}}}},
            {"context", {{"tier", "gold"}}}}.dump());
        const Authorizer::Decision yes = a.decide(allow, false, arn);
        QVERIFY(yes.allowed);
        QCOMPARE(yes.context["principalId"], "alice");
        QCOMPARE(yes.context["tier"], "gold");
        const Authorizer::Decision other =
            a.decide(allow, false, u"arn:aws:execute-api:us-east-1:1:other/v1/GET/x"_s);
        QVERIFY(!other.allowed);
        QCOMPARE(other.statusCode, 403);
        QByteArray denyDoc = allow;
        denyDoc.replace("Allow", "Deny");
        const Authorizer::Decision no = a.decide(denyDoc, false, arn);
        QVERIFY(!no.allowed);
        QVERIFY(no.message.contains(u"explicit deny"_s));
        const Authorizer::Decision unauthorized =
            a.decide(R"({"errorMessage":"Unauthorized","errorType":"Exception"})", true, arn);
        QCOMPARE(unauthorized.statusCode, 401);
        QCOMPARE(a.decide("{}", false, arn).statusCode, 500);

        // Auth: Authorizer: NONE on the event opts out of the default.
        t["Resources"]["Users"]["Properties"]["Events"]["Files"]["Properties"]["Auth"] = {
            {"Authorizer", "NONE"}};
        const RouteTable open = RouteTable::fromTemplate(t, &errors);
        QVERIFY(!open.match(u"GET"_s, u"/files/a.txt"_s)->route->authorizer);
        t["Resources"]["Users"]["Properties"]["Events"]["Files"]["Properties"]["Auth"] = {
            {"Authorizer", "ReqAuth"}};
        const RouteTable req = RouteTable::fromTemplate(t, &errors);
        const std::optional<RouteMatch> rm = req.match(u"GET"_s, u"/files/a.txt"_s);
        QCOMPARE(rm->route->authorizer->type, Authorizer::Type::Request);
        QVERIFY(!rm->route->authorizer->event(g, *rm)); // X-Key missing
        g.headers.append({u"X-Key"_s, u"k"_s});
        const nlohmann::json re = *rm->route->authorizer->event(g, *rm);
        QCOMPARE(re["type"], "REQUEST");
        QCOMPARE(re["headers"]["X-Key"], "k");
        QCOMPARE(re["path"], "/files/a.txt");

        // HTTP API simple responses.
        QString why;
        const std::optional<Authorizer> simple =
            Authorizer::parse(u"S"_s,
                              {{"FunctionArn", {{"Fn::GetAtt", {"AuthFn", "Arn"}}}},
                               {"EnableSimpleResponses", true},
                               {"AuthorizerPayloadFormatVersion", "2.0"}},
                              true, &why);
        QVERIFY(simple);
        QVERIFY(simple->decide(R"({"isAuthorized":true,"context":{"u":1}})", false, arn).allowed);
        QCOMPARE(simple->decide(R"({"isAuthorized":true,"context":{"u":1}})", false, arn)
                     .context["lambda"]["u"],
                 1);
        const Authorizer::Decision refused =
            simple->decide(R"({"isAuthorized":false})", false, arn);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.message, u"Forbidden"_s);
    }

    void gatewayErrors()
    {
        QCOMPARE(GatewayResponse::internalServerError().statusCode, 502);
        const GatewayResponse throttled = GatewayResponse::tooManyRequests();
        QCOMPARE(throttled.statusCode, 429);
        QCOMPARE(throttled.body, QByteArray(R"({"message":"Too Many Requests"})"));
    }
};

QTEST_GUILESS_MAIN(TestHttpApiLogic)
#include "tst_httpapilogic.moc"
