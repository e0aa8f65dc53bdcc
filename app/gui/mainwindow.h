// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtWidgets/QMainWindow>

#include "model/problem.h"

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QDockWidget;
class QTabWidget;
class QTextBrowser;
class QTreeView;

namespace Lwb {

class ConcurrencyPanel;
class CostPanel;
class DeployPanel;
class EditorTabs;
class EngineHost;
class EventDesigner;
class InvokeConsole;
class PluginManager;
class MetricsPanel;
struct FunctionConfig;
class FunctionConfigForm;
class FunctionListModel;
class ProjectDocument;
class ProjectTreeModel;
class TriggerDesigner;
class TriggerEditorManager;

/**
 * The workbench's main window: opens or creates a SAM project, lists its functions with their
 * configuration, code (Code tab) and test events (Test tab: event designer and invoke console)
 * and the template's problems, and runs the project's engine (on a thread of its own) under the
 * Concurrency panel. Every edit of the template goes through the ProjectDocument's undo stack;
 * saving it restarts the engine on what was saved. Dock layout, window geometry, theme and
 * recent projects are remembered (Settings). GUI thread.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /**
     * Opens a project folder (its template.yaml) or a template file; false on failure or when
     * the user cancels at the unsaved-changes prompt.
     */
    bool openProject(const QString &path);
    /** Saves the edited template and every modified code file; false if one could not be. */
    bool saveAll();

    ProjectDocument *document() const { return m_document; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    QAction *saveAction() const { return m_saveAction; }
    QMenu *recentProjectsMenu() const { return m_recentMenu; }

    FunctionListModel *functionModel() const { return m_functions; }
    QTreeView *functionView() const { return m_functionView; }
    /** The Project dock: functions with their triggers and test events, layers, queues… */
    QTreeView *projectView() const { return m_projectView; }
    ProjectTreeModel *projectTree() const { return m_projectTree; }
    QTextBrowser *detailsView() const { return m_details; }
    FunctionConfigForm *configForm() const { return m_configForm; }
    /** The Triggers tab: the function's triggers, destinations and DLQ, as the console draws them. */
    TriggerDesigner *triggerDesigner() const { return m_triggerDesigner; }
    QListWidget *problemsView() const { return m_problems; }
    QLabel *sandboxBadge() const { return m_sandboxBadge; }
    /** Where the project's engine serves the HTTP API and the Lambda API. */
    QLabel *servicesLabel() const { return m_servicesLabel; }
    EngineHost *engineHost() const { return m_engine; }
    ConcurrencyPanel *concurrencyPanel() const { return m_concurrency; }
    MetricsPanel *metricsPanel() const { return m_metrics; }
    CostPanel *costPanel() const { return m_cost; }
    DeployPanel *deployPanel() const { return m_deploy; }
    QTextBrowser *invocationView() const { return m_invocation; }
    QTabWidget *functionTabs() const { return m_functionTabs; }
    EditorTabs *editorTabs() const { return m_editorTabs; }
    EventDesigner *eventDesigner() const { return m_eventDesigner; }
    InvokeConsole *invokeConsole() const { return m_invokeConsole; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseProject();
    void newProject();
    /** Asks whether to save the edited template; false when the user cancels. */
    bool maybeSaveProject();
    void updateRecentProjects();
    void projectEdited(const QString &logicalId);
    void showProblems(const Problems &problems);
    void refreshProjectTree();
    void activateProjectItem(const QModelIndex &index);
    void createMenus(QDockWidget *problemsDock, QDockWidget *concurrencyDock,
                     QDockWidget *invocationDock, QWidget *testTab);
    void showFunction(const QModelIndex &index);
    void showInvocation(const QString &requestId);
    /** Points the Code and Test tabs at @p function; false when the user keeps unsaved code. */
    bool editFunction(const FunctionConfig &function);
    void selectFunction(const QString &logicalId);

    ProjectDocument *m_document;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<TriggerEditorManager> m_triggerEditors;
    FunctionListModel *m_functions;
    QTreeView *m_functionView;
    ProjectTreeModel *m_projectTree;
    QTreeView *m_projectView;
    QTextBrowser *m_details;
    FunctionConfigForm *m_configForm;
    TriggerDesigner *m_triggerDesigner;
    QListWidget *m_problems;
    QLabel *m_sandboxBadge;
    EngineHost *m_engine;
    QLabel *m_servicesLabel;
    ConcurrencyPanel *m_concurrency;
    MetricsPanel *m_metrics;
    CostPanel *m_cost;
    DeployPanel *m_deploy;
    QTextBrowser *m_invocation;
    QTabWidget *m_functionTabs;
    EditorTabs *m_editorTabs;
    EventDesigner *m_eventDesigner;
    InvokeConsole *m_invokeConsole;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_saveAction = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace Lwb
