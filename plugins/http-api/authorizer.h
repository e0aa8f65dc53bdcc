// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb::HttpApi {

struct GatewayRequest;
struct RouteMatch;

/**
 * An authorizer of an API (`Auth.Authorizers` of an AWS::Serverless::Api or HttpApi, an
 * OpenAPI security scheme with `x-amazon-apigateway-authorizer`, an AWS::ApiGateway::Authorizer
 * or AWS::ApiGatewayV2::Authorizer): a Lambda authorizer — the event it gets and what its answer
 * means — or an HTTP API's JWT authorizer (checked by JwtValidator). A plain value type;
 * thread-agnostic.
 */
struct Authorizer
{
    enum class Type { Token, Request, Jwt };

    QString name;
    QString functionLogicalId; ///< Lambda authorizers: the function (a name until RouteTable
                               ///< maps it to the template's logical id)
    Type type = Type::Token;
    QString identityHeader = QStringLiteral("Authorization"); ///< TOKEN, JWT: where the token is
    QString jwtIssuer;                                        ///< JWT: the `iss` a token must carry
    QStringList jwtAudiences;    ///< JWT: one of these must be the token's `aud` (or `client_id`)
    QStringList defaultScopes;   ///< JWT: AuthorizationScopes of the authorizer, for routes
                                 ///< that name none
    QStringList identityHeaders; ///< REQUEST: headers that must be present
    bool httpApi = false;
    bool simpleResponses = false;                  ///< HttpApi EnableSimpleResponses
    QString payloadFormat = QStringLiteral("1.0"); ///< HttpApi AuthorizerPayloadFormatVersion
    int ttlSeconds = 300; ///< Identity.ReauthorizeEvery: how long an answer is cached

    /**
     * The key an answer is cached under (the authorizer's name and the identity source's
     * values); empty when answers are not cached (no TTL, or a REQUEST authorizer without an
     * identity source).
     */
    QString cacheKey(const GatewayRequest &request) const;

    /**
     * One entry of Auth.Authorizers; nullopt (and @p error) for what is neither a Lambda
     * authorizer nor (HTTP APIs) a JWT authorizer.
     */
    static std::optional<Authorizer> parse(const QString &name, const nlohmann::json &value,
                                           bool httpApi, QString *error);
    /**
     * An OpenAPI security scheme (securityDefinitions / components.securitySchemes entry) with
     * `x-amazon-apigateway-authorizer`; nullopt (and @p error) when it is not one we can enforce.
     */
    static std::optional<Authorizer> parseOpenApi(const QString &name, const nlohmann::json &scheme,
                                                  bool httpApi, QString *error);
    /**
     * An AWS::ApiGateway::Authorizer (@p httpApi false) or AWS::ApiGatewayV2::Authorizer
     * resource's Properties; nullopt (and @p error) when it is not one we can enforce.
     */
    static std::optional<Authorizer> parseResource(const QString &name,
                                                   const nlohmann::json &properties, bool httpApi,
                                                   QString *error);

    /** The arn API Gateway names the method with. */
    static QString methodArn(const GatewayRequest &request, const RouteMatch &match);

    /** The event for the authorizer function; nullopt when the identity source is missing (401). */
    std::optional<nlohmann::json> event(const GatewayRequest &request,
                                        const RouteMatch &match) const;

    /** What the authorizer decided. */
    struct Decision
    {
        bool allowed = false;
        nlohmann::json context; ///< requestContext.authorizer for the function's event
        int statusCode = 403;   ///< when not allowed
        QString message;        ///< when not allowed
    };
    /** Evaluates the authorizer's @p payload (an IAM policy, or a simple response). */
    Decision decide(const QByteArray &payload, bool functionError, const QString &methodArn) const;
};

} // namespace Lwb::HttpApi
