// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "integrationuri.h"
#include "jwtvalidator.h"
#include "openapidefinition.h"
#include "routetable.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb::HttpApi;

// Raw strings below write "://" as ":\/\/" (JSON's escaped slash): moc 6.4 takes a // in a raw
// string for a comment.

namespace {

nlohmann::json parseJson(const char *text)
{
    return nlohmann::json::parse(text);
}

/** The route serving @p method @p path, or nullptr. */
const Route *routeFor(const RouteTable &table, const QString &method, const QString &path)
{
    const std::optional<RouteMatch> m = table.match(method, path);
    return m ? m->route : nullptr;
}

struct Loaded
{
    RouteTable table;
    QStringList warnings;
    QStringList errors;
};

Loaded load(const nlohmann::json &templateJson, const QString &dir = {})
{
    Loaded l;
    l.table = RouteTable::fromTemplate(templateJson, &l.warnings, dir, &l.errors);
    return l;
}

/** Functions Fn (FunctionName: fn-name) and Other, plus @p resources. */
nlohmann::json withFunctions(const nlohmann::json &resources)
{
    nlohmann::json t = parseJson(R"json({"Resources": {
        "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"FunctionName": "fn-name"}},
        "Other": {"Type": "AWS::Serverless::Function"}}})json");
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        t["Resources"][it.key()] = it.value();
    }
    return t;
}

