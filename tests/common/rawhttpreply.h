// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tests' own client side of HTTP: deliberately simple (status line, headers,
// Content-Length body), so that what they check is the server, not a second parser.

#include <QtCore/QByteArray>
#include <QtCore/QList>

#include <utility>

namespace Lwb::Test {

struct RawHttpReply
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
                return h.second;
            }
        }
        return {};
    }

    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }
};

/** Parses one reply at the start of @p buffer; returns the bytes used, or 0 if incomplete. */
inline qsizetype parseRawHttpReply(const QByteArray &buffer, RawHttpReply &out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        return 0;
    }
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    out = RawHttpReply();
    out.status = lines.first().split(' ').value(1).toInt();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        out.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        if (line.left(colon).compare("content-length", Qt::CaseInsensitive) == 0) {
            length = line.mid(colon + 1).trimmed().toLongLong();
        }
    }
    if (out.status == 100) {
        return end + 4;
    }
    if (buffer.size() < end + 4 + length) {
        return 0;
    }
    out.body = buffer.mid(end + 4, length);
    return end + 4 + length;
}

} // namespace Lwb::Test
