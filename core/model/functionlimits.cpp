// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/functionlimits.h"

#include <QtCore/QRegularExpression>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QString kValidation = u"ValidationException"_s;
const QString kInvalidParameter = u"InvalidParameterValueException"_s;

// The API's patterns, as botocore's model and the service's messages give them.
const QString kEnvironmentKeyPattern = u"[a-zA-Z]([a-zA-Z0-9_])+"_s;
const QString kAliasPattern = u"(?!^[0-9]+$)([a-zA-Z0-9-_]+)"_s;
const QString kLayerVersionArnPattern =
    u"arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+"_s;
const QString kRolePattern = u"arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"_s;

FunctionLimits::Violation validation(const QString &message)
{
    return {kValidation, message};
}

bool matches(const QString &value, const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(value).hasMatch();
}

} // namespace

FunctionLimits::Result FunctionLimits::range(qint64 value, Range bounds, const QString &member)
{
    if (value < bounds.min) {
        return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have "
                          "value greater than or equal to %3"_s.arg(value)
                              .arg(member)
                              .arg(bounds.min));
    }
    if (value > bounds.max) {
        return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have "
                          "value less than or equal to %3"_s.arg(value)
                              .arg(member)
                              .arg(bounds.max));
    }
    return std::nullopt;
}

FunctionLimits::Result FunctionLimits::maxLength(const QString &value, int max,
                                                 const QString &member)
{
    if (value.size() <= max) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have length "
                      "less than or equal to %3"_s.arg(value, member)
                          .arg(max));
}

FunctionLimits::Result FunctionLimits::pattern(const QString &value, const QString &pattern,
                                               const QString &member)
{
    if (matches(value, pattern)) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must satisfy "
                      "regular expression pattern: %3"_s.arg(value, member, pattern));
}

FunctionLimits::Result FunctionLimits::enumValue(const QString &value, const QStringList &values,
                                                 const QString &member)
{
    if (values.contains(value)) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must satisfy "
                      "enum value set: [%3]"_s.arg(value, member, values.join(u", "_s)));
}

FunctionLimits::Result FunctionLimits::memorySize(qint64 memoryMb)
{
    return range(memoryMb, kMemoryMb, u"memorySize"_s);
}

FunctionLimits::Result FunctionLimits::timeout(qint64 seconds)
{
    return range(seconds, kTimeoutSeconds, u"timeout"_s);
}

FunctionLimits::Result FunctionLimits::ephemeralStorageSize(qint64 sizeMb)
{
    return range(sizeMb, kEphemeralStorageMb, u"ephemeralStorage.size"_s);
}

FunctionLimits::Result FunctionLimits::description(const QString &description)
{
    return maxLength(description, kMaxDescriptionLength, u"description"_s);
}

FunctionLimits::Result FunctionLimits::architecture(const QString &architecture)
{
    return enumValue(architecture, {u"x86_64"_s, u"arm64"_s}, u"architectures"_s);
}

FunctionLimits::Result FunctionLimits::environment(const QMap<QString, QString> &variables)
{
    nlohmann::json measured = nlohmann::json::object();
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (!matches(it.key(), kEnvironmentKeyPattern)) {
            return validation(u"Value at 'environment.variables' failed to satisfy constraint: "
                              "Map keys must satisfy constraint: [Member must satisfy regular "
                              "expression pattern: %1]"_s.arg(kEnvironmentKeyPattern));
        }
        measured[it.key().toStdString()] = it.value().toStdString();
    }
    if (auto reserved = reservedVariables(variables)) {
        return reserved;
    }
    const std::string text = measured.dump();
    if (text.size() > size_t(kMaxEnvironmentBytes)) {
        return Violation{kInvalidParameter,
                         u"Lambda was unable to configure your environment variables because the "
                         "environment variables you have provided exceeded the 4KB limit. String "
                         "measured: "_s +
                             QString::fromStdString(text)};
    }
    return std::nullopt;
}

