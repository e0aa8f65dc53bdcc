// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/invocationfacts.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace Lwb {

struct JournalRecord;

/**
 * Pairs InvokeStarted with InvokeFinished records and remembers what each environment said
 * when it was created (log stream, architecture, initialisation type), so that every
 * telemetry consumer sees one InvocationFacts per finished invocation. Reads optional data
 * fields when present (qualifier/alias, architecture, ephemeralStorageMb, initializationType,
 * provisionedConcurrency, reservedConcurrency) and falls back to the function defaults set
 * with setFunctionDefaults(), then to Lambda's defaults. A plain object; not thread-safe.
 */
class LWB_CORE_EXPORT InvocationTracker
{
public:
    /** What a function's configuration says, for records that do not carry it. */
    struct FunctionDefaults
    {
        QString architecture = QStringLiteral("x86_64");
        int ephemeralStorageMb = 512;
        int memoryMb = 128;
        bool reservedConcurrency = false;
        int provisionedConcurrency = 0;
    };

    /** An invocation between its InvokeStarted and InvokeFinished records. */
    struct Running
    {
        QString functionName;
        QString qualifier;
        QString version = QStringLiteral("$LATEST");
        QString environmentId;
        qint64 startUs = 0;
        QString initializationType = QStringLiteral("on-demand");
        bool reservedConcurrency = false;
        int provisionedConcurrency = 0; ///< allocated PC of the function/qualifier; 0 when unknown
        bool spillover = false;         ///< on-demand while PC is configured
    };

    void setFunctionDefaults(const QString &functionName, const FunctionDefaults &defaults);

    /**
     * Takes one record. Returns the facts of the invocation when @p record is its
     * InvokeFinished; nothing otherwise.
     */
    std::optional<InvocationFacts> ingest(const JournalRecord &record);

    /** The running invocation @p requestId, or nullptr (valid until the next ingest()). */
    const Running *running(const QString &requestId) const;
    /** The log stream of an environment; empty when its EnvironmentCreated was not seen. */
    QString logStream(const QString &environmentId) const;
    /** The log stream a LogLine record belongs to (its own, or its environment's). */
    QString logStreamOf(const JournalRecord &record) const;

    /** The qualifiers an invocation's metrics are also published under ("" is always first). */
    static QStringList metricQualifiers(const QString &qualifier, const QString &version);

private:
    struct Environment
    {
        QString logStream;
        QString architecture;
        int ephemeralStorageMb = 0;
        QString initializationType;
        QString version;
        std::optional<int> provisionedConcurrency;
    };

    FunctionDefaults defaults(const QString &functionName) const;

    QHash<QString, FunctionDefaults> m_defaults;
    QHash<QString, Environment> m_environments;
    QHash<QString, Running> m_running;
    QHash<QString, QString> m_requestQualifiers; ///< from RequestReceived, until InvokeStarted
};

} // namespace Lwb
