// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeView;
class QUndoStack;

namespace Lwb {

class CodeEditor;
class EventCatalogue;
class JsonTreeModel;
class SavedEventsModel;

/**
 * The test events of one function, as the Lambda console's Test tab keeps them: a list of the
 * saved events (events/<Function>/<name>.json, shareable with the project), "New from
 * template" over the plugins' event catalogue, a JSON editor validated as you type (the parse
 * error underlined and marked on its line), and Save / Save as / Duplicate / Rename / Delete.
 * The event can also be edited as a form: a tree of its keys whose values are edited by type;
 * a form edit rewrites the JSON text (pretty-printed, keys in their order), and while the text
 * is not valid JSON the form shows the error and is disabled. GUI thread.
 */
class EventDesigner : public QWidget
{
    Q_OBJECT

public:
    enum class View { Json, Form };

    /** @p catalogue: the event templates; the default catalogue when null (kept, not owned). */
    explicit EventDesigner(const EventCatalogue *catalogue = nullptr, QWidget *parent = nullptr);
    ~EventDesigner() override;

    /** Shows the events of @p functionLogicalId of the project in @p projectDir. */
    void setFunction(const QString &projectDir, const QString &functionLogicalId);
    /**
     * Where saves, renames and deletes of saved events go as undoable commands (the project's
     * stack); none by default. Not owned.
     */
    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }

    SavedEventsModel *model() const { return m_model; }
    CodeEditor *editor() const { return m_editor; }
    QComboBox *eventBox() const { return m_events; }
    QLineEdit *nameField() const { return m_name; }
    QMenu *templateMenu() const { return m_templates; }
    QTreeView *formView() const { return m_form; }
    /** The form's document; brought up to date with the JSON text when the form is shown. */
    JsonTreeModel *formModel() const { return m_formModel; }
    /** Above the form: why it is disabled (the JSON's error); hidden while the JSON is valid. */
    QLabel *formMessage() const { return m_formMessage; }

    View view() const;
    /** Shows the JSON text or the form (what the JSON | Form buttons do). */
    void setView(View view);

    /** The saved event being edited; empty for a new one. */
    QString currentName() const { return m_current; }
    QByteArray eventJson() const;
    bool isValid() const { return m_valid; }
    QString validationMessage() const;

    bool select(const QString &name);
    /** A new event from the catalogue's @p service / @p event, rendered with its defaults. */
    bool newFromTemplate(const QString &service, const QString &event);
    /** Saves the editor under the name field's name. */
    bool save();
    bool saveAs(const QString &name);
    /** Saves a copy under a free "<name>-copy" name and selects it. */
    bool duplicate();
    bool rename(const QString &name);
    bool remove();

Q_SIGNALS:
    /** The editor holds valid JSON: the event an invoke sends. */
    void eventChanged(const QByteArray &json);
    void message(const QString &text);

private:
    /** Runs @p change, which alters the saved events @p names, as one undoable step. */
    bool recorded(const QString &text, const QStringList &names,
                  const std::function<bool()> &change);
    /** Checks the text; unless the text came from the form, the form is rebuilt from it. */
    void validate();
    /** Rebuilds the form from m_formSource if that changed since. */
    void refreshForm();
    /** Writes the form's document into the JSON text (one undo step in the editor). */
    void applyFormEdit();
    void buildTemplateMenu();
    bool fail(const QString &text);
    void loadSelected();

    std::unique_ptr<EventCatalogue> m_ownCatalogue;
    const EventCatalogue *m_catalogue = nullptr;
    QUndoStack *m_undoStack = nullptr;
    SavedEventsModel *m_model = nullptr;
    QComboBox *m_events = nullptr;
    QMenu *m_templates = nullptr;
    QLineEdit *m_name = nullptr;
    CodeEditor *m_editor = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_views = nullptr;
    QToolButton *m_jsonButton = nullptr;
    QToolButton *m_formButton = nullptr;
    JsonTreeModel *m_formModel = nullptr;
    QTreeView *m_form = nullptr;
    QLabel *m_formMessage = nullptr;
    QString m_current;
    bool m_valid = true;
    /** The last valid JSON text; the form is built from it when shown (m_formStale). */
    QByteArray m_formSource;
    bool m_formStale = true;
    bool m_loading = false;
    bool m_applyingForm = false;
};

} // namespace Lwb
