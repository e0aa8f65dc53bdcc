// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "engine/executionenvironment.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "engine/platformlog.h"
#include "engine/runtimecatalogue.h"
#include "engine/scheduler.h"
#include "engine/stepgate.h"
#include "engine/timescale.h"
#include "sandbox/sandbox.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr qsizetype kMaxSyncPayloadBytes = 6291456;
constexpr auto kIdleTimerProperty = "lwbIdleTimer";

QString fingerprint(const FunctionConfig &f)
{
    QStringList parts{f.functionName, f.runtime,  f.handler,
                      f.codeDir,      QString::number(f.memoryMb),
                      QString::number(f.timeoutSeconds), QString::number(f.ephemeralStorageMb)};
    for (auto it = f.environment.cbegin(); it != f.environment.cend(); ++it) {
        parts << it.key() + u'=' + it.value();
    }
    for (const LayerConfig &layer : f.layers) {
        parts << layer.contentDir;
    }
    return parts.join(QChar(0));
}

} // namespace

namespace {

/**
 * Each environment holds a few descriptors (its Runtime API listener and connection, its
 * output pipe, pidfd and cgroup event fds): a thousand environments need more than the
 * customary soft limit of 1,024. Raised once per process, to the hard limit.
 */
void raiseDescriptorLimit()
{
    static const bool done = [] {
        struct rlimit limit = {};
        if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &limit);
        }
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace

Engine::Engine(const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_journal(new Journal(this))
    , m_gate(new StepGate(this))
{
    if (m_options.resourcesDir.isEmpty()) {
        m_options.resourcesDir = defaultResourcesDir();
    }
    m_runtimes = std::make_unique<RuntimeCatalogue>(m_options.resourcesDir + u"/runtimes"_s);
    raiseDescriptorLimit();
    m_clock.start();
    Scheduler::Config config;
    config.accountConcurrency = m_options.accountConcurrency;
    config.unreservedMinimum = m_options.unreservedMinimum;
    config.scalingLimit = m_options.scalingLimit;
    config.scalingWindowMs = TimeScale::scaledMs(m_options.scalingWindowMs);
    m_scheduler = std::make_unique<Scheduler>(config, [this] { return m_clock.elapsed(); });
}

Engine::~Engine()
{
    shutdownAll();
}

QString Engine::defaultResourcesDir()
{
    const QString fromEnv = qEnvironmentVariable("LWB_RESOURCES_DIR");
    if (!fromEnv.isEmpty() && QFileInfo::exists(fromEnv)) {
        return fromEnv;
    }
    const QString built = QStringLiteral(LWB_DEFAULT_RESOURCES_DIR);
    if (QFileInfo::exists(built + u"/runtimes"_s)) {
        return built;
    }
    return QStringLiteral(LWB_INSTALLED_RESOURCES_DIR);
}

void Engine::setFunctions(const std::vector<FunctionConfig> &functions)
{
    QHash<QString, QString> before;
    for (const FunctionConfig &f : m_functions) {
        before.insert(f.functionName, fingerprint(f));
    }
    m_functions = functions;
    QSet<QString> keep;
    QSet<QString> present;
    for (FunctionConfig &f : m_functions) {
        present.insert(f.functionName);
        if (before.value(f.functionName) == fingerprint(f)) {
            keep.insert(f.functionName);
        }
        // Resolve runtimes now: the host interpreter's version is probed once, off the
        // cold-start path.
        RuntimeInfo info = m_runtimes->resolve(f.runtime);
        if (!info.warning.isEmpty()) {
            warnOnce(info.warning);
        }
        QString error;
        if (!m_scheduler->setReservedConcurrency(f.functionName, f.reservedConcurrency, &error)) {
            warnOnce(f.logicalId + u": "_s + error + u" The reservation is ignored."_s);
            f.reservedConcurrency.reset();
            m_scheduler->setReservedConcurrency(f.functionName, std::nullopt);
        }
    }
    const QStringList names = m_environments.keys();
    for (const QString &name : names) {
        if (!keep.contains(name)) {
            const QList<ExecutionEnvironment *> envs = m_environments.value(name);
            for (ExecutionEnvironment *env : envs) {
                env->shutdown(u"code-changed"_s);
            }
        }
    }
    const QStringList known = m_versions.keys();
    for (const QString &name : known) {
        if (!present.contains(name)) {
            m_versions.remove(name);
            m_aliases.remove(name);
            m_scheduler->removeFunction(name);
        }
    }
    // SAM's AutoPublishAlias: the code as loaded becomes a new version (when it changed) and
    // the alias points at it; provisioned concurrency is allocated on that alias.
    for (const FunctionConfig &f : m_functions) {
        if (f.autoPublishAlias.isEmpty()) {
            continue;
        }
        std::vector<FunctionConfig> &published = m_versions[f.functionName];
        if (published.empty() || fingerprint(published.back()) != fingerprint(f)) {
            published.push_back(f);
        }
        m_aliases[f.functionName][f.autoPublishAlias] = QString::number(published.size());
        if (!keep.contains(f.functionName) && f.provisionedConcurrency > 0) {
            provision(f);
        }
    }
}

void Engine::provision(const FunctionConfig &function)
{
    const QString version = m_aliases.value(function.functionName).value(function.autoPublishAlias);
    const FunctionConfig *config = configFor(function.functionName, version);
    if (!config) {
        return;
    }
    const FunctionConfig snapshot = *config;
    auto allocate = [this, snapshot, version, count = function.provisionedConcurrency] {
        for (int i = 0; i < count; ++i) {
            m_provisioningQueue.push_back({snapshot, version});
        }
        provisionNext();
    };
    const qint64 delay = TimeScale::scaledMs(m_options.provisioningDelayMs);
    if (delay > 0) {
        QTimer::singleShot(delay, this, allocate);
    } else {
        allocate();
    }
}

void Engine::provisionNext()
{
    // Provisioned environments initialise a few at a time, as Lambda allocates provisioned
    // concurrency over time: a thousand inits at once would only make each miss its limit.
    const int parallel = std::max(2, QThread::idealThreadCount() * 2);
    while (m_provisioningInFlight < parallel && !m_provisioningQueue.empty()) {
        const auto [config, version] = m_provisioningQueue.front();
        m_provisioningQueue.pop_front();
        QString error;
        ExecutionEnvironment *env = createEnvironment(config, version, true, &error);
        if (!env) {
            warnOnce(error);
            m_provisioningQueue.clear();
            return;
        }
        ++m_provisioningInFlight;
        auto settled = std::make_shared<bool>(false);
        auto done = [this, settled] {
            if (!*settled) {
                *settled = true;
                --m_provisioningInFlight;
                QMetaObject::invokeMethod(this, &Engine::provisionNext, Qt::QueuedConnection);
            }
        };
        connect(env, &ExecutionEnvironment::becameIdle, this, done);
        connect(env, &ExecutionEnvironment::died, this, done);
        env->prewarm();
    }
}

const FunctionConfig *Engine::configFor(const QString &functionName, const QString &version) const
{
    if (version == u"$LATEST"_s) {
        return function(functionName);
    }
    bool ok = false;
    const int number = version.toInt(&ok);
    auto it = m_versions.constFind(functionName);
    if (!ok || number < 1 || it == m_versions.constEnd() || number > int(it->size())) {
        return nullptr;
    }
    return &(*it)[std::size_t(number - 1)];
}

QString Engine::resolveQualifier(const FunctionConfig &function, const QString &qualifier) const
{
    if (qualifier.isEmpty() || qualifier == u"$LATEST"_s) {
        return u"$LATEST"_s;
    }
    const QString aliased = m_aliases.value(function.functionName).value(qualifier);
    const QString version = aliased.isEmpty() ? qualifier : aliased;
    return configFor(function.functionName, version) ? version : QString();
}

QStringList Engine::versions(const QString &functionName) const
{
    QStringList out;
    const std::size_t count = m_versions.value(functionName).size();
    for (std::size_t i = 1; i <= count; ++i) {
        out << QString::number(i);
    }
    return out;
}

QHash<QString, QString> Engine::aliases(const QString &functionName) const
{
    return m_aliases.value(functionName);
}

const FunctionConfig *Engine::function(const QString &name) const
{
    for (const FunctionConfig &f : m_functions) {
        if (f.logicalId == name || f.functionName == name) {
            return &f;
        }
    }
    return nullptr;
}

InvokeResult Engine::serviceError(const InvokeRequest &request, int status, const QString &code,
                                  const QString &message) const
{
    return InvokeResult::serviceError(request.requestId, status, code, message);
}

InvokeResult Engine::functionNotFound(const InvokeRequest &request, const QString &name) const
{
    // Invoke names the qualifier in its message, as Lambda does.
    return serviceError(request, 404, u"ResourceNotFoundException"_s,
                        u"Function not found: arn:aws:lambda:"_s + m_options.region + u':'
                            + m_options.accountId + u":function:"_s + name + u':'
                            + (request.qualifier.isEmpty() ? u"$LATEST"_s : request.qualifier));
}

void Engine::warnOnce(const QString &message)
{
    if (m_warnings.contains(message)) {
        return;
    }
    m_warnings << message;
    JournalRecord rec;
    rec.kind = JournalKind::Warning;
    rec.data = {{"message", message.toStdString()}};
    m_journal->append(rec);
    Q_EMIT warningRaised(message);
}

void Engine::invoke(InvokeRequest request, Completion done)
{
    if (request.requestId.isEmpty()) {
        request.requestId = Ids::requestId();
    }
    if (request.traceId.isEmpty()) {
        request.traceId = Ids::traceId();
    }
    {
        JournalRecord rec;
        rec.kind = JournalKind::RequestReceived;
        rec.functionName = request.functionName;
        rec.requestId = request.requestId;
        rec.data = {{"source", request.source.toStdString()},
                    {"payloadBytes", request.payload.size()}};
        m_journal->append(rec);
    }

    const FunctionConfig *f = function(request.functionName);
    if (!f) {
        done(functionNotFound(request, request.functionName));
        return;
    }
    if (request.payload.size() > kMaxSyncPayloadBytes) {
        done(serviceError(request, 413, u"RequestEntityTooLargeException"_s,
                          u"Request must be smaller than 6291456 bytes for the InvokeFunction operation"_s));
        return;
    }
    if (!request.payload.isEmpty()) {
        try {
            [[maybe_unused]] const nlohmann::json parsed =
                nlohmann::json::parse(request.payload.constBegin(), request.payload.constEnd());
        } catch (const nlohmann::json::parse_error &e) {
            done(serviceError(request, 400, u"InvalidRequestContentException"_s,
                              u"Could not parse request body into json: Could not parse payload into json: "_s
                                  + QString::fromUtf8(e.what())));
            return;
        }
    }
    const QString reserved = ExecutionEnvironment::reservedVariablesError(f->environment);
    if (!reserved.isEmpty()) {
        done(serviceError(request, 400, u"InvalidParameterValueException"_s, reserved));
        return;
    }
    const QString version = resolveQualifier(*f, request.qualifier);
    if (version.isEmpty()) {
        done(functionNotFound(request, f->functionName));
        return;
    }
    if (request.type == InvocationType::DryRun) {
        InvokeResult r;
        r.requestId = request.requestId;
        r.httpStatus = 204;
        r.executedVersion = version;
        done(r);
        return;
    }
    if (request.type == InvocationType::Event) {
        if (m_asyncSink) {
            InvokeResult accepted = m_asyncSink(request);
            accepted.requestId = request.requestId;
            done(accepted);
            return;
        }
        // No queue: run it now, answer 202 at once.
        InvokeResult accepted;
        accepted.requestId = request.requestId;
        accepted.httpStatus = 202;
        done(accepted);
        request.type = InvocationType::RequestResponse;
        invoke(request, [](const InvokeResult &) {});
        return;
    }
    if (m_gate->isPaused()) {
        JournalRecord rec;
        rec.kind = JournalKind::RequestQueued;
        rec.functionName = f->functionName;
        rec.requestId = request.requestId;
        rec.data = {{"position", m_gate->waiting() + 1}};
        m_journal->append(rec);
    }
    m_gate->pass(u"admit"_s, [this, request, version, done = std::move(done)]() mutable {
        dispatch(request, version, std::move(done));
    });
}

void Engine::dispatch(const InvokeRequest &incoming, const QString &version, Completion done)
{
    InvokeRequest request = incoming;
    const FunctionConfig *latest = function(request.functionName);
    const FunctionConfig *f = latest ? configFor(latest->functionName, version) : nullptr;
    if (!f) {
        done(functionNotFound(request, request.functionName));
        return;
    }
    const QString name = f->functionName;
    QList<ExecutionEnvironment *> &envs = m_environments[name];

    // What idles, for the policy: provisioned and on-demand environments of this version.
    ExecutionEnvironment *idleProvisioned = nullptr;
    ExecutionEnvironment *idleOnDemand = nullptr;
    bool hasProvisioned = false;
    for (auto it = envs.rbegin(); it != envs.rend(); ++it) {
        ExecutionEnvironment *env = *it;
        if (env->version() != version) {
            continue;
        }
        hasProvisioned = hasProvisioned || env->isProvisioned();
        if (env->state() != ExecutionEnvironment::State::Idle) {
            continue;
        }
        ExecutionEnvironment *&slot = env->isProvisioned() ? idleProvisioned : idleOnDemand;
        if (!slot) {
            slot = env; // the most recently used: the warmest
        }
    }
    Scheduler::Idle idle;
    idle.provisioned = idleProvisioned ? 1 : 0;
    idle.onDemand = idleOnDemand ? 1 : 0;
    idle.hasProvisioned = hasProvisioned;
    const Scheduler::Decision decision = m_scheduler->decide(name, idle);

    if (decision.kind == Scheduler::Kind::Throttle) {
        JournalRecord rec;
        rec.kind = JournalKind::RequestThrottled;
        rec.functionName = name;
        rec.requestId = request.requestId;
        rec.data = {{"reason", decision.reason.toStdString()},
                    {"source", request.source.toStdString()}};
        m_journal->append(rec);
        InvokeResult r = serviceError(request, 429, u"TooManyRequestsException"_s, u"Rate Exceeded."_s);
        r.throttleReason = decision.reason;
        r.payload = QByteArray::fromStdString(nlohmann::json{{"Reason", decision.reason.toStdString()},
                                                             {"Type", "User"},
                                                             {"message", "Rate Exceeded."}}
                                                  .dump());
        done(r);
        return;
    }

    ExecutionEnvironment *env = nullptr;
    if (decision.kind == Scheduler::Kind::Warm) {
        env = decision.provisioned ? idleProvisioned : idleOnDemand;
        if (auto *timer = env->property(kIdleTimerProperty).value<QTimer *>()) {
            timer->stop();
        }
        envs.removeOne(env);
        envs.append(env);
    } else {
        QString error;
        env = createEnvironment(*f, version, false, &error);
        if (!env) {
            done(serviceError(request, 400, u"InvalidParameterValueException"_s, error));
            return;
        }
    }
    const bool provisioned = env->isProvisioned();
    request.spillover = decision.spillover;
    m_scheduler->started(name, decision.kind == Scheduler::Kind::Cold, provisioned);
    env->invoke(request, [this, name, provisioned, done = std::move(done)](const InvokeResult &r) {
        m_scheduler->finished(name, provisioned);
        done(r);
    });
}

ExecutionEnvironment *Engine::createEnvironment(const FunctionConfig &function,
                                                const QString &version, bool provisioned,
                                                QString *error)
{
    QList<ExecutionEnvironment *> &envs = m_environments[function.functionName];
    QString runtimeError;
    EnvironmentSpec spec;
    spec.runtime = m_runtimes->resolve(function.runtime, &runtimeError);
    if (!spec.runtime.isValid()) {
        *error = runtimeError;
        return nullptr;
    }
    const SandboxCapabilities &caps = SandboxCapabilities::probe();
    if (!caps.isFullIsolation()) {
        warnOnce(u"Sandbox: "_s + caps.summary());
    }
    spec.function = function;
    if (!QFileInfo(function.codeDir).isDir()) {
        // Lambda never runs without code; an empty task root makes the runtime report the
        // missing handler exactly as Lambda would (Runtime.ImportModuleError …).
        warnOnce(u"CodeUri of %1 does not exist: %2"_s.arg(function.logicalId, function.codeDir));
        if (!m_emptyCodeDir) {
            m_emptyCodeDir = std::make_unique<QTemporaryDir>();
        }
        spec.function.codeDir = m_emptyCodeDir->path();
    }
    spec.runtimesDir = m_runtimes->runtimesDir();
    spec.region = m_options.region;
    spec.accountId = m_options.accountId;
    spec.version = version;
    spec.provisioned = provisioned;
    spec.initTimeoutMs = m_options.initTimeoutMs;

    auto *env = new ExecutionEnvironment(spec, m_journal, m_gate, this);
    auto *idleTimer = new QTimer(env);
    idleTimer->setSingleShot(true);
    env->setProperty(kIdleTimerProperty, QVariant::fromValue(idleTimer));
    connect(idleTimer, &QTimer::timeout, env, [env] { env->shutdown(u"idle"_s); });
    connect(env, &ExecutionEnvironment::becameIdle, this, [this, env] { environmentIdle(env); });
    connect(env, &ExecutionEnvironment::died, this, [this, env] { environmentDied(env); });
    envs.append(env);

    JournalRecord rec;
    rec.kind = JournalKind::EnvironmentCreated;
    rec.functionName = function.functionName;
    rec.environmentId = env->id();
    rec.data = {{"runtime", function.runtime.toStdString()},
                {"memoryMb", function.memoryMb},
                {"logStream", env->logStreamName().toStdString()},
                {"sandbox", caps.summary().toStdString()},
                {"version", version.toStdString()},
                {"provisioned", provisioned},
                {"architecture", function.architecture.toStdString()},
                {"ephemeralStorageMb", function.ephemeralStorageMb}};
    m_journal->append(rec);
    return env;
}

void Engine::environmentIdle(ExecutionEnvironment *environment)
{
    // Provisioned environments stay allocated; on-demand ones are shut down when idle too long.
    if (environment->isProvisioned()) {
        return;
    }
    if (auto *timer = environment->property(kIdleTimerProperty).value<QTimer *>()) {
        timer->start(TimeScale::scaledMs(m_options.idleTimeoutMs));
    }
}

void Engine::environmentDied(ExecutionEnvironment *environment)
{
    for (auto it = m_environments.begin(); it != m_environments.end(); ++it) {
        it->removeAll(environment);
    }
    environment->deleteLater();
}

QList<ExecutionEnvironment *> Engine::environments(const QString &functionName) const
{
    if (!functionName.isEmpty()) {
        if (const FunctionConfig *f = function(functionName)) {
            return m_environments.value(f->functionName);
        }
        return {};
    }
    QList<ExecutionEnvironment *> all;
    for (const auto &envs : m_environments) {
        all += envs;
    }
    return all;
}

void Engine::shutdownAll(const QString &reason)
{
    const QList<ExecutionEnvironment *> all = environments();
    for (ExecutionEnvironment *env : all) {
        env->shutdown(reason);
    }
}

} // namespace Lwb
