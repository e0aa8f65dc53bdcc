// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "iampolicy.h"

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

bool sameChar(QChar a, QChar b, Qt::CaseSensitivity cs)
{
    return cs == Qt::CaseSensitive ? a == b : a.toCaseFolded() == b.toCaseFolded();
}

/** A string or a list of strings; nullopt for anything else. */
std::optional<QStringList> stringList(const nlohmann::json &value)
{
    QStringList out;
    if (value.is_string()) {
        out << QString::fromStdString(value.get<std::string>());
        return out;
    }
    if (!value.is_array()) {
        return std::nullopt;
    }
    for (const nlohmann::json &item : value) {
        if (!item.is_string()) {
            return std::nullopt;
        }
        out << QString::fromStdString(item.get<std::string>());
    }
    return out;
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

/** Reads one of a pair of keys (Action / NotAction); false on a malformed or doubled value. */
bool readPair(const nlohmann::json &statement, const char *key, const char *notKey,
              QStringList *values, bool *isNot, const QString &where, QString *error)
{
    const bool has = statement.contains(key);
    const bool hasNot = statement.contains(notKey);
    if (has == hasNot) {
        return fail(error, u"%1 must have exactly one of %2 and %3"_s.arg(
                               where, QLatin1StringView(key), QLatin1StringView(notKey)));
    }
    const std::optional<QStringList> list = stringList(statement.at(has ? key : notKey));
    if (!list || list->isEmpty()) {
        return fail(error, u"%1: %2 must be a string or a list of strings"_s.arg(
                               where, QLatin1StringView(has ? key : notKey)));
    }
    *values = *list;
    *isNot = hasNot;
    return true;
}

} // namespace

bool IamStatement::matches(const QString &action, const QString &resource) const
{
    const auto anyMatch = [](const QStringList &patterns, const QString &value,
                             Qt::CaseSensitivity cs) {
        for (const QString &pattern : patterns) {
            if (IamPolicy::wildcardMatch(pattern, value, cs)) {
                return true;
            }
        }
        return false;
    };
    const bool actionMatches = anyMatch(actions, action, Qt::CaseInsensitive) != notAction;
    const bool resourceMatches = anyMatch(resources, resource, Qt::CaseSensitive) != notResource;
    return actionMatches && resourceMatches;
}

bool IamPolicy::wildcardMatch(QStringView pattern, QStringView value, Qt::CaseSensitivity cs)
{
    // Greedy with one backtrack point: linear in practice, no recursion.
    qsizetype p = 0;
    qsizetype v = 0;
    qsizetype starP = -1;
    qsizetype starV = 0;
    while (v < value.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starV = v;
        } else if (p < pattern.size() &&
                   (pattern[p] == u'?' || sameChar(pattern[p], value[v], cs))) {
            ++p;
            ++v;
        } else if (starP >= 0) {
            p = starP + 1;
            v = ++starV;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*') {
        ++p;
    }
    return p == pattern.size();
}

std::optional<IamPolicy> IamPolicy::fromJson(const nlohmann::json &document, const QString &name,
                                             QString *error)
{
    IamPolicy policy;
    policy.name = name;
    const QString label = name.isEmpty() ? u"policy"_s : name;
    nlohmann::json statements;
    if (document.is_object() && document.contains("Statement")) {
        statements = document.at("Statement");
    } else if (document.is_array()) {
        statements = document;
    } else {
        fail(error, u"%1 must be a policy document with a Statement"_s.arg(label));
        return std::nullopt;
    }
    if (statements.is_object()) {
        statements = nlohmann::json::array({statements});
    }
    if (!statements.is_array() || statements.empty()) {
        fail(error, u"%1: Statement must be a statement or a non-empty list of them"_s.arg(label));
        return std::nullopt;
    }
    int index = 0;
    for (const nlohmann::json &item : statements) {
        const QString where = u"%1, statement %2"_s.arg(label).arg(index);
        if (!item.is_object()) {
            fail(error, where + u" must be a mapping"_s);
            return std::nullopt;
        }
        IamStatement statement;
        statement.index = index++;
        if (const auto sid = item.find("Sid"); sid != item.end() && sid->is_string()) {
            statement.sid = QString::fromStdString(sid->get<std::string>());
        }
        const std::string effect = item.value("Effect", nlohmann::json()).is_string()
                                       ? item.at("Effect").get<std::string>()
                                       : std::string();
        if (effect == "Allow") {
            statement.effect = IamStatement::Effect::Allow;
        } else if (effect == "Deny") {
            statement.effect = IamStatement::Effect::Deny;
        } else {
            fail(error, where + u": Effect must be Allow or Deny"_s);
            return std::nullopt;
        }
        if (!readPair(item, "Action", "NotAction", &statement.actions, &statement.notAction, where,
                      error) ||
            !readPair(item, "Resource", "NotResource", &statement.resources, &statement.notResource,
                      where, error)) {
            return std::nullopt;
        }
        statement.hasCondition = item.contains("Condition");
        policy.statements.push_back(std::move(statement));
    }
    return policy;
}

IamEvaluation IamPolicy::evaluate(const std::vector<IamPolicy> &policies, const QString &action,
                                  const QString &resource)
{
    IamEvaluation allow;
    for (const IamPolicy &policy : policies) {
        for (const IamStatement &statement : policy.statements) {
            if (!statement.matches(action, resource)) {
                continue;
            }
            if (statement.effect == IamStatement::Effect::Deny) {
                return {IamEvaluation::Decision::ExplicitDeny, policy.name, statement.index,
                        statement.sid};
            }
            if (!statement.hasCondition && allow.decision != IamEvaluation::Decision::Allow) {
                allow = {IamEvaluation::Decision::Allow, policy.name, statement.index,
                         statement.sid};
            }
        }
    }
    return allow;
}

} // namespace Lwb
