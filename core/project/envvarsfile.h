// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "model/problem.h"

#include <QtCore/QByteArray>
#include <QtCore/QMap>
#include <QtCore/QString>

#include <optional>
#include <vector>

namespace Lwb {

/**
 * SAM CLI's --env-vars file:
 *   {"Parameters": {"STAGE": "dev"}, "MyFunction": {"TABLE": "local"}}
 * "Parameters" applies to every function; an object named after a function (its logical id,
 * or else its FunctionName) applies to that function and wins over "Parameters". As in SAM CLI,
 * only variables the template declares in the function's Environment.Variables are overridden
 * — others are ignored —, and non-string values are stringified (true → "true", 5 → "5",
 * null/objects/arrays → "").
 *
 * A plain value type; thread-agnostic.
 */
class LWB_CORE_EXPORT EnvVarsFile
{
public:
    /** Reads @p path; on failure returns nullopt and fills @p problem (with line/column). */
    static std::optional<EnvVarsFile> load(const QString &path, Problem *problem = nullptr);

    /** Parses @p json; @p fileName names the file in the problem. */
    static std::optional<EnvVarsFile> fromJson(const QByteArray &json, const QString &fileName,
                                               Problem *problem = nullptr);

    /** The "Parameters" section. */
    QMap<QString, QString> globalVariables() const;

    /** The section for one key (a logical id or function name), empty if none. */
    QMap<QString, QString> section(const QString &key) const;

    /** Every value the file offers this function: Parameters, then its own section on top. */
    QMap<QString, QString> variablesFor(const FunctionConfig &function) const;

    /** Overrides the function's declared variables; returns the names that changed value. */
    QStringList applyTo(FunctionConfig &function) const;

private:
    QMap<QString, QMap<QString, QString>> m_sections;
};

/** Applies @p file to every function (see EnvVarsFile). */
LWB_CORE_EXPORT void applyEnvVarsOverrides(std::vector<FunctionConfig> &functions,
                                           const EnvVarsFile &file);

} // namespace Lwb
