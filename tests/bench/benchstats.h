// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What every benchmark shares: its knobs from the environment and summary statistics.
#pragma once

#include <QtCore/QtGlobal>

#include <algorithm>
#include <vector>

namespace BenchStats {

/** A positive integer from the environment variable @p name, else @p fallback. */
inline int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

/** Percentiles (nearest rank), mean and maximum of a set of samples. */
struct Stats
{
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double mean = 0;
    double max = 0;
};

inline Stats stats(std::vector<double> samples)
{
    Stats s;
    if (samples.empty()) {
        return s;
    }
    std::sort(samples.begin(), samples.end());
    auto pct = [&samples](double p) {
        const auto i = static_cast<std::size_t>(p * (samples.size() - 1) + 0.5);
        return samples[std::min(i, samples.size() - 1)];
    };
    s.p50 = pct(0.50);
    s.p95 = pct(0.95);
    s.p99 = pct(0.99);
    double sum = 0;
    for (double v : samples) {
        sum += v;
    }
    s.mean = sum / samples.size();
    s.max = samples.back();
    return s;
}

} // namespace BenchStats
