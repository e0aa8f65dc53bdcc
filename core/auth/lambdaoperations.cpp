// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "lambdaoperations.h"

#include "api/functionarn.h"
#include "http/httprequest.h"

#include <QtCore/QHash>
#include <QtCore/QSet>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** What the resource of an operation is made from. */
enum class Resource {
    Any,                 ///< "*"
    Function,            ///< {FunctionName}, qualified by its suffix or ?Qualifier=
    FunctionUnqualified, ///< {FunctionName}, the function itself whatever the qualifier
    FunctionAlias,       ///< {FunctionName} qualified by {Name}
    FunctionFromBody,    ///< FunctionName in the JSON body (CreateFunction)
    Layer,               ///< {LayerName}
    LayerVersion,        ///< {LayerName}:{VersionNumber}
    EventSourceMapping,  ///< {UUID}
    CodeSigningConfig,   ///< {CodeSigningConfigArn}
    PathArn,             ///< {ARN}: the resource named in the path (tags)
};

struct Route
{
    const char *method;
    const char *path; ///< segments; {X} matches one segment
    const char *operation;
    const char *action;
    Resource resource;
    const char *query = nullptr; ///< a query key=value that must be present, when set
};

// service-2.json (2015-03-31), every REST operation; IAM actions from the Service
// Authorization Reference ("Actions defined by AWS Lambda"). One row per operation.
// clang-format off
constexpr Route kRoutes[] = {
    {"POST", "/2015-03-31/functions/{FunctionName}/invocations", "Invoke", "lambda:InvokeFunction", Resource::Function},
    {"POST", "/2021-11-15/functions/{FunctionName}/response-streaming-invocations", "InvokeWithResponseStream", "lambda:InvokeFunction", Resource::Function},
    {"POST", "/2014-11-13/functions/{FunctionName}/invoke-async", "InvokeAsync", "lambda:InvokeAsync", Resource::Function},
    {"POST", "/2015-03-31/functions", "CreateFunction", "lambda:CreateFunction", Resource::FunctionFromBody},
    {"GET", "/2015-03-31/functions", "ListFunctions", "lambda:ListFunctions", Resource::Any},
    {"GET", "/2015-03-31/functions/{FunctionName}", "GetFunction", "lambda:GetFunction", Resource::Function},
    {"DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction", "lambda:DeleteFunction", Resource::Function},
    {"GET", "/2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration", "lambda:GetFunctionConfiguration", Resource::Function},
    {"PUT", "/2015-03-31/functions/{FunctionName}/configuration", "UpdateFunctionConfiguration", "lambda:UpdateFunctionConfiguration", Resource::Function},
    {"PUT", "/2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode", "lambda:UpdateFunctionCode", Resource::Function},
    {"POST", "/2015-03-31/functions/{FunctionName}/versions", "PublishVersion", "lambda:PublishVersion", Resource::FunctionUnqualified},
    {"GET", "/2015-03-31/functions/{FunctionName}/versions", "ListVersionsByFunction", "lambda:ListVersionsByFunction", Resource::FunctionUnqualified},
    {"POST", "/2015-03-31/functions/{FunctionName}/aliases", "CreateAlias", "lambda:CreateAlias", Resource::FunctionUnqualified},
    {"GET", "/2015-03-31/functions/{FunctionName}/aliases", "ListAliases", "lambda:ListAliases", Resource::FunctionUnqualified},
    {"GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias", "lambda:GetAlias", Resource::FunctionAlias},
    {"PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "UpdateAlias", "lambda:UpdateAlias", Resource::FunctionAlias},
    {"DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "DeleteAlias", "lambda:DeleteAlias", Resource::FunctionAlias},
    {"POST", "/2015-03-31/functions/{FunctionName}/policy", "AddPermission", "lambda:AddPermission", Resource::Function},
    {"GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy", "lambda:GetPolicy", Resource::Function},
    {"DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", "RemovePermission", "lambda:RemovePermission", Resource::Function},
    {"PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency", "lambda:PutFunctionConcurrency", Resource::FunctionUnqualified},
    {"DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency", "lambda:DeleteFunctionConcurrency", Resource::FunctionUnqualified},
    {"GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency", "lambda:GetFunctionConcurrency", Resource::FunctionUnqualified},
    {"GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "ListProvisionedConcurrencyConfigs", "lambda:ListProvisionedConcurrencyConfigs", Resource::FunctionUnqualified, "List=ALL"},
    {"PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "PutProvisionedConcurrencyConfig", "lambda:PutProvisionedConcurrencyConfig", Resource::Function},
    {"GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "GetProvisionedConcurrencyConfig", "lambda:GetProvisionedConcurrencyConfig", Resource::Function},
    {"DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "DeleteProvisionedConcurrencyConfig", "lambda:DeleteProvisionedConcurrencyConfig", Resource::Function},
    {"PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "PutFunctionEventInvokeConfig", "lambda:PutFunctionEventInvokeConfig", Resource::Function},
    {"POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "UpdateFunctionEventInvokeConfig", "lambda:UpdateFunctionEventInvokeConfig", Resource::Function},
    {"GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "GetFunctionEventInvokeConfig", "lambda:GetFunctionEventInvokeConfig", Resource::Function},
    {"DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "DeleteFunctionEventInvokeConfig", "lambda:DeleteFunctionEventInvokeConfig", Resource::Function},
    {"GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", "ListFunctionEventInvokeConfigs", "lambda:ListFunctionEventInvokeConfigs", Resource::FunctionUnqualified},
    {"POST", "/2021-10-31/functions/{FunctionName}/url", "CreateFunctionUrlConfig", "lambda:CreateFunctionUrlConfig", Resource::Function},
    {"GET", "/2021-10-31/functions/{FunctionName}/url", "GetFunctionUrlConfig", "lambda:GetFunctionUrlConfig", Resource::Function},
    {"PUT", "/2021-10-31/functions/{FunctionName}/url", "UpdateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig", Resource::Function},
    {"DELETE", "/2021-10-31/functions/{FunctionName}/url", "DeleteFunctionUrlConfig", "lambda:DeleteFunctionUrlConfig", Resource::Function},
    {"GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs", "lambda:ListFunctionUrlConfigs", Resource::FunctionUnqualified},
    {"GET", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "GetRuntimeManagementConfig", "lambda:GetRuntimeManagementConfig", Resource::Function},
    {"PUT", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "PutRuntimeManagementConfig", "lambda:PutRuntimeManagementConfig", Resource::Function},
    {"GET", "/2024-08-31/functions/{FunctionName}/recursion-config", "GetFunctionRecursionConfig", "lambda:GetFunctionRecursionConfig", Resource::FunctionUnqualified},
    {"PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", "PutFunctionRecursionConfig", "lambda:PutFunctionRecursionConfig", Resource::FunctionUnqualified},
    {"GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", "GetFunctionCodeSigningConfig", "lambda:GetFunctionCodeSigningConfig", Resource::FunctionUnqualified},
    {"PUT", "/2020-06-30/functions/{FunctionName}/code-signing-config", "PutFunctionCodeSigningConfig", "lambda:PutFunctionCodeSigningConfig", Resource::FunctionUnqualified},
    {"DELETE", "/2020-06-30/functions/{FunctionName}/code-signing-config", "DeleteFunctionCodeSigningConfig", "lambda:DeleteFunctionCodeSigningConfig", Resource::FunctionUnqualified},
    {"POST", "/2020-04-22/code-signing-configs", "CreateCodeSigningConfig", "lambda:CreateCodeSigningConfig", Resource::Any},
    {"GET", "/2020-04-22/code-signing-configs", "ListCodeSigningConfigs", "lambda:ListCodeSigningConfigs", Resource::Any},
    {"GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "GetCodeSigningConfig", "lambda:GetCodeSigningConfig", Resource::CodeSigningConfig},
    {"PUT", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "UpdateCodeSigningConfig", "lambda:UpdateCodeSigningConfig", Resource::CodeSigningConfig},
    {"DELETE", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "DeleteCodeSigningConfig", "lambda:DeleteCodeSigningConfig", Resource::CodeSigningConfig},
    {"GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions", "ListFunctionsByCodeSigningConfig", "lambda:ListFunctionsByCodeSigningConfig", Resource::CodeSigningConfig},
    {"POST", "/2015-03-31/event-source-mappings", "CreateEventSourceMapping", "lambda:CreateEventSourceMapping", Resource::Any},
    {"GET", "/2015-03-31/event-source-mappings", "ListEventSourceMappings", "lambda:ListEventSourceMappings", Resource::Any},
    {"GET", "/2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping", "lambda:GetEventSourceMapping", Resource::EventSourceMapping},
    {"PUT", "/2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping", "lambda:UpdateEventSourceMapping", Resource::EventSourceMapping},
    {"DELETE", "/2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping", "lambda:DeleteEventSourceMapping", Resource::EventSourceMapping},
    {"GET", "/2018-10-31/layers", "GetLayerVersionByArn", "lambda:GetLayerVersion", Resource::Any, "find=LayerVersion"},
    {"GET", "/2018-10-31/layers", "ListLayers", "lambda:ListLayers", Resource::Any},
    {"POST", "/2018-10-31/layers/{LayerName}/versions", "PublishLayerVersion", "lambda:PublishLayerVersion", Resource::Layer},
    {"GET", "/2018-10-31/layers/{LayerName}/versions", "ListLayerVersions", "lambda:ListLayerVersions", Resource::Any},
    {"GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "GetLayerVersion", "lambda:GetLayerVersion", Resource::LayerVersion},
    {"DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "DeleteLayerVersion", "lambda:DeleteLayerVersion", Resource::LayerVersion},
    {"POST", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "AddLayerVersionPermission", "lambda:AddLayerVersionPermission", Resource::LayerVersion},
    {"GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "GetLayerVersionPolicy", "lambda:GetLayerVersionPolicy", Resource::LayerVersion},
    {"DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}", "RemoveLayerVersionPermission", "lambda:RemoveLayerVersionPermission", Resource::LayerVersion},
    {"GET", "/2016-08-19/account-settings", "GetAccountSettings", "lambda:GetAccountSettings", Resource::Any},
    {"POST", "/2017-03-31/tags/{ARN}", "TagResource", "lambda:TagResource", Resource::PathArn},
    {"DELETE", "/2017-03-31/tags/{ARN}", "UntagResource", "lambda:UntagResource", Resource::PathArn},
    {"GET", "/2017-03-31/tags/{ARN}", "ListTags", "lambda:ListTags", Resource::PathArn},
};
// clang-format on

/** The path's segments, each percent-decoded; a trailing slash is ignored. */
QStringList segments(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    QByteArrayView path = q < 0 ? target : target.first(q);
    if (path.size() > 1 && path.endsWith('/')) {
        path.chop(1);
    }
    QStringList out;
    for (const QByteArray &part : path.toByteArray().split('/')) {
        out << QString::fromUtf8(QByteArray::fromPercentEncoding(part));
    }
    return out;
}

bool queryHas(const HttpRequest &request, const char *keyValue)
{
    const QString pair = QString::fromLatin1(keyValue);
    const qsizetype eq = pair.indexOf(u'=');
    return request.queryItemValue(pair.left(eq)) == pair.mid(eq + 1);
}

} // namespace

std::optional<LambdaOperation> LambdaOperations::match(const HttpRequest &request,
                                                       const QString &region,
                                                       const QString &accountId,
                                                       const NameResolver &resolveName)
{
    const QStringList parts = segments(request.target);
    for (const Route &route : kRoutes) {
        if (request.method != route.method || (route.query && !queryHas(request, route.query))) {
            continue;
        }
        const QStringList pattern = QString::fromLatin1(route.path).split(u'/');
        if (pattern.size() != parts.size()) {
            continue;
        }
        QHash<QString, QString> labels;
        bool ok = true;
        for (qsizetype i = 0; i < pattern.size() && ok; ++i) {
            const QString &p = pattern.at(i);
            if (p.startsWith(u'{')) {
                ok = !parts.at(i).isEmpty();
                labels.insert(p.mid(1, p.size() - 2), parts.at(i));
            } else {
                ok = p == parts.at(i);
            }
        }
        if (!ok) {
            continue;
        }

        LambdaOperation op;
        op.name = QString::fromLatin1(route.operation);
        op.action = QString::fromLatin1(route.action);
        op.resource = u"*"_s;
        const QString prefix = u"arn:aws:lambda:%1:%2:"_s.arg(region, accountId);
        const auto functionArn = [&](const QString &rawName, const QString &explicitQualifier,
                                     bool qualified) {
            const std::optional<FunctionArn> arn = FunctionArn::parse(rawName);
            if (!arn) {
                return prefix + u"function:"_s + rawName;
            }
            op.functionName = resolveName ? resolveName(arn->name()) : arn->name();
            if (op.functionName.isEmpty()) {
                op.functionName = arn->name();
            }
            op.qualifier = explicitQualifier.isEmpty() ? arn->qualifier() : explicitQualifier;
            return FunctionArn::arn(arn->region().isEmpty() ? region : arn->region(),
                                    arn->accountId().isEmpty() ? accountId : arn->accountId(),
                                    op.functionName, qualified ? op.qualifier : QString());
        };
        switch (route.resource) {
        case Resource::Any:
            break;
        case Resource::Function:
            op.resource = functionArn(labels.value(u"FunctionName"_s),
                                      request.queryItemValue(u"Qualifier"_s), true);
            break;
        case Resource::FunctionUnqualified:
            op.resource = functionArn(labels.value(u"FunctionName"_s), {}, false);
            break;
        case Resource::FunctionAlias:
            op.resource =
                functionArn(labels.value(u"FunctionName"_s), labels.value(u"Name"_s), true);
            break;
        case Resource::FunctionFromBody: {
            const nlohmann::json body =
                nlohmann::json::parse(request.body.toStdString(), nullptr, false);
            if (body.is_object() && body.contains("FunctionName") &&
                body.at("FunctionName").is_string()) {
                op.resource = functionArn(
                    QString::fromStdString(body.at("FunctionName").get<std::string>()), {}, false);
            }
            break;
        }
        case Resource::Layer:
            op.resource = prefix + u"layer:"_s + labels.value(u"LayerName"_s);
            break;
        case Resource::LayerVersion:
            op.resource = prefix + u"layer:"_s + labels.value(u"LayerName"_s) + u':' +
                          labels.value(u"VersionNumber"_s);
            break;
        case Resource::EventSourceMapping:
            op.resource = prefix + u"event-source-mapping:"_s + labels.value(u"UUID"_s);
            break;
        case Resource::CodeSigningConfig:
            op.resource = labels.value(u"CodeSigningConfigArn"_s);
            break;
        case Resource::PathArn:
            op.resource = labels.value(u"ARN"_s);
            break;
        }
        return op;
    }
    return std::nullopt;
}

QStringList LambdaOperations::actions()
{
    QSet<QString> set;
    for (const Route &route : kRoutes) {
        set.insert(QString::fromLatin1(route.action));
    }
    QStringList list(set.begin(), set.end());
    std::sort(list.begin(), list.end());
    return list;
}

QStringList LambdaOperations::operations()
{
    QStringList list;
    for (const Route &route : kRoutes) {
        list << QString::fromLatin1(route.operation);
    }
    return list;
}

} // namespace Lwb
