// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectoptions.h"

#include "clicommand.h"
#include "project/envvarsfile.h"
#include "project/samtemplate.h"

#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace Lwb {

QString defaultTemplatePath()
{
    for (const QString &name : {u"template.yaml"_s, u"template.yml"_s}) {
        if (QFileInfo::exists(name)) {
            return name;
        }
    }
    return u"template.yaml"_s;
}

const FunctionConfig *LoadedProject::function(const QString &logicalIdOrName) const
{
    for (const FunctionConfig &f : functions) {
        if (f.logicalId == logicalIdOrName) {
            return &f;
        }
    }
    for (const FunctionConfig &f : functions) {
        if (f.functionName == logicalIdOrName) {
            return &f;
        }
    }
    return nullptr;
}

QStringList LoadedProject::logicalIds() const
{
    QStringList ids;
    for (const FunctionConfig &f : functions) {
        ids << f.logicalId;
    }
    return ids;
}

ProjectOptions::ProjectOptions(bool withEnvVars)
    : m_withEnvVars(withEnvVars)
    , m_template({u"t"_s, u"template"_s, u"template-file"_s},
                 u"The SAM template (default: template.yaml in the current folder)."_s, u"template"_s)
    , m_envVars({u"n"_s, u"env-vars"_s},
                u"JSON file overriding environment variables, as for sam local: "
                "{\"Function\": {\"VAR\": \"v\"}, \"Parameters\": {\"VAR\": \"v\"}}."_s,
                u"env.json"_s)
    , m_parameters(u"parameter-overrides"_s,
                   u"Template parameter values: Key=Value, several separated by spaces."_s,
                   u"overrides"_s)
{
}

void ProjectOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOption(m_template);
    if (m_withEnvVars) {
        parser.addOption(m_envVars);
        parser.addOption(m_parameters);
    }
}

QString ProjectOptions::templatePath(const QCommandLineParser &parser) const
{
    return parser.isSet(m_template) ? parser.value(m_template) : defaultTemplatePath();
}

std::optional<LoadedProject> ProjectOptions::load(const QCommandLineParser &parser) const
{
    LoadedProject project;
    project.templatePath = templatePath(parser);

    SamTemplate sam;
    if (m_withEnvVars && parser.isSet(m_parameters)) {
        QMap<QString, QString> overrides;
        const QStringList pairs = parser.value(m_parameters).split(u' ', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq > 0) {
                overrides.insert(pair.left(eq), pair.mid(eq + 1));
            }
        }
        sam.setParameterOverrides(overrides);
    }
    const bool loaded = sam.load(project.templatePath);
    for (const Problem &problem : sam.problems()) {
        printErr(problem.toString() + u'\n');
    }
    if (!loaded) {
        return std::nullopt;
    }
    project.functions = sam.functions();
    project.hasErrors = sam.hasErrors();
    for (const FunctionConfig &f : project.functions) {
        if (Lwb::hasErrors(sam.problems(f.logicalId))) {
            project.brokenFunctions << f.logicalId;
        }
    }
    if (project.functions.empty()) {
        printErr(u"Error: the template %1 defines no function.\n"_s.arg(project.templatePath));
        return std::nullopt;
    }
    if (m_withEnvVars && parser.isSet(m_envVars)) {
        Problem problem;
        const std::optional<EnvVarsFile> envVars = EnvVarsFile::load(parser.value(m_envVars), &problem);
        if (!envVars) {
            printErr(problem.toString() + u'\n');
            return std::nullopt;
        }
        applyEnvVarsOverrides(project.functions, *envVars);
    }
    for (const FunctionConfig &f : project.functions) {
        for (const QString &warning : f.warnings) {
            printErr(u"Warning: %1: %2\n"_s.arg(f.logicalId, warning));
        }
    }
    return project;
}

} // namespace Lwb
