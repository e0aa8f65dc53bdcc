// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/localstack.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "model/functionconfig.h"
#include "model/invocation.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <vector>

class QThread;

namespace Lwb {

/**
 * Runs the opened project's Engine on a thread of its own — the one place the GUI makes an
 * engine — and is the GUI's only way to it: requests, the step gate and the journal all pass
 * through here as queued calls, and what comes back arrives as signals on this object's
 * (the GUI) thread. Journal records come in batches at most every 16 ms, so that a load of
 * thousands of records a second costs the GUI a handful of events. GUI thread.
 */
class EngineHost : public QObject
{
    Q_OBJECT

public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    /**
     * Ends any running engine and starts one for @p functions of the project whose template
     * is @p templatePath, with what `lwb local start` runs: the extensions every host attaches
     * (async queue, telemetry, the plugins' event sources) and the services of services()
     * (the Lambda API on 3001 and the HTTP API on 3000, or free ports when those are taken).
     * servicesStarted() says where they listen.
     */
    void start(const std::vector<FunctionConfig> &functions, const QString &templatePath,
               const EngineOptions &options = {});
    /** Shuts every environment down and ends the engine's thread; waits for it. */
    void stop();
    bool isRunning() const { return m_engine != nullptr; }
    /** What the next start() serves; by default everything, falling back to free ports. */
    const LocalStackSettings &services() const { return m_services; }
    void setServices(const LocalStackSettings &services) { m_services = services; }
    /** Where the running engine's HTTP API and Lambda API listen; empty when they do not. */
    QString apiUrl() const { return m_apiUrl; }
    QString lambdaUrl() const { return m_lambdaUrl; }
    const EngineOptions &options() const { return m_options; }
    const std::vector<FunctionConfig> &functions() const { return m_functions; }

    /**
     * Runs @p request (its requestId is made here when empty, and returned); the outcome
     * comes as invocationFinished().
     */
    QString invoke(InvokeRequest request);

    void pause();
    void step();
    void resume();
    bool isPaused() const { return m_paused; }
    int waiting() const { return m_waiting; }
    QString next() const { return m_next; }

Q_SIGNALS:
    void recordsAppended(const std::vector<Lwb::JournalRecord> &records);
    void invocationFinished(const Lwb::InvokeRequest &request, const Lwb::InvokeResult &result);
    /** The step gate paused or resumed, or what waits at it changed. */
    void stepGateChanged(bool paused, int waiting, const QString &next);
    void warningRaised(const QString &message);
    /** The engine's services are up (@p error empty) or could not all start. */
    void servicesStarted(const QString &apiUrl, const QString &lambdaUrl, const QString &error);

private:
    static LocalStackSettings defaultServices();
    void setUp(Engine *engine, const std::vector<FunctionConfig> &functions,
               const QString &templatePath, const LocalStackSettings &services);

    QThread *m_thread = nullptr;
    Engine *m_engine = nullptr; ///< lives on m_thread
    EngineOptions m_options;
    LocalStackSettings m_services = defaultServices();
    QString m_apiUrl;
    QString m_lambdaUrl;
    std::vector<FunctionConfig> m_functions;
    bool m_paused = false;
    int m_waiting = 0;
    QString m_next;
};

} // namespace Lwb
