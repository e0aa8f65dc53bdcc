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
    std::optional<int> reservedConcurrency;
    nlohmann::json events = nlohmann::json::object(); ///< the raw Events map, for trigger plugins
    QStringList warnings;           ///< things the loader could not represent locally
};

} // namespace Lwb
