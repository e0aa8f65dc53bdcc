// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpresponse.h"

#include <algorithm>

namespace Lwb {

HttpResponse::HttpResponse(int status, QByteArray body, QByteArray contentType)
    : statusCode(status)
    , body(std::move(body))
{
    if (!contentType.isEmpty()) {
        headers.append({QByteArrayLiteral("Content-Type"), std::move(contentType)});
    }
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&name](const HttpHeader &field) {
        return QByteArrayView(name).compare(field.first, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

void HttpResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const HttpHeader &field : headers) {
        if (name.compare(field.first, Qt::CaseInsensitive) == 0) {
            return field.second;
        }
    }
    return {};
}

HttpResponse HttpResponse::json(int status, QByteArray body)
{
    return HttpResponse(status, std::move(body), QByteArrayLiteral("application/json"));
}

} // namespace Lwb
