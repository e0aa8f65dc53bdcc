// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"
#include "deploy/lambdaclient.h"
#include "lwb_core_export.h"
#include "model/functionconfig.h"

#include <QtCore/QProcessEnvironment>
#include <QtCore/QUrl>

#include <optional>

namespace Lwb {

/**
 * Where a deploy goes, as `lwb deploy` and the deploy panel name it: a Lambda-compatible
 * endpoint (a local engine, e.g. `lwb local start-lambda`) or AWS Lambda in a region, with keys
 * from the standard chain (AwsCredentials) or given explicitly (the GUI's keychain). A plain
 * value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT DeployTarget
{
    QUrl endpointUrl; ///< empty: AWS Lambda (LambdaEndpoint::awsUrl(region))
    QString profile;  ///< empty: AWS_PROFILE, else default
    QString region;   ///< empty: the environment's or the profile's
    std::optional<SigV4Credentials> credentials; ///< explicit keys instead of the chain

    /** The local engine's administrator key pair (start-lambda without --credential). */
    static SigV4Credentials localCredentials();

    bool isLocal() const { return !endpointUrl.isEmpty(); }
    /** True when @p url can name an endpoint: http(s) with a host. */
    static bool isEndpointUrl(const QUrl &url);

    /**
     * The endpoint and its signing keys. A local endpoint without keys found (and no profile
     * named) uses localCredentials() and us-east-1. Returns nullopt and sets @p error when AWS
     * has no keys or no region, or the endpoint URL is not http(s).
     */
    std::optional<LambdaEndpoint> resolve(const QProcessEnvironment &environment,
                                          QString *error) const;

    /**
     * The execution role @p function is deployed with: @p given, else the template's Role when
     * it is an ARN; on a local endpoint the role the engine gives template functions. Empty (and
     * @p error) on AWS when there is none.
     */
    QString role(const FunctionConfig &function, const QString &given, QString *error) const;
};

} // namespace Lwb
