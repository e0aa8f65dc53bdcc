// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionpolicies.h"

#include "api/functionarn.h"
#include "model/functionconfig.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace Lwb {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

json statementOf(const char *effect, const QStringList &actions, const QString &resource)
{
    json list = json::array();
    for (const QString &a : actions) {
        list.push_back(a.toStdString());
    }
    return {{"Effect", effect}, {"Action", list}, {"Resource", resource.toStdString()}};
}

/** The AWS managed policies that matter to the Lambda API, reduced to what they grant there. */
std::optional<json> managedPolicy(const QString &nameOrArn)
{
    const QString name = nameOrArn.section(u'/', -1);
    json statements;
    if (name == u"AdministratorAccess"_s) {
        statements = json::array({statementOf("Allow", {u"*"_s}, u"*"_s)});
    } else if (name == u"AWSLambda_FullAccess"_s || name == u"AWSLambdaFullAccess"_s) {
        statements = json::array({statementOf("Allow", {u"lambda:*"_s}, u"*"_s)});
    } else if (name == u"AWSLambdaRole"_s) {
        statements = json::array({statementOf("Allow", {u"lambda:InvokeFunction"_s}, u"*"_s)});
    } else if (name == u"AWSLambda_ReadOnlyAccess"_s || name == u"AWSLambdaReadOnlyAccess"_s) {
        statements =
            json::array({statementOf("Allow", {u"lambda:Get*"_s, u"lambda:List*"_s}, u"*"_s)});
    } else if (name == u"AWSLambdaBasicExecutionRole"_s) {
        statements = json::array({statementOf(
            "Allow", {u"logs:CreateLogGroup"_s, u"logs:CreateLogStream"_s, u"logs:PutLogEvents"_s},
            u"*"_s)});
    } else {
        return std::nullopt;
    }
    return json{{"Version", "2012-10-17"}, {"Statement", statements}};
}

/** CloudFormation intrinsics in policies, resolved against this project. */
class Resolver
{
public:
    Resolver(const std::vector<FunctionConfig> &functions, const QString &region,
             const QString &accountId, QStringList *warnings)
        : m_functions(functions), m_region(region), m_account(accountId), m_warnings(warnings)
    {
    }

    QString where;

    json resolve(const json &value)
    {
        if (value.is_array()) {
            json out = json::array();
            for (const json &item : value) {
                out.push_back(resolve(item));
            }
            return out;
        }
        if (!value.is_object()) {
            return value;
        }
        if (value.size() == 1) {
            const auto &[key, arg] = *value.items().begin();
            if (key == "Ref" || key.rfind("Fn::", 0) == 0) {
                if (const std::optional<QString> text = intrinsic(key, arg)) {
                    return text->toStdString();
                }
                m_warnings->append(u"%1: %2 is not evaluated locally; the value matches "
                                   u"nothing"_s.arg(where, qs(value.dump())));
                return "unresolved:" + value.dump();
            }
        }
        json out = json::object();
        for (const auto &[key, item] : value.items()) {
            out[key] = resolve(item);
        }
        return out;
    }

private:
    const FunctionConfig *function(const QString &logicalId) const
    {
        for (const FunctionConfig &f : m_functions) {
            if (f.logicalId == logicalId) {
                return &f;
            }
        }
        return nullptr;
    }

    std::optional<QString> ref(const QString &name) const
    {
        if (name == u"AWS::Region"_s) {
            return m_region;
        }
        if (name == u"AWS::AccountId"_s) {
            return m_account;
        }
        if (name == u"AWS::Partition"_s) {
            return u"aws"_s;
        }
        if (name == u"AWS::URLSuffix"_s) {
            return u"amazonaws.com"_s;
        }
        if (const FunctionConfig *f = function(name)) {
            return f->functionName;
        }
        return std::nullopt;
    }

    std::optional<QString> getAtt(const QString &logicalId, const QString &attribute) const
    {
        const FunctionConfig *f = function(logicalId);
        if (!f || attribute != u"Arn"_s) {
            return std::nullopt;
        }
        return FunctionArn::arn(m_region, m_account, f->functionName);
    }

    std::optional<QString> sub(const QString &text, const json &variables)
    {
        static const QRegularExpression placeholder(u"\\$\\{([^}!][^}]*)\\}"_s);
        QString out;
        qsizetype last = 0;
        for (auto it = placeholder.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += text.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString name = m.captured(1).trimmed();
            std::optional<QString> value;
            if (variables.is_object() && variables.contains(name.toStdString())) {
                const json v = resolve(variables.at(name.toStdString()));
                if (v.is_string() && v.get<std::string>().rfind("unresolved:", 0) != 0) {
                    value = qs(v.get<std::string>());
                }
            } else if (name.contains(u'.')) {
                value = getAtt(name.section(u'.', 0, 0), name.section(u'.', 1));
            } else {
                value = ref(name);
            }
            if (!value) {
                return std::nullopt;
            }
            out += *value;
        }
        out += text.mid(last);
        return out.replace(u"${!"_s, u"${"_s);
    }

