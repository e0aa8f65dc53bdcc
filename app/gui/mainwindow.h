// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtWidgets/QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QTabWidget;
class QTextBrowser;
class QTreeView;

namespace Lwb {

class ConcurrencyPanel;
class EditorTabs;
class EngineHost;
class EventDesigner;
class InvokeConsole;
struct FunctionConfig;
class FunctionListModel;
class SamTemplate;

/**
 * The workbench's main window: opens a SAM project, lists its functions with their
 * configuration, code (Code tab) and test events (Test tab: event designer and invoke console)
 * and the template's problems, and runs the project's engine (on a thread of its own) under the
 * Concurrency panel. GUI thread.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens a project folder (its template.yaml) or a template file; false on failure. */
    bool openProject(const QString &path);

    FunctionListModel *functionModel() const { return m_functions; }
    QTreeView *functionView() const { return m_functionView; }
    QTextBrowser *detailsView() const { return m_details; }
    QListWidget *problemsView() const { return m_problems; }
    QLabel *sandboxBadge() const { return m_sandboxBadge; }
    /** Where the project's engine serves the HTTP API and the Lambda API. */
    QLabel *servicesLabel() const { return m_servicesLabel; }
    EngineHost *engineHost() const { return m_engine; }
    ConcurrencyPanel *concurrencyPanel() const { return m_concurrency; }
    QTextBrowser *invocationView() const { return m_invocation; }
    QTabWidget *functionTabs() const { return m_functionTabs; }
    EditorTabs *editorTabs() const { return m_editorTabs; }
    EventDesigner *eventDesigner() const { return m_eventDesigner; }
    InvokeConsole *invokeConsole() const { return m_invokeConsole; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseProject();
    void showFunction(const QModelIndex &index);
    void showInvocation(const QString &requestId);
    /** Points the Code and Test tabs at @p function; false when the user keeps unsaved code. */
    bool editFunction(const FunctionConfig &function);
    void selectFunction(const QString &logicalId);

    std::unique_ptr<SamTemplate> m_template;
    FunctionListModel *m_functions;
    QTreeView *m_functionView;
    QTextBrowser *m_details;
    QListWidget *m_problems;
    QLabel *m_sandboxBadge;
    EngineHost *m_engine;
    QLabel *m_servicesLabel;
    ConcurrencyPanel *m_concurrency;
    QTextBrowser *m_invocation;
    QTabWidget *m_functionTabs;
    EditorTabs *m_editorTabs;
    EventDesigner *m_eventDesigner;
    InvokeConsole *m_invokeConsole;
};

} // namespace Lwb
