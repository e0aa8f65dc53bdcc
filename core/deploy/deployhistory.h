// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deploy/lambdaclient.h"
#include "lwb_core_export.h"

#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace Lwb {

/** One recorded deploy, rollback or traffic shift. A plain value type. */
struct LWB_CORE_EXPORT DeployRecord
{
    QString time;     ///< ISO 8601 UTC with milliseconds
    QString endpoint; ///< the Lambda endpoint's URL
    QString region;
    QString account; ///< an AWS target's account id or profile (empty: "default")
    QString operation = QStringLiteral("Deploy"); ///< "Deploy", "Rollback" or "Traffic"
    QString logicalId;
    QString functionName;
    QString codeSha256;
    QString version; ///< the version published (rolled back to, or given traffic)
    QString alias;
    QString previousAliasVersion;  ///< where the alias pointed before
    QString aliasVersion;          ///< where it points afterwards
    LambdaClient::Weights weights; ///< its AdditionalVersionWeights afterwards
    bool ok = false;
    QString error;
};

/**
 * The project's deploy history, written by Deployer and read by `lwb deploy` and the deploy
 * panel. It lives in the project's version repository (VersionStore, `.lwb/versions.git`): each
 * target has a ref `refs/deployments/<targetKey()>` whose commits, one per record, hold the
 * record as `deployment.json` (toJson()), with summary() as message and the record's time as
 * author and committer date; a commit's parent is the previous record on that target, so
 * `git log refs/deployments/<key>` lists what went where. Appends are compare-and-swap ref
 * updates: several processes and threads may record at once.
 *
 * The functions take the history's historical path, `<project>/.lwb/deployments.json`
 * (defaultPath()); the repository is `versions.git` beside it. A JSON list left there by an
 * older version is imported once (oldest first) when no deployment refs exist yet, then
 * renamed to `deployments.json.imported`. Stateless; thread-safe.
 */
class LWB_CORE_EXPORT DeployHistory
{
public:
    /** `<projectDir>/.lwb/deployments.json`. */
    static QString defaultPath(const QString &projectDir);

    /**
     * The records of every target of the history at @p path, oldest first (the targets' chains
     * merged by time); none when there is no history or it cannot be read.
     */
    static std::vector<DeployRecord> read(const QString &path);
    /** Appends @p record to its target's chain; false and @p error when it cannot be written. */
    static bool append(const QString &path, const DeployRecord &record, QString *error);

    /**
     * The ref name part of @p record's target: `local-<host>-<port>` for an endpoint of our
     * own (or any non-AWS one), `aws-<account-or-profile>-<region>` for AWS Lambda; characters
     * a ref name cannot hold become '-'.
     */
    static QString targetKey(const DeployRecord &record);
    /**
     * One line saying what @p record did, e.g. "Deploy HelloWorldFunction 3 → alias live (local
     * 127.0.0.1:3001)", "… at 10 %" for a canary, "… — failed" when it failed.
     */
    static QString summary(const DeployRecord &record);
    /** @p record as the JSON object `deployment.json` holds (and deployments.json held). */
    static nlohmann::json toJson(const DeployRecord &record);
    /** A record from toJson()'s object, or from an older one ("Rollback": true, missing keys). */
    static DeployRecord fromJson(const nlohmann::json &object);

    /**
     * The last successful deploy that published a version of @p functionName's @p alias on
     * @p endpoint — the version a traffic shift sends traffic to, and (previousAliasVersion) the
     * one the rest stays on; nullptr when there is none.
     */
    static const DeployRecord *lastPublished(const std::vector<DeployRecord> &records,
                                             const QString &endpoint, const QString &functionName,
                                             const QString &alias);
};

} // namespace Lwb
