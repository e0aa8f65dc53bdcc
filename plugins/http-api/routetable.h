// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizer.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::HttpApi {

/** Which flavour of API Gateway a route belongs to. */
enum class ApiKind {
    Rest, ///< `Api` events, AWS::Serverless::Api: payload format 1.0
    Http, ///< `HttpApi` events, AWS::Serverless::HttpApi: payload format 2.0 (or 1.0 if asked)
};

/** An API's CORS settings (Api `Cors`, HttpApi `CorsConfiguration`). A plain value type. */
struct CorsConfig
{
    QStringList allowOrigins; ///< "*" or origins
    QStringList allowMethods; ///< empty: the methods of the path's routes
    QStringList allowHeaders;
    QStringList exposeHeaders;
    int maxAgeSeconds = -1; ///< -1: not sent
    bool allowCredentials = false;

    /** Parses @p value (a REST API's Cors or an HTTP API's CorsConfiguration); nullopt when off. */
    static std::optional<CorsConfig> parse(const nlohmann::json &value, bool httpApi);
    /** The Access-Control-Allow-Origin value for a request from @p origin; empty: none. */
    QString allowOriginFor(const QString &origin) const;
};

/** One route of a local API: method + path template → a function. A plain value type. */
struct Route
{
    ApiKind kind = ApiKind::Rest;
    QString functionLogicalId;
    QString eventName; ///< the key under the function's Events, or the resource (an API with a
                       ///< definition, a Method, a Route) that declares the route
    QString method;    ///< upper case; "ANY" matches every method
    QString path;  ///< the template, e.g. "/users/{id}", "/{proxy+}"; "$default" for the HTTP API
                   ///< default route
    QString apiId; ///< the explicit API's logical id, or "ServerlessRestApi" / "ServerlessHttpApi"
    QString stage; ///< "prod" for implicit REST APIs, StageName, "$default" for HTTP APIs
    QString payloadFormat;        ///< "1.0" or "2.0"
    QStringList binaryMediaTypes; ///< the API's BinaryMediaTypes ("image/png", "image/*", "*/*")
    QHash<QString, QString> stageVariables; ///< the API's Variables
    std::optional<CorsConfig> cors;         ///< the API's CORS settings, when it has any
    std::optional<Authorizer> authorizer;   ///< the authorizer guarding the route
    QStringList authorizationScopes;        ///< JWT: the token needs one of these scopes

    bool isDefaultRoute() const { return path == QStringLiteral("$default"); }
    /** "GET /users/{id}", or "$default". */
    QString routeKey() const;
};

/** A route that matched a request, and the values of its path parameters. */
struct RouteMatch
{
    const Route *route = nullptr;
    QHash<QString, QString> pathParameters;
};

/**
 * The routes of a SAM template's functions, and request matching with API Gateway's priority:
 * literal segments before {parameters} before a greedy {proxy+}, an exact method before ANY,
 * an HTTP API's $default route last. A plain value type; thread-agnostic.
 */
class RouteTable
{
public:
    /**
     * Reads the routes of @p templateJson (the template in CloudFormation's JSON form) as SAM
     * CLI does: the `Api` and `HttpApi` events of every function, with the settings of the APIs
     * they name (StageName, BinaryMediaTypes, Variables, Auth, and the Globals); the OpenAPI
     * definitions of AWS::Serverless::Api / HttpApi (DefinitionBody, DefinitionUri relative to
     * @p templateDir); and plain AWS::ApiGateway::* / AWS::ApiGatewayV2::* resources. An event's
     * route wins over a definition's route with the same method and path.
     *
     * Events that are wrong, and what is not served locally, are skipped with a message in
     * @p warnings. What makes the template's APIs unservable (a malformed definition, an
     * integration naming no function of the template, a Resource cycle) goes to @p errors, or to
     * @p warnings when @p errors is null.
     */
    static RouteTable fromTemplate(const nlohmann::json &templateJson, QStringList *warnings,
                                   const QString &templateDir = {}, QStringList *errors = nullptr);

    /**
     * One route from an event's @p properties (validation for the plugin's validate()); the
     * API's own settings are left empty. nullopt with @p errors when the event is wrong.
     */
    static std::optional<Route> parseEvent(const QString &eventType,
                                           const nlohmann::json &properties, QStringList *errors);

    void add(Route route) { m_routes.push_back(std::move(route)); }
    const std::vector<Route> &routes() const { return m_routes; }
    bool isEmpty() const { return m_routes.empty(); }
    /** True when every route belongs to an HTTP API (unknown routes then answer 404, not 403). */
    bool onlyHttpApis() const;

    /** The best route for @p method and decoded @p path; nullopt when none matches. */
    std::optional<RouteMatch> match(const QString &method, const QString &path) const;
    /**
     * For a CORS preflight (OPTIONS on a path no OPTIONS route serves): the routes of @p path
     * whose API has CORS settings, their methods included; empty when there is nothing to allow.
     */
    std::vector<const Route *> preflightRoutes(const QString &path) const;

private:
    std::vector<Route> m_routes;
};

} // namespace Lwb::HttpApi
