// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/versiondiff.h"

namespace Lwb {

QString VersionDiff::patchText() const
{
    QString out;
    for (const File &file : files) {
        out += file.patch;
    }
    return out;
}

} // namespace Lwb
