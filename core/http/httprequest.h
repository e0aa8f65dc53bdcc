// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtNetwork/QHostAddress>

#include <utility>

namespace Lwb {

/** One header or trailer field: (name as received, value). */
using HttpHeader = std::pair<QByteArray, QByteArray>;

/**
 * One parsed HTTP/1.x request, as HttpServer hands it to its handler. A plain value type;
 * thread-agnostic. Header names keep the case the client sent; lookups ignore case.
 */
struct LWB_CORE_EXPORT HttpRequest
{
    QByteArray method;                 ///< "GET", "POST", … as sent
    QByteArray target;                 ///< raw request-target: path and query, still encoded
    QString path;                      ///< percent-decoded path, without the query
    QList<std::pair<QString, QString>> queryItems; ///< decoded query items, in order
    int versionMajor = 1;
    int versionMinor = 1;
    QList<HttpHeader> headers;         ///< header fields, in the order received
    QList<HttpHeader> trailers;        ///< trailer fields of a chunked body, in order
    QByteArray body;                   ///< decoded body (chunked framing removed)

    /**
     * True when the body exceeded HttpServer::maxBodyBytes(). The body is then empty, and
     * receivedBodyBytes / declaredBodyBytes say how large it was. The connection is closed
     * after the response when the server could not drain the rest of the body.
     */
    bool bodyTooLarge = false;
    qint64 declaredBodyBytes = -1;     ///< Content-Length, or -1 when absent (chunked)
    qint64 receivedBodyBytes = 0;      ///< body bytes actually read (and counted) by the server

    quint64 connectionId = 0;          ///< matches HttpServer::connectionClosed()
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    /** The first header field called @p name (any case), or a trailer field if no header
     *  has that name; an empty array when neither exists. */
    QByteArray header(QByteArrayView name) const;
    /** Whether a header (or trailer) field called @p name exists. */
    bool hasHeader(QByteArrayView name) const;
    /** Every header field value called @p name, in order (trailers not included). */
    QList<QByteArray> headerValues(QByteArrayView name) const;
    /** The first trailer field called @p name, or an empty array. */
    QByteArray trailer(QByteArrayView name) const;
    /** The first decoded query item value called @p key, or a null string. */
    QString queryItemValue(const QString &key) const;
};

} // namespace Lwb
