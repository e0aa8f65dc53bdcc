// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace Lwb {

/** The differences between two published versions of a function. A plain value type. */
struct LWB_CORE_EXPORT VersionDiff
{
    /** One changed file of the code folder. */
    struct File
    {
        QString path; ///< relative to the code folder, '/'-separated (the new path)
        QString
            status; ///< "added", "deleted", "modified", "typechange" (mode changes are "modified")
        QString
            patch; ///< git-style unified diff of this file ("Binary files … differ" for binaries)
    };
    /** One changed value of configuration.json, as a JSON Pointer path. */
    struct ConfigChange
    {
        QString path;          ///< e.g. "/MemorySize", "/Environment/Variables/STAGE"
        nlohmann::json before; ///< null when added
        nlohmann::json after;  ///< null when removed
    };

    QString function;
    QString fromVersion;
    QString toVersion;
    std::vector<File> files;
    std::vector<ConfigChange> configChanges;

    bool isEmpty() const { return files.empty() && configChanges.empty(); }
    /** All file patches concatenated, as `git diff` prints them. */
    QString patchText() const;
};

} // namespace Lwb
