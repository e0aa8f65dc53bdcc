// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandboxcapabilities.h"

#include "sandbox/cgroup.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

struct CgroupMount
{
    QString mountPoint;
    QString ownPath; ///< our process's cgroup path inside that hierarchy
};

/// The v1 hierarchy carrying `controller`, or the v2 hierarchy if `controller` is empty.
CgroupMount findCgroupMount(const QByteArray &controller)
{
    CgroupMount result;
    QFile mounts(u"/proc/self/mounts"_s);
    if (!mounts.open(QIODevice::ReadOnly)) {
        return result;
    }
    const QList<QByteArray> lines = mounts.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 4) {
            continue;
        }
        if (controller.isEmpty() ? fields[2] == "cgroup2"
                                 : (fields[2] == "cgroup" && fields[3].split(',').contains(controller))) {
            result.mountPoint = QFile::decodeName(fields[1]);
            break;
        }
    }
    if (result.mountPoint.isEmpty()) {
        return result;
    }
    QFile self(u"/proc/self/cgroup"_s);
    if (self.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> selfLines = self.readAll().split('\n');
        for (const QByteArray &line : selfLines) {
            const QList<QByteArray> fields = line.split(':');
            if (fields.size() < 3) {
                continue;
            }
            const bool match = controller.isEmpty() ? (fields[0] == "0" && fields[1].isEmpty())
                                                    : fields[1].split(',').contains(controller);
            if (match) {
                result.ownPath = QFile::decodeName(fields.mid(2).join(':'));
            }
        }
    }
    return result;
}

/// Where our cgroups may go: below the cgroup this process is in, else at the mount's root.
QStringList candidateRoots(const CgroupMount &mount)
{
    QStringList candidates;
    if (!mount.ownPath.isEmpty() && mount.ownPath != u"/"_s) {
        candidates << mount.mountPoint + mount.ownPath;
    }
    candidates << mount.mountPoint;
    return candidates;
}

/// The directory under which we may create cgroups, or empty if that is not allowed.
QString usableRoot(const CgroupMount &mount, const QString &probeFile)
{
    if (mount.mountPoint.isEmpty()) {
        return {};
    }
    for (const QString &root : candidateRoots(mount)) {
        const QString probe = root + u"/lwb-probe-"_s + QString::number(::getpid());
        const QByteArray encoded = QFile::encodeName(probe);
        if (::mkdir(encoded.constData(), 0755) != 0 && errno != EEXIST) {
            continue;
        }
        const bool usable = QFileInfo::exists(probe + u'/' + probeFile)
                            && ::access(QFile::encodeName(probe + u"/cgroup.procs"_s).constData(), W_OK) == 0;
        ::rmdir(encoded.constData());
        if (usable) {
            Internal::Cgroup::removeStaleParents(root);
            return root;
        }
    }
    return {};
}

/// v2 needs the controllers enabled below our parent: check by making a parent/child pair.
QString usableV2Root(const CgroupMount &mount, bool *memory, bool *pids, bool *freezer)
{
    if (mount.mountPoint.isEmpty()) {
        return {};
    }
    for (const QString &root : candidateRoots(mount)) {
        const QString parent = root + u"/lwb-probe-"_s + QString::number(::getpid());
        const QString child = parent + u"/c"_s;
        if (::mkdir(QFile::encodeName(parent).constData(), 0755) != 0 && errno != EEXIST) {
            continue;
        }
        QFile control(parent + u"/cgroup.subtree_control"_s);
        if (control.open(QIODevice::WriteOnly)) {
            control.write("+memory +pids");
            control.close();
        }
        ::mkdir(QFile::encodeName(child).constData(), 0755);
        *memory = QFileInfo::exists(child + u"/memory.max"_s);
        *pids = QFileInfo::exists(child + u"/pids.max"_s);
        *freezer = QFileInfo::exists(child + u"/cgroup.freeze"_s);
        const bool writable = ::access(QFile::encodeName(child + u"/cgroup.procs"_s).constData(), W_OK) == 0;
        ::rmdir(QFile::encodeName(child).constData());
        ::rmdir(QFile::encodeName(parent).constData());
        if (writable && (*memory || *freezer)) {
            Internal::Cgroup::removeStaleParents(root);
            return root;
        }
    }
    return {};
}

