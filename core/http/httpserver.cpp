// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"

#include "httpconnection.h"

#include <QtCore/QFile>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QTcpServer>

namespace Lwb {

namespace Internal {

/** Hands accepted descriptors over as they are, without wrapping each in a QTcpSocket. */
class DescriptorServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    std::function<void(qintptr)> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted(descriptor); }
};

/** The same for a Unix-domain socket. */
class DescriptorLocalServer : public QLocalServer
{
public:
    using QLocalServer::QLocalServer;
    std::function<void(qintptr)> accepted;

protected:
    void incomingConnection(quintptr descriptor) override { accepted(qintptr(descriptor)); }
};

} // namespace Internal

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new Internal::DescriptorServer(this))
    , m_config(std::make_shared<Internal::HttpServerConfig>())
{
    m_server->setListenBacklogSize(512);
    m_server->accepted = [this](qintptr descriptor) { acceptConnection(descriptor); };
}

HttpServer::~HttpServer()
{
    close();
}

void HttpServer::setHandler(Handler handler)
{
    m_config->handler = std::move(handler);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *errorMessage)
{
    if (m_server->isListening()) {
        m_server->close();
    }
    if (!m_server->listen(address, port)) {
        if (errorMessage) {
            *errorMessage = m_server->errorString();
        }
        return false;
    }
    return true;
}

bool HttpServer::listenLocal(const QString &path, QString *errorMessage)
{
    if (!m_localServer) {
        m_localServer = new Internal::DescriptorLocalServer(this);
        m_localServer->setMaxPendingConnections(512);
        m_localServer->accepted = [this](qintptr descriptor) {
            ++m_localConnections;
            acceptConnection(descriptor);
        };
    }
    m_localServer->close();
    QFile::remove(path); // a socket file left by a killed engine
    if (!m_localServer->listen(path)) {
        if (errorMessage) {
            *errorMessage = m_localServer->errorString();
        }
        return false;
    }
    return true;
}

QString HttpServer::localPath() const
{
    return m_localServer && m_localServer->isListening() ? m_localServer->fullServerName() : QString();
}

bool HttpServer::isListening() const
{
    return m_server->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_server->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_server->serverAddress();
}

void HttpServer::close()
{
    m_server->close();
    if (m_localServer) {
        m_localServer->close();
    }
    const auto connections = m_connections.values();
    for (const auto &connection : connections) {
        if (connection) {
            connection->abort();
        }
    }
    m_connections.clear();
}

void HttpServer::setCoalescePipelinedResponses(bool coalesce)
{
    m_config->coalescePipelined = coalesce;
}

bool HttpServer::coalescePipelinedResponses() const
{
    return m_config->coalescePipelined;
}

void HttpServer::setMaxBodyBytes(qint64 bytes)
{
    m_config->maxBodyBytes = qMax<qint64>(bytes, 0);
}

qint64 HttpServer::maxBodyBytes() const
{
    return m_config->maxBodyBytes;
}

void HttpServer::setMaxDiscardBytes(qint64 bytes)
{
    m_config->maxDiscardBytes = qMax<qint64>(bytes, 0);
}

qint64 HttpServer::maxDiscardBytes() const
{
    return m_config->maxDiscardBytes;
}

void HttpServer::setMaxHeaderBytes(int bytes)
{
    m_config->maxHeaderBytes = qMax(bytes, 256);
}

int HttpServer::maxHeaderBytes() const
{
    return m_config->maxHeaderBytes;
}

void HttpServer::setIdleTimeoutMs(int timeoutMs)
{
    m_config->idleTimeoutMs = qMax(timeoutMs, 1);
}

int HttpServer::idleTimeoutMs() const
{
    return m_config->idleTimeoutMs;
}

int HttpServer::connectionCount() const
{
    return static_cast<int>(m_connections.size());
}

quint64 HttpServer::socketWriteCount() const
{
    return m_config->socketWrites;
}

void HttpServer::acceptConnection(qintptr descriptor)
{
    const quint64 id = m_nextConnectionId++;
    auto *connection = new Internal::HttpConnection(descriptor, id, m_config, this);
    m_connections.insert(id, connection);
    connect(connection, &Internal::HttpConnection::closed, this, [this](quint64 closedId) {
        if (m_connections.remove(closedId)) {
            Q_EMIT connectionClosed(closedId);
        }
    });
    Q_EMIT connectionOpened(id);
}

} // namespace Lwb
