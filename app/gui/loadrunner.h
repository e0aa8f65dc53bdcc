// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/invocation.h"

#include <QtCore/QHash>
#include <QtCore/QObject>

#include <deque>
#include <optional>

namespace Lwb {

class EngineHost;

/**
 * The GUI's minimal ways to make work: one invocation, or a load of N requests keeping C in
 * flight. Remembers the event and the outcome of the most recent invocations it made, so that
 * a click on one in the visualiser can show them. GUI thread.
 */
class LoadRunner : public QObject
{
    Q_OBJECT

public:
    /** One request this runner made and, once finished, what it returned. */
    struct Exchange
    {
        InvokeRequest request;
        std::optional<InvokeResult> result;
    };

    explicit LoadRunner(EngineHost *host, QObject *parent = nullptr);

    /** Invokes @p functionName once with @p payload; returns the request id. */
    QString invoke(const QString &functionName, const QByteArray &payload);
    /** Sends @p requests requests, at most @p concurrency at a time; a running load is replaced. */
    void runLoad(const QString &functionName, const QByteArray &payload, int requests,
                 int concurrency);
    /** Sends no more requests of the load (those in flight finish). */
    void cancel();

    bool isRunning() const { return m_remaining > 0 || m_inFlight > 0; }
    int completed() const { return m_completed; }
    int throttled() const { return m_throttled; }
    int failed() const { return m_failed; }

    /** The request @p requestId this runner made, if it still remembers it. */
    const Exchange *exchange(const QString &requestId) const;
    /** How many exchanges are remembered (the oldest are forgotten beyond). */
    static constexpr int kRemembered = 10000;

Q_SIGNALS:
    void progress(int completed, int total);
    void loadFinished();

private:
    void sendMore();
    void finished(const InvokeRequest &request, const InvokeResult &result);
    QString send(const QString &functionName, const QByteArray &payload);

    EngineHost *m_host;
    QHash<QString, Exchange> m_exchanges;
    std::deque<QString> m_order;
    QHash<QString, bool> m_loadRequests; ///< requests of the running load, in flight
    QString m_function;
    QByteArray m_payload;
    int m_total = 0;
    int m_remaining = 0;
    int m_inFlight = 0;
    int m_concurrency = 1;
    int m_completed = 0;
    int m_throttled = 0;
    int m_failed = 0;
};

} // namespace Lwb
