// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/functionpolicies.h"
#include "lwb_core_export.h"

#include <QtCore/QString>

#include <vector>

namespace Lwb {

/** One over-broad grant (or a policy that cannot be read), with where it is. */
struct LWB_CORE_EXPORT PolicyFinding
{
    QString functionName;
    QString policyName;      ///< e.g. "Policies[1]"
    int statementIndex = -1; ///< -1 when the finding is about the whole function
    QString sid;
    QString message; ///< what is wrong, e.g. "Action \"lambda:*\" grants every Lambda action"

    /** "<function>: Policies[1] statement 0 (Sid X): <message>". */
    QString toString() const;
};

/**
 * Reports grants wider than a function needs: `Action: "*"`, a whole-service action such as
 * `lambda:*`, `NotAction` in an Allow, `Resource: "*"` (or NotResource) on an Allow, and
 * Allow statements whose Condition is not evaluated locally (they grant nothing here). Also
 * passes on FunctionPolicies' warnings (unsupported templates, unknown managed policies).
 * Stateless; thread-safe.
 */
class LWB_CORE_EXPORT PolicyLinter
{
public:
    static std::vector<PolicyFinding> lint(const FunctionPolicySet &set);
    /** Every function of a project, in order. */
    static std::vector<PolicyFinding> lint(const std::vector<FunctionConfig> &functions,
                                           const QString &region, const QString &accountId);
};

} // namespace Lwb
