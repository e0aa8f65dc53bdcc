// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asyncqueue.h"

#include "api/engineextensions.h"
#include "engine/engine.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "engine/timescale.h"
#include "store/asyncstore.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>
#include <QtCore/QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAsync, "lwb.core.async")

namespace Lwb {

namespace {

constexpr qint64 kFunctionErrorRetryBaseMs = 60 * 1000; // ~1 min, then ~2 min
constexpr qint64 kBackoffFirstMs = 1000;
constexpr qint64 kBackoffMaxMs = 5 * 60 * 1000;
constexpr qsizetype kDlqErrorMessageBytes = 1024;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::string ss(const QString &s)
{
    return s.toStdString();
}

qint64 maxAgeMs(const AsyncInvokeConfig &config)
{
    return TimeScale::scaledMs(qint64(config.maximumEventAgeSeconds) * 1000);
}

qint64 backoffMs(int throttles)
{
    const int exponent = std::clamp(throttles - 1, 0, 20);
    return TimeScale::scaledMs(std::min(kBackoffFirstMs << exponent, kBackoffMaxMs));
}

// JSON bytes as a value (the user's key order kept); anything else as a string.
nlohmann::ordered_json jsonValue(const QByteArray &bytes, bool emptyIsObject)
{
    if (bytes.trimmed().isEmpty()) {
        return emptyIsObject ? nlohmann::ordered_json::object() : nlohmann::ordered_json();
    }
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(bytes.constBegin(), bytes.constEnd(),
                                                             nullptr, false);
    if (j.is_discarded()) {
        return bytes.toStdString();
    }
    return j;
}

// The last attempt, as kept in the store between attempts.
nlohmann::json lastResponse(const InvokeResult &result)
{
    nlohmann::json last = {{"statusCode", result.httpStatus},
                           {"executedVersion", ss(result.executedVersion)},
                           {"payload", result.payload.toStdString()}};
    if (result.functionError) {
        last["functionError"] = "Unhandled";
    }
    if (result.isServiceError()) {
        last["errorCode"] = ss(result.serviceErrorCode);
        last["errorMessage"] = ss(result.serviceErrorMessage);
    }
    return last;
}

// The DLQ's ErrorMessage: the error document's message, or the service error's.
QString errorMessageOf(const nlohmann::json &last, const QString &fallback)
{
    if (last.is_object()) {
        if (last.contains("errorMessage")) {
            return QString::fromStdString(last.value("errorMessage", std::string()));
        }
        const auto doc = nlohmann::json::parse(last.value("payload", std::string()), nullptr, false);
        if (doc.is_object()) {
            for (const char *key : {"errorMessage", "message", "Message"}) {
                if (doc.contains(key) && doc[key].is_string()) {
                    return QString::fromStdString(doc[key].get<std::string>());
                }
            }
        }
    }
    return fallback;
}

QString utf8Prefix(const QString &text, qsizetype maxBytes)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.size() <= maxBytes) {
        return text;
    }
    bytes.truncate(maxBytes);
    // Drop a cut multi-byte sequence.
    while (!bytes.isEmpty() && (uchar(bytes.back()) & 0xC0) == 0x80) {
        bytes.chop(1);
    }
    if (!bytes.isEmpty() && uchar(bytes.back()) >= 0xC0) {
        bytes.chop(1);
    }
    return QString::fromUtf8(bytes);
}

InvokeResult serviceError(const InvokeRequest &request, int status, const QString &code,
                          const QString &message, const char *type = "User")
{
    return InvokeResult::serviceError(request.requestId, status, code, message, type);
}

// Hosts that call EngineExtensions::attachAll() (lwb local start-lambda, the GUI) get the
// project's persistent queue, owned by the engine.
void attachAsyncQueue(Engine &engine, const EngineExtensionContext &context)
{
    const QString anchor = !context.templatePath.isEmpty()
                               ? context.templatePath
                               : (context.projectDir.isEmpty() ? QString()
                                                               : context.projectDir + u"/template.yaml"_s);
    if (anchor.isEmpty()) {
        return;
    }
    auto *queue = new AsyncQueue(&engine, AsyncStore::pathForTemplate(anchor), &engine);
    if (!queue->isOpen()) {
        JournalRecord rec;
        rec.kind = JournalKind::Warning;
        rec.data = {{"message", ss(u"Event invocations are not queued persistently: "_s
                                   + queue->errorString())}};
        engine.journal()->append(std::move(rec));
        delete queue;
    }
}

