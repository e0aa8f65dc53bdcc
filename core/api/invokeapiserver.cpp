// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invokeapiserver.h"

#include "api/functionarn.h"
#include "engine/engine.h"
#include "engine/ids.h"
#include "engine/platformlog.h"
#include "http/httpserver.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr QByteArrayView kInvokePrefix = "/2015-03-31/functions/";
constexpr QByteArrayView kInvokeSuffix = "/invocations";

QByteArray requestTooLargeMessage(qint64 limit)
{
    return "Request must be smaller than " + QByteArray::number(limit) +
           " bytes for the InvokeFunction operation";
}

QString enumMessage(const QByteArray &value, const QString &member, const QString &values)
{
    return u"1 validation error detected: Value '%1' at '%2' failed to satisfy constraint: "
           "Member must satisfy enum value set: [%3]"_s.arg(QString::fromUtf8(value), member,
                                                            values);
}

/** The request path, still percent-encoded, without query (absolute-form targets too). */
QByteArrayView rawPath(const QByteArray &target)
{
    QByteArrayView path(target);
    if (!path.startsWith('/')) {
        // absolute-form: http://host:port/path
        const qsizetype scheme = path.indexOf("://");
        if (scheme >= 0) {
            const qsizetype slash = path.indexOf('/', scheme + 3);
            path = slash >= 0 ? path.sliced(slash) : QByteArrayView("/");
        }
    }
    const qsizetype query = path.indexOf('?');
    return query >= 0 ? path.first(query) : path;
}

} // namespace

InvokeApiServer::InvokeApiServer(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_http(new HttpServer(this))
{
    // Bodies up to the sync limit are kept; larger ones reach handle() with bodyTooLarge set,
    // so that the 413 is Lambda's, and an Event between 1 MB and 6 MB is told apart by size.
    m_http->setMaxBodyBytes(kMaxSyncPayloadBytes);
    m_http->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handle(request, std::move(responder));
    });
}

InvokeApiServer::~InvokeApiServer() = default;

bool InvokeApiServer::listen(const QHostAddress &address, quint16 port, QString *errorMessage)
{
    return m_http->listen(address, port, errorMessage);
}

void InvokeApiServer::close()
{
    m_http->close();
}

bool InvokeApiServer::isListening() const
{
    return m_http->isListening();
}

quint16 InvokeApiServer::serverPort() const
{
    return m_http->serverPort();
}

QHostAddress InvokeApiServer::serverAddress() const
{
    return m_http->serverAddress();
}

QString InvokeApiServer::baseUrl() const
{
    const QHostAddress address = serverAddress();
    QString host = address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        host = u'[' + host + u']';
    }
    return u"http://"_s + host + u':' + QString::number(serverPort());
}

QString InvokeApiServer::invocationUrl(const QString &functionName) const
{
    return baseUrl() + QString::fromLatin1(kInvokePrefix) + functionName +
           QString::fromLatin1(kInvokeSuffix);
}

HttpResponse InvokeApiServer::errorResponse(int status, const QString &code, const QString &message,
                                            const QString &requestId, const QString &reason,
                                            int retryAfterSeconds)
{
    nlohmann::ordered_json body{{"Type", "User"}, {"message", message.toStdString()}};
    if (!reason.isEmpty()) {
        body["Reason"] = reason.toStdString();
    }
    HttpResponse response(status, QByteArray::fromStdString(body.dump()), "application/json");
    response.setHeader("x-amzn-RequestId", requestId.toUtf8());
    response.setHeader("x-amzn-ErrorType", code.toUtf8());
    if (status == 429 && retryAfterSeconds > 0) {
        response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
    }
    return response;
}

