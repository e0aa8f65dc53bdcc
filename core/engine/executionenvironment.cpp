// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "executionenvironment.h"

#include "auth/functionidentity.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "model/jsonobject.h"
#include "engine/platformlog.h"
#include "engine/stepgate.h"
#include "model/functionlimits.h"
#include "runtime/runtimeapiserver.h"
#include "sandbox/forkserver.h"
#include "sandbox/sandbox.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kFreezeDelayMs = 10;
// An environment thawed again within kInDemandMs of its freeze is in demand: its next
// freeze waits kInDemandFreezeDelayMs (see scheduleFreeze()).
constexpr int kInDemandMs = 1000;
constexpr int kInDemandFreezeDelayMs = 250;
// Where the Runtime API's Unix-domain socket folder appears inside the sandbox.
QString runtimeApiSocketMount()
{
    return u"/var/runtime-api"_s;
}

QString replacePlaceholders(QString value, const QString &runtimeDir, const QString &taskRoot,
                            int memoryMb)
{
    value.replace(u"${runtimeDir}"_s, runtimeDir);
    value.replace(u"${taskRoot}"_s, taskRoot);
    // Lambda's Node.js bootstrap sizes V8's heap from the function's memory: a tenth for the
    // new space (two semi-spaces), the rest for the old space. A 128 MB function runs out of
    // JavaScript heap near 116 MB as it does there, not at the host's default limit.
    const int newSpaceMb = memoryMb / 10;
    value.replace(u"${nodeSemiSpaceMb}"_s, QString::number(std::max(1, newSpaceMb / 2)));
    value.replace(u"${nodeOldSpaceMb}"_s, QString::number(std::max(1, memoryMb - newSpaceMb)));
    return value;
}

} // namespace

ExecutionEnvironment::ExecutionEnvironment(const EnvironmentSpec &spec, Journal *journal,
                                           StepGate *gate, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_journal(journal)
    , m_gate(gate)
    , m_id(Ids::environmentId())
{
    m_logStream = PlatformLog::logStreamName(m_spec.version, m_id,
                                             QDateTime::currentMSecsSinceEpoch());
    m_initTimer.setSingleShot(true);
    m_invokeTimer.setSingleShot(true);
    m_invokeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_initTimer, &QTimer::timeout, this, &ExecutionEnvironment::onInitTimeout);
    connect(&m_invokeTimer, &QTimer::timeout, this, &ExecutionEnvironment::onInvokeTimeout);
    m_freezeTimer.setSingleShot(true);
    m_freezeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_freezeTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Idle && m_sandbox && !m_sandbox->isFrozen()) {
            m_sandbox->freeze();
            m_frozenClock.start();
            this->journal(JournalKind::EnvironmentFrozen);
        }
    });
}

ExecutionEnvironment::~ExecutionEnvironment()
{
    killSandbox();
}

qint64 ExecutionEnvironment::runtimePid() const
{
    return m_sandbox ? m_sandbox->pid() : 0;
}

QString ExecutionEnvironment::reservedVariablesError(const QMap<QString, QString> &variables)
{
    const FunctionLimits::Result used = FunctionLimits::reservedVariables(variables);
    return used ? used->message : QString();
}

QString ExecutionEnvironment::runtimeApiSocketDir() const
{
    const QString &family = m_spec.runtime.family;
    if (!m_runtimeApi || (family != u"python"_s && family != u"nodejs"_s)) {
        return {};
    }
    return m_runtimeApi->localSocketDir();
}

