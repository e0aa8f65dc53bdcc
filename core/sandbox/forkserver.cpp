// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/forkserver.h"

#include "sandbox/sandbox.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QLoggingCategory>
#include <QtCore/QSocketNotifier>
#include <QtCore/QUuid>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

namespace Lwb {

namespace Internal {

namespace {

/// At most this many descriptors per spawn packet (the server reads as many).
constexpr int kMaxDescriptors = 64;

bool sendPacket(int socket, const QByteArray &data, const QList<int> &fds = {})
{
    struct iovec iov = {const_cast<char *>(data.constData()), size_t(data.size())};
    struct msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    std::vector<char> control;
    if (!fds.isEmpty()) {
        control.resize(CMSG_SPACE(sizeof(int) * size_t(fds.size())));
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * size_t(fds.size()));
        std::memcpy(CMSG_DATA(cmsg), fds.constData(), sizeof(int) * size_t(fds.size()));
    }
    for (;;) {
        const ssize_t n = ::sendmsg(socket, &msg, MSG_NOSIGNAL);
        if (n == data.size()) {
            return true;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return false;
    }
}

} // namespace

ForkServer::ForkServer(QObject *parent)
    : QObject(parent)
{
}

ForkServer::~ForkServer()
{
    delete m_notifier;
    if (m_socket >= 0) {
        ::close(m_socket); // the server exits on EOF; its sandbox goes with m_sandbox
    }
    m_sandbox.reset();
}

bool ForkServer::start(const SandboxSpec &spec)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0) {
        return false;
    }
    // The server's end is blocking: it waits in recvmsg().
    ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) & ~O_NONBLOCK);
    m_socket = fds[0];

    SandboxSpec own = spec;
    own.id = u"fork-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    own.forkable = false;
    own.instanceBinds.clear();
    for (const QString &name : std::as_const(spec.instanceVariables)) {
        own.environment.remove(name);
    }
    own.instanceVariables.clear();
    own.environment.insert(u"LWB_FORK_SERVER_FD"_s, u"3"_s);

    m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->passDescriptor(fds[1]);
    connect(m_sandbox.get(), &Sandbox::outputAvailable, this, [this] {
        // The server itself prints only when it cannot work; say so once, in the engine's log.
        const QByteArray text = m_sandbox->readOutput().trimmed();
        if (!text.isEmpty()) {
            qCInfo(lcSandbox).noquote() << QString::fromUtf8(text);
        }
    });
    connect(m_sandbox.get(), &Sandbox::finished, this, [this] { fail(); });
    QString error;
    const bool started = m_sandbox->start(own, &error);
    ::close(fds[1]);
    if (!started) {
        m_state = State::Dead;
        return false;
    }
    m_notifier = new QSocketNotifier(m_socket, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ForkServer::readPackets);
    return true;
}

QByteArray ForkServer::spawn(Sandbox *client, int tmpSizeMb, int outputFd,
                             const QList<int> &cgroupFds, const QList<int> &folderFds,
                             const QStringList &folderTargets, const QList<QByteArray> &variables)
{
    if (m_state != State::Ready || 1 + cgroupFds.size() + folderFds.size() > kMaxDescriptors
        || folderFds.size() != folderTargets.size()) {
        return {};
    }
    const QByteArray token = QByteArray::number(m_nextToken++);
    QByteArray packet = "spawn";
    const auto field = [&packet](const QByteArray &value) {
        packet += '\0';
        packet += value;
    };
    field(token);
    field(QByteArray::number(qMax(tmpSizeMb, 1)));
    field(QByteArray::number(cgroupFds.size()));
    field(QByteArray::number(folderFds.size()));
    for (const QString &target : folderTargets) {
        field(target.toUtf8());
    }
    for (const QByteArray &variable : variables) {
        field(variable);
    }
    QList<int> fds = {outputFd};
    fds += cgroupFds;
    fds += folderFds;
    if (!sendPacket(m_socket, packet, fds)) {
        return {};
    }
    m_clients.insert(token, client);
    return token;
}

void ForkServer::kill(const QByteArray &token)
{
    if (m_state == State::Ready) {
        sendPacket(m_socket, "kill\0"_ba + token);
    }
}

void ForkServer::forget(const QByteArray &token)
{
    m_clients.remove(token);
}

