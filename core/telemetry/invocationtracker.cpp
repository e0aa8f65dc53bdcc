// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invocationtracker.h"

#include "engine/journal.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString stringField(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_string()) {
        return QString::fromStdString(it->get<std::string>());
    }
    return {};
}

std::optional<double> numberField(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_number()) {
        return it->get<double>();
    }
    return std::nullopt;
}

std::optional<bool> boolField(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_boolean()) {
        return it->get<bool>();
    }
    return std::nullopt;
}

/** The alias or version the caller named: "qualifier", else "alias". */
QString qualifierField(const nlohmann::json &data)
{
    QString q = stringField(data, "qualifier");
    if (q.isEmpty()) {
        q = stringField(data, "alias");
    }
    return q == u"$LATEST"_s ? QString() : q;
}

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
    const QString own = stringField(record.data, "logStream");
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
        env.logStream = stringField(data, "logStream");
        env.architecture = stringField(data, "architecture");
        env.ephemeralStorageMb = int(numberField(data, "ephemeralStorageMb").value_or(0));
        env.initializationType = stringField(data, "initializationType");
        env.version = stringField(data, "version");
        if (const auto pc = numberField(data, "provisionedConcurrency")) {
            env.provisionedConcurrency = int(*pc);
        }
        return std::nullopt;
    }
    case JournalKind::EnvironmentDestroyed:
        m_environments.remove(record.environmentId);
        return std::nullopt;
    case JournalKind::RequestReceived: {
        const QString q = qualifierField(data);
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
        r.qualifier = qualifierField(data);
        if (r.qualifier.isEmpty()) {
            r.qualifier = m_requestQualifiers.value(record.requestId);
        }
        m_requestQualifiers.remove(record.requestId);
        r.version = stringField(data, "version");
        if (r.version.isEmpty()) {
            r.version = env.version.isEmpty() ? u"$LATEST"_s : env.version;
        }
        r.initializationType = stringField(data, "initializationType");
        if (r.initializationType.isEmpty()) {
            r.initializationType = env.initializationType.isEmpty() ? u"on-demand"_s
                                                                    : env.initializationType;
        }
        r.reservedConcurrency = def.reservedConcurrency;
        if (data.contains("reservedConcurrency")) {
            r.reservedConcurrency = !data["reservedConcurrency"].is_null();
        }
        r.provisionedConcurrency = int(numberField(data, "provisionedConcurrency")
                                           .value_or(env.provisionedConcurrency.value_or(
                                               def.provisionedConcurrency)));
        r.spillover = boolField(data, "spillover")
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
        f.status = stringField(data, "status");
        if (f.status.isEmpty()) {
            f.status = u"success"_s;
        }
        f.errorType = stringField(data, "errorType");
        f.durationMs = numberField(data, "durationMs").value_or(0);
        // 1 ms billing, rounded up, when the record does not say.
        f.billedDurationMs = qint64(numberField(data, "billedDurationMs")
                                        .value_or(std::ceil(f.durationMs
                                                            + numberField(data, "initDurationMs").value_or(0))));
        f.memorySizeMb = int(numberField(data, "memorySizeMb").value_or(def.memoryMb));
        f.maxMemoryUsedMb = int(numberField(data, "maxMemoryUsedMb").value_or(0));
        f.initDurationMs = numberField(data, "initDurationMs");
        f.coldStart = boolField(data, "coldStart").value_or(f.initDurationMs.has_value());
        f.architecture = stringField(data, "architecture");
        if (f.architecture.isEmpty()) {
            f.architecture = env.architecture.isEmpty() ? def.architecture : env.architecture;
        }
        f.ephemeralStorageMb = int(numberField(data, "ephemeralStorageMb")
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
            f.qualifier = qualifierField(data);
            const QString version = stringField(data, "version");
            if (!version.isEmpty()) {
                f.version = version;
            }
        }
        const QString q = qualifierField(data);
        if (!q.isEmpty()) {
            f.qualifier = q;
        }
        const QString initType = stringField(data, "initializationType");
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
