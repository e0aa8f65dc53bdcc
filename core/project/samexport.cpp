// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/samexport.h"

#include "project/samtemplate.h"
#include "project/yamljson.h"
#include "project/yamlpatcher.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>

#include <yaml-cpp/yaml.h>

#include <exception>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Internal::YamlJson;

constexpr auto kSamTransform = "AWS::Serverless-2016-10-31";

// The properties `sam deploy` uploads from a local path, by resource type (SAM CLI's
// packageable resources that this workbench's templates use).
struct PackagedPath
{
    const char *resourceType;
    const char *property;
};
constexpr PackagedPath kPackagedPaths[] = {
    {"AWS::Serverless::Function", "CodeUri"},
    {"AWS::Serverless::LayerVersion", "ContentUri"},
    {"AWS::Serverless::Api", "DefinitionUri"},
    {"AWS::Serverless::HttpApi", "DefinitionUri"},
    {"AWS::Serverless::StateMachine", "DefinitionUri"},
    {"AWS::Serverless::Application", "Location"},
    {"AWS::Lambda::Function", "Code"},
    {"AWS::Lambda::LayerVersion", "Content"},
};

// Lookup without yaml-cpp's inserting operator[].
YAML::Node get(const YAML::Node &map, const char *key)
{
    if (map.IsDefined() && map.IsMap()) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == key) {
                return it->second;
            }
        }
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

QString text(const YAML::Node &scalar)
{
    return scalar.IsDefined() && scalar.IsScalar() ? QString::fromStdString(scalar.Scalar())
                                                   : QString();
}

class Exporter
{
public:
    Exporter(const QString &templatePath, const QString &outputPath, SamExport::Result &result)
        : m_templatePath(templatePath), m_templateDir(QFileInfo(templatePath).absolutePath()),
          m_outputDir(outputPath.isEmpty() ? m_templateDir : QFileInfo(outputPath).absolutePath()),
          m_result(result)
    {
    }

    void error(const YAML::Mark &mark, const QString &message, const QString &resource = {})
    {
        Problem p;
        p.file = m_templatePath;
        p.line = mark.line >= 0 ? mark.line + 1 : 0;
        p.column = mark.line >= 0 && mark.column >= 0 ? mark.column + 1 : 0;
        p.message = message;
        p.resource = resource;
        m_result.problems.append(p);
    }

    // Points a local path property at the same file or folder from the exported file's folder.
    void relocate(YAML::Node props, const char *property, const QString &resource)
    {
        const YAML::Node value = get(props, property);
        if (!value.IsScalar() || YamlJson::isIntrinsic(value)) {
            return; // an S3 location map, an intrinsic, or absent
        }
        const QString path = text(value);
        if (path.isEmpty() || path.contains(u"://"_s)) {
            return; // s3:// or https:// — already where sam deploy wants it
        }
        const QString absolute = QDir::cleanPath(QDir(m_templateDir).absoluteFilePath(path));
        if (!QFileInfo::exists(absolute)) {
            error(value.Mark(),
                  u"%1 '%2' of '%3' does not exist (%4): sam deploy would fail to package it"_s.arg(
                      QString::fromLatin1(property), path, resource, absolute),
                  resource);
            return;
        }
        QString relative = QDir(m_outputDir).relativeFilePath(absolute);
        if (relative.isEmpty()) {
            relative = u"."_s;
        }
        if (path.endsWith(u'/') && relative != u"." && !relative.endsWith(u'/')) {
            relative += u'/';
        }
        if (QDir::cleanPath(relative) == QDir::cleanPath(path)) {
            return;
        }
        props[property] = YamlJson::fromJson(relative.toStdString());
        m_result.notes.append(u"%1: %2 %3 is %4 from the exported template's folder"_s.arg(
            resource, QString::fromLatin1(property), path, relative));
    }

    void run(const QMap<QString, QString> &overrides, const SamTemplate &sam,
             const QByteArray &original)
    {
        YAML::Node root = YAML::Load(original.toStdString());
        const YAML::Node resources = get(root, "Resources");

        YAML::Node parameters = get(root, "Parameters");
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
            const YAML::Node parameter = get(parameters, qPrintable(it.key()));
            if (!parameter.IsMap()) {
                error(root.Mark(), u"--parameter-overrides names '%1', which is not a parameter "
                                   u"of the template"_s.arg(it.key()));
                continue;
            }
            // Numbers stay plain, as people write them; anything else is written as a string
            // (a plain yes/no would reach CloudFormation as true/false).
            const std::string value = it.value().toStdString();
            YAML::Node target = parameter;
            target["Default"] = YamlJson::plainScalar(value).is_number()
                                    ? YAML::Node(value)
                                    : YamlJson::fromJson(value);
            m_result.notes.append(u"Parameters: %1 defaults to '%2', the value it ran with"_s.arg(
                it.key(), it.value()));
        }

