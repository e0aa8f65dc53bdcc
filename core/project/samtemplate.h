// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "model/problem.h"

#include <QtCore/QByteArray>
#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace Lwb {

namespace Internal {
class SamTemplateData;
}

/**
 * An AWS SAM template (template.yaml) as a document: load it, read the functions and layers
 * it defines as the engine sees them (Globals merged, parameter defaults resolved, paths made
 * absolute), edit it, and save it back.
 *
 * Saving is lossless for everything the YAML node tree holds: sections this class does not
 * interpret (Metadata, Conditions, Mappings, Outputs, Rules …), unknown properties and resource
 * types, and the short intrinsic tags (!Ref, !GetAtt, !Sub, !If, !Select, !Join …) all survive
 * a load → save → load round trip, as do quoted strings (a quoted "128" stays a string) and
 * key order. Saving patches the text the template was loaded from (YamlPatcher): comments,
 * blank lines, anchors and every untouched entry stay byte for byte; only the edited entries are
 * rewritten. JSON templates, and edits the patcher cannot place, are written in full (comments
 * inside a value that is replaced as a whole are lost).
 *
 * Loading never throws and never aborts: everything wrong with the file (YAML syntax, tabs,
 * wrong types, out-of-range values, missing required properties, intrinsics we cannot
 * evaluate locally) becomes a Problem with file, 1-based line and column. Warnings about one
 * function are also copied to that FunctionConfig's warnings.
 *
 * What is evaluated: !Ref/{"Ref": …} to a template parameter (its Default, or an override from
 * setParameterOverrides()) and to the pseudo parameters AWS::Region (us-east-1),
 * AWS::AccountId (123456789012), AWS::Partition, AWS::StackName, AWS::URLSuffix, AWS::NoValue.
 * A Ref to a resource in an environment variable becomes the resource's logical id, as in
 * SAM CLI. Every other intrinsic is kept in the document and reported as a warning where it
 * blocks a value the engine needs (e.g. MemorySize: !If …); such environment variables are set
 * to "" so that an env-vars file can still override them (SAM CLI does the same).
 *
 * Not a QObject; movable, not copyable. Not thread-safe: use an instance from one thread.
 */
class LWB_CORE_EXPORT SamTemplate
{
public:
    /** One entry of the template's Parameters section. */
    struct Parameter
    {
        QString name;
        QString type;                        ///< e.g. String, Number, CommaDelimitedList
        std::optional<QString> defaultValue; ///< Default as text, when given as a scalar
        QString description;
        QStringList allowedValues;
    };

    SamTemplate();
    ~SamTemplate();
    SamTemplate(SamTemplate &&other) noexcept;
    SamTemplate &operator=(SamTemplate &&other) noexcept;
    SamTemplate(const SamTemplate &) = delete;
    SamTemplate &operator=(const SamTemplate &) = delete;

    /**
     * Reads and evaluates the template at @p path. Returns true when the file is a usable
     * template (it parsed and has a Resources map); functions may still carry errors — check
     * hasErrors()/problems(). On false, the previous content is gone and problems() says why.
     */
    bool load(const QString &path);

    /** Like load(), from memory; @p path names the file in problems and anchors CodeUri. */
    bool loadFromData(const QByteArray &yaml, const QString &path);

    /** Writes the document to @p path (empty: the path it was loaded from). Atomic. */
    bool save(const QString &path = QString());

    /** The document as YAML text, as save() would write it. */
    QByteArray toYaml() const;

    /** The whole document in CloudFormation's JSON form (intrinsics as {"Ref": …} …). */
    nlohmann::json toJson() const;

    bool isLoaded() const;
    /** True after a successful edit and until the next save() or load(). */
    bool isModified() const;

    QString path() const;          ///< as given to load()
    QString directory() const;     ///< absolute folder of the template; CodeUri is relative to it

    QString formatVersion() const; ///< AWSTemplateFormatVersion
    QString description() const;   ///< the template's Description
    QStringList transforms() const;///< Transform (a string or a list in the template)

    /** Functions (AWS::Serverless::Function and AWS::Lambda::Function) in template order. */
    const std::vector<FunctionConfig> &functions() const;
    /** The function with this logical id, or else this FunctionName. */
    std::optional<FunctionConfig> function(const QString &logicalIdOrName) const;
    /** Local layers (AWS::Serverless::LayerVersion, AWS::Lambda::LayerVersion). */
    const std::vector<LayerConfig> &layers() const;
    const std::vector<Parameter> &parameters() const;

    /** Logical ids of all resources, in template order, and a resource's Type. */
    QStringList resourceIds() const;
    QString resourceType(const QString &logicalId) const;

    /**
     * Parameter values that win over the template's Defaults (SAM CLI's
     * --parameter-overrides). Re-evaluates the functions; the document is not changed.
     */
    void setParameterOverrides(const QMap<QString, QString> &overrides);
    QMap<QString, QString> parameterOverrides() const;

    const Problems &problems() const;
    Problems problems(const QString &logicalId) const;
    bool hasErrors() const;

    // ---- Editing. Each edit changes the YAML node in place (other keys, their order and
    // everything unknown stay as they are), then re-evaluates functions() and problems(). ----

    /**
     * The function's own value at @p propertyPath under Properties ("MemorySize",
     * "Environment.Variables.TABLE"), in CloudFormation JSON form; nullopt when not set there
     * (a value inherited from Globals is not the function's own).
     */
    std::optional<nlohmann::json> functionProperty(const QString &logicalId,
                                                   const QString &propertyPath) const;

    /**
     * Sets Properties.<propertyPath> of the function, creating intermediate maps. Strings that
     * would read back as another type are quoted; {"Ref": "X"} / {"Fn::Sub": …} are written as
     * !Ref X / !Sub …. Fails (returning false and filling @p error) for an unknown function or
     * when a path step is not a map.
     */
    bool setFunctionProperty(const QString &logicalId, const QString &propertyPath,
                             const nlohmann::json &value, QString *error = nullptr);

    /** Removes Properties.<propertyPath>; true if it was there. */
    bool removeFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                QString *error = nullptr);

    /**
     * Appends an AWS::Serverless::Function built from @p config (logicalId, runtime, handler,
     * codeDir — written relative to the template —, and memory/timeout/architecture/
     * environment/description when they differ from the defaults).
     */
    bool addFunction(const FunctionConfig &config, QString *error = nullptr);

    /** Removes the function resource. References to it elsewhere are left alone. */
    bool removeFunction(const QString &logicalId, QString *error = nullptr);

private:
    std::unique_ptr<Internal::SamTemplateData> d;
};

} // namespace Lwb
