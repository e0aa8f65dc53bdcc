// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/reportline.h"

#include <QtCore/QList>

namespace Lwb {

namespace {

/** "12.34 ms" or "128 MB" → 12.34 / 128; nullopt when the unit or the number is wrong. */
std::optional<double> quantity(const QByteArray &value, const QByteArray &unit)
{
    if (!value.endsWith(' ' + unit)) {
        return std::nullopt;
    }
    bool ok = false;
    const double number = value.first(value.size() - unit.size() - 1).toDouble(&ok);
    return ok ? std::optional<double>(number) : std::nullopt;
}

} // namespace

std::optional<PlatformLog::Report> ReportLine::parse(const QByteArray &line)
{
    const QByteArray text = line.trimmed();
    if (!text.startsWith("REPORT RequestId: ")) {
        return std::nullopt;
    }
    PlatformLog::Report report;
    bool haveDuration = false;
    bool haveBilled = false;
    const QList<QByteArray> fields = text.sliced(qsizetype(sizeof("REPORT ") - 1)).split('\t');
    for (const QByteArray &field : fields) {
        const qsizetype colon = field.indexOf(": ");
        if (colon < 0) {
            if (!field.trimmed().isEmpty()) {
                return std::nullopt;
            }
            continue;
        }
        const QByteArray key = field.first(colon);
        const QByteArray value = field.sliced(colon + 2).trimmed();
        if (key == "RequestId") {
            report.requestId = QString::fromUtf8(value);
        } else if (key == "Duration") {
            const auto ms = quantity(value, "ms");
            if (!ms) {
                return std::nullopt;
            }
            report.durationMs = *ms;
            haveDuration = true;
        } else if (key == "Billed Duration") {
            const auto ms = quantity(value, "ms");
            if (!ms) {
                return std::nullopt;
            }
            report.billedDurationMs = qint64(*ms);
            haveBilled = true;
        } else if (key == "Memory Size") {
            const auto mb = quantity(value, "MB");
            if (!mb) {
                return std::nullopt;
            }
            report.memorySizeMb = int(*mb);
        } else if (key == "Max Memory Used") {
            const auto mb = quantity(value, "MB");
            if (!mb) {
                return std::nullopt;
            }
            report.maxMemoryUsedMb = int(*mb);
        } else if (key == "Init Duration") {
            report.initDurationMs = quantity(value, "ms");
        } else if (key == "Status") {
            report.status = QString::fromUtf8(value);
        } else if (key == "Error Type") {
            report.errorType = QString::fromUtf8(value);
        }
    }
    if (report.requestId.isEmpty() || !haveDuration || !haveBilled) {
        return std::nullopt;
    }
    return report;
}

std::optional<PlatformLog::Report> ReportLine::find(const QByteArray &log)
{
    const QList<QByteArray> lines = log.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (auto report = parse(*it)) {
            return report;
        }
    }
    return std::nullopt;
}

} // namespace Lwb
