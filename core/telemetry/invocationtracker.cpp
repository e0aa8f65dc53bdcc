// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invocationtracker.h"

#include "journalfields.h"

#include "engine/journal.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

// Pending qualifiers of requests that never start (throttled, dropped) must not pile up.
constexpr qsizetype kMaxPendingQualifiers = 100000;

} // namespace

void InvocationTracker::setFunctionDefaults(const QString &functionName, const FunctionDefaults &defaults)
{
    m_defaults.insert(functionName, defaults);
}

InvocationTracker::FunctionDefaults InvocationTracker::defaults(const QString &functionName) const
{
    return m_defaults.value(functionName);
}

QStringList InvocationTracker::metricQualifiers(const QString &qualifier, const QString &version)
{
    QStringList result{QString()};
    if (!qualifier.isEmpty() && qualifier != u"$LATEST"_s) {
        result << qualifier;
    }
    if (!version.isEmpty() && version != u"$LATEST"_s && version != qualifier) {
        result << version;
    }
    return result;
}

const InvocationTracker::Running *InvocationTracker::running(const QString &requestId) const
{
    const auto it = m_running.constFind(requestId);
    return it == m_running.cend() ? nullptr : &it.value();
}

QString InvocationTracker::logStream(const QString &environmentId) const
{
    const auto it = m_environments.constFind(environmentId);
    return it == m_environments.cend() ? QString() : it->logStream;
}

QString InvocationTracker::logStreamOf(const JournalRecord &record) const
{
    const QString own = JournalFields::string(record.data, "logStream");
    if (!own.isEmpty()) {
        return own;
    }
    const QString known = logStream(record.environmentId);
    // Lines of an environment created before we attached still get a stream of their own.
    return known.isEmpty() ? record.environmentId : known;
}

std::optional<InvocationFacts> InvocationTracker::ingest(const JournalRecord &record)
{
    const nlohmann::json &data = record.data;
    switch (record.kind) {
    case JournalKind::EnvironmentCreated: {
        Environment &env = m_environments[record.environmentId];
        env.logStream = JournalFields::string(data, "logStream");
        env.architecture = JournalFields::string(data, "architecture");
        env.ephemeralStorageMb = int(JournalFields::number(data, "ephemeralStorageMb").value_or(0));
        env.initializationType = JournalFields::string(data, "initializationType");
        env.version = JournalFields::string(data, "version");
        if (const auto pc = JournalFields::number(data, "provisionedConcurrency")) {
            env.provisionedConcurrency = int(*pc);
        }
        return std::nullopt;
    }
    case JournalKind::EnvironmentDestroyed:
        m_environments.remove(record.environmentId);
        return std::nullopt;
    case JournalKind::RequestReceived: {
        const QString q = JournalFields::qualifier(data);
        if (!q.isEmpty() && !record.requestId.isEmpty()) {
            if (m_requestQualifiers.size() > kMaxPendingQualifiers) {
                m_requestQualifiers.clear();
            }
            m_requestQualifiers.insert(record.requestId, q);
        }
        return std::nullopt;
    }
    case JournalKind::RequestThrottled:
        m_requestQualifiers.remove(record.requestId);
        return std::nullopt;
    case JournalKind::InvokeStarted: {
        const FunctionDefaults def = defaults(record.functionName);
        const Environment env = m_environments.value(record.environmentId);
        Running r;
        r.functionName = record.functionName;
        r.environmentId = record.environmentId;
        r.startUs = record.timeUs;
        r.qualifier = JournalFields::qualifier(data);
        if (r.qualifier.isEmpty()) {
            r.qualifier = m_requestQualifiers.value(record.requestId);
        }
        m_requestQualifiers.remove(record.requestId);
        r.version = JournalFields::string(data, "version");
        if (r.version.isEmpty()) {
            r.version = env.version.isEmpty() ? u"$LATEST"_s : env.version;
        }
        r.initializationType = JournalFields::string(data, "initializationType");
        if (r.initializationType.isEmpty()) {
            r.initializationType = env.initializationType.isEmpty() ? u"on-demand"_s
                                                                    : env.initializationType;
        }
        r.reservedConcurrency = def.reservedConcurrency;
        if (data.contains("reservedConcurrency")) {
            r.reservedConcurrency = !data["reservedConcurrency"].is_null();
        }
        r.provisionedConcurrency = int(JournalFields::number(data, "provisionedConcurrency")
                                           .value_or(env.provisionedConcurrency.value_or(
                                               def.provisionedConcurrency)));
        r.spillover = JournalFields::boolean(data, "spillover")
                          .value_or(r.provisionedConcurrency > 0
                                    && r.initializationType != u"provisioned-concurrency"_s);
        m_running.insert(record.requestId, r);
        return std::nullopt;
    }
    case JournalKind::InvokeFinished: {
        const FunctionDefaults def = defaults(record.functionName);
        const Environment env = m_environments.value(record.environmentId);
        InvocationFacts f;
        f.requestId = record.requestId;
        f.functionName = record.functionName;
        f.environmentId = record.environmentId;
        f.logStream = logStreamOf(record);
        f.endUs = record.timeUs;
        f.status = JournalFields::string(data, "status");
        if (f.status.isEmpty()) {
            f.status = u"success"_s;
        }
        f.errorType = JournalFields::string(data, "errorType");
        f.durationMs = JournalFields::number(data, "durationMs").value_or(0);
        // 1 ms billing, rounded up, when the record does not say.
        f.billedDurationMs = qint64(JournalFields::number(data, "billedDurationMs")
                                        .value_or(std::ceil(f.durationMs
                                                            + JournalFields::number(data, "initDurationMs").value_or(0))));
        f.memorySizeMb = int(JournalFields::number(data, "memorySizeMb").value_or(def.memoryMb));
        f.maxMemoryUsedMb = int(JournalFields::number(data, "maxMemoryUsedMb").value_or(0));
        f.initDurationMs = JournalFields::number(data, "initDurationMs");
        f.coldStart = JournalFields::boolean(data, "coldStart").value_or(f.initDurationMs.has_value());
        f.architecture = JournalFields::string(data, "architecture");
        if (f.architecture.isEmpty()) {
            f.architecture = env.architecture.isEmpty() ? def.architecture : env.architecture;
        }
        f.ephemeralStorageMb = int(JournalFields::number(data, "ephemeralStorageMb")
                                       .value_or(env.ephemeralStorageMb > 0 ? env.ephemeralStorageMb
                                                                            : def.ephemeralStorageMb));
        const auto it = m_running.find(record.requestId);
        if (it != m_running.end()) {
            f.startUs = it->startUs;
            f.qualifier = it->qualifier;
            f.version = it->version;
            f.initializationType = it->initializationType;
            m_running.erase(it);
        } else {
            f.startUs = f.endUs - qint64(f.durationMs * 1000);
            f.qualifier = JournalFields::qualifier(data);
            const QString version = JournalFields::string(data, "version");
            if (!version.isEmpty()) {
                f.version = version;
            }
        }
        const QString q = JournalFields::qualifier(data);
        if (!q.isEmpty()) {
            f.qualifier = q;
        }
        const QString initType = JournalFields::string(data, "initializationType");
        if (!initType.isEmpty()) {
            f.initializationType = initType;
        }
        return f;
    }
    default:
        return std::nullopt;
    }
}

} // namespace Lwb
