// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Journal records written exactly as the engine writes them (core/engine/engine.cpp,
// executionenvironment.cpp), at chosen times: for tests of the timeline that need known
// positions, and for the benchmark's 100,000 invocations.

#include "engine/journal.h"

#include <QtCore/QString>

#include <algorithm>
#include <vector>

namespace Lwb::Test {

class TimelineRecords
{
public:
    std::vector<JournalRecord> records;

    /** The records as a journal holds them: by time (written out of order for readability). */
    std::vector<JournalRecord> inTimeOrder() const
    {
        std::vector<JournalRecord> sorted = records;
        std::stable_sort(
            sorted.begin(), sorted.end(),
            [](const JournalRecord &a, const JournalRecord &b) { return a.timeUs < b.timeUs; });
        return sorted;
    }

    JournalRecord &add(JournalKind kind, qint64 timeUs, const QString &function,
                       const QString &environment = {}, const QString &requestId = {},
                       nlohmann::json data = nlohmann::json::object())
    {
        JournalRecord r;
        r.sequence = ++m_sequence;
        r.timeUs = timeUs;
        r.kind = kind;
        r.functionName = function;
        r.environmentId = environment;
        r.requestId = requestId;
        r.data = std::move(data);
        records.push_back(std::move(r));
        return records.back();
    }

    void created(const QString &function, const QString &environment, qint64 timeUs,
                 const QString &version = QStringLiteral("$LATEST"), bool provisioned = false)
    {
        add(JournalKind::EnvironmentCreated, timeUs, function, environment, {},
            {{"version", version.toStdString()}, {"provisioned", provisioned}});
    }

    /** A cold start: created, init, then the invocation; times in microseconds. */
    void coldInvocation(const QString &function, const QString &environment,
                        const QString &requestId, qint64 timeUs, qint64 initUs, qint64 durationUs,
                        const char *status = "success")
    {
        created(function, environment, timeUs);
        add(JournalKind::InitStarted, timeUs, function, environment, requestId,
            {{"phase", "init"}});
        add(JournalKind::InitFinished, timeUs + initUs, function, environment, requestId,
            {{"phase", "init"}, {"durationMs", initUs / 1000.0}, {"status", "success"}});
        invocation(function, environment, requestId, timeUs + initUs, durationUs, true, status);
    }

    /** An invocation on an environment that exists (thawed first when @p thaw). */
    void warmInvocation(const QString &function, const QString &environment,
                        const QString &requestId, qint64 timeUs, qint64 durationUs,
                        const char *status = "success", bool thaw = false)
    {
        if (thaw) {
            add(JournalKind::EnvironmentThawed, timeUs, function, environment, requestId);
        }
        invocation(function, environment, requestId, timeUs, durationUs, false, status);
    }

    void frozen(const QString &function, const QString &environment, qint64 timeUs)
    {
        add(JournalKind::EnvironmentFrozen, timeUs, function, environment);
    }

    void throttled(const QString &function, const QString &requestId, qint64 timeUs,
                   const char *reason = "ReservedFunctionConcurrentInvocationLimitExceeded")
    {
        add(JournalKind::RequestThrottled, timeUs, function, {}, requestId,
            {{"reason", reason}, {"source", "gui"}});
    }

    void destroyed(const QString &function, const QString &environment, qint64 timeUs,
                   const char *reason = "idle")
    {
        add(JournalKind::EnvironmentDestroyed, timeUs, function, environment, {},
            {{"reason", reason}});
    }

private:
    void invocation(const QString &function, const QString &environment, const QString &requestId,
                    qint64 timeUs, qint64 durationUs, bool cold, const char *status)
    {
        add(JournalKind::InvokeStarted, timeUs, function, environment, requestId,
            {{"coldStart", cold},
             {"version", "$LATEST"},
             {"qualifier", ""},
             {"initializationType", "on-demand"}});
        add(JournalKind::InvokeFinished, timeUs + durationUs, function, environment, requestId,
            {{"status", status},
             {"errorType", std::string(status) == "success" ? "" : "Runtime.Unhandled"},
             {"durationMs", durationUs / 1000.0},
             {"coldStart", cold}});
    }

    quint64 m_sequence = 0;
};

} // namespace Lwb::Test
