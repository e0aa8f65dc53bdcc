// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deploy/codediff.h"
#include "deploy/lambdaclient.h"
#include "deploy/packager.h"
#include "lwb_core_export.h"
#include "model/functionconfig.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>

namespace Lwb {

/** How one function is deployed. */
struct LWB_CORE_EXPORT DeployOptions
{
    QString alias; ///< publish a version and point this alias at it; empty: neither
    int canaryPercent =
        0; ///< 1..99: the alias keeps its version and sends this share to the new one
    QString rollbackVersion; ///< non-empty: only move the alias back to this version
    /// 0..100: only route this share of the alias's traffic to trafficVersion and the rest to
    /// trafficBaseVersion (100: the alias moves to trafficVersion; 0: back to the base)
    int trafficPercent = -1;
    QString trafficVersion;
    QString trafficBaseVersion;
    bool dryRun = false; ///< read only: plan and report, change nothing
    QString role;        ///< execution role ARN when the template names none
    int waitTimeoutMs = 300000;
    QString historyFile; ///< DeployHistory::defaultPath() of the project; empty: not recorded
};

/** A layer a deploy publishes (or finds already published with the same content). */
struct LWB_CORE_EXPORT LayerPlan
{
    QString layerName;
    QStringList compatibleRuntimes;
    QString packageSha256;
    qint64 packageBytes = 0;
    QString deployedArn;  ///< the newest LayerVersionArn on the target (empty when none)
    bool publish = false; ///< its content differs from the newest version's (or there is none)
};

/** What a deploy will do (or did), worked out from GetFunction / GetAlias. */
struct LWB_CORE_EXPORT DeployPlan
{
    QString functionName;
    bool exists = false;
    bool codeChanged = false;
    QString deployedSha256; ///< CodeSha256 on the target (empty when new)
    QString packageSha256;
    qint64 packageBytes = 0;
    QStringList configChanges; ///< "MemorySize: 128 → 256"
    QString aliasVersion;      ///< where the alias points now (empty: no alias yet)
    QStringList calls;         ///< the API calls that change something, in order
    QString operation = QStringLiteral("Deploy"); ///< "Deploy", "Rollback" or "Traffic"
    QList<LayerPlan> layers;                      ///< the function's layers, in order
    /// A dry run compares the deployed package with the new one file by file:
    bool filesCompared = false;
    QList<FileChange> fileChanges;
    QString filesError; ///< why the files could not be compared

    /** The plan as text lines: code, files, layers, configuration, the API calls. */
    QStringList describe() const;
};

/** What a finished deploy left on the target. */
struct LWB_CORE_EXPORT DeployOutcome
{
    bool ok = false;
    QString error; ///< "<Operation>: <ErrorType>: <message>"
    QString functionName;
    QString codeSha256;
    QString version;               ///< the version published (or rolled back to)
    QStringList layerVersionArns;  ///< the function's Layers afterwards
    QString aliasVersion;          ///< the alias's FunctionVersion afterwards
    LambdaClient::Weights weights; ///< its AdditionalVersionWeights afterwards
};

/**
 * Deploys one function to a Lambda endpoint through LambdaClient: packages its code
 * (Packager), compares CodeSha256 and configuration with GetFunction, creates the function or
 * updates its code (skipped when unchanged) and configuration, waits for LastUpdateStatus
 * Successful, publishes a version and creates or moves an alias — all at once, or as a canary
 * (the alias keeps its version and routes canaryPercent to the new one; a later deploy without
 * a canary moves it fully). A rollback moves the alias back to an earlier version.
 *
 * Layers of the template the function uses (LayerConfig with a content folder) are packaged the
 * same way and published first (PublishLayerVersion) unless the newest version on the target
 * holds the same content; the function's Layers then name those LayerVersionArns. A dry run also
 * downloads the deployed code (Code.Location) and lists the files that change. A traffic shift
 * only moves the alias's routing between two versions.
 *
 * Every deploy that changes something, failed or not, is appended to DeployOptions::historyFile
 * (the project's version history, DeployHistory). Lives in the client's thread; one
 * deploy at a time.
 */
class LWB_CORE_EXPORT Deployer : public QObject
{
    Q_OBJECT

public:
    explicit Deployer(LambdaClient *client, QObject *parent = nullptr);

    /** Starts deploying @p function; ends with finished(). */
    void deploy(const FunctionConfig &function, const DeployOptions &options);

    /** The configuration CreateFunction / UpdateFunctionConfiguration send for @p function. */
    static nlohmann::json lambdaConfiguration(const FunctionConfig &function, const QString &role);

Q_SIGNALS:
    /** The plan, before anything changes (and the only result of a dry run). */
    void planned(const Lwb::DeployPlan &plan);
    /** One line of progress: an API call made, a status seen. */
    void progress(const QString &message);
    /** @p done of @p total steps (API calls that change something, and the end) are done. */
    void stepped(int done, int total);
    void finished(const Lwb::DeployOutcome &outcome);

private:
    void planLayer(int index);
    void publishLayer(int index);
    void planFunction();
    void compareFiles(std::function<void()> next);
    void emitPlan();
    void planAlias();
    void uploadCode();
    void updateConfiguration();
    void publish();
    void moveAlias();
    void moveAliasOnly();
    void aliasMoved(const LambdaResult &result);
    void waitThen(const QString &what, std::function<void()> next);
    void call(const QString &description);
    void fail(const LambdaResult &result);
    void finish(DeployOutcome outcome);
    void record(const DeployOutcome &outcome);

    LambdaClient *m_client;
    FunctionConfig m_function;
    DeployOptions m_options;
    Package m_package;
    nlohmann::json m_desired;
    nlohmann::json m_changed; ///< the members of m_desired that differ on the target
    DeployPlan m_plan;
    DeployOutcome m_outcome;
    QList<Package> m_layerPackages; ///< parallel to m_plan.layers
    QStringList m_layerArns;        ///< the Layers the function is given (new ones filled in)
    QUrl m_codeLocation;            ///< GetFunction's Code.Location
    int m_stepsDone = 0;
};

} // namespace Lwb
