// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QString>

#include <nlohmann/json.hpp>

namespace Lwb::HttpApi {

/**
 * The Lambda function an API Gateway integration (or a Lambda authorizer) names, read the way
 * SAM CLI reads it: a plain ARN string (`arn:aws:apigateway:…/functions/arn:aws:lambda:…:
 * function:Name/invocations`, or the function's own ARN), `Fn::Sub` with `${Fn.Arn}` /
 * `${Fn.Alias}` (string or list form, whose variables may be `!GetAtt Fn.Arn` / `!Ref Fn`),
 * `Fn::GetAtt [Fn, Arn]` and `Ref Fn`. Stateless.
 */
class IntegrationUri
{
public:
    /**
     * The function name or logical id @p uri names; empty (and @p why) when it names none or
     * cannot be resolved locally (a stage variable, Fn::Join …).
     */
    static QString functionName(const nlohmann::json &uri, QString *why);
};

} // namespace Lwb::HttpApi
