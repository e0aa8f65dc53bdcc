// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "engine/runtimecatalogue.h"
#include "model/functionconfig.h"
#include "model/invocation.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Lwb {

class Journal;
class StepGate;
enum class JournalKind;
class RuntimeApiServer;
class Sandbox;
class ForkServerPool;
struct SandboxSpec;

/** What an execution environment is made from. A plain value type. */
struct LWB_CORE_EXPORT EnvironmentSpec
{
    FunctionConfig function;
    RuntimeInfo runtime;
    QString version = QStringLiteral("$LATEST");
    QString runtimesDir;                ///< host folder bound at /var/runtime
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
    int initTimeoutMs = 10000;          ///< Lambda's on-demand init limit
    bool provisioned = false;           ///< initialised ahead of traffic (provisioned concurrency)
    QString qualifier;                  ///< the alias it was provisioned for, if any
    ForkServerPool *forkServers = nullptr; ///< where forkable runtimes are forked from (not owned)
};

/**
 * One Lambda execution environment: a sandboxed runtime process and the Runtime API it talks
 * to. It runs one invocation at a time; cold start = sandbox + runtime init; between
 * invocations its processes are frozen. A timeout, a crash or an out-of-memory kill ends it
 * (the engine starts a new one for the next invocation). Every transition is written to the
 * Journal. Owned by the engine; lives on the engine's thread.
 */
class LWB_CORE_EXPORT ExecutionEnvironment : public QObject
{
    Q_OBJECT

public:
    enum class State { Created, Initializing, Idle, Busy, Dead };
    using Completion = std::function<void(const InvokeResult &)>;

    /** @p gate (optional, not owned) holds the environment's own transitions while paused. */
    ExecutionEnvironment(const EnvironmentSpec &spec, Journal *journal, StepGate *gate = nullptr,
                         QObject *parent = nullptr);
    ~ExecutionEnvironment() override;

    QString id() const { return m_id; }
    State state() const { return m_state; }
    const EnvironmentSpec &spec() const { return m_spec; }
    QString logStreamName() const { return m_logStream; }
    qint64 runtimePid() const;
    int invocationCount() const { return m_invocations; }

    /** Runs @p request (initialising first when cold); @p done is called exactly once. */
    void invoke(const InvokeRequest &request, Completion done);

    /** Initialises now, ahead of traffic (provisioned concurrency); becameIdle() follows. */
    void prewarm();

    bool isProvisioned() const { return m_spec.provisioned; }
    QString version() const { return m_spec.version; }

    /** Ends the environment now (idle reaping, shutdown, code change). */
    void shutdown(const QString &reason);

    /** The environment variables the runtime sees (built once per environment). */
    QMap<QString, QString> runtimeEnvironment() const;
    /// The Runtime API's Unix-socket folder, for runtimes whose client uses it; else empty.
    QString runtimeApiSocketDir() const;
    /** What the sandbox is started with. */
    SandboxSpec sandboxSpec() const;
    /** Starts the fork server this environment would be forked from (ahead of traffic). */
    void prepareForkServer();

    /**
     * The InvalidParameterValueException message for the reserved keys among @p variables
     * (FunctionLimits::reservedVariables()), or empty.
     */
    static QString reservedVariablesError(const QMap<QString, QString> &variables);

Q_SIGNALS:
    /** The environment finished an invocation and waits, frozen, for the next one. */
    void becameIdle();
    /** The environment is gone (it must not be used again). */
    void died(const QString &reason);

private:
    enum class InitPhase { Init, Invoke };

    void startInit(InitPhase phase);
    QString findBootstrap() const;
    void onRuntimeReady();
    void onInitError(const QByteArray &errorType, const QByteArray &body);
    void onInitTimeout();
    void onInvocationResult(const QString &requestId, const QByteArray &body,
                            const QByteArray &contentType, const QByteArray &errorType, bool isError);
    void onSandboxFinished(int exitCode, const QString &exitDescription);
    void onInvokeTimeout();

    void initFailed(const QString &status, const QString &errorType, const QByteArray &errorBody);
    void beginInvocation();
    void scheduleFreeze();
    void finishInvocation(InvokeStatus status, const QString &reportErrorType);
    void drainOutput(bool flushPartial);
    void appendLog(const QByteArray &line, bool platform);
    void killSandbox();
    void setState(State state);
    int maxMemoryUsedMb() const;
    void journal(JournalKind kind, nlohmann::json data = nlohmann::json::object());

    EnvironmentSpec m_spec;
    void gated(const QString &what, std::function<void()> action);

    Journal *m_journal;
    StepGate *m_gate;
    QString m_id;
    QString m_logStream;
    State m_state = State::Created;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<RuntimeApiServer> m_runtimeApi;
    QTimer m_initTimer;
    QTimer m_invokeTimer;
    QTimer m_freezeTimer;
    QElapsedTimer m_initClock;
    QElapsedTimer m_invokeClock;
    QElapsedTimer m_frozenClock;  ///< since the last freeze
    bool m_inDemand = false;      ///< thawed soon after its last freeze: freezes later
    InitPhase m_initPhase = InitPhase::Init;
    std::optional<double> m_initDurationMs;     ///< reported on the first invocation only
    qint64 m_peakMemoryBytes = 0;
    int m_invocations = 0;

    // The invocation in flight.
    struct Pending
    {
        InvokeRequest request;
        Completion done;
        InvokeResult result;
        bool haveResult = false;
        bool started = false;
        double deadlineBudgetMs = 0;
        QByteArray initErrorBody;
        QString initErrorType;
    };
    std::optional<Pending> m_pending;
    QByteArray m_partialLine;
    QByteArray m_initLog;                        ///< INIT lines, prepended to the first result's log
};

} // namespace Lwb
