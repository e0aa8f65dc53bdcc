// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "project/samtemplate.h"

#include <QtCore/QObject>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

class QUndoStack;

namespace Lwb {

/**
 * The opened project's template as the workbench edits it: owns the SamTemplate and the undo
 * stack every edit of it goes through (the commands in commands/), tells views which function
 * changed, and saves the template (comments and unknown content kept by SamTemplate::save).
 * Widgets edit through changeFunctionProperty(), never through the SamTemplate. GUI thread.
 */
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    /**
     * Loads @p templatePath, replacing the open template and clearing the undo stack. When it
     * cannot be used, the open template stays and @p problems says why.
     */
    bool load(const QString &templatePath, Problems *problems = nullptr);
    /** Writes the template back to its file; the undo stack becomes clean. */
    bool save(QString *error = nullptr);

    const SamTemplate &samTemplate() const { return *m_template; }
    QString path() const { return m_template->path(); }
    QUndoStack *undoStack() const { return m_undoStack; }
    /**
     * The template differs from what was loaded or saved (undoing back to it makes it
     * unmodified). Edits of saved test events are on the same undo stack but are written at
     * once, so they do not count.
     */
    bool isModified() const { return m_modified; }

    /**
     * Sets (@p value) or removes (nullopt) Properties.<@p propertyPath> of function
     * @p logicalId as one undoable command named @p text; consecutive changes of the same
     * property merge into one (typing into a field is one undo step). Nothing is pushed and
     * false is returned, with @p error, when the template rejects the edit.
     */
    bool changeFunctionProperty(const QString &logicalId, const QString &propertyPath,
                                const std::optional<nlohmann::json> &value,
                                const QString &text = QString(), QString *error = nullptr);

    /**
     * Applies an edit without recording it — for undo commands only. Emits functionChanged().
     */
    bool applyFunctionProperty(const QString &logicalId, const QString &propertyPath,
                               const std::optional<nlohmann::json> &value,
                               QString *error = nullptr);

Q_SIGNALS:
    /** A template was loaded: every view re-reads it. */
    void loaded();
    /** An edit (or its undo) changed function @p logicalId's configuration. */
    void functionChanged(const QString &logicalId);
    void modifiedChanged(bool modified);
    /** The template was written to disk: the engine runs what is saved. */
    void saved();

private:
    void updateModified();

    std::unique_ptr<SamTemplate> m_template;
    QUndoStack *m_undoStack;
    nlohmann::json m_savedJson; ///< the template as loaded or last saved
    bool m_modified = false;
};

} // namespace Lwb
