// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "concurrencypanel.h"
#include "costpanel.h"
#include "deploypanel.h"
#include "editortabs.h"
#include "enginehost.h"
#include "functionconfigform.h"
#include "eventdesigner.h"
#include "invokeconsole.h"
#include "metricspanel.h"
#include "newprojectdialog.h"
#include "projectdocument.h"
#include "settings.h"
#include "stepcontrols.h"
#include "theme.h"
#include "timelineview.h"
#include "triggerdesigner.h"
#include "triggerdesignermodel.h"
#include "triggereditormanager.h"

#include "project/functionlistmodel.h"
#include "project/projecttreemodel.h"
#include "project/samtemplate.h"
#include "project/savedeventsmodel.h"
#include "sandbox/sandboxcapabilities.h"
#include "triggers/pluginmanager.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtGui/QAction>
#include <QtGui/QActionGroup>
#include <QtGui/QCloseEvent>
#include <QtGui/QUndoStack>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTextBrowser>
#include <QtWidgets/QTreeView>

#include <tuple>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_document(new ProjectDocument(this)),
      m_plugins([] {
          auto plugins = std::make_unique<PluginManager>();
          plugins->loadAll();
          return plugins;
      }()),
      m_triggerEditors([this] {
          auto editors = std::make_unique<TriggerEditorManager>(*m_plugins);
          editors->loadAll();
          return editors;
      }()),
      m_functions(new FunctionListModel(this)), m_functionView(new QTreeView),
      m_projectTree(new ProjectTreeModel(this)), m_projectView(new QTreeView),
      m_details(new QTextBrowser), m_configForm(new FunctionConfigForm),
      m_triggerDesigner(new TriggerDesigner(*m_plugins, *m_triggerEditors)),
      m_problems(new QListWidget), m_sandboxBadge(new QLabel),
      m_engine(new EngineHost(this)), m_servicesLabel(new QLabel),
      m_concurrency(new ConcurrencyPanel(m_engine)), m_metrics(new MetricsPanel),
      m_cost(new CostPanel), m_deploy(new DeployPanel), m_invocation(new QTextBrowser),
      m_functionTabs(new QTabWidget), m_editorTabs(new EditorTabs),
      m_eventDesigner(new EventDesigner), m_invokeConsole(new InvokeConsole)
{
    setWindowTitle(tr("Lambda Workbench"));
    resize(1280, 800);

    m_functionView->setModel(m_functions);
    m_functionView->setRootIsDecorated(false);
    m_functionView->setUniformRowHeights(true);
    m_functionView->setAlternatingRowColors(true);
    m_functionView->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_functionView->header()->setStretchLastSection(true);
    m_functionView->setObjectName(u"functionView"_s);
    connect(m_functionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showFunction(current); });

    m_details->setObjectName(u"functionDetails"_s);
    m_details->setOpenLinks(false);

    // The selected function: its configuration, its code, its test events and invokes.
    auto *test = new QSplitter(Qt::Horizontal);
    test->addWidget(m_eventDesigner);
    test->addWidget(m_invokeConsole);
    m_functionTabs->setObjectName(u"functionTabs"_s);
    m_functionTabs->setDocumentMode(true);
    // Configuration: what the function is (read-only summary), then the form that edits it.
    auto *configuration = new QSplitter(Qt::Vertical);
    configuration->setObjectName(u"configurationTab"_s);
    auto *formScroll = new QScrollArea;
    formScroll->setWidget(m_configForm);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    configuration->addWidget(m_details);
    configuration->addWidget(formScroll);
    configuration->setStretchFactor(1, 3);
    configuration->setSizes({150, 600});
    m_configForm->setDocument(m_document);
    m_eventDesigner->setUndoStack(m_document->undoStack());
    m_functionTabs->addTab(configuration, tr("Configuration"));
    m_functionTabs->addTab(m_editorTabs, tr("Code"));
    m_functionTabs->addTab(test, tr("Test"));
    m_triggerDesigner->setObjectName(u"triggerDesigner"_s);
    m_triggerDesigner->setDocument(m_document);
    m_functionTabs->addTab(m_triggerDesigner, tr("Triggers"));
    connect(m_eventDesigner, &EventDesigner::eventChanged, m_editorTabs,
            &EditorTabs::setEventSample);
    connect(m_eventDesigner, &EventDesigner::eventChanged, m_invokeConsole,
            &InvokeConsole::setEvent);
    connect(m_editorTabs, &EditorTabs::fileSaved, m_invokeConsole, &InvokeConsole::codeSaved);
    connect(m_invokeConsole, &InvokeConsole::invocationShown, m_editorTabs,
            [this](const QString &, const QString &trace) {
                if (trace.isEmpty()) {
                    m_editorTabs->clearErrors();
                } else {
                    m_editorTabs->showStackTrace(trace);
                }
            });
    connect(m_invokeConsole, &InvokeConsole::frameActivated, this,
            [this](const QString &file, int line) {
                m_functionTabs->setCurrentWidget(m_editorTabs);
                m_editorTabs->jumpToFrame(file, line);
            });
    auto showMessage = [this](const QString &text) { statusBar()->showMessage(text, 10000); };
    connect(m_editorTabs, &EditorTabs::message, this, showMessage);
    connect(m_eventDesigner, &EventDesigner::message, this, showMessage);
    connect(m_invokeConsole, &InvokeConsole::message, this, showMessage);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_functionView);
    splitter->addWidget(m_functionTabs);
    splitter->setSizes({240, 1040}); // the Project dock lists the functions too
    setCentralWidget(splitter);

    // The project at a glance, like an IDE's project tree.
    auto *projectDock = new QDockWidget(tr("Project"), this);
    projectDock->setObjectName(u"projectDock"_s);
    m_projectView->setObjectName(u"projectView"_s);
    m_projectView->setModel(m_projectTree);
    m_projectView->setUniformRowHeights(true);
    m_projectView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_projectView->header()->setStretchLastSection(true);
    connect(m_projectView, &QTreeView::activated, this, &MainWindow::activateProjectItem);
    projectDock->setWidget(m_projectView);
    addDockWidget(Qt::LeftDockWidgetArea, projectDock);
    resizeDocks({projectDock}, {260}, Qt::Horizontal);
    // Saved test events appear in the tree as they are saved, renamed or deleted.
    connect(m_eventDesigner->model(), &QAbstractItemModel::modelReset, this,
            &MainWindow::refreshProjectTree);
    connect(m_eventDesigner->model(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::refreshProjectTree);
    connect(m_eventDesigner->model(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::refreshProjectTree);
    connect(m_eventDesigner->model(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::refreshProjectTree);

    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(u"problemsDock"_s);
    m_problems->setObjectName(u"problemsView"_s);
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    resizeDocks({problemsDock}, {120}, Qt::Vertical);

    auto *concurrencyDock = new QDockWidget(tr("Concurrency"), this);
    concurrencyDock->setObjectName(u"concurrencyDock"_s);
    concurrencyDock->setWidget(m_concurrency);
    addDockWidget(Qt::BottomDockWidgetArea, concurrencyDock);
    tabifyDockWidget(problemsDock, concurrencyDock);
    concurrencyDock->raise();
    resizeDocks({concurrencyDock}, {420}, Qt::Vertical);

    // Monitor, cost and deploy: the console's Monitor tab and deploy step, beside the timeline.
    QDockWidget *below = concurrencyDock;
    for (const auto &[name, title, panel] :
         {std::tuple{u"metricsDock"_s, tr("Metrics"), static_cast<QWidget *>(m_metrics)},
          std::tuple{u"costDock"_s, tr("Cost"), static_cast<QWidget *>(m_cost)},
          std::tuple{u"deployDock"_s, tr("Deploy"), static_cast<QWidget *>(m_deploy)}}) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(panel);
        addDockWidget(Qt::BottomDockWidgetArea, dock);
        tabifyDockWidget(below, dock);
        below = dock;
    }
    concurrencyDock->raise();
    m_metrics->setEngine(m_engine);
    m_cost->setEngine(m_engine);
    connect(m_engine, &EngineHost::servicesStarted, m_deploy,
            [this](const QString &, const QString &lambdaUrl) {
                if (!lambdaUrl.isEmpty()) {
                    m_deploy->setLocalEndpoint(QUrl(lambdaUrl));
                }
            });

    auto *invocationDock = new QDockWidget(tr("Invocation"), this);
    invocationDock->setObjectName(u"invocationDock"_s);
    m_invocation->setObjectName(u"invocationView"_s);
    invocationDock->setWidget(m_invocation);
    addDockWidget(Qt::RightDockWidgetArea, invocationDock);
    invocationDock->hide();
    connect(m_concurrency, &ConcurrencyPanel::invocationActivated, this,
            [this, invocationDock](const QString &requestId) {
                showInvocation(requestId);
                invocationDock->show();
                invocationDock->raise();
            });
    connect(m_engine, &EngineHost::warningRaised, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });

    createMenus(problemsDock, concurrencyDock, invocationDock, test);
    connect(m_document, &ProjectDocument::functionChanged, this, &MainWindow::projectEdited);
    connect(m_document, &ProjectDocument::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_document, &ProjectDocument::saved, this, [this] {
        // The engine runs what is saved: a new configuration takes a new engine.
        const SamTemplate &saved = m_document->samTemplate();
        m_concurrency->setProject(saved.functions(), saved.directory(), m_engine->options());
        m_deploy->setProject(saved.path(), saved.functions());
        m_engine->start(saved.functions(), saved.path(), m_engine->options());
        statusBar()->showMessage(tr("Saved %1; the engine runs the saved configuration")
                                     .arg(QDir::toNativeSeparators(saved.path())),
                                 10000);
    });

    // Say how isolated functions run here: never pretend to a stronger sandbox.
    const SandboxCapabilities caps = SandboxCapabilities::probe();
    m_sandboxBadge->setObjectName(u"sandboxBadge"_s);
    m_sandboxBadge->setText(caps.isFullIsolation()
                                ? tr("Sandbox: %1").arg(caps.summary())
                                : tr("⚠ Weaker sandbox: %1").arg(caps.summary()));
    m_sandboxBadge->setToolTip(caps.summary());
    statusBar()->addPermanentWidget(m_sandboxBadge);

    // What the project's engine serves, as `lwb local start` does: awscli, SDKs and curl reach it.
    m_servicesLabel->setObjectName(u"servicesLabel"_s);
    m_servicesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_servicesLabel);
    connect(m_engine, &EngineHost::servicesStarted, this,
            [this](const QString &apiUrl, const QString &lambdaUrl, const QString &error) {
                QStringList parts;
                if (!apiUrl.isEmpty()) {
                    parts << tr("HTTP API %1").arg(apiUrl);
                }
                if (!lambdaUrl.isEmpty()) {
                    parts << tr("Lambda API %1").arg(lambdaUrl);
                }
                m_servicesLabel->setText(error.isEmpty() ? parts.join(u"  ·  "_s)
                                                         : tr("⚠ Services: %1").arg(error));
                m_servicesLabel->setToolTip(
                    tr("The project's engine serves its API routes and the Lambda API (SigV4, "
                       "key pair test/test), and runs its event sources."));
            });

    // The layout the user left: docks, their sizes, the window's place.
    restoreGeometry(Settings::windowGeometry().get());
    restoreState(Settings::windowState().get());
}