QMap<QString, QString> ExecutionEnvironment::runtimeEnvironment() const
{
    // Paths are written as the runtime sees them inside the sandbox; the plain fallback
    // rewrites them to host paths itself (Sandbox::hostPathFor()).
    const FunctionConfig &f = m_spec.function;
    const bool isolated = SandboxCapabilities::probe().bubblewrap;
    const QString taskRoot = u"/var/task"_s;
    const QString runtimeDir = u"/var/runtime"_s;

    QMap<QString, QString> env;
    // Not reserved: the function may override these.
    env[u"LANG"_s] = u"en_US.UTF-8"_s;
    env[u"PATH"_s] = u"/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin"_s;
    env[u"LD_LIBRARY_PATH"_s] =
        u"/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"_s;
    env[u"AWS_XRAY_CONTEXT_MISSING"_s] = u"LOG_ERROR"_s;
    env[u"AWS_XRAY_DAEMON_ADDRESS"_s] = u"169.254.79.129:2000"_s;
    if (m_spec.runtime.family == u"python"_s) {
        env[u"PYTHONPATH"_s] = runtimeDir + u"/python"_s;
    } else if (m_spec.runtime.family == u"nodejs"_s) {
        env[u"NODE_PATH"_s] = u"/opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:"_s
            + runtimeDir + u"/nodejs/node_modules:"_s + runtimeDir + u":"_s + taskRoot;
        env[u"AWS_NODEJS_CONNECTION_REUSE_ENABLED"_s] = u"1"_s;
    }
    if (!isolated && !f.layers.empty()) {
        QStringList dirs;
        for (const LayerConfig &layer : f.layers) {
            if (!layer.contentDir.isEmpty()) {
                dirs << layer.contentDir;
            }
        }
        env[u"LWB_LAYER_DIRS"_s] = dirs.join(u':');
    }
    for (auto it = f.environment.cbegin(); it != f.environment.cend(); ++it) {
        env[it.key()] = it.value();
    }

    // Reserved: set by Lambda, last, so nothing overrides them.
    env[u"_HANDLER"_s] = f.handler;
    env[u"LAMBDA_TASK_ROOT"_s] = taskRoot;
    env[u"LAMBDA_RUNTIME_DIR"_s] = runtimeDir;
    env[u"AWS_LAMBDA_RUNTIME_API"_s] =
        m_runtimeApi ? QString::fromLatin1(m_runtimeApi->address()) : QString();
    if (const QString socketDir = runtimeApiSocketDir(); !socketDir.isEmpty()) {
        // Our own clients reach the same Runtime API over a Unix-domain socket (cheaper than
        // TCP on both ends); everything else uses AWS_LAMBDA_RUNTIME_API.
        env[u"LWB_RUNTIME_API_SOCKET"_s] = (isolated ? runtimeApiSocketMount() : socketDir) + u'/'
            + QString::fromLatin1(RuntimeApiServer::kLocalSocketName);
    }
    env[u"AWS_LAMBDA_FUNCTION_NAME"_s] = f.functionName;
    env[u"AWS_LAMBDA_FUNCTION_MEMORY_SIZE"_s] = QString::number(f.memoryMb);
    env[u"AWS_LAMBDA_FUNCTION_VERSION"_s] = m_spec.version;
    env[u"AWS_LAMBDA_INITIALIZATION_TYPE"_s] =
        m_spec.provisioned ? u"provisioned-concurrency"_s : u"on-demand"_s;
    env[u"AWS_LAMBDA_LOG_GROUP_NAME"_s] = u"/aws/lambda/"_s + f.functionName;
    env[u"AWS_LAMBDA_LOG_STREAM_NAME"_s] = m_logStream;
    env[u"AWS_REGION"_s] = m_spec.region;
    env[u"AWS_DEFAULT_REGION"_s] = m_spec.region;
    if (m_spec.runtime.family != u"provided"_s) {
        env[u"AWS_EXECUTION_ENV"_s] = u"AWS_Lambda_"_s + m_spec.runtime.id;
    }
    // Local credentials of the function's role, known only to this engine's Lambda API (and
    // that API's endpoint): nothing a function does here may reach real AWS by accident.
    const QMap<QString, QString> identity =
        FunctionIdentity::sandboxEnvironment(f, m_spec.accountId, parent());
    const QStringList reserved = FunctionLimits::reservedVariableNames();
    for (auto it = identity.cbegin(); it != identity.cend(); ++it) {
        // The endpoint variables are not reserved: a function may point them elsewhere.
        if (reserved.contains(it.key()) || !f.environment.contains(it.key())) {
            env[it.key()] = it.value();
        }
    }
    env[u"TZ"_s] = u":UTC"_s;
    return env;
}

