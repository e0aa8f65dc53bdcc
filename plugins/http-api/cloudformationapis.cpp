// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "cloudformationapis.h"

#include "integrationuri.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

constexpr auto kRestApi = "AWS::ApiGateway::RestApi";
constexpr auto kHttpApi = "AWS::ApiGatewayV2::Api";

QString str(const nlohmann::json &v)
{
    if (v.is_number_float()) { // PayloadFormatVersion: 2.0 unquoted
        return QString::number(v.get<double>(), 'f', 1);
    }
    if (v.is_number()) {
        return QString::fromStdString(v.dump());
    }
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

/** X of `!Ref X` (or a plain logical id). */
QString refName(const nlohmann::json &v)
{
    if (v.is_object() && v.size() == 1 && v.contains("Ref")) {
        return str(v["Ref"]);
    }
    return str(v);
}

/** The API of `!GetAtt Api.RootResourceId`; empty otherwise. */
QString rootResourceOf(const nlohmann::json &v)
{
    if (!v.is_object() || !v.contains("Fn::GetAtt")) {
        return {};
    }
    const nlohmann::json &g = v["Fn::GetAtt"];
    if (g.is_array() && g.size() == 2 && str(g[1]) == u"RootResourceId"_s) {
        return str(g[0]);
    }
    return {};
}

/** The integration of a V2 Route's Target: "integrations/X", !Sub or !Join of it. */
QString integrationOf(const nlohmann::json &target)
{
    if (target.is_object() && target.contains("Fn::Join")) {
        const nlohmann::json &join = target["Fn::Join"];
        if (join.is_array() && join.size() == 2 && join[1].is_array() && join[1].size() == 2 &&
            str(join[0]) == u"/"_s && str(join[1][0]) == u"integrations"_s) {
            return refName(join[1][1]);
        }
        return {};
    }
    QString text =
        target.is_object() && target.contains("Fn::Sub") ? str(target["Fn::Sub"]) : str(target);
    static const QRegularExpression form(
        u"^integrations/(?:\\$\\{([A-Za-z0-9]+)\\}|([A-Za-z0-9]+))$"_s);
    const QRegularExpressionMatch m = form.match(text);
    return m.hasMatch() ? m.captured(1) + m.captured(2) : QString();
}

struct Reader
{
    const nlohmann::json &resources;
    QHash<QString, ApiDescription> *apis;
    QStringList *warnings;
    QStringList *errors;

    nlohmann::json props(const QString &id) const
    {
        const nlohmann::json r = resources.value(id.toStdString(), nlohmann::json());
        const nlohmann::json p =
            r.is_object() ? r.value("Properties", nlohmann::json()) : nlohmann::json();
        return p.is_object() ? p : nlohmann::json::object();
    }
    QString type(const QString &id) const
    {
        const nlohmann::json r = resources.value(id.toStdString(), nlohmann::json());
        return r.is_object() ? str(r.value("Type", nlohmann::json())) : QString();
    }

    /** The API a child resource's @p property names, if it is one of @p apiType; else an error. */
    ApiDescription *apiOf(const QString &id, const nlohmann::json &properties, const char *property,
                          const char *apiType)
    {
        const QString api = refName(properties.value(property, nlohmann::json()));
        if (type(api) == QString::fromLatin1(apiType) && !apis->contains(api)) {
            return nullptr; // an API that is not served (a WebSocket API)
        }
        if (type(api) != QString::fromLatin1(apiType)) {
            *errors << u"%1: %2 must be a !Ref to an %3 of the template, not %4"_s.arg(
                id, QString::fromLatin1(property), QString::fromLatin1(apiType),
                api.isEmpty()
                    ? QString::fromStdString(properties.value(property, nlohmann::json()).dump())
                    : api);
            return nullptr;
        }
        return &(*apis)[api];
    }

    /** The path of a REST API resource: "/" for the root, "/a/{b}" down the ParentId chain. */
    std::optional<QString> resourcePath(const QString &method, const nlohmann::json &resourceId,
                                        const QString &apiId)
    {
        QStringList chain;
        QStringList parts;
        nlohmann::json current = resourceId;
        while (true) {
            if (const QString root = rootResourceOf(current); !root.isEmpty()) {
                if (root != apiId) {
                    *errors << u"%1: the resource tree reaches the root of %2, not of its API %3"_s
                                   .arg(method, root, apiId);
                    return std::nullopt;
                }
                break;
            }
            const QString id = refName(current);
            if (type(id) != u"AWS::ApiGateway::Resource"_s) {
                *errors << u"%1: %2 is neither an AWS::ApiGateway::Resource of the template nor "
                           "!GetAtt %3.RootResourceId"_s.arg(
                               method, id.isEmpty() ? QString::fromStdString(current.dump()) : id,
                               apiId);
                return std::nullopt;
            }
            if (chain.contains(id)) {
                *errors << u"%1: the resources form a cycle: %2 → %3"_s.arg(
                    method, chain.join(u" → "_s), id);
                return std::nullopt;
            }
            chain << id;
            const nlohmann::json p = props(id);
            const QString part = str(p.value("PathPart", nlohmann::json()));
            if (part.isEmpty() || part.contains(u'/')) {
                *errors << u"%1: PathPart must be one path segment, not \"%2\""_s.arg(id, part);
                return std::nullopt;
            }
            parts.prepend(part);
            current = p.value("ParentId", nlohmann::json());
        }
        return u"/"_s + parts.join(u'/');
    }

    void restApi(const QString &id, const nlohmann::json &p, const QString &templateDir)
    {
        ApiDescription api;
        api.kind = ApiKind::Rest;
        api.stage = u"Prod"_s;
        const nlohmann::json media = p.value("BinaryMediaTypes", nlohmann::json::array());
        for (const nlohmann::json &t : media.is_array() ? media : nlohmann::json::array()) {
            api.binaryMediaTypes << str(t).replace(u"~1"_s, u"/"_s).toLower();
        }
        QString error;
        if ((p.contains("Body") || p.contains("BodyS3Location")) &&
            !api.addDefinition(id, p.value("Body", nlohmann::json()),
                               p.value("BodyS3Location", nlohmann::json()), templateDir, warnings,
                               &error)) {
            *errors << error;
        }
        apis->insert(id, api);
    }

    void httpApi(const QString &id, const nlohmann::json &p, const QString &templateDir)
    {
        const QString protocol = str(p.value("ProtocolType", nlohmann::json()));
        if (!p.contains("Body") && !p.contains("BodyS3Location") && protocol != u"HTTP"_s) {
            *warnings << u"%1: a %2 API is not served locally (only HTTP APIs are)"_s.arg(
                id, protocol.isEmpty() ? u"(no ProtocolType)"_s : protocol);
            return;
        }
        ApiDescription api;
        api.kind = ApiKind::Http;
        api.stage = u"$default"_s;
        api.cors = CorsConfig::parse(p.value("CorsConfiguration", nlohmann::json()), true);
        QString error;
        if (p.contains("Body") || p.contains("BodyS3Location")) {
            if (!api.addDefinition(id, p.value("Body", nlohmann::json()),
                                   p.value("BodyS3Location", nlohmann::json()), templateDir,
                                   warnings, &error)) {
                *errors << error;
            }
        } else if (p.contains("Target")) {
            // Quick create: one route (RouteKey, $default when absent) to the Target function.
            ApiRoute r;
            r.route.kind = ApiKind::Http;
            r.route.apiId = id;
            r.route.eventName = id;
            r.route.payloadFormat = u"2.0"_s;
            const QString key = str(p.value("RouteKey", nlohmann::json("$default")));
            if (!setRouteKey(id, key, &r.route)) {
                return;
            }
            QString why;
            r.route.functionLogicalId = IntegrationUri::functionName(p["Target"], &why);
            if (r.route.functionLogicalId.isEmpty()) {
                *errors << u"%1: Target: %2"_s.arg(id, why);
                return;
            }
            api.routes.push_back(r);
        }
        apis->insert(id, api);
    }

    bool setRouteKey(const QString &id, const QString &key, Route *route)
    {
        if (key == u"$default"_s) {
            route->method = u"ANY"_s;
            route->path = key;
            return true;
        }
        const QStringList parts = key.split(u' ', Qt::SkipEmptyParts);
        if (parts.size() != 2) {
            *errors << u"%1: RouteKey must be \"METHOD /path\" or $default, not \"%2\""_s.arg(id,
                                                                                              key);
            return false;
        }
        route->method = parts[0].toUpper();
        route->path = parts[1];
        return true;
    }

    void method(const QString &id, const nlohmann::json &p)
    {
        const QString apiId = refName(p.value("RestApiId", nlohmann::json()));
        ApiDescription *api = apiOf(id, p, "RestApiId", kRestApi);
        if (!api) {
            return;
        }
        const nlohmann::json integration = p.value("Integration", nlohmann::json::object());
        const QString integrationType =
            integration.is_object() ? str(integration.value("Type", nlohmann::json())) : QString();
        if (integrationType != u"AWS_PROXY"_s) {
            if (integrationType != u"MOCK"_s) {
                *warnings
                    << u"%1: integration type %2 is not served locally (only AWS_PROXY is)"_s.arg(
                           id, integrationType.isEmpty() ? u"(none)"_s : integrationType);
            }
            return;
        }
        const std::optional<QString> path =
            resourcePath(id, p.value("ResourceId", nlohmann::json()), apiId);
        if (!path) {
            return;
        }
        ApiRoute r;
        r.route.kind = ApiKind::Rest;
        r.route.apiId = apiId;
        r.route.eventName = id;
        r.route.method = str(p.value("HttpMethod", nlohmann::json())).toUpper();
        r.route.path = *path;
        r.route.payloadFormat = u"1.0"_s;
        QString why;
        r.route.functionLogicalId =
            IntegrationUri::functionName(integration.value("Uri", nlohmann::json()), &why);
        if (r.route.functionLogicalId.isEmpty()) {
            *errors << u"%1: Integration.Uri: %2"_s.arg(id, why);
            return;
        }
        authorization(id, p, &r);
        api->routes.push_back(r);
    }

    /** AuthorizationType, AuthorizerId and AuthorizationScopes of a Method or V2 Route. */
    void authorization(const QString &id, const nlohmann::json &p, ApiRoute *r)
    {
        const QString type = str(p.value("AuthorizationType", nlohmann::json("NONE")));
        if (type == u"NONE"_s) {
            r->authorizer = QString();
            return;
        }
        if (type == u"AWS_IAM"_s) {
            *warnings << u"%1: AWS_IAM authorization is not enforced locally"_s.arg(id);
            r->authorizer = QString();
            return;
        }
        r->authorizer = refName(p.value("AuthorizerId", nlohmann::json()));
        const nlohmann::json scopes = p.value("AuthorizationScopes", nlohmann::json::array());
        for (const nlohmann::json &s : scopes.is_array() ? scopes : nlohmann::json::array()) {
            r->scopes << str(s);
        }
    }

    void route(const QString &id, const nlohmann::json &p)
    {
        const QString apiId = refName(p.value("ApiId", nlohmann::json()));
        ApiDescription *api = apiOf(id, p, "ApiId", kHttpApi);
        if (!api) {
            return;
        }
        if (!p.contains("Target")) {
            *warnings << u"%1: the route has no Target; it is not served"_s.arg(id);
            return;
        }
        const QString integration = integrationOf(p["Target"]);
        if (type(integration) != u"AWS::ApiGatewayV2::Integration"_s) {
            *errors << u"%1: Target must be \"integrations/<Id>\" naming an "
                       "AWS::ApiGatewayV2::Integration of the template, not %2"_s.arg(
                           id, QString::fromStdString(p["Target"].dump()));
            return;
        }
        const nlohmann::json ip = props(integration);
        const QString integrationType = str(ip.value("IntegrationType", nlohmann::json()));
        if (integrationType != u"AWS_PROXY"_s) {
            *warnings << u"%1: integration type %2 is not served locally (only AWS_PROXY is)"_s.arg(
                integration, integrationType);
            return;
        }
        ApiRoute r;
        r.route.kind = ApiKind::Http;
        r.route.apiId = apiId;
        r.route.eventName = id;
        if (!setRouteKey(id, str(p.value("RouteKey", nlohmann::json())), &r.route)) {
            return;
        }
        r.route.payloadFormat = str(ip.value("PayloadFormatVersion", nlohmann::json("2.0")));
        QString why;
        r.route.functionLogicalId =
            IntegrationUri::functionName(ip.value("IntegrationUri", nlohmann::json()), &why);
        if (r.route.functionLogicalId.isEmpty()) {
            *errors << u"%1: IntegrationUri: %2"_s.arg(integration, why);
            return;
        }
        authorization(id, p, &r);
        api->routes.push_back(r);
    }

    void stage(const QString &id, const nlohmann::json &p, bool v2)
    {
        ApiDescription *api =
            v2 ? apiOf(id, p, "ApiId", kHttpApi) : apiOf(id, p, "RestApiId", kRestApi);
        const QString name = str(p.value("StageName", nlohmann::json()));
        if (!api || name.isEmpty()) {
            return;
        }
        api->stage = name;
        const nlohmann::json vars = p.value(v2 ? "StageVariables" : "Variables", nlohmann::json());
        for (auto it = vars.begin(); vars.is_object() && it != vars.end(); ++it) {
            api->stageVariables.insert(QString::fromStdString(it.key()), str(it.value()));
        }
    }

    void authorizer(const QString &id, const nlohmann::json &p, bool v2)
    {
        ApiDescription *api =
            v2 ? apiOf(id, p, "ApiId", kHttpApi) : apiOf(id, p, "RestApiId", kRestApi);
        if (!api) {
            return;
        }
        QString why;
        if (std::optional<Authorizer> a = Authorizer::parseResource(id, p, v2, &why)) {
            api->authorizers.insert(id, *a);
        } else {
            *warnings << why;
        }
    }
};

} // namespace

