// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimeapiserver.h"

#include "http/httprequest.h"
#include "http/httpserver.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/// Socket folders an engine that was killed left behind (lwb-rapi-PID-*, PID gone).
void removeStaleSocketDirs()
{
    QDir temp(QDir::tempPath());
    const QStringList dirs = temp.entryList({u"lwb-rapi-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : dirs) {
        bool ok = false;
        const qint64 pid = name.section(u'-', 2, 2).toLongLong(&ok);
        if (ok && pid > 0 && pid != QCoreApplication::applicationPid() && ::kill(pid_t(pid), 0) != 0
            && errno == ESRCH) {
            QDir(temp.filePath(name)).removeRecursively();
        }
    }
}

Q_LOGGING_CATEGORY(lcRuntimeApi, "lwb.core.runtimeapi")

constexpr QByteArrayView kPrefix = "/2018-06-01";
constexpr QByteArrayView kErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
constexpr QByteArrayView kErrorBodyTrailer = "Lambda-Runtime-Function-Error-Body";
constexpr QByteArrayView kResponseModeHeader = "Lambda-Runtime-Function-Response-Mode";
constexpr QByteArrayView kErrorCauseContentType = "application/vnd.aws.lambda.error.cause+json";

const char *stateName(RuntimeApiServer::State state)
{
    // The names RAPID puts in its InvalidStateTransition messages (core/runtime_state_names.go).
    switch (state) {
    case RuntimeApiServer::State::Started:
        return "Started";
    case RuntimeApiServer::State::Ready:
        return "Ready";
    case RuntimeApiServer::State::Running:
        return "Running";
    case RuntimeApiServer::State::ResponseSent:
        return "RuntimeResponseSentState";
    case RuntimeApiServer::State::InitError:
        return "InitError";
    }
    return "Unknown";
}

QByteArray errorJson(const std::string &message, const std::string &type)
{
    nlohmann::ordered_json document;
    document["errorMessage"] = message;
    document["errorType"] = type;
    return QByteArray::fromStdString(document.dump());
}

HttpResponse errorReply(int status, const std::string &message, const std::string &type)
{
    return HttpResponse::json(status, errorJson(message, type));
}

HttpResponse acceptedReply()
{
    return HttpResponse::json(202, QByteArrayLiteral("{\"status\":\"OK\"}"));
}

HttpResponse invalidRequestIdReply()
{
    return errorReply(400, "Invalid request ID", "InvalidRequestID");
}

QByteArray tooLargeMessage(qint64 size)
{
    return errorJson("Response payload size (" + std::to_string(size)
                         + " bytes) exceeded maximum allowed payload size ("
                         + std::to_string(RuntimeApiServer::kMaxPayloadBytes) + " bytes).",
                     "Function.ResponseSizeTooLarge");
}

HttpResponse entityTooLargeReply()
{
    return errorReply(413,
                      "Exceeded maximum allowed payload size ("
                          + std::to_string(RuntimeApiServer::kMaxPayloadBytes) + " bytes).",
                      "RequestEntityTooLarge");
}

/** Error type from the header, else from the body's errorType, else Runtime.Unknown. */
QByteArray errorTypeOf(const HttpRequest &request, const QByteArray &body)
{
    QByteArray type = request.header(kErrorTypeHeader);
    if (!type.isEmpty()) {
        return type;
    }
    const auto document = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (document.is_object()) {
        const auto it = document.find("errorType");
        if (it != document.end() && it->is_string() && !it->get_ref<const std::string &>().empty()) {
            return QByteArray::fromStdString(it->get<std::string>());
        }
    }
    return QByteArrayLiteral("Runtime.Unknown");
}

/**
 * application/vnd.aws.lambda.error.cause+json: RAPID keeps errorMessage, errorType and
 * stackTrace (errorCause goes to X-Ray) and forwards that as application/json; a body that
 * does not parse becomes the JSON string "Invalid error body".
 */
QByteArray stripErrorCause(const QByteArray &body)
{
    const auto parsed = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!parsed.is_object()) {
        return QByteArrayLiteral("\"Invalid error body\"");
    }
    auto stringField = [&parsed](const char *key) {
        const auto it = parsed.find(key);
        return (it != parsed.end() && it->is_string()) ? it->get<std::string>() : std::string();
    };
    nlohmann::ordered_json filtered;
    filtered["errorMessage"] = stringField("errorMessage");
    filtered["errorType"] = stringField("errorType");
    const auto trace = parsed.find("stackTrace");
    if (trace != parsed.end() && trace->is_array() && !trace->empty()) {
        nlohmann::json lines = nlohmann::json::array();
        for (const auto &line : *trace) {
            if (!line.is_string()) {
                return QByteArrayLiteral("\"Invalid error body\"");
            }
            lines.push_back(line);
        }
        filtered["stackTrace"] = lines;
    }
    return QByteArray::fromStdString(filtered.dump());
}

