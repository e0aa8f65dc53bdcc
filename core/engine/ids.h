// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace Lwb::Ids {

/** A request id as Lambda makes them: a lowercase UUID v4. */
LWB_CORE_EXPORT QString requestId();
/** 32 lowercase hex digits: the suffix of an environment's log stream. */
LWB_CORE_EXPORT QString environmentId();
/** An X-Ray trace header: Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0. */
LWB_CORE_EXPORT QByteArray traceId();

} // namespace Lwb::Ids