const EngineExtensionRegistration asyncQueueRegistration({u"async-queue"_s, 0, attachAsyncQueue});

} // namespace

AsyncQueue::AsyncQueue(Engine *engine, const QString &storePath, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_store(std::make_unique<AsyncStore>())
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &AsyncQueue::pump);
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, &AsyncQueue::stop);
    }
    if (!m_store->open(storePath, &m_error)) {
        qCWarning(lcAsync, "cannot open the async store %s: %s", qPrintable(storePath),
                  qPrintable(m_error));
        return;
    }
    if (m_engine) {
        m_engine->setAsyncSink([this](const InvokeRequest &request) { return enqueue(request); });
    }
    QTimer::singleShot(0, this, &AsyncQueue::resume);
}

AsyncQueue::~AsyncQueue()
{
    stop();
    if (m_engine && m_store->isOpen()) {
        m_engine->setAsyncSink({});
    }
}

void AsyncQueue::stop()
{
    m_stopped = true;
    m_timer->stop();
}

bool AsyncQueue::isOpen() const
{
    return m_store->isOpen();
}

QString AsyncQueue::storePath() const
{
    return m_store->path();
}

qint64 AsyncQueue::pendingCount(const QString &functionName) const
{
    return m_store->eventCount(functionName);
}

void AsyncQueue::resume()
{
    if (m_stopped) {
        return;
    }
    const int resumed = m_store->resumeInFlight(nowMs());
    if (resumed > 0) {
        qCInfo(lcAsync, "%d event(s) were in flight when the last run ended; delivering them again",
               resumed);
    }
    for (const AsyncEvent &event : m_store->undeliveredOutcomes()) {
        deliverOutcome(event);
    }
    pump();
}

InvokeResult AsyncQueue::enqueue(const InvokeRequest &request)
{
    if (!m_store->isOpen()) {
        return serviceError(request, 500, u"ServiceException"_s,
                            u"The asynchronous invocation queue is not available: "_s + m_error,
                            "Service");
    }
    const FunctionConfig *f = m_engine ? m_engine->function(request.functionName) : nullptr;
    if (!f) {
        const QString region = m_engine ? m_engine->options().region : u"us-east-1"_s;
        const QString account = m_engine ? m_engine->options().accountId : u"123456789012"_s;
        return serviceError(request, 404, u"ResourceNotFoundException"_s,
                            u"Function not found: arn:aws:lambda:"_s + region + u':' + account
                                + u":function:"_s + request.functionName + u':'
                                + (request.qualifier.isEmpty() ? u"$LATEST"_s : request.qualifier));
    }
    if (request.payload.size() > kMaxPayloadBytes) {
        return serviceError(request, 413, u"RequestEntityTooLargeException"_s,
                            u"Request must be smaller than %1 bytes for the InvokeFunction operation"_s
                                .arg(kMaxPayloadBytes));
    }
    if (!request.payload.isEmpty()) {
        try {
            [[maybe_unused]] const nlohmann::json parsed =
                nlohmann::json::parse(request.payload.constBegin(), request.payload.constEnd());
        } catch (const nlohmann::json::parse_error &e) {
            return serviceError(request, 400, u"InvalidRequestContentException"_s,
                                u"Could not parse request body into json: Could not parse payload into json: "_s
                                    + QString::fromUtf8(e.what()));
        }
    }

    AsyncEvent event;
    event.requestId = request.requestId.isEmpty() ? Ids::requestId() : request.requestId;
    event.functionName = request.functionName;
    event.qualifier = request.qualifier;
    event.payload = request.payload;
    event.traceId = request.traceId;
    event.acceptedMs = nowMs();
    event.nextAttemptMs = event.acceptedMs;
    // Committed before the caller hears 202: an accepted event survives any crash from here on.
    if (!m_store->insertEvent(event)) {
        return serviceError(request, 500, u"ServiceException"_s,
                            u"Could not store the event: "_s + m_store->lastError(), "Service");
    }
    journal(JournalKind::AsyncEventQueued, event,
            {{"eventId", event.id},
             {"payloadBytes", event.payload.size()},
             {"source", ss(request.source)}});

    InvokeResult accepted;
    accepted.requestId = event.requestId;
    accepted.httpStatus = 202;
    accepted.payload.clear();
    schedulePump();
    return accepted;
}

