// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "routetable.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <utility>

namespace Lwb::HttpApi {

/**
 * One HTTP request as the gateway sees it, independent of the server that received it, and the
 * proxy events API Gateway builds from it (lambda-reference §7.1, §7.2). A plain value type.
 */
struct GatewayRequest
{
    QString method;                                ///< as sent, e.g. "GET"
    QString path;                                  ///< percent-decoded, without the query
    QByteArray rawQueryString;                     ///< after '?', still encoded
    QList<std::pair<QString, QString>> queryItems; ///< decoded, in order
    QList<std::pair<QString, QString>> headers;    ///< names as sent, in order
    QByteArray body;
    QString sourceIp = QStringLiteral("127.0.0.1");
    QString requestId; ///< the gateway's request id
    QDateTime time;    ///< when it arrived (UTC)
    QString accountId = QStringLiteral("123456789012");

    /** The last value of header @p name (any case), or a null string. */
    QString header(const QString &name) const;

    /** Whether the body goes to the function base64-encoded (BinaryMediaTypes, or 2.0's rule). */
    bool bodyIsBinary(const Route &route) const;

    /** The payload format 1.0 event (REST API proxy integration) for @p match. */
    nlohmann::json restEvent(const RouteMatch &match) const;
    /** The payload format 2.0 event (HTTP API) for @p match. */
    nlohmann::json httpApiEvent(const RouteMatch &match) const;
    /** The event @p match's route asks for (its payload format). */
    nlohmann::json event(const RouteMatch &match) const;
};

} // namespace Lwb::HttpApi
