// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "sandbox/sandboxcapabilities.h"
#include "sandbox/sandboxspec.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

namespace Lwb {

class ForkServerPool;
namespace Internal {
class ForkServer;
}

/**
 * Runs the process tree of ONE execution environment, isolated, and accounts for it.
 *
 * With bubblewrap: own PID/IPC/UTS/cgroup namespaces, host network (so the runtime reaches the
 * Runtime API on the host's 127.0.0.1), a read-only root made of the host's /usr, /etc, /bin,
 * /sbin, /lib* only, `/var/task` = SandboxSpec::codeDir (ro), the layers merged under `/opt` (ro,
 * later layer wins), SandboxSpec::readOnlyBinds, a private `/tmp` tmpfs of tmpSizeMb, `/proc`,
 * `/dev`, cwd = workingDir, the environment exactly SandboxSpec::environment plus PWD (bwrap
 * always exports PWD=<working dir>; the fallback does the same). Every process is in
 * a cgroup before it runs any code (memory limit, freezer, 1024 tasks) when the host allows it.
 * RLIMIT_NOFILE is 1024 and core dumps are off.
 *
 * Plain fallback (no bubblewrap, or forced): a plain process in its own session with the same
 * rlimits; start() rewrites sandbox paths to host paths itself — argv elements, the working
 * directory and each ':'-separated element of every environment value that lies under /var/task,
 * /opt or a readOnlyBinds target (see hostPathFor()); an /opt element expands to every layer that
 * has it, later layers first, and is dropped if none has. So LAMBDA_TASK_ROOT=/var/task becomes
 * the host code dir. The engine always writes sandbox paths.
 *
 * Without a cgroup memory controller the tree's RSS is polled every 50 ms and the tree killed
 * past the limit. Under a cgroup, /tmp (tmpfs) pages count against the memory limit.
 *
 * Forked (setForkServers(), SandboxSpec::forkable): the runtime is forked from a pre-started
 * process of the same shape in its own bubblewrap sandbox (ForkServerPool). The child joins
 * this sandbox's cgroups before anything else, takes its own user, mount and PID namespace
 * (PID 1 reaps, the runtime is PID 2) and a private /tmp of tmpSizeMb; limits,
 * freezing, killing and the output pipe work as above, and the exit status is the runtime's
 * own (128+N for signal N, as with bwrap).
 * pid() is then the runtime's host pid (found in the cgroup), not bwrap's monitor.
 *
 * The exit status is read from bwrap, which reports a runtime killed by signal N as 128+N, so in
 * bubblewrap mode an exit code of 129..159 is described as that signal ("signal: killed").
 *
 * Lives in one thread (it uses socket notifiers); that thread must outlive the tree, because the
 * tree gets SIGKILL when the thread that started it exits. Not copyable.
 */
class LWB_CORE_EXPORT Sandbox : public QObject
{
    Q_OBJECT
public:
    explicit Sandbox(QObject *parent = nullptr);
    /// Kills the whole tree (blocking until it is gone) and removes its cgroups. No signals.
    ~Sandbox() override;

    /// Overrides the probed capabilities for this sandbox (call before start()), e.g. with
    /// SandboxCapabilities::plain(). Do not claim what probe() does not offer.
    void setCapabilities(const SandboxCapabilities &capabilities);
    const SandboxCapabilities &capabilities() const;
    /// Where forkable specs may be forked from (not owned; it must outlive the tree).
    void setForkServers(ForkServerPool *pool);
    /// Hands @p fd (not taken) to the command as its descriptor 3. Call before start().
    void passDescriptor(int fd);

    /// Starts the tree without waiting for it. False (and no signals) if it cannot: already
    /// running, missing code dir, command not executable, cgroup or spawn failure.
    bool start(const SandboxSpec &spec, QString *errorMessage = nullptr);
    bool isRunning() const;
    /// This run was forked from a fork server.
    bool isForked() const;
    /// Host pid of the top process: bwrap's monitor with bubblewrap, the runtime otherwise.
    qint64 pid() const;

    /// Stops every process of the tree (cgroup freezer, else SIGSTOP to the tree). With the
    /// cgroup v1 freezer the kernel completes the freeze asynchronously, within milliseconds.
    void freeze();
    void thaw();
    bool isFrozen() const;
    /// SIGKILLs the whole tree now; finished() follows from the event loop.
    void kill();

    /// Current memory use of the tree in bytes (cgroup usage, or summed VmRSS).
    qint64 memoryBytes() const;
    /// Peak since start: cgroup max usage, or the largest sampled/VmHWM/ru_maxrss value.
    /// Still valid after finished() until the next start() or destruction.
    qint64 peakMemoryBytes() const;
    /// The memory limit was reached and the tree was killed for it.
    bool memoryLimitHit() const;

    /// Everything stdout+stderr (one pipe, in order) wrote since the last call, including bytes
    /// still in the kernel pipe. Never blocks.
    QByteArray readOutput();

    /// Where a path seen inside the sandbox lives on the host: /var/task/... -> codeDir/...,
    /// /opt/... -> the last layer that has it (the last layer if none has; empty without layers),
    /// readOnlyBinds targets -> their sources (longest match). Other paths are returned unchanged.
    static QString hostPathFor(const SandboxSpec &spec, const QString &sandboxPath);

Q_SIGNALS:
    void outputAvailable();
    /// exitCode is the shell-style code (128+N for signal N); exitDescription is what Lambda
    /// prints: "exit status 1", "signal: killed", "signal: segmentation fault", "signal: aborted".
    /// Emitted after the last outputAvailable() and memoryLimitExceeded() of the run.
    void finished(int exitCode, const QString &exitDescription);
    void memoryLimitExceeded();

private:
    friend class Internal::ForkServer;
    bool startAfresh(const SandboxSpec &spec, QString *errorMessage);
    bool startForked(Internal::ForkServer *server, const SandboxSpec &spec, QString *errorMessage);
    void waitForServer(Internal::ForkServer *server, const SandboxSpec &requested);
    void stopWaiting();
    void resumeStart();
    void watch();
    void forkedExited(int waitStatus);
    void finish(bool statusKnown, int waitStatus);
    void reap();
    void pollMemory();
    qint64 functionMemoryBytes() const;
    void checkOom();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Lwb
