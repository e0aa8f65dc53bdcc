// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetrystore.h"

#include "telemetry/invocationtracker.h"
#include "telemetry/logfilterpattern.h"

#include "project/samtemplate.h"

#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

const QByteArray kSchema = R"(
CREATE TABLE IF NOT EXISTS sessions(
    id INTEGER PRIMARY KEY,
    started_us INTEGER NOT NULL,
    pid INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS log_streams(
    function TEXT NOT NULL,
    stream TEXT NOT NULL,
    environment_id TEXT NOT NULL DEFAULT '',
    first_us INTEGER NOT NULL,
    last_us INTEGER NOT NULL,
    event_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(function, stream));
CREATE TABLE IF NOT EXISTS log_events(
    id INTEGER PRIMARY KEY,
    function TEXT NOT NULL,
    stream TEXT NOT NULL,
    time_us INTEGER NOT NULL,
    request_id TEXT NOT NULL DEFAULT '',
    platform INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS log_events_function_time ON log_events(function, time_us);
CREATE TABLE IF NOT EXISTS metric_points(
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    function TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    time_us INTEGER NOT NULL,
    value REAL NOT NULL);
CREATE INDEX IF NOT EXISTS metric_points_series ON metric_points(function, metric, qualifier, time_us);
CREATE TABLE IF NOT EXISTS invocations(
    request_id TEXT NOT NULL,
    session_id INTEGER NOT NULL,
    function TEXT NOT NULL,
    qualifier TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '$LATEST',
    environment_id TEXT NOT NULL DEFAULT '',
    log_stream TEXT NOT NULL DEFAULT '',
    start_us INTEGER NOT NULL,
    end_us INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_type TEXT NOT NULL DEFAULT '',
    duration_ms REAL NOT NULL,
    billed_duration_ms INTEGER NOT NULL,
    memory_size_mb INTEGER NOT NULL,
    max_memory_used_mb INTEGER NOT NULL,
    init_duration_ms REAL,
    cold_start INTEGER NOT NULL,
    initialization_type TEXT NOT NULL,
    architecture TEXT NOT NULL,
    ephemeral_storage_mb INTEGER NOT NULL,
    gb_seconds REAL NOT NULL,
    storage_gb_seconds REAL NOT NULL,
    request_usd REAL NOT NULL,
    duration_usd REAL NOT NULL,
    storage_usd REAL NOT NULL,
    cost_usd REAL NOT NULL);
CREATE INDEX IF NOT EXISTS invocations_function_end ON invocations(function, end_us);
)";

QByteArray gaugeList()
{
    QByteArray list;
    for (Metric m : allMetrics()) {
        if (metricKind(m) == MetricKind::Gauge) {
            list += (list.isEmpty() ? "'" : ",'") + metricName(m).toUtf8() + '\'';
        }
    }
    return list;
}

} // namespace

QString TelemetryStore::pathForStateDir(const QString &stateDir)
{
    return stateDir + u"/telemetry.sqlite"_s;
}

QString TelemetryStore::pathForTemplate(const QString &templatePath)
{
    return pathForStateDir(QFileInfo(templatePath).absolutePath() + u"/.lwb"_s);
}

std::optional<qint64> TelemetryStore::parseDurationMs(const QString &text)
{
    static const QRegularExpression re(
        u"^\\s*(\\d+)\\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|"
        "d|day|days|w|week|weeks)?\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2).toLower();
    qint64 factor = 1000;
    if (unit.startsWith(u'm')) {
        factor = 60 * 1000;
    } else if (unit.startsWith(u'h')) {
        factor = 3600 * 1000;
    } else if (unit.startsWith(u'd')) {
        factor = 86400 * 1000;
    } else if (unit.startsWith(u'w')) {
        factor = 7 * 86400 * 1000;
    }
    return n * factor;
}

std::optional<qint64> TelemetryStore::parseTimeMs(const QString &text, qint64 nowMs)
{
    const QString t = text.trimmed();
    if (t.compare(u"now"_s, Qt::CaseInsensitive) == 0) {
        return nowMs;
    }
    QString relative = t;
    if (relative.endsWith(u" ago"_s, Qt::CaseInsensitive)) {
        relative.chop(4);
    }
    if (const auto ms = parseDurationMs(relative)) {
        return nowMs - *ms;
    }
    QString iso = t;
    if (iso.size() > 10 && iso.at(10) == u' ') {
        iso[10] = u'T';
    }
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        dt = QDateTime::fromString(iso, Qt::ISODate);
    }
    if (!dt.isValid()) {
        return std::nullopt;
    }
    return dt.toMSecsSinceEpoch();
}

