// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QList>
#include <QtCore/QString>

namespace Lwb {

/**
 * One thing a loader found wrong with a file the user wrote (a template, an env-vars file, a
 * saved event), located like a compiler diagnostic. A plain value type; thread-agnostic.
 */
struct LWB_CORE_EXPORT Problem
{
    enum class Severity { Error, Warning, Info };

    Severity severity = Severity::Error;
    QString file;       ///< the path as the user gave it (used verbatim in toString())
    int line = 0;       ///< 1-based; 0 when unknown (e.g. a node created by an edit)
    int column = 0;     ///< 1-based; 0 when unknown
    QString message;
    QString resource;   ///< logical id of the resource concerned; empty for file-level problems

    bool isError() const { return severity == Severity::Error; }

    /** "template.yaml:12:5: error: message", leaving out line/column when unknown. */
    QString toString() const
    {
        QString out = file.isEmpty() ? QStringLiteral("<input>") : file;
        if (line > 0) {
            out += QLatin1Char(':') + QString::number(line);
            if (column > 0) {
                out += QLatin1Char(':') + QString::number(column);
            }
        }
        out += QStringLiteral(": ") + severityName(severity) + QStringLiteral(": ") + message;
        return out;
    }

    static QString severityName(Severity severity)
    {
        switch (severity) {
        case Severity::Error:
            return QStringLiteral("error");
        case Severity::Warning:
            return QStringLiteral("warning");
        case Severity::Info:
            break;
        }
        return QStringLiteral("note");
    }

    friend bool operator==(const Problem &, const Problem &) = default;
};

using Problems = QList<Problem>;

/** True when any problem in the list is an error. */
inline bool hasErrors(const Problems &problems)
{
    for (const Problem &p : problems) {
        if (p.isError()) {
            return true;
        }
    }
    return false;
}

} // namespace Lwb
