// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "routetable.h"

#include "apidescription.h"
#include "cloudformationapis.h"

#include <QtCore/QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

constexpr auto kImplicitRestApi = "ServerlessRestApi";
constexpr auto kImplicitHttpApi = "ServerlessHttpApi";
const QStringList kMethods{u"GET"_s,   u"POST"_s, u"PUT"_s,     u"DELETE"_s,
                           u"PATCH"_s, u"HEAD"_s, u"OPTIONS"_s, u"ANY"_s};

QString text(const nlohmann::json &value)
{
    if (value.is_string()) {
        return QString::fromStdString(value.get<std::string>());
    }
    if (value.is_number_integer()) {
        return QString::number(value.get<long long>());
    }
    if (value.is_number_float()) { // PayloadFormatVersion: 2.0 unquoted
        return QString::number(value.get<double>(), 'f', 1);
    }
    return {};
}

/** The logical id of `!Ref X` / "X", or empty. */
QString refName(const nlohmann::json &value)
{
    if (value.is_string()) {
        return text(value);
    }
    if (value.is_object() && value.size() == 1 && value.contains("Ref")) {
        return text(value["Ref"]);
    }
    return {};
}

/** BinaryMediaTypes as written; SAM writes '/' as "~1" there. */
QStringList mediaTypes(const nlohmann::json &list)
{
    QStringList out;
    if (!list.is_array()) {
        return out;
    }
    for (const nlohmann::json &item : list) {
        const QString t = text(item);
        if (!t.isEmpty()) {
            out << QString(t).replace(u"~1"_s, u"/"_s).toLower();
        }
    }
    return out;
}

QHash<QString, QString> variables(const nlohmann::json &map)
{
    QHash<QString, QString> out;
    if (map.is_object()) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            out.insert(QString::fromStdString(it.key()), text(it.value()));
        }
    }
    return out;
}

/** A REST API's Cors values are quoted for the gateway: "'*'" means *. */
QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\'')) {
        value = value.mid(1, value.size() - 2);
    }
    return value;
}

QStringList listValue(const nlohmann::json &value, bool quoted)
{
    QStringList out;
    if (value.is_array()) {
        for (const nlohmann::json &item : value) {
            out << text(item).trimmed();
        }
    } else {
        const QString t = quoted ? unquote(text(value)) : text(value);
        for (const QString &part : t.split(u',', Qt::SkipEmptyParts)) {
            out << part.trimmed();
        }
    }
    out.removeAll(QString());
    return out;
}

/** One segment of a path template, ranked for priority: literal 0, {param} 1, {greedy+} 2. */
struct Segment
{
    QString text;
    int rank = 0;
    QString name;
};

std::vector<Segment> segments(const QString &pathTemplate)
{
    std::vector<Segment> out;
    for (const QString &part : pathTemplate.split(u'/', Qt::SkipEmptyParts)) {
        Segment s{part, 0, {}};
        if (part.startsWith(u'{') && part.endsWith(u'}')) {
            s.name = part.mid(1, part.size() - 2);
            s.rank = 1;
            if (s.name.endsWith(u'+')) {
                s.name.chop(1);
                s.rank = 2;
            }
        }
        out.push_back(s);
    }
    return out;
}

