// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/platformlog.h"
#include "lwb_core_export.h"

#include <QtCore/QByteArray>

#include <optional>

namespace Lwb {

/**
 * Reads back the REPORT line PlatformLog::report() writes (and Lambda writes into CloudWatch):
 * `REPORT RequestId: …\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t`
 * `Max Memory Used: 40 MB\tInit Duration: 99.00 ms\tStatus: error\tError Type: …`.
 * Stateless; thread-safe.
 */
class LWB_CORE_EXPORT ReportLine
{
public:
    /** The fields of one REPORT line; nullopt when @p line is not one. */
    static std::optional<PlatformLog::Report> parse(const QByteArray &line);
    /** The last REPORT line of a log (START … END … REPORT); nullopt when there is none. */
    static std::optional<PlatformLog::Report> find(const QByteArray &log);
};

} // namespace Lwb
