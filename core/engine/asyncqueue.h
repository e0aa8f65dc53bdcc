// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "model/invocation.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <memory>

class QTimer;

namespace Lwb {

class AsyncStore;
struct AsyncEvent;
class Engine;
enum class JournalKind;

/**
 * Lambda's internal queue for asynchronous (Event) invocations, persistent: installed as the
 * Engine's async sink, it stores each accepted event in a SQLite file (committed before the
 * caller gets 202), delivers it through Engine::invoke() as RequestResponse with source
 * "async" and the same requestId on every attempt, retries as Lambda does (function errors
 * after ~1 and ~2 min up to MaximumRetryAttempts; throttles and system errors with
 * exponential backoff from 1 s to 5 min until MaximumEventAgeInSeconds), and finally writes
 * the invocation record to the OnSuccess/OnFailure destination or the original event to the
 * DLQ. Every delay it generates, and the maximum event age, go through TimeScale.
 *
 * An event leaves the store only once its final outcome is committed; events in flight when
 * the process dies are delivered again by the next AsyncQueue on the same file (at least once).
 *
 * Lives on the engine's thread; call it only from there. It may be destroyed before or after
 * the engine (it uninstalls its sink; events still in flight are delivered again next time).
 * Owned by its parent (the engine is a natural one).
 */
class LWB_CORE_EXPORT AsyncQueue : public QObject
{
    Q_OBJECT

public:
    /** Async invoke payload limit: 1 MB (Invoke API, InvocationType Event). */
    static constexpr qsizetype kMaxPayloadBytes = 1048576;

    /**
     * Opens @p storePath (AsyncStore::pathForTemplate() of the project) and, when that works,
     * installs the sink on @p engine and resumes the pending events on the next event-loop
     * turn (so the engine's functions may still be set right after construction).
     */
    AsyncQueue(Engine *engine, const QString &storePath, QObject *parent = nullptr);
    ~AsyncQueue() override;

    bool isOpen() const;
    QString errorString() const { return m_error; }
    QString storePath() const;

    /**
     * Stops delivering: nothing more is handed to the engine, and results still arriving
     * (environments being shut down) are ignored — those events stay in flight in the store
     * and the next AsyncQueue on the file delivers them again, without using up a retry.
     * Events are still accepted and stored. Called on QCoreApplication::aboutToQuit and by
     * the destructor; call it before Engine::shutdownAll() when tearing down by hand.
     */
    void stop();
    bool isStopped() const { return m_stopped; }

    /** The sink: validate, store durably, answer 202 or a service error. */
    InvokeResult enqueue(const InvokeRequest &request);

    /** Events accepted and not yet finished (in the store), of one function or all. */
    qint64 pendingCount(const QString &functionName = {}) const;
    /** Events currently handed to the engine. */
    int inFlightCount() const { return m_inFlightTotal; }

    /**
     * At most this many events of one function are handed to the engine at once (besides
     * ReservedConcurrentExecutions, when set). Default 100.
     */
    void setMaxInFlightPerFunction(int count) { m_maxInFlightPerFunction = qMax(1, count); }

    /**
     * The invocation record Lambda sends to destinations, keys in Lambda's order. @p last is
     * the last attempt's response as the queue keeps it ({statusCode, executedVersion,
     * functionError, payload}); null when the function never answered.
     */
    static nlohmann::ordered_json invocationRecord(const AsyncEvent &event,
                                                   const QString &functionArn,
                                                   const QString &condition,
                                                   int approximateInvokeCount,
                                                   const nlohmann::json &last);

Q_SIGNALS:
    /**
     * An event reached its final state: @p outcome is "Success", "RetriesExhausted",
     * "EventAgeExceeded" or "ZeroReservedConcurrency" — after its destination (if any) was
     * written or failed.
     */
    void eventFinished(const QString &requestId, const QString &outcome);

private:
    void resume();
    void schedulePump(qint64 delayMs = 0);
    void pump();
    void dispatch(AsyncEvent &event);
    void finishAttempt(qint64 id, const QString &functionName, const InvokeResult &result);
    void fail(AsyncEvent &event, const FunctionConfig *function, const QString &condition,
              const QString &reason);
    void succeed(AsyncEvent &event, const FunctionConfig *function);
    void deliverOutcome(const AsyncEvent &event);
    void destinationDone(const AsyncEvent &event, const QString &error);
    void retryLater(AsyncEvent &event, qint64 delayMs, const QString &cause);
    QString functionArn(const AsyncEvent &event, const FunctionConfig *function) const;
    void journal(JournalKind kind, const AsyncEvent &event, nlohmann::json data);

    QPointer<Engine> m_engine;
    std::unique_ptr<AsyncStore> m_store;
    QString m_error;
    QTimer *m_timer = nullptr;
    QHash<QString, int> m_inFlight; ///< by function name as stored
    int m_inFlightTotal = 0;
    int m_maxInFlightPerFunction = 100;
    bool m_stopped = false;
};

} // namespace Lwb
