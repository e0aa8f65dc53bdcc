// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/** What a new project is made of: `sam init`'s Hello World choices. */
struct LWB_CORE_EXPORT NewProjectOptions
{
    QString name;                        ///< the project (folder) name, also the stack's description
    QString runtime = QStringLiteral("python3.12"); ///< one of ProjectScaffold::runtimes()
    QString architecture = QStringLiteral("x86_64");
};

/**
 * Creates a new SAM project: a template with one Hello World function behind an API route
 * (`GET /hello`), its code in the chosen language and a test event — what `sam init` gives
 * for the Hello World example, from the bundled sample's files. Stateless.
 */
class LWB_CORE_EXPORT ProjectScaffold
{
public:
    /** The runtimes a project can be created with. */
    static QStringList runtimes();

    /**
     * Writes the project into @p directory (created; it must be empty if it exists) and returns
     * the template's path, or an empty string with @p error.
     * @p resourcesDir is where the bundled sample lives (Engine::defaultResourcesDir()).
     */
    static QString create(const QString &directory, const NewProjectOptions &options,
                          const QString &resourcesDir, QString *error);
};

} // namespace Lwb
