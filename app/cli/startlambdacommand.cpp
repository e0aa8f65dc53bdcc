// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-lambda`: the Lambda Invoke API on a local port, SAM CLI's shape and
// defaults, so that `aws lambda invoke --endpoint-url http://127.0.0.1:3001` and boto3 work
// unchanged.
#include "clicommand.h"
#include "localservices.h"

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int startLambda(const QStringList &arguments)
{
    return LocalServices::run(
        LocalServices::Part::InvokeApi | LocalServices::Part::Triggers,
        u"Serve the Lambda Invoke API for the functions of a SAM template, as `sam local "
        "start-lambda` does, so that the AWS CLI and SDKs invoke them with --endpoint-url. "
        "Every invocation's log goes to stderr. Stop with Ctrl+C.\n\n"
        "Every request must be signed with AWS Signature Version 4 (service lambda, the engine's "
        "region us-east-1) by an administrator key pair: access key test / secret test, or one "
        "given with --credential or --credentials-file. Each function's sandbox gets temporary "
        "credentials of its own role, allowed what its Policies (or Role) allow, and the API's "
        "address as LWB_LAMBDA_ENDPOINT. --no-auth turns all of this off."_s,
        arguments);
}

const CliCommandRegistration registration({
    u"local start-lambda"_s,
    u"local start-lambda [-t template.yaml] [--host H [--allow-remote]] [-p 3001] [--no-auth]"_s,
    u"Serve the Lambda Invoke API for aws lambda invoke and the SDKs"_s,
    startLambda,
});

} // namespace

} // namespace Lwb