QStringList FunctionLimits::reservedVariableNames()
{
    return {u"_HANDLER"_s,
            u"_X_AMZN_TRACE_ID"_s,
            u"AWS_DEFAULT_REGION"_s,
            u"AWS_REGION"_s,
            u"AWS_EXECUTION_ENV"_s,
            u"AWS_LAMBDA_FUNCTION_NAME"_s,
            u"AWS_LAMBDA_FUNCTION_MEMORY_SIZE"_s,
            u"AWS_LAMBDA_FUNCTION_VERSION"_s,
            u"AWS_LAMBDA_INITIALIZATION_TYPE"_s,
            u"AWS_LAMBDA_LOG_GROUP_NAME"_s,
            u"AWS_LAMBDA_LOG_STREAM_NAME"_s,
            u"AWS_ACCESS_KEY"_s,
            u"AWS_ACCESS_KEY_ID"_s,
            u"AWS_SECRET_ACCESS_KEY"_s,
            u"AWS_SESSION_TOKEN"_s,
            u"AWS_LAMBDA_RUNTIME_API"_s,
            u"LAMBDA_TASK_ROOT"_s,
            u"LAMBDA_RUNTIME_DIR"_s,
            u"TZ"_s};
}

FunctionLimits::Result FunctionLimits::reservedVariables(const QMap<QString, QString> &variables)
{
    const QStringList reserved = reservedVariableNames();
    QStringList used;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (reserved.contains(it.key())) {
            used << it.key();
        }
    }
    if (used.isEmpty()) {
        return std::nullopt;
    }
    return Violation{kInvalidParameter,
                     u"Lambda was unable to configure your environment variables because the "
                     "environment variables you have provided contains reserved keys that are "
                     "currently not supported for modification. Reserved keys used in this "
                     "request: "_s +
                         used.join(u", "_s)};
}

FunctionLimits::Result FunctionLimits::reservedConcurrency(qint64 reserved, qint64 reservedByOthers,
                                                           int accountConcurrency,
                                                           int unreservedMinimum)
{
    if (auto outside = range(reserved, kReservedConcurrency, u"reservedConcurrentExecutions"_s)) {
        return outside;
    }
    if (accountConcurrency - reservedByOthers - reserved < unreservedMinimum) {
        return Violation{kInvalidParameter,
                         u"Specified ReservedConcurrentExecutions for function decreases "
                         "account's UnreservedConcurrentExecution below its minimum value of "
                         "[%1]."_s.arg(unreservedMinimum)};
    }
    return std::nullopt;
}

FunctionLimits::Result FunctionLimits::provisionedConcurrency(qint64 provisioned,
                                                              const QString &alias,
                                                              std::optional<qint64> reserved,
                                                              int accountConcurrency)
{
    if (auto outside = range(provisioned, {kProvisionedConcurrency.min, accountConcurrency},
                             u"provisionedConcurrentExecutions"_s)) {
        return outside;
    }
    if (auto unpublished = provisionedQualifier(alias)) {
        return unpublished;
    }
    if (reserved && provisioned > *reserved) {
        return Violation{kInvalidParameter, u"Requested Provisioned Concurrency should not be "
                                            "greater than the reservedConcurrentExecution for "
                                            "function"_s};
    }
    return std::nullopt;
}

FunctionLimits::Result FunctionLimits::provisionedQualifier(const QString &qualifier)
{
    if (qualifier.isEmpty() || qualifier == u"$LATEST"_s) {
        return Violation{kInvalidParameter, u"Provisioned Concurrency Configs cannot be applied "
                                            "to unpublished function versions."_s};
    }
    return std::nullopt;
}

FunctionLimits::Result FunctionLimits::aliasName(const QString &name)
{
    if (auto tooLong = maxLength(name, kMaxAliasNameLength, u"name"_s)) {
        return tooLong;
    }
    return pattern(name, kAliasPattern, u"name"_s);
}

FunctionLimits::Result FunctionLimits::maximumRetryAttempts(qint64 attempts)
{
    return range(attempts, kRetryAttempts, u"maximumRetryAttempts"_s);
}

FunctionLimits::Result FunctionLimits::maximumEventAge(qint64 seconds)
{
    return range(seconds, kEventAgeSeconds, u"maximumEventAgeInSeconds"_s);
}

FunctionLimits::Result FunctionLimits::layerCount(qint64 count)
{
    if (count <= kMaxLayers) {
        return std::nullopt;
    }
    return Violation{kInvalidParameter, u"Cannot reference more than %1 layers."_s.arg(kMaxLayers)};
}

FunctionLimits::Result FunctionLimits::layerVersionArn(const QString &arn)
{
    if (auto tooLong = maxLength(arn, kMaxLayerArnLength, u"layers"_s)) {
        return tooLong;
    }
    return pattern(arn, kLayerVersionArnPattern, u"layers"_s);
}

FunctionLimits::Result FunctionLimits::role(const QString &arn)
{
    return pattern(arn, kRolePattern, u"role"_s);
}

} // namespace Lwb