void CloudFormationApis::read(const nlohmann::json &resources, const QString &templateDir,
                              QHash<QString, ApiDescription> *apis, QStringList *warnings,
                              QStringList *errors)
{
    if (!resources.is_object()) {
        return;
    }
    Reader reader{resources, apis, warnings, errors};
    // The APIs first, then what hangs off them, whatever the order of the template.
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        const QString id = QString::fromStdString(it.key());
        const QString type = reader.type(id);
        if (type == QString::fromLatin1(kRestApi)) {
            reader.restApi(id, reader.props(id), templateDir);
        } else if (type == QString::fromLatin1(kHttpApi)) {
            reader.httpApi(id, reader.props(id), templateDir);
        }
    }
    // A Deployment's StageName, then a Stage resource's (which wins).
    for (const QString &pass : {u"AWS::ApiGateway::Deployment"_s, u"AWS::ApiGateway::Stage"_s}) {
        for (auto it = resources.begin(); it != resources.end(); ++it) {
            const QString id = QString::fromStdString(it.key());
            if (reader.type(id) == pass) {
                reader.stage(id, reader.props(id), false);
            }
        }
    }
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        const QString id = QString::fromStdString(it.key());
        const QString type = reader.type(id);
        const nlohmann::json p = reader.props(id);
        if (type == u"AWS::ApiGateway::Method"_s) {
            reader.method(id, p);
        } else if (type == u"AWS::ApiGateway::Authorizer"_s) {
            reader.authorizer(id, p, false);
        } else if (type == u"AWS::ApiGatewayV2::Route"_s) {
            reader.route(id, p);
        } else if (type == u"AWS::ApiGatewayV2::Stage"_s) {
            reader.stage(id, p, true);
        } else if (type == u"AWS::ApiGatewayV2::Authorizer"_s) {
            reader.authorizer(id, p, true);
        }
    }
}

} // namespace Lwb::HttpApi
