// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeeditor.h"
#include "editortabs.h"
#include "enginehost.h"
#include "eventdesigner.h"
#include "invokeconsole.h"
#include "mainwindow.h"
#include "sampleproject.h"

#include "project/functionlistmodel.h"

#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeView>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

/** Runs @p answer on the next modal dialog, once it is shown. */
void answerDialog(std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (QWidget *dialog = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        }
    });
    timer->start();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

constexpr auto kEvent =
    R"({"Records": [{"s3": {"bucket": {"name": "b", "arn": "a"}, "object": {"key": "k"}}}],
                            "detail": {"size": 1, "state": "on"}, "version": "0"})";

} // namespace

class TestCodeEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensTheFunctionsFilesWithTheHandlerMarked()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EditorTabs tabs;
        tabs.setFunction(SampleProject::function(project, u"HelloWorldFunction"_s));
        QVERIFY(tabs.count() >= 2); // app.py first, then __init__.py (and the rest)
        QCOMPARE(tabs.tabs()->tabText(0), u"app.py"_s);
        Lwb::CodeEditor *python = tabs.editor(0);
        QCOMPARE(python->language(), Lwb::CodeEditor::Language::Python);
        QVERIFY(python->marginLineNumbers(0));
        QCOMPARE(python->folding(), QsciScintilla::BoxedTreeFoldStyle);
        QCOMPARE(python->braceMatching(), QsciScintilla::SloppyBraceMatch);
        QVERIFY(python->indentationGuides());
        QVERIFY(python->lexer());
        QCOMPARE(python->handlerLine(), 3); // def lambda_handler(event, context):
        QVERIFY(python->text(3).startsWith(u"def lambda_handler"_s));

        tabs.setFunction(SampleProject::function(project, u"HelloWorldNodeFunction"_s));
        QCOMPARE(tabs.tabs()->tabText(0), u"app.mjs"_s);
        Lwb::CodeEditor *node = tabs.editor(0);
        QCOMPARE(node->language(), Lwb::CodeEditor::Language::JavaScript);
        QVERIFY(node->handlerLine() >= 0);
        QVERIFY(node->text(node->handlerLine()).contains(u"export const lambdaHandler"_s));
        QVERIFY(tabs.editorFor(project + u"/hello-world/package.json"_s));
        QCOMPARE(tabs.editorFor(project + u"/hello-world/package.json"_s)->language(),
                 Lwb::CodeEditor::Language::Json);

        // No code folder (an image function): no tabs, never the working directory's files.
        tabs.setFunction(Lwb::FunctionConfig{});
        QCOMPARE(tabs.count(), 0);
    }

    void typingAndCtrlSSavesAndTheNextInvokeRunsIt()
    {
        SampleProject::HelloWorld sample;
        Lwb::EditorTabs tabs;
        Lwb::InvokeConsole console;
        QObject::connect(&tabs, &Lwb::EditorTabs::fileSaved, &console,
                         &Lwb::InvokeConsole::codeSaved);
        sample.attach(console);
        const Lwb::FunctionConfig function = console.function();
        tabs.setFunction(function);
        tabs.resize(800, 600);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowActive(&tabs));

        // A first invoke leaves a warm environment with the original code loaded.
        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.responseView()->toPlainText().contains(u"hello world"_s),
                 qPrintable(console.statusLabel()->text() + console.responseView()->toPlainText()));

        Lwb::CodeEditor *editor = tabs.editor(0);
        editor->setFocus();
        QVERIFY(editor->findFirst(u"hello world"_s, false, true, false, false));
        QTest::keyClicks(editor, u"hello from the editor"_s);
        QVERIFY(editor->isModified());
        QCOMPARE(tabs.tabs()->tabText(0), u"app.py*"_s);
        QSignalSpy saved(&tabs, &Lwb::EditorTabs::fileSaved);
        QSignalSpy told(&console, &Lwb::InvokeConsole::message);
        QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(tabs.tabs()->tabText(0), u"app.py"_s);
        QVERIFY(readAll(function.codeDir + u"/app.py"_s).contains("hello from the editor"));
        QVERIFY(console.noticeLabel()->isVisibleTo(&console));
        QVERIFY(console.noticeLabel()->text().contains(u"app.py was saved"_s));
        QCOMPARE(told.count(), 1);

        console.invoke();
        QTRY_VERIFY_WITH_TIMEOUT(!console.isRunning(), 30000);
        QVERIFY2(console.responseView()->toPlainText().contains(u"hello from the editor"_s),
                 qPrintable(console.responseView()->toPlainText()));
        QVERIFY(console.summaryValue(u"Init duration"_s).endsWith(u" ms"_s)); // cold again
    }

    void completesEventKeysAndContextMembers()
    {
        Lwb::CodeEditor python;
        python.setLanguage(Lwb::CodeEditor::Language::Python);
        python.setEventSample(kEvent);
        QCOMPARE(python.completionsFor(u"    x = event[\""_s),
                 QStringList({u"Records"_s, u"detail"_s, u"version"_s}));
        QCOMPARE(python.completionsFor(u"event['detail']['s"_s),
                 QStringList({u"size"_s, u"state"_s}));
        QCOMPARE(python.completionsFor(u"event[\"Records\"][0][\"s3\"][\"bucket\"][\""_s),
                 QStringList({u"arn"_s, u"name"_s}));
        QCOMPARE(python.completionsFor(u"event.get(\"detail\", {}).get(\""_s),
                 QStringList({u"size"_s, u"state"_s}));
        QVERIFY(python.completionsFor(u"event[\"nope\"][\""_s).isEmpty());
        QVERIFY(python.completionsFor(u"context."_s).contains(u"aws_request_id"_s));
        QVERIFY(python.completionsFor(u"context.get_"_s) ==
                QStringList({u"get_remaining_time_in_millis()"_s}));
        QVERIFY(python.completionsFor(u"ctx."_s).isEmpty());

        Lwb::CodeEditor node;
        node.setLanguage(Lwb::CodeEditor::Language::JavaScript);
        node.setEventSample(kEvent);
        QCOMPARE(node.completionsFor(u"const s = event.detail."_s),
                 QStringList({u"size"_s, u"state"_s}));
        QVERIFY(node.completionsFor(u"context."_s).contains(u"awsRequestId"_s));
        QVERIFY(node.completionsFor(u"context."_s).contains(u"getRemainingTimeInMillis()"_s));

        // Typed: the list pops up after `event["`, Return inserts the chosen key.
        python.resize(600, 400);
        python.show();
        QVERIFY(QTest::qWaitForWindowActive(&python));
        // A non-ASCII character before the cursor: Scintilla's index counts characters.
        python.setText(u"é = "_s);
        python.setCursorPosition(0, 4);
        QTest::keyClicks(&python, u"event[\"de"_s);
        QVERIFY(python.isListActive());
        QCOMPARE(python.shownCompletions(), QStringList({u"Records"_s, u"detail"_s, u"version"_s}));
        QTest::keyClick(&python, Qt::Key_Return);
        QCOMPARE(python.text(), u"é = event[\"detail"_s);
        QTest::keyClicks(&python, u"\"]"_s);
        QTest::keyClick(&python, Qt::Key_Return);
        QTest::keyClicks(&python, u"context."_s);
        QVERIFY(python.isListActive());
        QVERIFY(python.shownCompletions().contains(u"function_name"_s));
        QTest::keyClick(&python, Qt::Key_Escape);
        QTest::keyClicks(&python, u"aws_"_s);
        QTest::keyClick(&python, Qt::Key_Space, Qt::ControlModifier);
        QCOMPARE(python.shownCompletions(), QStringList({u"aws_request_id"_s}));
    }

    void stackTraceFramesBecomeMarkers_data()
    {
        QTest::addColumn<QString>("trace");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::newRow("python")
            << u"Traceback (most recent call last):\n"
               u"  File \"/var/task/app.py\", line 21, in lambda_handler\n"
               u"    return {\n"
               u"  File \"/usr/lib/python3/json/__init__.py\", line 9, in dumps\n"_s
            << u"app.py"_s << 21;
        QTest::newRow("node")
            << u"TypeError: x is not a function\n"
               u"    at Runtime.lambdaHandler [as handler] (file:///var/task/app.mjs:7:11)\n"
               u"    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)"_s
            << u"app.mjs"_s << 7;
        QTest::newRow("node-bare")
            << u"Error: boom\n    at /var/task/app.mjs:3:9\n"_s << u"app.mjs"_s << 3;
    }

    void stackTraceFramesBecomeMarkers()
    {
        QFETCH(QString, trace);
        QFETCH(QString, file);
        QFETCH(int, line);
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EditorTabs tabs;
        tabs.setFunction(SampleProject::function(project, file.endsWith(u".py"_s)
                                                              ? u"HelloWorldFunction"_s
                                                              : u"HelloWorldNodeFunction"_s));
        const QList<Lwb::StackFrame> frames = tabs.showStackTrace(trace, u"boom"_s);
        QCOMPARE(frames.size(), 1); // runtime and library frames are not the function's code
        QCOMPARE(frames.first().file, file);
        QCOMPARE(frames.first().line, line);
        QCOMPARE(tabs.editor(0)->errorLines(), QList<int>{line - 1});

        QVERIFY(tabs.jumpToFrame(file, line));
        int cursorLine = -1;
        int index = -1;
        tabs.currentEditor()->getCursorPosition(&cursorLine, &index);
        QCOMPARE(cursorLine, qMin(line, tabs.currentEditor()->lines()) - 1);

        tabs.clearErrors();
        QVERIFY(tabs.editor(0)->errorLines().isEmpty());
        QVERIFY(Lwb::EditorTabs::parseStackTrace(u"no frames here"_s, project).isEmpty());
    }

    void findReplaceAndGoToLine()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EditorTabs tabs;
        tabs.setFunction(SampleProject::function(project, u"HelloWorldFunction"_s));
        tabs.resize(800, 600);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowActive(&tabs));
        Lwb::CodeEditor *editor = tabs.editor(0);
        editor->setFocus();

        QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(tabs.findField()->isVisible());
        QVERIFY(!tabs.replaceField()->isVisible());
        QTest::keyClicks(tabs.findField(), u"statusCode"_s);
        QTest::keyClick(tabs.findField(), Qt::Key_Return);
        QCOMPARE(editor->selectedText(), u"statusCode"_s);

        QTest::keyClick(editor, Qt::Key_H, Qt::ControlModifier);
        QVERIFY(tabs.replaceField()->isVisible());
        tabs.findField()->setText(u"event"_s);
        QTest::keyClicks(tabs.replaceField(), u"evt"_s);
        const int before = int(editor->text().count(u"event"_s));
        QVERIFY(before >= 2);
        QCOMPARE(tabs.replaceAll(), before);
        QVERIFY(!editor->text().contains(u"event"_s));
        QCOMPARE(tabs.tabs()->tabText(0), u"app.py*"_s);

        answerDialog([](QWidget *dialog) {
            auto *input = qobject_cast<QInputDialog *>(dialog);
            QVERIFY(input);
            input->setIntValue(20);
            input->accept();
        });
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_G, Qt::ControlModifier);
        int line = -1;
        int index = -1;
        editor->getCursorPosition(&line, &index);
        QCOMPARE(line, 19);
    }

    void unsavedChangesAreAskedAbout()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        const Lwb::FunctionConfig function =
            SampleProject::function(project, u"HelloWorldFunction"_s);
        const QByteArray original = readAll(function.codeDir + u"/app.py"_s);
        Lwb::EditorTabs tabs;
        tabs.setFunction(function);
        QVERIFY(tabs.maybeSave()); // nothing to ask
        tabs.editor(0)->append(u"# changed\n"_s);
        QVERIFY(tabs.isModified());

        auto press = [](QMessageBox::StandardButton which) {
            answerDialog([which](QWidget *dialog) {
                auto *box = qobject_cast<QMessageBox *>(dialog);
                QVERIFY(box);
                box->button(which)->click();
            });
        };
        press(QMessageBox::Cancel);
        QVERIFY(!tabs.maybeSave());
        QVERIFY(tabs.isModified());
        press(QMessageBox::Discard);
        QVERIFY(tabs.maybeSave());
        QCOMPARE(readAll(function.codeDir + u"/app.py"_s), original);
        press(QMessageBox::Save);
        QVERIFY(tabs.maybeSave());
        QVERIFY(!tabs.isModified());
        QVERIFY(readAll(function.codeDir + u"/app.py"_s).endsWith("# changed\n"));
    }

    void theMainWindowWiresTheCodeAndTestTabs()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::MainWindow window;
        QVERIFY(window.openProject(project));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        Lwb::EditorTabs *tabs = window.editorTabs();
        Lwb::InvokeConsole *console = window.invokeConsole();
        QCOMPARE(tabs->tabs()->tabText(0), u"app.py"_s);
        QCOMPARE(console->function().logicalId, u"HelloWorldFunction"_s);
        QCOMPARE(console->event(), window.eventDesigner()->eventJson());

        // Ctrl+Enter in the code editor invokes the test event and shows the Test tab.
        window.functionTabs()->setCurrentWidget(tabs);
        tabs->editor(0)->setFocus();
        QTest::keyClick(tabs->editor(0), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!console->requestId().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!console->isRunning(), 30000);
        QVERIFY2(console->statusLabel()->text().contains(u"Succeeded"_s),
                 qPrintable(console->statusLabel()->text()));
        QVERIFY(console->isVisible());

        // Another function: the tabs follow.
        window.functionView()->setCurrentIndex(window.functionModel()->index(1, 0));
        QCOMPARE(tabs->tabs()->tabText(0), u"app.mjs"_s);
        QCOMPARE(console->function().logicalId, u"HelloWorldNodeFunction"_s);

        // Unsaved code and Cancel: the selection stays on the function being edited.
        tabs->editor(0)->append(u"// changed\n"_s);
        answerDialog([](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box);
            box->button(QMessageBox::Cancel)->click();
        });
        window.functionView()->setCurrentIndex(window.functionModel()->index(0, 0));
        QTRY_COMPARE(window.functionView()->currentIndex().row(), 1);
        QCOMPARE(tabs->function().logicalId, u"HelloWorldNodeFunction"_s);
        QVERIFY(tabs->isModified());
        tabs->editor(0)->undo();
        tabs->editor(0)->setModified(false);
    }
};

QTEST_MAIN(TestCodeEditor)
#include "tst_codeeditor.moc"
