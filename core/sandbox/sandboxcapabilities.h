// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

namespace Lwb {

/**
 * What isolation this host offers a Sandbox. Plain value type; probe() is thread-safe.
 *
 * probe() runs once per process (it starts bwrap once and tries to create a cgroup) and caches
 * the answer. The environment variable LWB_SANDBOX, read on that first call, forces weaker modes:
 * `plain` (no bubblewrap, no cgroups), `no-bwrap`, `no-cgroup` (comma-separated combinations work).
 */
struct LWB_CORE_EXPORT SandboxCapabilities
{
    bool bubblewrap = false;
    QString bubblewrapPath;
    enum class Cgroup { None, V1, V2 } cgroup = Cgroup::None;
    bool memoryLimit = false; ///< a cgroup memory controller enforces SandboxSpec::memoryMb
    bool freezer = false;     ///< a cgroup freezer stops the tree (else SIGSTOP to each process)
    bool pidsLimit = false;   ///< a cgroup pids controller caps the tree at 1024 tasks

    /// Parent directories under which each process creates its own `lwb-<pid>` cgroup (for v2
    /// all three are the same directory). Empty when the controller is not used.
    QString memoryCgroupRoot;
    QString freezerCgroupRoot;
    QString pidsCgroupRoot;

    /// One human line, e.g. "bubblewrap + cgroup v1 (memory, freezer, pids)".
    QString summary() const;
    /// bubblewrap and an enforcing cgroup memory controller and a freezer.
    bool isFullIsolation() const;

    /// Detects what this host offers; cached after the first call; honours LWB_SANDBOX.
    static SandboxCapabilities probe();
    /// The weakest mode: a plain process with rlimits, memory watched by RSS, SIGSTOP freezing.
    static SandboxCapabilities plain();
};

} // namespace Lwb