MainWindow::~MainWindow()
{
    m_engine->stop();
    // The designer holds the plugins' editors: it goes before the plugin managers do.
    delete m_triggerDesigner;
}

void MainWindow::createMenus(QDockWidget *problemsDock, QDockWidget *concurrencyDock,
                             QDockWidget *invocationDock, QWidget *testTab)
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *create = fileMenu->addAction(tr("&New Project…"), this, &MainWindow::newProject);
    create->setShortcut(QKeySequence::New);
    QAction *open = fileMenu->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentProjectsMenu"_s);
    updateRecentProjects();
    fileMenu->addSeparator();
    // One Save for the project: the template and every code file. The code tabs' own Ctrl+S
    // would make the keys ambiguous inside the editor.
    m_editorTabs->saveAction()->setShortcut(QKeySequence());
    m_saveAction = fileMenu->addAction(tr("&Save"), this, &MainWindow::saveAll);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setObjectName(u"saveAction"_s);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    // Undo/redo of the project's edits; the code editor keeps its own for the text.
    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setObjectName(u"undoAction"_s);
    m_redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_redoAction->setObjectName(u"redoAction"_s);
    editMenu->addAction(m_undoAction);
    editMenu->addAction(m_redoAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(findChild<QDockWidget *>(u"projectDock"_s)->toggleViewAction());
    viewMenu->addAction(problemsDock->toggleViewAction());
    viewMenu->addAction(concurrencyDock->toggleViewAction());
    for (const QString &dock : {u"metricsDock"_s, u"costDock"_s, u"deployDock"_s}) {
        viewMenu->addAction(findChild<QDockWidget *>(dock)->toggleViewAction());
    }
    viewMenu->addAction(invocationDock->toggleViewAction());
    viewMenu->addSeparator();
    // Switching panels from the keyboard: Alt+1… as in IDEs.
    const QList<QPair<QString, QWidget *>> tabs = {
        {tr("&Configuration"), m_details->parentWidget()},
        {tr("Cod&e"), m_editorTabs},
        {tr("&Test"), testTab},
        {tr("T&riggers and Destinations"), m_triggerDesigner}};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction *show = viewMenu->addAction(tabs.at(i).first, this, [this, widget = tabs.at(i).second] {
            m_functionTabs->setCurrentWidget(widget);
            widget->setFocus();
        });
        show->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    QMenu *themeMenu = viewMenu->addMenu(tr("T&heme"));
    auto *themes = new QActionGroup(this);
    const Theme currentTheme = ThemeManager::current();
    for (const auto &[theme, label] : {std::pair{Theme::System, tr("&System")},
                                       std::pair{Theme::Light, tr("&Light")},
                                       std::pair{Theme::Dark, tr("&Dark")}}) {
        QAction *choose = themeMenu->addAction(label, this, [theme] {
            ThemeManager::apply(theme);
            Settings::theme().set(int(theme));
        });
        choose->setCheckable(true);
        choose->setChecked(theme == currentTheme);
        themes->addAction(choose);
    }

    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    // Ctrl+Enter invokes the Test tab's event from anywhere in the window (the editor too).
    QAction *invokeTest = m_invokeConsole->invokeAction();
    invokeTest->setText(tr("Invoke with the &Test Event"));
    invokeTest->setShortcutContext(Qt::WindowShortcut);
    connect(invokeTest, &QAction::triggered, this,
            [this, testTab] { m_functionTabs->setCurrentWidget(testTab); });
    runMenu->addAction(invokeTest);
    runMenu->addAction(m_concurrency->invokeAction());
    runMenu->addAction(m_concurrency->runLoadAction());
    runMenu->addSeparator();
    runMenu->addAction(m_concurrency->stepControls()->pauseAction());
    runMenu->addAction(m_concurrency->stepControls()->stepAction());
    runMenu->addAction(m_concurrency->stepControls()->resumeAction());
}

