// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/problem.h"

#include <QtCore/QByteArray>
#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/**
 * Exports a project's SAM template as one that `sam deploy` accepts unchanged, carrying
 * everything the workbench runs the functions with (concurrency, provisioned concurrency and
 * AutoPublishAlias, EventInvokeConfig, DeadLetterQueue, Layers, Policies, Events,
 * Environment): the template is the workbench's only configuration, so the export is the
 * template's own text — comments included — with
 *  - local code paths (CodeUri, ContentUri, Content, Code) checked to exist and made relative
 *    to the folder of the exported file; a function without CodeUri (SAM then uploads the
 *    template's folder) gets one naming the original template's folder when exported elsewhere;
 *  - parameter overrides written as the parameters' Default, so that a deploy without
 *    --parameter-overrides deploys what ran locally.
 * The template holds no workbench-only keys, so nothing needs removing; the notes say so.
 * The result is checked against SAM's rules: a template the loader reports errors for, no
 * Transform with Serverless resources, a resource without Type, a function without code
 * (CodeUri, InlineCode, ImageUri) or, for a Zip package, without Handler or Runtime fails the
 * export with problems located in the template.
 *
 * Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT SamExport
{
public:
    struct Result
    {
        QByteArray text;   ///< the exported template; empty when the export failed
        QStringList notes; ///< what was changed or checked, one line each
        Problems problems; ///< errors (why it failed) and warnings
        bool ok() const { return !text.isEmpty() && !hasErrors(problems); }
    };

    /**
     * Exports the template at @p templatePath. @p outputPath is where the text will be
     * written (paths are made relative to its folder; empty: the template's own folder).
     * @p parameterOverrides name parameters of the template.
     */
    static Result run(const QString &templatePath, const QString &outputPath,
                      const QMap<QString, QString> &parameterOverrides = {});
};

} // namespace Lwb
