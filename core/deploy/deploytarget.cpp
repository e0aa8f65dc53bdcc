// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deploytarget.h"

#include "deploy/awscredentials.h"

using namespace Qt::StringLiterals;

namespace Lwb {

SigV4Credentials DeployTarget::localCredentials()
{
    return {u"test"_s, u"test"_s, {}};
}

bool DeployTarget::isEndpointUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == u"http"_s || url.scheme() == u"https"_s);
}

std::optional<LambdaEndpoint> DeployTarget::resolve(const QProcessEnvironment &environment,
                                                    QString *error) const
{
    LambdaEndpoint endpoint;
    if (isLocal()) {
        if (!isEndpointUrl(endpointUrl)) {
            *error = u"The endpoint needs an http:// or https:// URL, not '%1'"_s.arg(
                endpointUrl.toString());
            return std::nullopt;
        }
        endpoint.url = endpointUrl;
    }
    if (credentials) {
        const AwsIdentity identity =
            AwsCredentials::withKeys(environment, *credentials, profile, region);
        endpoint.credentials = identity.credentials;
        endpoint.region = identity.region;
    } else if (const std::optional<AwsIdentity> identity =
                   AwsCredentials::resolve(environment, profile, region, error)) {
        endpoint.credentials = identity->credentials;
        endpoint.region = identity->region;
    } else if (isLocal() && profile.isEmpty()) {
        endpoint.credentials = localCredentials();
        endpoint.region = region;
    } else {
        return std::nullopt;
    }
    if (endpoint.region.isEmpty()) {
        if (!isLocal()) {
            *error = u"You must specify a region (--region, AWS_REGION or the profile's "
                     "region)"_s;
            return std::nullopt;
        }
        endpoint.region = u"us-east-1"_s;
    }
    if (!isLocal()) {
        endpoint.url = LambdaEndpoint::awsUrl(endpoint.region);
    }
    return endpoint;
}

QString DeployTarget::role(const FunctionConfig &function, const QString &given,
                           QString *error) const
{
    if (!given.isEmpty()) {
        return given;
    }
    if (function.role.startsWith(u"arn:"_s)) {
        return function.role;
    }
    if (!isLocal()) {
        *error = u"%1 needs an execution role ARN on AWS: give its Role in the template as an "
                 "ARN, or --role arn:aws:iam::ACCOUNT:role/NAME"_s.arg(function.logicalId);
        return {};
    }
    // The role the local engine gives template functions without one.
    return u"arn:aws:iam::123456789012:role/%1"_s.arg(
        function.role.isEmpty() ? function.logicalId + u"Role"_s : function.role);
}

} // namespace Lwb