HttpResponse InvokeApiServer::resultResponse(const InvokeRequest &request,
                                             const InvokeResult &result)
{
    const QString requestId = result.requestId.isEmpty() ? request.requestId : result.requestId;
    if (result.isServiceError()) {
        const int status = result.httpStatus >= 400 ? result.httpStatus : 500;
        return errorResponse(status, result.serviceErrorCode, result.serviceErrorMessage, requestId,
                             result.throttleReason, result.retryAfterSeconds);
    }
    HttpResponse response;
    response.setHeader("x-amzn-RequestId", requestId.toUtf8());
    switch (request.type) {
    case InvocationType::Event:
        response.statusCode = 202;
        return response;
    case InvocationType::DryRun:
        response.statusCode = 204;
        return response;
    case InvocationType::RequestResponse:
        break;
    }
    response.statusCode = 200;
    response.body = result.payload;
    response.setHeader("Content-Type", result.contentType.isEmpty()
                                           ? QByteArrayLiteral("application/json")
                                           : result.contentType);
    response.setHeader(
        "X-Amz-Executed-Version",
        (result.executedVersion.isEmpty() ? u"$LATEST"_s : result.executedVersion).toUtf8());
    if (result.functionError) {
        response.setHeader("X-Amz-Function-Error", "Unhandled");
    }
    if (request.tailLog) {
        response.setHeader("X-Amz-Log-Result",
                           PlatformLog::tail(result.log, kLogTailBytes).toBase64());
    }
    return response;
}

void InvokeApiServer::addRoute(Route route)
{
    m_routes.push_back(std::move(route));
}

void InvokeApiServer::addFilter(Filter filter)
{
    m_filters.push_back(std::move(filter));
}

void InvokeApiServer::handle(const HttpRequest &request, HttpResponder responder)
{
    for (const Filter &filter : m_filters) {
        if (!filter(request, responder)) {
            return;
        }
    }
    // Invoke first: the hot path does not walk the other operations' routes.
    const QByteArrayView path = rawPath(request.target);
    if (path.size() > kInvokePrefix.size() + kInvokeSuffix.size() &&
        path.startsWith(kInvokePrefix) && path.endsWith(kInvokeSuffix)) {
        const QByteArrayView encodedName = path.sliced(
            kInvokePrefix.size(), path.size() - kInvokePrefix.size() - kInvokeSuffix.size());
        if (!encodedName.contains('/')) {
            if (request.method != "POST") {
                HttpResponse response =
                    errorResponse(405, u"MethodNotAllowedException"_s,
                                  u"The Invoke operation takes POST, not %1"_s.arg(
                                      QString::fromLatin1(request.method)),
                                  Ids::requestId());
                response.setHeader("Allow", "POST");
                responder.send(std::move(response));
                return;
            }
            const QString name =
                QString::fromUtf8(QByteArray::fromPercentEncoding(encodedName.toByteArray()));
            handleInvoke(request, name, std::move(responder));
            return;
        }
    }
    for (const Route &route : m_routes) {
        if (route(request, responder)) {
            return;
        }
    }
    responder.send(errorResponse(
        404, u"UnknownOperationException"_s,
        u"Unknown operation: %1 %2"_s.arg(QString::fromLatin1(request.method), request.path),
        Ids::requestId()));
}

