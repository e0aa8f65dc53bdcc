// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "integrationuri.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString str(const nlohmann::json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

/** X of `!GetAtt X.Arn` / `!GetAtt X.Alias` (either form) or `!Ref X`; empty otherwise. */
QString resourceOf(const nlohmann::json &value)
{
    if (!value.is_object() || value.size() != 1) {
        return {};
    }
    if (value.contains("Ref")) {
        return str(value["Ref"]);
    }
    if (value.contains("Fn::GetAtt")) {
        const nlohmann::json &g = value["Fn::GetAtt"];
        if (g.is_array() && g.size() == 2) {
            const QString attribute = str(g[1]);
            return attribute == u"Arn"_s || attribute == u"Alias"_s ? str(g[0]) : QString();
        }
        const QString text = str(g);
        const QString attribute = text.section(u'.', 1);
        return attribute == u"Arn"_s || attribute == u"Alias"_s ? text.section(u'.', 0, 0)
                                                                : QString();
    }
    return {};
}

/** The function of an ARN-shaped string, after Fn::Sub placeholders have been filled in. */
QString functionOfArn(const QString &arn, QString *why)
{
    static const QRegularExpression functionArn(
        u"arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:([^:/]+)(?::[^/]+)?"_s);
    static const QRegularExpression generic(u"/functions/([^/]+)/invocations"_s);
    static const QRegularExpression validName(u"^[A-Za-z0-9_-]+$"_s);
    QString name;
    if (const QRegularExpressionMatch m = functionArn.match(arn); m.hasMatch()) {
        name = m.captured(1);
    } else if (const QRegularExpressionMatch g = generic.match(arn); g.hasMatch()) {
        name = g.captured(1);
    } else {
        *why = u"%1 is not a Lambda function integration"_s.arg(arn);
        return {};
    }
    if (name.contains(u"${stageVariables."_s)) {
        *why =
            u"%1 names its function by a stage variable, which is not resolved locally"_s.arg(arn);
        return {};
    }
    if (!validName.match(name).hasMatch()) {
        *why = u"cannot tell which function %1 names"_s.arg(arn);
        return {};
    }
    return name;
}

} // namespace

QString IntegrationUri::functionName(const nlohmann::json &uri, QString *why)
{
    if (uri.is_string()) {
        return functionOfArn(str(uri), why);
    }
    if (const QString resource = resourceOf(uri); !resource.isEmpty()) {
        return resource;
    }
    if (!uri.is_object() || uri.size() != 1 || !uri.contains("Fn::Sub")) {
        *why = u"the integration URI %1 cannot be resolved locally (use !Sub with ${Function.Arn}, "
               "!GetAtt Function.Arn or an ARN)"_s.arg(QString::fromStdString(uri.dump()));
        return {};
    }
    const nlohmann::json &sub = uri["Fn::Sub"];
    QString text = str(sub.is_array() && !sub.empty() ? sub[0] : sub);
    if (text.isEmpty()) {
        *why = u"Fn::Sub of the integration URI must be a string or [string, variables]"_s;
        return {};
    }
    // ${Fn.Arn} and ${Fn.Alias}, and the list form's own variables naming a function, become the
    // function's ARN; the rest (${AWS::Region} …) does not matter for finding the function.
    static const QRegularExpression placeholder(u"\\$\\{([A-Za-z0-9]+)\\.(?:Arn|Alias)\\}"_s);
    text.replace(placeholder, u"arn:aws:lambda:us-east-1:123456789012:function:\\1"_s);
    if (sub.is_array() && sub.size() == 2 && sub[1].is_object()) {
        for (auto it = sub[1].begin(); it != sub[1].end(); ++it) {
            const QString resource = resourceOf(it.value());
            const QString value =
                resource.isEmpty()
                    ? str(it.value())
                    : u"arn:aws:lambda:us-east-1:123456789012:function:"_s + resource;
            text.replace(u"${"_s + QString::fromStdString(it.key()) + u'}', value);
        }
    }
    return functionOfArn(text, why);
}

} // namespace Lwb::HttpApi
