// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "store/database.h"
#include "store/queuedefinition.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb {

/** One accepted asynchronous invocation, as the store keeps it. A plain value type. */
struct LWB_CORE_EXPORT AsyncEvent
{
    enum class State {
        Pending = 0,  ///< waiting for nextAttemptMs
        InFlight = 1, ///< handed to the engine; after a crash it is delivered again
        Outcome = 2,  ///< the function is done with it; outcome still has to reach its destination
    };

    qint64 id = 0;
    QString requestId;    ///< the same on every attempt
    QString functionName; ///< as the caller named it (logical id or FunctionName)
    QString qualifier;
    QByteArray payload;
    QByteArray traceId;
    qint64 acceptedMs = 0;    ///< epoch ms of acceptance: the start of the event's age
    qint64 nextAttemptMs = 0; ///< epoch ms when the next attempt is due
    int attempts = 0;         ///< deliveries handed to the engine (throttled ones included)
    int functionErrors = 0;   ///< attempts that ended in a function error (consume retries)
    int throttles = 0;        ///< attempts refused with 429 or a 5xx (exponential backoff)
    State state = State::Pending;
    /// With State::Outcome: what still has to be delivered; otherwise the last attempt's
    /// response ({statusCode, executedVersion, functionError, payload}) or null.
    nlohmann::json outcome;
};

/**
 * One message of a local queue: a template's AWS::SQS::Queue, or an SQS/SNS/EventBridge
 * destination or DLQ of asynchronous invocations (the same queue when they name the same one).
 */
struct LWB_CORE_EXPORT QueueMessage
{
    qint64 id = 0;
    QString queue;
    QString kind; ///< the destination Type: SQS, SNS, EventBridge, S3Bucket
    QByteArray body;
    /// SQS's MessageAttributes as the API writes them: {"Name": {"DataType": "String",
    /// "StringValue": "…"}} (BinaryValue base64).
    nlohmann::json attributes = nlohmann::json::object();
    qint64 sentMs = 0;
    int receiveCount = 0;      ///< ApproximateReceiveCount, this receive included
    QString messageId;         ///< SQS's MessageId (a UUID)
    QString receiptHandle;     ///< the handle of the latest receive; empty before one
    qint64 firstReceiveMs = 0; ///< ApproximateFirstReceiveTimestamp; 0 before one
    qint64 visibleMs = 0;      ///< epoch ms from when it may be received (delay, visibility)
    QString groupId;           ///< FIFO queues: MessageGroupId
    QString deduplicationId;   ///< FIFO queues: MessageDeduplicationId

    /** A FIFO message's SequenceNumber (20 digits, increasing per queue). */
    QString sequenceNumber() const;
    /** The MD5 hex of the body, SQS's MD5OfBody. */
    QString md5OfBody() const;
    /** SQS's MD5OfMessageAttributes (its binary encoding of the sorted attributes); empty if none.
     */
    QString md5OfMessageAttributes() const;
    /**
     * The message as SQS's ReceiveMessage answers it (all attributes requested): MessageId,
     * ReceiptHandle (when received), MD5OfBody, Body, Attributes, MD5OfMessageAttributes and
     * MessageAttributes (when there are some). @p senderId is the account that sent it.
     */
    nlohmann::ordered_json toReceiveMessageJson(const QString &senderId) const;
    /** What `aws sqs receive-message` prints for @p messages: {"Messages": [...]}. */
    static nlohmann::ordered_json receiveMessageResponse(const std::vector<QueueMessage> &messages,
                                                         const QString &senderId);
};

/** A local queue and how many messages it holds. */
struct LWB_CORE_EXPORT QueueInfo
{
    QString name;
    QString kind;
    qint64 messages = 0;
    qint64 available = 0; ///< visible now
    qint64 inFlight = 0;  ///< received and not yet visible again or deleted
    qint64 delayed = 0;   ///< sent with a delay that has not passed yet
    bool defined = false; ///< an AWS::SQS::Queue of the template (see defineQueues())
};

/**
 * The durable side of asynchronous invocation: the accepted events and the local destination
 * queues, in one SQLite file (the project's .lwb/async.sqlite), so that "destination written"
 * and "event deleted" commit together. Every mutating call is committed when it returns.
 * Several processes may open the same file (WAL). Not thread-safe: one instance per thread.
 */
class LWB_CORE_EXPORT AsyncStore
{
public:
    AsyncStore();
    ~AsyncStore();
    AsyncStore(const AsyncStore &) = delete;
    AsyncStore &operator=(const AsyncStore &) = delete;