void AsyncQueue::schedulePump(qint64 delayMs)
{
    if (m_stopped) {
        return;
    }
    delayMs = std::max<qint64>(0, delayMs);
    if (m_timer->isActive() && m_timer->remainingTime() <= delayMs) {
        return;
    }
    m_timer->start(int(std::min<qint64>(delayMs, std::numeric_limits<int>::max())));
}

void AsyncQueue::pump()
{
    if (m_stopped || !m_engine || !m_store->isOpen()) {
        return;
    }
    const qint64 now = nowMs();
    std::vector<AsyncEvent> due = m_store->dueEvents(now);
    for (AsyncEvent &event : due) {
        const FunctionConfig *f = m_engine->function(event.functionName);
        int cap = m_maxInFlightPerFunction;
        if (f && f->reservedConcurrency && *f->reservedConcurrency > 0) {
            cap = std::min(cap, *f->reservedConcurrency);
        }
        // Events held back here are picked up when one in flight finishes.
        if (m_inFlight.value(event.functionName) >= cap) {
            continue;
        }
        dispatch(event);
    }
    if (const std::optional<qint64> next = m_store->nextDueMs(now)) {
        schedulePump(*next - nowMs());
    }
}

void AsyncQueue::dispatch(AsyncEvent &event)
{
    const FunctionConfig *f = m_engine->function(event.functionName);
    const AsyncInvokeConfig config = m_engine->asyncConfigFor(event.functionName, event.qualifier);
    const qint64 age = nowMs() - event.acceptedMs;
    if (age > maxAgeMs(config)) {
        fail(event, f, u"EventAgeExceeded"_s, u"EventAgeExceeded"_s);
        return;
    }
    if (!f) {
        // The function went away (or is not loaded yet): a system error, retried with backoff
        // until the event is too old.
        ++event.throttles;
        event.outcome = {{"statusCode", 404}, {"executedVersion", "$LATEST"},
                         {"errorMessage", "Function not found"}};
        retryLater(event, std::min(backoffMs(event.throttles),
                                   event.acceptedMs + maxAgeMs(config) + 1 - nowMs()),
                   u"system"_s);
        return;
    }
    if (f->reservedConcurrency && *f->reservedConcurrency == 0) {
        // Lambda sends such events straight to the DLQ / on-failure destination, no retries.
        event.outcome = {{"statusCode", 429}, {"executedVersion", "$LATEST"},
                         {"errorCode", "TooManyRequestsException"},
                         {"errorMessage", "Rate Exceeded."}};
        fail(event, f, u"RetriesExhausted"_s, u"ReservedConcurrencyZero"_s);
        return;
    }

    ++event.attempts;
    if (!m_store->markInFlight(event.id, event.attempts)) {
        qCWarning(lcAsync, "cannot mark event %lld in flight: %s", event.id,
                  qPrintable(m_store->lastError()));
        schedulePump(backoffMs(1));
        return;
    }
    ++m_inFlight[event.functionName];
    ++m_inFlightTotal;

    InvokeRequest request;
    request.functionName = event.functionName;
    request.qualifier = event.qualifier;
    request.payload = event.payload;
    request.traceId = event.traceId;
    request.requestId = event.requestId;
    request.type = InvocationType::RequestResponse;
    request.source = u"async"_s;
    request.attempt = event.attempts;
    request.eventAgeMs = std::max<qint64>(0, nowMs() - event.acceptedMs);
    QPointer<AsyncQueue> self(this);
    m_engine->invoke(request, [self, id = event.id, name = event.functionName](const InvokeResult &r) {
        if (self) {
            self->finishAttempt(id, name, r);
        }
    });
}

