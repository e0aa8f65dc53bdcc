// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logfilterpattern.h"

namespace Lwb {

LogFilterPattern::LogFilterPattern(const QString &pattern)
{
    qsizetype i = 0;
    const qsizetype n = pattern.size();
    while (i < n) {
        while (i < n && pattern.at(i).isSpace()) {
            ++i;
        }
        if (i >= n) {
            break;
        }
        QStringList *list = &m_required;
        if (pattern.at(i) == u'?' || pattern.at(i) == u'-') {
            list = pattern.at(i) == u'?' ? &m_any : &m_excluded;
            ++i;
        }
        QString term;
        if (i < n && pattern.at(i) == u'"') {
            ++i;
            while (i < n && pattern.at(i) != u'"') {
                if (pattern.at(i) == u'\\' && i + 1 < n) {
                    ++i;
                }
                term += pattern.at(i++);
            }
            ++i; // the closing quote
        } else {
            while (i < n && !pattern.at(i).isSpace()) {
                term += pattern.at(i++);
            }
        }
        if (!term.isEmpty()) {
            list->append(term);
        }
    }
}

bool LogFilterPattern::matches(QStringView message) const
{
    for (const QString &term : m_required) {
        if (!message.contains(term)) {
            return false;
        }
    }
    for (const QString &term : m_excluded) {
        if (message.contains(term)) {
            return false;
        }
    }
    if (m_any.isEmpty()) {
        return true;
    }
    for (const QString &term : m_any) {
        if (message.contains(term)) {
            return true;
        }
    }
    return false;
}

} // namespace Lwb
