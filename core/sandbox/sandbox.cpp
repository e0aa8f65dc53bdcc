// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandbox.h"

#include "sandbox/cgroup.h"
#include "sandbox/forkserver.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QLoggingCategory>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStandardPaths>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSandbox, "lwb.core.sandbox")

namespace Lwb {

namespace {

constexpr int kMaxTasks = 1024;
constexpr int kMaxFiles = 1024;
constexpr int kRssPollMs = 50;
/// How often a running (not frozen) tree's memory is compared with the function's limit.
constexpr int kFunctionMemoryPollMs = 20;
/// How stale the /tmp share of the memory usage may be for Max Memory Used.
constexpr qint64 kShmemRefreshMs = 100;
constexpr int kV2OomPollMs = 100;

const char *goSignalName(int sig)
{
    // Go's syscall.Signal strings (what Lambda's "Runtime exited with error" quotes).
    static const char *const names[] = {
        nullptr, "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap",
        "aborted", "bus error", "floating point exception", "killed", "user defined signal 1",
        "segmentation fault", "user defined signal 2", "broken pipe", "alarm clock", "terminated",
        "stack fault", "child exited", "continued", "stopped (signal)", "stopped",
        "stopped (tty input)", "stopped (tty output)", "urgent I/O condition",
        "CPU time limit exceeded", "file size limit exceeded", "virtual timer expired",
        "profiling timer expired", "window changed", "I/O possible", "power failure",
        "bad system call"};
    if (sig > 0 && sig < int(std::size(names))) {
        return names[sig];
    }
    return nullptr;
}

QString signalDescription(int sig, bool coreDumped)
{
    const char *name = goSignalName(sig);
    QString text = name ? u"signal: "_s + QLatin1StringView(name) : u"signal %1"_s.arg(sig);
    if (coreDumped) {
        text += u" (core dumped)"_s;
    }
    return text;
}

bool isUnder(const QString &path, const QString &root)
{
    return path == root || (path.startsWith(root) && path.at(root.size()) == u'/');
}

QString readLinkRaw(const QString &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buffer, sizeof buffer - 1);
    return n > 0 ? QFile::decodeName(QByteArray(buffer, n)) : QString();
}

/// Host directories that make up the sandbox's read-only root, computed once.
const QStringList &systemDirArguments()
{
    static const QStringList args = [] {
        QStringList result;
        const QStringList dirs = {u"/usr"_s, u"/etc"_s, u"/bin"_s, u"/sbin"_s,
                                  u"/lib"_s, u"/lib32"_s, u"/lib64"_s, u"/libx32"_s};
        for (const QString &dir : dirs) {
            const QFileInfo info(dir);
            if (info.isSymLink()) {
                // Keep merged-/usr links as they are on the host (bin -> usr/bin).
                result << u"--symlink"_s << readLinkRaw(dir) << dir;
            } else if (info.isDir()) {
                result << u"--ro-bind"_s << dir << dir;
            }
        }
        return result;
    }();
    return args;
}

/// Lays `sources` (in order, later wins) over `dest`: a subtree present in one source only is
/// bound whole, directories present in several are recreated and merged entry by entry.
void mergeLayers(const QStringList &sources, const QString &dest, QStringList *args)
{
    if (sources.size() == 1) {
        *args << u"--ro-bind"_s << sources.constFirst() << dest;
        return;
    }
    *args << u"--dir"_s << dest;
    QMap<QString, QStringList> entries; // name -> host paths in layer order
    for (const QString &source : sources) {
        const QStringList names = QDir(source).entryList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        for (const QString &name : names) {
            entries[name] << source + u'/' + name;
        }
    }
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const QStringList &paths = it.value();
        const QString target = dest + u'/' + it.key();
        const QFileInfo last(paths.constLast());
        if (last.isSymLink()) {
            *args << u"--symlink"_s << readLinkRaw(paths.constLast()) << target;
            continue;
        }
        if (!last.isDir()) {
            *args << u"--ro-bind"_s << paths.constLast() << target;
            continue;
        }
        // The trailing run of directories merges; a file in an earlier layer was overwritten.
        QStringList dirs;
        for (qsizetype i = paths.size() - 1; i >= 0; --i) {
            const QFileInfo info(paths.at(i));
            if (info.isSymLink() || !info.isDir()) {
                break;
            }
            dirs.prepend(paths.at(i));
        }
        mergeLayers(dirs, target, args);
    }
}

QByteArray readProcFile(pid_t pid, const char *name)
{
    QFile file(u"/proc/%1/%2"_s.arg(pid).arg(QLatin1StringView(name)));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return {};
    }
    return file.readAll();
}