HttpResponse buildNextResponse(const RuntimeInvocation &invocation)
{
    HttpResponse response(200, invocation.payload);
    auto setIfNotEmpty = [&response](const char *name, const QByteArray &value) {
        if (!value.isEmpty()) {
            response.headers.append({QByteArray(name), value});
        }
    };
    setIfNotEmpty("Lambda-Runtime-Aws-Request-Id", invocation.requestId.toUtf8());
    setIfNotEmpty("Lambda-Runtime-Trace-Id", invocation.traceId);
    setIfNotEmpty("Lambda-Runtime-Client-Context", invocation.clientContext);
    setIfNotEmpty("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity);
    setIfNotEmpty("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn.toUtf8());
    if (invocation.deadlineMs > 0) {
        setIfNotEmpty("Lambda-Runtime-Deadline-Ms", QByteArray::number(invocation.deadlineMs));
    }
    setIfNotEmpty("Lambda-Runtime-Aws-Tenant-Id", invocation.tenantId);
    response.headers.append({QByteArrayLiteral("Content-Type"),
                             invocation.contentType.isEmpty()
                                 ? QByteArrayLiteral("application/json")
                                 : invocation.contentType});
    return response;
}

} // namespace

RuntimeApiServer::RuntimeApiServer(QObject *parent)
    : QObject(parent)
    , m_http(new HttpServer(this))
{
    m_http->setMaxBodyBytes(kMaxPayloadBytes);
    // A runtime may stay on one request for the whole function timeout; only stalled
    // partial requests are dropped, so this is generous.
    m_http->setIdleTimeoutMs(60000);
    // Our runtime clients pipeline "here is the result" with "give me the next event": the
    // 202 then leaves with the next event, one write and one wake-up per invocation.
    m_http->setCoalescePipelinedResponses(true);
    m_http->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handleRequest(request, std::move(responder));
    });
    connect(m_http, &HttpServer::connectionClosed, this, [this](quint64 connectionId) {
        m_parked.removeIf([connectionId](const HttpResponder &parked) {
            return parked.connectionId() == connectionId;
        });
    });
}

RuntimeApiServer::~RuntimeApiServer() = default;

bool RuntimeApiServer::listen(QString *errorMessage)
{
    if (!m_http->listen(QHostAddress(QHostAddress::LocalHost), 0, errorMessage)) {
        return false;
    }
    if (!m_socketDir) {
        static const bool swept = (removeStaleSocketDirs(), true);
        Q_UNUSED(swept);
        auto dir = std::make_unique<QTemporaryDir>(
            QDir::tempPath() + u"/lwb-rapi-%1-XXXXXX"_s.arg(QCoreApplication::applicationPid()));
        // sun_path holds 107 bytes; a longer TMPDIR leaves the runtimes on TCP.
        if (dir->isValid()
            && m_http->listenLocal(dir->filePath(QString::fromLatin1(kLocalSocketName)))) {
            m_socketDir = std::move(dir);
        }
    }
    return true;
}

QString RuntimeApiServer::localSocketDir() const
{
    return m_socketDir && !m_http->localPath().isEmpty() ? m_socketDir->path() : QString();
}

quint64 RuntimeApiServer::localConnectionCount() const
{
    return m_http->localConnectionCount();
}

quint16 RuntimeApiServer::port() const
{
    return m_http->serverPort();
}

QByteArray RuntimeApiServer::address() const
{
    return QByteArrayLiteral("127.0.0.1:") + QByteArray::number(port());
}

