// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "concurrencypanel.h"
#include "enginehost.h"
#include "loadrunner.h"
#include "mainwindow.h"
#include "sampleproject.h"
#include "stepcontrols.h"
#include "timelineview.h"

#include "project/functionlistmodel.h"
#include "telemetry/timelinemodel.h"

#include <QtCore/QDirIterator>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtGui/QAction>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
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

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensTheSampleAndListsItsFunctions()
    {
        QTemporaryDir dir;
        const QString sample = sampleCopy(dir);
        QVERIFY(!sample.isEmpty());
        Lwb::MainWindow window;
        QAbstractItemModelTester tester(window.functionModel());
        QVERIFY(window.openProject(sample));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

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
        QVERIFY(window.openProject(sample));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
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
        QVERIFY(window.openProject(project));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
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
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        dark.setColor(QPalette::Button, QColor(53, 53, 56));
        dark.setColor(QPalette::ButtonText, QColor(220, 220, 220));
        dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::ToolTipBase, QColor(45, 45, 48));
        dark.setColor(QPalette::ToolTipText, QColor(220, 220, 220));
        for (QPalette::ColorRole role :
             {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
            dark.setColor(QPalette::Disabled, role, QColor(120, 120, 120));
        }
        QApplication::setPalette(dark);
        QTest::qWait(100);
        QVERIFY(window.grab().save(out + u"/concurrency-dark.png"_s));
        QApplication::setPalette(QApplication::style()->standardPalette());
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
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