    std::optional<QString> intrinsic(const std::string &key, const json &arg)
    {
        if (key == "Ref" && arg.is_string()) {
            return ref(qs(arg.get<std::string>()));
        }
        if (key == "Fn::GetAtt") {
            if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string()) {
                return getAtt(qs(arg[0].get<std::string>()), qs(arg[1].get<std::string>()));
            }
            if (arg.is_string()) {
                const QString s = qs(arg.get<std::string>());
                return getAtt(s.section(u'.', 0, 0), s.section(u'.', 1));
            }
            return std::nullopt;
        }
        if (key == "Fn::Sub") {
            if (arg.is_string()) {
                return sub(qs(arg.get<std::string>()), json::object());
            }
            if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) {
                return sub(qs(arg[0].get<std::string>()), arg[1]);
            }
            return std::nullopt;
        }
        if (key == "Fn::Join" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
            arg[1].is_array()) {
            QStringList parts;
            for (const json &item : arg[1]) {
                const json v = resolve(item);
                if (!v.is_string() || v.get<std::string>().rfind("unresolved:", 0) == 0) {
                    return std::nullopt;
                }
                parts << qs(v.get<std::string>());
            }
            return parts.join(qs(arg[0].get<std::string>()));
        }
        return std::nullopt;
    }

    const std::vector<FunctionConfig> &m_functions;
    QString m_region;
    QString m_account;
    QStringList *m_warnings;
};

} // namespace

FunctionPolicySet FunctionPolicies::of(const FunctionConfig &function,
                                       const std::vector<FunctionConfig> &functions,
                                       const QString &region, const QString &accountId)
{
    FunctionPolicySet set;
    set.functionName = function.functionName;
    const bool externalRole = !function.role.isEmpty() && function.policies.is_null();
    if (externalRole) {
        set.warnings << u"Role %1 is not defined in the template, so its policies are "
                        u"unknown locally; the function's credentials are allowed nothing"_s.arg(
                            function.role);
        return set;
    }
    const QString source =
        function.role.isEmpty() ? u"Policies"_s : u"Role %1"_s.arg(function.role);
    json items = function.policies;
    if (items.is_null()) {
        return set;
    }
    if (!items.is_array()) {
        items = json::array({items});
    }
    Resolver resolver(functions, region, accountId, &set.warnings);
    int index = 0;
    for (const json &item : items) {
        const QString name = u"%1[%2]"_s.arg(source).arg(index++);
        resolver.where = name;
        json document;
        if (item.is_string()) {
            const QString managed = qs(item.get<std::string>());
            const std::optional<json> known = managedPolicy(managed);
            if (!known) {
                set.warnings << u"%1: managed policy %2 is not known locally; it grants "
                                u"nothing here"_s.arg(resolver.where, managed);
                continue;
            }
            document = *known;
        } else if (item.is_object() && item.contains("Statement")) {
            document = resolver.resolve(item);
        } else if (item.is_object() && item.size() == 1) {
            const auto &[templateName, parameters] = *item.items().begin();
            if (templateName == "LambdaInvokePolicy") {
                const json resolved = resolver.resolve(parameters);
                const json target =
                    resolved.is_object() ? resolved.value("FunctionName", json()) : json();
                if (!target.is_string()) {
                    set.warnings << resolver.where + u": LambdaInvokePolicy needs a FunctionName"_s;
                    continue;
                }
                // SAM's definition: lambda:InvokeFunction on function:${FunctionName}*.
                document = {
                    {"Version", "2012-10-17"},
                    {"Statement",
                     json::array({statementOf(
                         "Allow", {u"lambda:InvokeFunction"_s},
                         FunctionArn::arn(region, accountId, qs(target.get<std::string>())) +
                             u'*')})}};
            } else if (templateName.rfind("Fn::", 0) == 0 || templateName == "Ref") {
                set.warnings << u"%1: %2 is not evaluated locally; it grants nothing here"_s.arg(
                    resolver.where, qs(item.dump()));
                continue;
            } else {
                set.warnings << u"%1: the SAM policy template %2 is not supported locally (it "
                                u"grants no Lambda API action); it grants nothing here"_s.arg(
                                    resolver.where, qs(templateName));
                continue;
            }
        } else {
            set.warnings << resolver.where +
                                u" is neither a policy document, a policy template nor a "
                                u"managed policy name; it grants nothing here"_s;
            continue;
        }
        QString error;
        std::optional<IamPolicy> policy = IamPolicy::fromJson(document, name, &error);
        if (!policy) {
            set.warnings << error + u"; the policy grants nothing here"_s;
            continue;
        }
        set.policies.push_back(std::move(*policy));
    }
    return set;
}

} // namespace Lwb
