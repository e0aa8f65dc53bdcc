// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace Lwb {

/**
 * The subset of CloudWatch Logs filter patterns for unstructured events that `lwb logs
 * --filter` and the Logs panel understand:
 *  - `ERROR timeout`    every plain term must occur (AND);
 *  - `"Task timed out"` a quoted phrase is one term, spaces included;
 *  - `?ERROR ?WARN`     at least one of the `?` terms must occur (OR);
 *  - `ERROR -Retrying`  a `-` term must not occur;
 *  - an empty pattern matches every event.
 * Matching is by substring and case-sensitive, as in CloudWatch. JSON (`{ $.x = 1 }`) and
 * space-delimited (`[ip, user, ...]`) patterns are not supported: their text is matched as
 * plain terms. A plain value type.
 */
class LWB_CORE_EXPORT LogFilterPattern
{
public:
    LogFilterPattern() = default;
    explicit LogFilterPattern(const QString &pattern);

    bool matches(QStringView message) const;
    bool isEmpty() const { return m_required.isEmpty() && m_any.isEmpty() && m_excluded.isEmpty(); }

    QStringList requiredTerms() const { return m_required; }
    QStringList anyTerms() const { return m_any; }
    QStringList excludedTerms() const { return m_excluded; }

private:
    QStringList m_required;
    QStringList m_any;
    QStringList m_excluded;
};

} // namespace Lwb
