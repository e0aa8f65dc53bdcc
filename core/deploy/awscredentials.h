// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"
#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace Lwb {

/** What the credential chain found: the keys, the region and where they came from. */
struct LWB_CORE_EXPORT AwsIdentity
{
    SigV4Credentials credentials;
    QString region; ///< empty when nothing names one
    QString source; ///< "environment", "profile default (~/.aws/credentials)", …
};

/**
 * The standard AWS credential chain, as the CLI and SDKs walk it:
 * 1. an explicit profile (--profile) reads only the shared files;
 * 2. otherwise `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
 * 3. otherwise the profile `AWS_PROFILE` (else `default`) from `~/.aws/credentials`
 *    (`AWS_SHARED_CREDENTIALS_FILE`) and then `~/.aws/config` (`AWS_CONFIG_FILE`, sections
 *    `[profile NAME]`, `[default]`), with `aws_access_key_id`, `aws_secret_access_key`,
 *    `aws_session_token` or `credential_process` (a command printing the JSON
 *    `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…}`).
 * The region: an explicit one, else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
 * Everything is read from @p environment (HOME included), so tests and callers control it.
 * Stateless; thread-agnostic (credential_process blocks for up to 30 s).
 */
class LWB_CORE_EXPORT AwsCredentials
{
public:
    /** Returns nullopt and sets @p error (naming the profile and files) when no keys are found. */
    static std::optional<AwsIdentity> resolve(const QProcessEnvironment &environment,
                                              const QString &profile, const QString &region,
                                              QString *error);

    /**
     * The explicit-credentials path: @p credentials given by the caller (the GUI's keychain)
     * instead of the chain; the region is worked out as resolve() does for @p profile.
     */
    static AwsIdentity withKeys(const QProcessEnvironment &environment,
                                const SigV4Credentials &credentials, const QString &profile,
                                const QString &region);

    /** The profile names of the shared files (`default` first, then sorted). */
    static QStringList profiles(const QProcessEnvironment &environment);

    /** An INI file's sections: name → key → value (keys lower-cased, values trimmed). */
    static QMap<QString, QMap<QString, QString>> parseIni(const QByteArray &text);
};

} // namespace Lwb
