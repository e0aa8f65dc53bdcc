// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/publishedversion.h"

using namespace Qt::StringLiterals;

namespace Lwb {

QString PublishedVersion::lastModified() const
{
    return created.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u"+0000"_s;
}

} // namespace Lwb
