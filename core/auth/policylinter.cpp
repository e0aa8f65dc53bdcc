// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "policylinter.h"

#include "model/functionconfig.h"

using namespace Qt::StringLiterals;

namespace Lwb {

QString PolicyFinding::toString() const
{
    QString where = functionName + u": "_s;
    if (!policyName.isEmpty()) {
        where += policyName;
        if (statementIndex >= 0) {
            where += u" statement %1"_s.arg(statementIndex);
            if (!sid.isEmpty()) {
                where += u" (Sid %1)"_s.arg(sid);
            }
        }
        where += u": "_s;
    }
    return where + message;
}

std::vector<PolicyFinding> PolicyLinter::lint(const FunctionPolicySet &set)
{
    std::vector<PolicyFinding> findings;
    for (const IamPolicy &policy : set.policies) {
        for (const IamStatement &statement : policy.statements) {
            if (statement.effect != IamStatement::Effect::Allow) {
                continue;
            }
            const auto add = [&](const QString &message) {
                findings.push_back(
                    {set.functionName, policy.name, statement.index, statement.sid, message});
            };
            if (statement.notAction) {
                add(u"Allow with NotAction grants every action but %1"_s.arg(
                    statement.actions.join(u", "_s)));
            } else {
                for (const QString &action : statement.actions) {
                    if (action == u"*"_s) {
                        add(u"Action \"*\" grants every action of every service"_s);
                    } else if (action.endsWith(u":*"_s)) {
                        add(u"Action \"%1\" grants every %2 action"_s.arg(
                            action, action.section(u':', 0, 0)));
                    }
                }
            }
            if (statement.notResource) {
                add(u"Allow with NotResource applies to every resource but %1"_s.arg(
                    statement.resources.join(u", "_s)));
            } else if (statement.resources.contains(u"*"_s)) {
                add(u"Resource \"*\" grants the actions on every resource"_s);
            }
            if (statement.hasCondition) {
                add(u"the Condition is not evaluated locally, so this statement grants "
                    u"nothing here"_s);
            }
        }
    }
    for (const QString &warning : set.warnings) {
        findings.push_back({set.functionName, {}, -1, {}, warning});
    }
    return findings;
}

std::vector<PolicyFinding> PolicyLinter::lint(const std::vector<FunctionConfig> &functions,
                                              const QString &region, const QString &accountId)
{
    std::vector<PolicyFinding> all;
    for (const FunctionConfig &f : functions) {
        const std::vector<PolicyFinding> some =
            lint(FunctionPolicies::of(f, functions, region, accountId));
        all.insert(all.end(), some.begin(), some.end());
    }
    return all;
}

} // namespace Lwb
