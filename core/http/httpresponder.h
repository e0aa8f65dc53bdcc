// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpresponse.h"
#include "lwb_core_export.h"

#include <QtCore/QtGlobal>

#include <memory>

namespace Lwb {

namespace Internal {
class HttpConnection;
struct HttpResponderState;
}

/**
 * The handle through which a handler answers one HttpRequest. Copyable; all copies share
 * one state, so the first send() wins and later ones are no-ops. It may be kept and used
 * later (a long-poll can park it for minutes). Sending after the client went away, or after
 * HttpServer::close(), is a safe no-op. Use it from the HttpServer's thread only.
 */
class LWB_CORE_EXPORT HttpResponder
{
public:
    /** A null responder: isOpen() is false and send() does nothing. */
    HttpResponder();

    /** True while the connection is open and this request has not been answered yet. */
    bool isOpen() const;
    /** True once send() was called on this responder or one of its copies. */
    bool isSent() const;
    /** The connection the request came in on (as in HttpServer::connectionClosed()). */
    quint64 connectionId() const;

    /**
     * Serialises @p response and writes it with one socket write. Requests pipelined
     * behind this one are processed afterwards, in order.
     */
    void send(HttpResponse response);
    /** Drops the connection without answering (e.g. the peer must not get a reply). */
    void closeConnection();

private:
    friend class Internal::HttpConnection;
    explicit HttpResponder(std::shared_ptr<Internal::HttpResponderState> state);
    std::shared_ptr<Internal::HttpResponderState> m_state;
};

} // namespace Lwb