bool MainWindow::openProject(const QString &path)
{
    if (!m_editorTabs->maybeSave() || !maybeSaveProject()) {
        return false;
    }
    QString templatePath = path;
    if (QFileInfo(path).isDir()) {
        templatePath = QDir(path).filePath(u"template.yaml"_s);
        if (!QFileInfo::exists(templatePath) &&
            QFileInfo::exists(QDir(path).filePath(u"template.yml"_s))) {
            templatePath = QDir(path).filePath(u"template.yml"_s);
        }
    }
    Problems problems;
    const bool ok = m_document->load(templatePath, &problems);
    showProblems(problems);
    if (!ok) {
        statusBar()->showMessage(tr("Could not open %1").arg(templatePath));
        return false;
    }
    Settings::addRecentProject(templatePath);
    updateRecentProjects();
    const SamTemplate &project = m_document->samTemplate();
    m_functions->setFunctions(project.functions());
    refreshProjectTree();
    const EngineOptions options{};
    m_concurrency->setProject(project.functions(), project.directory(), options);
    m_metrics->setFunctions(project.functions());
    m_cost->setFunctions(project.functions());
    m_deploy->setProject(templatePath, project.functions());
    m_engine->start(project.functions(), templatePath, options);
    m_invokeConsole->setEngine(m_engine, templatePath);
    setWindowFilePath(templatePath);
    setWindowTitle(tr("%1[*] — Lambda Workbench").arg(QFileInfo(project.directory()).fileName()));
    setWindowModified(false);
    statusBar()->showMessage(
        tr("Opened %1: %n function(s)", nullptr, static_cast<int>(project.functions().size()))
            .arg(QDir::toNativeSeparators(templatePath)));
    if (m_functions->rowCount() > 0) {
        m_functionView->setCurrentIndex(m_functions->index(0, 0));
    } else {
        m_details->clear();
    }
    return true;
}