void AsyncQueue::finishAttempt(qint64 id, const QString &functionName, const InvokeResult &result)
{
    if (--m_inFlight[functionName] <= 0) {
        m_inFlight.remove(functionName);
    }
    --m_inFlightTotal;
    if (m_stopped) {
        return; // still in flight in the store: the next run delivers it again
    }
    schedulePump();

    std::optional<AsyncEvent> stored = m_store->event(id);
    if (!stored) {
        return;
    }
    AsyncEvent &event = *stored;
    const FunctionConfig *f = m_engine ? m_engine->function(event.functionName) : nullptr;
    const AsyncInvokeConfig config =
        m_engine ? m_engine->asyncConfigFor(event.functionName, event.qualifier) : AsyncInvokeConfig{};
    event.outcome = lastResponse(result);

    if (result.isServiceError()) {
        const int status = result.httpStatus;
        if (status == 429 || status >= 500) {
            if (f && f->reservedConcurrency && *f->reservedConcurrency == 0) {
                fail(event, f, u"RetriesExhausted"_s, u"ReservedConcurrencyZero"_s);
                return;
            }
            // Throttles and system errors do not use up retry attempts; they are retried until
            // the event is too old — and it is dropped when that moment comes, not later.
            ++event.throttles;
            const qint64 expiresIn = event.acceptedMs + maxAgeMs(config) + 1 - nowMs();
            retryLater(event, std::min(backoffMs(event.throttles), std::max<qint64>(0, expiresIn)),
                       status == 429 ? u"throttle"_s : u"system"_s);
            return;
        }
        // Anything else (bad runtime, invalid parameter …) will not get better by retrying.
        fail(event, f, u"RetriesExhausted"_s, result.serviceErrorCode);
        return;
    }
    if (result.functionError) {
        ++event.functionErrors;
        if (event.functionErrors <= config.maximumRetryAttempts) {
            retryLater(event, TimeScale::scaledMs(kFunctionErrorRetryBaseMs * event.functionErrors),
                       u"function-error"_s);
        } else {
            fail(event, f, u"RetriesExhausted"_s, u"RetriesExhausted"_s);
        }
        return;
    }
    succeed(event, f);
}

void AsyncQueue::retryLater(AsyncEvent &event, qint64 delayMs, const QString &cause)
{
    delayMs = std::max<qint64>(0, delayMs);
    event.nextAttemptMs = nowMs() + delayMs;
    event.state = AsyncEvent::State::Pending;
    if (!m_store->reschedule(event)) {
        qCWarning(lcAsync, "cannot reschedule event %lld: %s", event.id,
                  qPrintable(m_store->lastError()));
    }
    journal(JournalKind::AsyncRetryScheduled, event,
            {{"eventId", event.id},
             {"attempt", event.attempts + 1},
             {"delayMs", delayMs},
             {"cause", ss(cause)}});
    schedulePump(delayMs);
}

QString AsyncQueue::functionArn(const AsyncEvent &event, const FunctionConfig *function) const
{
    const QString region = m_engine ? m_engine->options().region : u"us-east-1"_s;
    const QString account = m_engine ? m_engine->options().accountId : u"123456789012"_s;
    const QString name = function ? function->functionName : event.functionName;
    return u"arn:aws:lambda:"_s + region + u':' + account + u":function:"_s + name + u':'
           + (event.qualifier.isEmpty() ? u"$LATEST"_s : event.qualifier);
}