/// pid and all its descendants, parents before children.
QList<pid_t> processTree(pid_t root)
{
    QList<pid_t> result;
    if (root <= 0) {
        return result;
    }
    result << root;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const pid_t pid = result.at(i);
        const QStringList tasks = QDir(u"/proc/%1/task"_s.arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &task : tasks) {
            QFile file(u"/proc/%1/task/%2/children"_s.arg(pid).arg(task));
            if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
                continue;
            }
            const QList<QByteArray> children = file.readAll().split(' ');
            for (const QByteArray &child : children) {
                const int value = child.trimmed().toInt();
                if (value > 0 && !result.contains(value)) {
                    result << value;
                }
            }
        }
    }
    return result;
}

/// Sum of a "VmXxx:  N kB" field over processes, in bytes.
qint64 sumStatusField(const QList<pid_t> &pids, QByteArrayView field)
{
    qint64 total = 0;
    for (pid_t pid : pids) {
        const QList<QByteArray> lines = readProcFile(pid, "status").split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith(field)) {
                total += line.mid(field.size()).trimmed().split(' ').constFirst().toLongLong() * 1024;
                break;
            }
        }
    }
    return total;
}

/// Sandbox::start()'s failures: the message for the caller and the log.
bool failWith(QString *errorMessage, const QString &message)
{
    if (errorMessage) {
        *errorMessage = message;
    }
    qCWarning(lcSandbox) << message;
    return false;
}

struct ChildSetup
{
    const char *path = nullptr;
    char *const *argv = nullptr;
    char *const *envp = nullptr;
    const char *cwd = nullptr;
    int stdinFd = -1;
    int outputFd = -1;
    const int *procsFds = nullptr;
    int procsCount = 0;
    bool limitProcesses = false;
    int passedFd = -1; ///< becomes descriptor 3
    volatile int *error = nullptr;
};

/// Runs in the vfork()ed child: only async-signal-safe calls, no allocation.
[[noreturn]] void runChild(const ChildSetup *setup)
{
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP) {
            ::sigaction(sig, &action, nullptr);
        }
    }
    // Join the cgroups first: nothing this process or its descendants allocate escapes them.
    for (int i = 0; i < setup->procsCount; ++i) {
        if (::write(setup->procsFds[i], "0", 1) != 1) {
            *setup->error = errno;
            ::_exit(127);
        }
    }
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::setsid();
    ::dup2(setup->stdinFd, STDIN_FILENO);
    ::dup2(setup->outputFd, STDOUT_FILENO);
    ::dup2(setup->outputFd, STDERR_FILENO);
    struct rlimit limit = {kMaxFiles, kMaxFiles};
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (setup->limitProcesses) {
        limit = {kMaxTasks, kMaxTasks};
        ::setrlimit(RLIMIT_NPROC, &limit);
    }
    limit = {0, 0};
    ::setrlimit(RLIMIT_CORE, &limit);
    unsigned firstClosed = 3;
    if (setup->passedFd >= 0) {
        if (setup->passedFd == 3) {
            ::fcntl(3, F_SETFD, 0);
        } else {
            ::dup2(setup->passedFd, 3);
        }
        firstClosed = 4;
    }
#ifdef SYS_close_range
    ::syscall(SYS_close_range, firstClosed, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
#else
    Q_UNUSED(firstClosed)
#endif
    if (setup->cwd && ::chdir(setup->cwd) != 0) {
        *setup->error = errno;
        ::_exit(127);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(setup->path, setup->argv, setup->envp);
    *setup->error = errno ? errno : ENOEXEC;
    ::_exit(127);
}

/// NUL-terminated pointer array over byte arrays that outlive it.
std::vector<char *> pointerArray(QList<QByteArray> &storage)
{
    std::vector<char *> result;
    result.reserve(size_t(storage.size()) + 1);
    for (QByteArray &item : storage) {
        result.push_back(item.data());
    }
    result.push_back(nullptr);
    return result;
}

} // namespace

struct Sandbox::Private
{
    SandboxCapabilities caps;
    bool capsSet = false;
    SandboxSpec spec;
    bool isolated = false; ///< this run uses bubblewrap
    QPointer<ForkServerPool> pool;
    QPointer<Internal::ForkServer> forkServer; ///< this run was forked from it
    QByteArray forkToken;
    bool forked = false;
    int passedFd = -1;
    std::optional<SandboxSpec> pendingSpec; ///< waiting for its fork server to be ready
    QList<QMetaObject::Connection> waitConnections;

    pid_t pid = -1;
    bool running = false;
    bool frozen = false;
    bool killRequested = false;
    bool memoryHit = false;
    qint64 memoryLimitBytes = 0;
    qint64 peakSample = 0;
    bool tmpInCgroup = false;
    qint64 shmem = 0;            ///< what /tmp held at the last memory.stat read
    QElapsedTimer shmemClock;

