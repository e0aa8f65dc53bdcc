// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxcapabilities.h"

#include <QtCore/QList>
#include <QtCore/QString>

#include <sys/types.h>

namespace Lwb::Internal {

/**
 * The cgroups of one sandbox: `<root>/lwb-<our pid>/<sandbox id>` for each controller in use
 * (v1: memory, freezer, pids directories; v2: one directory). Not thread-safe; owned by Sandbox.
 */
class Cgroup
{
public:
    Cgroup() = default;
    ~Cgroup();
    Cgroup(const Cgroup &) = delete;
    Cgroup &operator=(const Cgroup &) = delete;

    /// Creates the leaf cgroups and applies the limits. Nothing is created if nothing is usable.
    bool create(const SandboxCapabilities &caps, const QString &id, qint64 memoryBytes,
                int maxTasks, QString *errorMessage);
    bool isValid() const { return !m_dirs.isEmpty(); }

    /// Opens each leaf's join file (O_CLOEXEC) for the single-threaded child to write "0" into
    /// before exec: `tasks` on v1 (no global lock), cgroup.procs on v2.
    QList<int> openProcsFiles() const;

    bool setFrozen(bool frozen);
    bool hasFreezer() const { return !m_freezerDir.isEmpty(); }
    bool hasMemory() const { return !m_memoryDir.isEmpty(); }

    QList<pid_t> pids() const;
    /// SIGKILLs every task; uses cgroup.kill on v2.
    void killAll();

    qint64 memoryCurrent() const;
    qint64 memoryPeak() const;
    /// tmpfs (/tmp) pages charged to the group: memory.stat's shmem.
    qint64 shmemBytes() const;
    qint64 oomKills() const;
    /// v1 only: an eventfd signalled on OOM in this cgroup (-1 if unavailable). Owned here.
    int oomEventFd() const { return m_oomEventFd; }

    /// Thaws, kills what is left and removes the directories.
    void destroy();

    /// Removes empty `lwb-<pid>` parents left by processes that no longer exist.
    static void removeStaleParents(const QString &root);
    static QString parentName();

private:
    SandboxCapabilities::Cgroup m_version = SandboxCapabilities::Cgroup::None;
    QStringList m_dirs; ///< leaf dirs, each joined by the child
    enum { kCurrentSlot, kPeakSlot, kStatSlot, kSlotCount };
    qint64 readCached(int slot, const QString &name) const;
    mutable int m_cachedFds[kSlotCount] = {-1, -1, -1};

    QString m_memoryDir;
    QString m_freezerDir;
    QString m_pidsDir;
    int m_oomEventFd = -1;
    int m_oomControlFd = -1;
};

} // namespace Lwb::Internal
