// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeeditor.h"
#include "eventdesigner.h"
#include "sampleproject.h"

#include "project/jsontreemodel.h"
#include "project/savedeventsmodel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeView>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QAction *templateAction(QMenu *menu, const QString &service, const QString &event)
{
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            if (QAction *found = templateAction(action->menu(), service, event)) {
                return found;
            }
        } else if (action->data().toStringList() == QStringList{service, event}) {
            return action;
        }
    }
    return nullptr;
}

using Json = nlohmann::ordered_json;

Json parsed(const QByteArray &json)
{
    return Json::parse(json.constBegin(), json.constEnd(), nullptr, false);
}

/** The keys of @p object, in order. */
std::vector<std::string> keys(const Json &object)
{
    std::vector<std::string> names;
    for (const auto &item : object.items()) {
        names.push_back(item.key());
    }
    return names;
}

/** Opens the form's editor on the value at @p pointer, as a double-click does. */
template <typename Editor> Editor *openEditor(Lwb::EventDesigner &designer, const QString &pointer)
{
    QTreeView *view = designer.formView();
    const QModelIndex index = designer.formModel()->indexOf(pointer);
    if (!index.isValid()) {
        return nullptr;
    }
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    const QList<Editor *> editors = view->viewport()->findChildren<Editor *>();
    return editors.size() == 1 ? editors.first() : nullptr;
}

/** Types @p text into the form's line edit for @p pointer and presses Enter. */
void typeInForm(Lwb::EventDesigner &designer, const QString &pointer, const QString &text)
{
    auto *edit = openEditor<QLineEdit>(designer, pointer);
    QVERIFY2(edit, qPrintable(pointer));
    QVERIFY(edit->hasFocus());
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    // The view commits and closes the editor from the event loop.
    QTRY_VERIFY(designer.formView()->viewport()->findChildren<QLineEdit *>().isEmpty());
}

/** Shows @p designer, of @p size, on the hello-world function of @p project; false when it never
 *  becomes the active window. */
bool showOnHelloWorld(Lwb::EventDesigner &designer, const QString &project, QSize size)
{
    designer.resize(size);
    designer.show();
    if (!QTest::qWaitForWindowActive(&designer)) {
        return false;
    }
    designer.setFunction(project, u"HelloWorldFunction"_s);
    return true;
}

} // namespace

class TestEventDesigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templateEditSaveRenameDuplicateDelete()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EventDesigner designer;
        QAbstractItemModelTester tester(designer.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(showOnHelloWorld(designer, project, {700, 500}));
        QCOMPARE(designer.model()->rowCount(), 0);
        QCOMPARE(designer.nameField()->text(), u"hello-world"_s);
        QVERIFY(designer.isValid());

        // Pick S3 Put from the catalogue's menu.
        QSignalSpy changed(&designer, &Lwb::EventDesigner::eventChanged);
        QAction *s3Put = templateAction(designer.templateMenu(), u"s3"_s, u"put"_s);
        QVERIFY(s3Put);
        s3Put->trigger();
        QCOMPARE(designer.nameField()->text(), u"s3-put"_s);
        QVERIFY(designer.editor()->text().contains(u"\"Records\""_s));
        QVERIFY(designer.currentName().isEmpty());
        QVERIFY(!changed.isEmpty());
        QVERIFY(changed.last().first().toByteArray().contains("ObjectCreated:Put"));

        // Break the JSON: the error is marked where it is, and saving is refused.
        Lwb::CodeEditor *editor = designer.editor();
        editor->setFocus();
        editor->setCursorPosition(1, 0);
        QTest::keyClicks(editor, u"oops"_s);
        QVERIFY(!designer.isValid());
        QCOMPARE(editor->errorLines(), QList<int>{1});
        QVERIFY2(designer.validationMessage().contains(u"line 2"_s),
                 qPrintable(designer.validationMessage()));
        QVERIFY(!designer.save());
        QVERIFY(!QFile::exists(project + u"/events/HelloWorldFunction/s3-put.json"_s));
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(editor, Qt::Key_Backspace);
        }
        QVERIFY(designer.isValid());
        QVERIFY(editor->errorLines().isEmpty());

        // Edit a value and save with the button.
        QVERIFY(editor->findFirst(u"example-bucket"_s, false, true, false, true));
        QTest::keyClicks(editor, u"my-bucket"_s);
        designer.nameField()->clear();
        QTest::keyClicks(designer.nameField(), u"upload"_s);
        QTest::mouseClick(designer.findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        const QString upload = project + u"/events/HelloWorldFunction/upload.json"_s;
        QVERIFY(QFile::exists(upload));
        const auto saved = nlohmann::json::parse(readAll(upload).toStdString());
        QCOMPARE(saved["Records"][0]["s3"]["bucket"]["name"].get<std::string>(), "my-bucket");
        QCOMPARE(designer.currentName(), u"upload"_s);
        QCOMPARE(designer.eventBox()->currentText(), u"upload"_s);
        QCOMPARE(designer.model()->rowCount(), 1);

        // Ctrl+S in the editor saves again.
        editor->setFocus();
        editor->setCursorPosition(0, 1);
        QTest::keyClicks(editor, u"\"added\": true, "_s);
        QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(readAll(upload).startsWith("{\"added\": true, "));

        QVERIFY(designer.duplicate());
        QCOMPARE(designer.currentName(), u"upload-copy"_s);
        QCOMPARE(readAll(project + u"/events/HelloWorldFunction/upload-copy.json"_s),
                 readAll(upload));
        QCOMPARE(designer.model()->rowCount(), 2);

        QVERIFY(designer.rename(u"second"_s));
        QVERIFY(!QFile::exists(project + u"/events/HelloWorldFunction/upload-copy.json"_s));
        QVERIFY(QFile::exists(project + u"/events/HelloWorldFunction/second.json"_s));
        QCOMPARE(designer.eventBox()->currentText(), u"second"_s);
        QVERIFY(!designer.rename(u"upload"_s)); // taken
        QVERIFY(!designer.saveAs(u"bad name!"_s));

        // Picking an event in the list loads it.
        designer.eventBox()->setCurrentIndex(designer.model()->row(u"upload"_s));
        QCOMPARE(designer.currentName(), u"upload"_s);
        QCOMPARE(designer.editor()->text().toUtf8(), readAll(upload));

        // Delete asks first.
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, timer, [timer] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                timer->stop();
                box->button(QMessageBox::Yes)->click();
            }
        });
        timer->start(20);
        QTest::mouseClick(designer.findChild<QPushButton *>(u"deleteButton"_s), Qt::LeftButton);
        QVERIFY(!QFile::exists(upload));
        QCOMPARE(designer.model()->rowCount(), 1);
        QCOMPARE(designer.currentName(), u"second"_s);
    }

    void formEditsTheJson()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EventDesigner designer;
        QAbstractItemModelTester tester(designer.formModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(showOnHelloWorld(designer, project, {800, 600}));
        QAction *proxy = templateAction(designer.templateMenu(), u"apigateway"_s, u"aws-proxy"_s);
        QVERIFY(proxy);
        proxy->trigger();
        const Json original = parsed(designer.eventJson());
        QCOMPARE(original["httpMethod"], "POST");
        QVERIFY(original["requestContext"]["requestTimeEpoch"].is_number_integer());
        QCOMPARE(original["isBase64Encoded"], false);

        // JSON | Form.
        QVERIFY(designer.editor()->isVisible());
        QVERIFY(!designer.formView()->isVisible());
        QTest::mouseClick(designer.findChild<QToolButton *>(u"formViewButton"_s), Qt::LeftButton);
        QCOMPARE(designer.view(), Lwb::EventDesigner::View::Form);
        QVERIFY(designer.formView()->isVisible());
        QVERIFY(designer.formView()->isEnabled());
        QVERIFY(!designer.formMessage()->isVisible());
        QVERIFY(!designer.editor()->isVisible());
        QCOMPARE(designer.formModel()->json(), original);
        // Expanded: a nested value has a row on screen.
        const QModelIndex host = designer.formModel()->indexOf(u"/headers/Host"_s);
        QVERIFY(designer.formView()->isExpanded(host.parent()));
        QVERIFY(designer.formView()->visualRect(host).isValid());

        QSignalSpy changed(&designer, &Lwb::EventDesigner::eventChanged);
        // A string: typed into the delegate's line edit.
        typeInForm(designer, u"/httpMethod"_s, u"PUT"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(parsed(changed.last().first().toByteArray())["httpMethod"], "PUT");
        QVERIFY(designer.editor()->text().contains(u"\n  \"httpMethod\": \"PUT\",\n"_s));

        // A number: letters are refused by the editor, digits go in as a number.
        auto *number = openEditor<QLineEdit>(designer, u"/requestContext/requestTimeEpoch"_s);
        QVERIFY(number);
        QCOMPARE(number->objectName(), u"numberEditor"_s);
        number->selectAll();
        QTest::keyClicks(number, u"12ab3"_s);
        QCOMPARE(number->text(), u"123"_s);
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_COMPARE(changed.size(), 2);

        // A boolean: the combo box's other choice.
        auto *flag = openEditor<QComboBox>(designer, u"/isBase64Encoded"_s);
        QVERIFY(flag);
        QCOMPARE(flag->currentText(), u"false"_s);
        QTest::keyClick(flag, Qt::Key_Up);
        QCOMPARE(flag->currentText(), u"true"_s);
        QTest::keyClick(flag, Qt::Key_Return);
        QTRY_COMPARE(changed.size(), 3);

        // The text is the edited event, pretty-printed, keys where they were.
        Json expected = original;
        expected["httpMethod"] = "PUT";
        expected["requestContext"]["requestTimeEpoch"] = 123;
        expected["isBase64Encoded"] = true;
        const QByteArray json = designer.eventJson();
        QCOMPARE(json, QByteArray::fromStdString(expected.dump(2)) + '\n');
        QCOMPARE(keys(parsed(json)), keys(original));
        QCOMPARE(keys(parsed(json)["requestContext"]), keys(original["requestContext"]));
        QCOMPARE(changed.last().first().toByteArray(), json);
        QVERIFY(designer.isValid());
        QCOMPARE(designer.formModel()->indexOf(u"/isBase64Encoded"_s).data().toString(), u"true"_s);

        // One form edit is one undo step of the JSON text.
        QTest::mouseClick(designer.findChild<QToolButton *>(u"jsonViewButton"_s), Qt::LeftButton);
        QCOMPARE(designer.view(), Lwb::EventDesigner::View::Json);
        QVERIFY(designer.editor()->isVisible());
        designer.editor()->undo();
        QCOMPARE(parsed(designer.eventJson())["isBase64Encoded"], false);
        QCOMPARE(parsed(designer.eventJson())["httpMethod"], "PUT");

        // Editing the JSON updates the form.
        Lwb::CodeEditor *editor = designer.editor();
        editor->setFocus();
        QVERIFY(editor->findFirst(u"\"PUT\""_s, false, true, false, true));
        QTest::keyClicks(editor, u"\"PATCH\""_s);
        designer.setView(Lwb::EventDesigner::View::Form);
        QCOMPARE(designer.formModel()->indexOf(u"/httpMethod"_s).data().toString(), u"PATCH"_s);
        QCOMPARE(designer.formModel()->json(), parsed(designer.eventJson()));
    }

    void invalidJsonDisablesTheForm()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EventDesigner designer;
        QVERIFY(showOnHelloWorld(designer, project, {800, 600}));
        QVERIFY(designer.newFromTemplate(u"apigateway"_s, u"aws-proxy"_s));
        designer.setView(Lwb::EventDesigner::View::Form);
        designer.formView()->setCurrentIndex(designer.formModel()->indexOf(u"/path"_s));
        designer.setView(Lwb::EventDesigner::View::Json);

        Lwb::CodeEditor *editor = designer.editor();
        editor->setFocus();
        editor->setCursorPosition(1, 0);
        QTest::keyClicks(editor, u"oops"_s);
        QVERIFY(!designer.isValid());
        designer.setView(Lwb::EventDesigner::View::Form);
        QVERIFY(!designer.formView()->isEnabled());
        QVERIFY(designer.formMessage()->isVisible());
        QVERIFY2(designer.formMessage()->text().contains(designer.validationMessage()),
                 qPrintable(designer.formMessage()->text()));
        QVERIFY(designer.formMessage()->text().contains(u"line 2"_s));
        // What it shows is the last valid event.
        QCOMPARE(designer.formModel()->indexOf(u"/httpMethod"_s).data().toString(), u"POST"_s);

        designer.setView(Lwb::EventDesigner::View::Json);
        editor->setFocus();
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(editor, Qt::Key_Backspace);
        }
        QVERIFY(designer.isValid());
        designer.setView(Lwb::EventDesigner::View::Form);
        QVERIFY(designer.formView()->isEnabled());
        QVERIFY(!designer.formMessage()->isVisible());
        // The row that was current is current again after the rebuild.
        QCOMPARE(designer.formView()->currentIndex().data(Lwb::JsonTreeModel::PointerRole),
                 u"/path"_s);

        // A saved event that is broken opens with an empty, disabled form.
        QVERIFY(SampleProject::writeFile(project + u"/events/HelloWorldFunction/broken.json"_s,
                                         "{\"a\": }"));
        designer.model()->refresh();
        QVERIFY(designer.select(u"broken"_s));
        QVERIFY(!designer.formView()->isEnabled());
        QCOMPARE(designer.formModel()->rowCount(), 0);
        QVERIFY(designer.formMessage()->isVisible());
    }

    void saveFromTheForm()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EventDesigner designer;
        QVERIFY(showOnHelloWorld(designer, project, {800, 600}));
        QVERIFY(designer.newFromTemplate(u"apigateway"_s, u"aws-proxy"_s));
        designer.setView(Lwb::EventDesigner::View::Form);
        typeInForm(designer, u"/httpMethod"_s, u"DELETE"_s);
        designer.nameField()->setText(u"delete-it"_s);
        QTest::mouseClick(designer.findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        const QString file = project + u"/events/HelloWorldFunction/delete-it.json"_s;
        QCOMPARE(readAll(file), designer.eventJson());
        QCOMPARE(parsed(readAll(file))["httpMethod"], "DELETE");
        QCOMPARE(designer.currentName(), u"delete-it"_s);
        QCOMPARE(designer.view(), Lwb::EventDesigner::View::Form);

        // Ctrl+S in the form, duplicate and rename keep working from the form view.
        typeInForm(designer, u"/path"_s, u"/items/7"_s);
        designer.formView()->setFocus();
        QTest::keyClick(designer.formView(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(parsed(readAll(file))["path"], "/items/7");
        QVERIFY(designer.duplicate());
        QCOMPARE(readAll(project + u"/events/HelloWorldFunction/delete-it-copy.json"_s),
                 readAll(file));
        QVERIFY(designer.rename(u"copy"_s));
        QCOMPARE(parsed(readAll(project + u"/events/HelloWorldFunction/copy.json"_s))["path"],
                 "/items/7");
        QCOMPARE(designer.formModel()->indexOf(u"/path"_s).data().toString(), u"/items/7"_s);
    }

    void screenshotOfTheForm()
    {
        // Run with LWB_SCREENSHOTS_DIR set, it saves event-form.png.
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        Lwb::EventDesigner designer;
        designer.resize(760, 560);
        designer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&designer));
        designer.setFunction(project, u"HelloWorldFunction"_s);
        QVERIFY(designer.newFromTemplate(u"apigateway"_s, u"aws-proxy"_s));
        designer.nameField()->setText(u"get-hello"_s);
        QVERIFY(designer.save());
        designer.setView(Lwb::EventDesigner::View::Form);
        auto *method = openEditor<QLineEdit>(designer, u"/httpMethod"_s);
        QVERIFY(method);
        method->selectAll();
        QTest::keyClicks(method, u"GET"_s);
        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (out.isEmpty()) {
            return;
        }
        QTest::qWait(100);
        QVERIFY(designer.grab().save(out + u"/event-form.png"_s));
    }

    void aBrokenSavedEventOpensMarked()
    {
        QTemporaryDir dir;
        const QString project = SampleProject::copyHelloWorld(dir);
        QVERIFY(SampleProject::writeFile(project + u"/events/HelloWorldFunction/broken.json"_s,
                                         "{\n  \"a\": 1,\n  \"b\": \n}\n"));
        Lwb::EventDesigner designer;
        QAbstractItemModelTester tester(designer.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        designer.setFunction(project, u"HelloWorldFunction"_s);
        QCOMPARE(designer.currentName(), u"broken"_s);
        QVERIFY(!designer.isValid());
        QCOMPARE(designer.editor()->errorLines(), QList<int>{3});
    }

    void modelFollowsTheFolder()
    {
        QTemporaryDir dir;
        Lwb::SavedEventsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFunction(dir.path(), u"Fn"_s);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.save(u"b"_s, "{}"));
        QVERIFY(model.save(u"a"_s, "[1]"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data().toString(), u"a"_s);
        QCOMPARE(model.index(1).data(Lwb::SavedEventsModel::FileRole).toString(),
                 dir.path() + u"/events/Fn/b.json"_s);
        QVERIFY(!model.save(u"c"_s, "{not json"));
        QVERIFY(SampleProject::writeFile(dir.path() + u"/events/Fn/c.json"_s, "{}"));
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.rename(u"a"_s, u"d"_s));
        QCOMPARE(model.name(2), u"d"_s);
        QVERIFY(model.remove(u"b"_s));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.remove(u"b"_s));
    }
};

QTEST_MAIN(TestEventDesigner)
#include "tst_eventdesigner.moc"
