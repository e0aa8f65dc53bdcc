// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequest.h"

namespace Lwb {

namespace {

const HttpHeader *findField(const QList<HttpHeader> &fields, QByteArrayView name)
{
    for (const HttpHeader &field : fields) {
        if (name.compare(field.first, Qt::CaseInsensitive) == 0) {
            return &field;
        }
    }
    return nullptr;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    if (const HttpHeader *field = findField(headers, name)) {
        return field->second;
    }
    if (const HttpHeader *field = findField(trailers, name)) {
        return field->second;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    return findField(headers, name) || findField(trailers, name);
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const HttpHeader &field : headers) {
        if (name.compare(field.first, Qt::CaseInsensitive) == 0) {
            values.append(field.second);
        }
    }
    return values;
}

QByteArray HttpRequest::trailer(QByteArrayView name) const
{
    if (const HttpHeader *field = findField(trailers, name)) {
        return field->second;
    }
    return {};
}

QString HttpRequest::queryItemValue(const QString &key) const
{
    for (const auto &item : queryItems) {
        if (item.first == key) {
            return item.second;
        }
    }
    return {};
}

} // namespace Lwb
