// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"

#include <QtCore/QMap>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb {

/**
 * What the Lambda control plane knows about one function beyond the engine's FunctionConfig:
 * the fields of Lambda's FunctionConfiguration that the engine does not use (Role,
 * TracingConfig, RevisionId, LastModified, CodeSha256 …), its resource policy, its
 * event-invoke and provisioned-concurrency configurations, and its tags.
 *
 * A plain value type; thread-agnostic. toStoreJson()/fromStoreJson() are what the control
 * plane persists; configuration() is the FunctionConfiguration the API answers with.
 */
struct LWB_CORE_EXPORT FunctionRecord
{
    /** Where the function came from: CreateFunction, or the project's template.yaml. */
    enum class Origin { Api, Template };

    /** One PutFunctionEventInvokeConfig: members that were omitted stay unset. */
    struct EventInvokeConfig
    {
        std::optional<int> maximumRetryAttempts;
        std::optional<int> maximumEventAgeSeconds;
        QString onSuccess; ///< destination ARN, empty when unset
        QString onFailure; ///< destination ARN, empty when unset
        qint64 lastModifiedMs = 0;
    };

    /** One PutProvisionedConcurrencyConfig, per version or alias. */
    struct ProvisionedConfig
    {
        int requested = 0;
        qint64 lastModifiedMs = 0;
    };

    FunctionConfig config;
    Origin origin = Origin::Api;
    QString role;
    QString revisionId;
    qint64 lastModifiedMs = 0;
    QString codeSha256;       ///< base64 SHA-256 (of the zip, or of the folder's content)
    qint64 codeSize = -1;     ///< bytes of the zip (or the folder's files); -1 unknown yet
    QString codeZipPath;      ///< the stored zip (functions created from a zip)
    bool codeIsOwned = false; ///< codeDir was unpacked by the control plane (deleted with it)
    QString tracingMode = QStringLiteral("PassThrough");
    QString kmsKeyArn;
    QString deadLetterTargetArn;
    QString logFormat = QStringLiteral("Text");
    QString logGroup;         ///< empty: /aws/lambda/<name>
    nlohmann::json vpcConfig; ///< echoed as given (null when unset)
    QMap<QString, QString> tags;
    /// Qualifier ("" for the unqualified function) → policy statements (a JSON array).
    QMap<QString, nlohmann::json> policies;
    /// Qualifier ("$LATEST", a version or an alias) → event invoke configuration.
    QMap<QString, EventInvokeConfig> eventInvokeConfigs;
    /// Qualifier (a version or an alias) → provisioned concurrency.
    QMap<QString, ProvisionedConfig> provisioned;

    QString name() const { return config.functionName; }

    /** A fresh RevisionId and (when @p codeOrConfigChanged) LastModified. */
    void touch(bool codeOrConfigChanged = true);

    /** Lambda's LastModified format: `2026-11-27T15:00:00.000+0000`. */
    static QString lambdaTimestamp(qint64 msSinceEpoch);

    /**
     * The FunctionConfiguration Lambda returns for this function, with Lambda's field names
     * and order; @p version "$LATEST" or a published version number.
     */
    nlohmann::ordered_json configuration(const QString &region, const QString &accountId,
                                         const QString &version = QStringLiteral("$LATEST")) const;

    /** A FunctionEventInvokeConfig as the API returns it. */
    static nlohmann::ordered_json eventInvokeConfigJson(const EventInvokeConfig &config,
                                                        const QString &functionArn);
    /** The engine's AsyncInvokeConfig for an event invoke configuration (defaults filled in). */
    AsyncInvokeConfig asyncConfigFor(const EventInvokeConfig &config) const;

    /** Everything above, for the control plane's store. */
    nlohmann::json toStoreJson() const;
    static std::optional<FunctionRecord> fromStoreJson(const nlohmann::json &json,
                                                       QString *error = nullptr);
};

} // namespace Lwb