void ExecutionEnvironment::invoke(const InvokeRequest &request, Completion done)
{
    Q_ASSERT(m_state == State::Created || m_state == State::Idle);
    Pending pending;
    pending.request = request;
    pending.done = std::move(done);
    pending.result.requestId = request.requestId;
    pending.result.memorySizeMb = m_spec.function.memoryMb;
    pending.result.executedVersion = m_spec.version;
    pending.result.environmentId = m_id;
    pending.result.coldStart = (m_state == State::Created);
    m_pending = std::move(pending);

    if (m_state == State::Created) {
        gated(u"init"_s, [this] { startInit(InitPhase::Init); });
    } else {
        gated(u"invoke"_s, [this] { beginInvocation(); });
    }
}

void ExecutionEnvironment::prewarm()
{
    if (m_state == State::Created) {
        gated(u"init"_s, [this] { startInit(InitPhase::Init); });
    }
}

void ExecutionEnvironment::gated(const QString &what, std::function<void()> action)
{
    if (!m_gate) {
        action();
        return;
    }
    // The environment may be gone when a held transition is finally let through.
    QPointer<ExecutionEnvironment> self(this);
    m_gate->pass(what, [self, action = std::move(action)] {
        if (self) {
            action();
        }
    });
}

void ExecutionEnvironment::startInit(InitPhase phase)
{
    setState(State::Initializing);
    m_initPhase = phase;
    m_partialLine.clear();

    if (!m_runtimeApi) {
        m_runtimeApi = std::make_unique<RuntimeApiServer>();
        connect(m_runtimeApi.get(), &RuntimeApiServer::runtimeReady, this,
                &ExecutionEnvironment::onRuntimeReady);
        connect(m_runtimeApi.get(), &RuntimeApiServer::initErrorReported, this,
                &ExecutionEnvironment::onInitError);
        connect(m_runtimeApi.get(), &RuntimeApiServer::invocationResponse, this,
                [this](const QString &id, const QByteArray &body, const QByteArray &contentType) {
                    onInvocationResult(id, body, contentType, {}, false);
                });
        connect(m_runtimeApi.get(), &RuntimeApiServer::invocationError, this,
                [this](const QString &id, const QByteArray &errorType, const QByteArray &body) {
                    onInvocationResult(id, body, QByteArrayLiteral("application/json"), errorType,
                                       true);
                });
        QString error;
        if (!m_runtimeApi->listen(&error)) {
            initFailed(u"error"_s, u"Sandbox.Failure"_s,
                       PlatformLog::exitErrorDocument(m_pending ? m_pending->request.requestId
                                                                : QString(),
                                                      u"Sandbox.Failure"_s, error));
            return;
        }
    } else {
        m_runtimeApi->reset();
    }

    const SandboxSpec spec = sandboxSpec();
    m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->setForkServers(m_spec.forkServers);
    connect(m_sandbox.get(), &Sandbox::outputAvailable, this, [this] { drainOutput(false); });
    connect(m_sandbox.get(), &Sandbox::finished, this, &ExecutionEnvironment::onSandboxFinished);

    journal(JournalKind::InitStarted,
            {{"phase", phase == InitPhase::Init ? "init" : "invoke"}});
    appendLog(PlatformLog::initStart(m_spec.runtime.runtimeVersion,
                                     u"arn:aws:lambda:"_s + m_spec.region + u"::runtime:"_s
                                         + QString::fromLatin1(QCryptographicHash::hash(
                                                                   m_spec.runtime.runtimeVersion.toUtf8(),
                                                                   QCryptographicHash::Sha256)
                                                                   .toHex())),
              true);
    m_initClock.start();
    if (phase == InitPhase::Init) {
        m_initTimer.start(m_spec.initTimeoutMs);
    }

    if (spec.command.constFirst().isEmpty()) {
        const QString id = m_pending ? m_pending->request.requestId : QString();
        initFailed(u"error"_s, u"Runtime.InvalidEntrypoint"_s,
                   PlatformLog::exitErrorDocument(
                       id, u"Runtime.InvalidEntrypoint"_s,
                       u"Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"_s));
        return;
    }
    QString error;
    if (!m_sandbox->start(spec, &error)) {
        initFailed(u"error"_s, u"Sandbox.Failure"_s,
                   QByteArray::fromStdString(nlohmann::json{{"errorType", "Sandbox.Failure"},
                                                            {"errorMessage", error.toStdString()}}
                                                 .dump()));
    }
}