void ForkServer::readPackets()
{
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::recv(m_socket, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        if (n <= 0) {
            fail();
            return;
        }
        const QList<QByteArray> fields = QByteArray(buffer, n).split('\0');
        const QByteArray &kind = fields.constFirst();
        if (kind == "ready") {
            m_state = State::Ready;
            Q_EMIT ready();
        } else if (kind == "unusable") {
            qCInfo(lcSandbox).noquote() << "No fork server:" << QString::fromUtf8(fields.value(1));
            fail();
            return;
        } else if (kind == "exited" && fields.size() >= 3) {
            const QPointer<Sandbox> client = m_clients.take(fields.at(1));
            if (client) {
                client->forkedExited(fields.at(2).toInt());
            }
        }
    }
}

void ForkServer::fail()
{
    if (m_state == State::Dead) {
        return;
    }
    m_state = State::Dead;
    if (m_notifier) {
        m_notifier->setEnabled(false);
    }
    // The server's PID namespace is gone with it, and every child in it.
    const auto clients = std::exchange(m_clients, {});
    for (const QPointer<Sandbox> &client : clients) {
        if (client) {
            client->forkedExited(SIGKILL);
        }
    }
    Q_EMIT died();
}

} // namespace Internal

ForkServerPool::ForkServerPool(QObject *parent)
    : QObject(parent)
{
}

ForkServerPool::~ForkServerPool()
{
    qDeleteAll(m_servers);
}

bool ForkServerPool::canFork(const SandboxSpec &spec)
{
    static const bool disabled = qEnvironmentVariable("LWB_FORK_SERVER") == u"0"_s;
    if (disabled || !spec.forkable) {
        return false;
    }
    // A child isolates itself with namespaces and joins cgroups the engine made: both need
    // bubblewrap's sandbox and a memory cgroup (without one, limits follow the process tree).
    const SandboxCapabilities &caps = SandboxCapabilities::probe();
    return caps.bubblewrap && caps.cgroup != SandboxCapabilities::Cgroup::None && caps.memoryLimit;
}

QByteArray ForkServerPool::shapeOf(const SandboxSpec &spec)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const auto add = [&hash](const QString &text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    };
    add(spec.codeDir);
    add(spec.workingDir);
    add(spec.layerDirs.join(u'\n'));
    for (const auto &bind : spec.readOnlyBinds) {
        add(bind.first + u'\n' + bind.second);
    }
    add(spec.command.join(u'\n'));
    for (auto it = spec.environment.cbegin(); it != spec.environment.cend(); ++it) {
        if (!spec.instanceVariables.contains(it.key())) {
            add(it.key() + u'=' + it.value());
        }
    }
    return hash.result();
}

Internal::ForkServer *ForkServerPool::ensure(const SandboxSpec &spec)
{
    const QByteArray shape = shapeOf(spec);
    m_recent.removeOne(shape);
    m_recent.append(shape);
    if (Internal::ForkServer *server = m_servers.value(shape)) {
        return server;
    }
    while (m_servers.size() >= kMaxServers && !m_recent.isEmpty()) {
        delete m_servers.take(m_recent.takeFirst());
    }
    auto *server = new Internal::ForkServer(this);
    if (!server->start(spec)) {
        delete server;
        m_recent.removeOne(shape);
        return nullptr;
    }
    m_servers.insert(shape, server);
    connect(server, &Internal::ForkServer::ready, this, [this] {
        if (startingServerCount() == 0) {
            Q_EMIT settled();
        }
    });
    connect(server, &Internal::ForkServer::died, this, [this, server, shape] {
        // Not restarted here: the next environment of the shape asks for a new one.
        if (m_servers.value(shape) == server) {
            m_servers.remove(shape);
            m_recent.removeOne(shape);
        }
        server->deleteLater();
        if (startingServerCount() == 0) {
            Q_EMIT settled();
        }
    });
    return server;
}

int ForkServerPool::readyServerCount() const
{
    return int(std::count_if(m_servers.cbegin(), m_servers.cend(), [](const Internal::ForkServer *s) {
        return s->state() == Internal::ForkServer::State::Ready;
    }));
}

int ForkServerPool::startingServerCount() const
{
    return int(std::count_if(m_servers.cbegin(), m_servers.cend(), [](const Internal::ForkServer *s) {
        return s->state() == Internal::ForkServer::State::Starting;
    }));
}

void ForkServerPool::prepare(const SandboxSpec &spec)
{
    // Ahead of traffic only while there is room: preparing must not evict a server in use.
    if (canFork(spec) && (m_servers.size() < kMaxServers || m_servers.contains(shapeOf(spec)))) {
        ensure(spec);
    }
}

Internal::ForkServer *ForkServerPool::serverFor(const SandboxSpec &spec)
{
    Internal::ForkServer *server = canFork(spec) ? ensure(spec) : nullptr;
    return server && server->state() != Internal::ForkServer::State::Dead ? server : nullptr;
}

} // namespace Lwb