bool validPath(const QString &path, QString *why)
{
    if (!path.startsWith(u'/')) {
        *why = u"Path must start with /, not %1"_s.arg(path);
        return false;
    }
    const std::vector<Segment> parts = segments(path);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].rank == 2 && i + 1 != parts.size()) {
            *why = u"the greedy parameter {%1+} must be the last part of the path %2"_s.arg(
                parts[i].name, path);
            return false;
        }
        if (parts[i].rank > 0 && parts[i].name.isEmpty()) {
            *why = u"empty path parameter in %1"_s.arg(path);
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<CorsConfig> CorsConfig::parse(const nlohmann::json &value, bool httpApi)
{
    CorsConfig c;
    if (value.is_null() || (value.is_boolean() && !value.get<bool>())) {
        return std::nullopt;
    }
    if (value.is_boolean() || value.is_string()) {
        // Cors: "'*'" (REST) or CorsConfiguration: true (HTTP API: everything allowed).
        c.allowOrigins = value.is_string() ? listValue(value, true) : QStringList{u"*"_s};
        if (value.is_boolean()) {
            c.allowMethods = QStringList{u"*"_s};
            c.allowHeaders = QStringList{u"*"_s};
        }
        return c.allowOrigins.isEmpty() ? std::nullopt : std::optional<CorsConfig>(c);
    }
    if (!value.is_object()) {
        return std::nullopt;
    }
    const bool quoted = !httpApi;
    const char *origins = httpApi ? "AllowOrigins" : "AllowOrigin";
    c.allowOrigins = listValue(value.value(origins, nlohmann::json()), quoted);
    c.allowMethods = listValue(value.value("AllowMethods", nlohmann::json()), quoted);
    c.allowHeaders = listValue(value.value("AllowHeaders", nlohmann::json()), quoted);
    c.exposeHeaders = listValue(value.value("ExposeHeaders", nlohmann::json()), quoted);
    const nlohmann::json maxAge = value.value("MaxAge", nlohmann::json());
    bool ok = false;
    const int age = maxAge.is_number_integer() ? int(maxAge.get<long long>())
                                               : unquote(text(maxAge)).toInt(&ok);
    if (maxAge.is_number_integer() || ok) {
        c.maxAgeSeconds = age;
    }
    const nlohmann::json credentials = value.value("AllowCredentials", nlohmann::json());
    c.allowCredentials = credentials.is_boolean() ? credentials.get<bool>()
                                                  : unquote(text(credentials)) == u"true"_s;
    if (c.allowOrigins.isEmpty()) {
        return std::nullopt;
    }
    return c;
}

QString CorsConfig::allowOriginFor(const QString &origin) const
{
    if (allowOrigins.contains(u"*"_s)) {
        return u"*"_s;
    }
    if (allowOrigins.size() == 1 && origin.isEmpty()) {
        return allowOrigins.first();
    }
    return allowOrigins.contains(origin) ? origin : QString();
}

QString Route::routeKey() const
{
    return isDefaultRoute() ? path : method + u' ' + path;
}

std::optional<Route> RouteTable::parseEvent(const QString &eventType,
                                            const nlohmann::json &properties, QStringList *errors)
{
    Route r;
    if (eventType == u"Api"_s) {
        r.kind = ApiKind::Rest;
    } else if (eventType == u"HttpApi"_s) {
        r.kind = ApiKind::Http;
    } else {
        *errors << u"not an API Gateway event type: %1"_s.arg(eventType);
        return std::nullopt;
    }
    if (!properties.is_object() && !(r.kind == ApiKind::Http && properties.is_null())) {
        *errors << u"Properties must be a mapping"_s;
        return std::nullopt;
    }
    const nlohmann::json props = properties.is_object() ? properties : nlohmann::json::object();
    r.path = text(props.value("Path", nlohmann::json()));
    r.method = text(props.value("Method", nlohmann::json())).toUpper();
    if (r.kind == ApiKind::Rest) {
        if (r.path.isEmpty() || r.method.isEmpty()) {
            *errors << u"an Api event needs Path and Method"_s;
            return std::nullopt;
        }
        r.payloadFormat = u"1.0"_s;
        r.apiId = props.contains("RestApiId") ? refName(props["RestApiId"])
                                              : QString::fromLatin1(kImplicitRestApi);
    } else {
        // An HttpApi event without Path and Method is the API's $default route.
        if (r.path.isEmpty() != r.method.isEmpty()) {
            *errors
                << u"an HttpApi event needs both Path and Method, or neither (the $default route)"_s;
            return std::nullopt;
        }
        if (r.path.isEmpty()) {
            r.path = u"$default"_s;
            r.method = u"ANY"_s;
        }
        r.payloadFormat = text(props.value("PayloadFormatVersion", nlohmann::json("2.0")));
        if (r.payloadFormat != u"1.0"_s && r.payloadFormat != u"2.0"_s) {
            *errors << u"PayloadFormatVersion must be 1.0 or 2.0, not %1"_s.arg(r.payloadFormat);
            return std::nullopt;
        }
        r.apiId = props.contains("ApiId") ? refName(props["ApiId"])
                                          : QString::fromLatin1(kImplicitHttpApi);
    }
    if (r.apiId.isEmpty()) {
        *errors << u"%1 must be a !Ref to an API of the template"_s.arg(
            r.kind == ApiKind::Rest ? u"RestApiId"_s : u"ApiId"_s);
        return std::nullopt;
    }
    if (r.method == u"X-AMAZON-APIGATEWAY-ANY-METHOD"_s || r.method == u"*"_s) {
        r.method = u"ANY"_s;
    }
    if (!kMethods.contains(r.method)) {
        *errors << u"unknown Method %1"_s.arg(r.method);
        return std::nullopt;
    }
    QString why;
    if (!r.isDefaultRoute() && !validPath(r.path, &why)) {
        *errors << why;
        return std::nullopt;
    }
    r.stage = r.kind == ApiKind::Rest ? u"Prod"_s : u"$default"_s;
    return r;
}

RouteTable RouteTable::fromTemplate(const nlohmann::json &templateJson, QStringList *warnings,
                                    const QString &templateDir, QStringList *errors)
{
    RouteTable table;
    if (!errors) {
        errors = warnings;
    }
    const nlohmann::json resources = templateJson.value("Resources", nlohmann::json::object());
    const nlohmann::json globals = templateJson.value("Globals", nlohmann::json::object());
    if (!resources.is_object()) {
        return table;
    }
    const nlohmann::json restGlobals = globals.is_object()
                                           ? globals.value("Api", nlohmann::json::object())
                                           : nlohmann::json::object();
    const nlohmann::json httpGlobals = globals.is_object()
                                           ? globals.value("HttpApi", nlohmann::json::object())
                                           : nlohmann::json::object();

    // The APIs' settings, the implicit ones included (they take the Globals too).
    QHash<QString, ApiDescription> apis;
    auto describe = [&](const QString &id, const nlohmann::json &props,
                        const nlohmann::json &global, bool rest) {
        auto pick = [&](const char *key) {
            if (props.is_object() && props.contains(key)) {
                return props[key];
            }
            return global.is_object() ? global.value(key, nlohmann::json()) : nlohmann::json();
        };
        ApiDescription s;
        s.kind = rest ? ApiKind::Rest : ApiKind::Http;
        s.stage = text(pick("StageName"));
        if (s.stage.isEmpty()) {
            s.stage = rest ? u"Prod"_s : u"$default"_s;
        }
        s.binaryMediaTypes = mediaTypes(pick("BinaryMediaTypes"));
        s.stageVariables = variables(pick(rest ? "Variables" : "StageVariables"));
        s.cors = CorsConfig::parse(pick(rest ? "Cors" : "CorsConfiguration"), !rest);
        const nlohmann::json auth = pick("Auth");
        if (auth.is_object()) {
            const nlohmann::json authorizers = auth.value("Authorizers", nlohmann::json::object());
            for (auto a = authorizers.begin(); authorizers.is_object() && a != authorizers.end();
                 ++a) {
                QString why;
                const QString name = QString::fromStdString(a.key());
                if (std::optional<Authorizer> parsed =
                        Authorizer::parse(name, a.value(), !rest, &why)) {
                    s.authorizers.insert(name, *parsed);
                } else {
                    *warnings << why;
                }
            }
            s.defaultAuthorizer = text(auth.value("DefaultAuthorizer", nlohmann::json()));
        }
        if (props.is_object() &&
            (props.contains("DefinitionBody") || props.contains("DefinitionUri"))) {
            QString why;
            if (!s.addDefinition(id, props.value("DefinitionBody", nlohmann::json()),
                                 props.value("DefinitionUri", nlohmann::json()), templateDir,
                                 warnings, &why)) {
                *errors << why;
            }
        }
        apis.insert(id, s);
    };
    describe(QString::fromLatin1(kImplicitRestApi), nlohmann::json::object(), restGlobals, true);
    describe(QString::fromLatin1(kImplicitHttpApi), nlohmann::json::object(), httpGlobals, false);
    // The template's functions by logical id and by FunctionName: integrations name either.
    QHash<QString, QString> functions;
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        if (!it.value().is_object()) {
            continue;
        }
        const QString id = QString::fromStdString(it.key());
        const QString type = text(it.value().value("Type", nlohmann::json()));
        nlohmann::json props = it.value().value("Properties", nlohmann::json::object());
        if (!props.is_object()) {
            props = nlohmann::json::object();
        }
        if (type == u"AWS::Serverless::Api"_s) {
            describe(id, props, restGlobals, true);
        } else if (type == u"AWS::Serverless::HttpApi"_s) {
            describe(id, props, httpGlobals, false);
        } else if (type == u"AWS::Serverless::Function"_s || type == u"AWS::Lambda::Function"_s) {
            functions.insert(id, id);
            if (const QString name = text(props.value("FunctionName", nlohmann::json()));
                !name.isEmpty()) {
                functions.insert(name, id);
            }
        }
    }
    CloudFormationApis::read(resources, templateDir, &apis, warnings, errors);

    // The functions' events.
    QSet<QString> eventRoutes; // "METHOD path" of every event's route
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        if (!it.value().is_object()) {
            continue;
        }
        if (text(it.value().value("Type", nlohmann::json())) != u"AWS::Serverless::Function"_s) {
            continue;
        }
        const QString function = QString::fromStdString(it.key());
        const nlohmann::json props = it.value().value("Properties", nlohmann::json::object());
        const nlohmann::json events = props.is_object()
                                          ? props.value("Events", nlohmann::json::object())
                                          : nlohmann::json::object();
        if (!events.is_object()) {
            continue;
        }
        for (auto e = events.begin(); e != events.end(); ++e) {
            if (!e.value().is_object()) {
                continue;
            }
            const QString eventType = text(e.value().value("Type", nlohmann::json()));
            if (eventType != u"Api"_s && eventType != u"HttpApi"_s) {
                continue;
            }
            QStringList problems;
            std::optional<Route> route =
                parseEvent(eventType, e.value().value("Properties", nlohmann::json()), &problems);
            const QString where =
                u"%1 %2 (%3)"_s.arg(function, QString::fromStdString(e.key()), eventType);
            if (!route) {
                *warnings << where + u": "_s + problems.join(u"; "_s);
                continue;
            }
            const QHash<QString, ApiDescription>::iterator api = apis.find(route->apiId);
            if (api == apis.end() || api->kind != route->kind) {
                *warnings << where + u": %1 is not an API of the template"_s.arg(route->apiId);
                continue;
            }
            ApiRoute r;
            r.fromEvent = true;
            route->functionLogicalId = function;
            route->eventName = QString::fromStdString(e.key());
            r.route = std::move(*route);
            const nlohmann::json eventProps =
                e.value().value("Properties", nlohmann::json::object());
            const nlohmann::json eventAuth = eventProps.is_object()
                                                 ? eventProps.value("Auth", nlohmann::json())
                                                 : nlohmann::json();
            if (eventAuth.is_object() && eventAuth.contains("Authorizer")) {
                r.authorizer = text(eventAuth["Authorizer"]);
            }
            if (eventAuth.is_object()) {
                r.scopes =
                    listValue(eventAuth.value("AuthorizationScopes", nlohmann::json()), false);
            }
            eventRoutes.insert(r.route.routeKey());
            api->routes.push_back(std::move(r));
        }
    }

    // Every API's routes, with their API's settings, function and authorizer resolved, in the
    // template's order.
    QStringList order{QString::fromLatin1(kImplicitRestApi), QString::fromLatin1(kImplicitHttpApi)};
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        const QString id = QString::fromStdString(it.key());
        if (apis.contains(id) && !order.contains(id)) {
            order << id;
        }
    }
    for (const QString &apiId : std::as_const(order)) {
        const QHash<QString, ApiDescription>::const_iterator api = apis.constFind(apiId);
        for (const ApiRoute &candidate : api->routes) {
            Route route = candidate.route;
            const QString where = candidate.fromEvent
                                      ? u"%1 %2"_s.arg(route.functionLogicalId, route.eventName)
                                      : u"%1 (%2)"_s.arg(route.eventName, route.routeKey());
            if (!candidate.fromEvent) {
                if (eventRoutes.contains(route.routeKey())) {
                    continue; // the function's own event says which function serves it
                }
                QString why;
                if (!kMethods.contains(route.method)) {
                    *errors << u"%1: unknown method %2"_s.arg(where, route.method);
                    continue;
                }
                if (!route.isDefaultRoute() && !validPath(route.path, &why)) {
                    *errors << u"%1: %2"_s.arg(where, why);
                    continue;
                }
                const QString function = functions.value(route.functionLogicalId);
                if (function.isEmpty()) {
                    *errors << u"%1: the integration names %2, which is not a function of the "
                               "template"_s.arg(where, route.functionLogicalId);
                    continue;
                }
                route.functionLogicalId = function;
                if (route.kind == ApiKind::Rest || route.payloadFormat.isEmpty()) {
                    route.payloadFormat = route.kind == ApiKind::Rest ? u"1.0"_s : u"2.0"_s;
                }
            }
            route.stage = api->stage;
            route.binaryMediaTypes = api->binaryMediaTypes;
            route.stageVariables = api->stageVariables;
            route.cors = api->cors;
            const QString authorizer = candidate.authorizer.value_or(api->defaultAuthorizer);
            if (!authorizer.isEmpty() && authorizer != u"NONE"_s) {
                if (!api->authorizers.contains(authorizer)) {
                    *warnings << where +
                                     u": authorizer %1 is not an authorizer of the API that can be "
                                     "enforced locally; the route is not guarded"_s.arg(authorizer);
                } else {
                    Authorizer a = api->authorizers.value(authorizer);
                    if (a.type != Authorizer::Type::Jwt) {
                        const QString function = functions.value(a.functionLogicalId);
                        if (function.isEmpty()) {
                            *errors << u"%1: authorizer %2 names %3, which is not a function of "
                                       "the template"_s.arg(where, authorizer, a.functionLogicalId);
                            continue;
                        }
                        a.functionLogicalId = function;
                    }
                    route.authorizationScopes =
                        candidate.scopes.isEmpty() ? a.defaultScopes : candidate.scopes;
                    route.authorizer = a;
                }
            }
            table.add(std::move(route));
        }
    }
    return table;
}