SandboxSpec ExecutionEnvironment::sandboxSpec() const
{
    const FunctionConfig &f = m_spec.function;
    const QString taskRoot = u"/var/task"_s;
    const QString runtimeDir = u"/var/runtime"_s;

    SandboxSpec spec;
    spec.id = m_id;
    spec.codeDir = f.codeDir;
    for (const LayerConfig &layer : f.layers) {
        if (!layer.contentDir.isEmpty()) {
            spec.layerDirs << layer.contentDir;
        }
    }
    spec.readOnlyBinds.append({m_spec.runtimesDir, u"/var/runtime"_s});
    if (const QString socketDir = runtimeApiSocketDir(); !socketDir.isEmpty()) {
        spec.instanceBinds.append({socketDir, runtimeApiSocketMount()}); // connect() needs no write
    }
    if (m_spec.runtime.family == u"provided"_s) {
        // A custom runtime starts the first executable bootstrap of /var/task, then of /opt.
        spec.command << findBootstrap();
    } else {
        for (const QString &arg : m_spec.runtime.command) {
            spec.command << replacePlaceholders(arg, runtimeDir, taskRoot, f.memoryMb);
        }
    }
    spec.environment = runtimeEnvironment();
    spec.memoryMb = f.memoryMb;
    spec.tmpSizeMb = f.ephemeralStorageMb;
    spec.workingDir = taskRoot;
    // Our Python client serves forks (lwb_forkserver.py); an exec wrapper must run first.
    spec.forkable = m_spec.runtime.family == u"python"_s
        && !spec.environment.contains(u"AWS_LAMBDA_EXEC_WRAPPER"_s);
    // Set per forked environment: its own, and the Lambda API's endpoint, which the host may
    // announce after the fork server started.
    spec.instanceVariables = {u"AWS_LAMBDA_RUNTIME_API"_s, u"LWB_RUNTIME_API_SOCKET"_s,
                              u"AWS_LAMBDA_LOG_STREAM_NAME"_s, u"AWS_LAMBDA_INITIALIZATION_TYPE"_s,
                              u"AWS_ENDPOINT_URL_LAMBDA"_s, u"LWB_LAMBDA_ENDPOINT"_s};
    return spec;
}

void ExecutionEnvironment::prepareForkServer()
{
    if (m_spec.forkServers) {
        m_spec.forkServers->prepare(sandboxSpec());
    }
}

QString ExecutionEnvironment::findBootstrap() const
{
    if (QFileInfo(m_spec.function.codeDir + u"/bootstrap"_s).isExecutable()) {
        return u"/var/task/bootstrap"_s;
    }
    // Layers are merged under /opt with the later one winning.
    for (auto it = m_spec.function.layers.crbegin(); it != m_spec.function.layers.crend(); ++it) {
        if (!it->contentDir.isEmpty() && QFileInfo(it->contentDir + u"/bootstrap"_s).isExecutable()) {
            return u"/opt/bootstrap"_s;
        }
    }
    return {};
}

void ExecutionEnvironment::onRuntimeReady()
{
    if (m_state == State::Initializing) {
        m_initTimer.stop();
        const double initMs = m_initClock.nsecsElapsed() / 1e6;
        drainOutput(true);
        journal(JournalKind::InitFinished,
                {{"phase", m_initPhase == InitPhase::Init ? "init" : "invoke"},
                 {"durationMs", initMs},
                 {"status", "success"}});
        if (m_initPhase == InitPhase::Init) {
            m_initDurationMs = initMs;
        }
        if (!m_pending) {
            setState(State::Idle);
            scheduleFreeze();
            Q_EMIT becameIdle();
            return;
        }
        // After a suppressed init (m_pending->started) the invoke clock already runs and
        // beginInvocation() only delivers the event.
        gated(u"invoke"_s, [this] {
            if (m_pending && m_state == State::Initializing) {
                beginInvocation();
            }
        });
        return;
    }
    if (m_state == State::Busy && m_pending && m_pending->haveResult) {
        drainOutput(true);
        const bool error = m_pending->result.functionError;
        finishInvocation(error ? InvokeStatus::Error : InvokeStatus::Success, {});
    }
}

