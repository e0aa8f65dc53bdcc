// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asyncstore.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>
#include <QtCore/QtEndian>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kSchemaVersion = 2;

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

// Version 2: SQS semantics. A queue's definition (QueueDefinition JSON; null for queues that
// only destinations created); per message its id, visibility, receipt handle and FIFO keys.
constexpr auto kSchemaV2 = R"sql(
ALTER TABLE local_queues ADD COLUMN definition TEXT;
ALTER TABLE queue_messages ADD COLUMN message_id TEXT;
ALTER TABLE queue_messages ADD COLUMN visible_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_messages ADD COLUMN receipt_handle TEXT;
ALTER TABLE queue_messages ADD COLUMN first_receive_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_messages ADD COLUMN group_id TEXT;
ALTER TABLE queue_messages ADD COLUMN dedup_id TEXT;
CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_ms);
CREATE INDEX IF NOT EXISTS queue_messages_receipt ON queue_messages (receipt_handle);
)sql";

constexpr auto kMessageColumns =
    "m.id, m.queue, q.kind, m.body, m.attributes, m.sent_ms, m.receive_count, "
    "COALESCE(m.message_id, CAST(m.id AS TEXT)), COALESCE(m.receipt_handle, ''), "
    "m.first_receive_ms, m.visible_ms, COALESCE(m.group_id, ''), COALESCE(m.dedup_id, '')";

QueueMessage messageFrom(const Statement &s)
{
    QueueMessage m;
    m.id = s.integer(0);
    m.queue = s.text(1);
    m.kind = s.text(2);
    m.body = s.blob(3);
    m.attributes = nlohmann::json::parse(s.text(4).toStdString(), nullptr, false);
    if (!m.attributes.is_object()) {
        m.attributes = nlohmann::json::object();
    }
    m.sentMs = s.integer(5);
    m.receiveCount = int(s.integer(6));
    m.messageId = s.text(7);
    m.receiptHandle = s.text(8);
    m.firstReceiveMs = s.integer(9);
    m.visibleMs = s.integer(10);
    m.groupId = s.text(11);
    m.deduplicationId = s.text(12);
    return m;
}

QString newReceiptHandle()
{
    quint32 words[12];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toBase64());
}

