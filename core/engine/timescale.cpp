// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timescale.h"

#include <atomic>
#include <cmath>

namespace Lwb::TimeScale {

namespace {

double fromEnvironment()
{
    bool ok = false;
    const double value = qEnvironmentVariable("LWB_TIME_SCALE").toDouble(&ok);
    return ok && value > 0 && std::isfinite(value) ? value : 1.0;
}

std::atomic<double> g_override{0.0};

} // namespace

double factor()
{
    static const double fromEnv = fromEnvironment();
    const double forced = g_override.load(std::memory_order_relaxed);
    return forced > 0 ? forced : fromEnv;
}

qint64 scaledMs(qint64 ms)
{
    if (ms <= 0) {
        return ms;
    }
    return std::max<qint64>(1, std::llround(double(ms) * factor()));
}

void setFactorForTesting(double value)
{
    g_override.store(value > 0 ? value : 0.0, std::memory_order_relaxed);
}

} // namespace Lwb::TimeScale
