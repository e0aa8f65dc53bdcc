// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "engine/executionenvironment.h"
#include "engine/ids.h"
#include "engine/journal.h"
#include "model/jsonobject.h"
#include "engine/platformlog.h"
#include "engine/runtimecatalogue.h"
#include "engine/scheduler.h"
#include "engine/stepgate.h"
#include "engine/timescale.h"
#include "sandbox/forkserver.h"
#include "sandbox/sandbox.h"
#include "versions/versionstore.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRandomGenerator>
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
    m_forkServers = new ForkServerPool(this);
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
    // Installed: next to the running program (bin/ → share/lambda-workbench), wherever the
    // prefix is; a program running from the build tree has none there and uses the sources.
    if (QCoreApplication::instance()) {
        const QString installed = QCoreApplication::applicationDirPath() + u"/../"_s +
                                  QStringLiteral(LWB_INSTALL_DATADIR) + u"/lambda-workbench"_s;
        if (QFileInfo::exists(installed + u"/runtimes"_s)) {
            return QDir::cleanPath(installed);
        }
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
            // A published version is immutable: its on-demand environments stay warm when
            // $LATEST changes (provisioned ones end: AutoPublishAlias moves the allocation).
            const bool removed = !present.contains(name);
            const QList<ExecutionEnvironment *> envs = m_environments.value(name);
            for (ExecutionEnvironment *env : envs) {
                if (removed || env->version() == u"$LATEST"_s || env->isProvisioned()) {
                    env->shutdown(u"code-changed"_s);
                }
            }
        }
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!present.contains(it.key())) {
            forgetVersions(it.key());
            m_scheduler->removeFunction(it.key());
        }
    }
    // SAM's AutoPublishAlias: the code as loaded becomes a new version (when it changed) and
    // the alias points at it; provisioned concurrency is allocated on that alias. Published on
    // the next turn of the event loop (or when versions are first asked for), so that a host
    // opening the project's store right after setFunctions() publishes only there.
    bool any = false;
    for (const FunctionConfig &f : m_functions) {
        if (f.autoPublishAlias.isEmpty()) {
            continue;
        }
        any = true;
        if (!keep.contains(f.functionName) && f.provisionedConcurrency > 0) {
            m_provisionPending.insert(f.functionName);
        }
    }
    if (any && !m_autoPublishPending) {
        m_autoPublishPending = true;
        QTimer::singleShot(0, this, &Engine::autoPublish);
    }
    // Next turn too: the environment a fork server is made for includes the Lambda API's
    // endpoint, which the host announces after loading the functions.
    if (!m_forkServersPending) {
        m_forkServersPending = true;
        QTimer::singleShot(0, this, [this] {
            m_forkServersPending = false;
            prepareForkServers();
        });
    }
}

VersionStore *Engine::versionStore()
{
    if (!m_store) {
        m_storeDir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<VersionStore>();
        m_store->setAccount(m_options.region, m_options.accountId);
        VersionError error;
        if (!m_storeDir->isValid()
            || !m_store->open(m_storeDir->filePath(u"versions.git"_s), &error)) {
            warnOnce(u"Versions cannot be published: "_s
                     + (error.isError() ? error.message : m_storeDir->errorString()));
        }
    }
    autoPublish(); // a no-op unless setFunctions() left AutoPublishAlias work
    return m_store.get();
}

bool Engine::openVersionStore(const QString &repositoryPath, QString *errorMessage)
{
    auto store = std::make_unique<VersionStore>();
    store->setAccount(m_options.region, m_options.accountId);
    VersionError error;
    if (!store->open(repositoryPath, &error)) {
        if (errorMessage) {
            *errorMessage = error.message;
        }
        return false;
    }
    const bool replacing = m_store != nullptr;
    m_store = std::move(store);
    m_storeDir.reset();
    m_versionConfigs.clear();
    m_aliasCache.clear();
    if (replacing) {
        // What ran from the previous store's versions ends; AutoPublishAlias starts over here.
        for (ExecutionEnvironment *env : environments()) {
            if (env->version() != u"$LATEST"_s) {
                env->shutdown(u"version-store-changed"_s);
            }
        }
        m_provisioningQueue.clear();
        for (const FunctionConfig &f : m_functions) {
            if (!f.autoPublishAlias.isEmpty() && f.provisionedConcurrency > 0) {
                m_provisionPending.insert(f.functionName);
            }
        }
    }
    for (const FunctionConfig &f : m_functions) {
        if (!f.autoPublishAlias.isEmpty()) {
            m_autoPublishPending = true;
        }
    }
    autoPublish();
    return true;
}

