// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "model/invocation.h"
#include "versions/aliasconfig.h"
#include "versions/publishedversion.h"
#include "versions/versionerror.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QTemporaryDir;

namespace Lwb {

class ExecutionEnvironment;
class ForkServerPool;
struct EnvironmentSpec;
class Journal;
class RuntimeCatalogue;
class Scheduler;
class StepGate;
class VersionStore;

/** Plain settings of an Engine. */
struct LWB_CORE_EXPORT EngineOptions
{
    QString resourcesDir;                 ///< empty: Engine::defaultResourcesDir()
    int idleTimeoutMs = 5 * 60 * 1000;    ///< how long an idle environment is kept warm (time-scaled)
    int initTimeoutMs = 10000;            ///< Lambda's on-demand init limit (tests shorten it)
    int accountConcurrency = 1000;        ///< the account's concurrency limit
    int unreservedMinimum = 100;          ///< what reservations must leave unreserved
    int scalingLimit = 1000;              ///< new environments per function per scaling window
    int scalingWindowMs = 10000;          ///< the scaling window (time-scaled)
    int provisioningDelayMs = 0;          ///< extra wait before provisioned environments init (time-scaled)
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
};

/**
 * The engine facade: functions in, invocations run in execution environments, every
 * transition written to the Journal. Lives on one thread (the GUI runs it on its own thread,
 * the CLI on the main thread) and is driven by that thread's event loop; call it only from there.
 */
class LWB_CORE_EXPORT Engine : public QObject
{
    Q_OBJECT

public:
    using Completion = std::function<void(const InvokeResult &)>;

    explicit Engine(const EngineOptions &options = {}, QObject *parent = nullptr);
    ~Engine() override;

    Journal *journal() const { return m_journal; }
    const EngineOptions &options() const { return m_options; }
    RuntimeCatalogue *runtimes() const { return m_runtimes.get(); }

    /** resources/ next to the sources, or LWB_RESOURCES_DIR, or the installed data folder. */
    static QString defaultResourcesDir();

    /** Replaces the functions; environments of functions that changed are shut down. */
    void setFunctions(const std::vector<FunctionConfig> &functions);
    std::vector<FunctionConfig> functions() const { return m_functions; }
    /** The function whose logical id or name is @p name; nullptr if none. */
    const FunctionConfig *function(const QString &name) const;

    /**
     * The version a qualifier names for @p function: "$LATEST" for an empty qualifier or
     * $LATEST, the version for a number, and for an alias the version its weighted routing
     * picks for this one call; empty when there is no such version.
     */
    QString resolveQualifier(const FunctionConfig &function, const QString &qualifier);
    /** Published versions ("1", "2", …) and aliases (name → version) of a function. */
    QStringList versions(const QString &functionName);
    QHash<QString, QString> aliases(const QString &functionName);

    /**
     * Published versions and aliases live in a VersionStore (core/versions): a version is an
     * immutable snapshot of code and configuration and runs from the store's read-only copy,
     * never from the live code folder. Until openVersionStore() is called the engine keeps them
     * in a store of its own in a temporary folder (gone with the engine). Opening a store
     * re-publishes AutoPublishAlias functions into it; environments of versions end.
     */
    bool openVersionStore(const QString &repositoryPath, QString *errorMessage = nullptr);
    VersionStore *versionStore();
    /**
     * PublishVersion of $LATEST of @p functionName (a name or logical id): the existing newest
     * version when code and configuration did not change. @p codeSha256, when set, must match.
     */
    std::optional<PublishedVersion> publishVersion(const QString &functionName,
                                                   const QString &description,
                                                   const QString &codeSha256, VersionError *error);
    /** CreateAlias / UpdateAlias / DeleteAlias / DeleteFunction of a version, through the store;
     *  routing sees the change at once. @p alias.function is the function's name. */
    std::optional<AliasConfig> createAlias(const AliasConfig &alias, VersionError *error);
    std::optional<AliasConfig> updateAlias(const QString &functionName, const QString &name,
                                           const AliasUpdate &update, VersionError *error);
    bool deleteAlias(const QString &functionName, const QString &name, VersionError *error);
    bool deleteVersion(const QString &functionName, const QString &version, VersionError *error);

    /**
     * Finds the content folder of a layer a function names by ARN (LayerConfig::
     * unresolvedReference), called before an environment is created; nullopt (and @p error) when
     * it is not known here: the function then runs without it, with a warning.
     */
    using LayerResolver = std::function<std::optional<QString>(const QString &arn, QString *error)>;
    void setLayerResolver(LayerResolver resolver) { m_layerResolver = std::move(resolver); }

