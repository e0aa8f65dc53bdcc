// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>

namespace Lwb {

/**
 * The platform lines Lambda writes into a function's log stream (INIT_START, START, END,
 * REPORT, INIT_REPORT, the timeout and crash lines), byte for byte in Lambda's text format:
 * fields separated by TAB, durations with two decimals, billed duration rounded up.
 * Stateless; thread-safe.
 */
class LWB_CORE_EXPORT PlatformLog
{
public:
    struct Report
    {
        QString requestId;
        double durationMs = 0;
        qint64 billedDurationMs = 0;
        int memorySizeMb = 0;
        int maxMemoryUsedMb = 0;
        std::optional<double> initDurationMs;
        QString status;     ///< empty for success, else "timeout" or "error"
        QString errorType;  ///< with status "error"
    };

    static QByteArray initStart(const QString &runtimeVersion, const QString &runtimeVersionArn);
    static QByteArray initReport(double initDurationMs, const QString &phase, const QString &status,
                                 const QString &errorType);
    static QByteArray start(const QString &requestId, const QString &version);
    static QByteArray end(const QString &requestId);
    static QByteArray report(const Report &report);
    static QByteArray timedOut(const QString &requestId, double timeoutSeconds, qint64 whenMs);
    static QByteArray runtimeExited(const QString &requestId, const QString &exitDescription);

    /** ceil() to the millisecond, Lambda's billing granularity (never below 1 ms). */
    static qint64 billedMs(double durationMs);
    /** The error document a caller receives when the runtime process died. */
    static QByteArray exitErrorDocument(const QString &requestId, const QString &errorType,
                                        const QString &exitDescription);
    /** The error document a caller receives on a timeout. */
    static QByteArray timeoutErrorDocument(const QString &requestId, double timeoutSeconds);
    /** `2019/06/07/[$LATEST]<32 hex>`: one stream per environment. */
    static QString logStreamName(const QString &version, const QString &environmentId, qint64 whenMs);
    /** The last @p bytes of a log (X-Amz-Log-Result carries the last 4 KB). */
    static QByteArray tail(const QByteArray &log, int bytes = 4096);
};

} // namespace Lwb
