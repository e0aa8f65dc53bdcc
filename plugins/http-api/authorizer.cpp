// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizer.h"

#include "gatewayrequest.h"
#include "integrationuri.h"
#include "routetable.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString str(const nlohmann::json &v)
{
    if (v.is_number_integer()) {
        return QString::number(v.get<long long>());
    }
    if (v.is_number_float()) { // a payload format version written 2.0 unquoted
        return QString::number(v.get<double>(), 'f', 1);
    }
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

QStringList strings(const nlohmann::json &v)
{
    QStringList out;
    if (v.is_array()) {
        for (const nlohmann::json &item : v) {
            out << str(item);
        }
    } else if (v.is_string()) {
        for (const QString &part : str(v).split(u',', Qt::SkipEmptyParts)) {
            out << part.trimmed();
        }
    }
    out.removeAll(QString());
    return out;
}

/** A boolean setting; anything but a boolean true is false. */
bool flag(const nlohmann::json &v)
{
    return v.is_boolean() && v.get<bool>();
}

/** Case-insensitive member lookup: SAM writes `issuer`, CloudFormation `Issuer`. */
nlohmann::json member(const nlohmann::json &object, const char *name)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const QString wanted = QString::fromLatin1(name);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (QString::fromStdString(it.key()).compare(wanted, Qt::CaseInsensitive) == 0) {
            return it.value();
        }
    }
    return nullptr;
}

/** "method.request.header.X" (REST) or "$request.header.X" (HTTP API) → X; else empty. */
QString headerOf(const QString &identitySource)
{
    for (const QString &prefix : {u"method.request.header."_s, u"$request.header."_s}) {
        if (identitySource.startsWith(prefix, Qt::CaseInsensitive)) {
            return identitySource.mid(prefix.size());
        }
    }
    return {};
}

/** The settings of an authorizer, whichever way the template spells them. */
struct Spec
{
    QString type; ///< lower case: token, request, jwt
    nlohmann::json functionUri;
    QStringList identitySources;
    nlohmann::json jwtConfiguration;
    QString payloadFormat;
    bool simpleResponses = false;
    nlohmann::json ttl;
};

std::optional<Authorizer> build(const QString &name, const Spec &spec, bool httpApi, QString *error)
{
    Authorizer a;
    a.name = name;
    a.httpApi = httpApi;
    if (!spec.ttl.is_null()) {
        a.ttlSeconds =
            spec.ttl.is_number_integer() ? int(spec.ttl.get<long long>()) : str(spec.ttl).toInt();
    }
    // Headers are the identity sources checked locally (query strings, context and stage
    // variables are not required to be present; the authorizer still runs).
    QStringList headers;
    for (const QString &source : spec.identitySources) {
        if (const QString header = headerOf(source); !header.isEmpty()) {
            headers << header;
        }
    }
    if (spec.type == u"jwt"_s) {
        if (!httpApi) {
            *error = u"authorizer %1: JWT authorizers belong to HTTP APIs"_s.arg(name);
            return std::nullopt;
        }
        a.type = Authorizer::Type::Jwt;
        a.jwtIssuer = str(member(spec.jwtConfiguration, "issuer"));
        a.jwtAudiences = strings(member(spec.jwtConfiguration, "audience"));
        if (a.jwtIssuer.isEmpty() || a.jwtAudiences.isEmpty()) {
            *error = u"authorizer %1: a JWT authorizer needs JwtConfiguration with issuer and "
                     "audience"_s.arg(name);
            return std::nullopt;
        }
        if (headers.size() > 1) {
            *error = u"authorizer %1: a JWT authorizer has one identity source"_s.arg(name);
            return std::nullopt;
        }
        a.identityHeader = headers.value(0, u"Authorization"_s);
        return a;
    }
    if (spec.type != u"token"_s && spec.type != u"request"_s) {
        *error = u"authorizer %1: type %2 is not supported locally; it is not enforced"_s.arg(
            name, spec.type.isEmpty() ? u"(none)"_s : spec.type);
        return std::nullopt;
    }
    QString why;
    a.functionLogicalId = IntegrationUri::functionName(spec.functionUri, &why);
    if (a.functionLogicalId.isEmpty()) {
        *error = u"authorizer %1: %2"_s.arg(name, why);
        return std::nullopt;
    }
    if (spec.type == u"token"_s) {
        if (httpApi) {
            *error = u"authorizer %1: HTTP APIs have no TOKEN authorizers"_s.arg(name);
            return std::nullopt;
        }
        a.type = Authorizer::Type::Token;
        a.identityHeader = headers.value(0, u"Authorization"_s);
        return a;
    }
    a.type = Authorizer::Type::Request;
    a.identityHeaders = headers;
    if (httpApi) {
        a.payloadFormat = spec.payloadFormat.isEmpty() ? u"2.0"_s : spec.payloadFormat;
        if (a.payloadFormat != u"1.0"_s && a.payloadFormat != u"2.0"_s) {
            *error = u"authorizer %1: the authorizer payload format version must be 1.0 or 2.0, "
                     "not %2"_s.arg(name, a.payloadFormat);
            return std::nullopt;
        }
        a.simpleResponses = spec.simpleResponses && a.payloadFormat == u"2.0"_s;
    }
    return a;
}

