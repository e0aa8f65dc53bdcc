// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/httpresponse.h"
#include "lwb_core_export.h"
#include "model/invocation.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtNetwork/QHostAddress>

#include <functional>
#include <vector>

namespace Lwb {

class Engine;
class HttpServer;
struct HttpRequest;
class HttpResponder;

/**
 * The Lambda Invoke API (rest-json, apiVersion 2015-03-31) in front of an Engine, as awscli,
 * boto3 and the other SDKs call it with --endpoint-url:
 *
 *   POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=…]
 *
 * FunctionName may be a name, a partial or a full ARN, percent-encoded, with a `:qualifier`
 * suffix. The headers X-Amz-Invocation-Type, X-Amz-Log-Type, X-Amz-Client-Context and
 * X-Amzn-Trace-Id are honoured; answers carry X-Amz-Executed-Version, X-Amz-Function-Error,
 * X-Amz-Log-Result and x-amzn-RequestId, and errors come in AWS's wire format (status,
 * x-amzn-ErrorType, body {"Type":"User","message":…}).
 *
 * Every request becomes an Engine::invoke() at once: nothing is serialised per function or per
 * connection beyond what HTTP/1.1 itself orders on one connection.
 *
 * Does not own the engine; owns its HttpServer. Lives in (and must be used from) the engine's
 * thread.
 */
class LWB_CORE_EXPORT InvokeApiServer : public QObject
{
    Q_OBJECT

public:
    /** Largest RequestResponse / DryRun payload Lambda accepts (6 MB). */
    static constexpr qint64 kMaxSyncPayloadBytes = 6291456;
    /** Largest Event payload Lambda accepts (1 MB). */
    static constexpr qint64 kMaxEventPayloadBytes = 1048576;
    /** Largest X-Amz-Client-Context header (base64 characters). */
    static constexpr qsizetype kMaxClientContextBytes = 3583;
    /** X-Amz-Log-Result carries at most this much of the end of the log. */
    static constexpr int kLogTailBytes = 4096;

    explicit InvokeApiServer(Engine *engine, QObject *parent = nullptr);
    ~InvokeApiServer() override;

    /** Starts listening (loopback and an ephemeral port by default). */
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost),
                quint16 port = 0, QString *errorMessage = nullptr);
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    /** `http://<address>:<port>`, as printed by `lwb local start-lambda`. */
    QString baseUrl() const;
    /** The URL a function is invoked at. */
    QString invocationUrl(const QString &functionName) const;

    Engine *engine() const { return m_engine; }
    /** The underlying HTTP server (for limits and diagnostics). */
    HttpServer *httpServer() const { return m_http; }

    /**
     * Another operation served beside Invoke (the control plane, layers, …): called for every
     * request that passed the filters, in the order added, before Invoke's own route. Returns
     * true when it answered the request (or kept @p responder to answer later).
     */
    using Route = std::function<bool(const HttpRequest &request, HttpResponder &responder)>;
    void addRoute(Route route);
    /**
     * Runs before any route (authentication, authorisation): returns false after answering
     * the request itself, e.g. with an AWS error; true lets the request through.
     */
    using Filter = std::function<bool(const HttpRequest &request, HttpResponder &responder)>;
    void addFilter(Filter filter);

    /** Requests accepted and handed to the engine but not answered yet. */
    int inFlightCount() const { return m_inFlight; }

    /**
     * An error in the rest-json wire format: @p status, `x-amzn-ErrorType: <code>`,
     * `x-amzn-RequestId`, `Content-Type: application/json`, body
     * `{"Type":"User","message":"…"}` (plus `"Reason"` and `Retry-After` for throttles).
     */
    static HttpResponse errorResponse(int status, const QString &code, const QString &message,
                                      const QString &requestId, const QString &reason = {},
                                      int retryAfterSeconds = 0);

    /** The HTTP answer for one engine result (success, function error or service error). */
    static HttpResponse resultResponse(const InvokeRequest &request, const InvokeResult &result);

Q_SIGNALS:
    /** One request was answered (after the engine finished it, or was refused by the API). */
    void invocationFinished(const Lwb::InvokeRequest &request, const Lwb::InvokeResult &result);

private:
    void handle(const HttpRequest &request, HttpResponder responder);
    void handleInvoke(const HttpRequest &request, const QString &rawFunctionName,
                      HttpResponder responder);

    QPointer<Engine> m_engine;
    HttpServer *m_http = nullptr;
    std::vector<Filter> m_filters;
    std::vector<Route> m_routes;
    int m_inFlight = 0;
};

} // namespace Lwb
