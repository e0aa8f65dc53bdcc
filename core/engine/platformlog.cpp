// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "platformlog.h"

#include <QtCore/QDateTime>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QByteArray twoDecimals(double value)
{
    return QByteArray::number(value, 'f', 2);
}

} // namespace

QByteArray PlatformLog::initStart(const QString &runtimeVersion, const QString &runtimeVersionArn)
{
    return "INIT_START Runtime Version: " + runtimeVersion.toUtf8() + "\tRuntime Version ARN: "
        + runtimeVersionArn.toUtf8() + '\n';
}

QByteArray PlatformLog::initReport(double initDurationMs, const QString &phase,
                                   const QString &status, const QString &errorType)
{
    QByteArray line = "INIT_REPORT Init Duration: " + twoDecimals(initDurationMs) + " ms\tPhase: "
        + phase.toUtf8() + "\tStatus: " + status.toUtf8();
    if (!errorType.isEmpty()) {
        line += "\tError Type: " + errorType.toUtf8();
    }
    return line + '\n';
}

QByteArray PlatformLog::start(const QString &requestId, const QString &version)
{
    return "START RequestId: " + requestId.toUtf8() + " Version: " + version.toUtf8() + '\n';
}

QByteArray PlatformLog::end(const QString &requestId)
{
    return "END RequestId: " + requestId.toUtf8() + '\n';
}

QByteArray PlatformLog::report(const Report &r)
{
    QByteArray line = "REPORT RequestId: " + r.requestId.toUtf8() + "\tDuration: "
        + twoDecimals(r.durationMs) + " ms\tBilled Duration: " + QByteArray::number(r.billedDurationMs)
        + " ms\tMemory Size: " + QByteArray::number(r.memorySizeMb) + " MB\tMax Memory Used: "
        + QByteArray::number(r.maxMemoryUsedMb) + " MB\t";
    if (r.initDurationMs) {
        line += "Init Duration: " + twoDecimals(*r.initDurationMs) + " ms\t";
    }
    if (!r.status.isEmpty()) {
        line += "Status: " + r.status.toUtf8();
        if (!r.errorType.isEmpty()) {
            line += "\tError Type: " + r.errorType.toUtf8();
        }
    }
    return line + '\n';
}

QByteArray PlatformLog::timedOut(const QString &requestId, double timeoutSeconds, qint64 whenMs)
{
    const QString when = QDateTime::fromMSecsSinceEpoch(whenMs, Qt::UTC)
                             .toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
    return when.toUtf8() + ' ' + requestId.toUtf8() + " Task timed out after "
        + twoDecimals(timeoutSeconds) + " seconds\n";
}

QByteArray PlatformLog::runtimeExited(const QString &requestId, const QString &exitDescription)
{
    return "RequestId: " + requestId.toUtf8() + " Error: " + exitDescription.toUtf8() + '\n';
}

qint64 PlatformLog::billedMs(double durationMs)
{
    return std::max<qint64>(1, static_cast<qint64>(std::ceil(durationMs)));
}

QByteArray PlatformLog::exitErrorDocument(const QString &requestId, const QString &errorType,
                                          const QString &exitDescription)
{
    const nlohmann::json doc = {
        {"errorType", errorType.toStdString()},
        {"errorMessage", (u"RequestId: "_s + requestId + u" Error: "_s + exitDescription).toStdString()},
    };
    return QByteArray::fromStdString(doc.dump());
}

QByteArray PlatformLog::timeoutErrorDocument(const QString &requestId, double timeoutSeconds)
{
    const nlohmann::json doc = {
        {"errorType", "Sandbox.Timedout"},
        {"errorMessage", (u"RequestId: "_s + requestId + u" Error: Task timed out after "_s
                          + QString::number(timeoutSeconds, 'f', 2) + u" seconds"_s)
                             .toStdString()},
    };
    return QByteArray::fromStdString(doc.dump());
}

QString PlatformLog::logStreamName(const QString &version, const QString &environmentId, qint64 whenMs)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(whenMs, Qt::UTC);
    return when.toString(u"yyyy/MM/dd/"_s) + u'[' + version + u']' + environmentId;
}

QByteArray PlatformLog::tail(const QByteArray &log, int bytes)
{
    // Lambda cuts at the byte, not at a line: keep the same 4 KB it would send.
    return log.size() <= bytes ? log : log.right(bytes);
}

} // namespace Lwb