bool arnMatches(const QString &pattern, const QString &arn)
{
    // IAM wildcards: * is any run of characters ('/' included), ? one character.
    QString regex = QRegularExpression::escape(pattern);
    regex.replace(u"\\*"_s, u".*"_s).replace(u"\\?"_s, u"."_s);
    return QRegularExpression(QRegularExpression::anchoredPattern(regex)).match(arn).hasMatch();
}

} // namespace

std::optional<Authorizer> Authorizer::parse(const QString &name, const nlohmann::json &value,
                                            bool httpApi, QString *error)
{
    if (!value.is_object()) {
        *error = u"authorizer %1 must be a mapping"_s.arg(name);
        return std::nullopt;
    }
    Spec spec;
    const nlohmann::json identity = value.value("Identity", nlohmann::json::object());
    if (httpApi && value.contains("JwtConfiguration")) {
        spec.type = u"jwt"_s;
        spec.jwtConfiguration = value["JwtConfiguration"];
        spec.identitySources = strings(value.value("IdentitySource", nlohmann::json()));
        std::optional<Authorizer> a = build(name, spec, httpApi, error);
        if (a) {
            a->defaultScopes = strings(value.value("AuthorizationScopes", nlohmann::json()));
        }
        return a;
    }
    if (!value.contains("FunctionArn")) {
        *error =
            u"authorizer %1 is not a Lambda authorizer (no FunctionArn); it is not enforced"_s.arg(
                name);
        return std::nullopt;
    }
    spec.functionUri = value["FunctionArn"];
    if (identity.is_object()) {
        spec.ttl = identity.value("ReauthorizeEvery", nlohmann::json());
    }
    if (httpApi) {
        spec.type = u"request"_s;
        spec.payloadFormat =
            str(value.value("AuthorizerPayloadFormatVersion", nlohmann::json("2.0")));
        spec.simpleResponses = flag(value.value("EnableSimpleResponses", nlohmann::json()));
    } else {
        spec.type = str(value.value("FunctionPayloadType", nlohmann::json("TOKEN"))).toLower();
    }
    const bool token = spec.type == u"token"_s;
    if (identity.is_object() && token && identity.contains("Header")) {
        spec.identitySources << u"method.request.header."_s + str(identity["Header"]);
    } else if (identity.is_object() && !token) {
        for (const QString &h : strings(identity.value("Headers", nlohmann::json()))) {
            spec.identitySources << u"$request.header."_s + h;
        }
    }
    return build(name, spec, httpApi, error);
}

std::optional<Authorizer> Authorizer::parseOpenApi(const QString &name,
                                                   const nlohmann::json &scheme, bool httpApi,
                                                   QString *error)
{
    const nlohmann::json ext =
        scheme.is_object() ? scheme.value("x-amazon-apigateway-authorizer", nlohmann::json())
                           : nlohmann::json();
    if (!ext.is_object()) {
        *error =
            u"security scheme %1 has no x-amazon-apigateway-authorizer; it is not enforced"_s.arg(
                name);
        return std::nullopt;
    }
    Spec spec;
    spec.type = str(ext.value("type", nlohmann::json())).toLower();
    spec.functionUri = ext.value("authorizerUri", nlohmann::json());
    spec.jwtConfiguration = ext.value("jwtConfiguration", nlohmann::json());
    spec.payloadFormat = str(ext.value("authorizerPayloadFormatVersion", nlohmann::json()));
    spec.simpleResponses = flag(ext.value("enableSimpleResponses", nlohmann::json()));
    spec.ttl = ext.value("authorizerResultTtlInSeconds", nlohmann::json());
    if (spec.type == u"token"_s) {
        // A token's header is the scheme's own: {type: apiKey, in: header, name: Authorization}.
        if (str(scheme.value("in", nlohmann::json())) == u"header"_s) {
            spec.identitySources << u"method.request.header."_s +
                                        str(scheme.value("name", nlohmann::json()));
        }
    } else {
        spec.identitySources = strings(ext.value("identitySource", nlohmann::json()));
    }
    return build(name, spec, httpApi, error);
}

std::optional<Authorizer> Authorizer::parseResource(const QString &name,
                                                    const nlohmann::json &properties, bool httpApi,
                                                    QString *error)
{
    if (!properties.is_object()) {
        *error = u"authorizer %1 has no Properties"_s.arg(name);
        return std::nullopt;
    }
    Spec spec;
    spec.type =
        str(properties.value(httpApi ? "AuthorizerType" : "Type", nlohmann::json())).toLower();
    spec.functionUri = properties.value("AuthorizerUri", nlohmann::json());
    spec.identitySources = strings(properties.value("IdentitySource", nlohmann::json()));
    spec.jwtConfiguration = properties.value("JwtConfiguration", nlohmann::json());
    spec.payloadFormat = str(properties.value("AuthorizerPayloadFormatVersion", nlohmann::json()));
    spec.simpleResponses = flag(properties.value("EnableSimpleResponses", nlohmann::json()));
    spec.ttl = properties.value("AuthorizerResultTtlInSeconds", nlohmann::json());
    return build(name, spec, httpApi, error);
}

