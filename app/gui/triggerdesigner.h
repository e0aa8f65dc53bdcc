// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QVBoxLayout;

namespace Lwb {

class PluginManager;
class ProjectDocument;
class TriggerDesignerDiagram;
class TriggerDesignerModel;
class TriggerEditor;
class TriggerEditorManager;

/**
 * The trigger designer: one function's overview diagram (TriggerDesignerDiagram) over the
 * details of what is selected in it — a trigger's plugin editor, the function's asynchronous
 * invocation settings (MaximumRetryAttempts, MaximumEventAgeInSeconds), a destination — and
 * the "Add trigger" / "Add destination" forms. It writes the function's `Events`,
 * `EventInvokeConfig` and `DeadLetterQueue` through ProjectDocument, so every edit is one undo
 * step (typing into one field merges; an edit that changes several keys is one macro), and
 * it redraws whenever the document says the function changed (undo and redo included).
 *
 * It never writes an empty map (ProjectDocument removes the maps a removal empties), so
 * undoing any of its edits gives back exactly the template that was there before. GUI thread.
 */
class TriggerDesigner : public QWidget
{
    Q_OBJECT

public:
    /** @p plugins (core halves) and @p editors (UI halves) are not owned and outlive this. */
    TriggerDesigner(const PluginManager &plugins, const TriggerEditorManager &editors,
                    QWidget *parent = nullptr);
    ~TriggerDesigner() override;

    /** The document edited; not owned. Null shows nothing. */
    void setDocument(ProjectDocument *document);
    ProjectDocument *document() const { return m_document; }
    /** Shows function @p logicalId of the document (nothing when empty or unknown). */
    void setFunction(const QString &logicalId);
    QString function() const { return m_function; }

    TriggerDesignerModel *model() const { return m_model; }
    TriggerDesignerDiagram *diagram() const { return m_diagram; }

    /** Selects a box by its TriggerDesignerModel::IdRole (empty: none) and shows its details. */
    void select(const QString &id);
    QString currentId() const { return m_current; }
    /** The editor of the selected trigger; null when no trigger is selected or no plugin has one.
     */
    TriggerEditor *triggerEditor() const { return m_editor; }

    /** The SAM event types of the loaded plugins, in load order. */
    QStringList eventTypes() const;
    /** A free event name for a new trigger of @p eventType: ScheduleEvent, ScheduleEvent2… */
    QString uniqueTriggerName(const QString &eventType) const;
    /**
     * Adds trigger @p name of @p eventType with the plugin's default Properties (its validated
     * empty configuration when that is valid, else {}) and selects it. False with @p error
     * for a name that is taken or not alphanumeric, an unknown type, or no function.
     */
    bool addTrigger(const QString &eventType, const QString &name, QString *error = nullptr);
    bool removeTrigger(const QString &name);
    /**
     * Sets destination @p key (OnSuccess, OnFailure or DeadLetterQueue) to @p type (SQS, SNS,
     * Lambda, EventBridge) and @p target: a resource of the template (written as !GetAtt X.Arn,
     * or !Ref X for a topic), an ARN, or empty for a queue or topic SAM creates.
     */
    bool setDestination(const QString &key, const QString &type, const QString &target,
                        QString *error = nullptr);
    bool removeDestination(const QString &key);

    /** Shows the "Add trigger" form. */
    void showAddTrigger();
    /** Shows the "Add destination" form. */
    void showAddDestination();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Edit
    {
        QString path;
        std::optional<nlohmann::json> value; ///< nullopt: remove
    };

    void buildTriggerPages();
    void fitDiagram();
    void buildFunctionPage();
    void buildDestinationPage();
    void functionChanged(const QString &logicalId);
    void reloadAll();
    void refreshPage();
    void showTrigger(const QString &name);
    void showDestination(const QString &key);
    void editorChanged();
    void asyncSettingChanged(const QString &key, int value);
    void destinationFieldsChanged();
    void fillDestinationTypes(const QString &key);
    void fillDestinationTargets();
    void updateAddTriggerForm();
    void showError(const QString &message);

    bool isServerlessFunction() const;
    /** The function's own Properties.<@p path>, as the template writes it. */
    std::optional<nlohmann::json> ownProperty(const QString &path) const;
    /** Applies @p edits as one undo step named @p text (a macro when there are several). */
    bool apply(const std::vector<Edit> &edits, const QString &text);
    /** Edits turning object @p before at @p path into @p after, one per changed key. */
    void diffEdits(const QString &path, const nlohmann::json &before, const nlohmann::json &after,
                   std::vector<Edit> *edits) const;
    /** The value for destination @p key of @p type and @p target, or nullopt with @p error. */
    std::optional<nlohmann::json> destinationValue(const QString &key, const QString &type,
                                                   const QString &target, QString *error) const;
    QStringList resourcesFor(const QString &type) const;

    const PluginManager &m_plugins;
    const TriggerEditorManager &m_editors;
    QPointer<ProjectDocument> m_document;
    QString m_function;
    QString m_current;
    bool m_applying = false;
    bool m_loading = false;

    TriggerDesignerModel *m_model;
    TriggerDesignerDiagram *m_diagram;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_pages;
    QLabel *m_error;

    QWidget *m_hintPage;
    QLabel *m_hint;

    QWidget *m_addTriggerPage;
    QComboBox *m_triggerType;
    QLabel *m_triggerTypeDescription;
    QLineEdit *m_triggerName;
    QLabel *m_triggerNameError;
    QPushButton *m_addTriggerConfirm;

    QWidget *m_triggerPage;
    QLabel *m_triggerTitle;
    QVBoxLayout *m_editorLayout;
    QLabel *m_triggerNote;
    TriggerEditor *m_editor = nullptr;
    QString m_editorTrigger;

    QWidget *m_functionPage;
    QLabel *m_functionNote;
    QSpinBox *m_retries;
    QSpinBox *m_eventAge;

    QWidget *m_destinationPage;
    QLabel *m_destinationTitle;
    QComboBox *m_destinationCondition;
    QComboBox *m_destinationType;
    QComboBox *m_destinationTarget;
    QLabel *m_destinationError;
    QPushButton *m_addDestinationConfirm;
    QPushButton *m_removeDestination;
    QString m_destinationKey; ///< the destination shown; empty in the "Add destination" form
};

} // namespace Lwb