void ExecutionEnvironment::scheduleFreeze()
{
    // Lambda freezes an environment as soon as its runtime asks for the next event. Freezing
    // (a cgroup write the kernel completes asynchronously) and thawing cost more than a warm
    // invocation itself, so an environment that gets its next event within kFreezeDelayMs is
    // not frozen in between; one that idles longer is, and nothing of it runs while it idles.
    // Under steady load the least recently used environments of a busy function idle just
    // past that and were frozen and thawed over and over (7 % of the engine's time at 16
    // connections): one thawed within kInDemandMs of its freeze waits kInDemandFreezeDelayMs.
    m_freezeTimer.start(m_inDemand ? kInDemandFreezeDelayMs : kFreezeDelayMs);
}

void ExecutionEnvironment::beginInvocation()
{
    Q_ASSERT(m_pending);
    Pending &p = *m_pending;
    m_freezeTimer.stop();
    if (m_sandbox && m_sandbox->isFrozen()) {
        m_inDemand = m_frozenClock.isValid() && m_frozenClock.elapsed() < kInDemandMs;
        m_sandbox->thaw();
        journal(JournalKind::EnvironmentThawed);
    }
    setState(State::Busy);

    const FunctionConfig &f = m_spec.function;
    if (!p.started) {
        p.started = true;
        ++m_invocations;
        p.result.log = m_initLog;
        m_initLog.clear();
        appendLog(PlatformLog::start(p.request.requestId, m_spec.version), true);
        journal(JournalKind::InvokeStarted,
                jsonObject("coldStart", p.result.coldStart, "version", m_spec.version.toStdString(),
                            "qualifier", p.request.qualifier.toStdString(), "initializationType",
                            m_spec.provisioned ? "provisioned-concurrency" : "on-demand", "spillover",
                            p.request.spillover, "source", p.request.source.toStdString()));
        m_invokeClock.start();
        m_invokeTimer.start(f.timeoutSeconds * 1000);
    }

    RuntimeInvocation inv;
    inv.requestId = p.request.requestId;
    inv.payload = p.request.payload.isEmpty() ? QByteArrayLiteral("{}") : p.request.payload;
    if (!p.request.contentType.isEmpty()) {
        inv.contentType = p.request.contentType;
    }
    const qint64 elapsedMs = m_invokeClock.elapsed();
    inv.deadlineMs = QDateTime::currentMSecsSinceEpoch() + f.timeoutSeconds * 1000 - elapsedMs;
    QString arn = u"arn:aws:lambda:"_s + m_spec.region + u':' + m_spec.accountId + u":function:"_s
        + f.functionName;
    if (!p.request.qualifier.isEmpty() && p.request.qualifier != u"$LATEST"_s) {
        arn += u':' + p.request.qualifier;
    }
    inv.invokedFunctionArn = arn;
    inv.traceId = p.request.traceId;
    inv.clientContext = p.request.clientContext;
    inv.cognitoIdentity = p.request.cognitoIdentity;
    m_runtimeApi->startInvocation(inv);
}

void ExecutionEnvironment::onInitError(const QByteArray &errorType, const QByteArray &body)
{
    if (m_state != State::Initializing) {
        return;
    }
    initFailed(u"error"_s, QString::fromUtf8(errorType), body);
}

void ExecutionEnvironment::onInitTimeout()
{
    if (m_state != State::Initializing) {
        return;
    }
    initFailed(u"timeout"_s, {}, {});
}

