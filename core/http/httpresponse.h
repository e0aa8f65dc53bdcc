// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>

namespace Lwb {

/**
 * One HTTP response to serialise. A plain value type; thread-agnostic.
 * The server adds Content-Length (from body) and Connection itself: headers named
 * Content-Length, Transfer-Encoding or Connection set here are ignored.
 */
struct LWB_CORE_EXPORT HttpResponse
{
    int statusCode = 200;
    QByteArray reason;                 ///< empty: the standard reason phrase of statusCode
    QList<HttpHeader> headers;
    QByteArray body;
    bool closeConnection = false;      ///< ask the server to close after this response

    HttpResponse() = default;
    HttpResponse(int status, QByteArray body = {}, QByteArray contentType = {});

    /** Replaces every field called @p name (any case) by one with @p value. */
    void setHeader(const QByteArray &name, const QByteArray &value);
    /** Appends a field, keeping existing ones with the same name. */
    void addHeader(const QByteArray &name, const QByteArray &value);
    /** The first field called @p name (any case), or an empty array. */
    QByteArray header(QByteArrayView name) const;

    /** A response with Content-Type: application/json. */
    static HttpResponse json(int status, QByteArray body);
};

} // namespace Lwb
