// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QStringList>

namespace Lwb {

/**
 * `lwb local invoke`: shaped like `sam local invoke` — the function's log on stderr, its
 * response on stdout, a non-zero exit status when the function fails.
 */
class LocalInvokeCommand
{
public:
    int run(const QStringList &arguments);
};

} // namespace Lwb
