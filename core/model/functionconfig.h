// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb {

/**
 * A layer as the engine sees it: a folder on disk whose content is merged read-only under
 * /opt. A plain value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT LayerConfig
{
    QString logicalId;          ///< template logical id (or the ARN/name it was referenced by)
    QString name;               ///< LayerName, or the logical id
    QString contentDir;         ///< absolute path of ContentUri on this machine; empty if unresolved
    QStringList compatibleRuntimes;
    QString unresolvedReference; ///< non-empty when the template names a layer we cannot run locally (an ARN)
};

/**
 * Where an asynchronous invocation record goes (EventInvokeConfig.DestinationConfig, or a
 * DeadLetterQueue). Locally a destination is another function of the project or a local queue
 * of the engine's store, named by the last part of the ARN / logical id. A plain value type.
 */
struct LWB_CORE_EXPORT DestinationConfig
{
    QString type;               ///< "Lambda", "SQS", "SNS", "EventBridge" (as in the template)
    QString target;             ///< ARN, or the logical id a !GetAtt/!Ref pointed to
    bool isSet() const { return !target.isEmpty(); }
};

/** Asynchronous invocation settings (EventInvokeConfig / DeadLetterQueue). A plain value type. */
struct LWB_CORE_EXPORT AsyncInvokeConfig
{
    int maximumRetryAttempts = 2;           ///< 0..2
    int maximumEventAgeSeconds = 21600;     ///< 60..21600
    DestinationConfig onSuccess;
    DestinationConfig onFailure;
    DestinationConfig deadLetterQueue;      ///< DeadLetterQueue.TargetArn (SQS or SNS)
};

/**
 * One function's effective configuration, after SAM's Globals are merged. A plain value type;
 * thread-agnostic. Paths are absolute.
 */
struct LWB_CORE_EXPORT FunctionConfig
{
    QString logicalId;              ///< the resource's logical id in the template
    QString functionName;           ///< FunctionName when given as a plain string, else logicalId
    QString runtime;                ///< e.g. python3.12, nodejs20.x, provided.al2023
    QString handler;                ///< e.g. app.lambda_handler; may be empty for provided runtimes
    QString codeDir;                ///< absolute path of CodeUri (the folder mounted at /var/task)
    QString description;
    int memoryMb = 128;
    int timeoutSeconds = 3;
    int ephemeralStorageMb = 512;
    QString architecture = QStringLiteral("x86_64");
    QString packageType = QStringLiteral("Zip");
    QMap<QString, QString> environment; ///< Environment.Variables (non-string intrinsics dropped)
    std::vector<LayerConfig> layers;
    std::optional<int> reservedConcurrency;  ///< ReservedConcurrentExecutions
    AsyncInvokeConfig asyncConfig;           ///< EventInvokeConfig + DeadLetterQueue
    QString autoPublishAlias;                ///< AutoPublishAlias: publish a version + this alias
    int provisionedConcurrency = 0;          ///< ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions (on the alias)
    nlohmann::json events = nlohmann::json::object(); ///< the raw Events map, for trigger plugins
    /// Role: an ARN, or the name of the template's AWS::IAM::Role; empty: SAM's generated role.
    QString role;
    /// SAM Policies as written (a list, or one item); with a template Role, that role's
    /// PolicyDocuments and ManagedPolicyArns in the same list form; null when neither is known.
    nlohmann::json policies;
    QStringList warnings;           ///< things the loader could not represent locally
};

} // namespace Lwb
