// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizer.h"
#include "routetable.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::HttpApi {

/** A route of an API before RouteTable resolves its function and authorizer. */
struct ApiRoute
{
    Route route; ///< functionLogicalId holds the function as the template names it
    std::optional<QString> authorizer; ///< nullopt: the API's default; empty or NONE: none
    QStringList scopes;                ///< AuthorizationScopes of the route
    bool fromEvent = false;            ///< a function's Api/HttpApi event (wins over definitions)
};

/**
 * One API of a template as RouteTable assembles it — an AWS::Serverless::Api or HttpApi (the
 * implicit ones too), an AWS::ApiGateway::RestApi or AWS::ApiGatewayV2::Api —: its stage
 * settings, authorizers and routes. A plain value type.
 */
struct ApiDescription
{
    ApiKind kind = ApiKind::Rest;
    QString stage;
    QStringList binaryMediaTypes;
    QHash<QString, QString> stageVariables;
    std::optional<CorsConfig> cors;
    QHash<QString, Authorizer> authorizers;
    QString defaultAuthorizer;
    std::vector<ApiRoute> routes;

    /**
     * Adds the routes, binary media types and authorizers of the API's OpenAPI definition:
     * @p body inline (DefinitionBody, Body; an `Fn::Transform` AWS::Include of a local file
     * too) or @p location (DefinitionUri, BodyS3Location: a file relative to @p templateDir; S3
     * is not reachable locally). False with @p error when the definition cannot be used;
     * authorizers already known keep their settings (the template's Auth wins).
     */
    bool addDefinition(const QString &apiId, const nlohmann::json &body,
                       const nlohmann::json &location, const QString &templateDir,
                       QStringList *warnings, QString *error);
};

} // namespace Lwb::HttpApi
