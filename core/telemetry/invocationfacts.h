// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

#include <optional>

namespace Lwb {

/**
 * What one finished invocation was, gathered from its InvokeStarted/InvokeFinished records and
 * its environment's EnvironmentCreated record. A plain value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT InvocationFacts
{
    QString requestId;
    QString functionName;
    QString qualifier;              ///< the alias or version the caller named; empty for none
    QString version = QStringLiteral("$LATEST"); ///< the version that ran
    QString environmentId;
    QString logStream;
    qint64 startUs = 0;             ///< InvokeStarted time (end minus duration when unseen)
    qint64 endUs = 0;               ///< InvokeFinished time
    QString status = QStringLiteral("success"); ///< success, error, timeout
    QString errorType;
    double durationMs = 0;
    qint64 billedDurationMs = 0;    ///< rounded up to 1 ms; init included on cold starts
    int memorySizeMb = 128;
    int maxMemoryUsedMb = 0;
    std::optional<double> initDurationMs;
    bool coldStart = false;
    QString initializationType = QStringLiteral("on-demand"); ///< or provisioned-concurrency
    QString architecture = QStringLiteral("x86_64");          ///< or arm64
    int ephemeralStorageMb = 512;

    bool isError() const { return status != QLatin1StringView("success"); }
    bool onProvisionedConcurrency() const
    {
        return initializationType == QLatin1StringView("provisioned-concurrency");
    }
};

} // namespace Lwb
