// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deploy/lambdaclient.h"
#include "lwb_core_export.h"

#include <QtCore/QString>

#include <vector>

namespace Lwb {

/** One recorded deploy, rollback or traffic shift. A plain value type. */
struct LWB_CORE_EXPORT DeployRecord
{
    QString time;     ///< ISO 8601 UTC with milliseconds
    QString endpoint; ///< the Lambda endpoint's URL
    QString region;
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
 * The project's deploy history, `.lwb/deployments.json`: a JSON list of records, oldest first,
 * written by Deployer and read by `lwb deploy` and the deploy panel. Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT DeployHistory
{
public:
    /** `<projectDir>/.lwb/deployments.json`. */
    static QString defaultPath(const QString &projectDir);

    /** The records of @p path, oldest first (none when it is missing or unreadable). */
    static std::vector<DeployRecord> read(const QString &path);
    /** Appends @p record to @p path; false and @p error when it cannot be written. */
    static bool append(const QString &path, const DeployRecord &record, QString *error);

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