void MainWindow::showProblems(const Problems &problems)
{
    m_problems->clear();
    for (const Problem &problem : problems) {
        auto *item = new QListWidgetItem(problem.toString(), m_problems);
        item->setIcon(style()->standardIcon(problem.isError() ? QStyle::SP_MessageBoxCritical
                                                              : QStyle::SP_MessageBoxWarning));
    }
}

void MainWindow::refreshProjectTree()
{
    m_projectTree->setProject(m_document->samTemplate());
    m_projectView->expand(m_projectTree->groupIndex(ProjectTreeModel::Kind::Function));
    for (const QModelIndex &group : {m_projectTree->groupIndex(ProjectTreeModel::Kind::Layer),
                                     m_projectTree->groupIndex(ProjectTreeModel::Kind::Queue),
                                     m_projectTree->groupIndex(ProjectTreeModel::Kind::Bucket),
                                     m_projectTree->groupIndex(ProjectTreeModel::Kind::Api)}) {
        if (group.isValid()) {
            m_projectView->expand(group);
        }
    }
}

void MainWindow::activateProjectItem(const QModelIndex &index)
{
    const auto kind = index.data(ProjectTreeModel::KindRole).value<ProjectTreeModel::Kind>();
    const QString logicalId = index.data(ProjectTreeModel::LogicalIdRole).toString();
    switch (kind) {
    case ProjectTreeModel::Kind::Function:
        selectFunction(logicalId);
        m_functionTabs->setCurrentWidget(m_editorTabs);
        break;
    case ProjectTreeModel::Kind::TestEvent:
        selectFunction(logicalId);
        if (m_editorTabs->function().logicalId == logicalId) {
            m_eventDesigner->select(index.data(ProjectTreeModel::NameRole).toString());
            m_functionTabs->setCurrentWidget(m_eventDesigner->parentWidget());
        }
        break;
    case ProjectTreeModel::Kind::Trigger:
        selectFunction(logicalId);
        if (m_editorTabs->function().logicalId == logicalId) {
            m_functionTabs->setCurrentWidget(m_triggerDesigner);
            m_triggerDesigner->select(TriggerDesignerModel::triggerId(
                index.data(ProjectTreeModel::NameRole).toString()));
        }
        break;
    default:
        break;
    }
}

