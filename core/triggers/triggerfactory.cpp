// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggerfactory.h"

namespace Lwb {

TriggerFactory::~TriggerFactory() = default;

nlohmann::json TriggerFactory::preview(const QString &, const nlohmann::json &, int, QString *) const
{
    return nullptr;
}

TriggerSource::~TriggerSource() = default;

} // namespace Lwb
