// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizer.h"

#include "gatewayrequest.h"
#include "routetable.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString str(const nlohmann::json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

/** The function of `!GetAtt Fn.Arn` (either form) or `!Ref Fn`. */
QString functionOf(const nlohmann::json &arn)
{
    if (arn.is_object() && arn.contains("Fn::GetAtt")) {
        const nlohmann::json &g = arn["Fn::GetAtt"];
        if (g.is_array() && !g.empty()) {
            return str(g[0]);
        }
        return str(g).section(u'.', 0, 0);
    }
    if (arn.is_object() && arn.contains("Ref")) {
        return str(arn["Ref"]);
    }
    return {};
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
    if (!value.is_object() || !value.contains("FunctionArn")) {
        *error =
            u"authorizer %1 is not a Lambda authorizer (no FunctionArn); it is not enforced"_s.arg(
                name);
        return std::nullopt;
    }
    Authorizer a;
    a.name = name;
    a.httpApi = httpApi;
    a.functionLogicalId = functionOf(value["FunctionArn"]);
    if (a.functionLogicalId.isEmpty()) {
        *error = u"authorizer %1: FunctionArn must be !GetAtt Function.Arn"_s.arg(name);
        return std::nullopt;
    }
    const nlohmann::json identity = value.value("Identity", nlohmann::json::object());
    if (identity.is_object() && identity.contains("ReauthorizeEvery")) {
        const nlohmann::json ttl = identity["ReauthorizeEvery"];
        a.ttlSeconds = ttl.is_number_integer() ? int(ttl.get<long long>()) : str(ttl).toInt();
    }
    if (httpApi) {
        a.type = Type::Request;
        a.payloadFormat = str(value.value("AuthorizerPayloadFormatVersion", nlohmann::json("2.0")));
        a.simpleResponses = value.value("EnableSimpleResponses", false);
        if (identity.is_object() && identity.contains("Headers") &&
            identity["Headers"].is_array()) {
            for (const nlohmann::json &h : identity["Headers"]) {
                a.identityHeaders << str(h);
            }
        }
    } else {
        a.type = str(value.value("FunctionPayloadType", nlohmann::json("TOKEN"))) == u"REQUEST"_s
                     ? Type::Request
                     : Type::Token;
        if (identity.is_object() && identity.contains("Header")) {
            a.identityHeader = str(identity["Header"]);
        }
        if (a.type == Type::Request && identity.is_object() && identity.contains("Headers") &&
            identity["Headers"].is_array()) {
            for (const nlohmann::json &h : identity["Headers"]) {
                a.identityHeaders << str(h);
            }
        }
    }
    return a;
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
            doc.is_object() && doc.value("errorMessage", std::string()) == "Unauthorized";
        d.statusCode = unauthorized ? 401 : 500;
        d.message = unauthorized ? u"Unauthorized"_s : QString();
        return d;
    }
    if (!doc.is_object()) {
        d.statusCode = 500;
        return d;
    }
    if (simpleResponses && doc.contains("isAuthorized")) {
        d.allowed = doc.value("isAuthorized", false);
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
        (s.value("Effect", std::string()) == "Allow" ? allow : deny) = true;
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
