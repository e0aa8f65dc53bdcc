// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/functionlimits.h"

#include "engine/executionenvironment.h"

#include <QtCore/QRegularExpression>

#include <nlohmann/json.hpp>

#include <limits>

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

FunctionLimits::Result range(qint64 value, qint64 min, qint64 max, const QString &member)
{
    if (value < min) {
        return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have "
                          "value greater than or equal to %3"_s.arg(value)
                              .arg(member)
                              .arg(min));
    }
    if (value > max) {
        return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have "
                          "value less than or equal to %3"_s.arg(value)
                              .arg(member)
                              .arg(max));
    }
    return std::nullopt;
}

bool matches(const QString &value, const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(value).hasMatch();
}

FunctionLimits::Result pattern(const QString &value, const QString &pattern, const QString &member)
{
    if (matches(value, pattern)) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must satisfy "
                      "regular expression pattern: %3"_s.arg(value, member, pattern));
}

FunctionLimits::Result maxLength(const QString &value, int max, const QString &member)
{
    if (value.size() <= max) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at '%2' failed to satisfy constraint: Member must have length "
                      "less than or equal to %3"_s.arg(value, member)
                          .arg(max));
}

} // namespace

FunctionLimits::Result FunctionLimits::memorySize(qint64 memoryMb)
{
    return range(memoryMb, kMinMemoryMb, kMaxMemoryMb, u"memorySize"_s);
}

FunctionLimits::Result FunctionLimits::timeout(qint64 seconds)
{
    return range(seconds, kMinTimeoutSeconds, kMaxTimeoutSeconds, u"timeout"_s);
}

FunctionLimits::Result FunctionLimits::ephemeralStorageSize(qint64 sizeMb)
{
    return range(sizeMb, kMinEphemeralStorageMb, kMaxEphemeralStorageMb,
                 u"ephemeralStorage.size"_s);
}

FunctionLimits::Result FunctionLimits::description(const QString &description)
{
    return maxLength(description, kMaxDescriptionLength, u"description"_s);
}

FunctionLimits::Result FunctionLimits::architecture(const QString &architecture)
{
    const QStringList values{u"x86_64"_s, u"arm64"_s};
    if (values.contains(architecture)) {
        return std::nullopt;
    }
    return validation(u"Value '%1' at 'architectures' failed to satisfy constraint: Member must "
                      "satisfy enum value set: [%2]"_s.arg(architecture, values.join(u", "_s)));
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
    if (const QString reserved = ExecutionEnvironment::reservedVariablesError(variables);
        !reserved.isEmpty()) {
        return Violation{kInvalidParameter, reserved};
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

FunctionLimits::Result FunctionLimits::reservedConcurrency(qint64 reserved, qint64 reservedByOthers,
                                                           int accountConcurrency)
{
    if (auto negative = range(reserved, 0, std::numeric_limits<int>::max(),
                              u"reservedConcurrentExecutions"_s)) {
        return negative;
    }
    if (accountConcurrency - reservedByOthers - reserved < kUnreservedConcurrencyMinimum) {
        return Violation{kInvalidParameter,
                         u"Specified ReservedConcurrentExecutions for function decreases "
                         "account's UnreservedConcurrentExecution below its minimum value of "
                         "[%1]."_s.arg(kUnreservedConcurrencyMinimum)};
    }
    return std::nullopt;
}

FunctionLimits::Result FunctionLimits::provisionedConcurrency(qint64 provisioned,
                                                              const QString &alias,
                                                              std::optional<qint64> reserved)
{
    if (auto low = range(provisioned, 1, std::numeric_limits<int>::max(),
                         u"provisionedConcurrentExecutions"_s)) {
        return low;
    }
    if (alias.isEmpty() || alias == u"$LATEST"_s) {
        return Violation{kInvalidParameter, u"Provisioned Concurrency Configs cannot be applied "
                                            "to unpublished function versions."_s};
    }
    if (reserved && provisioned > *reserved) {
        return Violation{kInvalidParameter, u"Requested Provisioned Concurrency should not be "
                                            "greater than the reservedConcurrentExecution for "
                                            "function"_s};
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
    return range(attempts, kMinRetryAttempts, kMaxRetryAttempts, u"maximumRetryAttempts"_s);
}

FunctionLimits::Result FunctionLimits::maximumEventAge(qint64 seconds)
{
    return range(seconds, kMinEventAgeSeconds, kMaxEventAgeSeconds, u"maximumEventAgeInSeconds"_s);
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
