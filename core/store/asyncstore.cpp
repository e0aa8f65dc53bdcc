// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asyncstore.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kSchemaVersion = 1;

constexpr auto kSchema = R"sql(
CREATE TABLE IF NOT EXISTS async_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id      TEXT    NOT NULL,
    function_name   TEXT    NOT NULL,
    qualifier       TEXT    NOT NULL DEFAULT '',
    payload         BLOB    NOT NULL,
    trace_id        BLOB    NOT NULL DEFAULT x'',
    accepted_ms     INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    function_errors INTEGER NOT NULL DEFAULT 0,
    throttles       INTEGER NOT NULL DEFAULT 0,
    state           INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT
);
CREATE INDEX IF NOT EXISTS async_events_due ON async_events (state, next_attempt_ms);
CREATE TABLE IF NOT EXISTS local_queues (
    name        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS queue_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    queue          TEXT    NOT NULL REFERENCES local_queues (name) ON DELETE CASCADE,
    body           BLOB    NOT NULL,
    attributes     TEXT    NOT NULL DEFAULT '{}',
    sent_ms        INTEGER NOT NULL,
    receive_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS queue_messages_queue ON queue_messages (queue, id);
)sql";

constexpr auto kEventColumns =
    "id, request_id, function_name, qualifier, payload, trace_id, accepted_ms, next_attempt_ms, "
    "attempts, function_errors, throttles, state, outcome";

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

AsyncStore::AsyncStore() = default;
AsyncStore::~AsyncStore() = default;

bool AsyncStore::open(const QString &path, QString *error)
{
    if (!m_db.open(path, error)) {
        return false;
    }
    if (m_db.userVersion() < kSchemaVersion) {
        if (!m_db.begin() || !m_db.exec(kSchema) || !m_db.setUserVersion(kSchemaVersion)
            || !m_db.commit()) {
            const QString message = m_db.lastError();
            m_db.rollback();
            m_db.close();
            if (error) {
                *error = message;
            }
            return false;
        }
    }
    return true;
}

QString AsyncStore::pathForTemplate(const QString &templatePath)
{
    return QDir(QFileInfo(templatePath).absolutePath()).filePath(u".lwb/async.sqlite"_s);
}

QString AsyncStore::localQueueName(const QString &target)
{
    const QString t = target.trimmed();
    if (!t.startsWith(u"arn:")) {
        return t;
    }
    const QStringList parts = t.split(u':');
    // arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]
    if (parts.size() > 6 && parts.at(2) == u"lambda" && parts.at(5) == u"function") {
        return parts.at(6);
    }
    // sqs/sns: the last segment; events: event-bus/name; s3: arn:aws:s3:::bucket
    const QString last = parts.last();
    return last.mid(last.lastIndexOf(u'/') + 1);
}

AsyncEvent AsyncStore::eventFrom(const Statement &s)
{
    AsyncEvent e;
    e.id = s.integer(0);
    e.requestId = s.text(1);
    e.functionName = s.text(2);
    e.qualifier = s.text(3);
    e.payload = s.blob(4);
    e.traceId = s.blob(5);
    e.acceptedMs = s.integer(6);
    e.nextAttemptMs = s.integer(7);
    e.attempts = int(s.integer(8));
    e.functionErrors = int(s.integer(9));
    e.throttles = int(s.integer(10));
    e.state = AsyncEvent::State(s.integer(11));
    if (!s.isNull(12)) {
        e.outcome = nlohmann::json::parse(s.text(12).toStdString(), nullptr, false);
    }
    return e;
}

