// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/aliasconfig.h"

namespace Lwb {

QString AliasConfig::route(double random01) const
{
    if (!additionalVersionWeights.isEmpty()) {
        const auto it = additionalVersionWeights.cbegin();
        if (random01 < it.value()) {
            return it.key();
        }
    }
    return functionVersion;
}

} // namespace Lwb
