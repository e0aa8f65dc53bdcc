// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "changetestevents.h"

#include "project/savedevents.h"
#include "project/savedeventsmodel.h"

namespace Lwb {

ChangeTestEvents::ChangeTestEvents(SavedEventsModel *model, const QString &projectDir,
                                   const QString &function, Contents before, Contents after,
                                   const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_model(model), m_projectDir(projectDir), m_function(function),
      m_before(std::move(before)), m_after(std::move(after))
{
}

void ChangeTestEvents::undo()
{
    apply(m_before);
    m_applied = false;
}

void ChangeTestEvents::redo()
{
    if (m_applied) {
        return; // pushed after the designer made the change
    }
    apply(m_after);
    m_applied = true;
}

void ChangeTestEvents::apply(const Contents &contents)
{
    const SavedEvents events(m_projectDir);
    for (auto it = contents.cbegin(); it != contents.cend(); ++it) {
        if (it.value()) {
            events.save(m_function, it.key(), *it.value());
        } else if (events.contains(m_function, it.key())) {
            events.remove(m_function, it.key());
        }
    }
    if (m_model && m_model->functionLogicalId() == m_function &&
        m_model->events().projectDir() == SavedEvents(m_projectDir).projectDir()) {
        m_model->refresh();
    }
}

} // namespace Lwb