    /// Re-reads what /tmp holds (memory.stat, costly to produce) when @p suspect, or when the
    /// last read is kShmemRefreshMs old.
    void refreshShmem(bool suspect)
    {
        if (suspect || !shmemClock.isValid() || shmemClock.elapsed() >= kShmemRefreshMs) {
            shmem = tmpInCgroup ? qMax<qint64>(0, cgroup.shmemBytes()) : 0;
            shmemClock.start();
        }
    }

    int outputFd = -1;
    int pidFd = -1;
    QSocketNotifier *outputNotifier = nullptr;
    QSocketNotifier *exitNotifier = nullptr;
    QSocketNotifier *oomNotifier = nullptr;
    QTimer *pollTimer = nullptr;
    QByteArray output;
    Internal::Cgroup cgroup;

    bool drain()
    {
        if (outputFd < 0) {
            return false;
        }
        bool gotData = false;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(outputFd, buffer, sizeof buffer);
            if (n > 0) {
                output.append(buffer, n);
                gotData = true;
                continue;
            }
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n == 0 && outputNotifier) {
                outputNotifier->setEnabled(false); // EOF: every writer is gone
            }
            break;
        }
        return gotData;
    }

    QList<pid_t> tree() const
    {
        if (!running) {
            return {};
        }
        if (cgroup.isValid()) {
            return cgroup.pids();
        }
        return processTree(pid);
    }

    void signalTree(int sig)
    {
        if (pid <= 0) {
            return; // nothing started (yet): never signal -1 or a process group of 1
        }
        // Parents first, so a stopped parent cannot fork behind our back; a second walk catches
        // children forked while the first one ran.
        QList<pid_t> list = processTree(pid);
        if (sig == SIGSTOP || sig == SIGKILL) {
            for (pid_t p : std::as_const(list)) {
                ::kill(p, SIGSTOP);
            }
            const QList<pid_t> again = processTree(pid);
            for (pid_t p : again) {
                if (!list.contains(p)) {
                    list << p;
                    ::kill(p, SIGSTOP);
                }
            }
        }
        for (pid_t p : std::as_const(list)) {
            ::kill(p, sig);
        }
        if (!isolated) {
            ::kill(-pid, sig); // the session's process group catches reparented orphans
        }
    }

    void closeHandles()
    {
        delete outputNotifier;
        delete exitNotifier;
        delete oomNotifier;
        delete pollTimer;
        outputNotifier = exitNotifier = oomNotifier = nullptr;
        pollTimer = nullptr;
        if (pidFd >= 0) {
            ::close(pidFd);
            pidFd = -1;
        }
    }

    QString translatedValue(const QString &value) const
    {
        const QStringList parts = value.split(u':');
        QStringList out;
        bool changed = false;
        for (const QString &part : parts) {
            if (isUnder(part, u"/opt"_s) && parts.size() > 1) {
                changed = true;
                const QString rest = part.mid(4);
                for (qsizetype i = spec.layerDirs.size() - 1; i >= 0; --i) {
                    if (QFileInfo::exists(spec.layerDirs.at(i) + rest)) {
                        out << spec.layerDirs.at(i) + rest;
                    }
                }
                continue;
            }
            const QString host = part.startsWith(u'/') ? hostPathFor(spec, part) : part;
            changed = changed || host != part;
            out << host;
        }
        return changed ? out.join(u':') : value;
    }
};