void InvokeApiServer::handleInvoke(const HttpRequest &http, const QString &rawFunctionName,
                                   HttpResponder responder)
{
    InvokeRequest request;
    request.requestId = Ids::requestId();
    request.source = u"api"_s;
    request.functionName = rawFunctionName;

    auto refuse = [&](int status, const QString &code, const QString &message) {
        InvokeResult result;
        result.requestId = request.requestId;
        result.httpStatus = status;
        result.serviceErrorCode = code;
        result.serviceErrorMessage = message;
        responder.send(resultResponse(request, result));
        Q_EMIT invocationFinished(request, result);
    };

    // The function and its qualifier (whether the qualifier exists is the engine's call).
    QString error;
    const std::optional<FunctionArn> arn = FunctionArn::parse(rawFunctionName, &error);
    if (!arn) {
        refuse(400, u"ValidationException"_s, error);
        return;
    }
    request.functionName = arn->name();
    const QString queryQualifier = http.queryItemValue(u"Qualifier"_s);
    if (!FunctionArn::isValidQualifier(queryQualifier)) {
        refuse(400, u"ValidationException"_s,
               u"1 validation error detected: Value '%1' at 'qualifier' failed to satisfy "
               "constraint: Member must satisfy regular expression pattern: %2"_s.arg(
                   queryQualifier, FunctionArn::qualifierPattern()));
        return;
    }
    if (arn->hasQualifier() && !queryQualifier.isEmpty() && queryQualifier != arn->qualifier()) {
        refuse(
            400, u"InvalidParameterValueException"_s,
            u"The derived qualifier from the function name does not match the specified qualifier."_s);
        return;
    }
    request.qualifier = arn->hasQualifier() ? arn->qualifier() : queryQualifier;

    if (!m_engine) {
        refuse(500, u"ServiceException"_s, u"The Lambda service is shutting down."_s);
        return;
    }
    const EngineOptions &options = m_engine->options();
    if (!arn->region().isEmpty() && arn->region() != options.region) {
        refuse(404, u"ResourceNotFoundException"_s,
               u"Functions from '%1' are not reachable in this region ('%2')"_s.arg(
                   arn->region(), options.region));
        return;
    }

    // Headers.
    if (http.hasHeader("X-Amz-Invocation-Type")) {
        const QByteArray type = http.header("X-Amz-Invocation-Type");
        if (type == "RequestResponse") {
            request.type = InvocationType::RequestResponse;
        } else if (type == "Event") {
            request.type = InvocationType::Event;
        } else if (type == "DryRun") {
            request.type = InvocationType::DryRun;
        } else {
            refuse(400, u"InvalidParameterValueException"_s,
                   enumMessage(type, u"invocationType"_s, u"Event, RequestResponse, DryRun"_s));
            return;
        }
    }
    if (http.hasHeader("X-Amz-Log-Type")) {
        const QByteArray logType = http.header("X-Amz-Log-Type");
        if (logType != "None" && logType != "Tail") {
            refuse(400, u"InvalidParameterValueException"_s,
                   enumMessage(logType, u"logType"_s, u"None, Tail"_s));
            return;
        }
        // Lambda returns the log tail for synchronous invocations only.
        request.tailLog = logType == "Tail" && request.type == InvocationType::RequestResponse;
    }

    // The payload: opaque bytes, limited by invocation type.
    const qint64 limit =
        request.type == InvocationType::Event ? kMaxEventPayloadBytes : kMaxSyncPayloadBytes;
    if (http.bodyTooLarge || http.body.size() > limit) {
        refuse(413, u"RequestEntityTooLargeException"_s,
               QString::fromLatin1(requestTooLargeMessage(limit)));
        return;
    }

    if (http.hasHeader("X-Amz-Client-Context")) {
        const QByteArray encoded = http.header("X-Amz-Client-Context");
        if (encoded.size() > kMaxClientContextBytes) {
            refuse(400, u"InvalidParameterValueException"_s,
                   u"Client context must be no longer than %1 bytes once base64-encoded."_s.arg(
                       kMaxClientContextBytes));
            return;
        }
        if (!encoded.isEmpty()) {
            const auto decoded =
                QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
            bool isObject = false;
            if (decoded) {
                const auto json = nlohmann::json::parse(decoded.decoded.constBegin(),
                                                        decoded.decoded.constEnd(), nullptr, false);
                isObject = json.is_object();
            }
            if (!isObject) {
                refuse(400, u"InvalidParameterValueException"_s,
                       u"Client context must be a valid Base64-encoded JSON object."_s);
                return;
            }
            request.clientContext = decoded.decoded;
        }
    }
    request.traceId = http.header("X-Amzn-Trace-Id");
    request.payload = http.body;

    ++m_inFlight;
    QPointer<InvokeApiServer> self(this);
    m_engine->invoke(request, [self, request, responder](const InvokeResult &result) mutable {
        // Sending after the client went away is a safe no-op.
        responder.send(resultResponse(request, result));
        if (self) {
            --self->m_inFlight;
            Q_EMIT self->invocationFinished(request, result);
        }
    });
}

} // namespace Lwb
