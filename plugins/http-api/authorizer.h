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
 * A Lambda authorizer of an API (`Auth.Authorizers` of an AWS::Serverless::Api or HttpApi):
 * the event it gets and what its answer means. A plain value type; thread-agnostic.
 */
struct Authorizer
{
    enum class Type { Token, Request };

    QString name;
    QString functionLogicalId; ///< from FunctionArn: !GetAtt Fn.Arn
    Type type = Type::Token;
    QString identityHeader = QStringLiteral("Authorization"); ///< TOKEN: where the token is
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

    /** One entry of Auth.Authorizers; nullopt (and @p error) for what is not a Lambda authorizer.
     */
    static std::optional<Authorizer> parse(const QString &name, const nlohmann::json &value,
                                           bool httpApi, QString *error);

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