bool RouteTable::onlyHttpApis() const
{
    return !m_routes.empty() && std::all_of(m_routes.begin(), m_routes.end(),
                                            [](const Route &r) { return r.kind == ApiKind::Http; });
}

std::optional<RouteMatch> RouteTable::match(const QString &method, const QString &path) const
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    const QString upper = method.toUpper();
    std::optional<RouteMatch> best;
    std::vector<int> bestRanks;
    bool bestExactMethod = false;
    const Route *fallback = nullptr; // an HTTP API's $default route
    for (const Route &route : m_routes) {
        const bool exactMethod = route.method == upper;
        if (!exactMethod && route.method != u"ANY"_s) {
            continue;
        }
        if (route.isDefaultRoute()) {
            if (!fallback) {
                fallback = &route;
            }
            continue;
        }
        const std::vector<Segment> pattern = segments(route.path);
        RouteMatch m;
        m.route = &route;
        std::vector<int> ranks;
        bool ok = true;
        qsizetype i = 0;
        for (const Segment &s : pattern) {
            if (s.rank == 2) {
                if (i >= parts.size()) {
                    ok = false; // a greedy parameter takes at least one segment
                    break;
                }
                m.pathParameters.insert(s.name, parts.mid(i).join(u'/'));
                i = parts.size();
            } else if (i >= parts.size()) {
                ok = false;
                break;
            } else if (s.rank == 1) {
                m.pathParameters.insert(s.name, parts[i++]);
            } else if (s.text == parts[i]) {
                ++i;
            } else {
                ok = false;
                break;
            }
            ranks.push_back(s.rank);
        }
        if (!ok || i != parts.size()) {
            continue;
        }
        const bool better =
            !best || ranks < bestRanks || (ranks == bestRanks && exactMethod && !bestExactMethod);
        if (better) {
            best = std::move(m);
            bestRanks = std::move(ranks);
            bestExactMethod = exactMethod;
        }
    }
    if (!best && fallback) {
        best = RouteMatch{fallback, {}};
    }
    return best;
}

std::vector<const Route *> RouteTable::preflightRoutes(const QString &path) const
{
    std::vector<const Route *> out;
    for (const Route &route : m_routes) {
        if (route.method == u"OPTIONS"_s && !route.isDefaultRoute()) {
            RouteTable one;
            one.add(route);
            if (one.match(u"OPTIONS"_s, path)) {
                return {}; // the function answers OPTIONS itself
            }
        }
    }
    for (const Route &route : m_routes) {
        if (!route.cors || route.isDefaultRoute()) {
            continue;
        }
        RouteTable one;
        one.add(route);
        if (one.match(route.method == u"ANY"_s ? u"GET"_s : route.method, path)) {
            out.push_back(&route);
        }
    }
    return out;
}

} // namespace Lwb::HttpApi
