// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A raw HTTP/1.1 request signed with SigV4 the way botocore signs Lambda calls, for tests and
// benchmarks that talk to `lwb local start-lambda` without an SDK.
#include "auth/sigv4.h"

#include <QtCore/QDateTime>

namespace Lwb::Test {

struct SignedRequestOptions
{
    SigV4Credentials credentials{QStringLiteral("test"), QStringLiteral("test"), {}};
    QString region = QStringLiteral("us-east-1");
    QDateTime time = QDateTime::currentDateTimeUtc();
    QByteArray host = "127.0.0.1";
    QList<HttpHeader> headers;  ///< more headers to sign and send
    QList<HttpHeader> unsigned_; ///< headers sent after signing (e.g. Connection: close)
};

inline QByteArray signedRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                                const SignedRequestOptions &options = {})
{
    SigV4Request toSign;
    toSign.method = method;
    toSign.target = target;
    toSign.headers = {{"Host", options.host}};
    toSign.headers += options.headers;
    toSign.body = body;
    SigV4SigningParams params;
    params.credentials = options.credentials;
    params.region = options.region;
    params.service = QStringLiteral("lambda");
    params.time = options.time;
    const SigV4Signature signature = SigV4::sign(toSign, params);
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
    for (const auto &h : toSign.headers + signature.headers + options.unsigned_) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return out;
}

} // namespace Lwb::Test
