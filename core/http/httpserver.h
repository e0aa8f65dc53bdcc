// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponder.h"
#include "httpresponse.h"
#include "lwb_core_export.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtNetwork/QHostAddress>

#include <functional>
#include <memory>


namespace Lwb {

namespace Internal {
class DescriptorServer;
class DescriptorLocalServer;
class HttpConnection;
struct HttpServerConfig;
}

/**
 * A small HTTP/1.1 server on Qt sockets (keep-alive, pipelining, chunked bodies with
 * trailers, Expect: 100-continue). Every accepted socket has TCP_NODELAY set and every
 * response is written with one socket write, Content-Length included.
 *
 * Requests on one connection are handed to the handler strictly in order: the next one is
 * parsed only after the previous one was answered. Hostile input never reaches the handler:
 * malformed requests get 400, oversize headers 431, and a request that stays incomplete for
 * idleTimeoutMs() is dropped. An oversize body does reach the handler, with
 * HttpRequest::bodyTooLarge set, so that it can answer in its own words.
 *
 * Lives in (and must be used from) the thread it was created in; owns its connections.
 */
class LWB_CORE_EXPORT HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest &, HttpResponder)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    /** Called for every complete request; without one, requests get 404. */
    void setHandler(Handler handler);

    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost),
                quint16 port = 0, QString *errorMessage = nullptr);
    /**
     * Also listens on a Unix-domain socket at @p path (a stale socket file there is replaced):
     * the same requests, without TCP's cost on both ends. The Runtime API offers it to our own
     * runtime clients.
     */
    bool listenLocal(const QString &path, QString *errorMessage = nullptr);
    /** The Unix-domain socket's path; empty when not listening on one. */
    QString localPath() const;
    /** Connections accepted on the Unix-domain socket so far. */
    quint64 localConnectionCount() const { return m_localConnections; }
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    /** Stops listening and drops every connection (connectionClosed() fires for each). */
    void close();

    /** Largest body kept in memory (default 6 MiB + 100 B). Larger ones set bodyTooLarge. */
    void setMaxBodyBytes(qint64 bytes);
    qint64 maxBodyBytes() const;
    /**
     * Up to this many body bytes (default 256 MiB) of an oversize body are read and counted,
     * so that the connection stays usable and receivedBodyBytes is exact; beyond it, the
     * handler is called at once and the connection is closed after its response.
     */
    void setMaxDiscardBytes(qint64 bytes);
    qint64 maxDiscardBytes() const;
    /** Largest request line plus header block (default 64 KiB); beyond it: 431 and close. */
    void setMaxHeaderBytes(int bytes);
    int maxHeaderBytes() const;
    /**
     * A started request must have its headers within this time and its body must keep
     * arriving with gaps no longer than this (default 30 s); else the connection is dropped.
     * Idle keep-alive connections (no partial request) are never timed out.
     */
    void setIdleTimeoutMs(int timeoutMs);
    int idleTimeoutMs() const;

    /**
     * When a client has already pipelined its next request behind the one being answered,
     * hold the answer and write it together with the next one's, in one write (default off).
     * The Runtime API uses it: our runtime clients post a result and ask for the next event
     * in one write, and the 202 then travels with that event instead of waking the runtime
     * on its own. An answer is held only while a later request of the same client is with
     * the handler (a parked long-poll), never when the connection is otherwise idle.
     */
    void setCoalescePipelinedResponses(bool coalesce);
    bool coalescePipelinedResponses() const;

    int connectionCount() const;
    /** Socket write calls made so far (diagnostics: one per response, one per 100 Continue). */
    quint64 socketWriteCount() const;

Q_SIGNALS:
    void connectionOpened(quint64 connectionId);
    /** A connection went away (peer closed, error, timeout, or close()). */
    void connectionClosed(quint64 connectionId);

private:
    void acceptConnection(qintptr descriptor);

    Internal::DescriptorServer *m_server = nullptr;
    Internal::DescriptorLocalServer *m_localServer = nullptr;
    quint64 m_localConnections = 0;
    std::shared_ptr<Internal::HttpServerConfig> m_config;
    QHash<quint64, QPointer<Internal::HttpConnection>> m_connections;
    quint64 m_nextConnectionId = 1;
};

} // namespace Lwb
