// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb {

/**
 * Reads a YAML or JSON document that a template points to (an OpenAPI definition named by
 * DefinitionUri, an AWS::Include location) into CloudFormation's JSON form: plain scalars typed
 * as SAM's PyYAML types them, short intrinsic tags (!Sub, !GetAtt …) in their long form.
 * Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT YamlDocument
{
public:
    /** The document at @p path; nullopt with @p error (file, line and column) when unreadable. */
    static std::optional<nlohmann::json> read(const QString &path, QString *error);
};

} // namespace Lwb
