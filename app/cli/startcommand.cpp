// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start`: the whole local stack on one engine until Ctrl+C — the HTTP API (3000),
// the Lambda Invoke API (3001) and every event source of every trigger in the template.
#include "clicommand.h"
#include "localservices.h"

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int startAll(const QStringList &arguments)
{
    return LocalServices::run(
        LocalServices::Part::HttpApi | LocalServices::Part::InvokeApi | LocalServices::Part::Triggers,
        u"Run the whole local stack of a SAM template on one engine: the API Gateway routes "
        "(Api and HttpApi events) on --port (3000), the Lambda Invoke and control-plane API for "
        "aws lambda and the SDKs on --lambda-port (3001, SigV4-signed as in `lwb local "
        "start-lambda`), and every other event source of the template's triggers (S3 folders, "
        "schedules, SQS queues…). Every invocation's log goes to stderr. Stop with Ctrl+C."_s,
        arguments);
}

const CliCommandRegistration registration({
    u"local start"_s,
    u"local start [-t template.yaml] [-p 3000] [--lambda-port 3001] [--no-auth]"_s,
    u"Run the HTTP API, the Lambda API and every event source at once"_s,
    startAll,
});

} // namespace

} // namespace Lwb
