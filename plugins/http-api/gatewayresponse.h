// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "routetable.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <utility>

namespace Lwb::HttpApi {

/**
 * What the gateway answers: a function's proxy response mapped to HTTP (lambda-reference
 * §7.3), or one of the gateway's own errors. A plain value type.
 */
struct GatewayResponse
{
    int statusCode = 200;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< in order; Set-Cookie may repeat
    QByteArray body;

    /** The first value of header @p name (any case), or an empty array. */
    QByteArray header(const QByteArray &name) const;

    /**
     * Maps a function's result @p payload in payload format @p payloadFormat ("1.0"/"2.0").
     * A malformed response (not JSON, no valid statusCode in 1.0, a body that is not a
     * string…) becomes 502 {"message":"Internal server error"}; in 2.0 a result without
     * statusCode is wrapped as API Gateway does (200, application/json, the JSON as body).
     */
    static GatewayResponse fromFunction(const QByteArray &payload, const QString &payloadFormat);

    /** The gateway's own error: {"message": @p message} with @p statusCode. */
    static GatewayResponse error(int statusCode, const QString &message);
    static GatewayResponse internalServerError()
    {
        return error(502, QStringLiteral("Internal server error"));
    }
    static GatewayResponse tooManyRequests()
    {
        return error(429, QStringLiteral("Too Many Requests"));
    }
    /** The answer to a CORS preflight for @p routes (from RouteTable::preflightRoutes()). */
    static GatewayResponse preflight(const std::vector<const Route *> &routes,
                                     const QString &origin);
    /** Adds the CORS headers of @p cors the function did not set itself. */
    void addCorsHeaders(const CorsConfig &cors, const QString &origin);

    /** An unknown route: 403 Missing Authentication Token (REST), 404 Not Found (HTTP API). */
    static GatewayResponse noRoute(bool httpApi);
};

} // namespace Lwb::HttpApi
