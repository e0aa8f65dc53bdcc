// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QtGlobal>

namespace Lwb::TimeScale {

/**
 * The factor LWB_TIME_SCALE (e.g. 0.01) applies to every delay the engine itself generates —
 * async retry delays and backoff, idle shutdown, scaling windows, provisioned-concurrency
 * allocation — so that tests and classrooms need not wait minutes. Function timeouts and the
 * functions' own time are never scaled. 1.0 when unset or invalid; read once per process.
 */
LWB_CORE_EXPORT double factor();

/** @p ms scaled by factor(), at least 1 ms when @p ms > 0. */
LWB_CORE_EXPORT qint64 scaledMs(qint64 ms);

/** For tests: override the factor for this process (0 restores LWB_TIME_SCALE). */
LWB_CORE_EXPORT void setFactorForTesting(double factor);

} // namespace Lwb::TimeScale
