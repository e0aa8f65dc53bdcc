// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGui/QUndoCommand>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb {

class ProjectDocument;

/**
 * Sets or removes one property of a function in the project's template — the generic
 * ChangeValue every form field uses. Pushed by ProjectDocument::changeFunctionProperty() after
 * the edit was applied, so its first redo() does nothing. Changes of the same property of the
 * same function merge while they come in a burst (typing into a field): less than
 * kMergeWindowMs apart.
 */
class ChangeFunctionProperty : public QUndoCommand
{
public:
    static constexpr qint64 kMergeWindowMs = 1500;

    ChangeFunctionProperty(ProjectDocument *document, const QString &logicalId,
                           const QString &propertyPath, std::optional<nlohmann::json> before,
                           std::optional<nlohmann::json> after, const QString &text,
                           QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    ProjectDocument *m_document;
    QString m_logicalId;
    QString m_propertyPath;
    std::optional<nlohmann::json> m_before;
    std::optional<nlohmann::json> m_after;
    bool m_applied = true;
    qint64 m_lastChangeMs; ///< monotonic time of the newest change merged into this one
};

} // namespace Lwb
