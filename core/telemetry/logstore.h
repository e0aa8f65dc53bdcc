// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/invocationtracker.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <deque>
#include <optional>
#include <vector>

namespace Lwb {

struct JournalRecord;

/** One log event of a stream, as CloudWatch Logs keeps it. */
struct LWB_CORE_EXPORT LogEvent
{
    qint64 id = 0;              ///< increasing in arrival order (the store's row id when read back)
    QString functionName;
    QString logStream;
    qint64 timeUs = 0;
    QString requestId;
    bool platform = false;      ///< START/END/REPORT/INIT_START… rather than the function's output
    QString message;
};

/** The log event a LogLine journal record stands for, in stream @p logStream. */
LWB_CORE_EXPORT LogEvent logEventFromRecord(const JournalRecord &record, const QString &logStream);

/** One log stream (one execution environment) of a log group. */
struct LWB_CORE_EXPORT LogStreamInfo
{
    QString functionName;
    QString name;               ///< YYYY/MM/DD/[$LATEST]<32 hex>
    QString environmentId;
    qint64 firstEventUs = 0;
    qint64 lastEventUs = 0;
    qint64 eventCount = 0;
};

/** Which events to return: all filters are optional. */
struct LWB_CORE_EXPORT LogQuery
{
    QString functionName;       ///< empty: every log group
    QString logStream;          ///< empty: every stream of the group
    QString filterPattern;      ///< see LogFilterPattern
    qint64 startMs = 0;         ///< inclusive; 0: no bound
    qint64 endMs = 0;           ///< exclusive; 0: no bound
    qint64 afterId = 0;         ///< only events with a greater id (for following a tail)
    int limit = 0;              ///< 0: no limit; else the newest @p limit matching events
};

/**
 * Log groups `/aws/lambda/<function>` with one stream per execution environment, built from
 * the Journal's LogLine records (END/REPORT lines without a stream go to their environment's
 * stream, known from EnvironmentCreated). Keeps the newest events up to a bound.
 * A plain object; not thread-safe.
 */
class LWB_CORE_EXPORT LogStore
{
public:
    static QString logGroupName(const QString &functionName);

    /** Takes one record; returns the event it added when it was a LogLine. */
    std::optional<LogEvent> ingest(const JournalRecord &record);
    /** Adds an event read back from a store (its id is kept). */
    void addEvent(const LogEvent &event);

    /** Functions with at least one stream, sorted. */
    QStringList functions() const;
    /** The streams of @p functionName, most recent last event first, as the console lists them. */
    std::vector<LogStreamInfo> streams(const QString &functionName) const;
    /** Matching events, oldest first. */
    std::vector<LogEvent> events(const LogQuery &query) const;

    void setMaxEvents(std::size_t maxEvents) { m_maxEvents = maxEvents; }
    InvocationTracker &tracker() { return m_tracker; }

private:
    InvocationTracker m_tracker;
    std::deque<LogEvent> m_events;
    QHash<QString, QHash<QString, LogStreamInfo>> m_streams; ///< function → stream → info
    std::size_t m_maxEvents = 500000;
    qint64 m_nextId = 1;
};

} // namespace Lwb
