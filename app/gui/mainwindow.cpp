// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "concurrencypanel.h"
#include "editortabs.h"
#include "enginehost.h"
#include "eventdesigner.h"
#include "invokeconsole.h"
#include "stepcontrols.h"
#include "timelineview.h"

#include "project/functionlistmodel.h"
#include "project/samtemplate.h"
#include "project/savedeventsmodel.h"
#include "sandbox/sandboxcapabilities.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTextBrowser>
#include <QtWidgets/QTreeView>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_template(std::make_unique<SamTemplate>()),
      m_functions(new FunctionListModel(this)), m_functionView(new QTreeView),
      m_details(new QTextBrowser), m_problems(new QListWidget), m_sandboxBadge(new QLabel),
      m_engine(new EngineHost(this)), m_servicesLabel(new QLabel),
      m_concurrency(new ConcurrencyPanel(m_engine)), m_invocation(new QTextBrowser),
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
    m_functionTabs->addTab(m_details, tr("Configuration"));
    m_functionTabs->addTab(m_editorTabs, tr("Code"));
    m_functionTabs->addTab(test, tr("Test"));
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
    splitter->setSizes({420, 860});
    setCentralWidget(splitter);

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

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Project…"), this, &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(problemsDock->toggleViewAction());
    viewMenu->addAction(concurrencyDock->toggleViewAction());
    viewMenu->addAction(invocationDock->toggleViewAction());
    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    // Ctrl+Enter invokes the Test tab's event from anywhere in the window (the editor too).
    QAction *invokeTest = m_invokeConsole->invokeAction();
    invokeTest->setText(tr("Invoke with the &Test Event"));
    invokeTest->setShortcutContext(Qt::WindowShortcut);
    connect(invokeTest, &QAction::triggered, this,
            [this, test] { m_functionTabs->setCurrentWidget(test); });
    runMenu->addAction(invokeTest);
    runMenu->addAction(m_concurrency->invokeAction());
    runMenu->addAction(m_concurrency->runLoadAction());
    runMenu->addSeparator();
    runMenu->addAction(m_concurrency->stepControls()->pauseAction());
    runMenu->addAction(m_concurrency->stepControls()->stepAction());
    runMenu->addAction(m_concurrency->stepControls()->resumeAction());

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
}

MainWindow::~MainWindow()
{
    m_engine->stop();
}

bool MainWindow::openProject(const QString &path)
{
    if (!m_editorTabs->maybeSave()) {
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
    auto loaded = std::make_unique<SamTemplate>();
    const bool ok = loaded->load(templatePath);
    m_problems->clear();
    for (const Problem &problem : loaded->problems()) {
        auto *item = new QListWidgetItem(problem.toString(), m_problems);
        item->setIcon(style()->standardIcon(problem.isError() ? QStyle::SP_MessageBoxCritical
                                                              : QStyle::SP_MessageBoxWarning));
    }
    if (!ok) {
        statusBar()->showMessage(tr("Could not open %1").arg(templatePath));
        return false;
    }
    m_template = std::move(loaded);
    m_functions->setFunctions(m_template->functions());
    const EngineOptions options{};
    m_concurrency->setProject(m_template->functions(), m_template->directory(), options);
    m_engine->start(m_template->functions(), templatePath, options);
    m_invokeConsole->setEngine(m_engine, templatePath);
    setWindowTitle(tr("%1 — Lambda Workbench").arg(QFileInfo(m_template->directory()).fileName()));
    statusBar()->showMessage(
        tr("Opened %1: %n function(s)", nullptr, static_cast<int>(m_template->functions().size()))
            .arg(QDir::toNativeSeparators(templatePath)));
    if (m_functions->rowCount() > 0) {
        m_functionView->setCurrentIndex(m_functions->index(0, 0));
    } else {
        m_details->clear();
    }
    return true;
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

void MainWindow::showInvocation(const QString &requestId)
{
    m_invocation->setHtml(m_concurrency->describeInvocation(requestId));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editorTabs->maybeSave()) {
        event->accept();
    } else {
        event->ignore();
    }
}

bool MainWindow::editFunction(const FunctionConfig &function)
{
    const bool sameProject = m_eventDesigner->model()->events().projectDir() ==
                             QDir(m_template->directory()).absolutePath();
    if (function.logicalId == m_editorTabs->function().logicalId && sameProject) {
        return true;
    }
    if (!m_editorTabs->maybeSave()) {
        return false;
    }
    m_editorTabs->setFunction(function);
    m_eventDesigner->setFunction(m_template->directory(), function.logicalId);
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