constexpr auto kSwagger = R"json({
  "swagger": "2.0",
  "x-amazon-apigateway-binary-media-types": ["image~1png"],
  "securityDefinitions": {
    "TokenAuth": {"type": "apiKey", "name": "X-Token", "in": "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {"type": "token", "authorizerResultTtlInSeconds": 0,
        "authorizerUri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Other.Arn}/invocations"}}},
    "Keys": {"type": "apiKey", "name": "x-api-key", "in": "header"}
  },
  "paths": {
    "/pets/{id}": {
      "parameters": [{"name": "id", "in": "path"}],
      "get": {"security": [{"TokenAuth": []}],
        "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
          "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}}},
      "x-amazon-apigateway-any-method": {
        "x-amazon-apigateway-integration": {"type": "AWS_PROXY", "httpMethod": "POST",
          "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn-name/invocations"}}
    },
    "/mock": {"get": {"x-amazon-apigateway-integration": {"type": "mock"}}},
    "/http": {"get": {"x-amazon-apigateway-integration": {"type": "http", "uri": "https:\/\/example.com"}}},
    "/event": {"get": {"x-amazon-apigateway-integration": {"type": "aws_proxy",
      "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}}}}
  }
})json";

constexpr auto kOpenApi3Http = R"json({
  "openapi": "3.0.1",
  "components": {"securitySchemes": {"Oauth": {"type": "oauth2",
    "x-amazon-apigateway-authorizer": {"type": "jwt", "identitySource": "$request.header.Authorization",
      "jwtConfiguration": {"issuer": "https:\/\/issuer.example", "audience": ["my-api"]}}}}},
  "security": [{"Oauth": []}],
  "paths": {
    "/orders": {"post": {"security": [{"Oauth": ["orders/write"]}],
      "x-amazon-apigateway-integration": {"type": "aws_proxy", "payloadFormatVersion": "1.0",
        "uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}},
    "/open": {"get": {"security": [],
      "x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": {"Fn::GetAtt": ["Other", "Arn"]}}}},
    "$default": {"x-amazon-apigateway-any-method": {
      "x-amazon-apigateway-integration": {"type": "aws_proxy", "payloadFormatVersion": 2.0,
        "uri": {"Fn::Sub": ["arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Target}/invocations",
                            {"Target": {"Fn::GetAtt": ["Other", "Arn"]}}]}}}}
  }
})json";

} // namespace

// The parsers behind the gateway's routes from OpenAPI definitions and plain CloudFormation
// resources (SAM CLI's reading of them), and their errors.
class TestHttpApiDefinitions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void integrationUri_data()
    {
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<QString>("function");
        QTest::newRow("apigateway arn")
            << QByteArray(
                   R"json("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Calc/invocations")json")
            << u"Calc"_s;
        QTest::newRow("alias")
            << QByteArray(
                   R"json("arn:aws:apigateway:us-west-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-west-2:123456789012:function:Calc:Prod/invocations")json")
            << u"Calc"_s;
        QTest::newRow("function arn")
            << QByteArray(R"json("arn:aws:lambda:us-east-1:123456789012:function:Calc")json")
            << u"Calc"_s;
        QTest::newRow("sub arn")
            << QByteArray(
                   R"json({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Calc.Arn}/invocations"})json")
            << u"Calc"_s;
        QTest::newRow("sub alias")
            << QByteArray(
                   R"json({"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Calc.Alias}/invocations"})json")
            << u"Calc"_s;
        QTest::newRow("sub list")
            << QByteArray(
                   R"json({"Fn::Sub": ["arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F}/invocations", {"F": {"Fn::GetAtt": "Calc.Arn"}}]})json")
            << u"Calc"_s;
        QTest::newRow("getatt") << QByteArray(R"json({"Fn::GetAtt": ["Calc", "Arn"]})json")
                                << u"Calc"_s;
        QTest::newRow("ref") << QByteArray(R"json({"Ref": "Calc"})json") << u"Calc"_s;
        QTest::newRow("stage variable")
            << QByteArray(
                   R"json("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations")json")
            << QString();
        QTest::newRow("join") << QByteArray(R"json({"Fn::Join": ["", ["arn:", "x"]]})json")
                              << QString();
        QTest::newRow("not lambda")
            << QByteArray(R"json("https:\/\/example.com/x")json") << QString();
        QTest::newRow("getatt of another attribute")
            << QByteArray(R"json({"Fn::GetAtt": ["Calc", "RootResourceId"]})json") << QString();
    }

    void integrationUri()
    {
        QFETCH(QByteArray, uri);
        QFETCH(QString, function);
        QString why;
        QCOMPARE(IntegrationUri::functionName(nlohmann::json::parse(uri.toStdString()), &why),
                 function);
        QCOMPARE(why.isEmpty(), !function.isEmpty());
    }

    void swaggerOnRestApi()
    {
        nlohmann::json t = withFunctions(parseJson(R"json({"Api": {"Type": "AWS::Serverless::Api",
            "Properties": {"StageName": "v2", "BinaryMediaTypes": ["application~1pdf"]}}})json"));
        t["Resources"]["Api"]["Properties"]["DefinitionBody"] = parseJson(kSwagger);
        // An event of the same API for a path the definition has: the event's function wins.
        t["Resources"]["Other"]["Properties"]["Events"]["E"] = parseJson(
            R"json({"Type": "Api", "Properties": {"RestApiId": {"Ref": "Api"}, "Path": "/event", "Method": "GET"}})json");
        const Loaded l = load(t);
        QVERIFY2(l.errors.isEmpty(), qPrintable(l.errors.join(u'\n')));

        const Route *get = routeFor(l.table, u"GET"_s, u"/pets/7"_s);
        QVERIFY(get);
        QCOMPARE(get->functionLogicalId, u"Fn"_s);
        QCOMPARE(get->path, u"/pets/{id}"_s);
        QCOMPARE(get->kind, ApiKind::Rest);
        QCOMPARE(get->payloadFormat, u"1.0"_s);
        QCOMPARE(get->stage, u"v2"_s);
        QCOMPARE(get->binaryMediaTypes, (QStringList{u"application/pdf"_s, u"image/png"_s}));
        QVERIFY(get->authorizer);
        QCOMPARE(get->authorizer->type, Authorizer::Type::Token);
        QCOMPARE(get->authorizer->functionLogicalId, u"Other"_s);
        QCOMPARE(get->authorizer->identityHeader, u"X-Token"_s);
        QCOMPARE(get->authorizer->ttlSeconds, 0);

        // x-amazon-apigateway-any-method, a plain ARN naming the function by FunctionName.
        const Route *any = routeFor(l.table, u"DELETE"_s, u"/pets/7"_s);
        QVERIFY(any);
        QCOMPARE(any->method, u"ANY"_s);
        QCOMPARE(any->functionLogicalId, u"Fn"_s);
        QVERIFY(!any->authorizer);

        QCOMPARE(routeFor(l.table, u"GET"_s, u"/event"_s)->functionLogicalId, u"Other"_s);
        QCOMPARE(std::count_if(l.table.routes().begin(), l.table.routes().end(),
                               [](const Route &r) { return r.path == u"/event"_s; }),
                 1);
        QVERIFY(!routeFor(l.table, u"GET"_s, u"/mock"_s));
        QVERIFY(!routeFor(l.table, u"GET"_s, u"/http"_s));
        const QString warnings = l.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"GET /http: integration type http is not served locally"_s),
                 qPrintable(warnings));
        QVERIFY(!warnings.contains(u"/mock"_s)); // mock integrations (CORS) need no word
        QVERIFY2(warnings.contains(u"security scheme Keys has no x-amazon-apigateway-authorizer"_s),
                 qPrintable(warnings));
    }

    void openApi3OnHttpApi()
    {
        nlohmann::json t = withFunctions(parseJson(
            R"json({"Http": {"Type": "AWS::Serverless::HttpApi", "Properties": {}}})json"));
        t["Resources"]["Http"]["Properties"]["DefinitionBody"] = parseJson(kOpenApi3Http);
        const Loaded l = load(t);
        QVERIFY2(l.errors.isEmpty(), qPrintable(l.errors.join(u'\n')));

        const Route *post = routeFor(l.table, u"POST"_s, u"/orders"_s);
        QVERIFY(post);
        QCOMPARE(post->kind, ApiKind::Http);
        QCOMPARE(post->payloadFormat, u"1.0"_s);
        QCOMPARE(post->stage, u"$default"_s);
        QVERIFY(post->authorizer);
        QCOMPARE(post->authorizer->type, Authorizer::Type::Jwt);
        QCOMPARE(post->authorizer->jwtIssuer, u"https://issuer.example"_s);
        QCOMPARE(post->authorizer->jwtAudiences, QStringList{u"my-api"_s});
        QCOMPARE(post->authorizer->identityHeader, u"Authorization"_s);
        QCOMPARE(post->authorizationScopes, QStringList{u"orders/write"_s});

        const Route *open = routeFor(l.table, u"GET"_s, u"/open"_s);
        QVERIFY(open && !open->authorizer); // security: [] turns the default off
        QCOMPARE(open->payloadFormat, u"2.0"_s);

        const Route *fallback = routeFor(l.table, u"PUT"_s, u"/anything/else"_s);
        QVERIFY(fallback);
        QVERIFY(fallback->isDefaultRoute());
        QCOMPARE(fallback->functionLogicalId, u"Other"_s);
        QVERIFY(fallback->authorizer); // the root security is the default
        QVERIFY(l.table.onlyHttpApis());
    }

    void jwtAuthorizerFromSamAuth()
    {
        nlohmann::json t =
            withFunctions(parseJson(R"json({"Http": {"Type": "AWS::Serverless::HttpApi",
            "Properties": {"Auth": {"DefaultAuthorizer": "OAuth", "Authorizers": {"OAuth": {
              "IdentitySource": "$request.header.X-Jwt", "AuthorizationScopes": ["read"],
              "JwtConfiguration": {"issuer": "https:\/\/i.example", "audience": ["a1", "a2"]}}}}}}})json"));
        t["Resources"]["Fn"]["Properties"]["Events"] = parseJson(R"json({
            "Read": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "Http"}, "Path": "/r", "Method": "GET"}},
            "Write": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "Http"}, "Path": "/w", "Method": "POST",
              "Auth": {"Authorizer": "OAuth", "AuthorizationScopes": ["write", "admin"]}}},
            "Open": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "Http"}, "Path": "/o", "Method": "GET",
              "Auth": {"Authorizer": "NONE"}}}})json");
        const Loaded l = load(t);
        QVERIFY2(l.errors.isEmpty() && l.warnings.isEmpty(),
                 qPrintable((l.errors + l.warnings).join(u'\n')));
        const Route *read = routeFor(l.table, u"GET"_s, u"/r"_s);
        QCOMPARE(read->authorizer->type, Authorizer::Type::Jwt);
        QCOMPARE(read->authorizer->identityHeader, u"X-Jwt"_s);
        QCOMPARE(read->authorizer->jwtAudiences, (QStringList{u"a1"_s, u"a2"_s}));
        QCOMPARE(read->authorizationScopes, QStringList{u"read"_s});
        QCOMPARE(routeFor(l.table, u"POST"_s, u"/w"_s)->authorizationScopes,
                 (QStringList{u"write"_s, u"admin"_s}));
        QVERIFY(!routeFor(l.table, u"GET"_s, u"/o"_s)->authorizer);

        t["Resources"]["Http"]["Properties"]["Auth"]["Authorizers"]["OAuth"]["JwtConfiguration"]
            .erase("audience");
        const Loaded broken = load(t);
        QVERIFY2(broken.warnings.join(u'\n').contains(
                     u"a JWT authorizer needs JwtConfiguration with issuer and audience"_s),
                 qPrintable(broken.warnings.join(u'\n')));
        QVERIFY(!routeFor(broken.table, u"GET"_s, u"/r"_s)->authorizer);
    }

    void definitionUri()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(u"api"_s));
        QFile yaml(dir.filePath(u"api/openapi.yaml"_s));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write(R"json(openapi: "3.0.1"
paths:
  /items/{id}:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
)json");
        yaml.close();
        nlohmann::json t = withFunctions(parseJson(R"json({"Api": {"Type": "AWS::Serverless::Api",
            "Properties": {"StageName": "dev", "DefinitionUri": "api/openapi.yaml"}}})json"));
        const Loaded l = load(t, dir.path());
        QVERIFY2(l.errors.isEmpty(), qPrintable(l.errors.join(u'\n')));
        const Route *get = routeFor(l.table, u"GET"_s, u"/items/1"_s);
        QVERIFY(get);
        QCOMPARE(get->functionLogicalId, u"Fn"_s);
        QCOMPARE(get->stage, u"dev"_s);

        // AWS::Include of a local file in DefinitionBody reads the same.
        t["Resources"]["Api"]["Properties"].erase("DefinitionUri");
        t["Resources"]["Api"]["Properties"]["DefinitionBody"] = parseJson(
            R"json({"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "api/openapi.yaml"}}})json");
        QVERIFY(routeFor(load(t, dir.path()).table, u"GET"_s, u"/items/1"_s));
    }

    void malformedDefinitions_data()
    {
        QTest::addColumn<QByteArray>("properties");
        QTest::addColumn<QString>("message");
        QTest::newRow("S3 location")
            << QByteArray(R"json({"DefinitionUri": {"Bucket": "b", "Key": "api.yaml"}})json")
            << u"Api: a definition on S3"_s;
        QTest::newRow("s3 url") << QByteArray(R"json({"DefinitionUri": "s3:\/\/b/api.yaml"})json")
                                << u"not supported locally"_s;
        QTest::newRow("missing file")
            << QByteArray(R"json({"DefinitionUri": "nowhere.yaml"})json") << u"Api: cannot read"_s;
        QTest::newRow("not openapi")
            << QByteArray(R"json({"DefinitionBody": {"info": {"title": "x"}, "paths": {}}})json")
            << u"neither `swagger: '2.0'` nor `openapi: 3.x`"_s;
        QTest::newRow("old version")
            << QByteArray(R"json({"DefinitionBody": {"swagger": "1.2"}})json")
            << u"unsupported OpenAPI version 1.2"_s;
        QTest::newRow("paths not a map")
            << QByteArray(R"json({"DefinitionBody": {"openapi": "3.0.0", "paths": ["/x"]}})json")
            << u"`paths` must be a mapping"_s;
        QTest::newRow("unknown function")
            << QByteArray(R"json({"DefinitionBody": {"openapi": "3.0.0", "paths": {"/x": {"get": {
                 "x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": {"Fn::GetAtt": ["Ghost", "Arn"]}}}}}}})json")
            << u"Api (GET /x): the integration names Ghost, which is not a function of the template"_s;
        QTest::newRow("bad path")
            << QByteArray(
                   R"json({"DefinitionBody": {"openapi": "3.0.0", "paths": {"x/{p+}/y": {"get": {
                 "x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}}}}})json")
            << u"Path must start with /"_s;
        QTest::newRow("bad payload version")
            << QByteArray(R"json({"DefinitionBody": {"openapi": "3.0.0", "paths": {"/x": {"get": {
                 "x-amazon-apigateway-integration": {"type": "aws_proxy", "payloadFormatVersion": "3.0", "uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}}}}})json")
            << u"payloadFormatVersion must be 1.0 or 2.0, not 3.0"_s;
        QTest::newRow("two authorizers")
            << QByteArray(
                   R"json({"DefinitionBody": {"openapi": "3.0.0", "paths": {"/x": {"get": {"security": [{"A": []}, {"B": []}],
                 "x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}}}}})json")
            << u"GET /x: security must name one authorizer"_s;
        QTest::newRow("authorizer function unknown")
            << QByteArray(
                   R"json({"Auth": {"DefaultAuthorizer": "L", "Authorizers": {"L": {"FunctionArn": {"Fn::GetAtt": ["Ghost", "Arn"]}}}},
                 "DefinitionBody": {"openapi": "3.0.0", "paths": {"/x": {"get": {
                 "x-amazon-apigateway-integration": {"type": "aws_proxy", "uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}}}}})json")
            << u"authorizer L names Ghost, which is not a function of the template"_s;
    }

    void malformedDefinitions()
    {
        QFETCH(QByteArray, properties);
        QFETCH(QString, message);
        QTemporaryDir dir;
        nlohmann::json t =
            withFunctions(parseJson(R"json({"Api": {"Type": "AWS::Serverless::Api"}})json"));
        t["Resources"]["Api"]["Properties"] = nlohmann::json::parse(properties.toStdString());
        const Loaded l = load(t, dir.path());
        QVERIFY2(l.errors.join(u'\n').contains(message), qPrintable(l.errors.join(u'\n')));
    }

    void hostileValuesNeverThrow()
    {
        // Wrong types where mappings, strings or booleans belong: skipped or refused, never a
        // crash.
        nlohmann::json t = withFunctions(parseJson(R"json({
          "A": {"Type": "AWS::Serverless::HttpApi", "Properties": {"DefinitionBody": {
            "openapi": "3.0.1", "components": "none", "security": "x", "paths": {}}}},
          "B": {"Type": "AWS::Serverless::Api", "Properties": "not a mapping"},
          "C": {"Type": "AWS::ApiGateway::RestApi", "Properties": ["x"]},
          "D": {"Type": 42},
          "E": {"Type": "AWS::ApiGatewayV2::Authorizer", "Properties": {"ApiId": 7,
            "EnableSimpleResponses": "yes"}},
          "F": {"Type": "AWS::Serverless::HttpApi", "Properties": {"DefinitionBody": {
            "Fn::Transform": {"Name": "AWS::Include", "Parameters": "api.yaml"}}}}
        })json"));
        t["Resources"]["Fn"]["Properties"]["Events"] = parseJson(
            R"json({"X": {"Type": "HttpApi", "Properties": {"Path": 5, "Method": ["GET"]}}})json");
        const Loaded l = load(t);
        QVERIFY2(l.errors.join(u'\n').contains(u"A: the root: security must be a list"_s),
                 qPrintable(l.errors.join(u'\n')));
        QVERIFY2(
            l.errors.join(u'\n').contains(u"F: the definition's location must be a file name"_s),
            qPrintable(l.errors.join(u'\n')));

        Authorizer simple;
        simple.httpApi = true;
        simple.simpleResponses = true;
        QVERIFY(!simple.decide(R"json({"isAuthorized":"yes"})json", false, {}).allowed);
        QCOMPARE(simple.decide(R"json({"errorMessage":7})json", true, {}).statusCode, 500);
        Authorizer policy;
        QVERIFY(
            !policy
                 .decide(
                     R"json({"principalId":"p","policyDocument":{"Statement":[{"Effect":1,"Resource":"*"}]}})json",
                     false, u"arn"_s)
                 .allowed);
    }

    void malformedKeySets_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{keys") << u"is not a JSON Web Key Set"_s;
        QTest::newRow("no keys") << QByteArray(R"json({"keys": []})json")
                                 << u"is not a JSON Web Key Set"_s;
        QTest::newRow("n not a string")
            << QByteArray(R"json({"keys": [{"kty": "RSA", "n": 5, "e": "AQAB"}]})json")
            << u"every key must be an RSA key with n and e"_s;
        QTest::newRow("EC key")
            << QByteArray(
                   R"json({"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]})json")
            << u"every key must be an RSA key"_s;
    }

    void malformedKeySets()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile file(dir.filePath(u"jwks.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        JwtValidator validator;
        QString error;
        QVERIFY(!validator.loadKeys(file.fileName(), &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!validator.checksSignatures());
        QVERIFY(!validator.loadKeys(dir.filePath(u"missing.json"_s), &error));
        QVERIFY2(error.contains(u"cannot read the key set"_s), qPrintable(error));
    }

    void cloudFormationRestApi()
    {
        const nlohmann::json t = withFunctions(parseJson(R"json({
          "Rest": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "r", "BinaryMediaTypes": ["image/png"]}},
          "Users": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ParentId": {"Fn::GetAtt": ["Rest", "RootResourceId"]}, "PathPart": "users"}},
          "User": {"Type": "AWS::ApiGateway::Resource", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ParentId": {"Ref": "Users"}, "PathPart": "{id}"}},
          "GetUser": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ResourceId": {"Ref": "User"}, "HttpMethod": "GET", "AuthorizationType": "CUSTOM",
            "AuthorizerId": {"Ref": "Auth"},
            "Integration": {"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST",
              "Uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}}}},
          "RootAny": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ResourceId": {"Fn::GetAtt": ["Rest", "RootResourceId"]}, "HttpMethod": "ANY", "AuthorizationType": "NONE",
            "Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Other.Arn}/invocations"}}}},
          "Mocked": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ResourceId": {"Ref": "Users"}, "HttpMethod": "OPTIONS", "Integration": {"Type": "MOCK"}}},
          "Auth": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"RestApiId": {"Ref": "Rest"},
            "Type": "TOKEN", "IdentitySource": "method.request.header.X-Auth",
            "AuthorizerUri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Other.Arn}/invocations"}}},
          "Pool": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"RestApiId": {"Ref": "Rest"},
            "Type": "COGNITO_USER_POOLS", "IdentitySource": "method.request.header.Authorization"}},
          "Deploy": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Rest"}, "StageName": "first"}},
          "Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Rest"},
            "StageName": "live", "Variables": {"color": "red"}}}
        })json"));
        const Loaded l = load(t);
        QVERIFY2(l.errors.isEmpty(), qPrintable(l.errors.join(u'\n')));
        QCOMPARE(
            l.warnings,
            QStringList{
                u"authorizer Pool: type cognito_user_pools is not supported locally; it is not enforced"_s});
        const Route *get = routeFor(l.table, u"GET"_s, u"/users/42"_s);
        QVERIFY(get);
        QCOMPARE(get->path, u"/users/{id}"_s);
        QCOMPARE(get->functionLogicalId, u"Fn"_s);
        QCOMPARE(get->kind, ApiKind::Rest);
        QCOMPARE(get->payloadFormat, u"1.0"_s);
        QCOMPARE(get->stage, u"live"_s);
        QCOMPARE(get->stageVariables.value(u"color"_s), u"red"_s);
        QCOMPARE(get->binaryMediaTypes, QStringList{u"image/png"_s});
        QVERIFY(get->authorizer);
        QCOMPARE(get->authorizer->identityHeader, u"X-Auth"_s);
        QCOMPARE(get->authorizer->functionLogicalId, u"Other"_s);
        const Route *root = routeFor(l.table, u"POST"_s, u"/"_s);
        QVERIFY(root);
        QCOMPARE(root->functionLogicalId, u"Other"_s);
        QVERIFY(!root->authorizer);
        QVERIFY(!routeFor(l.table, u"OPTIONS"_s, u"/users"_s));
    }

    void cloudFormationHttpApi()
    {
        const nlohmann::json t = withFunctions(parseJson(R"json({
          "Http": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "h", "ProtocolType": "HTTP"}},
          "FnIntegration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"ApiId": {"Ref": "Http"},
            "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "1.0",
            "IntegrationUri": {"Fn::GetAtt": ["Fn", "Arn"]}}},
          "GetThing": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Http"},
            "RouteKey": "GET /things/{id}", "Target": {"Fn::Join": ["/", ["integrations", {"Ref": "FnIntegration"}]]},
            "AuthorizationType": "JWT", "AuthorizerId": {"Ref": "Jwt"}, "AuthorizationScopes": ["things/read"]}},
          "Default": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Http"},
            "RouteKey": "$default", "Target": {"Fn::Sub": "integrations/${FnIntegration}"}}},
          "Jwt": {"Type": "AWS::ApiGatewayV2::Authorizer", "Properties": {"ApiId": {"Ref": "Http"},
            "AuthorizerType": "JWT", "Name": "jwt", "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Issuer": "https:\/\/i.example", "Audience": ["aud"]}}},
          "Stage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"ApiId": {"Ref": "Http"},
            "StageName": "$default", "StageVariables": {"tier": "gold"}}},
          "Quick": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "q", "ProtocolType": "HTTP",
            "RouteKey": "POST /quick", "Target": {"Fn::GetAtt": ["Other", "Arn"]}}},
          "Socket": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "s", "ProtocolType": "WEBSOCKET"}}
        })json"));
        const Loaded l = load(t);
        QVERIFY2(l.errors.isEmpty(), qPrintable(l.errors.join(u'\n')));
        QVERIFY2(
            l.warnings.join(u'\n').contains(u"Socket: a WEBSOCKET API is not served locally"_s),
            qPrintable(l.warnings.join(u'\n')));
        const Route *get = routeFor(l.table, u"GET"_s, u"/things/1"_s);
        QVERIFY(get);
        QCOMPARE(get->kind, ApiKind::Http);
        QCOMPARE(get->functionLogicalId, u"Fn"_s);
        QCOMPARE(get->payloadFormat, u"1.0"_s);
        QCOMPARE(get->routeKey(), u"GET /things/{id}"_s);
        QCOMPARE(get->stageVariables.value(u"tier"_s), u"gold"_s);
        QCOMPARE(get->authorizer->type, Authorizer::Type::Jwt);
        QCOMPARE(get->authorizer->jwtIssuer, u"https://i.example"_s);
        QCOMPARE(get->authorizationScopes, QStringList{u"things/read"_s});
        QVERIFY(routeFor(l.table, u"DELETE"_s, u"/x"_s)->isDefaultRoute());
        const Route *quick = routeFor(l.table, u"POST"_s, u"/quick"_s);
        QVERIFY(quick);
        QCOMPARE(quick->functionLogicalId, u"Other"_s);
        QCOMPARE(quick->payloadFormat, u"2.0"_s);
    }

    void malformedResources_data()
    {
        QTest::addColumn<QByteArray>("resources");
        QTest::addColumn<QString>("message");
        const QByteArray rest = R"json("Rest": {"Type": "AWS::ApiGateway::RestApi"},)json";
        const QByteArray method =
            R"json("M": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Rest"},
            "ResourceId": {"Ref": "A"}, "HttpMethod": "GET",
            "Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}})json";
        QTest::newRow("cycle") << QByteArray("{" + rest + R"json(
                 "A": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "B"}, "PathPart": "a"}},
                 "B": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "A"}, "PathPart": "b"}},
                 )json" + method + "}")
                               << u"M: the resources form a cycle: A → B → A"_s;
        QTest::newRow("unknown parent") << QByteArray("{" + rest + R"json(
                 "A": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "Nope"}, "PathPart": "a"}},
                 )json" + method + "}") << u"M: Nope is neither an AWS::ApiGateway::Resource"_s;
        QTest::newRow("bad path part") << QByteArray("{" + rest + R"json(
                 "A": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Fn::GetAtt": ["Rest", "RootResourceId"]}, "PathPart": "a/b"}},
                 )json" + method + "}") << u"A: PathPart must be one path segment"_s;
        QTest::newRow("unknown function")
            << QByteArray("{" + rest + R"json(
                 "M": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Rest"},
                   "ResourceId": {"Fn::GetAtt": ["Rest", "RootResourceId"]}, "HttpMethod": "GET",
                   "Integration": {"Type": "AWS_PROXY", "Uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:Ghost/invocations"}}}})json")
            << u"M (GET /): the integration names Ghost, which is not a function of the template"_s;
        QTest::newRow("method of no api")
            << QByteArray(
                   R"json({"M": {"Type": "AWS::ApiGateway::Method", "Properties": {"RestApiId": {"Ref": "Nope"},
                 "HttpMethod": "GET", "Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::GetAtt": ["Fn", "Arn"]}}}}})json")
            << u"M: RestApiId must be a !Ref to an AWS::ApiGateway::RestApi of the template, not Nope"_s;
        QTest::newRow("bad route key")
            << QByteArray(
                   R"json({"H": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"ProtocolType": "HTTP"}},
                 "I": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"IntegrationType": "AWS_PROXY", "IntegrationUri": {"Fn::GetAtt": ["Fn", "Arn"]}}},
                 "R": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "H"}, "RouteKey": "GET", "Target": "integrations/I"}}})json")
            << u"R: RouteKey must be \"METHOD /path\" or $default"_s;
        QTest::newRow("target of no integration")
            << QByteArray(
                   R"json({"H": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"ProtocolType": "HTTP"}},
                 "R": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "H"}, "RouteKey": "GET /x", "Target": "integrations/Nope"}}})json")
            << u"R: Target must be \"integrations/<Id>\" naming an AWS::ApiGatewayV2::Integration"_s;
        QTest::newRow("body on s3")
            << QByteArray(
                   R"json({"H": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"BodyS3Location": {"Bucket": "b", "Key": "k"}}}})json")
            << u"H: a definition on S3"_s;
    }

    void malformedResources()
    {
        QFETCH(QByteArray, resources);
        QFETCH(QString, message);
        const Loaded l = load(withFunctions(nlohmann::json::parse(resources.toStdString())));
        QVERIFY2(l.errors.join(u'\n').contains(message), qPrintable(l.errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestHttpApiDefinitions)
#include "tst_httpapidefinitions.moc"
