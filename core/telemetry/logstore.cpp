// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logstore.h"

#include "journalfields.h"

#include "engine/journal.h"
#include "telemetry/logfilterpattern.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

QString LogStore::logGroupName(const QString &functionName)
{
    return u"/aws/lambda/"_s + functionName;
}

LogEvent logEventFromRecord(const JournalRecord &record, const QString &logStream)
{
    LogEvent e;
    e.functionName = record.functionName;
    e.logStream = logStream;
    e.timeUs = record.timeUs;
    e.requestId = record.requestId;
    e.platform = JournalFields::boolean(record.data, "platform").value_or(false);
    e.message = JournalFields::string(record.data, "message");
    return e;
}

std::optional<LogEvent> LogStore::ingest(const JournalRecord &record)
{
    m_tracker.ingest(record);
    if (record.kind == JournalKind::EnvironmentCreated) {
        // The console lists a stream as soon as its environment exists.
        const QString stream = m_tracker.logStream(record.environmentId);
        if (!stream.isEmpty()) {
            LogStreamInfo &info = m_streams[record.functionName][stream];
            if (info.name.isEmpty()) {
                info.functionName = record.functionName;
                info.name = stream;
                info.environmentId = record.environmentId;
                info.firstEventUs = record.timeUs;
                info.lastEventUs = record.timeUs;
            }
        }
        return std::nullopt;
    }
    if (record.kind != JournalKind::LogLine) {
        return std::nullopt;
    }
    LogEvent e = logEventFromRecord(record, m_tracker.logStreamOf(record));
    e.id = m_nextId;
    addEvent(e);
    LogStreamInfo &info = m_streams[e.functionName][e.logStream];
    if (info.environmentId.isEmpty()) {
        info.environmentId = record.environmentId;
    }
    return e;
}

void LogStore::addEvent(const LogEvent &event)
{
    m_nextId = std::max(m_nextId, event.id) + 1;
    LogStreamInfo &info = m_streams[event.functionName][event.logStream];
    if (info.name.isEmpty()) {
        info.functionName = event.functionName;
        info.name = event.logStream;
        info.firstEventUs = event.timeUs;
        info.lastEventUs = event.timeUs;
    }
    info.firstEventUs = std::min(info.firstEventUs, event.timeUs);
    info.lastEventUs = std::max(info.lastEventUs, event.timeUs);
    ++info.eventCount;
    m_events.push_back(event);
    while (m_events.size() > m_maxEvents) {
        m_events.pop_front();
    }
}

QStringList LogStore::functions() const
{
    QStringList names = m_streams.keys();
    names.sort();
    return names;
}

std::vector<LogStreamInfo> LogStore::streams(const QString &functionName) const
{
    std::vector<LogStreamInfo> result;
    const auto it = m_streams.constFind(functionName);
    if (it == m_streams.cend()) {
        return result;
    }
    for (const LogStreamInfo &info : *it) {
        result.push_back(info);
    }
    std::sort(result.begin(), result.end(), [](const LogStreamInfo &a, const LogStreamInfo &b) {
        return a.lastEventUs != b.lastEventUs ? a.lastEventUs > b.lastEventUs : a.name > b.name;
    });
    return result;
}

std::vector<LogEvent> LogStore::events(const LogQuery &query) const
{
    const LogFilterPattern pattern(query.filterPattern);
    std::vector<LogEvent> result;
    for (const LogEvent &e : m_events) {
        if (e.id <= query.afterId
            || (!query.functionName.isEmpty() && e.functionName != query.functionName)
            || (!query.logStream.isEmpty() && e.logStream != query.logStream)
            || (query.startMs > 0 && e.timeUs < query.startMs * 1000)
            || (query.endMs > 0 && e.timeUs >= query.endMs * 1000) || !pattern.matches(e.message)) {
            continue;
        }
        result.push_back(e);
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const LogEvent &a, const LogEvent &b) { return a.timeUs < b.timeUs; });
    if (query.limit > 0 && result.size() > size_t(query.limit)) {
        result.erase(result.begin(), result.end() - query.limit);
    }
    return result;
}

} // namespace Lwb
