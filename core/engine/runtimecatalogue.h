// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/** How one Lambda runtime identifier is run on this machine. A plain value type. */
struct LWB_CORE_EXPORT RuntimeInfo
{
    QString id;                 ///< as the template names it: python3.12, nodejs20.x, provided.al2023
    QString family;             ///< "python", "nodejs" or "provided"
    QStringList command;        ///< argv; ${runtimeDir} and ${taskRoot} are placeholders
    QString interpreter;        ///< host interpreter path; empty for provided runtimes
    QString hostVersion;        ///< e.g. "3.11.2" — the interpreter that really runs the code
    QString runtimeVersion;     ///< INIT_START's "Runtime Version", e.g. python:3.12.lwb-host3.11.2
    QString warning;            ///< set when the template's version differs from the host's
    bool isValid() const { return !family.isEmpty(); }
};

/**
 * The runtimes this machine can run, read from resources/runtimes/catalogue.json. A template's
 * python3.12 or nodejs22.x runs on the interpreter installed here, with one warning when its
 * version differs — never a refusal. Lives on the engine's thread.
 */
class LWB_CORE_EXPORT RuntimeCatalogue
{
public:
    explicit RuntimeCatalogue(const QString &runtimesDir);

    /** Resolves @p runtimeId; an invalid RuntimeInfo with @p error set when it is not runnable. */
    RuntimeInfo resolve(const QString &runtimeId, QString *error = nullptr) const;

    QString runtimesDir() const { return m_runtimesDir; }
    QStringList knownRuntimes() const;

private:
    QString hostVersion(const QString &interpreter) const;

    QString m_runtimesDir;
    QHash<QString, RuntimeInfo> m_entries;
    mutable QHash<QString, QString> m_versionCache;
};

} // namespace Lwb
