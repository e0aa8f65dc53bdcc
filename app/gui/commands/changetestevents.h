// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QMap>
#include <QtCore/QPointer>
#include <QtGui/QUndoCommand>

#include <optional>

namespace Lwb {

class SavedEventsModel;

/**
 * Saves, renames or deletes a function's saved test events (`events/<Function>/<name>.json`)
 * as one undoable step: the files' contents before and after (nullopt: no such event). Pushed
 * after the change was made on disk, so its first redo() does nothing. The model showing the
 * function, when it still does, re-reads the folder after each undo and redo.
 */
class ChangeTestEvents : public QUndoCommand
{
public:
    using Contents = QMap<QString, std::optional<QByteArray>>;

    ChangeTestEvents(SavedEventsModel *model, const QString &projectDir, const QString &function,
                     Contents before, Contents after, const QString &text,
                     QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;

private:
    void apply(const Contents &contents);

    QPointer<SavedEventsModel> m_model;
    QString m_projectDir;
    QString m_function;
    Contents m_before;
    Contents m_after;
    bool m_applied = true;
};

} // namespace Lwb
