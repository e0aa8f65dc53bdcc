// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/lambdaoperations.h"
#include "auth/sigv4.h"
#include "lwb_core_export.h"

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QPointer>
#include <QtCore/QString>

#include <optional>

namespace Lwb {

class Engine;
class InvokeApiServer;
struct HttpRequest;

/**
 * How the Lambda API of a served engine authenticates: on by default, with the local pair
 * `test` / `test` as administrator; more pairs from `--credential KEY:SECRET` and
 * `--credentials-file F`. A plain value type.
 */
struct LWB_CORE_EXPORT ApiAuthSettings
{
    bool enabled = true;
    /** Administrator key pairs (allowed everything). */
    QList<SigV4Credentials> credentials = {{QStringLiteral("test"), QStringLiteral("test"), {}}};

    /** "KEY:SECRET" (the secret may contain ':'); nullopt and @p error when malformed. */
    static std::optional<SigV4Credentials> parseCredential(const QString &text,
                                                           QString *error = nullptr);
    /**
     * Every key pair of a credentials file: the AWS shared-credentials format
     * (`[profile]`, `aws_access_key_id = …`, `aws_secret_access_key = …`) or one `KEY:SECRET`
     * per line; `#` and `;` start comments. nullopt and @p error when unreadable or empty.
     */
    static std::optional<QList<SigV4Credentials>> readCredentialsFile(const QString &path,
                                                                      QString *error = nullptr);

    /** Hands the settings to the auth extension of @p server (before attachAllApi()). */
    void applyTo(InvokeApiServer &server) const;
    /** What applyTo() gave @p server; the defaults when nothing was. */
    static ApiAuthSettings of(const InvokeApiServer &server);
};

/**
 * The gate in front of every Lambda API route: AWS Signature Version 4 (service `lambda`, the
 * engine's region, 5 minutes of clock skew) from a known key pair, then — for a function's own
 * credentials (FunctionIdentity) — IAM evaluation of the function's policies (FunctionPolicies)
 * for the action and resource of the call (LambdaOperations). Failures carry AWS's codes,
 * statuses and messages, and nothing else.
 *
 * Lives on the engine's thread; does not own the engine.
 */
class LWB_CORE_EXPORT ApiAuthorizer
{
public:
    /** The outcome for one request. */
    struct Decision
    {
        bool allowed = false;
        int httpStatus = 200;
        QString errorCode;
        QString message;
        QString principalArn; ///< who signed (a function's assumed role, or the admin user)
        std::optional<LambdaOperation> operation;
    };

    ApiAuthorizer(Engine *engine, const ApiAuthSettings &settings);

    Decision check(const HttpRequest &request, const QDateTime &now) const;

    /** Installs an authorizer as a filter of @p server (for the engine @p server serves). */
    static void install(InvokeApiServer &server, const ApiAuthSettings &settings);

private:
    struct Principal
    {
        QString secret;
        QString functionName; ///< empty for an administrator
        QString sessionToken; ///< what a function's key must come with
    };
    std::optional<Principal> principal(const QString &accessKeyId) const;

    QPointer<Engine> m_engine;
    ApiAuthSettings m_settings;
    QHash<QString, QString> m_adminSecrets;
};

} // namespace Lwb
