// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefunctionproperty.h"

#include "commandids.h"
#include "projectdocument.h"

#include <QtCore/QDeadlineTimer>

namespace Lwb {

ChangeFunctionProperty::ChangeFunctionProperty(ProjectDocument *document,
                                               const QString &logicalId,
                                               const QString &propertyPath,
                                               std::optional<nlohmann::json> before,
                                               std::optional<nlohmann::json> after,
                                               const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_logicalId(logicalId),
      m_propertyPath(propertyPath), m_before(std::move(before)), m_after(std::move(after)),
      m_lastChangeMs(QDeadlineTimer::current().deadline())
{
}

void ChangeFunctionProperty::undo()
{
    m_document->applyFunctionProperty(m_logicalId, m_propertyPath, m_before);
    m_applied = false;
}

void ChangeFunctionProperty::redo()
{
    if (m_applied) {
        return; // pushed after ProjectDocument applied it
    }
    m_document->applyFunctionProperty(m_logicalId, m_propertyPath, m_after);
    m_applied = true;
}

int ChangeFunctionProperty::id() const
{
    return static_cast<int>(CommandId::ChangeFunctionProperty);
}

bool ChangeFunctionProperty::mergeWith(const QUndoCommand *other)
{
    const auto *change = static_cast<const ChangeFunctionProperty *>(other);
    if (change->m_document != m_document || change->m_logicalId != m_logicalId ||
        change->m_propertyPath != m_propertyPath ||
        change->m_lastChangeMs - m_lastChangeMs > kMergeWindowMs) {
        return false;
    }
    m_after = change->m_after;
    m_lastChangeMs = change->m_lastChangeMs;
    if (m_after == m_before) {
        setObsolete(true);
    }
    return true;
}

} // namespace Lwb
