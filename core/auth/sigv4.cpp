// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigv4.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QHash>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QMutex>
#include <QtCore/QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr QByteArrayView kTerminator = "aws4_request";
constexpr qsizetype kKeyCacheSize = 64;

// AWS's own wording (rest-json services such as Lambda).
const QString kMismatch =
    u"The request signature we calculated does not match the signature you provided. "
    u"Check your AWS Secret Access Key and signing method. Consult the service "
    u"documentation for details."_s;
const QString kUnknownKey = u"The security token included in the request is invalid."_s;

// Headers botocore never signs (SIGNED_HEADERS_BLACKLIST), plus the hop-by-hop ones a proxy
// may rewrite.
bool isUnsignable(QByteArrayView lowerName)
{
    static const QList<QByteArray> names = {"connection",
                                            "expect",
                                            "keep-alive",
                                            "proxy-authenticate",
                                            "proxy-authorization",
                                            "te",
                                            "trailer",
                                            "transfer-encoding",
                                            "upgrade",
                                            "user-agent",
                                            "x-amzn-trace-id"};
    return names.contains(lowerName);
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// botocore's remove_dot_segments: RFC 3986 5.2.4, and empty segments dropped as well.
QByteArray removeDotSegments(QByteArrayView path)
{
    if (path.isEmpty()) {
        return "/"_ba;
    }
    QList<QByteArrayView> out;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0) {
            end = path.size();
        }
        const QByteArrayView segment = path.sliced(start, end - start);
        if (!segment.isEmpty() && segment != ".") {
            if (segment == "..") {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else {
                out.append(segment);
            }
        }
        start = end + 1;
    }
    QByteArray result;
    if (path.front() == '/') {
        result += '/';
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (i > 0) {
            result += '/';
        }
        result += out.at(i);
    }
    if (path.back() == '/' && !out.isEmpty()) {
        result += '/';
    }
    return result;
}

QByteArray hmac(QByteArrayView key, QByteArrayView message)
{
    return QMessageAuthenticationCode::hash(message.toByteArray(), key.toByteArray(),
                                            QCryptographicHash::Sha256);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

bool isHexSha256(QByteArrayView value)
{
    if (value.size() != 64) {
        return false;
    }
    return std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

std::pair<QByteArrayView, QByteArrayView> splitTarget(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    if (q < 0) {
        return {target, {}};
    }
    return {target.first(q), target.sliced(q + 1)};
}

/** The decoded query items of a raw query, in order. */
QList<std::pair<QByteArray, QByteArray>> decodedQuery(QByteArrayView rawQuery)
{
    QList<std::pair<QByteArray, QByteArray>> items;
    qsizetype start = 0;
    while (start <= rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0) {
            end = rawQuery.size();
        }
        const QByteArrayView piece = rawQuery.sliced(start, end - start);
        start = end + 1;
        if (piece.isEmpty()) {
            continue;
        }
        const qsizetype eq = piece.indexOf('=');
        const QByteArrayView key = eq < 0 ? piece : piece.first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : piece.sliced(eq + 1);
        items.append({QByteArray::fromPercentEncoding(key.toByteArray()),
                      QByteArray::fromPercentEncoding(value.toByteArray())});
    }
    return items;
}

QDateTime parseAmzDate(QByteArrayView value)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(value), u"yyyyMMdd'T'HHmmss'Z'"_s);
    if (!time.isValid() || value.size() != 16) {
        return {};
    }
    time.setTimeZone(QTimeZone::utc());
    return time;
}