QString TelemetryStore::functionNameFor(const QString &templatePath, const QString &logicalId)
{
    if (!QFileInfo::exists(templatePath)) {
        return logicalId;
    }
    SamTemplate sam;
    if (!sam.load(templatePath)) {
        return logicalId;
    }
    const std::optional<FunctionConfig> f = sam.function(logicalId);
    return f && !f->functionName.isEmpty() ? f->functionName : logicalId;
}

bool TelemetryStore::open(const QString &path, QString *error)
{
    for (Statement *slot : {&m_insertLogEvent, &m_upsertLogStream, &m_insertMetricPoint, &m_insertInvocation}) {
        *slot = Statement();
    }
    if (!m_db.open(path, error)) {
        return false;
    }
    // Telemetry is rebuilt by use, not precious: no fsync (a killed engine loses nothing the
    // OS already has), and checkpoints every ~32 MB of WAL so the index pages every batch
    // touches are copied back once per many batches instead of once per few.
    m_db.exec("PRAGMA synchronous=OFF; PRAGMA wal_autocheckpoint=8192; PRAGMA cache_size=-16384;");
    if (!createSchema()) {
        if (error) {
            *error = m_db.lastError();
        }
        m_db.close();
        return false;
    }
    return true;
}

bool TelemetryStore::createSchema()
{
    if (m_db.userVersion() == kSchemaVersion) {
        return true;
    }
    return m_db.begin() && m_db.exec(kSchema) && m_db.setUserVersion(kSchemaVersion) && m_db.commit();
}

qint64 TelemetryStore::beginSession(qint64 startedUs, qint64 pid)
{
    if (!m_db.begin()) {
        return 0;
    }
    // An engine that died with executions in flight left gauges up: they end where we start.
    // Only the newest points can be levels left up: a bounded scan, however large the store.
    Statement last = m_db.prepare("SELECT metric, function, qualifier, value, max(id) FROM metric_points "
                                  "WHERE id > (SELECT max(id) FROM metric_points) - 100000 AND metric IN (" +
                                  gaugeList() + ") GROUP BY metric, function, qualifier");
    Statement close = m_db.prepare(
        "INSERT INTO metric_points(metric, function, qualifier, time_us, value) VALUES(?,?,?,?,0)");
    while (last.step()) {
        if (last.real(3) > 0) {
            close.bind(1, last.text(0)).bind(2, last.text(1)).bind(3, last.text(2)).bind(4, startedUs);
            close.run();
        }
    }
    Statement insert = m_db.prepare("INSERT INTO sessions(started_us, pid) VALUES(?, ?)");
    insert.bind(1, startedUs).bind(2, pid);
    if (!insert.run()) {
        m_db.rollback();
        return 0;
    }
    const qint64 id = m_db.lastInsertId();
    return m_db.commit() ? id : 0;
}

Statement &TelemetryStore::cached(Statement &slot, const char *sql)
{
    if (!slot.isValid()) {
        slot = m_db.prepare(sql);
    }
    return slot;
}

