// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "sandbox/sandboxspec.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <memory>

class QSocketNotifier;

namespace Lwb {

class Sandbox;

namespace Internal {

/**
 * One pre-started runtime process (resources/runtimes/python/lwb_forkserver.py) in a sandbox
 * of its own, and the SOCK_SEQPACKET socket to it. Sandbox::start() hands it environments to
 * fork; it reports their exits. Owned by a ForkServerPool.
 */
class ForkServer : public QObject
{
    Q_OBJECT
public:
    enum class State { Starting, Ready, Dead };

    explicit ForkServer(QObject *parent = nullptr);
    ~ForkServer() override;

    bool start(const SandboxSpec &spec);
    State state() const { return m_state; }

    /**
     * Forks an environment for @p client; returns the child's token (unique for this server:
     * an environment that restarts its runtime gets a new one, so a late exit report of the
     * previous child never reaches the new). Descriptors are sent, not taken: the caller
     * closes its own copies. Empty if the server cannot take it (then nothing was forked).
     */
    QByteArray spawn(Sandbox *client, int tmpSizeMb, int outputFd,
               const QList<int> &cgroupFds, const QList<int> &folderFds,
               const QStringList &folderTargets, const QList<QByteArray> &variables);
    /// Kills the child of @p token (also before it joined its cgroups).
    void kill(const QByteArray &token);
    /// @p token's client is gone: its exit is no longer reported.
    void forget(const QByteArray &token);

Q_SIGNALS:
    void ready();
    void died();

private:
    void readPackets();
    void fail();

    State m_state = State::Starting;
    std::unique_ptr<Sandbox> m_sandbox;
    int m_socket = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<QByteArray, QPointer<Sandbox>> m_clients;
    quint64 m_nextToken = 1;
};

} // namespace Internal

/**
 * Fork servers by environment shape (SandboxSpec::forkable). Environments of a shape whose
 * server is ready are forked from it instead of started afresh: the runtime is already
 * loaded, bubblewrap already ran. Lives in one thread, like Sandbox.
 *
 * LWB_FORK_SERVER=0 turns it off (every environment then starts its own interpreter).
 */
class LWB_CORE_EXPORT ForkServerPool : public QObject
{
    Q_OBJECT
public:
    explicit ForkServerPool(QObject *parent = nullptr);
    ~ForkServerPool() override;

    /// Whether environments of @p spec can be forked at all here.
    static bool canFork(const SandboxSpec &spec);
    /// Starts a server for @p spec's shape unless one is running or starting, or the pool is
    /// full (kMaxServers; then the first environment of the shape asks for one).
    void prepare(const SandboxSpec &spec);
    /// The server for @p spec's shape, ready or starting (one is started if there is none);
    /// nullptr if environments of @p spec are not forked or no server can start.
    Internal::ForkServer *serverFor(const SandboxSpec &spec);
    int serverCount() const { return int(m_servers.size()); }
    int readyServerCount() const;
    /// Servers still starting (neither ready nor dead).
    int startingServerCount() const;

    static constexpr int kMaxServers = 16;

Q_SIGNALS:
    /// No server is starting any more (each one is ready or gone).
    void settled();

private:
    static QByteArray shapeOf(const SandboxSpec &spec);
    Internal::ForkServer *ensure(const SandboxSpec &spec);

    QHash<QByteArray, Internal::ForkServer *> m_servers;
    QList<QByteArray> m_recent; ///< shapes, least recently used first
};

} // namespace Lwb
