// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "store/database.h"
#include "telemetry/costmodel.h"
#include "telemetry/invocationfacts.h"
#include "telemetry/logstore.h"
#include "telemetry/metricstore.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <vector>

namespace Lwb {

/** One finished invocation as the store keeps it: its facts and what it cost. */
struct LWB_CORE_EXPORT StoredInvocation
{
    InvocationFacts facts;
    InvocationCost cost;
    qint64 sessionId = 0;
};

/** One run of an engine that recorded into the store. */
struct LWB_CORE_EXPORT TelemetrySession
{
    qint64 id = 0;
    qint64 startedUs = 0;
    qint64 pid = 0;
};

/** What a recorder writes in one transaction. */
struct LWB_CORE_EXPORT TelemetryBatch
{
    std::vector<LogEvent> logEvents;
    std::vector<LogStreamInfo> logStreams;  ///< first/last event times and counts to merge in
    std::vector<MetricPoint> metricPoints;
    std::vector<StoredInvocation> invocations;
    bool isEmpty() const
    {
        return logEvents.empty() && logStreams.empty() && metricPoints.empty() && invocations.empty();
    }
};

/**
 * The project's telemetry database, `.lwb/telemetry.sqlite`: log events and streams,
 * metric points, per-invocation facts with their cost, and recorder sessions. One engine
 * (a TelemetryRecorder) writes; any number of processes read at the same time (WAL).
 * Reading rebuilds the in-memory LogStore/MetricStore queries, so the CLI and the GUI get the
 * same figures. Not thread-safe: one TelemetryStore per thread.
 */
class LWB_CORE_EXPORT TelemetryStore
{
public:
    static constexpr int kSchemaVersion = 1;

    /** `<stateDir>/telemetry.sqlite`. */
    static QString pathForStateDir(const QString &stateDir);
    /** `<folder of the template>/.lwb/telemetry.sqlite`. */
    static QString pathForTemplate(const QString &templatePath);

    /**
     * A time as `lwb logs -s/-e` and `--since` take it: "now", "10min ago", "5mins ago",
     * "2h ago", a bare duration ("1h", "30m", "45s", "2d", "1w": that long before @p nowMs),
     * or an ISO 8601 date-time ("2026-08-01T10:00:00Z", "2026-08-01 10:00:00"). Epoch ms.
     */
    static std::optional<qint64> parseTimeMs(const QString &text, qint64 nowMs);
    /** "90", "90s", "15m", "1h", "2d", "1w" → milliseconds (a bare number is seconds). */
    static std::optional<qint64> parseDurationMs(const QString &text);
    /** The FunctionName of @p logicalId in the template; @p logicalId when it cannot tell. */
    static QString functionNameFor(const QString &templatePath, const QString &logicalId);

    /** Opens (creating file and schema when needed) the database at @p path. */
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_db.isOpen(); }
    QString lastError() const { return m_db.lastError(); }
    Database &database() { return m_db; }

    // Writing (the recorder).
    /** Starts a session; when the last one ended with executions in flight, closes them. */
    qint64 beginSession(qint64 startedUs, qint64 pid);
    bool write(const TelemetryBatch &batch);
    /**
     * Retention: keeps the newest @p maxRows rows of each table that grows with traffic (log
     * events, metric points, invocations) and deletes older ones. The store would otherwise
     * grow by ~1 KB per invocation without end (a benchmark writes a gigabyte).
     */
    bool prune(qint64 maxRows);
    /** LWB_TELEMETRY_MAX_ROWS, or 1,000,000. */
    static qint64 defaultMaxRows();

    // Reading.
    QStringList functions();
    std::vector<TelemetrySession> sessions();
    /** Streams of @p functionName, most recent last event first. */
    std::vector<LogStreamInfo> logStreams(const QString &functionName);
    /** Matching events, oldest first (LogQuery::limit keeps the newest). */
    std::vector<LogEvent> logEvents(const LogQuery &query);
    /**
     * A MetricStore holding the points of @p functionName (empty: every function and the
     * account-level series) in [startMs, endMs), plus each gauge's level at startMs.
     */
    void loadMetrics(MetricStore &into, const QString &functionName, qint64 startMs, qint64 endMs);
    /** Invocations that ended in [startMs, endMs) (0: unbounded), oldest first. */
    std::vector<StoredInvocation> invocations(const QString &functionName, qint64 startMs = 0,
                                              qint64 endMs = 0, qint64 sessionId = 0);

private:
    bool createSchema();
    /** The statement @p sql, prepared once per open database and reused by every batch. */
    Statement &cached(Statement &slot, const char *sql);

    Database m_db;
    // Declared after m_db: finalised before it closes.
    Statement m_insertLogEvent;
    Statement m_upsertLogStream;
    Statement m_insertMetricPoint;
    Statement m_insertInvocation;
};

} // namespace Lwb
