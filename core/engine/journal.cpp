// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal.h"

#include <QtCore/QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

QString journalKindName(JournalKind kind)
{
    switch (kind) {
    case JournalKind::RequestReceived: return u"RequestReceived"_s;
    case JournalKind::EnvironmentCreated: return u"EnvironmentCreated"_s;
    case JournalKind::InitStarted: return u"InitStarted"_s;
    case JournalKind::InitFinished: return u"InitFinished"_s;
    case JournalKind::InvokeStarted: return u"InvokeStarted"_s;
    case JournalKind::InvokeFinished: return u"InvokeFinished"_s;
    case JournalKind::EnvironmentFrozen: return u"EnvironmentFrozen"_s;
    case JournalKind::EnvironmentThawed: return u"EnvironmentThawed"_s;
    case JournalKind::EnvironmentDestroyed: return u"EnvironmentDestroyed"_s;
    case JournalKind::LogLine: return u"LogLine"_s;
    case JournalKind::Warning: return u"Warning"_s;
    case JournalKind::RequestThrottled: return u"RequestThrottled"_s;
    case JournalKind::RequestQueued: return u"RequestQueued"_s;
    case JournalKind::AsyncEventQueued: return u"AsyncEventQueued"_s;
    case JournalKind::AsyncRetryScheduled: return u"AsyncRetryScheduled"_s;
    case JournalKind::AsyncEventDropped: return u"AsyncEventDropped"_s;
    case JournalKind::DestinationDelivered: return u"DestinationDelivered"_s;
    case JournalKind::DestinationFailed: return u"DestinationFailed"_s;
    }
    return {};
}

Journal::Journal(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Lwb::JournalRecord>();
}

qint64 Journal::nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

quint64 Journal::append(JournalRecord record)
{
    const quint64 sequence = m_nextSequence++;
    record.sequence = sequence;
    if (record.timeUs == 0) {
        record.timeUs = nowUs();
    }
    if (m_capacity == 0) {
        // Nothing is kept: the record dies right after its observers saw it, still in cache.
        Q_EMIT recordAppended(record);
        return sequence;
    }
    m_records.push_back(std::move(record));
    while (m_records.size() > m_capacity) {
        m_records.pop_front();
    }
    Q_EMIT recordAppended(m_records.back());
    return sequence;
}

std::vector<JournalRecord> Journal::records() const
{
    return {m_records.begin(), m_records.end()};
}

std::vector<JournalRecord> Journal::recordsSince(quint64 sequence) const
{
    auto it = std::partition_point(m_records.begin(), m_records.end(),
                                   [sequence](const JournalRecord &r) { return r.sequence <= sequence; });
    return {it, m_records.end()};
}

void Journal::setCapacity(std::size_t capacity)
{
    m_capacity = capacity;
    while (m_records.size() > m_capacity) {
        m_records.pop_front();
    }
}

} // namespace Lwb
