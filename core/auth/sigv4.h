// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/httprequest.h"
#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>
#include <optional>

namespace Lwb {

/** An access key pair, with the session token of temporary credentials (else empty). */
struct LWB_CORE_EXPORT SigV4Credentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
};

/** What SigV4::sign() and SigV4::presign() sign: the request as it will go on the wire. */
struct LWB_CORE_EXPORT SigV4Request
{
    QByteArray method;         ///< "GET", "POST", …
    QByteArray target;         ///< path and query exactly as sent (already encoded)
    QList<HttpHeader> headers; ///< every header to send; must include Host
    QByteArray body;
};

/** How a request is signed. */
struct LWB_CORE_EXPORT SigV4SigningParams
{
    /** How the payload enters the signature. */
    enum class Payload {
        Hash,       ///< hex SHA-256 of the body, no extra header (botocore for Lambda)
        HashHeader, ///< the same, also sent and signed as X-Amz-Content-Sha256
        Unsigned,   ///< "UNSIGNED-PAYLOAD", sent and signed as X-Amz-Content-Sha256
    };

    SigV4Credentials credentials;
    QString region;
    QString service;
    QDateTime time; ///< the signing time (any time spec; used as UTC)
    Payload payload = Payload::Hash;
    /** Remove "." and ".." segments and empty segments before encoding (false for S3). */
    bool normalizePath = true;
    /** False: the session token is added after signing, outside the signature. */
    bool signSessionToken = true;
    int expiresSecs = 3600; ///< presign() only: X-Amz-Expires
};

/** The outcome of SigV4::sign() or SigV4::presign(). */
struct LWB_CORE_EXPORT SigV4Signature
{
    /** sign(): the headers to add to the request (X-Amz-Security-Token, X-Amz-Date,
     *  X-Amz-Content-Sha256, Authorization, in that order, each only when used). */
    QList<HttpHeader> headers;
    /** presign(): the request target to send instead (the query with the X-Amz-* items). */
    QByteArray target;
    QByteArray authorization; ///< sign(): the Authorization value
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; ///< 64 lower-case hex digits
};

/** How SigV4::verify() checks a request. */
struct LWB_CORE_EXPORT SigV4VerifyOptions
{
    /** When not empty, the credential scope must name this service (e.g. "lambda"). */
    QString expectedService;
    /** Allowed distance between the request's date and now, either way (AWS: 5 min). */
    qint64 maxClockSkewSecs = 300;
    /** Normalise the path like the signer did; true for every service but S3. */
    bool normalizePath = true;
};

/**
 * What SigV4::verify() found. When ok is false, errorCode / message / httpStatus are what
 * AWS answers (errorCode goes into the x-amzn-ErrorType header and the JSON "__type" /
 * "message" body of a rest-json error).
 */
struct LWB_CORE_EXPORT SigV4VerifyResult
{
    bool ok = false;
    QString accessKeyId;
    QString region;         ///< from the credential scope
    QString service;        ///< from the credential scope
    QString sessionToken;   ///< X-Amz-Security-Token, when sent
    bool presigned = false; ///< signed in the query rather than Authorization
    QString errorCode;      ///< e.g. "InvalidSignatureException"
    QString message;        ///< AWS's wording
    int httpStatus = 200;   ///< 400 or 403 on failure
    /** What the verifier signed (useful in logs when a client disagrees). */
    QByteArray canonicalRequest;
    QByteArray stringToSign;
};

/**
 * AWS Signature Version 4 (AWS4-HMAC-SHA256), as botocore's SigV4Auth computes it and as
 * the aws-c-auth test suite pins it: canonical request, string to sign, signing key and
 * signature, a signer (Authorization header or presigned query) and a verifier for requests
 * received by HttpServer.
 *
 * The canonical URI is built from the path as sent, normalised (unless disabled) and then
 * percent-encoded once more, so an already-encoded path is double-encoded as every service
 * but S3 expects. Stateless apart from a small, thread-safe cache of derived signing keys;
 * all functions may be called from any thread.
 */
class LWB_CORE_EXPORT SigV4
{
public:
    /** Returns the secret for an access key id, or nullopt when the key is unknown. */
    using SecretLookup = std::function<std::optional<QString>(const QString &accessKeyId)>;

    static constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
    static constexpr QByteArrayView kUnsignedPayload = "UNSIGNED-PAYLOAD";

    /** Lower-case hex SHA-256 of @p data. */
    static QByteArray hexSha256(QByteArrayView data);
    /** The canonical URI of the encoded path @p rawPath (the target without its query). */
    static QByteArray canonicalUri(QByteArrayView rawPath, bool normalize = true);
    /** The canonical query of the encoded query @p rawQuery (without "?"), optionally
     *  leaving out one item (X-Amz-Signature when verifying a presigned request). */
    static QByteArray canonicalQuery(QByteArrayView rawQuery, QByteArrayView excludeKey = {});
    /** A header value trimmed, with every whitespace run folded to one space. */
    static QByteArray canonicalHeaderValue(QByteArrayView value);
    /**
     * The canonical request. @p signedHeaders are lower-case names, sorted; each one's
     * values (all fields of that name, in order) are joined by ",".
     */
    static QByteArray canonicalRequest(QByteArrayView method, QByteArrayView target,
                                       const QList<HttpHeader> &headers,
                                       const QList<QByteArray> &signedHeaders,
                                       QByteArrayView payloadHash, bool normalizePath = true,
                                       QByteArrayView excludeQueryKey = {});
    /** "<yyyyMMdd>/<region>/<service>/aws4_request". */
    static QByteArray credentialScope(QByteArrayView date, const QString &region,
                                      const QString &service);
    static QByteArray stringToSign(QByteArrayView amzDate, QByteArrayView scope,
                                   QByteArrayView canonicalRequest);
    /** kSigning = HMAC chain over "AWS4"+secret, date (yyyyMMdd), region, service,
     *  "aws4_request"; served from a small cache when it was derived before. */
    static QByteArray signingKey(const QString &secret, QByteArrayView date, const QString &region,
                                 const QString &service);
    /** Lower-case hex HMAC-SHA256 of @p stringToSign under @p signingKey. */
    static QByteArray signature(QByteArrayView signingKey, QByteArrayView stringToSign);
    /** A time as "yyyyMMddTHHmmssZ" (UTC). */
    static QByteArray amzDate(const QDateTime &time);

    /** Signs @p request for the Authorization header form. */
    static SigV4Signature sign(const SigV4Request &request, const SigV4SigningParams &params);
    /** Signs @p request in its query string (a presigned URL); only the headers are signed. */
    static SigV4Signature presign(const SigV4Request &request, const SigV4SigningParams &params);

    /**
     * Checks the signature of @p request (Authorization header, or X-Amz-* query items)
     * against the secret @p lookup returns, at time @p now. Callers should answer an
     * oversize body (HttpRequest::bodyTooLarge) before verifying: its hash is unknown.
     */
    static SigV4VerifyResult verify(const HttpRequest &request, const SecretLookup &lookup,
                                    const QDateTime &now, const SigV4VerifyOptions &options = {});
};

} // namespace Lwb
