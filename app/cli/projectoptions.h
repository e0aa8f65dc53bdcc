// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/functionconfig.h"

#include <QtCore/QCommandLineOption>
#include <QtCore/QCommandLineParser>

#include <optional>
#include <vector>

namespace Lwb {

/** What a command that works on a project loaded: the template's path and its functions. */
struct LoadedProject
{
    QString templatePath;
    std::vector<FunctionConfig> functions;  ///< env-vars overrides applied
    bool hasErrors = false;                 ///< the template has error problems
    QStringList brokenFunctions;            ///< logical ids of functions with errors

    const FunctionConfig *function(const QString &logicalIdOrName) const;
    QStringList logicalIds() const;
};

/**
 * The options every project command shares (-t/--template, -n/--env-vars,
 * --parameter-overrides) and loading the project they name, as SAM CLI does: problems printed
 * as file:line:column, function warnings printed once.
 */
class ProjectOptions
{
public:
    /** @p withEnvVars: whether the command runs functions (and so takes --env-vars). */
    explicit ProjectOptions(bool withEnvVars = true);

    void addTo(QCommandLineParser &parser) const;

    /** The template the options name, or template.yaml/template.yml in the current folder. */
    QString templatePath(const QCommandLineParser &parser) const;

    /** Loads the project; nullopt (after printing why) when it cannot be run. */
    std::optional<LoadedProject> load(const QCommandLineParser &parser) const;

private:
    bool m_withEnvVars;
    QCommandLineOption m_template;
    QCommandLineOption m_envVars;
    QCommandLineOption m_parameters;
};

/** The template.yaml (or template.yml) of the current folder, as SAM CLI looks for it. */
QString defaultTemplatePath();

} // namespace Lwb