QDateTime parseHttpDate(QByteArrayView value)
{
    // IMF-fixdate, as every AWS SDK sends it; RFC 2822 variants as a fallback.
    QDateTime time = QDateTime::fromString(QString::fromLatin1(value).trimmed(),
                                           u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (time.isValid()) {
        time.setTimeZone(QTimeZone::utc());
        return time;
    }
    time = QDateTime::fromString(QString::fromLatin1(value).trimmed(), Qt::RFC2822Date);
    return time.isValid() ? time.toUTC() : QDateTime();
}

SigV4VerifyResult failure(SigV4VerifyResult result, const QString &code, const QString &message,
                          int status)
{
    result.ok = false;
    result.errorCode = code;
    result.message = message;
    result.httpStatus = status;
    return result;
}

QString latin1(QByteArrayView value)
{
    return QString::fromLatin1(value);
}

} // namespace

QByteArray SigV4::hexSha256(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4::canonicalUri(QByteArrayView rawPath, bool normalize)
{
    QByteArray path = normalize ? removeDotSegments(rawPath) : rawPath.toByteArray();
    if (path.isEmpty()) {
        path = "/"_ba;
    }
    // Encoded once more: "%" becomes "%25", as botocore's quote(path, safe='/~') does.
    return path.toPercentEncoding("/");
}

QByteArray SigV4::canonicalQuery(QByteArrayView rawQuery, QByteArrayView excludeKey)
{
    QList<std::pair<QByteArray, QByteArray>> items;
    for (const auto &[key, value] : decodedQuery(rawQuery)) {
        if (!excludeKey.isEmpty() && key == excludeKey) {
            continue;
        }
        items.append({key.toPercentEncoding(), value.toPercentEncoding()});
    }
    std::sort(items.begin(), items.end());
    QByteArray result;
    for (const auto &[key, value] : std::as_const(items)) {
        if (!result.isEmpty()) {
            result += '&';
        }
        result += key + '=' + value;
    }
    return result;
}

QByteArray SigV4::canonicalHeaderValue(QByteArrayView value)
{
    QByteArray result;
    result.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c)) {
            pendingSpace = !result.isEmpty();
            continue;
        }
        if (pendingSpace) {
            result += ' ';
            pendingSpace = false;
        }
        result += c;
    }
    return result;
}

QByteArray SigV4::canonicalRequest(QByteArrayView method, QByteArrayView target,
                                   const QList<HttpHeader> &headers,
                                   const QList<QByteArray> &signedHeaders,
                                   QByteArrayView payloadHash, bool normalizePath,
                                   QByteArrayView excludeQueryKey)
{
    const auto [path, query] = splitTarget(target);
    QByteArray result = method.toByteArray();
    result += '\n' + canonicalUri(path, normalizePath);
    result += '\n' + canonicalQuery(query, excludeQueryKey);
    result += '\n';
    for (const QByteArray &name : signedHeaders) {
        QByteArray values;
        bool first = true;
        for (const auto &[headerName, headerValue] : headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) != 0) {
                continue;
            }
            if (!first) {
                values += ',';
            }
            values += canonicalHeaderValue(headerValue);
            first = false;
        }
        result += name + ':' + values + '\n';
    }
    result += '\n' + signedHeaders.join(';');
    result += '\n' + payloadHash.toByteArray();
    return result;
}

QByteArray SigV4::credentialScope(QByteArrayView date, const QString &region,
                                  const QString &service)
{
    return date.toByteArray() + '/' + region.toUtf8() + '/' + service.toUtf8() + '/' +
           kTerminator.toByteArray();
}

QByteArray SigV4::stringToSign(QByteArrayView amzDate, QByteArrayView scope,
                               QByteArrayView canonicalRequest)
{
    return kAlgorithm.toByteArray() + '\n' + amzDate.toByteArray() + '\n' + scope.toByteArray() +
           '\n' + hexSha256(canonicalRequest);
}

