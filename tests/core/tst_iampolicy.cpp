// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// IamPolicy: wildcard matching and IAM's evaluation order (explicit Deny wins, then any Allow,
// else implicit deny), as tables; LambdaOperations: the route → action/resource table; the
// SAM Policies mapping (FunctionPolicies) and PolicyLinter's findings.
#include "auth/functionpolicies.h"
#include "auth/iampolicy.h"
#include "auth/lambdaoperations.h"
#include "auth/policylinter.h"
#include "http/httprequest.h"
#include "httprequestfixture.h"
#include "model/functionconfig.h"
#include "project/samtemplate.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using json = nlohmann::json;

Q_DECLARE_METATYPE(IamEvaluation::Decision)

namespace {

const QString kB = u"arn:aws:lambda:us-east-1:123456789012:function:B"_s;
const QString kC = u"arn:aws:lambda:us-east-1:123456789012:function:C"_s;

HttpRequest request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
{
    return Test::httpRequest(method, target, {}, body);
}

FunctionConfig function(const QString &id, const json &policies, const QString &role = {})
{
    FunctionConfig f;
    f.logicalId = id;
    f.functionName = id;
    f.runtime = u"python3.12"_s;
    f.policies = policies;
    f.role = role;
    return f;
}

} // namespace

class TestIamPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wildcard_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("caseInsensitive");
        QTest::addColumn<bool>("matches");
        QTest::newRow("star all") << u"*"_s << u"anything"_s << false << true;
        QTest::newRow("star empty") << u"*"_s << u""_s << false << true;
        QTest::newRow("exact") << u"lambda:InvokeFunction"_s << u"lambda:InvokeFunction"_s << false
                               << true;
        QTest::newRow("case-sensitive")
            << u"lambda:invokefunction"_s << u"lambda:InvokeFunction"_s << false << false;
        QTest::newRow("case-insensitive")
            << u"LAMBDA:invokefunction"_s << u"lambda:InvokeFunction"_s << true << true;
        QTest::newRow("prefix star") << u"lambda:Get*"_s << u"lambda:GetFunction"_s << true << true;
        QTest::newRow("prefix star no")
            << u"lambda:Get*"_s << u"lambda:ListFunctions"_s << true << false;
        QTest::newRow("middle star") << u"arn:*:function:B"_s << kB << false << true;
        QTest::newRow("star then more") << u"*:function:B*"_s << kB + u":live"_s << false << true;
        QTest::newRow("star backtrack") << u"a*b*c"_s << u"aXbYbZc"_s << false << true;
        QTest::newRow("star backtrack no") << u"a*b*c"_s << u"aXbYbZ"_s << false << false;
        QTest::newRow("question") << u"function:?"_s << u"function:B"_s << false << true;
        QTest::newRow("question one only") << u"function:?"_s << u"function:BB"_s << false << false;
        QTest::newRow("question not empty") << u"function:?"_s << u"function:"_s << false << false;
        QTest::newRow("trailing text") << u"function:B"_s << u"function:BC"_s << false << false;
    }

    void wildcard()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, value);
        QFETCH(bool, caseInsensitive);
        QFETCH(bool, matches);
        QCOMPARE(IamPolicy::wildcardMatch(
                     pattern, value, caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive),
                 matches);
    }

    void evaluate_data()
    {
        using D = IamEvaluation::Decision;
        QTest::addColumn<QString>("policies"); // a JSON list of documents
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<D>("decision");
        QTest::addColumn<int>("statement");

        const QString allowB =
            uR"([{"Statement":{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"%1"}}])"_s
                .arg(kB);
        QTest::newRow("no policy: implicit deny")
            << u"[]"_s << u"lambda:InvokeFunction"_s << kB << D::ImplicitDeny << -1;
        QTest::newRow("allow exact") << allowB << u"lambda:InvokeFunction"_s << kB << D::Allow << 0;
        QTest::newRow("other resource: implicit")
            << allowB << u"lambda:InvokeFunction"_s << kC << D::ImplicitDeny << -1;
        QTest::newRow("other action: implicit")
            << allowB << u"lambda:GetFunction"_s << kB << D::ImplicitDeny << -1;
        QTest::newRow("action case-insensitive")
            << allowB << u"LAMBDA:invokefunction"_s << kB << D::Allow << 0;
        QTest::newRow("resource case-sensitive")
            << allowB << u"lambda:InvokeFunction"_s << kB.toLower() << D::ImplicitDeny << -1;
        QTest::newRow("qualified ARN not matched by exact")
            << allowB << u"lambda:InvokeFunction"_s << kB + u":live"_s << D::ImplicitDeny << -1;
        QTest::newRow("qualified ARN matched by star")
            << uR"([{"Statement":[{"Effect":"Allow","Action":["lambda:InvokeFunction"],"Resource":["%1*"]}]}])"_s
                   .arg(kB)
            << u"lambda:InvokeFunction"_s << kB + u":live"_s << D::Allow << 0;
        QTest::newRow("lambda star")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"}]}])"_s
            << u"lambda:DeleteFunction"_s << kC << D::Allow << 0;
        QTest::newRow("star star")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}])"_s
            << u"lambda:DeleteFunction"_s << kC << D::Allow << 0;
        QTest::newRow("other service")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}])"_s
            << u"lambda:InvokeFunction"_s << kB << D::ImplicitDeny << -1;
        QTest::newRow("explicit deny wins over allow")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"},{"Sid":"NoC","Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"%1"}]}])"_s
                   .arg(kC)
            << u"lambda:InvokeFunction"_s << kC << D::ExplicitDeny << 1;
        QTest::newRow("deny elsewhere leaves allow")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"},{"Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"%1"}]}])"_s
                   .arg(kC)
            << u"lambda:InvokeFunction"_s << kB << D::Allow << 0;
        QTest::newRow("deny in another policy wins")
            << uR"([{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}},{"Statement":{"Effect":"Deny","Action":"lambda:Delete*","Resource":"*"}}])"_s
            << u"lambda:DeleteFunction"_s << kB << D::ExplicitDeny << 0;
        QTest::newRow("NotAction allow")
            << uR"([{"Statement":{"Effect":"Allow","NotAction":"lambda:DeleteFunction","Resource":"*"}}])"_s
            << u"lambda:InvokeFunction"_s << kB << D::Allow << 0;
        QTest::newRow("NotAction allow excludes")
            << uR"([{"Statement":{"Effect":"Allow","NotAction":"lambda:DeleteFunction","Resource":"*"}}])"_s
            << u"lambda:DeleteFunction"_s << kB << D::ImplicitDeny << -1;
        QTest::newRow("NotResource allow")
            << uR"([{"Statement":{"Effect":"Allow","Action":"lambda:InvokeFunction","NotResource":"%1"}}])"_s
                   .arg(kC)
            << u"lambda:InvokeFunction"_s << kB << D::Allow << 0;
        QTest::newRow("NotResource allow excludes")
            << uR"([{"Statement":{"Effect":"Allow","Action":"lambda:InvokeFunction","NotResource":"%1"}}])"_s
                   .arg(kC)
            << u"lambda:InvokeFunction"_s << kC << D::ImplicitDeny << -1;
        QTest::newRow("Deny NotResource")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"lambda:*","NotResource":"%1"}]}])"_s
                   .arg(kB)
            << u"lambda:InvokeFunction"_s << kC << D::ExplicitDeny << 1;
        QTest::newRow("allow with Condition grants nothing")
            << uR"([{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}])"_s
            << u"lambda:InvokeFunction"_s << kB << D::ImplicitDeny << -1;
        QTest::newRow("deny with Condition applies")
            << uR"([{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}])"_s
            << u"lambda:InvokeFunction"_s << kB << D::ExplicitDeny << 1;
        QTest::newRow("bare statement list")
            << uR"([[{"Effect":"Allow","Action":"lambda:Get*","Resource":"*"}]])"_s
            << u"lambda:GetFunctionConfiguration"_s << kB << D::Allow << 0;
        QTest::newRow("question in action")
            << uR"([{"Statement":{"Effect":"Allow","Action":"lambda:GetAlia?","Resource":"*"}}])"_s
            << u"lambda:GetAlias"_s << kB << D::Allow << 0;
    }

    void evaluate()
    {
        QFETCH(QString, policies);
        QFETCH(QString, action);
        QFETCH(QString, resource);
        QFETCH(IamEvaluation::Decision, decision);
        QFETCH(int, statement);
        std::vector<IamPolicy> list;
        int i = 0;
        for (const json &document : json::parse(policies.toStdString())) {
            QString error;
            const auto policy = IamPolicy::fromJson(document, u"P%1"_s.arg(i++), &error);
            QVERIFY2(policy, qPrintable(error));
            list.push_back(*policy);
        }
        const IamEvaluation result = IamPolicy::evaluate(list, action, resource);
        QCOMPARE(result.decision, decision);
        QCOMPARE(result.statementIndex, statement);
        QCOMPARE(result.isAllowed(), decision == IamEvaluation::Decision::Allow);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("error");
        QTest::newRow("no statement") << u"{}"_s << u"must be a policy document"_s;
        QTest::newRow("bad effect")
            << uR"({"Statement":{"Effect":"allow","Action":"*","Resource":"*"}})"_s
            << u"Effect must be Allow or Deny"_s;
        QTest::newRow("no action") << uR"({"Statement":{"Effect":"Allow","Resource":"*"}})"_s
                                   << u"exactly one of Action and NotAction"_s;
        QTest::newRow("both actions")
            << uR"({"Statement":{"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"}})"_s
            << u"exactly one of Action and NotAction"_s;
        QTest::newRow("no resource") << uR"({"Statement":{"Effect":"Allow","Action":"*"}})"_s
                                     << u"exactly one of Resource and NotResource"_s;
        QTest::newRow("number action")
            << uR"({"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}})"_s
            << u"Action must be a string or a list"_s;
    }

    void malformed()
    {
        QFETCH(QString, document);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!IamPolicy::fromJson(json::parse(document.toStdString()), u"P"_s, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    void operations_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("resource");
        const QString fn = u"arn:aws:lambda:us-east-1:123456789012:function:"_s;
        QTest::newRow("invoke") << "POST"_ba
                                << "/2015-03-31/functions/B/invocations"_ba << u"Invoke"_s
                                << u"lambda:InvokeFunction"_s << fn + u"B"_s;
        QTest::newRow("invoke qualifier")
            << "POST"_ba
            << "/2015-03-31/functions/B/invocations?Qualifier=live"_ba << u"Invoke"_s
            << u"lambda:InvokeFunction"_s << fn + u"B:live"_s;
        QTest::newRow("invoke name suffix")
            << "POST"_ba
            << "/2015-03-31/functions/B%3A2/invocations"_ba << u"Invoke"_s
            << u"lambda:InvokeFunction"_s << fn + u"B:2"_s;
        QTest::newRow("invoke arn")
            << "POST"_ba
            << "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Afunction%3AB/invocations"_ba
            << u"Invoke"_s << u"lambda:InvokeFunction"_s
            << u"arn:aws:lambda:eu-west-1:111122223333:function:B"_s;
        QTest::newRow("invoke logical id")
            << "POST"_ba
            << "/2015-03-31/functions/BLogical/invocations"_ba << u"Invoke"_s
            << u"lambda:InvokeFunction"_s << fn + u"b-real-name"_s;
        QTest::newRow("list") << "GET"_ba
                              << "/2015-03-31/functions"_ba << u"ListFunctions"_s
                              << u"lambda:ListFunctions"_s << u"*"_s;
        QTest::newRow("list slash") << "GET"_ba
                                    << "/2015-03-31/functions/"_ba << u"ListFunctions"_s
                                    << u"lambda:ListFunctions"_s << u"*"_s;
        QTest::newRow("create") << "POST"_ba
                                << "/2015-03-31/functions"_ba << u"CreateFunction"_s
                                << u"lambda:CreateFunction"_s << fn + u"New"_s;
        QTest::newRow("get") << "GET"_ba
                             << "/2015-03-31/functions/B"_ba << u"GetFunction"_s
                             << u"lambda:GetFunction"_s << fn + u"B"_s;
        QTest::newRow("delete") << "DELETE"_ba
                                << "/2015-03-31/functions/B?Qualifier=3"_ba << u"DeleteFunction"_s
                                << u"lambda:DeleteFunction"_s << fn + u"B:3"_s;
        QTest::newRow("get config")
            << "GET"_ba
            << "/2015-03-31/functions/B/configuration"_ba << u"GetFunctionConfiguration"_s
            << u"lambda:GetFunctionConfiguration"_s << fn + u"B"_s;
        QTest::newRow("update config")
            << "PUT"_ba
            << "/2015-03-31/functions/B/configuration"_ba << u"UpdateFunctionConfiguration"_s
            << u"lambda:UpdateFunctionConfiguration"_s << fn + u"B"_s;
        QTest::newRow("update code") << "PUT"_ba
                                     << "/2015-03-31/functions/B/code"_ba << u"UpdateFunctionCode"_s
                                     << u"lambda:UpdateFunctionCode"_s << fn + u"B"_s;
        QTest::newRow("publish") << "POST"_ba
                                 << "/2015-03-31/functions/B/versions"_ba << u"PublishVersion"_s
                                 << u"lambda:PublishVersion"_s << fn + u"B"_s;
        QTest::newRow("get alias") << "GET"_ba
                                   << "/2015-03-31/functions/B/aliases/live"_ba << u"GetAlias"_s
                                   << u"lambda:GetAlias"_s << fn + u"B:live"_s;
        QTest::newRow("reserved put")
            << "PUT"_ba
            << "/2017-10-31/functions/B/concurrency"_ba << u"PutFunctionConcurrency"_s
            << u"lambda:PutFunctionConcurrency"_s << fn + u"B"_s;
        QTest::newRow("reserved get")
            << "GET"_ba
            << "/2019-09-30/functions/B/concurrency"_ba << u"GetFunctionConcurrency"_s
            << u"lambda:GetFunctionConcurrency"_s << fn + u"B"_s;
        QTest::newRow("provisioned list")
            << "GET"_ba
            << "/2019-09-30/functions/B/provisioned-concurrency?List=ALL"_ba
            << u"ListProvisionedConcurrencyConfigs"_s
            << u"lambda:ListProvisionedConcurrencyConfigs"_s << fn + u"B"_s;
        QTest::newRow("provisioned get")
            << "GET"_ba
            << "/2019-09-30/functions/B/provisioned-concurrency?Qualifier=live"_ba
            << u"GetProvisionedConcurrencyConfig"_s << u"lambda:GetProvisionedConcurrencyConfig"_s
            << fn + u"B:live"_s;
        QTest::newRow("event invoke config")
            << "PUT"_ba
            << "/2019-09-25/functions/B/event-invoke-config"_ba << u"PutFunctionEventInvokeConfig"_s
            << u"lambda:PutFunctionEventInvokeConfig"_s << fn + u"B"_s;
        QTest::newRow("esm create")
            << "POST"_ba
            << "/2015-03-31/event-source-mappings/"_ba << u"CreateEventSourceMapping"_s
            << u"lambda:CreateEventSourceMapping"_s << u"*"_s;
        QTest::newRow("esm get")
            << "GET"_ba
            << "/2015-03-31/event-source-mappings/abc-1"_ba << u"GetEventSourceMapping"_s
            << u"lambda:GetEventSourceMapping"_s
            << u"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc-1"_s;
        QTest::newRow("layer publish")
            << "POST"_ba
            << "/2018-10-31/layers/deps/versions"_ba << u"PublishLayerVersion"_s
            << u"lambda:PublishLayerVersion"_s
            << u"arn:aws:lambda:us-east-1:123456789012:layer:deps"_s;
        QTest::newRow("layer get") << "GET"_ba
                                   << "/2018-10-31/layers/deps/versions/2"_ba
                                   << u"GetLayerVersion"_s << u"lambda:GetLayerVersion"_s
                                   << u"arn:aws:lambda:us-east-1:123456789012:layer:deps:2"_s;
        QTest::newRow("layer by arn")
            << "GET"_ba
            << "/2018-10-31/layers?find=LayerVersion&Arn=x"_ba << u"GetLayerVersionByArn"_s
            << u"lambda:GetLayerVersion"_s << u"*"_s;
        QTest::newRow("account") << "GET"_ba
                                 << "/2016-08-19/account-settings/"_ba << u"GetAccountSettings"_s
                                 << u"lambda:GetAccountSettings"_s << u"*"_s;
        QTest::newRow("add permission") << "POST"_ba
                                        << "/2015-03-31/functions/B/policy"_ba << u"AddPermission"_s
                                        << u"lambda:AddPermission"_s << fn + u"B"_s;
        QTest::newRow("remove permission")
            << "DELETE"_ba
            << "/2015-03-31/functions/B/policy/s1"_ba << u"RemovePermission"_s
            << u"lambda:RemovePermission"_s << fn + u"B"_s;
        QTest::newRow("tags")
            << "GET"_ba
            << "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3AB"_ba
            << u"ListTags"_s << u"lambda:ListTags"_s << fn + u"B"_s;
        QTest::newRow("url") << "POST"_ba
                             << "/2021-10-31/functions/B/url"_ba << u"CreateFunctionUrlConfig"_s
                             << u"lambda:CreateFunctionUrlConfig"_s << fn + u"B"_s;
    }

    void operations()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QString, operation);
        QFETCH(QString, action);
        QFETCH(QString, resource);
        const QByteArray body =
            operation == u"CreateFunction"_s ? R"({"FunctionName":"New"})"_ba : QByteArray();
        const auto op = LambdaOperations::match(
            request(method, target, body), u"us-east-1"_s, u"123456789012"_s,
            [](const QString &name) { return name == u"BLogical"_s ? u"b-real-name"_s : name; });
        QVERIFY(op);
        QCOMPARE(op->name, operation);
        QCOMPARE(op->action, action);
        QCOMPARE(op->resource, resource);
    }

    void unknownOperation()
    {
        QVERIFY(!LambdaOperations::match(request("GET", "/2015-03-31/nothing"), u"us-east-1"_s,
                                         u"1"_s));
        QVERIFY(!LambdaOperations::match(request("PATCH", "/2015-03-31/functions/B"),
                                         u"us-east-1"_s, u"1"_s));
        QVERIFY(LambdaOperations::operations().size() >= 60);
        QVERIFY(LambdaOperations::actions().contains(u"lambda:InvokeFunction"_s));
    }

    void samPolicies()
    {
        const std::vector<FunctionConfig> functions = {function(u"Caller"_s, json::parse(R"([
                        {"LambdaInvokePolicy": {"FunctionName": {"Ref": "B"}}},
                        {"Statement": [{"Effect": "Allow", "Action": "lambda:GetFunction",
                                        "Resource": {"Fn::GetAtt": ["C", "Arn"]}}]},
                        {"Statement": {"Effect": "Allow", "Action": "lambda:ListTags",
                                       "Resource": {"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${C}"}}},
                        "AWSLambda_ReadOnlyAccess",
                        {"DynamoDBCrudPolicy": {"TableName": "t"}},
                        "SomeUnknownManagedPolicy",
                        {"Statement": {"Effect": "Allow", "Action": "lambda:TagResource", "Resource": {"Fn::ImportValue": "x"}}}
                     ])")),
                                                       function(u"B"_s, nullptr),
                                                       function(u"C"_s, nullptr)};
        const FunctionPolicySet set =
            FunctionPolicies::of(functions[0], functions, u"us-east-1"_s, u"123456789012"_s);
        QCOMPARE(set.policies.size(), 5u);
        const auto allowed = [&](const QString &action, const QString &resource) {
            return IamPolicy::evaluate(set.policies, action, resource).isAllowed();
        };
        QVERIFY(allowed(u"lambda:InvokeFunction"_s, kB));
        QVERIFY(allowed(u"lambda:InvokeFunction"_s, kB + u":live"_s));
        QVERIFY(!allowed(u"lambda:InvokeFunction"_s, kC));
        QVERIFY(allowed(u"lambda:GetFunction"_s, kC));
        QVERIFY(allowed(u"lambda:ListTags"_s, kC));
        QVERIFY(allowed(u"lambda:GetAlias"_s, kC)); // the read-only managed policy
        QVERIFY(!allowed(u"lambda:TagResource"_s, kC));
        QCOMPARE(set.warnings.size(), 3);
        QVERIFY(set.warnings.join(u'\n').contains(u"DynamoDBCrudPolicy is not supported"_s));
        QVERIFY(set.warnings.join(u'\n').contains(u"SomeUnknownManagedPolicy is not known"_s));
        QVERIFY(set.warnings.join(u'\n').contains(u"Fn::ImportValue"_s));

        // A Role outside the template: nothing is known, nothing is allowed.
        const FunctionConfig external =
            function(u"Ext"_s, nullptr, u"arn:aws:iam::123456789012:role/outside"_s);
        const FunctionPolicySet none =
            FunctionPolicies::of(external, functions, u"us-east-1"_s, u"123456789012"_s);
        QVERIFY(none.policies.empty());
        QCOMPARE(none.warnings.size(), 1);
        QVERIFY(none.warnings.first().contains(u"not defined in the template"_s));
    }

    void templateRoleAndPolicies()
    {
        // What the template loader keeps: Policies as written, or the policies of the
        // template role a Role names (!GetAtt or !Ref), or an outside Role ARN alone.
        const QByteArray yaml = R"(
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    CodeUri: .
Resources:
  WithPolicies:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref B
  WithTemplateRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt InvokerRole.Arn
      Policies: AdministratorAccess
  WithRefRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: !Ref InvokerRole
  WithOutsideRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/outside
  B:
    Type: AWS::Serverless::Function
  InvokerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: invoker
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess
      Policies:
        - PolicyName: invoke-b
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: lambda:InvokeFunction
                Resource: !GetAtt B.Arn
)";
        QTemporaryDir dir;
        SamTemplate sam;
        QVERIFY(sam.loadFromData(yaml, dir.filePath(u"template.yaml"_s)));
        const std::vector<FunctionConfig> &functions = sam.functions();
        const auto allowed = [&](const QString &id, const QString &action,
                                 const QString &resource) {
            const FunctionPolicySet set = FunctionPolicies::of(*sam.function(id), functions,
                                                               u"us-east-1"_s, u"123456789012"_s);
            return IamPolicy::evaluate(set.policies, action, resource).isAllowed();
        };

        QVERIFY(sam.function(u"WithPolicies"_s)->role.isEmpty());
        QVERIFY(allowed(u"WithPolicies"_s, u"lambda:InvokeFunction"_s, kB));
        QVERIFY(!allowed(u"WithPolicies"_s, u"lambda:GetFunction"_s, kB));

        // SAM ignores Policies when Role is given; the role's own policies apply.
        QCOMPARE(sam.function(u"WithTemplateRole"_s)->role, u"invoker"_s);
        QVERIFY(allowed(u"WithTemplateRole"_s, u"lambda:InvokeFunction"_s, kB));
        QVERIFY(!allowed(u"WithTemplateRole"_s, u"lambda:InvokeFunction"_s, kC));
        QVERIFY(allowed(u"WithTemplateRole"_s, u"lambda:GetFunction"_s, kC));
        QVERIFY(!allowed(u"WithTemplateRole"_s, u"lambda:DeleteFunction"_s, kB));
        QCOMPARE(sam.function(u"WithRefRole"_s)->role, u"invoker"_s);
        QVERIFY(allowed(u"WithRefRole"_s, u"lambda:InvokeFunction"_s, kB));

        QCOMPARE(sam.function(u"WithOutsideRole"_s)->role,
                 u"arn:aws:iam::123456789012:role/outside"_s);
        QVERIFY(sam.function(u"WithOutsideRole"_s)->policies.is_null());
        QVERIFY(!allowed(u"WithOutsideRole"_s, u"lambda:InvokeFunction"_s, kB));
    }

    void linter()
    {
        const std::vector<FunctionConfig> functions = {
            function(u"Narrow"_s,
                     json::parse(R"([{"LambdaInvokePolicy": {"FunctionName": "B"}}])")),
            function(u"Broad"_s, json::parse(R"([
                {"Statement": [{"Sid": "All", "Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
                               {"Effect": "Deny", "Action": "*", "Resource": "*"}]},
                "AdministratorAccess",
                {"Statement": {"Effect": "Allow", "NotAction": "lambda:DeleteFunction", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:B"}}
            ])"))};
        const std::vector<PolicyFinding> findings =
            PolicyLinter::lint(functions, u"us-east-1"_s, u"123456789012"_s);
        QStringList lines;
        for (const PolicyFinding &f : findings) {
            QCOMPARE(f.functionName, u"Broad"_s);
            lines << f.toString();
        }
        QCOMPARE(
            lines,
            QStringList({
                u"Broad: Policies[0] statement 0 (Sid All): Action \"lambda:*\" grants every lambda action"_s,
                u"Broad: Policies[0] statement 0 (Sid All): Resource \"*\" grants the actions on every resource"_s,
                u"Broad: Policies[1] statement 0: Action \"*\" grants every action of every service"_s,
                u"Broad: Policies[1] statement 0: Resource \"*\" grants the actions on every resource"_s,
                u"Broad: Policies[2] statement 0: Allow with NotAction grants every action but lambda:DeleteFunction"_s,
            }));
    }
};

QTEST_GUILESS_MAIN(TestIamPolicy)
#include "tst_iampolicy.moc"