void appendLengthPrefixed(QByteArray *out, const QByteArray &bytes)
{
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    out->append(length, 4);
    out->append(bytes);
}

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
        // Read again inside the transaction: another process may have migrated meanwhile.
        if (!m_db.begin() || !migrate(m_db.userVersion()) || !m_db.setUserVersion(kSchemaVersion) ||
            !m_db.commit()) {
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

bool AsyncStore::migrate(int fromVersion)
{
    return (fromVersion >= 1 || m_db.exec(kSchema)) && (fromVersion >= 2 || m_db.exec(kSchemaV2));
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
    Statement s =
        m_db.prepare("SELECT " + QByteArray(kEventColumns) + " FROM async_events WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    return eventFrom(s);
}

std::vector<AsyncEvent> AsyncStore::dueEvents(qint64 now)
{
    std::vector<AsyncEvent> out;
    Statement s = m_db.prepare("SELECT " + QByteArray(kEventColumns) +
                               " FROM async_events WHERE state = 0 AND next_attempt_ms <= ? "
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
    Statement s = m_db.prepare("SELECT " + QByteArray(kEventColumns) +
                               " FROM async_events WHERE state = 2 ORDER BY id");
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
    Statement s =
        m_db.prepare("UPDATE async_events SET state = 0, next_attempt_ms = ?, attempts = ?, "
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

bool AsyncStore::insertMessage(const QueueMessage &message, qint64 delayMs, QueueMessage *stored)
{
    // A destination naming a template queue by its QueueName (the last part of its ARN) writes
    // to that queue, which the store knows by its logical id: one queue, however it is named.
    QString queue = message.queue;
    Statement alias = m_db.prepare("SELECT name FROM local_queues WHERE name = ?1 OR "
                                   "json_extract(definition, '$.queueName') = ?1 "
                                   "ORDER BY name = ?1 DESC LIMIT 1");
    alias.bind(1, queue);
    if (alias.step()) {
        queue = alias.text(0);
    }
    Statement q = m_db.prepare(
        "INSERT OR IGNORE INTO local_queues (name, kind, created_ms) VALUES (?, ?, ?)");
    q.bind(1, queue).bind(2, message.kind).bind(3, nowMs());
    if (!q.run()) {
        return false;
    }
    const qint64 sent = message.sentMs > 0 ? message.sentMs : nowMs();
    const QString messageId = message.messageId.isEmpty()
                                  ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                  : message.messageId;
    Statement s = m_db.prepare(
        "INSERT INTO queue_messages (queue, body, attributes, sent_ms, message_id, visible_ms, "
        "group_id, dedup_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, queue)
        .bind(2, message.body)
        .bind(3, QString::fromStdString(message.attributes.dump()))
        .bind(4, sent)
        .bind(5, messageId)
        .bind(6, sent + qMax<qint64>(0, delayMs))
        .bind(7, message.groupId.isEmpty() ? QVariant() : QVariant(message.groupId))
        .bind(8,
              message.deduplicationId.isEmpty() ? QVariant() : QVariant(message.deduplicationId));
    if (!s.run()) {
        return false;
    }
    if (stored) {
        *stored = message;
        stored->queue = queue;
        stored->id = m_db.lastInsertId();
        stored->messageId = messageId;
        stored->sentMs = sent;
        stored->visibleMs = sent + qMax<qint64>(0, delayMs);
    }
    return true;
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
    Statement s =
        m_db.prepare("UPDATE async_events SET state = 0, next_attempt_ms = MIN(next_attempt_ms, ?) "
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
    Statement s = m_db.prepare("SELECT name FROM local_queues ORDER BY name");
    QStringList names;
    while (s.step()) {
        names << s.text(0);
    }
    const qint64 now = nowMs();
    for (const QString &name : std::as_const(names)) {
        out.push_back(queueInfo(name, now));
    }
    return out;
}

QueueInfo AsyncStore::queueInfo(const QString &queue, qint64 now)
{
    QueueInfo info;
    info.name = queue;
    Statement q =
        m_db.prepare("SELECT kind, definition IS NOT NULL FROM local_queues WHERE name = ?");
    q.bind(1, queue);
    if (q.step()) {
        info.kind = q.text(0);
        info.defined = q.integer(1) != 0;
    }
    Statement s = m_db.prepare("SELECT COUNT(*), "
                               "COALESCE(SUM(visible_ms <= ?1), 0), "
                               "COALESCE(SUM(visible_ms > ?1 AND receipt_handle IS NOT NULL), 0), "
                               "COALESCE(SUM(visible_ms > ?1 AND receipt_handle IS NULL), 0) "
                               "FROM queue_messages WHERE queue = ?2");
    s.bind(1, now).bind(2, queue);
    if (s.step()) {
        info.messages = s.integer(0);
        info.available = s.integer(1);
        info.inFlight = s.integer(2);
        info.delayed = s.integer(3);
    }
    return info;
}

std::vector<QueueMessage> AsyncStore::receive(const QString &queue, int max, bool remove)
{
    std::vector<QueueMessage> out;
    if (!m_db.begin()) {
        return out;
    }
    Statement s = m_db.prepare("SELECT " + QByteArray(kMessageColumns) +
                               " FROM queue_messages m JOIN local_queues q ON q.name = m.queue "
                               "WHERE m.queue = ? AND m.visible_ms <= ? ORDER BY m.id LIMIT ?");
    s.bind(1, queue).bind(2, nowMs()).bind(3, max);
    while (s.step()) {
        QueueMessage m = messageFrom(s);
        ++m.receiveCount;
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

bool AsyncStore::defineQueues(const std::vector<QueueDefinition> &queues)
{
    if (!m_db.begin()) {
        return false;
    }
    bool ok = m_db.exec("UPDATE local_queues SET definition = NULL");
    Statement s = m_db.prepare(
        "INSERT INTO local_queues (name, kind, created_ms, definition) VALUES (?, 'SQS', ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition");
    for (const QueueDefinition &q : queues) {
        s.bind(1, q.logicalId).bind(2, nowMs()).bind(3, QString::fromStdString(q.toJson().dump()));
        ok = ok && s.run();
    }
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

std::vector<QueueDefinition> AsyncStore::queueDefinitions()
{
    std::vector<QueueDefinition> out;
    Statement s = m_db.prepare("SELECT definition FROM local_queues WHERE definition IS NOT NULL "
                               "ORDER BY created_ms, name");
    while (s.step()) {
        out.push_back(QueueDefinition::fromJson(
            nlohmann::json::parse(s.text(0).toStdString(), nullptr, false)));
    }
    return out;
}

bool AsyncStore::sendMessage(QueueMessage &message, qint64 delayMs, bool *duplicate)
{
    if (duplicate) {
        *duplicate = false;
    }
    if (!m_db.begin()) {
        return false;
    }
    if (message.kind.isEmpty()) {
        message.kind = u"SQS"_s;
    }
    if (!message.deduplicationId.isEmpty()) {
        // FIFO: a deduplication id seen in the last 5 minutes is accepted and not stored again.
        Statement d = m_db.prepare(
            "SELECT message_id, sent_ms FROM queue_messages WHERE queue = ? AND dedup_id = ? "
            "AND sent_ms > ? ORDER BY id LIMIT 1");
        d.bind(1, message.queue).bind(2, message.deduplicationId).bind(3, nowMs() - 5 * 60 * 1000);
        if (d.step()) {
            message.messageId = d.text(0);
            message.sentMs = d.integer(1);
            if (duplicate) {
                *duplicate = true;
            }
            return m_db.commit();
        }
    }
    QueueMessage stored;
    if (!insertMessage(message, delayMs, &stored) || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    message = stored;
    return true;
}

std::vector<QueueMessage> AsyncStore::receiveMessages(const QString &queue, int max,
                                                      qint64 visibilityMs, qint64 now,
                                                      int *redriven)
{
    std::vector<QueueMessage> out;
    if (redriven) {
        *redriven = 0;
    }
    if (max < 1 || !m_db.begin()) {
        return out;
    }
    QueueDefinition definition;
    Statement d = m_db.prepare("SELECT definition FROM local_queues WHERE name = ?");
    d.bind(1, queue);
    if (d.step() && !d.isNull(0)) {
        definition = QueueDefinition::fromJson(
            nlohmann::json::parse(d.text(0).toStdString(), nullptr, false));
        Statement expire =
            m_db.prepare("DELETE FROM queue_messages WHERE queue = ? AND sent_ms < ?");
        expire.bind(1, queue).bind(2, now - qint64(definition.messageRetentionSeconds) * 1000);
        if (!expire.run()) {
            m_db.rollback();
            return {};
        }
    }
    const bool redrive = definition.maxReceiveCount > 0 && !definition.deadLetterQueue.isEmpty();
    if (redrive) {
        Statement dlq = m_db.prepare(
            "INSERT OR IGNORE INTO local_queues (name, kind, created_ms) VALUES (?, 'SQS', ?)");
        dlq.bind(1, definition.deadLetterQueue).bind(2, now);
        if (!dlq.run()) {
            m_db.rollback();
            return {};
        }
    }
    // FIFO: nothing of a message group while one of its messages is in flight.
    Statement select = m_db.prepare(
        "SELECT " + QByteArray(kMessageColumns) +
        " FROM queue_messages m JOIN local_queues q ON q.name = m.queue "
        "WHERE m.queue = ?1 AND m.visible_ms <= ?2 AND (m.group_id IS NULL OR NOT EXISTS ("
        "SELECT 1 FROM queue_messages o WHERE o.queue = m.queue AND o.group_id = m.group_id "
        "AND o.receipt_handle IS NOT NULL AND o.visible_ms > ?2)) ORDER BY m.id LIMIT ?3");
    Statement moveToDlq = m_db.prepare(
        "UPDATE queue_messages SET queue = ?, receive_count = 0, receipt_handle = NULL, "
        "first_receive_ms = 0, visible_ms = ? WHERE id = ?");
    Statement take = m_db.prepare(
        "UPDATE queue_messages SET receive_count = receive_count + 1, receipt_handle = ?, "
        "first_receive_ms = ?, visible_ms = ? WHERE id = ?");
    for (bool again = true; again && int(out.size()) < max;) {
        again = false;
        std::vector<QueueMessage> candidates;
        select.bind(1, queue).bind(2, now).bind(3, max - int(out.size()));
        while (select.step()) {
            candidates.push_back(messageFrom(select));
        }
        select.reset();
        for (QueueMessage &m : candidates) {
            if (redrive && m.receiveCount >= definition.maxReceiveCount) {
                moveToDlq.bind(1, definition.deadLetterQueue).bind(2, now).bind(3, m.id);
                if (!moveToDlq.run()) {
                    m_db.rollback();
                    return {};
                }
                if (redriven) {
                    ++*redriven;
                }
                again = true; // look for others in its place
                continue;
            }
            m.receiveCount += 1;
            m.receiptHandle = newReceiptHandle();
            m.firstReceiveMs = m.firstReceiveMs > 0 ? m.firstReceiveMs : now;
            m.visibleMs = now + qMax<qint64>(0, visibilityMs);
            take.bind(1, m.receiptHandle)
                .bind(2, m.firstReceiveMs)
                .bind(3, m.visibleMs)
                .bind(4, m.id);
            if (!take.run()) {
                m_db.rollback();
                return {};
            }
            out.push_back(std::move(m));
        }
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return {};
    }
    return out;
}

int AsyncStore::deleteMessages(const QString &queue, const QStringList &receiptHandles)
{
    if (!m_db.begin()) {
        return -1;
    }
    int deleted = 0;
    Statement s = m_db.prepare("DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?");
    for (const QString &handle : receiptHandles) {
        s.bind(1, queue).bind(2, handle);
        if (!s.run()) {
            m_db.rollback();
            return -1;
        }
        deleted += m_db.changes();
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return -1;
    }
    return deleted;
}

std::optional<qint64> AsyncStore::nextVisibleMs(const QString &queue, qint64 afterMs)
{
    Statement s = m_db.prepare(
        "SELECT MIN(visible_ms) FROM queue_messages WHERE queue = ? AND visible_ms > ?");
    s.bind(1, queue).bind(2, afterMs);
    if (s.step() && !s.isNull(0)) {
        return s.integer(0);
    }
    return std::nullopt;
}

int AsyncStore::purge(const QString &queue)
{
    Statement s = m_db.prepare("DELETE FROM queue_messages WHERE queue = ?");
    s.bind(1, queue);
    return s.run() ? m_db.changes() : -1;
}

QString QueueMessage::sequenceNumber() const
{
    return QString::number(id).rightJustified(20, u'0');
}

QString QueueMessage::md5OfBody() const
{
    return QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex());
}

QString QueueMessage::md5OfMessageAttributes() const
{
    if (!attributes.is_object() || attributes.empty()) {
        return {};
    }
    // SQS: for each attribute by name, length-prefixed name, data type, a transport byte
    // (1 string, 2 binary) and the length-prefixed value, MD5 over all (nlohmann sorts keys).
    QByteArray data;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        const nlohmann::json &a = it.value();
        const std::string type =
            a.is_object() ? a.value("DataType", std::string("String")) : "String";
        appendLengthPrefixed(&data, QByteArray::fromStdString(it.key()));
        appendLengthPrefixed(&data, QByteArray::fromStdString(type));
        if (a.is_object() && a.contains("BinaryValue")) {
            data.append(char(2));
            appendLengthPrefixed(&data, QByteArray::fromBase64(QByteArray::fromStdString(
                                            a.value("BinaryValue", std::string()))));
        } else {
            data.append(char(1));
            appendLengthPrefixed(
                &data, QByteArray::fromStdString(
                           a.is_object() ? a.value("StringValue", std::string()) : std::string()));
        }
    }
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}

nlohmann::ordered_json QueueMessage::receiveMessageResponse(const std::vector<QueueMessage> &messages,
                                                            const QString &senderId)
{
    nlohmann::ordered_json out;
    out["Messages"] = nlohmann::ordered_json::array();
    for (const QueueMessage &m : messages) {
        out["Messages"].push_back(m.toReceiveMessageJson(senderId));
    }
    return out;
}

nlohmann::ordered_json QueueMessage::toReceiveMessageJson(const QString &senderId) const
{
    nlohmann::ordered_json j;
    j["MessageId"] = messageId.toStdString();
    if (!receiptHandle.isEmpty()) {
        j["ReceiptHandle"] = receiptHandle.toStdString();
    }
    j["MD5OfBody"] = md5OfBody().toStdString();
    j["Body"] = body.toStdString();
    nlohmann::ordered_json a;
    a["SenderId"] = senderId.toStdString();
    if (firstReceiveMs > 0) {
        a["ApproximateFirstReceiveTimestamp"] = std::to_string(firstReceiveMs);
    }
    a["ApproximateReceiveCount"] = std::to_string(receiveCount);
    a["SentTimestamp"] = std::to_string(sentMs);
    if (!groupId.isEmpty()) { // FIFO
        a["SequenceNumber"] = sequenceNumber().toStdString();
        a["MessageDeduplicationId"] = deduplicationId.toStdString();
        a["MessageGroupId"] = groupId.toStdString();
    }
    j["Attributes"] = a;
    if (attributes.is_object() && !attributes.empty()) {
        j["MD5OfMessageAttributes"] = md5OfMessageAttributes().toStdString();
        j["MessageAttributes"] = nlohmann::ordered_json::parse(attributes.dump());
    }
    return j;
}

} // namespace Lwb
