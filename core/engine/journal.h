// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <deque>
#include <vector>

namespace Lwb {

/** What a journal record says happened. Every transition of the engine is one of these. */
enum class JournalKind {
    RequestReceived,      ///< an InvokeRequest entered the engine
    EnvironmentCreated,   ///< a sandbox was started for a cold start
    InitStarted,          ///< INIT_START: runtime init began (data: phase)
    InitFinished,         ///< INIT_REPORT-equivalent (data: durationMs, status, errorType, phase)
    InvokeStarted,        ///< START: the event was handed to the runtime (data: coldStart, version)
    InvokeFinished,       ///< REPORT (data: status, durationMs, billedDurationMs, maxMemoryUsedMb, …)
    EnvironmentFrozen,
    EnvironmentThawed,
    EnvironmentDestroyed, ///< data: reason (idle, timeout, crash, shutdown, init-error)
    LogLine,              ///< one line of the function's log stream (data: message, stream)
    Warning,              ///< something the user should know (data: message)
    RequestThrottled,     ///< refused by the scheduler (data: reason, invocationType)
    RequestQueued,        ///< waiting for an environment or the step gate (data: position)
    AsyncEventQueued,     ///< an Event invoke was accepted into the async queue (data: eventId)
    AsyncRetryScheduled,  ///< (data: eventId, attempt, delayMs, cause: "function-error"|"throttle"|"system")
    AsyncEventDropped,    ///< retries or max age exhausted (data: eventId, reason, ageMs)
    DestinationDelivered, ///< an invocation record reached a destination/DLQ (data: eventId, kind, target, condition)
    DestinationFailed,    ///< a destination could not take a record (data: eventId, kind, target, error)
};

LWB_CORE_EXPORT QString journalKindName(JournalKind kind);

/**
 * One typed record of the Journal. A plain value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT JournalRecord
{
    quint64 sequence = 0;       ///< assigned by the journal, strictly increasing
    qint64 timeUs = 0;          ///< Unix epoch microseconds, assigned by the journal when 0
    JournalKind kind = JournalKind::Warning;
    QString functionName;
    QString environmentId;
    QString requestId;
    nlohmann::json data = nlohmann::json::object();
};

/**
 * The append-only record of everything the engine did; the one source every view reads.
 * Lives on the engine's thread; observers on other threads connect to recordAppended()
 * with a queued connection. Keeps the most recent records in memory (bounded).
 */
class LWB_CORE_EXPORT Journal : public QObject
{
    Q_OBJECT

public:
    explicit Journal(QObject *parent = nullptr);

    /** Appends a record, stamping its sequence and (when 0) its time; returns the sequence. */
    quint64 append(JournalRecord record);

    /** The records still held in memory, oldest first. */
    std::vector<JournalRecord> records() const;
    /** Records held in memory with sequence greater than @p sequence. */
    std::vector<JournalRecord> recordsSince(quint64 sequence) const;

    /** How many records stay in memory; 0 keeps none (observers still see every record). */
    void setCapacity(std::size_t capacity);
    std::size_t capacity() const { return m_capacity; }

    static qint64 nowUs();

Q_SIGNALS:
    void recordAppended(const Lwb::JournalRecord &record);

private:
    std::deque<JournalRecord> m_records;
    std::size_t m_capacity = 200000;
    quint64 m_nextSequence = 1;
};

} // namespace Lwb

Q_DECLARE_METATYPE(Lwb::JournalRecord)
