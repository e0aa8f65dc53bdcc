// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/**
 * What one execution environment's sandbox looks like. Plain value type.
 *
 * Every path in `command`, `environment` and `workingDir` is written as the runtime sees it
 * inside the sandbox (/var/task, /opt, /var/runtime, ...). In the plain fallback (no
 * bubblewrap) Sandbox::start() rewrites them to host paths itself, see Sandbox::hostPathFor().
 */
struct LWB_CORE_EXPORT SandboxSpec
{
    QString id;                                   ///< environment id (hex), used for cgroup names
    QString codeDir;                              ///< host dir -> /var/task, read-only
    QStringList layerDirs;                        ///< host dirs merged read-only under /opt; later wins
    QList<QPair<QString, QString>> readOnlyBinds; ///< extra host -> sandbox read-only binds
    QStringList command;                          ///< argv as seen inside the sandbox
    QMap<QString, QString> environment;           ///< the complete environment; nothing inherited
    int memoryMb = 128;                           ///< enforced memory limit
    int tmpSizeMb = 512;                          ///< /tmp tmpfs size (EphemeralStorage)
    QString workingDir = QStringLiteral("/var/task");

    /// The command can serve forks (the Python runtime client): with a ForkServerPool, an
    /// environment may be forked from a pre-started process of the same shape (everything
    /// above except id, memoryMb, tmpSizeMb, instanceVariables and instanceBinds).
    bool forkable = false;
    /// Keys of `environment` that differ between environments otherwise alike (log stream,
    /// Runtime API address, ...): set in the forked process, not part of the shape.
    QStringList instanceVariables;
    /// Read-only folders of this environment only (host -> sandbox path), bound like
    /// readOnlyBinds. A forked environment gets them as open folders instead: each instance
    /// variable whose value lies under the sandbox path is rewritten to /proc/self/fd/N/...
    QList<QPair<QString, QString>> instanceBinds;
};

} // namespace Lwb
