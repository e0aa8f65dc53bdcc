// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeeditor.h"
#include "editortabs.h"
#include "enginehost.h"
#include "eventdesigner.h"
#include "invokeconsole.h"
#include "sampleproject.h"

#include <QtTest/QtTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTextBrowser>

using namespace Qt::StringLiterals;

namespace {

/** A project of one function, FailingFunction (app.handler in src/), on @p runtime. */
QByteArray failingTemplate(const char *runtime)
{
    return QByteArrayLiteral("AWSTemplateFormatVersion: '2010-09-09'\n"
                             "Transform: AWS::Serverless-2016-10-31\n"
                             "Resources:\n"
                             "  FailingFunction:\n"
                             "    Type: AWS::Serverless::Function\n"
                             "    Properties:\n"
                             "      CodeUri: src/\n"
                             "      Handler: app.handler\n"
                             "      Runtime: ") +
           runtime + '\n';
}

constexpr auto kFailingCode = R"(def helper(event):
    return event["missing"]


def handler(event, context):
    print("about to fail")
    return helper(event)
)";

constexpr auto kFailingNodeCode = R"(function helper(event) {
    return event.missing.value;
}

export const handler = async (event) => helper(event);
)";

/** failingTemplate() with @p file holding @p code, its engine running, a console on it. */
class FailingProject
{
public:
    FailingProject(const char *runtime, const QString &file, const QByteArray &code)
    {
        written = SampleProject::writeFile(templatePath, failingTemplate(runtime)) &&
                  SampleProject::writeFile(dir.filePath(u"src/"_s + file), code);
        function = SampleProject::function(dir.path(), u"FailingFunction"_s);
        host.start(SampleProject::functions(dir.path()), templatePath);
        console.setEngine(&host, templatePath);
        console.setFunction(function);
    }

    QTemporaryDir dir;
    const QString templatePath = dir.filePath(u"template.yaml"_s);
    bool written = false;
    Lwb::FunctionConfig function;
    Lwb::EngineHost host;
    Lwb::InvokeConsole console;
};

/** Clicks the link whose text is @p text in @p view. */
bool clickLink(QTextBrowser *view, const QString &text)
{
    const QTextCursor found = view->document()->find(text);
    if (found.isNull()) {
        return false;
    }
    QTextCursor inside(view->document());
    inside.setPosition(found.selectionStart() + 1);
    const QPoint point = view->cursorRect(inside).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, point);
    return true;
}

} // namespace

class TestInvokeConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invokeShowsResponseLogAndReportSummary()
    {
        SampleProject::HelloWorld sample;
        Lwb::InvokeConsole console;
        sample.attach(console);
        QFile event(sample.project + u"/events/event.json"_s);
        QVERIFY(event.open(QIODevice::ReadOnly));
        console.setEvent(event.readAll());
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowActive(&console));

        QTest::keyClick(&console, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!console.requestId().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        const QString id = console.requestId();
        QVERIFY2(console.statusLabel()->text().contains(u"Succeeded"_s),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY(console.responseView()->toPlainText().contains(u"\"statusCode\": 200"_s));
        const QString log = console.logView()->toPlainText();
        QVERIFY2(log.contains(u"START RequestId: "_s + id) &&
                     log.contains(u"END RequestId: "_s + id) &&
                     log.contains(u"REPORT RequestId: "_s + id),
                 qPrintable(log));
        QCOMPARE(console.summaryValue(u"Request ID"_s), id);
        QVERIFY(QRegularExpression(u"^\\d+\\.\\d\\d ms$"_s)
                    .match(console.summaryValue(u"Duration"_s))
                    .hasMatch());
        QVERIFY(QRegularExpression(u"^\\d+ ms$"_s)
                    .match(console.summaryValue(u"Billed duration"_s))
                    .hasMatch());
        QCOMPARE(console.summaryValue(u"Memory size"_s), u"128 MB"_s);
        QVERIFY(console.summaryValue(u"Max memory used"_s).endsWith(u" MB"_s));
        QVERIFY(console.summaryValue(u"Init duration"_s).endsWith(u" ms"_s)); // cold
        // $0.20 per million requests plus 128 MB × the billed duration.
        const QString cost = console.summaryValue(u"Cost"_s);
        const double billedSeconds =
            console.summaryValue(u"Billed duration"_s).split(u' ').first().toDouble() / 1000;
        QVERIFY2(cost.startsWith(u"$0.000000"_s) && cost.contains(u"request $0.0000002 +"_s) &&
                     cost.contains(u"(%1 GB-s)"_s.arg(0.125 * billedSeconds, 0, 'g', 4)),
                 qPrintable(cost));

        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY(console.requestId() != id);
        QCOMPARE(console.summaryValue(u"Init duration"_s), u"– (warm start)"_s);
    }

    void asyncInvokeReportsThroughTheJournal()
    {
        SampleProject::HelloWorld sample;
        Lwb::InvokeConsole console;
        sample.attach(console);
        console.setAsync(true);
        const QString id = console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.statusLabel()->text().contains(u"Succeeded (asynchronous"_s),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY(console.logView()->toPlainText().contains(u"REPORT RequestId: "_s + id));
        QVERIFY(console.summaryValue(u"Duration"_s).endsWith(u" ms"_s));
    }

    void functionErrorFramesJumpToTheirLines()
    {
        FailingProject project("python3.12", u"app.py"_s, kFailingCode);
        QVERIFY(project.written && !project.function.codeDir.isEmpty());
        Lwb::InvokeConsole &console = project.console;
        Lwb::EditorTabs tabs;
        tabs.setFunction(project.function);
        connect(&console, &Lwb::InvokeConsole::frameActivated, &tabs,
                &Lwb::EditorTabs::jumpToFrame);
        connect(&console, &Lwb::InvokeConsole::invocationShown, &tabs,
                [&tabs](const QString &, const QString &trace) { tabs.showStackTrace(trace); });
        console.resize(900, 600);
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));

        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.statusLabel()->text().contains(u"Failed"_s),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY(console.responseView()->toPlainText().contains(u"KeyError"_s));
        QVERIFY(console.logView()->toPlainText().contains(u"about to fail"_s));
        QVERIFY(console.errorView()->isVisible());
        QCOMPARE(console.frames().size(), 2);
        QCOMPARE(console.frames().at(0).file, u"app.py"_s);
        QCOMPARE(console.frames().at(0).line, 7);
        QCOMPARE(console.frames().at(1).line, 2);
        QCOMPARE(tabs.editor(0)->errorLines(), (QList<int>{1, 6}));

        QSignalSpy activated(&console, &Lwb::InvokeConsole::frameActivated);
        QVERIFY(clickLink(console.errorView(), u"app.py:2"_s));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(1).toInt(), 2);
        int line = -1;
        int index = -1;
        tabs.currentEditor()->getCursorPosition(&line, &index);
        QCOMPARE(line, 1);
    }

    void nodeErrorFramesToo()
    {
        FailingProject project("nodejs20.x", u"app.mjs"_s, kFailingNodeCode);
        QVERIFY(project.written);
        Lwb::InvokeConsole &console = project.console;
        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.statusLabel()->text().contains(u"Failed"_s),
                 qPrintable(console.statusLabel()->text()));
        QVERIFY2(!console.frames().isEmpty(), qPrintable(console.responseView()->toPlainText()));
        QCOMPARE(console.frames().at(0).file, u"app.mjs"_s);
        QCOMPARE(console.frames().at(0).line, 2);
    }

    void unknownFunctionIsAServiceError()
    {
        SampleProject::HelloWorld sample;
        Lwb::InvokeConsole console;
        console.setEngine(&sample.host, sample.templatePath);
        QVERIFY(console.invoke().isEmpty()); // nothing selected
        Lwb::FunctionConfig ghost;
        ghost.functionName = u"Ghost"_s;
        console.setFunction(ghost);
        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.statusLabel()->text().contains(u"ResourceNotFoundException"_s),
                 qPrintable(console.statusLabel()->text()));
    }

    void screenshotsOfTheTestTab()
    {
        // The sample project open, an API Gateway event saved, one invoke done. Run with
        // LWB_SCREENSHOTS_DIR set, it saves editor.png, event-designer.png, invoke-console.png.
        SampleProject::HelloWorld sample;
        Lwb::EditorTabs tabs;
        Lwb::EventDesigner designer;
        Lwb::InvokeConsole console;
        sample.attach(console);
        const Lwb::FunctionConfig function = console.function();
        connect(&designer, &Lwb::EventDesigner::eventChanged, &tabs,
                &Lwb::EditorTabs::setEventSample);
        connect(&designer, &Lwb::EventDesigner::eventChanged, &console,
                &Lwb::InvokeConsole::setEvent);
        tabs.setFunction(function);
        designer.setFunction(sample.project, function.logicalId);
        QVERIFY(designer.newFromTemplate(u"apigateway"_s, u"aws-proxy"_s));
        designer.nameField()->setText(u"get-hello"_s);
        QVERIFY(designer.save());
        QVERIFY(console.event().contains("httpMethod"));

        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        console.invoke(); // warm
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY(console.statusLabel()->text().contains(u"Succeeded"_s));

        tabs.resize(900, 560);
        designer.resize(760, 560);
        console.resize(1000, 560);
        tabs.show();
        designer.show();
        console.show();
        QVERIFY(QTest::qWaitForWindowExposed(&console));
        tabs.editor(0)->setCursorPosition(20, 8);
        tabs.showFind(false);
        tabs.findField()->setText(u"statusCode"_s);
        QVERIFY(tabs.findNext());
        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (out.isEmpty()) {
            return;
        }
        QTest::qWait(100);
        QVERIFY(tabs.grab().save(out + u"/editor.png"_s));
        QVERIFY(designer.grab().save(out + u"/event-designer.png"_s));
        QVERIFY(console.grab().save(out + u"/invoke-console.png"_s));
    }
};

QTEST_MAIN(TestInvokeConsole)
#include "tst_invokeconsole.moc"