RuntimeApiServer::State RuntimeApiServer::state() const
{
    return m_state;
}

QString RuntimeApiServer::currentRequestId() const
{
    return m_invocation ? m_invocation->requestId : QString();
}

HttpServer *RuntimeApiServer::httpServer() const
{
    return m_http;
}

void RuntimeApiServer::startInvocation(const RuntimeInvocation &invocation)
{
    if (m_state == State::Running || m_pending) {
        qCWarning(lcRuntimeApi) << "invocation" << currentRequestId() << "replaced by"
                                << invocation.requestId << "before the runtime answered it";
    }
    m_invocation = invocation;
    m_invocationId = invocation.requestId.toUtf8();
    m_nextResponse = buildNextResponse(invocation);
    // In Running the runtime gets the new invocation on its next /next (a re-delivery).
    m_pending = m_state != State::Running;
    if (m_state == State::Ready) {
        deliverToParked();
    }
}

void RuntimeApiServer::reset()
{
    m_state = State::Started;
    m_invocation.reset();
    m_invocationId.clear();
    m_nextResponse = HttpResponse();
    m_pending = false;
    const QList<HttpResponder> parked = std::exchange(m_parked, {});
    for (HttpResponder responder : parked) {
        responder.closeConnection();
    }
}

void RuntimeApiServer::deliverToParked()
{
    bool delivered = false;
    const QList<HttpResponder> parked = std::exchange(m_parked, {});
    for (HttpResponder responder : parked) {
        if (responder.isOpen()) {
            if (!delivered) {
                m_state = State::Running;
                m_pending = false;
                delivered = true;
            }
            responder.send(m_nextResponse);
        }
    }
}

void RuntimeApiServer::handleRequest(const HttpRequest &request, HttpResponder responder)
{
    const QString &path = request.path;
    const bool isGet = request.method == "GET";
    const bool isPost = request.method == "POST";

    if (path == u"/ping" || path == u"/2018-06-01/ping") {
        if (!isGet) {
            responder.send(HttpResponse(405));
            return;
        }
        responder.send(HttpResponse(200, QByteArrayLiteral("pong"),
                                    QByteArrayLiteral("text/plain; charset=utf-8")));
        return;
    }

    const QString prefix = QString::fromLatin1(kPrefix);
    if (path.startsWith(prefix)) {
        const QStringView rest = QStringView(path).mid(prefix.size());
        if (rest == u"/runtime/invocation/next") {
            if (isGet) {
                handleNext(responder);
            } else {
                responder.send(HttpResponse(405));
            }
            return;
        }
        if (rest == u"/runtime/init/error") {
            if (isPost) {
                handleInitError(request, responder);
            } else {
                responder.send(HttpResponse(405));
            }
            return;
        }
        constexpr QStringView invocationPrefix = u"/runtime/invocation/";
        if (rest.startsWith(invocationPrefix)) {
            const QStringView tail = rest.mid(invocationPrefix.size());
            const qsizetype slash = tail.indexOf(u'/');
            if (slash > 0 && tail.indexOf(u'/', slash + 1) < 0) {
                const QString id = tail.left(slash).toString();
                const QStringView action = tail.mid(slash + 1);
                if (action == u"response" || action == u"error") {
                    if (!isPost) {
                        responder.send(HttpResponse(405));
                    } else if (action == u"response") {
                        handleResponse(request, responder, id);
                    } else {
                        handleError(request, responder, id);
                    }
                    return;
                }
            }
        }
    }
    responder.send(HttpResponse(404, QByteArrayLiteral("404 page not found\n"),
                                QByteArrayLiteral("text/plain; charset=utf-8")));
}

void RuntimeApiServer::forbidTransition(HttpResponder &responder, const char *target)
{
    responder.send(errorReply(403,
                              std::string("State transition from ") + stateName(m_state) + " to "
                                  + target
                                  + " failed for runtime. Error: State transition is not allowed",
                              "InvalidStateTransition"));
}

bool RuntimeApiServer::checkRequestId(const QString &id, HttpResponder &responder)
{
    if (id.isEmpty() || !m_invocation || id != m_invocation->requestId) {
        responder.send(invalidRequestIdReply());
        return false;
    }
    return true;
}