void MainWindow::chooseProject()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open SAM Template"), QString(),
                                     tr("SAM templates (template.yaml template.yml *.yaml *.yml)"));
    if (!path.isEmpty()) {
        openProject(path);
    }
}

void MainWindow::newProject()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        openProject(dialog.templatePath());
    }
}

void MainWindow::updateRecentProjects()
{
    m_recentMenu->clear();
    const QStringList recent = Settings::recentProjects();
    for (const QString &path : recent) {
        const QString name = QFileInfo(QFileInfo(path).absolutePath()).fileName();
        QAction *open = m_recentMenu->addAction(
            u"%1  (%2)"_s.arg(name, QDir::toNativeSeparators(path)),
            this, [this, path] { openProject(path); });
        open->setData(path);
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("Clear the List"), this, [this] {
        Settings::clearRecentProjects();
        updateRecentProjects();
    });
    clear->setEnabled(!recent.isEmpty());
}

bool MainWindow::maybeSaveProject()
{
    if (!m_document->isModified()) {
        return true;
    }
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("The project's template (%1) has unsaved changes. Save them?")
            .arg(QFileInfo(m_document->path()).fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    if (answer == QMessageBox::Save) {
        return saveAll();
    }
    return true;
}

bool MainWindow::saveAll()
{
    bool ok = m_editorTabs->saveAll();
    if (m_document->isModified()) {
        QString error;
        if (!m_document->save(&error)) {
            QMessageBox::warning(this, tr("Save"), tr("Could not save the template: %1").arg(error));
            ok = false;
        }
    }
    return ok;
}

void MainWindow::projectEdited(const QString &logicalId)
{
    // Refresh the list and the open function's view with the edited configuration.
    const SamTemplate &project = m_document->samTemplate();
    m_functions->setFunctions(project.functions());
    refreshProjectTree();
    showProblems(project.problems());
    selectFunction(logicalId);
    showFunction(m_functionView->currentIndex());
}

void MainWindow::showInvocation(const QString &requestId)
{
    m_invocation->setHtml(m_concurrency->describeInvocation(requestId));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editorTabs->maybeSave() && maybeSaveProject()) {
        Settings::windowGeometry().set(saveGeometry());
        Settings::windowState().set(saveState());
        event->accept();
    } else {
        event->ignore();
    }
}

