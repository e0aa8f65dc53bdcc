// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/** A built deployment package: the zip's bytes, its CodeSha256 and what went into it. */
struct LWB_CORE_EXPORT Package
{
    QByteArray zip;
    QString codeSha256; ///< base64 of the SHA-256 of zip, as Lambda reports it
    qint64 unzippedBytes = 0;
    QStringList files; ///< entry names, sorted as stored
};

/**
 * Builds deterministic Lambda deployment packages (.zip) with libzip from a code folder
 * (a function's CodeUri or a layer's ContentUri): entries sorted by name, every timestamp
 * 1980-01-01 00:00, Unix permissions 0644 or 0755 (executables keep their x bit), no extra
 * fields, so an unchanged folder always gives the same bytes and the same CodeSha256.
 *
 * Left out: `.lwb/`, `.git/`, `.aws-sam/`, and what the folder's `.lwbignore` and
 * `.npmignore` exclude (gitignore patterns: `#` comments, `!` negation, trailing `/` for
 * folders only, a leading or inner `/` anchors to the folder, `*`, `?`, `**`, `[...]`).
 * Lambda's limits (50 MB zipped for a direct upload, 250 MB unzipped) are checked with
 * Lambda's wording. Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT Packager
{
public:
    /**
     * Packages @p folder. Returns false and sets @p error when the folder cannot be read,
     * is empty after the ignore rules, or the package breaks a Lambda limit.
     */
    static bool build(const QString &folder, Package *package, QString *error);

    /** True when @p relativePath (a file, or a folder when @p isDir) is left out of a
     *  package by @p patterns (lines of an ignore file, in order). */
    static bool isIgnored(const QString &relativePath, bool isDir, const QStringList &patterns);
};

} // namespace Lwb
