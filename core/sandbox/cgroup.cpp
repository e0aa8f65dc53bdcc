// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/cgroup.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QThread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lwb::Internal {

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == data.size();
    ::close(fd);
    return ok;
}

QByteArray readFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {};
    }
    char buffer[4096];
    QByteArray result;
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        result.append(buffer, n);
    }
    ::close(fd);
    return result;
}

/// The value of `key` in a "key value" per line file (memory.events, memory.oom_control).
qint64 readKey(const QString &path, QByteArrayView key)
{
    const QList<QByteArray> lines = readFile(path).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype space = line.indexOf(' ');
        if (space > 0 && QByteArrayView(line).first(space) == key) {
            return line.mid(space + 1).trimmed().toLongLong();
        }
    }
    return -1;
}

bool makeDir(const QString &path)
{
    return ::mkdir(QFile::encodeName(path).constData(), 0755) == 0 || errno == EEXIST;
}

bool removeDir(const QString &path)
{
    // A cgroup whose last task just died may stay busy for a moment.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (::rmdir(QFile::encodeName(path).constData()) == 0 || errno == ENOENT) {
            return true;
        }
        if (errno != EBUSY) {
            return false;
        }
        QThread::usleep(2000);
    }
    return false;
}

} // namespace

Cgroup::~Cgroup()
{
    destroy();
}

QString Cgroup::parentName()
{
    return u"lwb-%1"_s.arg(::getpid());
}

bool Cgroup::create(const SandboxCapabilities &caps, const QString &id, qint64 memoryBytes,
                    int maxTasks, QString *errorMessage)
{
    destroy();
    m_version = caps.cgroup;
    if (caps.cgroup == SandboxCapabilities::Cgroup::None) {
        return true;
    }
    const QString leafName = id.isEmpty() ? u"sandbox-%1"_s.arg(quintptr(this), 0, 16) : id;
    auto makeLeaf = [&](const QString &root) -> QString {
        const QString parent = root + u'/' + parentName();
        if (!makeDir(parent)) {
            return {};
        }
        if (m_version == SandboxCapabilities::Cgroup::V2) {
            // The parent holds no tasks, so it may hand controllers to its children.
            writeFile(parent + u"/cgroup.subtree_control"_s, "+memory +pids");
        }
        const QString leaf = parent + u'/' + leafName;
        if (::mkdir(QFile::encodeName(leaf).constData(), 0755) != 0) {
            if (errno != EEXIST) {
                return {};
            }
            // A leftover of a sandbox with the same id: reuse it only if it is empty.
            if (!readFile(leaf + u"/cgroup.procs"_s).trimmed().isEmpty()) {
                return {};
            }
        }
        return leaf;
    };
    auto fail = [&](const QString &what) {
        if (errorMessage) {
            *errorMessage = u"cannot set up the %1 cgroup for sandbox %2"_s.arg(what, id);
        }
        destroy();
        return false;
    };

    if (m_version == SandboxCapabilities::Cgroup::V2) {
        const QString leaf = makeLeaf(caps.memoryCgroupRoot);
        if (leaf.isEmpty()) {
            return fail(u"v2"_s);
        }
        m_dirs << leaf;
        if (caps.memoryLimit) {
            m_memoryDir = leaf;
            if (!writeFile(leaf + u"/memory.max"_s, QByteArray::number(memoryBytes))) {
                return fail(u"memory"_s);
            }
            writeFile(leaf + u"/memory.swap.max"_s, "0");
        }
        if (caps.freezer) {
            m_freezerDir = leaf;
        }
        if (caps.pidsLimit) {
            m_pidsDir = leaf;
            writeFile(leaf + u"/pids.max"_s, QByteArray::number(maxTasks));
        }
        return true;
    }

    if (caps.memoryLimit) {
        m_memoryDir = makeLeaf(caps.memoryCgroupRoot);
        if (m_memoryDir.isEmpty()) {
            return fail(u"memory"_s);
        }
        m_dirs << m_memoryDir;
        if (!writeFile(m_memoryDir + u"/memory.limit_in_bytes"_s, QByteArray::number(memoryBytes))) {
            return fail(u"memory"_s);
        }
        // Lambda does not swap: the limit covers swap too when the kernel accounts it.
        writeFile(m_memoryDir + u"/memory.memsw.limit_in_bytes"_s, QByteArray::number(memoryBytes));
        m_oomControlFd = ::open(QFile::encodeName(m_memoryDir + u"/memory.oom_control"_s).constData(),
                                O_RDONLY | O_CLOEXEC);
        m_oomEventFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (m_oomControlFd < 0 || m_oomEventFd < 0
            || !writeFile(m_memoryDir + u"/cgroup.event_control"_s,
                          QByteArray::number(m_oomEventFd) + ' ' + QByteArray::number(m_oomControlFd))) {
            if (m_oomEventFd >= 0) {
                ::close(m_oomEventFd);
            }
            m_oomEventFd = -1;
        }
    }
    if (caps.freezer) {
        m_freezerDir = makeLeaf(caps.freezerCgroupRoot);
        if (m_freezerDir.isEmpty()) {
            return fail(u"freezer"_s);
        }
        m_dirs << m_freezerDir;
    }
    if (caps.pidsLimit) {
        m_pidsDir = makeLeaf(caps.pidsCgroupRoot);
        if (m_pidsDir.isEmpty()) {
            return fail(u"pids"_s);
        }
        m_dirs << m_pidsDir;
        writeFile(m_pidsDir + u"/pids.max"_s, QByteArray::number(maxTasks));
    }
    return true;
}