Sandbox::Sandbox(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

Sandbox::~Sandbox()
{
    if (d->pendingSpec) {
        stopWaiting(); // nothing was started
    } else if (d->running && d->forked) {
        kill(); // the cgroup is empty when kill() returns; the fork server reaps the child
        if (d->forkServer) {
            d->forkServer->forget(d->forkToken);
        }
    } else if (d->running) {
        kill();
        // The top process dies at once after SIGKILL; do not hang on anything unexpected.
        for (int attempt = 0; attempt < 400; ++attempt) {
            const pid_t r = ::waitpid(d->pid, nullptr, WNOHANG);
            if (r == d->pid || (r < 0 && errno != EINTR)) {
                break;
            }
            ::usleep(5000);
        }
    }
    d->closeHandles();
    if (d->outputFd >= 0) {
        ::close(d->outputFd);
    }
    d->cgroup.destroy();
}

void Sandbox::setCapabilities(const SandboxCapabilities &capabilities)
{
    d->caps = capabilities;
    d->capsSet = true;
}

const SandboxCapabilities &Sandbox::capabilities() const
{
    if (!d->capsSet) {
        d->caps = SandboxCapabilities::probe();
        d->capsSet = true;
    }
    return d->caps;
}

QString Sandbox::hostPathFor(const SandboxSpec &spec, const QString &sandboxPath)
{
    const QString path = QDir::cleanPath(sandboxPath);
    if (isUnder(path, u"/var/task"_s)) {
        return spec.codeDir + path.mid(9);
    }
    if (isUnder(path, u"/opt"_s)) {
        if (spec.layerDirs.isEmpty()) {
            return {};
        }
        const QString rest = path.mid(4);
        for (qsizetype i = spec.layerDirs.size() - 1; i >= 0; --i) {
            if (QFileInfo::exists(spec.layerDirs.at(i) + rest)) {
                return spec.layerDirs.at(i) + rest;
            }
        }
        return spec.layerDirs.constLast() + rest;
    }
    qsizetype best = -1;
    for (qsizetype i = 0; i < spec.readOnlyBinds.size(); ++i) {
        const QString target = QDir::cleanPath(spec.readOnlyBinds.at(i).second);
        if (isUnder(path, target)
            && (best < 0 || target.size() > spec.readOnlyBinds.at(best).second.size())) {
            best = i;
        }
    }
    if (best >= 0) {
        const QString target = QDir::cleanPath(spec.readOnlyBinds.at(best).second);
        return spec.readOnlyBinds.at(best).first + path.mid(target.size());
    }
    return sandboxPath;
}

bool Sandbox::start(const SandboxSpec &requested, QString *errorMessage)
{
    // Started afresh, an environment's own folders are bound like the others.
    SandboxSpec spec = requested;
    spec.readOnlyBinds += requested.instanceBinds;
    auto fail = [errorMessage](const QString &message) { return failWith(errorMessage, message); };
    if (d->running) {
        return fail(u"sandbox %1 is already running"_s.arg(spec.id));
    }
    if (spec.command.isEmpty()) {
        return fail(u"no command to run"_s);
    }
    if (!QFileInfo(spec.codeDir).isDir()) {
        return fail(u"code directory %1 does not exist"_s.arg(spec.codeDir));
    }

    const SandboxCapabilities &caps = capabilities();
    d->closeHandles();
    if (d->outputFd >= 0) {
        ::close(d->outputFd);
        d->outputFd = -1;
    }
    d->spec = spec;
    d->isolated = caps.bubblewrap;
    d->frozen = d->killRequested = d->memoryHit = false;
    d->peakSample = 0;
    d->output.clear();
    d->memoryLimitBytes = qint64(qMax(spec.memoryMb, 1)) * 1024 * 1024;
    d->forked = false;
    d->forkServer = nullptr;
    if (d->pool && requested.forkable && caps.isFullIsolation()) {
        if (Internal::ForkServer *server = d->pool->serverFor(requested)) {
            if (server->state() != Internal::ForkServer::State::Ready) {
                // A server that is starting is still much sooner than a fresh interpreter.
                waitForServer(server, requested);
                return true;
            }
            QString forkError;
            if (startForked(server, requested, &forkError)) {
                return true;
            }
            qCInfo(lcSandbox).noquote() << "Starting" << spec.id << "afresh:" << forkError;
        }
    }
    return startAfresh(spec, errorMessage);
}

void Sandbox::waitForServer(Internal::ForkServer *server, const SandboxSpec &requested)
{
    d->pendingSpec = requested;
    d->forked = true;
    d->forkServer = server;
    d->pid = -1;
    d->running = true;
    d->waitConnections << connect(server, &Internal::ForkServer::ready, this, &Sandbox::resumeStart)
                       << connect(server, &Internal::ForkServer::died, this, &Sandbox::resumeStart);
}

void Sandbox::stopWaiting()
{
    for (const QMetaObject::Connection &c : std::as_const(d->waitConnections)) {
        disconnect(c);
    }
    d->waitConnections.clear();
    d->pendingSpec.reset();
}

void Sandbox::resumeStart()
{
    if (!d->pendingSpec) {
        return;
    }
    const SandboxSpec requested = *d->pendingSpec;
    stopWaiting();
    Internal::ForkServer *server = d->forkServer;
    d->running = d->forked = false;
    d->forkServer = nullptr;
    QString error;
    if (server && server->state() == Internal::ForkServer::State::Ready
        && startForked(server, requested, &error)) {
        return;
    }
    SandboxSpec spec = requested;
    spec.readOnlyBinds += requested.instanceBinds;
    if (!startAfresh(spec, &error)) {
        // start() already said yes: fail the way a runtime that cannot start does.
        d->running = true;
        d->output += "[lambda-workbench] " + error.toUtf8() + '\n';
        Q_EMIT outputAvailable();
        finish(true, 127 << 8);
    }
}

bool Sandbox::startAfresh(const SandboxSpec &spec, QString *errorMessage)
{
    auto fail = [errorMessage](const QString &message) { return failWith(errorMessage, message); };
    const SandboxCapabilities &caps = capabilities();

    // argv, environment, working directory
    QList<QByteArray> argvStorage;
    QList<QByteArray> envStorage;
    QByteArray execPath;
    QByteArray cwd;
    if (d->isolated) {
        const QString &program = spec.command.constFirst();
        if (program.startsWith(u'/')) {
            const QString host = hostPathFor(spec, program);
            if (!QFileInfo(host).isExecutable()) {
                return fail(u"%1 is not an executable file"_s.arg(program));
            }
        }
        QStringList args = {caps.bubblewrapPath,
                            u"--die-with-parent"_s, u"--new-session"_s, u"--unshare-pid"_s,
                            u"--unshare-ipc"_s, u"--unshare-uts"_s, u"--unshare-cgroup-try"_s};
        args << systemDirArguments();
        args << u"--proc"_s << u"/proc"_s << u"--dev"_s << u"/dev"_s
             << u"--size"_s << QString::number(qint64(qMax(spec.tmpSizeMb, 1)) * 1024 * 1024)
             << u"--tmpfs"_s << u"/tmp"_s
             << u"--ro-bind"_s << spec.codeDir << u"/var/task"_s;
        if (spec.layerDirs.isEmpty()) {
            args << u"--dir"_s << u"/opt"_s;
        } else {
            mergeLayers(spec.layerDirs, u"/opt"_s, &args);
        }
        for (const auto &bind : spec.readOnlyBinds) {
            args << u"--ro-bind"_s << bind.first << bind.second;
        }
        args << u"--remount-ro"_s << u"/"_s << u"--chdir"_s << spec.workingDir << u"--"_s;
        args << spec.command;
        for (const QString &arg : std::as_const(args)) {
            argvStorage << QFile::encodeName(arg);
        }
        execPath = argvStorage.constFirst();
        // bwrap hands its own environment to the command unchanged.
        for (auto it = spec.environment.cbegin(); it != spec.environment.cend(); ++it) {
            envStorage << (it.key() + u'=' + it.value()).toLocal8Bit();
        }
    } else {
        QMap<QString, QString> env;
        for (auto it = spec.environment.cbegin(); it != spec.environment.cend(); ++it) {
            env.insert(it.key(), d->translatedValue(it.value()));
        }
        QStringList command;
        for (const QString &arg : spec.command) {
            command << (arg.startsWith(u'/') ? hostPathFor(spec, arg) : arg);
        }
        QString program = command.constFirst();
        if (!program.contains(u'/')) {
            const QStringList path = env.value(u"PATH"_s, u"/usr/bin:/bin"_s).split(u':', Qt::SkipEmptyParts);
            program = QStandardPaths::findExecutable(program, path);
        }
        if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
            return fail(u"%1 is not an executable file"_s.arg(spec.command.constFirst()));
        }
        execPath = QFile::encodeName(program);
        for (const QString &arg : std::as_const(command)) {
            argvStorage << QFile::encodeName(arg);
        }
        cwd = QFile::encodeName(hostPathFor(spec, spec.workingDir));
        // bwrap always exports PWD; do the same so both modes look alike.
        env.insert(u"PWD"_s, QFile::decodeName(cwd));
        for (auto it = env.cbegin(); it != env.cend(); ++it) {
            envStorage << (it.key() + u'=' + it.value()).toLocal8Bit();
        }
    }
    std::vector<char *> argv = pointerArray(argvStorage);
    std::vector<char *> envp = pointerArray(envStorage);

    QString cgroupError;
    // /tmp is a tmpfs, whose pages the kernel charges to the writer's memory cgroup. On Lambda
    // /tmp is storage of its own: the cgroup's hard limit therefore leaves room for a full /tmp,
    // and the function's own limit is held against the usage without /tmp (pollMemory()).
    d->tmpInCgroup = d->isolated;
    const qint64 cgroupLimit = d->memoryLimitBytes
        + (d->tmpInCgroup ? qint64(qMax(spec.tmpSizeMb, 1)) * 1024 * 1024 : 0);
    if (!d->cgroup.create(caps, spec.id, cgroupLimit, kMaxTasks, &cgroupError)) {
        return fail(cgroupError);
    }
    const QList<int> procsFds = d->cgroup.openProcsFiles();

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        for (int fd : procsFds) {
            ::close(fd);
        }
        return fail(u"cannot create the output pipe: %1"_s.arg(qt_error_string(errno)));
    }
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);

    volatile int childError = 0;
    ChildSetup setup;
    setup.path = execPath.constData();
    setup.argv = argv.data();
    setup.envp = envp.data();
    setup.cwd = cwd.isEmpty() ? nullptr : cwd.constData();
    setup.stdinFd = devNull;
    setup.outputFd = pipeFds[1];
    setup.procsFds = procsFds.constData();
    setup.procsCount = int(procsFds.size());
    setup.limitProcesses = !caps.pidsLimit;
    setup.error = &childError;
    setup.passedFd = d->passedFd;

    // No signal handler may run in the child while it shares our memory.
    sigset_t all, previous;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    const pid_t pid = ::vfork();
    if (pid == 0) {
        runChild(&setup);
    }
    const int forkErrno = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);

    ::close(pipeFds[1]);
    if (devNull >= 0) {
        ::close(devNull);
    }
    for (int fd : procsFds) {
        ::close(fd);
    }
    if (pid < 0 || childError != 0) {
        const int error = pid < 0 ? forkErrno : childError;
        if (pid > 0) {
            ::waitpid(pid, nullptr, 0);
        }
        ::close(pipeFds[0]);
        d->cgroup.destroy();
        return fail(u"cannot start %1: %2"_s.arg(QFile::decodeName(execPath), qt_error_string(error)));
    }

    d->pid = pid;
    d->running = true;
    d->outputFd = pipeFds[0];
    watch();
    return true;
}

