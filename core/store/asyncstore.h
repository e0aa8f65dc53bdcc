// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "store/database.h"

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
    QString requestId;          ///< the same on every attempt
    QString functionName;       ///< as the caller named it (logical id or FunctionName)
    QString qualifier;
    QByteArray payload;
    QByteArray traceId;
    qint64 acceptedMs = 0;      ///< epoch ms of acceptance: the start of the event's age
    qint64 nextAttemptMs = 0;   ///< epoch ms when the next attempt is due
    int attempts = 0;           ///< deliveries handed to the engine (throttled ones included)
    int functionErrors = 0;     ///< attempts that ended in a function error (consume retries)
    int throttles = 0;          ///< attempts refused with 429 or a 5xx (exponential backoff)
    State state = State::Pending;
    /// With State::Outcome: what still has to be delivered; otherwise the last attempt's
    /// response ({statusCode, executedVersion, functionError, payload}) or null.
    nlohmann::json outcome;
};

/** One message of a local queue (an SQS/SNS/EventBridge destination or a DLQ). */
struct LWB_CORE_EXPORT QueueMessage
{
    qint64 id = 0;
    QString queue;
    QString kind;               ///< the destination Type: SQS, SNS, EventBridge, S3Bucket
    QByteArray body;
    nlohmann::json attributes = nlohmann::json::object(); ///< SQS-style MessageAttributes
    qint64 sentMs = 0;
    int receiveCount = 0;
};

/** A local queue and how many messages it holds. */
struct LWB_CORE_EXPORT QueueInfo
{
    QString name;
    QString kind;
    qint64 messages = 0;
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
    bool send(const QueueMessage &message);
    std::vector<QueueInfo> queues();
    /** Up to @p max messages, oldest first; their receive count goes up, or they are deleted. */
    std::vector<QueueMessage> receive(const QString &queue, int max, bool remove);
    /** Deletes every message of @p queue; returns how many, -1 on error. */
    int purge(const QString &queue);

private:
    bool insertMessage(const QueueMessage &message);
    static AsyncEvent eventFrom(const Statement &s);

    Database m_db;
};

} // namespace Lwb