QByteArray SigV4::signingKey(const QString &secret, QByteArrayView date, const QString &region,
                             const QString &service)
{
    // Keys change once a day per (secret, region, service): a handful of entries suffices.
    static QMutex mutex;
    static QHash<QByteArray, QByteArray> cache;
    const QByteArray secretBytes = secret.toUtf8();
    const QByteArray cacheKey = hexSha256(secretBytes) + '/' + date.toByteArray() + '/' +
                                region.toUtf8() + '/' + service.toUtf8();
    {
        QMutexLocker locker(&mutex);
        const auto it = cache.constFind(cacheKey);
        if (it != cache.constEnd()) {
            return it.value();
        }
    }
    const QByteArray kDate = hmac("AWS4"_ba + secretBytes, date);
    const QByteArray kRegion = hmac(kDate, region.toUtf8());
    const QByteArray kService = hmac(kRegion, service.toUtf8());
    const QByteArray kSigning = hmac(kService, kTerminator);
    QMutexLocker locker(&mutex);
    if (cache.size() >= kKeyCacheSize) {
        cache.clear();
    }
    cache.insert(cacheKey, kSigning);
    return kSigning;
}

QByteArray SigV4::signature(QByteArrayView signingKey, QByteArrayView stringToSign)
{
    return hmac(signingKey, stringToSign).toHex();
}

