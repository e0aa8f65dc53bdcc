// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "concurrencypanel.h"
#include "costpanel.h"
#include "metricspanel.h"
#include "telemetry/costtablemodel.h"
#include "enginehost.h"
#include "loadrunner.h"
#include "codeeditor.h"

#define signals Q_SIGNALS // see codeeditor.h
#define slots Q_SLOTS
#include <Qsci/qscilexer.h>
#undef slots
#undef signals
#include "editortabs.h"
#include "mainwindow.h"
#include "newprojectdialog.h"
#include "projectdocument.h"
#include "sampleproject.h"
#include "stepcontrols.h"
#include "theme.h"
#include "triggerdesigner.h"
#include "timelineview.h"

#include "eventdesigner.h"
#include "functionconfigform.h"
#include "project/functionlistmodel.h"
#include "project/projecttreemodel.h"
#include "project/savedeventsmodel.h"
#include "project/samtemplate.h"
#include "telemetry/timelinemodel.h"

#include <QtCore/QDirIterator>
#include <QtCore/QSettings>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtGui/QAction>
#include <QtGui/QUndoStack>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTextBrowser>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeView>

using namespace Qt::StringLiterals;

using SampleProject::copyTree;

namespace {

/** The sample in a temporary folder: the window runs the project's engine, whose state goes into it. */
QString sampleCopy(const QTemporaryDir &dir)
{
    return SampleProject::copyHelloWorld(dir);
}

/** Opens @p project in @p window and shows it; false when either failed. */
bool openAndShow(Lwb::MainWindow &window, const QString &project)
{
    if (!window.openProject(project)) {
        return false;
    }
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The window remembers recent projects and its layout: keep them out of the user's.
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(u"Lambda Workbench Tests"_s);
        QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    }

    void opensTheSampleAndListsItsFunctions()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        QVERIFY(!sample.isEmpty());
        Lwb::MainWindow window;
        QAbstractItemModelTester tester(window.functionModel());
        QVERIFY(openAndShow(window, sample));

        QCOMPARE(window.functionModel()->rowCount(), 2);
        QCOMPARE(window.functionModel()->index(0, 0).data().toString(), u"HelloWorldFunction"_s);
        QCOMPARE(window.functionModel()->index(1, 1).data().toString(), u"nodejs20.x"_s);
        QVERIFY(window.windowTitle().startsWith(u"hello-world"_s));
        QVERIFY(window.detailsView()->toPlainText().contains(u"python3.12"_s));

