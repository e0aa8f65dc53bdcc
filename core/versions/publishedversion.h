// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QDateTime>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

namespace Lwb {

/**
 * One published, immutable version of a function as the VersionStore keeps it: a commit whose
 * tree holds `code/` (the code folder) and `configuration.json`. A plain value type.
 */
struct LWB_CORE_EXPORT PublishedVersion
{
    QString function;    ///< the function name
    QString version;     ///< "1", "2", … per function, never reused
    QString codeSha256;  ///< base64 SHA-256 of the canonical code stream
                         ///< (VersionStore::computeCodeSha256)
    qint64 codeSize = 0; ///< bytes of the unpacked code (Lambda reports the zip size)
    QString commitId;    ///< the commit in the repository (40 hex digits)
    QDateTime created;   ///< UTC, millisecond precision (LastModified of the version)
    QString description; ///< the PublishVersion Description
    QString revisionId;  ///< a UUID fixed at publication
    nlohmann::json config = nlohmann::json::object(); ///< configuration.json (functionConfigToJson)

    bool isValid() const { return !version.isEmpty(); }
    /** LastModified in Lambda's format: 2024-10-03T00:32:25.347+0000. */
    QString lastModified() const;
};

} // namespace Lwb
