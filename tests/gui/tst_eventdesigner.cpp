// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeeditor.h"
#include "eventdesigner.h"
#include "sampleproject.h"

#include "project/savedeventsmodel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>

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
        designer.resize(700, 500);
        designer.show();
        QVERIFY(QTest::qWaitForWindowActive(&designer));
        designer.setFunction(project, u"HelloWorldFunction"_s);
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