bool TelemetryStore::write(const TelemetryBatch &batch)
{
    if (batch.isEmpty()) {
        return true;
    }
    if (!m_db.begin()) {
        return false;
    }
    bool ok = true;
    if (!batch.logEvents.empty()) {
        Statement &s = cached(m_insertLogEvent,
                              "INSERT INTO log_events(function, stream, time_us, request_id, platform, "
                              "message) VALUES(?,?,?,?,?,?)");
        for (const LogEvent &e : batch.logEvents) {
            s.bind(1, e.functionName).bind(2, e.logStream).bind(3, e.timeUs).bind(4, e.requestId)
                .bind(5, e.platform ? 1 : 0).bind(6, e.message);
            ok = s.run() && ok;
        }
    }
    if (!batch.logStreams.empty()) {
        Statement &s = cached(
            m_upsertLogStream,
            "INSERT INTO log_streams(function, stream, environment_id, first_us, last_us, event_count) "
            "VALUES(?,?,?,?,?,?) ON CONFLICT(function, stream) DO UPDATE SET "
            "first_us = min(first_us, excluded.first_us), last_us = max(last_us, excluded.last_us), "
            "event_count = event_count + excluded.event_count, "
            "environment_id = CASE WHEN environment_id = '' THEN excluded.environment_id "
            "ELSE environment_id END");
        for (const LogStreamInfo &i : batch.logStreams) {
            s.bind(1, i.functionName).bind(2, i.name).bind(3, i.environmentId).bind(4, i.firstEventUs)
                .bind(5, i.lastEventUs).bind(6, i.eventCount);
            ok = s.run() && ok;
        }
    }
    if (!batch.metricPoints.empty()) {
        Statement &s = cached(
            m_insertMetricPoint,
            "INSERT INTO metric_points(metric, function, qualifier, time_us, value) VALUES(?,?,?,?,?)");
        for (const MetricPoint &p : batch.metricPoints) {
            s.bind(1, metricName(p.metric)).bind(2, p.functionName).bind(3, p.qualifier)
                .bind(4, p.timeUs).bind(5, p.value);
            ok = s.run() && ok;
        }
    }
    if (!batch.invocations.empty()) {
        Statement &s = cached(
            m_insertInvocation,
            "INSERT INTO invocations(request_id, session_id, function, qualifier, version, environment_id, "
            "log_stream, start_us, end_us, status, error_type, duration_ms, billed_duration_ms, "
            "memory_size_mb, max_memory_used_mb, init_duration_ms, cold_start, initialization_type, "
            "architecture, ephemeral_storage_mb, gb_seconds, storage_gb_seconds, request_usd, "
            "duration_usd, storage_usd, cost_usd) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const StoredInvocation &i : batch.invocations) {
            const InvocationFacts &f = i.facts;
            s.bind(1, f.requestId).bind(2, i.sessionId).bind(3, f.functionName).bind(4, f.qualifier)
                .bind(5, f.version).bind(6, f.environmentId).bind(7, f.logStream).bind(8, f.startUs)
                .bind(9, f.endUs).bind(10, f.status).bind(11, f.errorType).bind(12, f.durationMs)
                .bind(13, f.billedDurationMs).bind(14, f.memorySizeMb).bind(15, f.maxMemoryUsedMb)
                .bind(16, f.initDurationMs ? QVariant(*f.initDurationMs) : QVariant())
                .bind(17, f.coldStart ? 1 : 0).bind(18, f.initializationType).bind(19, f.architecture)
                .bind(20, f.ephemeralStorageMb).bind(21, i.cost.gbSeconds).bind(22, i.cost.storageGbSeconds)
                .bind(23, i.cost.requestUsd).bind(24, i.cost.durationUsd).bind(25, i.cost.storageUsd)
                .bind(26, i.cost.totalUsd());
            ok = s.run() && ok;
        }
    }
    for (Statement *slot : {&m_insertLogEvent, &m_upsertLogStream, &m_insertMetricPoint, &m_insertInvocation}) {
        slot->reset(); // a kept statement holds nothing open between batches
    }
    if (!ok) {
        m_db.rollback();
        return false;
    }
    return m_db.commit();
}