QList<int> Cgroup::openProcsFiles() const
{
    // v1: the child writes "0" into `tasks`, which moves just the calling thread — its only
    // one — without taking the global threadgroup rwsem; cgroup.procs would wait for an RCU
    // grace period (4–20 ms measured here) on every cold start.
    const QString file = m_version == SandboxCapabilities::Cgroup::V1 ? u"/tasks"_s
                                                                      : u"/cgroup.procs"_s;
    QList<int> fds;
    for (const QString &dir : m_dirs) {
        const int fd = ::open(QFile::encodeName(dir + file).constData(),
                              O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            fds << fd;
        }
    }
    return fds;
}

bool Cgroup::setFrozen(bool frozen)
{
    if (m_freezerDir.isEmpty()) {
        return false;
    }
    if (m_version == SandboxCapabilities::Cgroup::V2) {
        return writeFile(m_freezerDir + u"/cgroup.freeze"_s, frozen ? "1" : "0");
    }
    if (!writeFile(m_freezerDir + u"/freezer.state"_s, frozen ? "FROZEN" : "THAWED")) {
        return false;
    }
    // The kernel completes FREEZING on its own, within milliseconds; waiting for FROZEN here
    // would stall the engine's event loop for every environment that goes idle.
    return true;
}

QList<pid_t> Cgroup::pids() const
{
    QList<pid_t> result;
    if (m_dirs.isEmpty()) {
        return result;
    }
    const QList<QByteArray> lines = readFile(m_dirs.constFirst() + u"/cgroup.procs"_s).split('\n');
    for (const QByteArray &line : lines) {
        bool ok = false;
        const int pid = line.toInt(&ok);
        if (ok && pid > 0) {
            result << pid;
        }
    }
    return result;
}

void Cgroup::killAll()
{
    if (m_dirs.isEmpty()) {
        return;
    }
    if (m_version == SandboxCapabilities::Cgroup::V2
        && writeFile(m_dirs.constFirst() + u"/cgroup.kill"_s, "1")) {
        return;
    }
    // v1: the tree may fork while we kill; repeat until nothing new appears.
    for (int round = 0; round < 10; ++round) {
        const QList<pid_t> list = pids();
        if (list.isEmpty()) {
            break;
        }
        for (pid_t pid : list) {
            ::kill(pid, SIGKILL);
        }
        if (hasFreezer()) {
            break; // frozen tasks cannot fork; they die when thawed
        }
    }
}

qint64 Cgroup::readCached(int slot, const QString &name) const
{
    // Opened once, read with pread: these are read on every invocation and every memory poll,
    // and a path walk through cgroupfs costs more than the read.
    int &fd = m_cachedFds[slot];
    if (fd < 0) {
        fd = ::open(QFile::encodeName(m_memoryDir + u'/' + name).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return -1;
        }
    }
    char buffer[8192];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0) {
        return -1;
    }
    const QByteArray text(buffer, n);
    if (slot != kStatSlot) {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        return ok ? value : -1;
    }
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("shmem ")) {
            return line.mid(6).trimmed().toLongLong();
        }
    }
    return -1;
}