        const YAML::Node globalsFunction = get(get(root, "Globals"), "Function");
        relocate(globalsFunction, "CodeUri", u"Globals.Function"_s);
        bool serverless = false;
        for (auto it = resources.begin(); it != resources.end(); ++it) {
            const QString id = text(it->first);
            const QString type = text(get(it->second, "Type"));
            serverless = serverless || type.startsWith(u"AWS::Serverless::"_s);
            YAML::Node props = get(it->second, "Properties");
            for (const PackagedPath &packaged : kPackagedPaths) {
                if (type == QLatin1StringView(packaged.resourceType)) {
                    relocate(props, packaged.property, id);
                }
            }
            if (type == u"AWS::Serverless::Function" || type == u"AWS::Lambda::Function") {
                checkImageFunction(it->first, props, id);
            }
            if (type == u"AWS::Serverless::Function" && props.IsMap() &&
                !get(props, "CodeUri").IsDefined() && !get(props, "InlineCode").IsDefined() &&
                !get(globalsFunction, "CodeUri").IsDefined() &&
                text(get(props, "PackageType")) != u"Image") {
                codeUriForTemplateFolder(props, id);
            }
        }

        const YAML::Node transform = get(root, "Transform");
        bool hasTransform = text(transform) == QLatin1StringView(kSamTransform);
        for (std::size_t i = 0; transform.IsSequence() && i < transform.size(); ++i) {
            hasTransform = hasTransform || text(transform[i]) == QLatin1StringView(kSamTransform);
        }
        if (serverless && !hasTransform) {
            error(root.Mark(),
                  u"the template has AWS::Serverless resources but no 'Transform: "
                  u"%1'; sam deploy needs it"_s.arg(QString::fromLatin1(kSamTransform)));
        }
        if (hasErrors(m_result.problems)) {
            return;
        }
        // Saved events, env-vars files and .lwb/ live beside the template, never in it.
        m_result.notes.prepend(u"nothing removed: the workbench keeps no local-only settings in "
                               u"the template"_s);
        const QByteArray text =
            QByteArray::fromStdString(Internal::YamlPatcher::patch(original.toStdString(), root));

        // The exported text must load as a template without errors from where it will be.
        SamTemplate exported;
        const QString exportedPath =
            QDir(m_outputDir).filePath(QFileInfo(m_templatePath).fileName());
        if (!exported.loadFromData(text, exportedPath) || exported.hasErrors() ||
            exported.functions().size() != sam.functions().size()) {
            error(YAML::Mark::null_mark(), u"the exported template does not load back as the "
                                           u"original (a bug: please report it)"_s);
            return;
        }
        m_result.text = text;
    }

private:
    // Without CodeUri, sam deploy uploads the folder of the template it deploys: from another
    // folder, the exported template must name the original's.
    void codeUriForTemplateFolder(YAML::Node props, const QString &id)
    {
        if (QFileInfo(m_outputDir) == QFileInfo(m_templateDir)) {
            return;
        }
        const QString relative = QDir(m_outputDir).relativeFilePath(m_templateDir) + u'/';
        props["CodeUri"] = YamlJson::fromJson(relative.toStdString());
        m_result.notes.append(
            u"%1: CodeUri %2 added: without one, sam deploy would upload the "
            u"exported template's folder instead of the project's"_s.arg(id, relative));
    }

    void checkImageFunction(const YAML::Node &key, const YAML::Node &props, const QString &id)
    {
        if (text(get(props, "PackageType")) == u"Image" && !get(props, "ImageUri").IsDefined() &&
            !get(get(props, "Code"), "ImageUri").IsDefined()) {
            error(key.Mark(),
                  u"function '%1' has PackageType Image but no ImageUri; sam deploy "
                  u"needs the image to deploy (build it with sam build first)"_s.arg(id),
                  id);
        }
    }

    QString m_templatePath;
    QString m_templateDir;
    QString m_outputDir;
    SamExport::Result &m_result;
};

} // namespace

SamExport::Result SamExport::run(const QString &templatePath, const QString &outputPath,
                                 const QMap<QString, QString> &parameterOverrides)
{
    Result result;
    SamTemplate sam;
    sam.setParameterOverrides(parameterOverrides);
    const bool loaded = sam.load(templatePath);
    result.problems = sam.problems();
    if (!loaded || sam.hasErrors()) {
        if (!hasErrors(result.problems)) {
            Problem p;
            p.file = templatePath;
            p.message = u"the template has no Resources mapping"_s;
            result.problems.append(p);
        }
        return result;
    }
    Exporter exporter(templatePath, outputPath, result);
    try {
        exporter.run(parameterOverrides, sam, sam.toYaml());
    } catch (const std::exception &e) {
        exporter.error(YAML::Mark::null_mark(),
                       u"cannot export the template: %1"_s.arg(QString::fromLocal8Bit(e.what())));
        result.text.clear();
    }
    return result;
}

} // namespace Lwb
