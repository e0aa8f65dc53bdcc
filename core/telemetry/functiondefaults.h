// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/functionconfig.h"
#include "telemetry/invocationtracker.h"

namespace Lwb {

/** What @p function's configuration tells telemetry about records that do not say it. */
inline InvocationTracker::FunctionDefaults functionDefaults(const FunctionConfig &function)
{
    InvocationTracker::FunctionDefaults d;
    d.architecture = function.architecture;
    d.ephemeralStorageMb = function.ephemeralStorageMb;
    d.memoryMb = function.memoryMb;
    d.reservedConcurrency = function.reservedConcurrency.has_value();
    d.provisionedConcurrency = function.provisionedConcurrency;
    return d;
}

} // namespace Lwb