void Engine::autoPublish()
{
    if (!m_autoPublishPending) {
        return;
    }
    m_autoPublishPending = false;
    VersionStore *store = versionStore();
    const std::vector<FunctionConfig> functions = m_functions;
    for (const FunctionConfig &f : functions) {
        if (f.autoPublishAlias.isEmpty()) {
            continue;
        }
        VersionError error;
        const std::optional<PublishedVersion> published = store->publish(f, {}, &error);
        std::optional<AliasConfig> alias;
        if (published) {
            alias = store->alias(f.functionName, f.autoPublishAlias, &error);
            if (alias && alias->functionVersion != published->version) {
                AliasUpdate update;
                update.functionVersion = published->version;
                if (alias->additionalVersionWeights.contains(published->version)) {
                    update.additionalVersionWeights = QMap<QString, double>();
                }
                alias = store->updateAlias(f.functionName, f.autoPublishAlias, update, &error);
            } else if (!alias && error.code == VersionErrorCode::NotFound) {
                AliasConfig config;
                config.function = f.functionName;
                config.name = f.autoPublishAlias;
                config.functionVersion = published->version;
                alias = store->createAlias(config, &error);
            }
        }
        m_aliasCache.remove(f.functionName);
        if (!alias) {
            warnOnce(f.logicalId + u": AutoPublishAlias "_s + f.autoPublishAlias + u": "_s
                     + error.message);
            continue;
        }
        if (m_provisionPending.remove(f.functionName)) {
            provision(f);
        }
    }
    m_provisionPending.clear();
}

void Engine::forgetVersions(const QString &functionName)
{
    m_aliasCache.remove(functionName);
    for (auto it = m_versionConfigs.begin(); it != m_versionConfigs.end();) {
        it = it->first.first == functionName ? m_versionConfigs.erase(it) : std::next(it);
    }
}

std::optional<PublishedVersion> Engine::publishVersion(const QString &functionName,
                                                       const QString &description,
                                                       const QString &codeSha256,
                                                       VersionError *error)
{
    autoPublish();
    const FunctionConfig *f = function(functionName);
    if (!f) {
        if (error) {
            error->code = VersionErrorCode::NotFound;
            error->message = u"Function not found: arn:aws:lambda:"_s + m_options.region + u':'
                             + m_options.accountId + u":function:"_s + functionName;
        }
        return std::nullopt;
    }
    const FunctionConfig latest = *f;
    return versionStore()->publish(latest, description, error, codeSha256);
}

std::optional<AliasConfig> Engine::createAlias(const AliasConfig &alias, VersionError *error)
{
    autoPublish();
    m_aliasCache.remove(alias.function);
    return versionStore()->createAlias(alias, error);
}

std::optional<AliasConfig> Engine::updateAlias(const QString &functionName, const QString &name,
                                               const AliasUpdate &update, VersionError *error)
{
    autoPublish();
    m_aliasCache.remove(functionName);
    return versionStore()->updateAlias(functionName, name, update, error);
}

bool Engine::deleteAlias(const QString &functionName, const QString &name, VersionError *error)
{
    autoPublish();
    m_aliasCache.remove(functionName);
    return versionStore()->deleteAlias(functionName, name, error);
}

bool Engine::deleteVersion(const QString &functionName, const QString &version,
                           VersionError *error)
{
    autoPublish();
    if (!versionStore()->deleteVersion(functionName, version, error)) {
        return false;
    }
    m_versionConfigs.erase({functionName, version});
    for (ExecutionEnvironment *env : m_environments.value(functionName)) {
        if (env->version() == version) {
            env->shutdown(u"version-deleted"_s);
        }
    }
    return true;
}

const AliasConfig *Engine::cachedAlias(const QString &functionName, const QString &name)
{
    auto it = m_aliasCache.find(functionName);
    if (it == m_aliasCache.end()) {
        QHash<QString, AliasConfig> byName;
        VersionError error;
        for (AliasConfig &alias : versionStore()->aliases(functionName, &error)) {
            byName.insert(alias.name, std::move(alias));
        }
        it = m_aliasCache.insert(functionName, byName);
    }
    auto alias = it->constFind(name);
    return alias == it->constEnd() ? nullptr : &*alias;
}