void ExecutionEnvironment::initFailed(const QString &status, const QString &errorType,
                                      const QByteArray &errorBody)
{
    m_initTimer.stop();
    const double initMs = m_initClock.nsecsElapsed() / 1e6;
    killSandbox();
    drainOutput(true);
    const bool firstAttempt = m_initPhase == InitPhase::Init;
    appendLog(PlatformLog::initReport(initMs, firstAttempt ? u"init"_s : u"invoke"_s, status,
                                      errorType),
              true);
    journal(JournalKind::InitFinished,
            {{"phase", firstAttempt ? "init" : "invoke"},
             {"durationMs", initMs},
             {"status", status.toStdString()},
             {"errorType", errorType.toStdString()}});

    if (!m_pending) {
        setState(State::Dead);
        Q_EMIT died(u"init-error"_s);
        return;
    }
    if (firstAttempt) {
        // As Lambda does: the failed init is retried once inside the invoke phase
        // ("suppressed init"), bounded by the function's timeout.
        m_pending->initErrorBody = errorBody;
        m_pending->initErrorType = errorType;
        m_pending->started = true;
        ++m_invocations;
        m_pending->result.log = m_initLog;
        m_initLog.clear();
        appendLog(PlatformLog::start(m_pending->request.requestId, m_spec.version), true);
        journal(JournalKind::InvokeStarted,
                {{"coldStart", true}, {"version", m_spec.version.toStdString()}});
        m_invokeClock.start();
        m_invokeTimer.start(m_spec.function.timeoutSeconds * 1000);
        startInit(InitPhase::Invoke);
        return;
    }
    // The second attempt failed too: the invocation fails with the init error.
    InvokeResult &r = m_pending->result;
    r.functionError = true;
    r.errorType = errorType;
    r.payload = errorBody.isEmpty() ? m_pending->initErrorBody : errorBody;
    r.contentType = QByteArrayLiteral("application/json");
    finishInvocation(InvokeStatus::Error, errorType);
}

void ExecutionEnvironment::onInvocationResult(const QString &requestId, const QByteArray &body,
                                              const QByteArray &contentType,
                                              const QByteArray &errorType, bool isError)
{
    if (!m_pending || m_state != State::Busy || requestId != m_pending->request.requestId) {
        return;
    }
    InvokeResult &r = m_pending->result;
    r.payload = body;
    r.contentType = contentType.isEmpty() ? QByteArrayLiteral("application/json") : contentType;
    r.functionError = isError;
    r.errorType = QString::fromUtf8(errorType);
    m_pending->haveResult = true;
}

void ExecutionEnvironment::onSandboxFinished(int exitCode, const QString &exitDescription)
{
    Q_UNUSED(exitCode);
    drainOutput(true);
    const QString description = exitCode == 0 && exitDescription == u"exit status 0"_s
        ? u"Runtime exited without providing a reason"_s
        : u"Runtime exited with error: "_s + exitDescription;
    const bool oom = m_sandbox && m_sandbox->memoryLimitHit();
    const QString errorType = oom ? u"Runtime.OutOfMemory"_s : u"Runtime.ExitError"_s;

    switch (m_state) {
    case State::Initializing:
        if (m_pending) {
            const QString id = m_pending->request.requestId;
            initFailed(u"error"_s, errorType, PlatformLog::exitErrorDocument(id, errorType, description));
        } else {
            initFailed(u"error"_s, errorType, {});
        }
        return;
    case State::Busy: {
        if (m_pending && m_pending->haveResult) {
            finishInvocation(m_pending->result.functionError ? InvokeStatus::Error
                                                             : InvokeStatus::Success,
                             {});
            return;
        }
        const QString id = m_pending ? m_pending->request.requestId : QString();
        appendLog(PlatformLog::runtimeExited(id, description), true);
        appendLog(errorType.toUtf8() + '\n', true);
        if (m_pending) {
            InvokeResult &r = m_pending->result;
            r.functionError = true;
            r.errorType = errorType;
            r.payload = PlatformLog::exitErrorDocument(id, errorType, description);
            finishInvocation(InvokeStatus::Error, errorType);
        }
        return;
    }
    case State::Idle:
    case State::Created:
        setState(State::Dead);
        journal(JournalKind::EnvironmentDestroyed, {{"reason", "crash"}});
        Q_EMIT died(u"crash"_s);
        return;
    case State::Dead:
        return;
    }
}