QString Authorizer::cacheKey(const GatewayRequest &request) const
{
    if (ttlSeconds <= 0) {
        return {};
    }
    QStringList parts{name};
    if (type == Type::Token) {
        parts << request.header(identityHeader);
    } else if (identityHeaders.isEmpty()) {
        return {};
    } else {
        for (const QString &h : identityHeaders) {
            parts << request.header(h);
        }
    }
    return parts.join(QChar(0));
}

QString Authorizer::methodArn(const GatewayRequest &request, const RouteMatch &match)
{
    return u"arn:aws:execute-api:us-east-1:%1:%2/%3/%4%5"_s.arg(
        request.accountId, u"1234567890"_s, match.route->stage, request.method, request.path);
}

std::optional<nlohmann::json> Authorizer::event(const GatewayRequest &request,
                                                const RouteMatch &match) const
{
    for (const QString &h : identityHeaders) {
        if (request.header(h).isEmpty()) {
            return std::nullopt;
        }
    }
    const QString arn = methodArn(request, match);
    if (type == Type::Token) {
        const QString token = request.header(identityHeader);
        if (token.isEmpty()) {
            return std::nullopt;
        }
        return nlohmann::json{{"type", "TOKEN"},
                              {"authorizationToken", token.toStdString()},
                              {"methodArn", arn.toStdString()}};
    }
    if (httpApi && payloadFormat == u"2.0"_s) {
        nlohmann::json e = request.httpApiEvent(match);
        e["type"] = "REQUEST";
        e["routeArn"] = arn.toStdString();
        e["identitySource"] = nlohmann::json::array();
        for (const QString &h : identityHeaders) {
            e["identitySource"].push_back(request.header(h).toStdString());
        }
        return e;
    }
    nlohmann::json e = request.restEvent(match);
    e["type"] = "REQUEST";
    e["methodArn"] = arn.toStdString();
    return e;
}

Authorizer::Decision Authorizer::decide(const QByteArray &payload, bool functionError,
                                        const QString &methodArn) const
{
    Decision d;
    const nlohmann::json doc = nlohmann::json::parse(payload.toStdString(), nullptr, false);
    if (functionError) {
        // `raise Exception('Unauthorized')` is how a Lambda authorizer answers 401.
        const bool unauthorized =
            doc.is_object() &&
            str(doc.value("errorMessage", nlohmann::json())) == u"Unauthorized"_s;
        d.statusCode = unauthorized ? 401 : 500;
        d.message = unauthorized ? u"Unauthorized"_s : QString();
        return d;
    }
    if (!doc.is_object()) {
        d.statusCode = 500;
        return d;
    }
    if (simpleResponses && doc.contains("isAuthorized")) {
        d.allowed = flag(doc.value("isAuthorized", nlohmann::json()));
        d.context = {{"lambda", doc.value("context", nlohmann::json::object())}};
        d.message = u"Forbidden"_s;
        return d;
    }
    const nlohmann::json policy = doc.value("policyDocument", nlohmann::json());
    nlohmann::json statements =
        policy.is_object() ? policy.value("Statement", nlohmann::json()) : nlohmann::json();
    if (statements.is_object()) {
        statements = nlohmann::json::array({statements}); // one statement needs no list
    }
    if (!statements.is_array() || !doc.contains("principalId")) {
        d.statusCode = 500;
        return d;
    }
    bool allow = false;
    bool deny = false;
    for (const nlohmann::json &s : statements) {
        if (!s.is_object()) {
            continue;
        }
        const nlohmann::json resources = s.value("Resource", nlohmann::json());
        bool matches = false;
        for (const nlohmann::json &r :
             resources.is_array() ? resources : nlohmann::json::array({resources})) {
            matches = matches || arnMatches(str(r), methodArn);
        }
        if (!matches) {
            continue;
        }
        (str(s.value("Effect", nlohmann::json())) == u"Allow"_s ? allow : deny) = true;
    }
    d.allowed = allow && !deny;
    d.message = deny ? u"User is not authorized to access this resource with an explicit deny"_s
                     : u"User is not authorized to access this resource"_s;
    nlohmann::json context = doc.value("context", nlohmann::json::object());
    if (!context.is_object()) {
        context = nlohmann::json::object();
    }
    context["principalId"] = doc["principalId"];
    d.context = httpApi ? nlohmann::json{{"lambda", context}} : context;
    return d;
}

} // namespace Lwb::HttpApi