bool Sandbox::startForked(Internal::ForkServer *server, const SandboxSpec &spec, QString *errorMessage)
{
    auto fail = [&](const QString &message) {
        *errorMessage = message;
        return false;
    };
    d->isolated = true;
    d->tmpInCgroup = true; // the child's tmpfs pages are charged to the child
    const qint64 cgroupLimit = d->memoryLimitBytes + qint64(qMax(spec.tmpSizeMb, 1)) * 1024 * 1024;
    QString cgroupError;
    if (!d->cgroup.create(capabilities(), spec.id, cgroupLimit, kMaxTasks, &cgroupError)) {
        return fail(cgroupError);
    }
    QList<int> fds = d->cgroup.openProcsFiles();
    const qsizetype cgroupCount = fds.size();
    QStringList targets;
    for (const auto &bind : spec.instanceBinds) {
        fds << ::open(QFile::encodeName(bind.first).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        targets << bind.second;
    }
    int pipeFds[2] = {-1, -1};
    const bool usable = cgroupCount > 0 && !fds.contains(-1) && ::pipe2(pipeFds, O_CLOEXEC) == 0;
    QList<QByteArray> variables;
    for (const QString &name : spec.instanceVariables) {
        if (const auto it = spec.environment.constFind(name); it != spec.environment.cend()) {
            variables << (name + u'=' + it.value()).toLocal8Bit();
        }
    }
    const QByteArray token = usable ? server->spawn(this, spec.tmpSizeMb, pipeFds[1], fds.first(cgroupCount),
                                                    fds.mid(cgroupCount), targets, variables)
                                    : QByteArray();
    const bool spawned = !token.isEmpty();
    for (int fd : std::as_const(fds)) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    if (pipeFds[1] >= 0) {
        ::close(pipeFds[1]);
    }
    if (!spawned) {
        if (pipeFds[0] >= 0) {
            ::close(pipeFds[0]);
        }
        d->cgroup.destroy();
        return fail(u"the fork server did not take the environment"_s);
    }
    d->forked = true;
    d->forkServer = server;
    d->forkToken = token;
    d->pid = -1; // found in the cgroup when asked (pid())
    d->running = true;
    d->outputFd = pipeFds[0];
    watch();
    return true;
}

void Sandbox::watch()
{
    ::fcntl(d->outputFd, F_SETFL, ::fcntl(d->outputFd, F_GETFL) | O_NONBLOCK);

    d->outputNotifier = new QSocketNotifier(d->outputFd, QSocketNotifier::Read, this);
    connect(d->outputNotifier, &QSocketNotifier::activated, this, [this] {
        if (d->drain()) {
            Q_EMIT outputAvailable();
        }
    });

    d->pidFd = d->forked ? -1 : int(::syscall(SYS_pidfd_open, d->pid, 0));
    if (d->pidFd >= 0) {
        d->exitNotifier = new QSocketNotifier(d->pidFd, QSocketNotifier::Read, this);
        connect(d->exitNotifier, &QSocketNotifier::activated, this, [this] { reap(); });
    }

    if (d->cgroup.oomEventFd() >= 0) {
        d->oomNotifier = new QSocketNotifier(d->cgroup.oomEventFd(), QSocketNotifier::Read, this);
        connect(d->oomNotifier, &QSocketNotifier::activated, this, [this] {
            quint64 count = 0;
            [[maybe_unused]] const ssize_t n = ::read(d->cgroup.oomEventFd(), &count, sizeof count);
            checkOom();
        });
    }
    const bool pollRss = !d->cgroup.hasMemory();
    const bool pollFunctionMemory = d->cgroup.hasMemory() && d->tmpInCgroup;
    const bool pollOom = d->cgroup.hasMemory() && d->cgroup.oomEventFd() < 0;
    // A forked runtime's exit is reported by its fork server, not seen through a pidfd.
    if (pollRss || pollOom || pollFunctionMemory || (d->pidFd < 0 && !d->forked)) {
        d->pollTimer = new QTimer(this);
        d->pollTimer->setTimerType(Qt::PreciseTimer);
        d->pollTimer->setInterval(pollFunctionMemory ? kFunctionMemoryPollMs
                                  : pollRss          ? kRssPollMs
                                                     : kV2OomPollMs);
        connect(d->pollTimer, &QTimer::timeout, this, [this, pollRss, pollFunctionMemory, pollOom] {
            if (d->pidFd < 0 && !d->forked) {
                reap();
            }
            if (!d->running) {
                return;
            }
            if (pollFunctionMemory && !d->frozen) {
                pollMemory();
            }
            if (pollRss) {
                const QList<pid_t> tree = d->tree();
                d->peakSample = qMax(d->peakSample, sumStatusField(tree, "VmHWM:"));
                if (sumStatusField(tree, "VmRSS:") > d->memoryLimitBytes) {
                    d->memoryHit = true;
                    Q_EMIT memoryLimitExceeded();
                    kill();
                }
            } else if (pollOom) {
                checkOom();
            }
        });
        d->pollTimer->start();
    }
}

void Sandbox::pollMemory()
{
    if (!d->running || d->memoryHit) {
        return;
    }
    // What /tmp holds is read again before the usage without it passes the function's limit
    // or sets a new Max Memory Used: /tmp may have grown since the last read.
    const qint64 withTmp = d->cgroup.memoryCurrent();
    d->refreshShmem(withTmp - d->shmem > qMin(d->peakSample, d->memoryLimitBytes));
    const qint64 usage = qMax<qint64>(0, withTmp - d->shmem);
    d->peakSample = qMax(d->peakSample, usage);
    if (usage > d->memoryLimitBytes) {
        d->memoryHit = true;
        Q_EMIT memoryLimitExceeded();
        kill();
    }
}

qint64 Sandbox::functionMemoryBytes() const
{
    const qint64 current = d->cgroup.memoryCurrent();
    const qint64 shmem = d->tmpInCgroup ? qMax<qint64>(0, d->cgroup.shmemBytes()) : 0;
    return qMax<qint64>(0, current - shmem);
}

void Sandbox::checkOom()
{
    if (!d->running || d->memoryHit || d->cgroup.oomKills() <= 0) {
        return;
    }
    // Lambda ends the environment on OOM, even if the kernel picked a child of the runtime.
    d->memoryHit = true;
    Q_EMIT memoryLimitExceeded();
    kill();
}

void Sandbox::reap()
{
    if (!d->running || d->forked) {
        return;
    }
    int status = 0;
    struct rusage usage = {};
    const pid_t r = ::wait4(d->pid, &status, WNOHANG, &usage);
    if (r == 0 || (r < 0 && errno == EINTR)) {
        return;
    }
    d->peakSample = qMax(d->peakSample, qint64(usage.ru_maxrss) * 1024);
    finish(r >= 0, status);
}

void Sandbox::forkedExited(int waitStatus)
{
    if (d->running && d->forked) {
        d->forkServer = nullptr; // it reported the exit: nothing left to tell it
        finish(true, waitStatus);
    }
}

void Sandbox::finish(bool statusKnown, int status)
{
    if (!d->memoryHit && d->cgroup.oomKills() > 0) {
        d->memoryHit = true;
        Q_EMIT memoryLimitExceeded();
    }
    // Whatever the runtime left behind goes with it.
    if (d->cgroup.isValid()) {
        d->cgroup.killAll();
        if (d->frozen && d->cgroup.hasFreezer()) {
            d->cgroup.setFrozen(false);
        }
    }
    if (!d->isolated && d->pid > 0) {
        ::kill(-d->pid, SIGKILL);
    }
    d->running = false;
    d->frozen = false;
    d->closeHandles();
    if (d->drain()) {
        Q_EMIT outputAvailable();
    }

    int exitCode = 0;
    QString description;
    if (!statusKnown) {
        exitCode = -1;
        description = u"exit status unknown"_s;
    } else if (WIFSIGNALED(status)) {
        exitCode = 128 + WTERMSIG(status);
        description = signalDescription(WTERMSIG(status), WCOREDUMP(status));
    } else {
        exitCode = WEXITSTATUS(status);
        // bwrap reports a command killed by signal N as exit status 128+N.
        if (d->isolated && exitCode > 128 && exitCode < 128 + 32) {
            description = signalDescription(exitCode - 128, false);
        } else {
            description = u"exit status %1"_s.arg(exitCode);
        }
    }
    Q_EMIT finished(exitCode, description);
}

bool Sandbox::isRunning() const
{
    return d->running;
}

qint64 Sandbox::pid() const
{
    if (d->running && d->forked && d->pid <= 0) {
        // The child of the fork server (the one process of the cgroup whose parent is outside
        // it) is the environment's PID 1, which started the runtime.
        const QList<pid_t> pids = d->cgroup.pids();
        auto parentOf = [](pid_t p) {
            const QByteArray status = readProcFile(p, "status");
            const qsizetype at = status.indexOf("\nPPid:");
            return at < 0 ? pid_t(0) : pid_t(status.mid(at + 6, 16).trimmed().split('\n').value(0).toInt());
        };
        auto childOf = [&](pid_t parent) {
            for (pid_t p : pids) {
                if (parentOf(p) == parent) {
                    return p;
                }
            }
            return pid_t(0);
        };
        for (pid_t p : pids) {
            const pid_t parent = parentOf(p);
            if (parent > 0 && !pids.contains(parent)) {
                const pid_t runtime = childOf(p);
                if (runtime > 0) {
                    d->pid = runtime;
                }
                break;
            }
        }
    }
    return d->running ? d->pid : -1;
}

bool Sandbox::isForked() const
{
    return d->forked;
}

void Sandbox::setForkServers(ForkServerPool *pool)
{
    d->pool = pool;
}

void Sandbox::passDescriptor(int fd)
{
    d->passedFd = fd;
}

void Sandbox::freeze()
{
    if (!d->running || d->frozen || d->pendingSpec) {
        return;
    }
    if (d->tmpInCgroup && d->cgroup.hasMemory()) {
        pollMemory(); // the invocation's last sample
    }
    if (!d->cgroup.setFrozen(true)) {
        d->signalTree(SIGSTOP);
    }
    d->frozen = true;
    // A frozen tree neither allocates nor exits on its own: no reason to wake up for it.
    // (Without a pidfd the timer is also what notices an exit, so it keeps running then.)
    if (d->pollTimer && d->pidFd >= 0) {
        d->pollTimer->stop();
    }
}

void Sandbox::thaw()
{
    if (!d->running || !d->frozen) {
        return;
    }
    if (!d->cgroup.setFrozen(false)) {
        // Children first would let a parent run before its children; order does not matter
        // for SIGCONT, but every process must get it.
        d->signalTree(SIGCONT);
    }
    d->frozen = false;
    if (d->pollTimer && !d->pollTimer->isActive()) {
        d->pollTimer->start();
    }
}

bool Sandbox::isFrozen() const
{
    return d->frozen;
}

void Sandbox::kill()
{
    if (!d->running) {
        return;
    }
    d->killRequested = true;
    if (d->pendingSpec) {
        // Nothing runs yet: the start is cancelled, finished() follows as for a kill.
        stopWaiting();
        QMetaObject::invokeMethod(this, [this] {
            if (d->running && !d->pendingSpec && d->outputFd < 0) {
                finish(true, SIGKILL);
            }
        }, Qt::QueuedConnection);
        return;
    }
    if (d->forked && d->forkServer) {
        d->forkServer->kill(d->forkToken); // also before the child joined the cgroups
    }
    if (d->cgroup.isValid()) {
        d->cgroup.killAll();
    }
    if (!d->isolated || !d->cgroup.isValid()) {
        d->signalTree(SIGKILL); // before the top dies and its children are reparented away
    }
    // bwrap's monitor takes its PID namespace down with it (--die-with-parent).
    if (d->pid > 0) {
        ::kill(d->pid, SIGKILL);
    }
    if (d->frozen && d->cgroup.hasFreezer()) {
        d->cgroup.setFrozen(false); // frozen tasks only die once thawed
    }
    d->frozen = false;
}

qint64 Sandbox::memoryBytes() const
{
    if (d->cgroup.hasMemory()) {
        return functionMemoryBytes();
    }
    return sumStatusField(d->tree(), "VmRSS:");
}

qint64 Sandbox::peakMemoryBytes() const
{
    if (d->cgroup.hasMemory() && d->tmpInCgroup) {
        // The kernel's peak counts /tmp too; Max Memory Used must not. Samples miss short
        // peaks, the kernel's peak less what /tmp holds now catches them (exact while /tmp
        // did not shrink).
        // (The kernel's peak is never below the current usage: two reads suffice.)
        if (d->running) {
            const qint64 kernelPeak = d->cgroup.memoryPeak();
            d->refreshShmem(kernelPeak - d->shmem > d->peakSample);
            if (kernelPeak > 0) {
                d->peakSample = qMax(d->peakSample, qMin(kernelPeak - d->shmem, d->memoryLimitBytes));
            }
        }
        return d->peakSample;
    }
    if (d->cgroup.hasMemory()) {
        const qint64 peak = d->cgroup.memoryPeak();
        if (peak >= 0) {
            return peak;
        }
    }
    if (d->running) {
        d->peakSample = qMax(d->peakSample, sumStatusField(d->tree(), "VmHWM:"));
    }
    return d->peakSample;
}

bool Sandbox::memoryLimitHit() const
{
    return d->memoryHit;
}

QByteArray Sandbox::readOutput()
{
    d->drain();
    return std::exchange(d->output, QByteArray());
}

} // namespace Lwb