bool MainWindow::editFunction(const FunctionConfig &function)
{
    const bool sameProject = m_eventDesigner->model()->events().projectDir() ==
                             QDir(m_document->samTemplate().directory()).absolutePath();
    if (function.logicalId == m_editorTabs->function().logicalId && sameProject) {
        return true;
    }
    if (!m_editorTabs->maybeSave()) {
        return false;
    }
    m_editorTabs->setFunction(function);
    m_configForm->setFunction(function.logicalId);
    m_triggerDesigner->setFunction(function.logicalId);
    m_eventDesigner->setFunction(m_document->samTemplate().directory(), function.logicalId);
    m_invokeConsole->setFunction(function);
    m_invokeConsole->setEvent(m_eventDesigner->eventJson());
    m_editorTabs->setEventSample(m_eventDesigner->eventJson());
    return true;
}

void MainWindow::selectFunction(const QString &logicalId)
{
    for (int row = 0; row < m_functions->rowCount(); ++row) {
        const QModelIndex index = m_functions->index(row, 0);
        if (m_functions->functionAt(index)->logicalId == logicalId) {
            m_functionView->setCurrentIndex(index);
            return;
        }
    }
}

void MainWindow::showFunction(const QModelIndex &index)
{
    const FunctionConfig *f = m_functions->functionAt(index);
    if (!f) {
        m_details->clear();
        return;
    }
    if (!editFunction(*f)) {
        // Cancelled: stay on the function whose code has the unsaved changes.
        QTimer::singleShot(0, this,
                           [this, id = m_editorTabs->function().logicalId] { selectFunction(id); });
        return;
    }
    QString html = u"<h2>%1</h2><table cellspacing=4>"_s.arg(escaped(f->logicalId));
    auto row = [&html](const QString &key, const QString &value) {
        html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(escaped(key), escaped(value));
    };
    row(tr("Function name"), f->functionName);
    row(tr("Runtime"), f->runtime);
    row(tr("Handler"), f->handler);
    row(tr("Code"), QDir::toNativeSeparators(f->codeDir));
    row(tr("Memory"), tr("%1 MB").arg(f->memoryMb));
    row(tr("Timeout"), tr("%1 s").arg(f->timeoutSeconds));
    row(tr("Ephemeral storage"), tr("%1 MB").arg(f->ephemeralStorageMb));
    row(tr("Architecture"), f->architecture);
    html += u"</table>"_s;
    if (!f->environment.isEmpty()) {
        html += u"<h3>%1</h3><table cellspacing=4>"_s.arg(tr("Environment variables"));
        for (auto it = f->environment.cbegin(); it != f->environment.cend(); ++it) {
            row(it.key(), it.value());
        }
        html += u"</table>"_s;
    }
    if (!f->layers.empty()) {
        html += u"<h3>%1</h3><ul>"_s.arg(tr("Layers"));
        for (const LayerConfig &layer : f->layers) {
            html += u"<li>%1</li>"_s.arg(
                escaped(layer.name.isEmpty() ? layer.unresolvedReference : layer.name));
        }
        html += u"</ul>"_s;
    }
    if (f->events.is_object() && !f->events.empty()) {
        html += u"<h3>%1</h3><ul>"_s.arg(tr("Triggers"));
        for (const auto &[name, event] : f->events.items()) {
            const QString type = event.contains("Type") && event["Type"].is_string()
                                     ? QString::fromStdString(event["Type"].get<std::string>())
                                     : QString();
            html += u"<li>%1 (%2)</li>"_s.arg(escaped(QString::fromStdString(name)), escaped(type));
        }
        html += u"</ul>"_s;
    }
    if (!f->warnings.isEmpty()) {
        html += u"<h3>%1</h3><ul>"_s.arg(tr("Warnings"));
        for (const QString &warning : f->warnings) {
            html += u"<li>%1</li>"_s.arg(escaped(warning));
        }
        html += u"</ul>"_s;
    }
    m_details->setHtml(html);
}

} // namespace Lwb