QByteArray SigV4::amzDate(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

namespace {

QList<QByteArray> signableHeaderNames(const QList<HttpHeader> &headers)
{
    QList<QByteArray> names;
    for (const auto &header : headers) {
        const QByteArray name = header.first.toLower();
        if (!isUnsignable(name) && !names.contains(name)) {
            names.append(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

SigV4Signature SigV4::sign(const SigV4Request &request, const SigV4SigningParams &params)
{
    using Payload = SigV4SigningParams::Payload;
    SigV4Signature out;
    const QByteArray date = amzDate(params.time);
    const QByteArray payloadHash = params.payload == Payload::Unsigned
                                       ? kUnsignedPayload.toByteArray()
                                       : hexSha256(request.body);

    QList<HttpHeader> signedSet = request.headers;
    if (!params.credentials.sessionToken.isEmpty()) {
        const HttpHeader token{"X-Amz-Security-Token"_ba, params.credentials.sessionToken.toUtf8()};
        out.headers.append(token);
        if (params.signSessionToken) {
            signedSet.append(token);
        }
    }
    out.headers.append({"X-Amz-Date"_ba, date});
    signedSet.append(out.headers.constLast());
    if (params.payload != Payload::Hash) {
        out.headers.append({"x-amz-content-sha256"_ba, payloadHash});
        signedSet.append(out.headers.constLast());
    }

    const QList<QByteArray> names = signableHeaderNames(signedSet);
    const QByteArray scope = credentialScope(date.first(8), params.region, params.service);
    out.canonicalRequest = canonicalRequest(request.method, request.target, signedSet, names,
                                            payloadHash, params.normalizePath);
    out.stringToSign = stringToSign(date, scope, out.canonicalRequest);
    out.signature = signature(signingKey(params.credentials.secretAccessKey, date.first(8),
                                         params.region, params.service),
                              out.stringToSign);
    out.authorization = kAlgorithm.toByteArray() +
                        " Credential=" + params.credentials.accessKeyId.toUtf8() + '/' + scope +
                        ", SignedHeaders=" + names.join(';') + ", Signature=" + out.signature;
    out.headers.append({"Authorization"_ba, out.authorization});
    out.target = request.target;
    return out;
}

SigV4Signature SigV4::presign(const SigV4Request &request, const SigV4SigningParams &params)
{
    SigV4Signature out;
    const QByteArray date = amzDate(params.time);
    const QByteArray payloadHash = params.payload == SigV4SigningParams::Payload::Unsigned
                                       ? kUnsignedPayload.toByteArray()
                                       : hexSha256(request.body);
    const QByteArray scope = credentialScope(date.first(8), params.region, params.service);
    const QList<QByteArray> names = signableHeaderNames(request.headers);
    const QByteArray token = params.credentials.sessionToken.toUtf8().toPercentEncoding();

    QByteArray target = request.target;
    target += target.contains('?') ? '&' : '?';
    target += "X-Amz-Algorithm=" + kAlgorithm.toByteArray();
    target += "&X-Amz-Credential=" +
              (params.credentials.accessKeyId.toUtf8() + '/' + scope).toPercentEncoding();
    target += "&X-Amz-Date=" + date;
    target += "&X-Amz-SignedHeaders=" + names.join(';').toPercentEncoding();
    target += "&X-Amz-Expires=" + QByteArray::number(params.expiresSecs);
    if (!token.isEmpty() && params.signSessionToken) {
        target += "&X-Amz-Security-Token=" + token;
    }

    out.canonicalRequest = canonicalRequest(request.method, target, request.headers, names,
                                            payloadHash, params.normalizePath);
    out.stringToSign = stringToSign(date, scope, out.canonicalRequest);
    out.signature = signature(signingKey(params.credentials.secretAccessKey, date.first(8),
                                         params.region, params.service),
                              out.stringToSign);
    if (!token.isEmpty() && !params.signSessionToken) {
        target += "&X-Amz-Security-Token=" + token;
    }
    target += "&X-Amz-Signature=" + out.signature;
    out.target = target;
    return out;
}

SigV4VerifyResult SigV4::verify(const HttpRequest &request, const SecretLookup &lookup,
                                const QDateTime &now, const SigV4VerifyOptions &options)
{
    SigV4VerifyResult result;
    const QByteArray authorization = request.header("authorization");
    const auto [rawPath, rawQuery] = splitTarget(request.target);

    QByteArray credential;
    QByteArray signedHeadersValue;
    QByteArray providedSignature;
    QByteArray dateValue;
    QDateTime requestTime;
    qint64 expiresSecs = -1;

    if (!authorization.isEmpty()) {
        const QByteArray trimmed = authorization.trimmed();
        const qsizetype space = trimmed.indexOf(' ');
        const QByteArray algorithm = space < 0 ? trimmed : trimmed.first(space);
        const QByteArray rest = space < 0 ? QByteArray() : trimmed.sliced(space + 1);
        if (algorithm == kAlgorithm) {
            // AWS splits the parameters on commas and on whitespace alike.
            for (const QByteArray &part :
                 QByteArray(rest).replace(',', ' ').simplified().split(' ')) {
                if (part.isEmpty()) {
                    continue;
                }
                const qsizetype eq = part.indexOf('=');
                if (eq < 0) {
                    return failure(
                        result, u"IncompleteSignatureException"_s,
                        u"'%1' not a valid key=value pair (missing equal-sign) in "
                        u"Authorization header: '%2'."_s.arg(latin1(part), latin1(authorization)),
                        400);
                }
                const QByteArray key = part.first(eq);
                const QByteArray value = part.sliced(eq + 1);
                if (key == "Credential") {
                    credential = value;
                } else if (key == "SignedHeaders") {
                    signedHeadersValue = value;
                } else if (key == "Signature") {
                    providedSignature = value;
                }
            }
        }
        if (request.hasHeader("x-amz-date")) {
            dateValue = request.header("x-amz-date").trimmed();
            requestTime = parseAmzDate(dateValue);
        } else if (request.hasHeader("date")) {
            requestTime = parseHttpDate(request.header("date"));
            dateValue =
                requestTime.isValid() ? amzDate(requestTime) : request.header("date").trimmed();
        }
        QStringList missing;
        if (credential.isEmpty()) {
            missing << u"Authorization header requires 'Credential' parameter."_s;
        }
        if (providedSignature.isEmpty()) {
            missing << u"Authorization header requires 'Signature' parameter."_s;
        }
        if (signedHeadersValue.isEmpty()) {
            missing << u"Authorization header requires 'SignedHeaders' parameter."_s;
        }
        if (dateValue.isEmpty()) {
            missing << u"Authorization header requires existence of either a 'X-Amz-Date' or "
                       u"a 'Date' header."_s;
        }
        if (!missing.isEmpty()) {
            return failure(result, u"IncompleteSignatureException"_s,
                           missing.join(u' ') + u" Authorization="_s + latin1(authorization), 400);
        }
    } else {
        const auto items = decodedQuery(rawQuery);
        const auto item = [&items](QByteArrayView key) -> std::optional<QByteArray> {
            for (const auto &[k, v] : items) {
                if (k == key) {
                    return v;
                }
            }
            return std::nullopt;
        };
        const auto algorithm = item("X-Amz-Algorithm");
        if (!algorithm) {
            return failure(result, u"MissingAuthenticationTokenException"_s,
                           u"Missing Authentication Token"_s, 403);
        }
        result.presigned = true;
        QStringList missing;
        const std::pair<const char *, QByteArray *> required[] = {
            {"X-Amz-Credential", &credential},
            {"X-Amz-Signature", &providedSignature},
            {"X-Amz-SignedHeaders", &signedHeadersValue},
            {"X-Amz-Date", &dateValue}};
        for (const auto &[key, target] : required) {
            const auto value = item(key);
            if (!value || value->isEmpty()) {
                missing << u"AWS query-string parameters must include '%1'."_s.arg(
                    QLatin1StringView(key));
            } else {
                *target = *value;
            }
        }
        if (*algorithm != kAlgorithm) {
            missing.prepend(u"Unsupported AWS 'algorithm': '%1'."_s.arg(latin1(*algorithm)));
        }
        if (!missing.isEmpty()) {
            return failure(result, u"IncompleteSignatureException"_s,
                           missing.join(u' ') + u" Re-examine the query-string parameters."_s, 400);
        }
        requestTime = parseAmzDate(dateValue);
        if (const auto expires = item("X-Amz-Expires")) {
            bool isNumber = false;
            expiresSecs = expires->toLongLong(&isNumber);
            if (!isNumber || expiresSecs < 0) {
                return failure(result, u"IncompleteSignatureException"_s,
                               u"X-Amz-Expires must be non-negative"_s, 400);
            }
        }
        if (const auto token = item("X-Amz-Security-Token")) {
            result.sessionToken = QString::fromUtf8(*token);
        }
    }

    if (!requestTime.isValid()) {
        return failure(result, u"IncompleteSignatureException"_s,
                       u"Date must be in ISO-8601 'basic format'. Got '%1'. See "
                       u"http://en.wikipedia.org/wiki/ISO_8601"_s.arg(latin1(dateValue)),
                       400);
    }

    const QList<QByteArray> scope = credential.split('/');
    if (scope.size() != 5) {
        return failure(result, u"IncompleteSignatureException"_s,
                       u"Credential must have exactly 5 slash-delimited elements, e.g. "
                       u"keyid/date/region/service/term, got '%1'"_s.arg(latin1(credential)),
                       400);
    }
    result.accessKeyId = QString::fromUtf8(scope.at(0));
    result.region = QString::fromUtf8(scope.at(2));
    result.service = QString::fromUtf8(scope.at(3));
    if (scope.at(4) != kTerminator) {
        return failure(result, u"IncompleteSignatureException"_s,
                       u"Credential should be scoped with a valid terminator: 'aws4_request', "
                       u"not '%1'. "_s.arg(latin1(scope.at(4))),
                       400);
    }
    if (scope.at(1) != dateValue.first(8)) {
        return failure(result, u"InvalidSignatureException"_s,
                       u"Date in Credential scope does not match YYYYMMDD from ISO-8601 "
                       u"version of date from HTTP: '%1' != '%2', from '%3'."_s.arg(
                           latin1(scope.at(1)), latin1(dateValue.first(8)), latin1(dateValue)),
                       403);
    }
    if (result.region.isEmpty()) {
        return failure(result, u"InvalidSignatureException"_s,
                       u"Credential should be scoped to a valid region. "_s, 403);
    }
    if (!options.expectedService.isEmpty() && result.service != options.expectedService) {
        return failure(result, u"InvalidSignatureException"_s,
                       u"Credential should be scoped to correct service: '%1'. "_s.arg(
                           options.expectedService),
                       403);
    }

    const QList<QByteArray> signedHeaders = signedHeadersValue.split(';');
    if (!signedHeaders.contains("host")) {
        return failure(result, u"IncompleteSignatureException"_s,
                       u"'Host' or ':authority' must be a 'SignedHeader' in the AWS "
                       u"Authorization."_s,
                       400);
    }

    const QDateTime nowUtc = now.toUTC();
    const qint64 skew = options.maxClockSkewSecs;
    if (requestTime.secsTo(nowUtc) > skew) {
        if (!result.presigned) {
            return failure(result, u"InvalidSignatureException"_s,
                           u"Signature expired: %1 is now earlier than %2 (%3 - %4 min.)"_s.arg(
                               latin1(dateValue), latin1(amzDate(nowUtc.addSecs(-skew))),
                               latin1(amzDate(nowUtc)), QString::number(skew / 60)),
                           403);
        }
    }
    if (nowUtc.secsTo(requestTime) > skew) {
        return failure(result, u"InvalidSignatureException"_s,
                       u"Signature not yet current: %1 is still later than %2 (%3 + %4 min.)"_s.arg(
                           latin1(dateValue), latin1(amzDate(nowUtc.addSecs(skew))),
                           latin1(amzDate(nowUtc)), QString::number(skew / 60)),
                       403);
    }
    if (result.presigned && expiresSecs >= 0 && requestTime.secsTo(nowUtc) > expiresSecs) {
        return failure(result, u"InvalidSignatureException"_s,
                       u"Signature expired: %1 is now earlier than %2 (%3 - %4 sec.)"_s.arg(
                           latin1(dateValue), latin1(amzDate(nowUtc.addSecs(-expiresSecs))),
                           latin1(amzDate(nowUtc)), QString::number(expiresSecs)),
                       403);
    }

    if (!result.presigned && request.hasHeader("x-amz-security-token")) {
        result.sessionToken = QString::fromUtf8(request.header("x-amz-security-token"));
    }

    const std::optional<QString> secret = lookup ? lookup(result.accessKeyId) : std::nullopt;
    if (!secret) {
        return failure(result, u"UnrecognizedClientException"_s, kUnknownKey, 403);
    }

    QByteArray payloadHash;
    const QByteArray contentSha = request.header("x-amz-content-sha256").trimmed();
    if (request.bodyTooLarge && contentSha != kUnsignedPayload) {
        return failure(result, u"RequestEntityTooLargeException"_s,
                       u"Request must be smaller than the maximum payload size"_s, 413);
    }
    if (contentSha.isEmpty()) {
        payloadHash = hexSha256(request.body);
    } else if (isHexSha256(contentSha)) {
        payloadHash = hexSha256(request.body);
        if (contentSha.toLower() != payloadHash) {
            return failure(result, u"InvalidSignatureException"_s, kMismatch, 403);
        }
        payloadHash = contentSha;
    } else {
        payloadHash = contentSha; // UNSIGNED-PAYLOAD (or a streaming marker, signed as sent)
    }

    const QByteArray method = request.method;
    result.canonicalRequest = canonicalRequest(
        method, request.target, request.headers, signedHeaders, payloadHash, options.normalizePath,
        result.presigned ? "X-Amz-Signature" : QByteArrayView());
    result.stringToSign = stringToSign(
        dateValue, scope.at(1) + '/' + scope.at(2) + '/' + scope.at(3) + '/' + scope.at(4),
        result.canonicalRequest);
    const QByteArray expected = signature(
        signingKey(*secret, scope.at(1), result.region, result.service), result.stringToSign);
    if (!constantTimeEquals(expected, providedSignature.toLower())) {
        return failure(result, u"InvalidSignatureException"_s, kMismatch, 403);
    }
    result.ok = true;
    result.httpStatus = 200;
    return result;
}

} // namespace Lwb