    /** Opens or creates the store and its schema. */
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    QString lastError() const { return m_db.lastError(); }

    /** <template folder>/.lwb/async.sqlite */
    static QString pathForTemplate(const QString &templatePath);
    /**
     * The local name of a destination target: the function name of a Lambda ARN, the last
     * part of any other ARN (after ':' and '/'), or the text itself (a logical id or name).
     */
    static QString localQueueName(const QString &target);

    // ---- events ----
    /** Stores @p event (state, counters as given); fills its id. */
    bool insertEvent(AsyncEvent &event);
    std::optional<AsyncEvent> event(qint64 id);
    /** Pending events due at @p nowMs, oldest due first. */
    std::vector<AsyncEvent> dueEvents(qint64 nowMs);
    /** The earliest nextAttemptMs of a pending event later than @p afterMs. */
    std::optional<qint64> nextDueMs(qint64 afterMs);
    /** Events whose outcome is decided but not yet delivered. */
    std::vector<AsyncEvent> undeliveredOutcomes();
    /** State InFlight and attempts + 1. */
    bool markInFlight(qint64 id, int attempts);
    /** Back to Pending with new counters, due time and outcome (the last response). */
    bool reschedule(const AsyncEvent &event);
    bool setOutcome(qint64 id, const nlohmann::json &outcome);
    bool removeEvent(qint64 id);
    /** Sends @p message and removes the event, in one transaction. */
    bool sendAndRemoveEvent(const QueueMessage &message, qint64 eventId);
    /** After a crash: every InFlight event becomes Pending, due now. Returns how many. */
    int resumeInFlight(qint64 nowMs);
    /** Events not yet finished, of one function or of all. */
    qint64 eventCount(const QString &functionName = {});

    // ---- local queues ----
    /**
     * Stores @p message (a destination's record). A queue named like a defined queue's
     * QueueName is that queue (see defineQueues()).
     */
    bool send(const QueueMessage &message);
    /** Every queue, with its counts as of now. */
    std::vector<QueueInfo> queues();
    /**
     * Up to @p max visible messages, oldest first; their receive count goes up, or they are
     * deleted. Their visibility does not change (a look at destination queues); SQS consumers
     * use receiveMessages().
     */
    std::vector<QueueMessage> receive(const QString &queue, int max, bool remove);

    // ---- SQS semantics on the local queues ----
    /**
     * Records the template's queues (kind SQS) with their definitions; queues defined before
     * and missing from @p queues lose their definition (their messages stay).
     */
    bool defineQueues(const std::vector<QueueDefinition> &queues);
    /** The definitions recorded by defineQueues(). */
    std::vector<QueueDefinition> queueDefinitions();
    /**
     * SendMessage: stores @p message in its queue (created as an SQS queue if needed), visible
     * after @p delayMs. Fills messageId, sentMs and visibleMs. On a FIFO queue a message whose
     * deduplicationId is already in the queue is not stored again: @p message then carries the
     * first one's id and @p duplicate (if given) is set.
     */
    bool sendMessage(QueueMessage &message, qint64 delayMs, bool *duplicate = nullptr);
    /**
     * ReceiveMessage at @p nowMs: up to @p max visible messages, oldest first (FIFO queues:
     * none of a message group while one of it is in flight), each with a new receipt handle,
     * its receive count up by one and invisible for @p visibilityMs. A message already
     * received the queue's maxReceiveCount times is moved to its dead-letter queue instead
     * (@p redriven counts them). Messages past the retention period are dropped.
     */
    std::vector<QueueMessage> receiveMessages(const QString &queue, int max, qint64 visibilityMs,
                                              qint64 nowMs, int *redriven = nullptr);
    /**
     * DeleteMessage(Batch): removes the messages whose latest receipt handles are
     * @p receiptHandles; returns how many, -1 on error.
     */
    int deleteMessages(const QString &queue, const QStringList &receiptHandles);
    /** The counts of one queue at @p nowMs (name and kind filled; zero for an unknown queue). */
    QueueInfo queueInfo(const QString &queue, qint64 nowMs);
    /** The earliest time after @p afterMs at which a message of @p queue becomes visible. */
    std::optional<qint64> nextVisibleMs(const QString &queue, qint64 afterMs);
    /** Deletes every message of @p queue; returns how many, -1 on error. */
    int purge(const QString &queue);

private:
    bool insertMessage(const QueueMessage &message, qint64 delayMs = 0,
                       QueueMessage *stored = nullptr);
    bool migrate(int fromVersion);
    static AsyncEvent eventFrom(const Statement &s);

    Database m_db;
};

} // namespace Lwb
