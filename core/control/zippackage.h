// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace Lwb {

/**
 * A Lambda deployment package (.zip) as CreateFunction / UpdateFunctionCode carry it: its
 * CodeSha256 and its unpacking into a code folder, with libzip.
 *
 * Unpacking is defensive: entry names that are absolute or climb out of the folder (`..`),
 * symbolic links that point outside it, and archives whose content exceeds Lambda's unzipped
 * limit are refused with Lambda's wording; Unix permission bits (an executable `bootstrap`)
 * are kept. Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT ZipPackage
{
public:
    /** Lambda's limit on a package's unzipped size (250 MB). */
    static constexpr qint64 kMaxUnzippedBytes = 262144000;
    /** Lambda's limit on a zip uploaded directly (50 MB). */
    static constexpr qint64 kMaxZippedBytes = 52428800;

    /** The CodeSha256 Lambda reports: base64 of the SHA-256 of the zip's bytes. */
    static QString codeSha256(const QByteArray &zip);
    /** The same digest as lowercase hex (used for folder names). */
    static QString codeSha256Hex(const QByteArray &zip);

    /**
     * Unpacks @p zip into @p targetDir, which must not exist yet (it is created; on failure
     * nothing is left behind). Returns false and sets @p error to the message Lambda gives for
     * such a package. @p unzippedBytes receives the summed size of the files.
     */
    static bool extract(const QByteArray &zip, const QString &targetDir, QString *error = nullptr,
                        qint64 *unzippedBytes = nullptr);
};

} // namespace Lwb
