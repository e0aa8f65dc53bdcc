// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

namespace Lwb::HttpApi {

struct Authorizer;

/**
 * An HTTP API's JWT authorizer, checked locally as API Gateway checks it: the token (alone or
 * after "Bearer ") must be a JWT whose `iss` is the authorizer's issuer, whose `aud` (or, without
 * one, `client_id`) is one of its audiences, that has not expired (`exp`) and is already valid
 * (`nbf`, `iat`); a route with authorization scopes needs one of them in `scope` / `scp`.
 * Signatures (RS256, RS384, RS512, the key found by `kid`) are checked when a JSON Web Key Set
 * was loaded; API Gateway would fetch it from the issuer, which a local gateway cannot.
 * Holds no state but the keys; thread-agnostic.
 */
class JwtValidator
{
public:
    /** What the check found. */
    struct Outcome
    {
        int statusCode = 200; ///< 200, or 401 (bad token) / 403 (missing scope)
        QString description;  ///< why not, as in API Gateway's www-authenticate header
        nlohmann::json claims = nlohmann::json::object(); ///< every value a string, as API
                                                          ///< Gateway passes them
        nlohmann::json scopes;                            ///< the token's scopes, or null
    };

    /** Loads the JSON Web Key Set at @p path ({"keys": [...]}); false with @p error. */
    bool loadKeys(const QString &path, QString *error);
    /** Whether signatures are checked (a key set was loaded). */
    bool checksSignatures() const { return !m_keys.empty(); }

    /**
     * Checks @p identity (the identity source's value) for @p authorizer on a route that needs
     * one of @p scopes (none: any token will do), at @p now.
     */
    Outcome validate(const QString &identity, const Authorizer &authorizer,
                     const QStringList &scopes, const QDateTime &now) const;

private:
    nlohmann::json m_keys = nlohmann::json::array();
};

} // namespace Lwb::HttpApi
