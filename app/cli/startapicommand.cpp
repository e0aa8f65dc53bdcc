// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-api`: the template's API Gateway routes (`Api` and `HttpApi` events, OpenAPI
// definitions, AWS::ApiGateway(V2) resources) on one local port, SAM CLI's shape and defaults.
// The gateway itself is the http-api plugin's, hosted by LocalServices.
#include "clicommand.h"
#include "localservices.h"

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int startApi(const QStringList &arguments)
{
    return LocalServices::run(
        LocalServices::Part::HttpApi,
        u"Serve the API Gateway routes of a SAM template's functions (Api events: REST APIs, "
        "payload format 1.0; HttpApi events: HTTP APIs, payload format 2.0), of its APIs' OpenAPI "
        "definitions and of plain AWS::ApiGateway / AWS::ApiGatewayV2 resources on one local "
        "port, as `sam local start-api` does. Each request invokes its function; an edited "
        "handler is used by the next request. Stop with Ctrl+C."_s,
        arguments);
}

const CliCommandRegistration registration({
    u"local start-api"_s,
    u"local start-api [-t template.yaml] [--host 127.0.0.1] [-p 3000] [--jwks keys.json]"_s,
    u"Serve the template's API Gateway routes (Api, HttpApi) locally"_s,
    startApi,
});

} // namespace

} // namespace Lwb
