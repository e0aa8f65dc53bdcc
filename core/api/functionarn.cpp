// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionarn.h"

#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

// botocore's NamespacedFunctionName pattern (service-2.json), quoted verbatim in Lambda's
// validation messages.
const QString kNamePattern =
    uR"((arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?)"_s;
const QString kQualifierPattern = u"(|[a-zA-Z0-9$_-]+)"_s;
constexpr qsizetype kMaxNameLength = 170; // the whole ARN
constexpr qsizetype kMaxPlainNameLength = 64;
constexpr qsizetype kMaxQualifierLength = 128;

QString validationMessage(const QString &value, const QString &member, const QString &constraint)
{
    return u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: %3"_s
        .arg(value, member, constraint);
}

} // namespace

QString FunctionArn::namePattern()
{
    return kNamePattern;
}

QString FunctionArn::qualifierPattern()
{
    return kQualifierPattern;
}

bool FunctionArn::isValidQualifier(const QString &qualifier)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(kQualifierPattern));
    return qualifier.size() <= kMaxQualifierLength && re.match(qualifier).hasMatch();
}

std::optional<FunctionArn> FunctionArn::parse(const QString &functionName, QString *errorMessage)
{
    if (functionName.isEmpty() || functionName.size() > kMaxNameLength) {
        if (errorMessage) {
            *errorMessage =
                validationMessage(functionName, u"functionName"_s,
                                  u"Member must have length %1"_s.arg(
                                      functionName.isEmpty() ? u"greater than or equal to 1"_s
                                                             : u"less than or equal to 170"_s));
        }
        return std::nullopt;
    }
    // Captures: 1 partition prefix, 2 partition, 3 region + ':', 8 account + ':', 10 name,
    // 11 ':' + qualifier, 12 qualifier.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(kNamePattern));
    const QRegularExpressionMatch m = re.match(functionName);
    if (!m.hasMatch()) {
        if (errorMessage) {
            *errorMessage = validationMessage(
                functionName, u"functionName"_s,
                u"Member must satisfy regular expression pattern: "_s + kNamePattern);
        }
        return std::nullopt;
    }
    FunctionArn arn;
    arn.m_name = m.captured(10);
    arn.m_qualifier = m.captured(12);
    if (m.capturedLength(1) > 0) {
        arn.m_partition = m.captured(2).isEmpty() ? u"aws"_s : m.captured(2);
    }
    arn.m_region = m.captured(3).chopped(m.capturedLength(3) > 0 ? 1 : 0);
    arn.m_accountId = m.captured(8).chopped(m.capturedLength(8) > 0 ? 1 : 0);
    // A full ARN must be complete: arn:aws:lambda:<region>:<account>:function:<name>.
    const bool fullArn = m.capturedLength(1) > 0;
    const bool plainName = !fullArn && m.capturedLength(8) == 0 && m.capturedLength(9) == 0;
    if ((fullArn &&
         (arn.m_region.isEmpty() || arn.m_accountId.isEmpty() || m.capturedLength(9) == 0)) ||
        (plainName && arn.m_name.size() > kMaxPlainNameLength)) {
        if (errorMessage) {
            *errorMessage = validationMessage(
                functionName, u"functionName"_s,
                u"Member must satisfy regular expression pattern: "_s + kNamePattern);
        }
        return std::nullopt;
    }
    return arn;
}

QString FunctionArn::arn(const QString &region, const QString &accountId, const QString &name,
                         const QString &qualifier)
{
    QString out = u"arn:aws:lambda:"_s + region + u':' + accountId + u":function:"_s + name;
    if (!qualifier.isEmpty()) {
        out += u':' + qualifier;
    }
    return out;
}

} // namespace Lwb