nlohmann::ordered_json AsyncQueue::invocationRecord(const AsyncEvent &event,
                                                    const QString &functionArn,
                                                    const QString &condition,
                                                    int approximateInvokeCount,
                                                    const nlohmann::json &last)
{
    nlohmann::ordered_json record;
    record["version"] = "1.0";
    record["timestamp"] = ss(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    nlohmann::ordered_json context;
    context["requestId"] = ss(event.requestId);
    context["functionArn"] = ss(functionArn);
    context["condition"] = ss(condition);
    context["approximateInvokeCount"] = approximateInvokeCount;
    record["requestContext"] = context;
    record["requestPayload"] = jsonValue(event.payload, true);
    nlohmann::ordered_json response;
    const bool answered = last.is_object() && last.contains("statusCode");
    response["statusCode"] = answered ? last["statusCode"].get<int>() : 200;
    response["executedVersion"] = answered ? last.value("executedVersion", std::string("$LATEST"))
                                           : std::string("$LATEST");
    if (answered && last.contains("functionError")) {
        response["functionError"] = last["functionError"];
    }
    record["responseContext"] = response;
    // The function's answer — only when the function ran and answered.
    if (answered && last["statusCode"].get<int>() == 200 && last.contains("payload")) {
        record["responsePayload"] = jsonValue(QByteArray::fromStdString(last["payload"]), false);
    }
    return record;
}

void AsyncQueue::succeed(AsyncEvent &event, const FunctionConfig *function)
{
    const AsyncInvokeConfig config =
        function ? m_engine->asyncConfigFor(event.functionName, event.qualifier) : AsyncInvokeConfig{};
    if (!function || !config.onSuccess.isSet()) {
        if (!m_store->removeEvent(event.id)) {
            qCWarning(lcAsync, "cannot remove event %lld: %s", event.id,
                      qPrintable(m_store->lastError()));
        }
        Q_EMIT eventFinished(event.requestId, u"Success"_s);
        return;
    }
    const DestinationConfig &d = config.onSuccess;
    const nlohmann::ordered_json record = invocationRecord(
        event, functionArn(event, function), u"Success"_s, event.attempts - event.throttles,
        event.outcome);
    nlohmann::json outcome = {{"condition", "Success"},
                              {"kind", "OnSuccess"},
                              {"type", ss(d.type)},
                              {"target", ss(AsyncStore::localQueueName(d.target))},
                              {"functionArn", ss(functionArn(event, function))},
                              {"record", record.dump()}};
    event.outcome = outcome;
    event.state = AsyncEvent::State::Outcome;
    m_store->setOutcome(event.id, outcome);
    deliverOutcome(event);
}

void AsyncQueue::fail(AsyncEvent &event, const FunctionConfig *function, const QString &condition,
                      const QString &reason)
{
    const AsyncInvokeConfig config =
        function ? m_engine->asyncConfigFor(event.functionName, event.qualifier) : AsyncInvokeConfig{};
    const nlohmann::json last = event.outcome;
    const QString arn = functionArn(event, function);
    const int invokeCount = event.attempts - event.throttles;
    nlohmann::json outcome;
    if (config.onFailure.isSet()) {
        outcome = {{"kind", "OnFailure"},
                   {"type", ss(config.onFailure.type)},
                   {"target", ss(AsyncStore::localQueueName(config.onFailure.target))},
                   {"record", invocationRecord(event, arn, condition, invokeCount, last).dump()}};
    } else if (config.deadLetterQueue.isSet()) {
        // The DLQ gets the original event only, with the attributes Lambda adds.
        const int status = last.is_object() ? last.value("statusCode", 200) : 200;
        const QString message = utf8Prefix(errorMessageOf(last, condition), kDlqErrorMessageBytes);
        outcome = {{"kind", "DeadLetterQueue"},
                   {"type", ss(config.deadLetterQueue.type)},
                   {"target", ss(AsyncStore::localQueueName(config.deadLetterQueue.target))},
                   {"attributes",
                    {{"RequestID", {{"DataType", "String"}, {"StringValue", ss(event.requestId)}}},
                     {"ErrorCode",
                      {{"DataType", "Number"}, {"StringValue", std::to_string(status)}}},
                     {"ErrorMessage", {{"DataType", "String"}, {"StringValue", ss(message)}}}}}};
    }
    journal(JournalKind::AsyncEventDropped, event,
            {{"eventId", event.id},
             {"reason", ss(reason)},
             {"condition", ss(condition)},
             {"ageMs", nowMs() - event.acceptedMs},
             {"approximateInvokeCount", invokeCount},
             {"destination", outcome.is_null() ? "" : outcome["kind"].get<std::string>()}});
    if (outcome.is_null()) {
        if (!m_store->removeEvent(event.id)) {
            qCWarning(lcAsync, "cannot remove event %lld: %s", event.id,
                      qPrintable(m_store->lastError()));
        }
        Q_EMIT eventFinished(event.requestId, condition);
        return;
    }
    outcome["condition"] = ss(condition);
    outcome["functionArn"] = ss(arn);
    event.outcome = outcome;
    event.state = AsyncEvent::State::Outcome;
    m_store->setOutcome(event.id, outcome);
    deliverOutcome(event);
}

void AsyncQueue::deliverOutcome(const AsyncEvent &event)
{
    const nlohmann::json &o = event.outcome;
    if (!o.is_object()) {
        destinationDone(event, u"the stored outcome is unreadable"_s);
        return;
    }
    const QString type = QString::fromStdString(o.value("type", std::string()));
    const QString target = QString::fromStdString(o.value("target", std::string()));
    const QString kind = QString::fromStdString(o.value("kind", std::string()));
    const QString condition = QString::fromStdString(o.value("condition", std::string()));

    if (type == u"Lambda") {
        if (!m_engine) {
            return; // delivered by the next run
        }
        InvokeRequest request;
        request.functionName = target;
        request.payload = QByteArray::fromStdString(o.value("record", std::string()));
        request.type = InvocationType::Event;
        request.source = u"destination"_s;
        QPointer<AsyncQueue> self(this);
        m_engine->invoke(request, [self, event](const InvokeResult &r) {
            if (!self) {
                return;
            }
            if (r.httpStatus == 202) {
                self->destinationDone(event, {});
            } else {
                self->destinationDone(event, r.serviceErrorCode + u": "_s + r.serviceErrorMessage);
            }
        });
        return;
    }

    QueueMessage message;
    message.queue = target;
    message.kind = type;
    if (kind == u"DeadLetterQueue") {
        message.body = event.payload.isEmpty() ? QByteArrayLiteral("{}") : event.payload;
        message.attributes = o.value("attributes", nlohmann::json::object());
    } else if (type == u"EventBridge") {
        const bool success = condition == u"Success";
        nlohmann::ordered_json envelope;
        envelope["version"] = "0";
        envelope["id"] = ss(QUuid::createUuid().toString(QUuid::WithoutBraces));
        envelope["detail-type"] = success ? "Lambda Function Invocation Result - Success"
                                          : "Lambda Function Invocation Result - Failure";
        envelope["source"] = "lambda";
        envelope["account"] = ss(m_engine ? m_engine->options().accountId : u"123456789012"_s);
        envelope["time"] = ss(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        envelope["region"] = ss(m_engine ? m_engine->options().region : u"us-east-1"_s);
        envelope["resources"] = nlohmann::ordered_json::array(
            {o.value("functionArn", std::string())});
        envelope["detail"] = nlohmann::ordered_json::parse(o.value("record", std::string("{}")),
                                                           nullptr, false);
        message.body = QByteArray::fromStdString(envelope.dump());
    } else {
        message.body = QByteArray::fromStdString(o.value("record", std::string()));
    }
    // Written and removed in one transaction: the record reaches the queue exactly once.
    if (!m_store->sendAndRemoveEvent(message, event.id)) {
        const QString error = m_store->lastError();
        journal(JournalKind::DestinationFailed, event,
                {{"eventId", event.id}, {"kind", ss(kind)}, {"type", ss(type)},
                 {"target", ss(target)}, {"error", ss(error)}});
        // Kept in the store: tried again shortly, and by the next run in any case.
        QPointer<AsyncQueue> self(this);
        QTimer::singleShot(int(backoffMs(3)), this, [self, event] {
            if (self) {
                self->deliverOutcome(event);
            }
        });
        return;
    }
    journal(JournalKind::DestinationDelivered, event,
            {{"eventId", event.id}, {"kind", ss(kind)}, {"type", ss(type)},
             {"target", ss(target)}, {"condition", ss(condition)}});
    Q_EMIT eventFinished(event.requestId, condition);
}

void AsyncQueue::destinationDone(const AsyncEvent &event, const QString &error)
{
    const nlohmann::json &o = event.outcome;
    const std::string kind = o.is_object() ? o.value("kind", std::string()) : std::string();
    const std::string type = o.is_object() ? o.value("type", std::string()) : std::string();
    const std::string target = o.is_object() ? o.value("target", std::string()) : std::string();
    const QString condition =
        QString::fromStdString(o.is_object() ? o.value("condition", std::string()) : std::string());
    if (error.isEmpty()) {
        journal(JournalKind::DestinationDelivered, event,
                {{"eventId", event.id}, {"kind", kind}, {"type", type}, {"target", target},
                 {"condition", ss(condition)}});
    } else {
        // Lambda gives up on a destination that refuses the record; so do we.
        journal(JournalKind::DestinationFailed, event,
                {{"eventId", event.id}, {"kind", kind}, {"type", type}, {"target", target},
                 {"error", ss(error)}});
    }
    m_store->removeEvent(event.id);
    Q_EMIT eventFinished(event.requestId, condition);
}

void AsyncQueue::journal(JournalKind kind, const AsyncEvent &event, nlohmann::json data)
{
    if (!m_engine) {
        return;
    }
    JournalRecord rec;
    rec.kind = kind;
    const FunctionConfig *f = m_engine->function(event.functionName);
    rec.functionName = f ? f->functionName : event.functionName;
    rec.requestId = event.requestId;
    rec.data = std::move(data);
    m_engine->journal()->append(std::move(rec));
}

} // namespace Lwb