qint64 Cgroup::memoryCurrent() const
{
    if (m_memoryDir.isEmpty()) {
        return -1;
    }
    return readCached(kCurrentSlot, m_version == SandboxCapabilities::Cgroup::V2
                                        ? u"memory.current"_s
                                        : u"memory.usage_in_bytes"_s);
}

qint64 Cgroup::shmemBytes() const
{
    if (m_memoryDir.isEmpty()) {
        return -1;
    }
    return readCached(kStatSlot, u"memory.stat"_s);
}

qint64 Cgroup::memoryPeak() const
{
    if (m_memoryDir.isEmpty()) {
        return -1;
    }
    return readCached(kPeakSlot, m_version == SandboxCapabilities::Cgroup::V2
                                     ? u"memory.peak"_s
                                     : u"memory.max_usage_in_bytes"_s);
}

qint64 Cgroup::oomKills() const
{
    if (m_memoryDir.isEmpty()) {
        return 0;
    }
    if (m_version == SandboxCapabilities::Cgroup::V2) {
        return qMax<qint64>(0, readKey(m_memoryDir + u"/memory.events"_s, "oom_kill"));
    }
    return qMax<qint64>(0, readKey(m_memoryDir + u"/memory.oom_control"_s, "oom_kill"));
}

void Cgroup::destroy()
{
    for (int &fd : m_cachedFds) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
    if (!m_dirs.isEmpty()) {
        if (hasFreezer()) {
            killAll();
            setFrozen(false);
        }
        killAll();
        for (const QString &dir : std::as_const(m_dirs)) {
            removeDir(dir);
            // Succeeds only for the last sandbox of this process.
            ::rmdir(QFile::encodeName(QFileInfo(dir).path()).constData());
        }
    }
    if (m_oomEventFd >= 0) {
        ::close(m_oomEventFd);
    }
    if (m_oomControlFd >= 0) {
        ::close(m_oomControlFd);
    }
    m_oomEventFd = m_oomControlFd = -1;
    m_dirs.clear();
    m_memoryDir.clear();
    m_freezerDir.clear();
    m_pidsDir.clear();
}

void Cgroup::removeStaleParents(const QString &root)
{
    if (root.isEmpty()) {
        return;
    }
    // An engine that was killed (kill -9, a crash) leaves its environments behind, frozen ones
    // included: a frozen task cannot even die. Kill and thaw what a dead owner left, then remove
    // what is empty (what is not yet empty goes at the next start).
    const QStringList parents = QDir(root).entryList({u"lwb-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
    QStringList stale;
    for (const QString &name : parents) {
        bool ok = false;
        const int pid = QStringView(name).mid(4).toInt(&ok);
        if (!ok || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) {
            continue;
        }
        stale << root + u'/' + name;
    }
    for (const QString &parent : std::as_const(stale)) {
        const QStringList leaves = QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &leaf : leaves) {
            const QString dir = parent + u'/' + leaf;
            for (const QByteArray &line : readFile(dir + u"/cgroup.procs"_s).split('\n')) {
                bool isPid = false;
                const int victim = line.trimmed().toInt(&isPid);
                if (isPid && victim > 0) {
                    ::kill(victim, SIGKILL);
                }
            }
            if (QFileInfo::exists(dir + u"/freezer.state"_s)) {
                writeFile(dir + u"/freezer.state"_s, "THAWED");
            } else if (QFileInfo::exists(dir + u"/cgroup.freeze"_s)) {
                writeFile(dir + u"/cgroup.freeze"_s, "0");
            }
        }
    }
    for (const QString &parent : std::as_const(stale)) {
        const QStringList leaves = QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &leaf : leaves) {
            // Killed tasks leave within milliseconds once thawed; a leaf of another controller
            // whose tasks are still frozen stays for the next start.
            const QByteArray path = QFile::encodeName(parent + u'/' + leaf);
            for (int attempt = 0; attempt < 10 && ::rmdir(path.constData()) != 0 && errno == EBUSY;
                 ++attempt) {
                QThread::usleep(2000);
            }
        }
        ::rmdir(QFile::encodeName(parent).constData());
    }
}

} // namespace Lwb::Internal