bool AsyncStore::insertEvent(AsyncEvent &event)
{
    Statement s = m_db.prepare(
        "INSERT INTO async_events (request_id, function_name, qualifier, payload, trace_id, "
        "accepted_ms, next_attempt_ms, attempts, function_errors, throttles, state, outcome) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, event.requestId)
        .bind(2, event.functionName)
        .bind(3, event.qualifier)
        .bind(4, event.payload)
        .bind(5, event.traceId)
        .bind(6, event.acceptedMs)
        .bind(7, event.nextAttemptMs)
        .bind(8, event.attempts)
        .bind(9, event.functionErrors)
        .bind(10, event.throttles)
        .bind(11, int(event.state))
        .bind(12, event.outcome.is_null() ? QVariant()
                                          : QVariant(QString::fromStdString(event.outcome.dump())));
    if (!s.run()) {
        return false;
    }
    event.id = m_db.lastInsertId();
    return true;
}

std::optional<AsyncEvent> AsyncStore::event(qint64 id)
{
    Statement s = m_db.prepare("SELECT " + QByteArray(kEventColumns)
                               + " FROM async_events WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    return eventFrom(s);
}

std::vector<AsyncEvent> AsyncStore::dueEvents(qint64 now)
{
    std::vector<AsyncEvent> out;
    Statement s = m_db.prepare("SELECT " + QByteArray(kEventColumns)
                               + " FROM async_events WHERE state = 0 AND next_attempt_ms <= ? "
                                 "ORDER BY next_attempt_ms, id");
    s.bind(1, now);
    while (s.step()) {
        out.push_back(eventFrom(s));
    }
    return out;
}

std::optional<qint64> AsyncStore::nextDueMs(qint64 afterMs)
{
    Statement s = m_db.prepare(
        "SELECT MIN(next_attempt_ms) FROM async_events WHERE state = 0 AND next_attempt_ms > ?");
    s.bind(1, afterMs);
    if (s.step() && !s.isNull(0)) {
        return s.integer(0);
    }
    return std::nullopt;
}

std::vector<AsyncEvent> AsyncStore::undeliveredOutcomes()
{
    std::vector<AsyncEvent> out;
    Statement s = m_db.prepare("SELECT " + QByteArray(kEventColumns)
                               + " FROM async_events WHERE state = 2 ORDER BY id");
    while (s.step()) {
        out.push_back(eventFrom(s));
    }
    return out;
}

bool AsyncStore::markInFlight(qint64 id, int attempts)
{
    Statement s = m_db.prepare("UPDATE async_events SET state = 1, attempts = ? WHERE id = ?");
    s.bind(1, attempts).bind(2, id);
    return s.run();
}

bool AsyncStore::reschedule(const AsyncEvent &event)
{
    Statement s = m_db.prepare(
        "UPDATE async_events SET state = 0, next_attempt_ms = ?, attempts = ?, "
        "function_errors = ?, throttles = ?, outcome = ? WHERE id = ?");
    s.bind(1, event.nextAttemptMs)
        .bind(2, event.attempts)
        .bind(3, event.functionErrors)
        .bind(4, event.throttles)
        .bind(5, event.outcome.is_null() ? QVariant()
                                         : QVariant(QString::fromStdString(event.outcome.dump())))
        .bind(6, event.id);
    return s.run();
}

bool AsyncStore::setOutcome(qint64 id, const nlohmann::json &outcome)
{
    Statement s = m_db.prepare("UPDATE async_events SET state = 2, outcome = ? WHERE id = ?");
    s.bind(1, QString::fromStdString(outcome.dump())).bind(2, id);
    return s.run();
}

bool AsyncStore::removeEvent(qint64 id)
{
    Statement s = m_db.prepare("DELETE FROM async_events WHERE id = ?");
    s.bind(1, id);
    return s.run();
}

bool AsyncStore::insertMessage(const QueueMessage &message)
{
    Statement q = m_db.prepare(
        "INSERT OR IGNORE INTO local_queues (name, kind, created_ms) VALUES (?, ?, ?)");
    q.bind(1, message.queue).bind(2, message.kind).bind(3, nowMs());
    if (!q.run()) {
        return false;
    }
    Statement s = m_db.prepare(
        "INSERT INTO queue_messages (queue, body, attributes, sent_ms) VALUES (?, ?, ?, ?)");
    s.bind(1, message.queue)
        .bind(2, message.body)
        .bind(3, QString::fromStdString(message.attributes.dump()))
        .bind(4, message.sentMs > 0 ? message.sentMs : nowMs());
    return s.run();
}

bool AsyncStore::send(const QueueMessage &message)
{
    if (!m_db.begin()) {
        return false;
    }
    if (!insertMessage(message) || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

bool AsyncStore::sendAndRemoveEvent(const QueueMessage &message, qint64 eventId)
{
    if (!m_db.begin()) {
        return false;
    }
    Statement s = m_db.prepare("DELETE FROM async_events WHERE id = ?");
    s.bind(1, eventId);
    if (!insertMessage(message) || !s.run() || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

int AsyncStore::resumeInFlight(qint64 now)
{
    Statement s = m_db.prepare(
        "UPDATE async_events SET state = 0, next_attempt_ms = MIN(next_attempt_ms, ?) "
        "WHERE state = 1");
    s.bind(1, now);
    return s.run() ? m_db.changes() : 0;
}

qint64 AsyncStore::eventCount(const QString &functionName)
{
    Statement s = functionName.isEmpty()
                      ? m_db.prepare("SELECT COUNT(*) FROM async_events")
                      : m_db.prepare("SELECT COUNT(*) FROM async_events WHERE function_name = ?");
    if (!functionName.isEmpty()) {
        s.bind(1, functionName);
    }
    return s.step() ? s.integer(0) : 0;
}

std::vector<QueueInfo> AsyncStore::queues()
{
    std::vector<QueueInfo> out;
    Statement s = m_db.prepare(
        "SELECT q.name, q.kind, (SELECT COUNT(*) FROM queue_messages m WHERE m.queue = q.name) "
        "FROM local_queues q ORDER BY q.name");
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), s.integer(2)});
    }
    return out;
}

std::vector<QueueMessage> AsyncStore::receive(const QString &queue, int max, bool remove)
{
    std::vector<QueueMessage> out;
    if (!m_db.begin()) {
        return out;
    }
    Statement s = m_db.prepare(
        "SELECT m.id, m.queue, q.kind, m.body, m.attributes, m.sent_ms, m.receive_count "
        "FROM queue_messages m JOIN local_queues q ON q.name = m.queue "
        "WHERE m.queue = ? ORDER BY m.id LIMIT ?");
    s.bind(1, queue).bind(2, max);
    while (s.step()) {
        QueueMessage m;
        m.id = s.integer(0);
        m.queue = s.text(1);
        m.kind = s.text(2);
        m.body = s.blob(3);
        m.attributes = nlohmann::json::parse(s.text(4).toStdString(), nullptr, false);
        if (m.attributes.is_discarded()) {
            m.attributes = nlohmann::json::object();
        }
        m.sentMs = s.integer(5);
        m.receiveCount = int(s.integer(6)) + 1;
        out.push_back(std::move(m));
    }
    Statement update = remove ? m_db.prepare("DELETE FROM queue_messages WHERE id = ?")
                              : m_db.prepare("UPDATE queue_messages SET receive_count = "
                                             "receive_count + 1 WHERE id = ?");
    for (const QueueMessage &m : out) {
        update.bind(1, m.id);
        if (!update.run()) {
            m_db.rollback();
            return {};
        }
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return {};
    }
    return out;
}

int AsyncStore::purge(const QString &queue)
{
    Statement s = m_db.prepare("DELETE FROM queue_messages WHERE queue = ?");
    s.bind(1, queue);
    return s.run() ? m_db.changes() : -1;
}

} // namespace Lwb
