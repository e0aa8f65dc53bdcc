// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "engine/executionenvironment.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "engine/platformlog.h"
#include "engine/runtimecatalogue.h"
#include "sandbox/sandbox.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>

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

Engine::Engine(const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_journal(new Journal(this))
{
    if (m_options.resourcesDir.isEmpty()) {
        m_options.resourcesDir = defaultResourcesDir();
    }
    m_runtimes = std::make_unique<RuntimeCatalogue>(m_options.resourcesDir + u"/runtimes"_s);
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
    for (const FunctionConfig &f : m_functions) {
        if (before.value(f.functionName) == fingerprint(f)) {
            keep.insert(f.functionName);
        }
        // Resolve runtimes now: the host interpreter's version is probed once, off the
        // cold-start path.
        RuntimeInfo info = m_runtimes->resolve(f.runtime);
        if (!info.warning.isEmpty()) {
            warnOnce(info.warning);
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
    InvokeResult r;
    r.requestId = request.requestId;
    r.httpStatus = status;
    r.serviceErrorCode = code;
    r.serviceErrorMessage = message;
    r.payload = QByteArray::fromStdString(
        nlohmann::json{{"Type", "User"}, {"message", message.toStdString()}}.dump());
    return r;
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
        done(serviceError(request, 404, u"ResourceNotFoundException"_s,
                          u"Function not found: arn:aws:lambda:"_s + m_options.region + u':'
                              + m_options.accountId + u":function:"_s + request.functionName
                              + u':' + (request.qualifier.isEmpty() ? u"$LATEST"_s : request.qualifier)));
        return;
    }
    if (request.payload.size() > kMaxSyncPayloadBytes) {
        done(serviceError(request, 413, u"RequestEntityTooLargeException"_s,
                          u"Request must be smaller than 6291456 bytes for the InvokeFunction operation"_s));
        return;
    }
    if (!request.payload.isEmpty()) {
        try {
            (void)nlohmann::json::parse(request.payload.constBegin(), request.payload.constEnd());
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

    if (request.type == InvocationType::DryRun) {
        InvokeResult r;
        r.requestId = request.requestId;
        r.httpStatus = 204;
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

    QString error;
    ExecutionEnvironment *env = acquireEnvironment(*f, &error);
    if (!env) {
        done(serviceError(request, 400, u"InvalidParameterValueException"_s, error));
        return;
    }
    env->invoke(request, std::move(done));
}

ExecutionEnvironment *Engine::acquireEnvironment(const FunctionConfig &function, QString *error)
{
    QList<ExecutionEnvironment *> &envs = m_environments[function.functionName];
    // The most recently used idle environment first: it is the warmest.
    for (auto it = envs.rbegin(); it != envs.rend(); ++it) {
        if ((*it)->state() == ExecutionEnvironment::State::Idle) {
            ExecutionEnvironment *env = *it;
            if (auto *timer = env->property(kIdleTimerProperty).value<QTimer *>()) {
                timer->stop();
            }
            envs.erase(std::next(it).base());
            envs.append(env);
            return env;
        }
    }

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
    spec.initTimeoutMs = m_options.initTimeoutMs;

    auto *env = new ExecutionEnvironment(spec, m_journal, this);
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
                {"sandbox", caps.summary().toStdString()}};
    m_journal->append(rec);
    return env;
}

void Engine::environmentIdle(ExecutionEnvironment *environment)
{
    if (auto *timer = environment->property(kIdleTimerProperty).value<QTimer *>()) {
        timer->start(m_options.idleTimeoutMs);
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
