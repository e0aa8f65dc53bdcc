// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/iampolicy.h"
#include "lwb_core_export.h"

#include <QtCore/QStringList>

#include <vector>

namespace Lwb {

struct FunctionConfig;

/** The identity-based policies of one function's role, and what could not be represented. */
struct LWB_CORE_EXPORT FunctionPolicySet
{
    QString functionName;
    std::vector<IamPolicy> policies;
    QStringList warnings; ///< unsupported policy templates, unknown managed policies, …
};

/**
 * Turns a function's SAM `Policies` (or the policies of the template role its `Role` names,
 * which the template loader stores in the same list form) into IAM policy documents:
 *
 *  - inline policy documents (`{Statement: …}`), intrinsics resolved for this template
 *    (`!Sub` with ${AWS::Region}, ${AWS::AccountId}, ${AWS::Partition} and function logical
 *    ids, `!Ref`/`!GetAtt X.Arn` of functions, `!Join`);
 *  - SAM policy templates that concern the Lambda API (`LambdaInvokePolicy`); any other
 *    template is reported as unsupported (it grants no Lambda API action);
 *  - AWS managed policies by name or ARN: AdministratorAccess, AWSLambda_FullAccess,
 *    AWSLambdaRole, AWSLambda_ReadOnlyAccess and AWSLambdaBasicExecutionRole; other names are
 *    reported and grant nothing.
 *
 * A Role ARN outside the template has no known policies: its function is allowed nothing, and
 * that is reported. Stateless; thread-safe.
 */
class LWB_CORE_EXPORT FunctionPolicies
{
public:
    /** @p functions: every function of the project (to resolve references to them). */
    static FunctionPolicySet of(const FunctionConfig &function,
                                const std::vector<FunctionConfig> &functions, const QString &region,
                                const QString &accountId);
};

} // namespace Lwb