SandboxCapabilities detect()
{
    SandboxCapabilities caps;
    const QByteArrayList forced = qgetenv("LWB_SANDBOX").toLower().split(',');
    const bool plainForced = forced.contains("plain");
    if (plainForced) {
        return caps;
    }

    if (!forced.contains("no-bwrap")) {
        QString path = QString::fromLocal8Bit(qgetenv("LWB_BWRAP"));
        if (path.isEmpty()) {
            path = QStandardPaths::findExecutable(u"bwrap"_s);
        }
        if (!path.isEmpty()) {
            // bwrap may exist and still be unusable (no user namespaces, no setuid): try it once.
            QProcess probe;
            probe.setProcessChannelMode(QProcess::MergedChannels);
            probe.start(path, {u"--ro-bind"_s, u"/"_s, u"/"_s, u"--proc"_s, u"/proc"_s,
                               u"--dev"_s, u"/dev"_s, u"--unshare-pid"_s, u"--die-with-parent"_s,
                               u"/bin/true"_s});
            if (probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit
                && probe.exitCode() == 0) {
                caps.bubblewrap = true;
                caps.bubblewrapPath = path;
            }
        }
    }

    if (!forced.contains("no-cgroup")) {
        const QString memoryRoot = usableRoot(findCgroupMount("memory"), u"memory.limit_in_bytes"_s);
        if (!memoryRoot.isEmpty()) {
            caps.cgroup = SandboxCapabilities::Cgroup::V1;
            caps.memoryLimit = true;
            caps.memoryCgroupRoot = memoryRoot;
            caps.freezerCgroupRoot = usableRoot(findCgroupMount("freezer"), u"freezer.state"_s);
            caps.freezer = !caps.freezerCgroupRoot.isEmpty();
            caps.pidsCgroupRoot = usableRoot(findCgroupMount("pids"), u"pids.max"_s);
            caps.pidsLimit = !caps.pidsCgroupRoot.isEmpty();
        } else {
            bool memory = false, pids = false, freezer = false;
            const QString root = usableV2Root(findCgroupMount({}), &memory, &pids, &freezer);
            if (!root.isEmpty()) {
                caps.cgroup = SandboxCapabilities::Cgroup::V2;
                caps.memoryLimit = memory;
                caps.freezer = freezer;
                caps.pidsLimit = pids;
                caps.memoryCgroupRoot = caps.freezerCgroupRoot = caps.pidsCgroupRoot = root;
            }
        }
    }
    return caps;
}

} // namespace

QString SandboxCapabilities::summary() const
{
    QString cgroupPart;
    if (cgroup != Cgroup::None) {
        QStringList controllers;
        if (memoryLimit) {
            controllers << u"memory"_s;
        }
        if (freezer) {
            controllers << u"freezer"_s;
        }
        if (pidsLimit) {
            controllers << u"pids"_s;
        }
        cgroupPart = u"cgroup %1 (%2)"_s.arg(cgroup == Cgroup::V1 ? u"v1"_s : u"v2"_s,
                                             controllers.join(u", "_s));
    }
    QStringList weak;
    if (!memoryLimit) {
        weak << u"memory watched by RSS"_s;
    }
    if (!freezer) {
        weak << u"freezing by SIGSTOP"_s;
    }
    if (bubblewrap) {
        QString line = u"bubblewrap"_s;
        if (!cgroupPart.isEmpty()) {
            line += u" + "_s + cgroupPart;
        }
        if (!weak.isEmpty()) {
            line += u" — weaker accounting: "_s + weak.join(u", "_s);
        }
        return line;
    }
    QString line = u"plain process with rlimits — weaker isolation: no private /tmp, "
                   u"no read-only /var/task, no PID namespace"_s;
    if (!cgroupPart.isEmpty()) {
        line += u"; "_s + cgroupPart;
    }
    if (!weak.isEmpty()) {
        line += u", "_s + weak.join(u", "_s);
    }
    return line;
}

bool SandboxCapabilities::isFullIsolation() const
{
    return bubblewrap && cgroup != Cgroup::None && memoryLimit && freezer;
}

SandboxCapabilities SandboxCapabilities::probe()
{
    static const SandboxCapabilities cached = detect();
    return cached;
}

SandboxCapabilities SandboxCapabilities::plain()
{
    return {};
}

} // namespace Lwb