void Engine::provision(const FunctionConfig &function)
{
    const AliasConfig *alias = cachedAlias(function.functionName, function.autoPublishAlias);
    const QString version = alias ? alias->functionVersion : QString();
    allocateProvisioned(function.functionName, version, function.provisionedConcurrency);
}

void Engine::allocateProvisioned(const QString &functionName, const QString &version, int count)
{
    const FunctionConfig *config = configFor(functionName, version);
    if (!config || count <= 0) {
        return;
    }
    const FunctionConfig snapshot = *config;
    auto allocate = [this, snapshot, version, count] {
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

void Engine::setAsyncConfig(const QString &functionName, const QString &qualifier,
                            const std::optional<AsyncInvokeConfig> &config)
{
    if (config) {
        m_asyncConfigs[functionName].insert(qualifier, *config);
    } else if (auto it = m_asyncConfigs.find(functionName); it != m_asyncConfigs.end()) {
        it->remove(qualifier);
    }
}

AsyncInvokeConfig Engine::asyncConfigFor(const QString &functionName, const QString &qualifier) const
{
    const FunctionConfig *f = function(functionName);
    if (!f) {
        return {};
    }
    if (!qualifier.isEmpty() && qualifier != u"$LATEST"_s) {
        const auto perQualifier = m_asyncConfigs.constFind(f->functionName);
        if (perQualifier != m_asyncConfigs.cend()) {
            const auto it = perQualifier->constFind(qualifier);
            if (it != perQualifier->cend()) {
                return *it;
            }
        }
    }
    return f->asyncConfig;
}

int Engine::provisionedEnvironments(const QString &functionName, const QString &version) const
{
    int count = 0;
    for (const ExecutionEnvironment *env : m_environments.value(functionName)) {
        if (env->isProvisioned() && env->version() == version && env->state() != ExecutionEnvironment::State::Dead) {
            ++count;
        }
    }
    for (const auto &[config, queuedVersion] : m_provisioningQueue) {
        if (config.functionName == functionName && queuedVersion == version) {
            ++count;
        }
    }
    return count;
}

bool Engine::setProvisionedConcurrency(const QString &functionName, const QString &qualifier, int count,
                                       QString *error)
{
    const FunctionConfig *f = function(functionName);
    const QString version = f ? resolveQualifier(*f, qualifier) : QString();
    if (version.isEmpty() || version == u"$LATEST"_s) {
        if (error) {
            *error = u"no published version or alias %1 of %2"_s.arg(qualifier, functionName);
        }
        return false;
    }
    // Fewer: drop queued allocations first, then end idle provisioned environments.
    int excess = provisionedEnvironments(functionName, version) - std::max(0, count);
    for (auto it = m_provisioningQueue.begin(); excess > 0 && it != m_provisioningQueue.end();) {
        if (it->first.functionName == functionName && it->second == version) {
            it = m_provisioningQueue.erase(it);
            --excess;
        } else {
            ++it;
        }
    }
    const QList<ExecutionEnvironment *> envs = m_environments.value(functionName);
    for (ExecutionEnvironment *env : envs) {
        if (excess <= 0) {
            break;
        }
        if (env->isProvisioned() && env->version() == version && env->state() != ExecutionEnvironment::State::Dead) {
            env->shutdown(u"provisioned-concurrency-removed"_s);
            --excess;
        }
    }
    // More: allocate the difference, a few at a time.
    if (excess < 0) {
        allocateProvisioned(functionName, version, -excess);
    }
    return true;
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

const FunctionConfig *Engine::configFor(const QString &functionName, const QString &version)
{
    if (version == u"$LATEST"_s) {
        return function(functionName);
    }
    if (version.isEmpty() || !function(functionName)) {
        return nullptr;
    }
    autoPublish();
    const std::pair<QString, QString> key{functionName, version};
    auto it = m_versionConfigs.find(key);
    if (it == m_versionConfigs.end()) {
        // A version runs from the store's read-only copy of its snapshot, so that $LATEST may
        // change under it.
        VersionError error;
        std::optional<FunctionConfig> config =
            versionStore()->runnableConfiguration(functionName, version, &error);
        if (!config) {
            if (error.code != VersionErrorCode::NotFound) {
                warnOnce(u"Version %1 of %2: %3"_s.arg(version, functionName, error.message));
            }
            return nullptr;
        }
        it = m_versionConfigs.emplace(key, std::move(*config)).first;
    }
    return &it->second;
}

QString Engine::resolveQualifier(const FunctionConfig &function, const QString &qualifier)
{
    if (qualifier.isEmpty() || qualifier == u"$LATEST"_s) {
        return u"$LATEST"_s;
    }
    const QString name = function.functionName;
    QString version = qualifier;
    if (!qualifier.front().isDigit()) {
        autoPublish();
        const AliasConfig *alias = cachedAlias(name, qualifier);
        if (!alias) {
            return {};
        }
        version = alias->route(QRandomGenerator::global()->generateDouble());
    }
    return configFor(name, version) ? version : QString();
}

QStringList Engine::versions(const QString &functionName)
{
    autoPublish();
    return versionStore()->versions(functionName);
}

QHash<QString, QString> Engine::aliases(const QString &functionName)
{
    autoPublish();
    QHash<QString, QString> out;
    VersionError error;
    for (const AliasConfig &alias : versionStore()->aliases(functionName, &error)) {
        out.insert(alias.name, alias.functionVersion);
    }
    return out;
}

void Engine::resolveLayers(FunctionConfig &function)
{
    for (LayerConfig &layer : function.layers) {
        if (!layer.contentDir.isEmpty() || layer.unresolvedReference.isEmpty() || !m_layerResolver) {
            continue;
        }
        QString why;
        if (std::optional<QString> dir = m_layerResolver(layer.unresolvedReference, &why)) {
            layer.contentDir = *dir;
        } else {
            warnOnce(u"%1: layer %2 is not available locally (%3); the function runs without it"_s
                         .arg(function.logicalId, layer.unresolvedReference, why));
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
    m_journal->append(std::move(rec));
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
        rec.data = jsonObject("source", request.source.toStdString(), "payloadBytes", request.payload.size());
        if (request.eventAgeMs >= 0) {
            // An async delivery: its age feeds AsyncEventAge.
            rec.data["eventAgeMs"] = request.eventAgeMs;
            rec.data["attempt"] = request.attempt;
        }
        m_journal->append(std::move(rec));
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
    // Checked without building a document (accept); only a refused payload is parsed again,
    // for the parser's message.
    if (!request.payload.isEmpty() && !request.payloadIsJson
        && !nlohmann::json::accept(request.payload.constBegin(), request.payload.constEnd())) {
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
        m_journal->append(std::move(rec));
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
        m_journal->append(std::move(rec));
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

std::optional<EnvironmentSpec> Engine::environmentSpec(const FunctionConfig &function,
                                                       const QString &version, bool provisioned,
                                                       QString *error)
{
    QString runtimeError;
    EnvironmentSpec spec;
    spec.runtime = m_runtimes->resolve(function.runtime, &runtimeError);
    if (!spec.runtime.isValid()) {
        *error = runtimeError;
        return std::nullopt;
    }
    const SandboxCapabilities &caps = SandboxCapabilities::probe();
    if (!caps.isFullIsolation()) {
        warnOnce(u"Sandbox: "_s + caps.summary());
    }
    spec.function = function;
    resolveLayers(spec.function);
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
    spec.forkServers = m_forkServers;
    return spec;
}

void Engine::prepareForkServers()
{
    for (const FunctionConfig &f : m_functions) {
        QString error;
        if (const std::optional<EnvironmentSpec> spec = environmentSpec(f, u"$LATEST"_s, false, &error);
            spec && spec->runtime.family == u"python"_s) {
            ExecutionEnvironment(*spec, m_journal).prepareForkServer();
        }
    }
}

ExecutionEnvironment *Engine::createEnvironment(const FunctionConfig &function,
                                                const QString &version, bool provisioned,
                                                QString *error)
{
    const std::optional<EnvironmentSpec> spec = environmentSpec(function, version, provisioned, error);
    if (!spec) {
        return nullptr;
    }
    QList<ExecutionEnvironment *> &envs = m_environments[function.functionName];
    auto *env = new ExecutionEnvironment(*spec, m_journal, m_gate, this);
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
                {"sandbox", SandboxCapabilities::probe().summary().toStdString()},
                {"version", version.toStdString()},
                {"provisioned", provisioned},
                {"architecture", function.architecture.toStdString()},
                {"ephemeralStorageMb", function.ephemeralStorageMb}};
    m_journal->append(std::move(rec));
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
