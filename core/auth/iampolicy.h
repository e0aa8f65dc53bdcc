// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb {

/** One statement of an IAM policy document. A plain value type. */
struct LWB_CORE_EXPORT IamStatement
{
    enum class Effect { Allow, Deny };

    QString sid;
    Effect effect = Effect::Allow;
    QStringList actions; ///< Action, or NotAction when notAction is set
    bool notAction = false;
    QStringList resources; ///< Resource, or NotResource when notResource is set
    bool notResource = false;
    bool hasCondition = false; ///< a Condition block (not evaluated locally, see IamPolicy)
    int index = 0;             ///< position in the document's Statement list, from 0

    /** Whether the statement applies to @p action on @p resource (Condition aside). */
    bool matches(const QString &action, const QString &resource) const;
};

/** What IamPolicy::evaluate() decided, and which statement decided it. */
struct LWB_CORE_EXPORT IamEvaluation
{
    enum class Decision { Allow, ExplicitDeny, ImplicitDeny };

    Decision decision = Decision::ImplicitDeny;
    QString policyName; ///< the policy of the deciding statement (empty for ImplicitDeny)
    int statementIndex = -1;
    QString sid;

    bool isAllowed() const { return decision == Decision::Allow; }
};

/**
 * An identity-based IAM policy document (Version 2012-10-17): statements with Effect,
 * Action / NotAction and Resource / NotResource, each a string or a list, with the `*` and
 * `?` wildcards. Actions match case-insensitively, resources case-sensitively, as IAM does.
 *
 * evaluate() follows IAM's order for one identity: an explicit Deny in any policy wins; else
 * any Allow allows; else the request is implicitly denied. Conditions are not evaluated
 * locally: an Allow with a Condition grants nothing and a Deny with a Condition always applies
 * (the safe reading); the policy linter reports both.
 *
 * A plain value type; thread-agnostic.
 */
class LWB_CORE_EXPORT IamPolicy
{
public:
    QString name; ///< where the policy came from, for messages (e.g. "Policies[0]")
    std::vector<IamStatement> statements;

    /**
     * Parses a policy document (a JSON object with Statement, or a bare statement list). On
     * failure returns nullopt and sets @p error.
     */
    static std::optional<IamPolicy> fromJson(const nlohmann::json &document,
                                             const QString &name = {}, QString *error = nullptr);

    /** IAM's wildcard match: `*` any run of characters, `?` any one character. */
    static bool wildcardMatch(QStringView pattern, QStringView value,
                              Qt::CaseSensitivity cs = Qt::CaseSensitive);

    /** Whether @p policies allow @p action (e.g. "lambda:InvokeFunction") on @p resource. */
    static IamEvaluation evaluate(const std::vector<IamPolicy> &policies, const QString &action,
                                  const QString &resource);
};

} // namespace Lwb