bool TelemetryStore::prune(qint64 maxRows)
{
    // In slices of 20,000 rows, one transaction each: a large store left by an older engine
    // shrinks without one huge transaction (and WAL) that a kill would throw away.
    constexpr int kSliceRows = 20000;
    for (const char *table : {"log_events", "metric_points", "invocations"}) {
        const QByteArray sql = QByteArray("DELETE FROM ") + table + " WHERE rowid IN (SELECT rowid FROM " + table +
                               " WHERE rowid <= (SELECT max(rowid) FROM " + table + ") - ? ORDER BY rowid LIMIT ?)";
        for (;;) {
            if (!m_db.begin()) {
                return false;
            }
            Statement s = m_db.prepare(sql);
            s.bind(1, maxRows).bind(2, kSliceRows);
            if (!s.run()) {
                m_db.rollback();
                return false;
            }
            const int deleted = m_db.changes();
            if (!m_db.commit()) {
                return false;
            }
            if (deleted < kSliceRows) {
                break;
            }
        }
    }
    return true;
}

qint64 TelemetryStore::defaultMaxRows()
{
    bool ok = false;
    const qint64 rows = qEnvironmentVariable("LWB_TELEMETRY_MAX_ROWS").toLongLong(&ok);
    return ok && rows > 0 ? rows : 1'000'000;
}

QStringList TelemetryStore::functions()
{
    QStringList names;
    Statement s = m_db.prepare("SELECT function FROM log_streams UNION SELECT function FROM invocations "
                               "UNION SELECT function FROM metric_points WHERE function != '' ORDER BY 1");
    while (s.step()) {
        names << s.text(0);
    }
    return names;
}

std::vector<TelemetrySession> TelemetryStore::sessions()
{
    std::vector<TelemetrySession> result;
    Statement s = m_db.prepare("SELECT id, started_us, pid FROM sessions ORDER BY id");
    while (s.step()) {
        result.push_back({s.integer(0), s.integer(1), s.integer(2)});
    }
    return result;
}

std::vector<LogStreamInfo> TelemetryStore::logStreams(const QString &functionName)
{
    std::vector<LogStreamInfo> result;
    Statement s = m_db.prepare("SELECT function, stream, environment_id, first_us, last_us, event_count "
                               "FROM log_streams WHERE function = ? ORDER BY last_us DESC, stream DESC");
    s.bind(1, functionName);
    while (s.step()) {
        result.push_back({s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4), s.integer(5)});
    }
    return result;
}

std::vector<LogEvent> TelemetryStore::logEvents(const LogQuery &query)
{
    // SQL narrows by group, stream, time and id; the filter pattern is applied in C++ so that the
    // store and the in-memory LogStore agree on what matches.
    QByteArray sql = "SELECT id, function, stream, time_us, request_id, platform, message FROM log_events "
                     "WHERE id > ?1 AND (?2 = '' OR function = ?2) AND (?3 = '' OR stream = ?3) "
                     "AND (?4 = 0 OR time_us >= ?4) AND (?5 = 0 OR time_us < ?5) ORDER BY time_us, id";
    Statement s = m_db.prepare(sql);
    s.bind(1, query.afterId).bind(2, query.functionName).bind(3, query.logStream)
        .bind(4, query.startMs * 1000).bind(5, query.endMs * 1000);
    const LogFilterPattern pattern(query.filterPattern);
    std::vector<LogEvent> result;
    while (s.step()) {
        const QString message = s.text(6);
        if (!pattern.matches(message)) {
            continue;
        }
        result.push_back({s.integer(0), s.text(1), s.text(2), s.integer(3), s.text(4), s.integer(5) != 0,
                          message});
    }
    if (query.limit > 0 && result.size() > size_t(query.limit)) {
        result.erase(result.begin(), result.end() - query.limit);
    }
    return result;
}

