// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    bool dryRun = false;     ///< read only: plan and report, change nothing
    QString role;            ///< execution role ARN when the template names none
    int waitTimeoutMs = 300000;
    QString historyFile; ///< JSON list every deploy is appended to; empty: not recorded
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
};

/** What a finished deploy left on the target. */
struct LWB_CORE_EXPORT DeployOutcome
{
    bool ok = false;
    QString error; ///< "<Operation>: <ErrorType>: <message>"
    QString functionName;
    QString codeSha256;
    QString version;               ///< the version published (or rolled back to)
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
 * Every deploy that changes something, failed or not, is appended to DeployOptions::historyFile
 * (the project's `.lwb/deployments.json`). Lives in the client's thread; one deploy at a time.
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
    void finished(const Lwb::DeployOutcome &outcome);

private:
    void planFunction();
    void planAlias();
    void uploadCode();
    void updateConfiguration();
    void publish();
    void moveAlias();
    void rollback();
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
};

} // namespace Lwb
