// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clicommand.h"
#include "telemetry/telemetrystore.h"

#include <QtCore/QFileInfo>

namespace Lwb {

/**
 * Opens the telemetry store of the project whose template is @p templatePath, as `lwb logs`,
 * `lwb metrics` and `lwb cost` read it; prints why not (and returns false) when it cannot.
 */
inline bool openTelemetryStore(const QString &templatePath, TelemetryStore &store, QString *storePath = nullptr)
{
    const QString path = TelemetryStore::pathForTemplate(templatePath);
    if (storePath) {
        *storePath = path;
    }
    if (!QFileInfo::exists(path)) {
        printErr(QStringLiteral("Error: no telemetry at %1 yet: run the functions with `lwb local start-lambda` "
                                "(or the workbench) first.\n")
                     .arg(path));
        return false;
    }
    QString error;
    if (!store.open(path, &error)) {
        printErr(QStringLiteral("Error: cannot open %1: %2\n").arg(path, error));
        return false;
    }
    return true;
}

} // namespace Lwb