void TelemetryStore::loadMetrics(MetricStore &into, const QString &functionName, qint64 startMs, qint64 endMs)
{
    const QByteArray functionFilter = functionName.isEmpty() ? "1" : "(function = ?1 OR function = '')";
    Statement levels = m_db.prepare("SELECT metric, function, qualifier, time_us, value, max(id) FROM metric_points "
                                    "WHERE " + functionFilter + " AND time_us < ?2 AND metric IN ("
                                    + gaugeList() + ") GROUP BY function, metric, qualifier");
    if (!functionName.isEmpty()) {
        levels.bind(1, functionName);
    }
    levels.bind(2, startMs * 1000);
    auto add = [&into](Statement &s) {
        if (const auto metric = metricFromName(s.text(0))) {
            into.addPoint({*metric, s.text(1), s.text(2), s.integer(3), s.real(4)});
        }
    };
    while (levels.step()) {
        add(levels);
    }
    // Duration points are not stored (stores before that have them: they are skipped): each
    // invocation row has its start and duration, filed under the same qualifiers as the live
    // MetricStore files them. An invocation ends at most 15 minutes after it starts, which lets
    // the (function, end_us) index find them.
    Statement points = m_db.prepare("SELECT metric, function, qualifier, time_us, value FROM metric_points "
                                    "WHERE " + functionFilter + " AND time_us >= ?2 AND time_us < ?3 "
                                    "AND metric != 'Duration' ORDER BY time_us, id");
    if (!functionName.isEmpty()) {
        points.bind(1, functionName);
    }
    points.bind(2, startMs * 1000).bind(3, endMs * 1000);
    while (points.step()) {
        add(points);
    }
    constexpr qint64 kLongestInvocationUs = 15 * 60 * 1'000'000LL;
    Statement durations = m_db.prepare(
        "SELECT function, qualifier, version, start_us, duration_ms FROM invocations "
        "WHERE (?1 = '' OR function = ?1) AND end_us >= ?2 AND end_us < ?3 + ?4 "
        "AND start_us >= ?2 AND start_us < ?3 ORDER BY start_us, rowid");
    durations.bind(1, functionName).bind(2, startMs * 1000).bind(3, endMs * 1000).bind(4, kLongestInvocationUs);
    while (durations.step()) {
        const QString function = durations.text(0);
        for (const QString &q : InvocationTracker::metricQualifiers(durations.text(1), durations.text(2))) {
            into.addPoint({Metric::Duration, function, q, durations.integer(3), durations.real(4)});
        }
    }
}

std::vector<StoredInvocation> TelemetryStore::invocations(const QString &functionName, qint64 startMs,
                                                          qint64 endMs, qint64 sessionId)
{
    std::vector<StoredInvocation> result;
    Statement s = m_db.prepare(
        "SELECT request_id, session_id, function, qualifier, version, environment_id, log_stream, start_us, "
        "end_us, status, error_type, duration_ms, billed_duration_ms, memory_size_mb, max_memory_used_mb, "
        "init_duration_ms, cold_start, initialization_type, architecture, ephemeral_storage_mb, gb_seconds, "
        "storage_gb_seconds, request_usd, duration_usd, storage_usd FROM invocations "
        "WHERE (?1 = '' OR function = ?1) AND (?2 = 0 OR end_us >= ?2) AND (?3 = 0 OR end_us < ?3) "
        "AND (?4 = 0 OR session_id = ?4) ORDER BY end_us, rowid");
    s.bind(1, functionName).bind(2, startMs * 1000).bind(3, endMs * 1000).bind(4, sessionId);
    while (s.step()) {
        StoredInvocation i;
        InvocationFacts &f = i.facts;
        f.requestId = s.text(0);
        i.sessionId = s.integer(1);
        f.functionName = s.text(2);
        f.qualifier = s.text(3);
        f.version = s.text(4);
        f.environmentId = s.text(5);
        f.logStream = s.text(6);
        f.startUs = s.integer(7);
        f.endUs = s.integer(8);
        f.status = s.text(9);
        f.errorType = s.text(10);
        f.durationMs = s.real(11);
        f.billedDurationMs = s.integer(12);
        f.memorySizeMb = int(s.integer(13));
        f.maxMemoryUsedMb = int(s.integer(14));
        if (!s.isNull(15)) {
            f.initDurationMs = s.real(15);
        }
        f.coldStart = s.integer(16) != 0;
        f.initializationType = s.text(17);
        f.architecture = s.text(18);
        f.ephemeralStorageMb = int(s.integer(19));
        i.cost.gbSeconds = s.real(20);
        i.cost.storageGbSeconds = s.real(21);
        i.cost.requestUsd = s.real(22);
        i.cost.durationUsd = s.real(23);
        i.cost.storageUsd = s.real(24);
        result.push_back(i);
    }
    return result;
}

} // namespace Lwb
