// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpresponder.h"
#include "httpserver.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <memory>

class QTcpSocket;

namespace Lwb::Internal {

/** Settings shared by an HttpServer and its connections; read on every request. */
struct HttpServerConfig
{
    HttpServer::Handler handler;
    qint64 maxBodyBytes = 6 * 1024 * 1024 + 100;
    qint64 maxDiscardBytes = 256LL * 1024 * 1024;
    int maxHeaderBytes = 64 * 1024;
    int idleTimeoutMs = 30000;
    bool coalescePipelined = false;
    quint64 socketWrites = 0;
};

/** What an HttpResponder points at: one request of one connection. */
struct HttpResponderState
{
    QPointer<HttpConnection> connection;
    quint64 connectionId = 0;
    quint64 sequence = 0;
    bool sent = false;
};

/**
 * One accepted socket: feeds its bytes to the HTTP parser, hands complete requests to the
 * handler one at a time, and writes responses. Not exported; owned by HttpServer, destroyed
 * with deleteLater() only, so that a handler may close the server while being called.
 */
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(qintptr descriptor, quint64 id, std::shared_ptr<HttpServerConfig> config,
                   QObject *parent);
    ~HttpConnection() override;

    quint64 id() const;
    bool isOpen() const;
    /** Whether @p sequence is the request currently waiting for its response. */
    bool isAwaiting(quint64 sequence) const;
    void sendResponse(quint64 sequence, HttpResponse response);
    /** Drops the socket at once; closed() fires if it was open. */
    void abort();

Q_SIGNALS:
    void closed(quint64 connectionId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Lwb::Internal