        // A click on the second function shows its configuration.
        QTreeView *view = window.functionView();
        const QRect rect = view->visualRect(window.functionModel()->index(1, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(window.detailsView()->toPlainText().contains(u"HelloWorldNodeFunction"_s));
        QVERIFY(window.detailsView()->toPlainText().contains(u"app.lambdaHandler"_s));

        // Keyboard navigation works as in any list.
        QTest::keyClick(view, Qt::Key_Up);
        QVERIFY(window.detailsView()->toPlainText().contains(u"app.lambda_handler"_s));
    }

    void theEngineServesTheProjectLikeLocalStart()
    {
        // The window's engine runs what `lwb local start` runs: the sample's /hello answers on
        // the HTTP API whose address the status bar shows, and the Lambda API is up beside it.
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        QVERIFY(!sample.isEmpty());
        Lwb::MainWindow window;
        QVERIFY(window.openProject(sample));
        QVERIFY(QTest::qWaitFor([&] { return !window.engineHost()->apiUrl().isEmpty(); }, 20000));
        const QString apiUrl = window.engineHost()->apiUrl();
        QVERIFY(!window.engineHost()->lambdaUrl().isEmpty());
        QVERIFY2(window.servicesLabel()->text().contains(u"HTTP API "_s + apiUrl),
                 qPrintable(window.servicesLabel()->text()));
        QVERIFY(window.servicesLabel()->text().contains(window.engineHost()->lambdaUrl()));

        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(apiUrl + u"/hello"_s))));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().contains("hello world"));
        // An unsigned Lambda API request is refused, as `lwb local start` refuses it.
        reply.reset(network.post(QNetworkRequest(QUrl(window.engineHost()->lambdaUrl()
                                                      + u"/2015-03-31/functions/HelloWorldFunction/invocations"_s)),
                                 QByteArray("{}")));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    }

    void invocationsShowInTheConcurrencyPanel()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        QVERIFY(!sample.isEmpty());
        Lwb::MainWindow window;
        window.resize(1400, 900);
        QVERIFY(openAndShow(window, sample));
        Lwb::ConcurrencyPanel *panel = window.concurrencyPanel();
        QAbstractItemModelTester tester(panel->model());
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->functionBox()->count(), 2);
        QCOMPARE(panel->functionBox()->currentText(), u"HelloWorldFunction"_s);

        // Invoke once from the button: one environment of HelloWorldFunction, one cold invoke.
        QTest::mouseClick(panel->findChild<QToolButton *>(u"invokeButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->invocationCount(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->runningCount(), 0, 30000);
        QCOMPARE(panel->model()->rowCount(), 1);
        QCOMPARE(panel->model()->index(0, 0).data().toString(), u"HelloWorldFunction:$LATEST"_s);
        // The same journal feeds the Metrics and Cost docks.
        QTRY_COMPARE(window.costPanel()->model()->invocationTotal().requests, qint64(1));
        QVERIFY(window.costPanel()->model()->totalUsd() > 0);
        QTRY_VERIFY(window.metricsPanel()->store().functions().contains(u"HelloWorldFunction"_s));
        QVERIFY(window.findChild<QDockWidget *>(u"deployDock"_s));
        const QString requestId = panel->model()->invocation(0)->requestId;
        QTRY_VERIFY(panel->loadRunner()->exchange(requestId) &&
                    panel->loadRunner()->exchange(requestId)->result);

        // Clicking its bar shows its event, response and log.
        Lwb::TimelineView *view = panel->view();
        // The view lays its lanes out on its next (coalesced) update: wait for the bar.
        QPoint bar;
        QTRY_VERIFY([&] {
            view->fitAll();
            bar = view->invocationPoint(requestId);
            return bar.x() > 0;
        }());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, bar);
        QTRY_VERIFY(window.invocationView()->isVisible());
        const QString details = window.invocationView()->toPlainText();
        QVERIFY2(details.contains(requestId) && details.contains(u"hello world"_s) &&
                     details.contains(u"START RequestId: "_s + requestId) &&
                     details.contains(u"cold"_s),
                 qPrintable(details));

        // A load from the Run menu's action: N requests at concurrency C.
        panel->requestsBox()->setValue(6);
        panel->concurrencyBox()->setValue(2);
        panel->runLoadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->loadRunner()->isRunning(), 60000);
        QCOMPARE(panel->loadRunner()->completed(), 6);
        QTRY_COMPARE(panel->model()->invocationCount(), 7);
        QVERIFY(panel->model()->rowCount(panel->model()->index(0, 0)) <= 2);

        // Paused from the Run menu, a request waits at the gate and the visualiser shows it;
        // resumed, it runs.
        Lwb::StepControls *steps = panel->stepControls();
        steps->pauseAction()->trigger();
        QTRY_VERIFY(window.engineHost()->isPaused());
        const QString held = panel->loadRunner()->invoke(u"HelloWorldFunction"_s, "{}");
        QTRY_COMPARE(panel->model()->waitingCount(), 1);
        QVERIFY(panel->model()->isWaiting(held));
        const int function = panel->model()->functionIndex(u"HelloWorldFunction"_s);
        const auto marks = panel->model()->marks(function, 0, Lwb::TimelineModel::kOpenUs - 1);
        QCOMPARE(marks.back().kind, Lwb::TimelineModel::MarkKind::Queued);
        QCOMPARE(marks.back().requestId, held);
        QVERIFY(steps->waitingLabel()->text().contains(u"1 waiting"_s));
        steps->resumeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->invocationCount(), 8, 30000);
        QCOMPARE(panel->model()->waitingCount(), 0);
        QVERIFY(panel->model()->invocation(held));
    }

    void screenshotsAfterALoadWithThrottles()
    {
        // A project whose function reserves three: a load at six concurrent is throttled. Run
        // with LWB_SCREENSHOTS_DIR set, it saves docs/screenshots/concurrency-{light,dark}.png.
        QTemporaryDir dir;
        const QString project = dir.filePath(u"shop"_s);
        QVERIFY(copyTree(QStringLiteral(LWB_SOURCE_DIR) +
                             u"/resources/samples/runtimes-fixtures/python-sleep"_s,
                         project + u"/orders"_s));
        QVERIFY(copyTree(QStringLiteral(LWB_SOURCE_DIR) +
                             u"/resources/samples/hello-world/hello_world"_s,
                         project + u"/hello"_s));
        QFile yaml(project + u"/template.yaml"_s);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("AWSTemplateFormatVersion: '2010-09-09'\n"
                   "Transform: AWS::Serverless-2016-10-31\n"
                   "Resources:\n"
                   "  OrdersFunction:\n"
                   "    Type: AWS::Serverless::Function\n"
                   "    Properties:\n"
                   "      CodeUri: orders/\n"
                   "      Handler: app.handler\n"
                   "      Runtime: python3.12\n"
                   "      Timeout: 3\n"
                   "      ReservedConcurrentExecutions: 3\n"
                   "  HelloFunction:\n"
                   "    Type: AWS::Serverless::Function\n"
                   "    Properties:\n"
                   "      CodeUri: hello/\n"
                   "      Handler: app.lambda_handler\n"
                   "      Runtime: python3.12\n");
        yaml.close();
        QDir().mkpath(project + u"/events/OrdersFunction"_s);
        QFile event(project + u"/events/OrdersFunction/slow.json"_s);
        QVERIFY(event.open(QIODevice::WriteOnly));
        event.write(R"({"seconds": 0.25})");
        event.close();

        Lwb::MainWindow window;
        window.resize(1500, 950);
        QVERIFY(openAndShow(window, project));
        Lwb::ConcurrencyPanel *panel = window.concurrencyPanel();
        // Within the reservation: three environments, reused warm.
        panel->requestsBox()->setValue(24);
        panel->concurrencyBox()->setValue(3);
        panel->runLoadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->loadRunner()->isRunning(), 120000);
        QCOMPARE(panel->loadRunner()->throttled(), 0);
        // Above it: throttled.
        panel->requestsBox()->setValue(12);
        panel->concurrencyBox()->setValue(5);
        panel->runLoadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->loadRunner()->isRunning(), 120000);
        QVERIFY(panel->loadRunner()->throttled() > 0);
        panel->functionBox()->setCurrentText(u"HelloFunction"_s);
        for (int i = 0; i < 3; ++i) {
            panel->invokeAction()->trigger();
            QTest::qWait(150);
        }
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->runningCount(), 0, 30000);
        QTRY_COMPARE(panel->model()->throttleCount(), panel->loadRunner()->throttled());
        const int orders = panel->model()->functionIndex(u"OrdersFunction"_s);
        QCOMPARE(panel->model()->functions()[orders].reservedConcurrency.value_or(0), 3);
        QCOMPARE(panel->model()->functions()[orders].peakConcurrency, 3);
        QCOMPARE(panel->model()->rowCount(panel->model()->groupIndex(0)), 3);

        panel->view()->fitAll();
        window.resizeDocks({window.findChild<QDockWidget *>(u"concurrencyDock"_s)}, {560},
                           Qt::Vertical);
        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (out.isEmpty()) {
            return;
        }
        QTest::qWait(100);
        QVERIFY(window.grab().save(out + u"/concurrency-light.png"_s));
        Lwb::ThemeManager::apply(Lwb::Theme::Dark);
        QTest::qWait(100);
        QVERIFY(window.grab().save(out + u"/concurrency-dark.png"_s));
        Lwb::ThemeManager::apply(Lwb::Theme::System);
    }

    void projectTreeShowsFunctionsTriggersAndTestEvents()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QAbstractItemModelTester tester(window.projectTree());
        QVERIFY(openAndShow(window, sample));
        Lwb::ProjectTreeModel *tree = window.projectTree();
        const QModelIndex functions = tree->groupIndex(Lwb::ProjectTreeModel::Kind::Function);
        QCOMPARE(tree->rowCount(functions), 2);
        QVERIFY(window.projectView()->isExpanded(functions));
        const QModelIndex node = tree->functionIndex(u"HelloWorldNodeFunction"_s);
        QCOMPARE(tree->index(0, 0, node).data().toString(), u"HelloWorld"_s);
        QCOMPARE(tree->index(0, 1, node).data().toString(), u"Api"_s);

        // Enter on a function opens it.
        window.projectView()->setFocus();
        window.projectView()->setCurrentIndex(node);
        QTest::keyClick(window.projectView(), Qt::Key_Return);
        QCOMPARE(window.editorTabs()->function().logicalId, u"HelloWorldNodeFunction"_s);
        QCOMPARE(window.functionTabs()->currentWidget(), window.editorTabs());

        // A test event saved in the designer shows under its function.
        QVERIFY(window.eventDesigner()->saveAs(u"ping"_s));
        const QModelIndex again = tree->functionIndex(u"HelloWorldNodeFunction"_s);
        QCOMPARE(tree->rowCount(again), 2);
        const QModelIndex ping = tree->index(1, 0, again);
        QCOMPARE(ping.data().toString(), u"ping"_s);
        // Activating it shows it in the Test tab.
        window.projectView()->setCurrentIndex(ping);
        QTest::keyClick(window.projectView(), Qt::Key_Return);
        QCOMPARE(window.eventDesigner()->currentName(), u"ping"_s);
        QVERIFY(window.eventDesigner()->isVisible());
    }

    void triggersTabEditsTheTemplate()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QVERIFY(openAndShow(window, sample));
        QAction *showTriggers = findAction(window, u"T&riggers and Destinations"_s);
        QVERIFY(showTriggers);
        QCOMPARE(showTriggers->shortcut(), QKeySequence(Qt::ALT | Qt::Key_4));
        showTriggers->trigger();
        Lwb::TriggerDesigner *designer = window.triggerDesigner();
        QVERIFY(designer->isVisible());
        QCOMPARE(designer->function(), u"HelloWorldFunction"_s);

        // A trigger added in the designer is an undoable edit; Save writes it.
        QString error;
        QVERIFY2(designer->addTrigger(u"Schedule"_s, u"Nightly"_s, &error), qPrintable(error));
        QVERIFY(window.isWindowModified());
        const QModelIndex function = window.projectTree()->functionIndex(u"HelloWorldFunction"_s);
        QCOMPARE(window.projectTree()->rowCount(function), 2);
        window.undoAction()->trigger();
        QCOMPARE(window.projectTree()->rowCount(
                     window.projectTree()->functionIndex(u"HelloWorldFunction"_s)),
                 1);
        window.redoAction()->trigger();
        window.saveAction()->trigger();
        Lwb::SamTemplate saved;
        QVERIFY(saved.load(sample + u"/template.yaml"_s));
        QVERIFY(saved.function(u"HelloWorldFunction"_s)->events.contains("Nightly"));
        QCOMPARE(saved.function(u"HelloWorldFunction"_s)->events["Nightly"]["Type"], "Schedule");

        // Activating a trigger in the Project tree opens it in the designer.
        window.functionTabs()->setCurrentWidget(window.editorTabs());
        const QModelIndex again = window.projectTree()->functionIndex(u"HelloWorldFunction"_s);
        QModelIndex nightly;
        for (int row = 0; row < window.projectTree()->rowCount(again); ++row) {
            if (window.projectTree()->index(row, 0, again).data().toString() == u"Nightly"_s) {
                nightly = window.projectTree()->index(row, 0, again);
            }
        }
        QVERIFY(nightly.isValid());
        window.projectView()->setFocus();
        window.projectView()->setCurrentIndex(nightly);
        QTest::keyClick(window.projectView(), Qt::Key_Return);
        QCOMPARE(window.functionTabs()->currentWidget(), designer);
        QCOMPARE(designer->currentId(), u"trigger:Nightly"_s);
    }

    void testEventEditsAreUndoable()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QVERIFY(openAndShow(window, sample));
        Lwb::EventDesigner *designer = window.eventDesigner();
        const QString folder = sample + u"/events/HelloWorldFunction/"_s;

        QVERIFY(designer->saveAs(u"ping"_s));
        QVERIFY(QFileInfo::exists(folder + u"ping.json"_s));
        QVERIFY(window.undoAction()->text().contains(u"ping"_s));
        // Saved at once: the template is not what changed.
        QVERIFY(!window.isWindowModified());
        window.undoAction()->trigger();
        QVERIFY(!QFileInfo::exists(folder + u"ping.json"_s));
        QCOMPARE(designer->model()->row(u"ping"_s), -1);
        window.redoAction()->trigger();
        QVERIFY(QFileInfo::exists(folder + u"ping.json"_s));
        QCOMPARE(designer->model()->row(u"ping"_s), 0);

        QVERIFY(designer->select(u"ping"_s));
        QVERIFY(designer->rename(u"pong"_s));
        QVERIFY(!QFileInfo::exists(folder + u"ping.json"_s));
        window.undoAction()->trigger();
        QVERIFY(QFileInfo::exists(folder + u"ping.json"_s));
        QVERIFY(!QFileInfo::exists(folder + u"pong.json"_s));

        QVERIFY(designer->select(u"ping"_s));
        QFile saved(folder + u"ping.json"_s);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray content = saved.readAll();
        saved.close();
        QVERIFY(designer->remove());
        QVERIFY(!QFileInfo::exists(folder + u"ping.json"_s));
        window.undoAction()->trigger();
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), content);
        QVERIFY(designer->select(u"ping"_s));
        QVERIFY(!window.isWindowModified());
    }

    void newProjectFromTheFileMenu()
    {
        QTemporaryDir dir;
        Lwb::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool driven = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<Lwb::NewProjectDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *name = dialog->findChild<QLineEdit *>(u"projectName"_s);
            auto *location = dialog->findChild<QLineEdit *>(u"projectLocation"_s);
            auto *runtime = dialog->findChild<QComboBox *>(u"projectRuntime"_s);
            name->selectAll();
            QTest::keyClicks(name, u"orders-api"_s);
            location->selectAll();
            QTest::keyClicks(location, dir.path());
            runtime->setCurrentText(u"nodejs20.x"_s);
            auto *buttons = dialog->findChild<QDialogButtonBox *>();
            QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            driven = true;
        });
        QAction *create = findAction(window, u"&New Project…"_s);
        QVERIFY(create);
        QCOMPARE(create->shortcut(), QKeySequence(QKeySequence::New));
        create->trigger();
        QVERIFY(driven);
        const QString created = dir.filePath(u"orders-api/template.yaml"_s);
        QVERIFY(QFileInfo::exists(created));
        QCOMPARE(window.document()->path(), created);
        QCOMPARE(window.functionModel()->rowCount(), 1);
        QCOMPARE(window.functionModel()->index(0, 1).data().toString(), u"nodejs20.x"_s);
        QVERIFY(window.windowTitle().startsWith(u"orders-api"_s));
        // It is the most recent project now.
        QCOMPARE(window.recentProjectsMenu()->actions().first()->data().toString(), created);
    }

    void projectEditsUndoRedoAndSave()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QVERIFY(openAndShow(window, sample));
        Lwb::ProjectDocument *document = window.document();
        QVERIFY(!window.undoAction()->isEnabled());

        // Typed into the Configuration tab's form: one undoable edit of the template.
        QAction *showConfiguration = findAction(window, u"&Configuration"_s);
        QCOMPARE(showConfiguration->shortcut(), QKeySequence(Qt::ALT | Qt::Key_1));
        showConfiguration->trigger();
        auto *memory = window.configForm()->findChild<QLineEdit *>(u"memoryField"_s);
        QVERIFY(memory);
        QTRY_VERIFY(memory->isVisible());
        QTest::keyClicks(memory, u"512"_s);
        QVERIFY(window.isWindowModified());
        QVERIFY(window.undoAction()->isEnabled());
        QCOMPARE(document->undoStack()->count(), 1);
        QTRY_VERIFY(window.detailsView()->toPlainText().contains(u"512 MB"_s));
        QCOMPARE(window.functionModel()->functionAt(window.functionModel()->index(0, 0))->memoryMb,
                 512);

        // Ctrl+Z and Ctrl+Shift+Z from the window.
        QCOMPARE(window.undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
        window.undoAction()->trigger();
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.detailsView()->toPlainText().contains(u"128 MB"_s));
        window.redoAction()->trigger();
        QVERIFY(window.detailsView()->toPlainText().contains(u"512 MB"_s));

        // Ctrl+S saves the template; the engine restarts on what was saved.
        QCOMPARE(window.saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
        window.saveAction()->trigger();
        QVERIFY(!window.isWindowModified());
        Lwb::SamTemplate saved;
        QVERIFY(saved.load(sample + u"/template.yaml"_s));
        QCOMPARE(saved.function(u"HelloWorldFunction"_s)->memoryMb, 512);
        QCOMPARE(window.engineHost()->functions().front().memoryMb, 512);
    }

    void unsavedChangesAskBeforeClosing()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QVERIFY(openAndShow(window, sample));
        QVERIFY(window.document()->changeFunctionProperty(u"HelloWorldFunction"_s, u"Timeout"_s,
                                                          nlohmann::json(30)));
        auto answer = [this](QMessageBox::StandardButton button, QString *text) {
            QTimer::singleShot(0, this, [button, text] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                *text = box->text();
                QTest::mouseClick(box->button(button), Qt::LeftButton);
            });
        };
        QString asked;
        answer(QMessageBox::Cancel, &asked);
        QVERIFY(!window.close());
        QVERIFY2(asked.contains(u"template.yaml"_s), qPrintable(asked));
        QVERIFY(window.isVisible());
        answer(QMessageBox::Discard, &asked);
        QVERIFY(window.close());
        Lwb::SamTemplate onDisk;
        QVERIFY(onDisk.load(sample + u"/template.yaml"_s));
        QCOMPARE(onDisk.function(u"HelloWorldFunction"_s)->timeoutSeconds, 3);
    }

    void recentProjectsAndLayoutAreRemembered()
    {
        QTemporaryDir dir;
        const QString first = SampleProject::copyHelloWorld(dir);
        QTemporaryDir other;
        const QString second = SampleProject::copyHelloWorld(other);
        {
            Lwb::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openProject(first));
            QVERIFY(window.openProject(second));
            const QList<QAction *> recent = window.recentProjectsMenu()->actions();
            QCOMPARE(recent.at(0)->data().toString(), second + u"/template.yaml"_s);
            QCOMPARE(recent.at(1)->data().toString(), first + u"/template.yaml"_s);
            window.findChild<QDockWidget *>(u"concurrencyDock"_s)->hide();
            window.findChild<QDockWidget *>(u"invocationDock"_s)->show();
            QVERIFY(window.close());
        }
        Lwb::MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(!again.findChild<QDockWidget *>(u"concurrencyDock"_s)->isVisible());
        QVERIFY(again.findChild<QDockWidget *>(u"invocationDock"_s)->isVisible());
        QCOMPARE(again.recentProjectsMenu()->actions().first()->data().toString(),
                 second + u"/template.yaml"_s);
        // A recent project opens from the menu.
        again.recentProjectsMenu()->actions().at(1)->trigger();
        QCOMPARE(again.document()->path(), first + u"/template.yaml"_s);
        // Put the default layout back for the other tests.
        again.findChild<QDockWidget *>(u"concurrencyDock"_s)->show();
        again.findChild<QDockWidget *>(u"invocationDock"_s)->hide();
        QVERIFY(again.close());
    }

    void darkThemeReachesTheCodeEditor()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        Lwb::MainWindow window;
        QVERIFY(openAndShow(window, sample));
        Lwb::CodeEditor *editor = window.editorTabs()->currentEditor();
        QVERIFY(editor);
        QVERIFY(editor->lexer()); // app.py: the Python lexer, which owns the colours
        QVERIFY(editor->lexer()->paper(0).lightness() > 128);
        // With LWB_SCREENSHOTS_DIR set: docs/screenshots/main-window{,-dark}.png after a load.
        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (!out.isEmpty()) {
            window.resize(1400, 900);
            window.functionTabs()->setCurrentWidget(window.editorTabs());
            Lwb::ConcurrencyPanel *panel = window.concurrencyPanel();
            panel->requestsBox()->setValue(12);
            panel->concurrencyBox()->setValue(3);
            panel->runLoadAction()->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!panel->loadRunner()->isRunning(), 60000);
            panel->view()->fitAll();
            QTest::qWait(100);
            QVERIFY(window.grab().save(out + u"/main-window.png"_s));
        }
        QAction *dark = findAction(window, u"&Dark"_s);
        QVERIFY(dark);
        dark->trigger();
        QVERIFY(Lwb::ThemeManager::isDark(QApplication::palette()));
        QTRY_VERIFY(Lwb::ThemeManager::isDark(window.palette()));
        QTRY_VERIFY(editor->lexer()->paper(0).lightness() < 128);
        // Text stays readable: the default style is light on dark.
        QVERIFY(editor->lexer()->color(0).lightness() > 128);
        if (!out.isEmpty()) {
            QTest::qWait(100);
            QVERIFY(window.grab().save(out + u"/main-window-dark.png"_s));
        }
        findAction(window, u"&System"_s)->trigger();
        QTRY_VERIFY(editor->lexer()->paper(0).lightness() > 128);
    }

    void sandboxModeIsShown()
    {
        // Run twice by CTest: as the machine is, and forced into the plain fallback.
        Lwb::MainWindow window;
        const QString badge = window.sandboxBadge()->text();
        if (qEnvironmentVariable("LWB_SANDBOX") == u"plain"_s) {
            QVERIFY2(badge.startsWith(u"⚠ Weaker sandbox: plain process"_s), qPrintable(badge));
        } else {
            QVERIFY2(badge.startsWith(u"Sandbox: bubblewrap"_s) ||
                         badge.startsWith(u"⚠ Weaker sandbox"_s),
                     qPrintable(badge));
        }
    }

    void brokenTemplateShowsProblemsWithLocation()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"template.yaml"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [oops\n");
        file.close();
        Lwb::MainWindow window;
        QVERIFY(!window.openProject(dir.path()));
        QVERIFY(window.problemsView()->count() > 0);
        QVERIFY2(window.problemsView()->item(0)->text().contains(
                     QRegularExpression(u"template\\.yaml:\\d+:\\d+: error: "_s)),
                 qPrintable(window.problemsView()->item(0)->text()));
    }

private:
    static QAction *findAction(const QWidget &window, const QString &text)
    {
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == text) {
                return action;
            }
        }
        return nullptr;
    }

    QTemporaryDir m_settings;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