    /**
     * Provisioned concurrency on a published version or an alias (PutProvisionedConcurrencyConfig):
     * keeps @p count environments of that version initialised ahead of traffic, allocating the
     * missing ones a few at a time and ending idle ones beyond it (0 removes the allocation).
     * False with @p error when @p qualifier names no published version or alias.
     */
    bool setProvisionedConcurrency(const QString &functionName, const QString &qualifier, int count,
                                   QString *error = nullptr);
    /**
     * Asynchronous invocation settings of one published version or alias (an
     * EventInvokeConfig on a qualifier); nullopt removes them. Qualifiers without their own
     * use the function's (FunctionConfig::asyncConfig, i.e. $LATEST's).
     */
    void setAsyncConfig(const QString &functionName, const QString &qualifier,
                        const std::optional<AsyncInvokeConfig> &config);
    /** What the async queue applies to an event for @p functionName invoked as @p qualifier. */
    AsyncInvokeConfig asyncConfigFor(const QString &functionName, const QString &qualifier) const;
    /** Provisioned environments of @p version alive or being allocated. */
    int provisionedEnvironments(const QString &functionName, const QString &version) const;

    Scheduler *scheduler() const { return m_scheduler.get(); }
    StepGate *stepGate() const { return m_gate; }
    /** Where Python functions' environments are forked from (ForkServerPool). */
    ForkServerPool *forkServers() const { return m_forkServers; }

    /**
     * Runs @p request; @p done is called exactly once, on the engine's thread (possibly before
     * invoke() returns, for requests refused at once). RequestResponse runs the function and
     * answers with its result; Event hands the request to the async sink and answers 202 once it
     * is accepted; DryRun checks the request and answers 204.
     */
    void invoke(InvokeRequest request, Completion done);

    /**
     * Where Event invocations go (the persistent async queue installs itself here). The sink
     * answers at once: httpStatus 202 when the event is stored, or a service error. Without a
     * sink an Event runs at once, unqueued, and the caller still gets 202.
     */
    using AsyncSink = std::function<InvokeResult(const InvokeRequest &)>;
    void setAsyncSink(AsyncSink sink) { m_asyncSink = std::move(sink); }

    /** Live environments, of one function or of all. */
    QList<ExecutionEnvironment *> environments(const QString &functionName = {}) const;

    /** Ends every environment now. */
    void shutdownAll(const QString &reason = QStringLiteral("shutdown"));

    /** What the engine warned about so far (weaker sandbox, runtime version differences). */
    QStringList warnings() const { return m_warnings; }

Q_SIGNALS:
    void warningRaised(const QString &message);

private:
    void warnOnce(const QString &message);
    InvokeResult serviceError(const InvokeRequest &request, int status, const QString &code,
                              const QString &message) const;
    InvokeResult functionNotFound(const InvokeRequest &request, const QString &name) const;
    void dispatch(const InvokeRequest &request, const QString &version, Completion done);
    std::optional<EnvironmentSpec> environmentSpec(const FunctionConfig &function,
                                                   const QString &version, bool provisioned,
                                                   QString *error);
    ExecutionEnvironment *createEnvironment(const FunctionConfig &function, const QString &version,
                                            bool provisioned, QString *error);
    /// Starts the fork servers Python functions' environments will be forked from.
    void prepareForkServers();
    void provision(const FunctionConfig &function);
    void allocateProvisioned(const QString &functionName, const QString &version, int count);
    void provisionNext();
    const FunctionConfig *configFor(const QString &functionName, const QString &version);
    void autoPublish();
    const AliasConfig *cachedAlias(const QString &functionName, const QString &name);
    void forgetVersions(const QString &functionName);
    void resolveLayers(FunctionConfig &function);
    void environmentIdle(ExecutionEnvironment *environment);
    void environmentDied(ExecutionEnvironment *environment);

    EngineOptions m_options;
    Journal *m_journal;
    std::unique_ptr<RuntimeCatalogue> m_runtimes;
    std::unique_ptr<QTemporaryDir> m_emptyCodeDir;
    std::vector<FunctionConfig> m_functions;
    QHash<QString, QList<ExecutionEnvironment *>> m_environments; ///< by function name
    std::unique_ptr<VersionStore> m_store;        ///< published versions and aliases
    std::unique_ptr<QTemporaryDir> m_storeDir;    ///< the store's folder until openVersionStore()
    /// Runnable configurations of published versions (immutable), by (function, version).
    std::map<std::pair<QString, QString>, FunctionConfig> m_versionConfigs;
    QHash<QString, QHash<QString, AliasConfig>> m_aliasCache; ///< function → alias name → alias
    bool m_autoPublishPending = false;
    QHash<QString, QHash<QString, AsyncInvokeConfig>> m_asyncConfigs; ///< function → qualifier → config
    QSet<QString> m_provisionPending; ///< functions whose provisioned concurrency is (re)allocated
    LayerResolver m_layerResolver;
    std::unique_ptr<Scheduler> m_scheduler;
    StepGate *m_gate;
    QElapsedTimer m_clock;
    std::deque<std::pair<FunctionConfig, QString>> m_provisioningQueue; ///< config, version
    int m_provisioningInFlight = 0;
    QStringList m_warnings;
    AsyncSink m_asyncSink;
    /// A child, so that it moves with the engine to its thread; deleted before the environments.
    ForkServerPool *m_forkServers = nullptr;
    bool m_forkServersPending = false;
};

} // namespace Lwb
