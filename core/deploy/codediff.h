// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

namespace Lwb {

/** One file that differs between the deployed package and the new one. A plain value type. */
struct LWB_CORE_EXPORT FileChange
{
    enum class Kind { Added, Changed, Removed };
    Kind kind = Kind::Changed;
    QString path; ///< the zip entry's name

    /** "added", "changed" or "removed". */
    QString kindText() const;
    bool operator==(const FileChange &other) const = default;
};

/**
 * Compares two deployment packages (.zip) entry by entry, by name, CRC-32 and size, with
 * libzip: the files a deploy adds, changes and removes. Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT CodeDiff
{
public:
    /**
     * The differences from @p deployedZip to @p newZip, sorted by path. Returns false and sets
     * @p error when either is not a readable zip.
     */
    static bool compare(const QByteArray &deployedZip, const QByteArray &newZip,
                        QList<FileChange> *changes, QString *error);
};

} // namespace Lwb
