// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QString>

#include <optional>

namespace Lwb {

/**
 * An alias of a function (Lambda's AliasConfiguration without the ARN): a name pointing at a
 * version, optionally sending a share of the invocations to one additional version
 * (RoutingConfig.AdditionalVersionWeights). A plain value type.
 */
struct LWB_CORE_EXPORT AliasConfig
{
    QString function;
    QString name;
    QString functionVersion; ///< a version number or "$LATEST"
    QString description;
    QMap<QString, double> additionalVersionWeights; ///< at most one entry: version → 0.0..1.0
    QString revisionId;                             ///< a UUID, new on every change

    /** The version one invocation runs, given a uniform @p random01 in [0, 1). */
    QString route(double random01) const;
};

/**
 * An UpdateAlias request: what is not set stays as it is; an empty weights map removes the
 * routing configuration. A non-empty revisionId must match the alias's current one.
 */
struct LWB_CORE_EXPORT AliasUpdate
{
    std::optional<QString> functionVersion;
    std::optional<QString> description;
    std::optional<QMap<QString, double>> additionalVersionWeights;
    QString revisionId;
};

} // namespace Lwb