void RuntimeApiServer::handleNext(HttpResponder &responder)
{
    switch (m_state) {
    case State::InitError:
        forbidTransition(responder, "Ready");
        return;
    case State::Running:
        // RAPID's Running.Ready() is a no-op: the same invocation is rendered again.
        responder.send(m_nextResponse);
        return;
    case State::Ready:
        if (m_pending) {
            m_state = State::Running;
            m_pending = false;
            responder.send(m_nextResponse);
        } else {
            m_parked.append(responder);
        }
        return;
    case State::Started:
    case State::ResponseSent:
        m_state = State::Ready;
        if (m_pending) {
            m_state = State::Running;
            m_pending = false;
            responder.send(m_nextResponse);
            return;
        }
        m_parked.append(responder);
        Q_EMIT runtimeReady();
        return;
    }
}

bool RuntimeApiServer::acceptResult(HttpResponder &responder, const QString &id,
                                    const char *transition)
{
    if (!checkRequestId(id, responder)) {
        return false;
    }
    if (m_state != State::Running) {
        forbidTransition(responder, transition);
        return false;
    }
    m_state = State::ResponseSent;
    return true;
}

bool RuntimeApiServer::rejectOversize(const HttpRequest &request, HttpResponder &responder,
                                      const QString &id)
{
    if (!request.bodyTooLarge) {
        return false;
    }
    responder.send(entityTooLargeReply());
    Q_EMIT invocationError(id, QByteArrayLiteral("Function.ResponseSizeTooLarge"),
                           tooLargeMessage(qMax(request.receivedBodyBytes, request.declaredBodyBytes)));
    return true;
}

void RuntimeApiServer::handleResponse(const HttpRequest &request, HttpResponder &responder,
                                      const QString &id)
{
    if (!acceptResult(responder, id, "InvocationResponse")) {
        return;
    }

    const QByteArray mode = request.header(kResponseModeHeader);
    if (request.hasHeader(kResponseModeHeader) && mode != "streaming") {
        responder.send(errorReply(400, "Invalid function response mode",
                                  "InvalidFunctionResponseMode"));
        Q_EMIT invocationError(id, QByteArrayLiteral("Runtime.InvalidResponseModeHeader"),
                               errorJson("Invalid function response mode",
                                         "Runtime.InvalidResponseModeHeader"));
        return;
    }
    if (rejectOversize(request, responder, id)) {
        return;
    }
    responder.send(acceptedReply());

    // A streamed response that failed midway says so in its trailers.
    const QByteArray trailerType = request.trailer(kErrorTypeHeader);
    if (!trailerType.isEmpty()) {
        Q_EMIT invocationError(id, trailerType,
                               QByteArray::fromBase64(request.trailer(kErrorBodyTrailer)));
        return;
    }
    QByteArray contentType = request.header("Content-Type");
    if (contentType.isEmpty()) {
        contentType = QByteArrayLiteral("application/json");
    }
    Q_EMIT invocationResponse(id, request.body, contentType);
}

void RuntimeApiServer::handleError(const HttpRequest &request, HttpResponder &responder,
                                   const QString &id)
{
    if (!acceptResult(responder, id, "InvocationErrorResponse")) {
        return;
    }
    if (rejectOversize(request, responder, id)) {
        return;
    }
    QByteArray body = request.body;
    if (request.header("Content-Type").trimmed().compare(kErrorCauseContentType,
                                                         Qt::CaseInsensitive) == 0) {
        body = stripErrorCause(body);
    }
    const QByteArray type = errorTypeOf(request, body);
    responder.send(acceptedReply());
    Q_EMIT invocationError(id, type, body);
}

void RuntimeApiServer::handleInitError(const HttpRequest &request, HttpResponder &responder)
{
    if (m_state != State::Started) {
        forbidTransition(responder, "InitError");
        return;
    }
    m_state = State::InitError;
    responder.send(acceptedReply());
    const QByteArray body = request.bodyTooLarge
        ? tooLargeMessage(qMax(request.receivedBodyBytes, request.declaredBodyBytes))
        : request.body;
    Q_EMIT initErrorReported(errorTypeOf(request, body), body);
}

} // namespace Lwb
