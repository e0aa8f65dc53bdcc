// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An HttpRequest as HttpServer would hand it over (path decoded, query items split), for
// tests that check request handlers without a socket.

#include "http/httprequest.h"

namespace Lwb::Test {

inline HttpRequest httpRequest(const QByteArray &method, const QByteArray &target,
                               const QList<HttpHeader> &headers = {}, const QByteArray &body = {})
{
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers = headers;
    r.body = body;
    const qsizetype q = target.indexOf('?');
    r.path = QString::fromUtf8(QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q)));
    if (q >= 0) {
        for (const QByteArray &item : target.mid(q + 1).split('&')) {
            const qsizetype eq = item.indexOf('=');
            r.queryItems.append({QString::fromUtf8(QByteArray::fromPercentEncoding(item.left(eq))),
                                 QString::fromUtf8(QByteArray::fromPercentEncoding(
                                     eq < 0 ? QByteArray() : item.mid(eq + 1)))});
        }
    }
    return r;
}

} // namespace Lwb::Test
