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
};

} // namespace Lwb
