// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <limits>
#include <optional>

namespace Lwb {

/**
 * Lambda's limits on a function's configuration, one check per setting, each answering as the
 * Lambda API does: the error code and the message of the 400 it would send (see
 * lambda-reference.md §5 and §6). Widget-free; every function is pure and thread-safe.
 *
 * Member names in the messages are the API's own ('memorySize', 'ephemeralStorage.size').
 * A ValidationException's message is given without the "1 validation error detected: " prefix
 * the service puts before the first of its constraint messages.
 */
class LWB_CORE_EXPORT FunctionLimits
{
public:
    /** A broken limit: the API's error code and message. */
    struct Violation
    {
        QString errorType; ///< "ValidationException" or "InvalidParameterValueException"
        QString message;

        friend bool operator==(const Violation &, const Violation &) = default;
    };
    using Result = std::optional<Violation>;

    /** The values a whole-number setting may take, both ends included. */
    struct Range
    {
        qint64 min;
        qint64 max;

        constexpr bool contains(qint64 value) const { return value >= min && value <= max; }
    };

    static constexpr Range kMemoryMb{128, 10240};
    static constexpr Range kTimeoutSeconds{1, 900};
    static constexpr Range kEphemeralStorageMb{512, 10240};
    static constexpr Range kRetryAttempts{0, 2};
    static constexpr Range kEventAgeSeconds{60, 21600};
    /** The API's own bounds; the account's concurrency narrows them (reservedConcurrency()). */
    static constexpr Range kReservedConcurrency{0, std::numeric_limits<int>::max()};
    static constexpr Range kProvisionedConcurrency{1, std::numeric_limits<int>::max()};
    static constexpr int kMaxDescriptionLength = 256;
    static constexpr int kMaxEnvironmentBytes = 4096;
    static constexpr int kMaxLayers = 5;
    static constexpr int kMaxLayerArnLength = 140;
    static constexpr int kMaxAliasNameLength = 128;
    static constexpr int kDefaultAccountConcurrency = 1000;
    static constexpr int kUnreservedConcurrencyMinimum = 100;

    /**
     * The API's constraint messages for any member (@p member as the API names it, e.g.
     * 'maxItems'): a ValidationException unless @p value satisfies the constraint. The checks
     * below are made of these; the control plane uses them for its other members.
     */
    static Result range(qint64 value, Range bounds, const QString &member);
    static Result maxLength(const QString &value, int max, const QString &member);
    static Result pattern(const QString &value, const QString &pattern, const QString &member);
    static Result enumValue(const QString &value, const QStringList &values, const QString &member);

    static Result memorySize(qint64 memoryMb);
    static Result timeout(qint64 seconds);
    static Result ephemeralStorageSize(qint64 sizeMb);
    static Result description(const QString &description);
    /** One of x86_64, arm64. */
    static Result architecture(const QString &architecture);

    /**
     * Environment.Variables as a whole: names ([a-zA-Z]([a-zA-Z0-9_])+), no keys Lambda
     * reserves, and at most 4 KB measured as the variables' JSON text.
     */
    static Result environment(const QMap<QString, QString> &variables);

    /** The environment variables Lambda sets itself, which a function may not set. */
    static QStringList reservedVariableNames();
    /** None of @p variables is one Lambda reserves (InvalidParameterValueException naming them). */
    static Result reservedVariables(const QMap<QString, QString> &variables);

    /**
     * ReservedConcurrentExecutions: not negative, and leaving the account at least
     * kUnreservedConcurrencyMinimum unreserved when @p reservedByOthers is already reserved by
     * the account's other functions (the minimum is @p unreservedMinimum, Lambda's unless an
     * engine is configured otherwise).
     */
    static Result reservedConcurrency(qint64 reserved, qint64 reservedByOthers = 0,
                                      int accountConcurrency = kDefaultAccountConcurrency,
                                      int unreservedMinimum = kUnreservedConcurrencyMinimum);

    /**
     * ProvisionedConcurrentExecutions on @p alias: from 1 to the account's concurrency, not
     * above the function's reserved concurrency, and only on a published version or alias
     * (provisionedQualifier()).
     */
    static Result provisionedConcurrency(qint64 provisioned, const QString &alias,
                                         std::optional<qint64> reserved = std::nullopt,
                                         int accountConcurrency = kDefaultAccountConcurrency);
    /**
     * Provisioned concurrency on @p qualifier at all: only a published version or alias may
     * have it; an empty @p qualifier means $LATEST, which cannot.
     */
    static Result provisionedQualifier(const QString &qualifier);

    /** An alias name: 1–128 of [a-zA-Z0-9-_], not all digits. */
    static Result aliasName(const QString &name);

    static Result maximumRetryAttempts(qint64 attempts);
    static Result maximumEventAge(qint64 seconds);

    /** The number of layers a function references (its own and those from Globals). */
    static Result layerCount(qint64 count);
    /** A layer version ARN (arn:…:lambda:region:account:layer:name:version). */
    static Result layerVersionArn(const QString &arn);

    /** An execution role ARN (arn:aws:iam::123456789012:role/name). */
    static Result role(const QString &arn);
};

} // namespace Lwb
