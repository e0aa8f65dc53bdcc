// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"

#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb {

/**
 * FunctionConfig ⇄ JSON, with SAM/Lambda-style keys (FunctionName, Runtime, Handler, CodeUri,
 * MemorySize, Timeout, EphemeralStorage.Size, Architectures, PackageType,
 * Environment.Variables, Layers, ReservedConcurrentExecutions, EventInvokeConfig,
 * DeadLetterQueue, AutoPublishAlias, ProvisionedConcurrentExecutions, Events, Warnings).
 * Output is deterministic (sorted keys), so equal configs give equal bytes. Stateless.
 */
class LWB_CORE_EXPORT FunctionConfigJson
{
public:
    static nlohmann::json toJson(const FunctionConfig &config);
    static nlohmann::json toJson(const LayerConfig &layer);
    static nlohmann::json toJson(const AsyncInvokeConfig &async);

    /** Missing keys keep FunctionConfig's defaults; wrong types give nullopt and @p error. */
    static std::optional<FunctionConfig> fromJson(const nlohmann::json &json,
                                                  QString *error = nullptr);
    static std::optional<LayerConfig> layerFromJson(const nlohmann::json &json,
                                                    QString *error = nullptr);
    static std::optional<AsyncInvokeConfig> asyncFromJson(const nlohmann::json &json,
                                                          QString *error = nullptr);
};

} // namespace Lwb
