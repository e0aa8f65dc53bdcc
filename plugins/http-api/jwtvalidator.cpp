// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwtvalidator.h"

#include "authorizer.h"

#include <QtCore/QFile>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using BigNum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

std::optional<QByteArray> base64Url(const QByteArray &text)
{
    const QByteArray::FromBase64Result r = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    return r ? std::optional<QByteArray>(*r) : std::nullopt;
}

QString str(const nlohmann::json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

/** A claim as API Gateway hands it to the integration: a string ("[a b]" for a list). */
std::string claimText(const nlohmann::json &v)
{
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_array()) {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i) {
            out += (i ? " " : "") + claimText(v[i]);
        }
        return out + "]";
    }
    return v.dump();
}

Key rsaKey(const nlohmann::json &jwk)
{
    const std::optional<QByteArray> n = base64Url(str(jwk.value("n", nlohmann::json())).toLatin1());
    const std::optional<QByteArray> e = base64Url(str(jwk.value("e", nlohmann::json())).toLatin1());
    if (!n || !e || n->isEmpty() || e->isEmpty()) {
        return nullptr;
    }
    const BigNum bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(n->constData()),
                              int(n->size()), nullptr));
    const BigNum be(BN_bin2bn(reinterpret_cast<const unsigned char *>(e->constData()),
                              int(e->size()), nullptr));
    const ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!bn || !be || !builder ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, be.get())) {
        return nullptr;
    }
    const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
        return nullptr;
    }
    return Key(key);
}

bool verifies(EVP_PKEY *key, const EVP_MD *digest, const QByteArray &data,
              const QByteArray &signature)
{
    const DigestContext context(EVP_MD_CTX_new());
    return context && EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key) == 1 &&
           EVP_DigestVerify(
               context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
               size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.constData()),
               size_t(data.size())) == 1;
}

JwtValidator::Outcome unauthorized(const QString &why)
{
    JwtValidator::Outcome o;
    o.statusCode = 401;
    o.description = why;
    return o;
}

} // namespace

bool JwtValidator::loadKeys(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the key set %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const nlohmann::json set = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!set.is_object() || !set.contains("keys") || !set["keys"].is_array() ||
        set["keys"].empty()) {
        *error = u"%1 is not a JSON Web Key Set ({\"keys\": [...]})"_s.arg(path);
        return false;
    }
    for (const nlohmann::json &key : set["keys"]) {
        if (!key.is_object() || str(key.value("kty", nlohmann::json())) != u"RSA"_s ||
            !rsaKey(key)) {
            *error = u"%1: every key must be an RSA key with n and e (API Gateway supports only "
                     "RSA-based algorithms)"_s.arg(path);
            return false;
        }
    }
    m_keys = set["keys"];
    return true;
}

JwtValidator::Outcome JwtValidator::validate(const QString &identity, const Authorizer &authorizer,
                                             const QStringList &scopes, const QDateTime &now) const
{
    QString token = identity.trimmed();
    if (token.startsWith(u"Bearer "_s, Qt::CaseInsensitive)) {
        token = token.mid(7).trimmed();
    }
    if (token.isEmpty()) {
        return unauthorized(u"no token in the identity source"_s);
    }
    const QList<QByteArray> parts = token.toLatin1().split('.');
    const std::optional<QByteArray> headerText =
        parts.size() == 3 ? base64Url(parts[0]) : std::nullopt;
    const std::optional<QByteArray> payloadText =
        parts.size() == 3 ? base64Url(parts[1]) : std::nullopt;
    const std::optional<QByteArray> signature =
        parts.size() == 3 ? base64Url(parts[2]) : std::nullopt;
    if (!headerText || !payloadText || !signature) {
        return unauthorized(u"the token is not a JWT"_s);
    }
    const nlohmann::json header = nlohmann::json::parse(headerText->toStdString(), nullptr, false);
    const nlohmann::json claims = nlohmann::json::parse(payloadText->toStdString(), nullptr, false);
    if (!header.is_object() || !claims.is_object()) {
        return unauthorized(u"the token is not a JWT"_s);
    }

    if (checksSignatures()) {
        const QString alg = str(header.value("alg", nlohmann::json()));
        const EVP_MD *digest = alg == u"RS256"_s   ? EVP_sha256()
                               : alg == u"RS384"_s ? EVP_sha384()
                               : alg == u"RS512"_s ? EVP_sha512()
                                                   : nullptr;
        if (!digest) {
            return unauthorized(u"the token's algorithm %1 is not supported (only RS256, RS384 "
                                "and RS512 are)"_s.arg(alg));
        }
        const nlohmann::json kid = header.value("kid", nlohmann::json());
        const nlohmann::json *jwk = nullptr;
        for (const nlohmann::json &k : m_keys) {
            if (k.value("kid", nlohmann::json()) == kid) {
                jwk = &k;
                break;
            }
        }
        if (!jwk) {
            return unauthorized(u"the token's kid matches no key of the key set"_s);
        }
        const Key key = rsaKey(*jwk);
        if (!key || !verifies(key.get(), digest, parts[0] + '.' + parts[1], *signature)) {
            return unauthorized(u"the token's signature is not valid"_s);
        }
    }

    if (str(claims.value("iss", nlohmann::json())) != authorizer.jwtIssuer) {
        return unauthorized(u"the token does not have a valid issuer"_s);
    }
    const nlohmann::json aud =
        claims.contains("aud") ? claims["aud"] : claims.value("client_id", nlohmann::json());
    bool audienceOk = false;
    for (const nlohmann::json &a : aud.is_array() ? aud : nlohmann::json::array({aud})) {
        audienceOk = audienceOk || authorizer.jwtAudiences.contains(str(a));
    }
    if (!audienceOk) {
        return unauthorized(u"the token does not have a valid audience"_s);
    }
    const qint64 seconds = now.toSecsSinceEpoch();
    const nlohmann::json exp = claims.value("exp", nlohmann::json());
    if (!exp.is_number() || exp.get<double>() <= double(seconds)) {
        return unauthorized(exp.is_number() ? u"the token has expired"_s
                                            : u"the token has no valid exp claim"_s);
    }
    for (const char *claim : {"nbf", "iat"}) {
        const nlohmann::json t = claims.value(claim, nlohmann::json());
        if (!t.is_null() && (!t.is_number() || t.get<double>() > double(seconds))) {
            return unauthorized(u"the token is not valid yet (%1)"_s.arg(QLatin1StringView(claim)));
        }
    }

    Outcome o;
    QStringList tokenScopes;
    const nlohmann::json scopeClaim =
        claims.contains("scope") ? claims["scope"] : claims.value("scp", nlohmann::json());
    if (scopeClaim.is_string()) {
        tokenScopes = str(scopeClaim).split(u' ', Qt::SkipEmptyParts);
    } else if (scopeClaim.is_array()) {
        for (const nlohmann::json &s : scopeClaim) {
            tokenScopes << str(s);
        }
    }
    bool scopeOk = scopes.isEmpty();
    for (const QString &s : scopes) {
        scopeOk = scopeOk || tokenScopes.contains(s);
    }
    if (!scopeOk) {
        o.statusCode = 403;
        o.description =
            u"the token does not have one of the route's scopes [%1]"_s.arg(scopes.join(u' '));
        return o;
    }
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        o.claims[it.key()] = claimText(it.value());
    }
    if (!tokenScopes.isEmpty()) {
        o.scopes = nlohmann::json::array();
        for (const QString &s : std::as_const(tokenScopes)) {
            o.scopes.push_back(s.toStdString());
        }
    }
    return o;
}

} // namespace Lwb::HttpApi
