// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "project/functionlistmodel.h"

#include <QtTest/QtTest>
#include <QtTest/QAbstractItemModelTester>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QTextBrowser>
#include <QtWidgets/QTreeView>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensTheSampleAndListsItsFunctions()
    {
        Lwb::MainWindow window;
        QAbstractItemModelTester tester(window.functionModel());
        QVERIFY(window.openProject(QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/hello-world"_s));
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

    void sandboxModeIsShown()
    {
        // Run twice by CTest: as the machine is, and forced into the plain fallback.
        Lwb::MainWindow window;
        const QString badge = window.sandboxBadge()->text();
        if (qEnvironmentVariable("LWB_SANDBOX") == u"plain"_s) {
            QVERIFY2(badge.startsWith(u"⚠ Weaker sandbox: plain process"_s), qPrintable(badge));
        } else {
            QVERIFY2(badge.startsWith(u"Sandbox: bubblewrap"_s) || badge.startsWith(u"⚠ Weaker sandbox"_s),
                     qPrintable(badge));
        }
    }

    void brokenTemplateShowsProblemsWithLocation()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"template.yaml"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [oops\n");
        file.close();
        Lwb::MainWindow window;
        QVERIFY(!window.openProject(dir.path()));
        QVERIFY(window.problemsView()->count() > 0);
        QVERIFY2(window.problemsView()->item(0)->text().contains(QRegularExpression(u"template\\.yaml:\\d+:\\d+: error: "_s)),
                 qPrintable(window.problemsView()->item(0)->text()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
