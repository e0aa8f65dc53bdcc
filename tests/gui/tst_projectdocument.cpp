// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/changefunctionproperty.h"
#include "projectdocument.h"
#include "sampleproject.h"

#include <QtGui/QUndoStack>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using nlohmann::json;

class tst_ProjectDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editUndoRedoSave();
    void rejectedEditIsNotRecorded();
    void typingMergesIntoOneStep();
    void laterEditsAreStepsOfTheirOwn();
    void undoingANestedSetLeavesNoEmptyMaps();
};

void tst_ProjectDocument::editUndoRedoSave()
{
    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    QVERIFY(!project.isEmpty());
    Lwb::ProjectDocument document;
    QVERIFY(document.load(project + u"/template.yaml"_s));
    const QString id = document.samTemplate().functions().front().logicalId;
    const int memoryBefore = document.samTemplate().function(id)->memoryMb;
    QSignalSpy changed(&document, &Lwb::ProjectDocument::functionChanged);
    QSignalSpy modified(&document, &Lwb::ProjectDocument::modifiedChanged);

    QVERIFY(document.changeFunctionProperty(id, u"MemorySize"_s, json(1024)));
    QCOMPARE(document.samTemplate().function(id)->memoryMb, 1024);
    QVERIFY(document.isModified());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), id);
    QCOMPARE(modified.count(), 1);

    document.undoStack()->undo();
    QCOMPARE(document.samTemplate().function(id)->memoryMb, memoryBefore);
    QVERIFY(!document.isModified());
    document.undoStack()->redo();
    QCOMPARE(document.samTemplate().function(id)->memoryMb, 1024);

    // Removing a property and undoing the removal (after another edit: consecutive edits of
    // one property merge into one step).
    QVERIFY(document.changeFunctionProperty(id, u"Description"_s, json("orders")));
    QVERIFY(document.changeFunctionProperty(id, u"MemorySize"_s, std::nullopt));
    QVERIFY(!document.samTemplate().functionProperty(id, u"MemorySize"_s));
    document.undoStack()->undo();
    QCOMPARE(document.samTemplate().functionProperty(id, u"MemorySize"_s), json(1024));

    QSignalSpy saved(&document, &Lwb::ProjectDocument::saved);
    QString error;
    QVERIFY2(document.save(&error), qPrintable(error));
    QCOMPARE(saved.count(), 1);
    QVERIFY(!document.isModified());
    Lwb::SamTemplate reread;
    QVERIFY(reread.load(project + u"/template.yaml"_s));
    QCOMPARE(reread.function(id)->memoryMb, 1024);
}

void tst_ProjectDocument::rejectedEditIsNotRecorded()
{
    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    Lwb::ProjectDocument document;
    QVERIFY(document.load(project + u"/template.yaml"_s));
    QString error;
    QVERIFY(!document.changeFunctionProperty(u"NoSuchFunction"_s, u"MemorySize"_s, json(256),
                                             QString(), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(!document.isModified());
}

void tst_ProjectDocument::typingMergesIntoOneStep()
{
    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    Lwb::ProjectDocument document;
    QVERIFY(document.load(project + u"/template.yaml"_s));
    const QString id = document.samTemplate().functions().front().logicalId;
    for (int timeout : {1, 12, 123}) {
        QVERIFY(document.changeFunctionProperty(id, u"Timeout"_s, json(timeout)));
    }
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.samTemplate().function(id)->timeoutSeconds, 123);
    QVERIFY(document.changeFunctionProperty(id, u"MemorySize"_s, json(512)));
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    document.undoStack()->undo();
    QVERIFY(!document.isModified());
    QVERIFY(!document.samTemplate().functionProperty(id, u"Timeout"_s));
    QCOMPARE(document.samTemplate().function(id)->timeoutSeconds, 3); // from Globals
}

void tst_ProjectDocument::laterEditsAreStepsOfTheirOwn()
{
    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    Lwb::ProjectDocument document;
    QVERIFY(document.load(project + u"/template.yaml"_s));
    const QString id = document.samTemplate().functions().front().logicalId;
    QVERIFY(document.changeFunctionProperty(id, u"Timeout"_s, json(10)));
    QTest::qWait(int(Lwb::ChangeFunctionProperty::kMergeWindowMs) + 100);
    QVERIFY(document.changeFunctionProperty(id, u"Timeout"_s, json(20)));
    QCOMPARE(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    QCOMPARE(document.samTemplate().function(id)->timeoutSeconds, 10);
}

void tst_ProjectDocument::undoingANestedSetLeavesNoEmptyMaps()
{
    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    Lwb::ProjectDocument document;
    QVERIFY(document.load(project + u"/template.yaml"_s));
    const QString id = document.samTemplate().functions().front().logicalId;
    const json before = document.samTemplate().toJson();
    QVERIFY(!document.samTemplate().functionProperty(id, u"Environment"_s));
    QVERIFY(document.changeFunctionProperty(id, u"Environment.Variables.TABLE"_s, json("orders")));
    QCOMPARE(document.samTemplate().function(id)->environment.value(u"TABLE"_s), u"orders"_s);
    document.undoStack()->undo();
    QVERIFY(!document.samTemplate().functionProperty(id, u"Environment"_s));
    QCOMPARE(document.samTemplate().toJson(), before);
}

QTEST_GUILESS_MAIN(tst_ProjectDocument)
#include "tst_projectdocument.moc"