void ExecutionEnvironment::onInvokeTimeout()
{
    if (!m_pending || (m_state != State::Busy && m_state != State::Initializing)) {
        return;
    }
    const QString id = m_pending->request.requestId;
    const double timeoutSeconds = m_spec.function.timeoutSeconds;
    killSandbox();
    drainOutput(true);
    appendLog(PlatformLog::timedOut(id, timeoutSeconds, QDateTime::currentMSecsSinceEpoch()), true);
    InvokeResult &r = m_pending->result;
    r.functionError = true;
    r.errorType = u"Sandbox.Timedout"_s;
    r.payload = PlatformLog::timeoutErrorDocument(id, timeoutSeconds);
    r.contentType = QByteArrayLiteral("application/json");
    finishInvocation(InvokeStatus::Timeout, {});
}

void ExecutionEnvironment::finishInvocation(InvokeStatus status, const QString &reportErrorType)
{
    Q_ASSERT(m_pending);
    m_invokeTimer.stop();
    Pending pending = std::move(*m_pending);
    m_pending.reset();
    InvokeResult &r = pending.result;

    r.status = status;
    r.durationMs = status == InvokeStatus::Timeout ? m_spec.function.timeoutSeconds * 1000.0
                                                   : m_invokeClock.nsecsElapsed() / 1e6;
    if (r.coldStart && m_initDurationMs) {
        r.initDurationMs = m_initDurationMs;
    }
    // Since 2025-08-01 the init phase is billed on on-demand functions too.
    r.billedDurationMs = PlatformLog::billedMs(r.durationMs + r.initDurationMs.value_or(0.0));
    const bool oom = reportErrorType == u"Runtime.OutOfMemory"_s;
    r.maxMemoryUsedMb = oom ? m_spec.function.memoryMb : maxMemoryUsedMb();

    PlatformLog::Report report;
    report.requestId = r.requestId;
    report.durationMs = r.durationMs;
    report.billedDurationMs = r.billedDurationMs;
    report.memorySizeMb = r.memorySizeMb;
    report.maxMemoryUsedMb = r.maxMemoryUsedMb;
    report.initDurationMs = r.initDurationMs;
    if (status == InvokeStatus::Timeout) {
        report.status = u"timeout"_s;
    } else if (!reportErrorType.isEmpty()) {
        report.status = u"error"_s;
        report.errorType = reportErrorType;
    }
    // END and REPORT go to this invocation's log; m_pending is reset, so write directly.
    const QByteArray endLine = PlatformLog::end(r.requestId);
    const QByteArray reportLine = PlatformLog::report(report);
    r.log += endLine;
    r.log += reportLine;
    for (const QByteArray &line : {endLine, reportLine}) {
        JournalRecord rec;
        rec.kind = JournalKind::LogLine;
        rec.functionName = m_spec.function.functionName;
        rec.environmentId = m_id;
        rec.requestId = r.requestId;
        rec.data = jsonObject("message", line.chopped(1).toStdString(), "platform", true);
        m_journal->append(std::move(rec));
    }

    const bool alive = m_sandbox && m_sandbox->isRunning() && status != InvokeStatus::Timeout
        && reportErrorType.isEmpty();
    {
        JournalRecord rec;
        rec.kind = JournalKind::InvokeFinished;
        rec.functionName = m_spec.function.functionName;
        rec.environmentId = m_id;
        rec.requestId = r.requestId;
        rec.data = jsonObject("status",
                               status == InvokeStatus::Success   ? "success"
                               : status == InvokeStatus::Timeout ? "timeout"
                                                                 : "error",
                               "errorType", r.errorType.toStdString(), "durationMs", r.durationMs,
                               "billedDurationMs", r.billedDurationMs, "memorySizeMb", r.memorySizeMb,
                               "maxMemoryUsedMb", r.maxMemoryUsedMb, "coldStart", r.coldStart);
        if (r.initDurationMs) {
            rec.data["initDurationMs"] = *r.initDurationMs;
        }
        m_journal->append(std::move(rec));
    }

    if (alive) {
        setState(State::Idle);
        scheduleFreeze();
    } else {
        killSandbox();
        setState(State::Dead);
        journal(JournalKind::EnvironmentDestroyed,
                {{"reason", status == InvokeStatus::Timeout ? "timeout" : "crash"}});
    }

    const QString deathReason = status == InvokeStatus::Timeout ? u"timeout"_s : u"crash"_s;
    gated(u"report"_s, [this, done = std::move(pending.done), r, alive, deathReason] {
        if (done) {
            done(r);
        }
        if (alive) {
            Q_EMIT becameIdle();
        } else {
            Q_EMIT died(deathReason);
        }
    });
}

