// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/httpresponder.h"
#include "http/httpresponse.h"
#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace Lwb {

class HttpServer;
struct HttpRequest;

/** One event for the runtime, as GET /next delivers it. A plain value type. */
struct LWB_CORE_EXPORT RuntimeInvocation
{
    QString requestId;
    QByteArray payload;            ///< already defaulted to "{}" by the engine when empty
    QByteArray contentType = QByteArrayLiteral("application/json");
    qint64 deadlineMs = 0;         ///< Unix epoch ms; header omitted when 0
    QString invokedFunctionArn;
    QByteArray traceId;            ///< Lambda-Runtime-Trace-Id
    QByteArray clientContext;      ///< JSON text or empty
    QByteArray cognitoIdentity;    ///< JSON text or empty
    QByteArray tenantId;
};

/**
 * The AWS Lambda Runtime API (2018-06-01) of one execution environment, on 127.0.0.1 and an
 * ephemeral port. It copies RAPID's state machine: /next parks until startInvocation(), a
 * repeated /next re-delivers the running invocation, posts for another id get 400
 * InvalidRequestID, out-of-order posts 403 InvalidStateTransition, oversize responses 413.
 *
 * Signals are emitted after the runtime's HTTP reply has been written, so the runtime is
 * already on its way to the next /next while the engine handles them. Slots may call
 * startInvocation() or reset() directly. Lives in (and must be used from) its own thread.
 */
class LWB_CORE_EXPORT RuntimeApiServer : public QObject
{
    Q_OBJECT

public:
    enum class State { Started, Ready, Running, ResponseSent, InitError };
    Q_ENUM(State)

    /** Largest /response (and /error) body accepted: RAPID's 6 MiB + 100 B. */
    static constexpr qint64 kMaxPayloadBytes = 6 * 1024 * 1024 + 100;

    explicit RuntimeApiServer(QObject *parent = nullptr);
    ~RuntimeApiServer() override;

    /**
     * Listens on 127.0.0.1, on an ephemeral port, and on a Unix-domain socket in a folder of
     * its own (localSocketDir()) when it can: our runtime clients use that one (set in
     * LWB_RUNTIME_API_SOCKET), which saves both ends TCP's cost on every event and result.
     * Other runtimes (custom bootstraps, the official clients) use AWS_LAMBDA_RUNTIME_API.
     */
    bool listen(QString *errorMessage = nullptr);
    /** The folder holding the Unix-domain socket (named kLocalSocketName); empty without one. */
    QString localSocketDir() const;
    static constexpr const char *kLocalSocketName = "runtime-api.sock";
    /** Connections accepted on the Unix-domain socket so far. */
    quint64 localConnectionCount() const;
    quint16 port() const;
    /** "127.0.0.1:PORT", the value for AWS_LAMBDA_RUNTIME_API. */
    QByteArray address() const;
    State state() const;
    /** The invocation the runtime may answer (queued or running); empty when none. */
    QString currentRequestId() const;

    /**
     * Hands @p invocation to the runtime: answers a parked /next now, or the next /next.
     * Replaces any invocation still queued or running (a runtime answering the old id then
     * gets 400 InvalidRequestID).
     */
    void startInvocation(const RuntimeInvocation &invocation);
    /**
     * The environment was killed or re-created: forgets the invocation, closes the
     * connections of parked /next calls, and goes back to Started.
     */
    void reset();

    /** The server underneath (limits, connection counts); owned by this object. */
    HttpServer *httpServer() const;

Q_SIGNALS:
    /**
     * The runtime is parked on /next with nothing to run. The first time, this means init
     * has finished. Not emitted when an invocation was already queued (it is delivered at
     * once), nor for a second /next while one is parked.
     */
    void runtimeReady();
    /** POST /runtime/init/error was accepted (state InitError). */
    void initErrorReported(const QByteArray &errorType, const QByteArray &body);
    /** POST /response was accepted (202 already written); state is ResponseSent. */
    void invocationResponse(const QString &requestId, const QByteArray &body,
                            const QByteArray &contentType);
    /**
     * The invocation failed: POST /error was accepted, or /response was too large
     * (Function.ResponseSizeTooLarge), carried an invalid response mode
     * (Runtime.InvalidResponseModeHeader), or ended with error trailers. State is ResponseSent.
     */
    void invocationError(const QString &requestId, const QByteArray &errorType,
                         const QByteArray &body);

private:
    void handleRequest(const HttpRequest &request, HttpResponder responder);
    void handleNext(HttpResponder &responder);
    /// The id check and state change every result post goes through; false when answered.
    bool acceptResult(HttpResponder &responder, const QString &id, const char *transition);
    /// Answers an oversized result post with Lambda's 413; true when it did.
    bool rejectOversize(const HttpRequest &request, HttpResponder &responder, const QString &id);
    void handleResponse(const HttpRequest &request, HttpResponder &responder, const QString &id);
    void handleError(const HttpRequest &request, HttpResponder &responder, const QString &id);
    void handleInitError(const HttpRequest &request, HttpResponder &responder);
    void deliverToParked();
    bool checkRequestId(const QString &id, HttpResponder &responder);
    void forbidTransition(HttpResponder &responder, const char *target);

    HttpServer *m_http = nullptr;
    std::unique_ptr<QTemporaryDir> m_socketDir;
    State m_state = State::Started;
    std::optional<RuntimeInvocation> m_invocation;
    QByteArray m_invocationId;           ///< m_invocation->requestId as UTF-8, for fast checks
    HttpResponse m_nextResponse;         ///< /next reply for m_invocation, built once
    bool m_pending = false;              ///< m_invocation not yet handed to the runtime
    QList<HttpResponder> m_parked;
};

} // namespace Lwb