void ExecutionEnvironment::shutdown(const QString &reason)
{
    if (m_state == State::Dead) {
        return;
    }
    m_initTimer.stop();
    m_invokeTimer.stop();
    killSandbox();
    setState(State::Dead);
    journal(JournalKind::EnvironmentDestroyed, {{"reason", reason.toStdString()}});
    if (m_pending) {
        Pending pending = std::move(*m_pending);
        m_pending.reset();
        pending.result.functionError = true;
        pending.result.status = InvokeStatus::Error;
        pending.result.errorType = u"Sandbox.Failure"_s;
        pending.result.payload = QByteArray::fromStdString(
            nlohmann::json{{"errorType", "Sandbox.Failure"},
                           {"errorMessage", (u"The execution environment was shut down: "_s + reason)
                                                .toStdString()}}
                .dump());
        if (pending.done) {
            pending.done(pending.result);
        }
    }
    Q_EMIT died(reason);
}

void ExecutionEnvironment::drainOutput(bool flushPartial)
{
    if (m_sandbox) {
        m_partialLine += m_sandbox->readOutput();
    }
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_partialLine.indexOf('\n', start);
        if (newline < 0) {
            break;
        }
        appendLog(m_partialLine.mid(start, newline - start + 1), false);
        start = newline + 1;
    }
    m_partialLine.remove(0, start);
    if (flushPartial && !m_partialLine.isEmpty()) {
        appendLog(m_partialLine + '\n', false);
        m_partialLine.clear();
    }
}

void ExecutionEnvironment::appendLog(const QByteArray &line, bool platform)
{
    if (m_pending && m_pending->started) {
        m_pending->result.log += line;
    } else {
        m_initLog += line;
    }
    JournalRecord rec;
    rec.kind = JournalKind::LogLine;
    rec.functionName = m_spec.function.functionName;
    rec.environmentId = m_id;
    if (m_pending && m_pending->started) {
        rec.requestId = m_pending->request.requestId;
    }
    rec.data = jsonObject("message", line.chopped(line.endsWith('\n') ? 1 : 0).toStdString(), "platform",
                           platform, "logStream", m_logStream.toStdString());
    m_journal->append(std::move(rec));
}

void ExecutionEnvironment::killSandbox()
{
    if (!m_sandbox) {
        return;
    }
    m_peakMemoryBytes = std::max(m_peakMemoryBytes, m_sandbox->peakMemoryBytes());
    m_partialLine += m_sandbox->readOutput();
    disconnect(m_sandbox.get(), nullptr, this, nullptr);
    m_sandbox->kill();
    m_sandbox.reset();
}

void ExecutionEnvironment::setState(State state)
{
    m_state = state;
}

int ExecutionEnvironment::maxMemoryUsedMb() const
{
    qint64 peak = m_peakMemoryBytes;
    if (m_sandbox) {
        peak = std::max(peak, m_sandbox->peakMemoryBytes());
    }
    const int mb = static_cast<int>(std::ceil(peak / (1024.0 * 1024.0)));
    return std::clamp(mb, 1, m_spec.function.memoryMb);
}

void ExecutionEnvironment::journal(JournalKind kind, nlohmann::json data)
{
    JournalRecord rec;
    rec.kind = kind;
    rec.functionName = m_spec.function.functionName;
    rec.environmentId = m_id;
    if (m_pending) {
        rec.requestId = m_pending->request.requestId;
    }
    rec.data = std::move(data);
    m_journal->append(std::move(rec));
}

} // namespace Lwb
