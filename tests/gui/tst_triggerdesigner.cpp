// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocument.h"
#include "sampleproject.h"
#include "triggerdesigner.h"
#include "triggerdesignerdiagram.h"
#include "triggerdesignermodel.h"
#include "triggereditor.h"
#include "triggereditormanager.h"

#include "triggers/pluginmanager.h"

#include <QtCore/QProcess>
#include <QtGui/QUndoStack>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Lwb;
using nlohmann::json;

namespace QTest {
template <> char *toString(const json &value)
{
    return qstrdup(value.dump().c_str());
}
template <> char *toString(const std::optional<json> &value)
{
    return qstrdup(value ? value->dump().c_str() : "(none)");
}
} // namespace QTest

namespace {

const QString kFunction = u"HelloWorldFunction"_s;

/** Resources for destinations and triggers, put before the functions of a copied template. */
const QByteArray kResources = "  FailureQueue:\n"
                              "    Type: AWS::SQS::Queue\n"
                              "  AlertTopic:\n"
                              "    Type: AWS::SNS::Topic\n"
                              "  UploadBucket:\n"
                              "    Type: AWS::S3::Bucket\n"
                              "\n";

bool addResources(const QString &templatePath)
{
    QFile file(templatePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    QByteArray text = file.readAll();
    file.close();
    const qsizetype at = text.indexOf("Resources:\n");
    if (at < 0) {
        return false;
    }
    text.insert(at + qsizetype(strlen("Resources:\n")), kResources);
    return SampleProject::writeFile(templatePath, text);
}

} // namespace

// The trigger designer on copies of the sample projects, with the plugins of the build tree,
// driven with the mouse and the keyboard. With LWB_SCREENSHOT_DIR set, it is also saved there
// as trigger-designer.png (docs/screenshots).
class TestTriggerDesigner : public QObject
{
    Q_OBJECT

private:
    PluginManager m_core;
    std::unique_ptr<TriggerEditorManager> m_editors;

    /** A sample project copied into a temporary folder, open in a shown designer. */
    struct Session
    {
        QTemporaryDir dir;
        QString project;
        ProjectDocument document;
        std::unique_ptr<TriggerDesigner> designer;
        std::unique_ptr<QAbstractItemModelTester> tester;

        QUndoStack *undo() const { return document.undoStack(); }
        json toJson() const { return document.samTemplate().toJson(); }
        std::optional<json> property(const QString &path) const
        {
            return document.samTemplate().functionProperty(kFunction, path);
        }
        template <typename T> T *child(const QString &name) const
        {
            T *w = designer->findChild<T *>(name);
            if (!w) {
                qWarning("no widget %s", qPrintable(name));
            }
            return w;
        }
    };

    std::unique_ptr<Session> open(const QString &source, bool withResources = false)
    {
        auto s = std::make_unique<Session>();
        s->project = s->dir.filePath(u"project"_s);
        if (!SampleProject::copyTree(source, s->project)) {
            return nullptr;
        }
        const QString templatePath = s->project + u"/template.yaml"_s;
        if (withResources && !addResources(templatePath)) {
            return nullptr;
        }
        if (!s->document.load(templatePath) || s->document.samTemplate().hasErrors()) {
            return nullptr;
        }
        s->designer = std::make_unique<TriggerDesigner>(m_core, *m_editors);
        s->tester = std::make_unique<QAbstractItemModelTester>(
            s->designer->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        s->designer->setDocument(&s->document);
        s->designer->setFunction(kFunction);
        s->designer->resize(1100, 860);
        s->designer->show();
        if (!QTest::qWaitForWindowExposed(s->designer.get())) {
            return nullptr;
        }
        return s;
    }

    static QString helloWorld()
    {
        return QStringLiteral(LWB_SOURCE_DIR "/resources/samples/hello-world");
    }

    static void clickBox(Session &s, const QString &id)
    {
        TriggerDesignerDiagram *diagram = s.designer->diagram();
        const QRect rect = diagram->boxRect(id);
        QVERIFY2(!rect.isNull(), qPrintable(id));
        QTest::mouseClick(diagram, Qt::LeftButton, {}, rect.center());
    }

    static void retype(QWidget *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    /** Picks the item of combo box @p box that starts with @p text by typing it. */
    static void typeInto(QComboBox *box, const QString &text)
    {
        // Keys typed within the keyboard interval continue the previous search.
        QTest::qWait(QApplication::keyboardInputInterval() + 50);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Home); // a search skips the current item
        QTest::keyClicks(box, text);
    }

    /** Clicks "+ Add trigger", picks @p typePrefix by typing it, and clicks Add. */
    static void addTriggerByMouse(Session &s, const QString &typePrefix)
    {
        QTest::mouseClick(s.designer->diagram()->addTriggerButton(), Qt::LeftButton);
        auto *type = s.child<QComboBox>(u"triggerType"_s);
        QVERIFY(type && type->isVisible());
        typeInto(type, typePrefix);
        QVERIFY2(type->currentText().startsWith(typePrefix + u" —"_s),
                 qPrintable(type->currentText()));
        auto *confirm = s.child<QPushButton>(u"addTriggerConfirm"_s);
        QVERIFY(confirm && confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    }

    /** Clicks "+ Add destination" and fills the form by typing; Add is left to the caller. */
    static void fillDestination(Session &s, const QString &condition, const QString &type,
                                const QString &target)
    {
        QTest::mouseClick(s.designer->diagram()->addDestinationButton(), Qt::LeftButton);
        auto *conditionBox = s.child<QComboBox>(u"destinationCondition"_s);
        auto *typeBox = s.child<QComboBox>(u"destinationType"_s);
        auto *targetBox = s.child<QComboBox>(u"destinationTarget"_s);
        QVERIFY(conditionBox && typeBox && targetBox && conditionBox->isVisible());
        // Space opens a combo box's popup: walk to the condition with the arrow keys.
        conditionBox->setFocus();
        QTest::keyClick(conditionBox, Qt::Key_Home);
        for (int i = 0; i < conditionBox->count() && conditionBox->currentText() != condition;
             ++i) {
            QTest::keyClick(conditionBox, Qt::Key_Down);
        }
        QCOMPARE(conditionBox->currentText(), condition);
        typeInto(typeBox, type);
        QVERIFY2(typeBox->currentText().startsWith(type), qPrintable(typeBox->currentText()));
        retype(targetBox->lineEdit(), target);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString plugins = QStringLiteral(LWB_BINARY_DIR) + u"/plugins"_s;
        m_core.setSearchPaths({plugins});
        m_core.loadAll();
        QVERIFY2(m_core.errors().isEmpty(), qPrintable(m_core.errors().join(u'\n')));
        m_editors = std::make_unique<TriggerEditorManager>(m_core);
        m_editors->setSearchPaths({plugins});
        m_editors->loadAll();
    }

    void diagramShowsTheFunction()
    {
        auto s = open(helloWorld());
        QVERIFY(s);
        TriggerDesignerModel *model = s->designer->model();
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex trigger =
            model->index(model->rowOf(TriggerDesignerModel::triggerId(u"HelloWorld"_s)));
        QCOMPARE(trigger.data().toString(), u"HelloWorld"_s);
        QCOMPARE(trigger.data(TriggerDesignerModel::TypeRole).toString(), u"Api"_s);
        QCOMPARE(trigger.data(TriggerDesignerModel::DetailRole).toString(), u"GET /hello"_s);
        const QModelIndex function =
            model->index(model->rowOf(TriggerDesignerModel::functionRowId()));
        QCOMPARE(function.data().toString(), kFunction);
        QVERIFY(
            function.data(TriggerDesignerModel::DetailRole).toString().startsWith(u"python3.12"_s));

        // The trigger sits left of the function, the function's box is clickable.
        TriggerDesignerDiagram *diagram = s->designer->diagram();
        QVERIFY(diagram->boxRect(TriggerDesignerModel::triggerId(u"HelloWorld"_s)).right() <
                diagram->boxRect(TriggerDesignerModel::functionRowId()).left());
        clickBox(*s, TriggerDesignerModel::functionRowId());
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(s->designer->currentId(), TriggerDesignerModel::functionRowId());
        QCOMPARE(s->child<QSpinBox>(u"maximumRetryAttempts"_s)->value(), 2);
        QCOMPARE(s->child<QSpinBox>(u"maximumEventAge"_s)->value(), 21600);
        // A click on the background selects nothing.
        QTest::mouseClick(diagram, Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(s->designer->currentId(), QString());
    }

    void addScheduleTriggerEditSaveAndRun()
    {
        auto s = open(helloWorld());
        QVERIFY(s);
        const json original = s->toJson();

        addTriggerByMouse(*s, u"Schedule"_s);

        if (QTest::currentTestFailed()) {

            return;
        }
        QCOMPARE(s->property(u"Events.ScheduleEvent"_s),
                 std::optional<json>(json{{"Type", "Schedule"}}));
        QCOMPARE(s->undo()->count(), 1);
        const json added = s->toJson();
        QCOMPARE(s->designer->currentId(), TriggerDesignerModel::triggerId(u"ScheduleEvent"_s));
        QVERIFY(s->designer->model()->rowOf(TriggerDesignerModel::triggerId(u"ScheduleEvent"_s)) >=
                0);

        // The schedule plugin's editor, below the diagram: typing is one undo step.
        TriggerEditor *editor = s->designer->triggerEditor();
        QVERIFY(editor && editor->isVisible());
        QCOMPARE(editor->eventType(), u"Schedule"_s);
        auto *expression = editor->findChild<QLineEdit *>(u"expression"_s);
        QVERIFY(expression);
        expression->setFocus();
        QTest::keyClicks(expression, u"rate(5 minutes)"_s);
        QCOMPARE(s->property(u"Events.ScheduleEvent.Properties"_s),
                 std::optional<json>(json{{"Schedule", "rate(5 minutes)"}}));
        QCOMPARE(s->undo()->count(), 2);
        const json edited = s->toJson();
        const QModelIndex box = s->designer->model()->index(
            s->designer->model()->rowOf(TriggerDesignerModel::triggerId(u"ScheduleEvent"_s)));
        QCOMPARE(box.data(TriggerDesignerModel::DetailRole).toString(), u"rate(5 minutes)"_s);

        // Undo and redo give back each template exactly, and the editor follows.
        s->undo()->undo();
        QCOMPARE(s->toJson(), added);
        QCOMPARE(expression->text(), QString());
        s->undo()->undo();
        QCOMPARE(s->toJson(), original);
        QCOMPARE(s->designer->currentId(), QString());
        s->undo()->redo();
        QCOMPARE(s->toJson(), added);
        s->undo()->redo();
        QCOMPARE(s->toJson(), edited);

        // Switching to ScheduleV2 in the editor is one step: Type and the expression's key.
        clickBox(*s, TriggerDesignerModel::triggerId(u"ScheduleEvent"_s));
        if (QTest::currentTestFailed()) {
            return;
        }
        editor = s->designer->triggerEditor();
        QVERIFY(editor);
        QCOMPARE(editor->findChild<QLineEdit *>(u"expression"_s)->text(), u"rate(5 minutes)"_s);
        auto *kind = editor->findChild<QComboBox *>(u"eventType"_s);
        QVERIFY(kind);
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Down);
        QCOMPARE(
            s->property(u"Events.ScheduleEvent"_s),
            std::optional<json>(json{{"Type", "ScheduleV2"},
                                     {"Properties", {{"ScheduleExpression", "rate(5 minutes)"}}}}));
        QCOMPARE(s->undo()->count(), 3);
        s->undo()->undo();
        QCOMPARE(s->toJson(), edited);
        QCOMPARE(s->designer->triggerEditor()->eventType(), u"Schedule"_s);

        // Saved, the CLI sees the schedule.
        QString error;
        QVERIFY2(s->document.save(&error), qPrintable(error));
        QProcess lwb;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"LWB_PLUGIN_PATH"_s);
        lwb.setProcessEnvironment(env);
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"local"_s, u"schedule"_s, u"--next"_s, u"1"_s, u"-t"_s,
                   s->project + u"/template.yaml"_s});
        QVERIFY(lwb.waitForFinished(30000));
        const QString out = QString::fromUtf8(lwb.readAllStandardOutput());
        QVERIFY2(lwb.exitCode() == 0,
                 qPrintable(out + QString::fromUtf8(lwb.readAllStandardError())));
        QVERIFY2(
            out.startsWith(u"HelloWorldFunction ScheduleEvent (Schedule): rate(5 minutes)\n"_s),
            qPrintable(out));
        QCOMPARE(out.count(u'\n'), 2);
    }

    void newTriggerNamesAreCheckedAndUnique()
    {
        auto s = open(helloWorld());
        QVERIFY(s);
        QCOMPARE(s->designer->uniqueTriggerName(u"S3"_s), u"S3Event"_s);
        QVERIFY(s->designer->eventTypes().contains(u"ExampleInterval"_s));
        QVERIFY(s->designer->eventTypes().contains(u"SQS"_s));

        QTest::mouseClick(s->designer->diagram()->addTriggerButton(), Qt::LeftButton);
        auto *type = s->child<QComboBox>(u"triggerType"_s);
        typeInto(type, u"ExampleInterval"_s);
        auto *name = s->child<QLineEdit>(u"triggerName"_s);
        QCOMPARE(name->text(), u"ExampleIntervalEvent"_s);
        auto *confirm = s->child<QPushButton>(u"addTriggerConfirm"_s);
        auto *nameError = s->child<QLabel>(u"triggerNameError"_s);
        retype(name, u"Hello World"_s);
        QVERIFY(!confirm->isEnabled());
        QVERIFY(nameError->isVisible());
        retype(name, u"HelloWorld"_s); // taken by the Api event
        QVERIFY(!confirm->isEnabled());
        QVERIFY2(nameError->text().contains(u"already"_s), qPrintable(nameError->text()));
        retype(name, u"Ticks"_s);
        QVERIFY(confirm->isEnabled());
        QTest::keyClick(name, Qt::Key_Return);
        // The plugin's defaults: its validated empty configuration.
        QCOMPARE(s->property(u"Events.Ticks"_s),
                 std::optional<json>(
                     json{{"Type", "ExampleInterval"}, {"Properties", {{"IntervalSeconds", 60}}}}));
        // A plugin without a UI half is edited as JSON.
        QVERIFY(s->designer->triggerEditor());
        QCOMPARE(s->designer->triggerEditor()->eventType(), u"ExampleInterval"_s);

        QCOMPARE(s->designer->uniqueTriggerName(u"Schedule"_s), u"ScheduleEvent"_s);
        QVERIFY(s->designer->addTrigger(u"Schedule"_s, u"ScheduleEvent"_s));
        QCOMPARE(s->designer->uniqueTriggerName(u"Schedule"_s), u"ScheduleEvent2"_s);
        QString error;
        QVERIFY(!s->designer->addTrigger(u"NoSuchType"_s, u"X"_s, &error));
        QVERIFY(error.contains(u"NoSuchType"_s));
    }

    void removeTriggerUndoRedo()
    {
        auto s = open(helloWorld());
        QVERIFY(s);
        const json original = s->toJson();
        const QString id = TriggerDesignerModel::triggerId(u"HelloWorld"_s);
        clickBox(*s, id);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(s->designer->currentId(), id);
        QVERIFY(s->child<QLabel>(u"triggerTitle"_s)->text().startsWith(u"HelloWorld — Api"_s));
        QVERIFY(s->designer->triggerEditor()); // the API Gateway plugin's

        QTest::mouseClick(s->child<QPushButton>(u"removeTrigger"_s), Qt::LeftButton);
        // Its last trigger gone, the function has no Events left behind.
        QVERIFY(!s->property(u"Events"_s));
        QCOMPARE(s->designer->model()->rowOf(id), -1);
        QCOMPARE(s->designer->currentId(), QString());
        QCOMPARE(s->designer->diagram()->boxRect(id), QRect());
        const json removed = s->toJson();

        s->undo()->undo();
        QCOMPARE(s->toJson(), original);
        QVERIFY(s->designer->model()->rowOf(id) >= 0);
        s->undo()->redo();
        QCOMPARE(s->toJson(), removed);
        s->undo()->undo();

        // The Delete key removes the selected box, and keeps other triggers.
        QVERIFY(s->designer->addTrigger(u"Schedule"_s, u"Nightly"_s));
        clickBox(*s, id);
        if (QTest::currentTestFailed()) {
            return;
        }
        QTest::keyClick(s->designer->diagram(), Qt::Key_Delete);
        QVERIFY(!s->property(u"Events.HelloWorld"_s));
        QCOMPARE(s->property(u"Events"_s),
                 std::optional<json>(json{{"Nightly", {{"Type", "Schedule"}}}}));
        s->undo()->undo();
        s->undo()->undo();
        QCOMPARE(s->toJson(), original);
    }

    void destinationsAndAsyncSettings()
    {
        auto s = open(helloWorld(), true);
        QVERIFY(s);
        const json original = s->toJson();

        // On failure → the template's queue, written as !GetAtt FailureQueue.Arn.
        fillDestination(*s, u"On failure"_s, u"SQS"_s, u"FailureQueue"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        auto *confirm = s->child<QPushButton>(u"addDestinationConfirm"_s);
        QVERIFY(confirm->isEnabled());
        QCOMPARE(s->child<QComboBox>(u"destinationTarget"_s)->count(), 1); // the queue
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(s->property(u"EventInvokeConfig"_s),
                 std::optional<json>(json::parse(R"({"DestinationConfig": {"OnFailure":
                     {"Type": "SQS", "Destination": {"Fn::GetAtt": ["FailureQueue", "Arn"]}}}})")));
        QCOMPARE(s->document.samTemplate().function(kFunction)->asyncConfig.onFailure.target,
                 u"FailureQueue"_s);
        const QString failureId = TriggerDesignerModel::destinationId(u"OnFailure"_s);
        QCOMPARE(s->designer->currentId(), failureId);
        QCOMPARE(
            s->designer->model()->index(s->designer->model()->rowOf(failureId)).data().toString(),
            u"FailureQueue"_s);
        QVERIFY(s->designer->diagram()->boxRect(failureId).left() >
                s->designer->diagram()->boxRect(TriggerDesignerModel::functionRowId()).right());
        const json withFailure = s->toJson();
        s->undo()->undo();
        QCOMPARE(s->toJson(), original);
        s->undo()->redo();
        QCOMPARE(s->toJson(), withFailure);

        // An ARN of the wrong service is refused with a message.
        fillDestination(*s, u"On success"_s, u"Lambda"_s,
                        u"arn:aws:sqs:us-east-1:123456789012:q"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(!confirm->isEnabled());
        QVERIFY2(s->child<QLabel>(u"destinationError"_s)->text().contains(u"Lambda function"_s),
                 qPrintable(s->child<QLabel>(u"destinationError"_s)->text()));
        retype(s->child<QComboBox>(u"destinationTarget"_s)->lineEdit(),
               u"arn:aws:lambda:us-east-1:123456789012:function:audit"_s);
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(s->property(u"EventInvokeConfig.DestinationConfig.OnSuccess"_s),
                 std::optional<json>(json{
                     {"Type", "Lambda"},
                     {"Destination", "arn:aws:lambda:us-east-1:123456789012:function:audit"}}));

        // The dead-letter queue: an SNS topic of the template is a !Ref.
        fillDestination(*s, u"Dead-letter queue"_s, u"SNS"_s, u"AlertTopic"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(
            s->property(u"DeadLetterQueue"_s),
            std::optional<json>(json{{"Type", "SNS"}, {"TargetArn", {{"Ref", "AlertTopic"}}}}));
        QCOMPARE(s->document.samTemplate().function(kFunction)->asyncConfig.deadLetterQueue.target,
                 u"AlertTopic"_s);

        // Retries and maximum age: typed, one undo step per field.
        clickBox(*s, TriggerDesignerModel::functionRowId());
        if (QTest::currentTestFailed()) {
            return;
        }
        const int steps = s->undo()->count();
        retype(s->child<QSpinBox>(u"maximumRetryAttempts"_s), u"1"_s);
        retype(s->child<QSpinBox>(u"maximumEventAge"_s), u"3600"_s);
        QCOMPARE(s->property(u"EventInvokeConfig.MaximumRetryAttempts"_s), std::optional<json>(1));
        QCOMPARE(s->property(u"EventInvokeConfig.MaximumEventAgeInSeconds"_s),
                 std::optional<json>(3600));
        QCOMPARE(s->undo()->count(), steps + 2);
        const json configured = s->toJson();
        s->undo()->undo();
        QCOMPARE(s->child<QSpinBox>(u"maximumEventAge"_s)->value(), 21600);
        s->undo()->redo();
        QCOMPARE(s->toJson(), configured);

        // Editing an existing destination: the target field alone is one step.
        clickBox(*s, failureId);
        if (QTest::currentTestFailed()) {
            return;
        }
        auto *target = s->child<QComboBox>(u"destinationTarget"_s);
        QCOMPARE(target->currentText(), u"FailureQueue"_s);
        QVERIFY(!s->child<QComboBox>(u"destinationCondition"_s)->isEnabled());
        retype(target->lineEdit(), u"arn:aws:sqs:us-east-1:123456789012:failures"_s);
        QCOMPARE(
            s->property(u"EventInvokeConfig.DestinationConfig.OnFailure"_s),
            std::optional<json>(json{
                {"Type", "SQS"}, {"Destination", "arn:aws:sqs:us-east-1:123456789012:failures"}}));
        QCOMPARE(s->undo()->count(), steps + 3);
        s->undo()->undo();
        QCOMPARE(s->toJson(), configured);
        QCOMPARE(target->currentText(), u"FailureQueue"_s);

        // Removing the on-failure destination keeps the rest of EventInvokeConfig.
        QTest::mouseClick(s->child<QPushButton>(u"removeDestination"_s), Qt::LeftButton);
        QVERIFY(!s->property(u"EventInvokeConfig.DestinationConfig.OnFailure"_s));
        QVERIFY(s->property(u"EventInvokeConfig.DestinationConfig.OnSuccess"_s));
        s->undo()->undo();
        QCOMPARE(s->toJson(), configured);

        // Saved and read back: what the designer wrote, and everything else as it was.
        QString error;
        QVERIFY2(s->document.save(&error), qPrintable(error));
        SamTemplate reread;
        QVERIFY(reread.load(s->project + u"/template.yaml"_s));
        QCOMPARE(reread.toJson(), configured);
        const AsyncInvokeConfig async = reread.function(kFunction)->asyncConfig;
        QCOMPARE(async.maximumRetryAttempts, 1);
        QCOMPARE(async.maximumEventAgeSeconds, 3600);
        QCOMPARE(async.onFailure.type, u"SQS"_s);
        QCOMPARE(async.onSuccess.type, u"Lambda"_s);
        QCOMPARE(async.deadLetterQueue.type, u"SNS"_s);
    }

    void samSamplesRoundTrip_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("sam-app-python")
            << QStringLiteral(LWB_SOURCE_DIR "/tests/plugins/data/sam-app-python");
        QTest::newRow("sam-app-nodejs")
            << QStringLiteral(LWB_SOURCE_DIR "/tests/plugins/data/sam-app-nodejs");
        QTest::newRow("hello-world") << helloWorld();
    }

    void samSamplesRoundTrip()
    {
        QFETCH(QString, source);
        auto s = open(source);
        QVERIFY(s);
        const QByteArray originalYaml = s->document.samTemplate().toYaml();
        const json original = s->toJson();

        // An edit undone writes the very same document.
        addTriggerByMouse(*s, u"Schedule"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        s->undo()->undo();
        QCOMPARE(s->document.samTemplate().toYaml(), originalYaml);
        fillDestination(*s, u"On success"_s, u"SQS"_s, QString());
        if (QTest::currentTestFailed()) {
            return;
        } // SAM creates the queue
        QTest::mouseClick(s->child<QPushButton>(u"addDestinationConfirm"_s), Qt::LeftButton);
        QCOMPARE(
            s->property(u"EventInvokeConfig"_s),
            std::optional<json>(json{{"DestinationConfig", {{"OnSuccess", {{"Type", "SQS"}}}}}}));
        s->undo()->undo();
        QCOMPARE(s->document.samTemplate().toYaml(), originalYaml);
        QVERIFY(s->designer->removeTrigger(u"HelloWorld"_s));
        s->undo()->undo();
        QCOMPARE(s->toJson(), original);

        // Edited, saved and read back: the edits and nothing else changed (Globals, Outputs
        // with !Sub and !GetAtt, Description…).
        addTriggerByMouse(*s, u"Schedule"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        auto *expression = s->designer->triggerEditor()->findChild<QLineEdit *>(u"expression"_s);
        expression->setFocus();
        QTest::keyClicks(expression, u"cron(0 12 * * ? *)"_s);
        QVERIFY(s->designer->setDestination(
            u"OnFailure"_s, u"EventBridge"_s,
            u"arn:aws:events:us-east-1:123456789012:event-bus/default"_s));
        QString error;
        QVERIFY2(s->document.save(&error), qPrintable(error));
        SamTemplate reread;
        QVERIFY(reread.load(s->project + u"/template.yaml"_s));
        json expected = original;
        json &properties = expected["Resources"]["HelloWorldFunction"]["Properties"];
        properties["Events"]["ScheduleEvent"] = {
            {"Type", "Schedule"}, {"Properties", {{"Schedule", "cron(0 12 * * ? *)"}}}};
        properties["EventInvokeConfig"] = {
            {"DestinationConfig",
             {{"OnFailure",
               {{"Type", "EventBridge"},
                {"Destination", "arn:aws:events:us-east-1:123456789012:event-bus/default"}}}}}};
        QCOMPARE(reread.toJson(), expected);
        QVERIFY(!reread.hasErrors());
    }

    void screenshot()
    {
        const QString dir = qEnvironmentVariable("LWB_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("LWB_SCREENSHOT_DIR is not set");
        }
        auto s = open(helloWorld(), true);
        QVERIFY(s);
        TriggerDesigner &d = *s->designer;
        QVERIFY(d.addTrigger(u"S3"_s, u"Uploads"_s));
        QVERIFY(s->document.changeFunctionProperty(
            kFunction, u"Events.Uploads.Properties"_s,
            json{{"Bucket", {{"Ref", "UploadBucket"}}}, {"Events", "s3:ObjectCreated:*"}}));
        QVERIFY(d.addTrigger(u"SQS"_s, u"Jobs"_s));
        QVERIFY(s->document.changeFunctionProperty(
            kFunction, u"Events.Jobs.Properties"_s,
            json{{"Queue", {{"Fn::GetAtt", {"FailureQueue", "Arn"}}}}}));
        QVERIFY(d.setDestination(u"OnSuccess"_s, u"SNS"_s, u"AlertTopic"_s));
        QVERIFY(d.setDestination(u"OnFailure"_s, u"SQS"_s, u"FailureQueue"_s));
        QVERIFY(d.setDestination(u"DeadLetterQueue"_s, u"SQS"_s,
                                 u"arn:aws:sqs:us-east-1:123456789012:hello-dlq"_s));
        QVERIFY(d.addTrigger(u"Schedule"_s, u"Nightly"_s));
        auto *expression = d.triggerEditor()->findChild<QLineEdit *>(u"expression"_s);
        expression->setFocus();
        QTest::keyClicks(expression, u"cron(0 2 * * ? *)"_s);
        if (QWidget *focus = QApplication::focusWidget()) {
            focus->clearFocus(); // no text cursor in the picture
        }
        d.resize(1000, 760);
        QTest::qWait(50);
        QVERIFY(d.grab().save(QDir(dir).filePath(u"trigger-designer.png"_s)));

        // The "Add destination" form: the one condition left, a queue of the template.
        QVERIFY(d.removeDestination(u"DeadLetterQueue"_s));
        fillDestination(*s, u"Dead-letter queue"_s, u"SQS"_s, u"Fail"_s);
        if (QTest::currentTestFailed()) {
            return;
        }
        if (QWidget *focus = QApplication::focusWidget()) {
            focus->clearFocus();
        }
        QVERIFY(d.grab().save(QDir(dir).filePath(u"trigger-designer-add-destination.png"_s)));
    }
};

QTEST_MAIN(TestTriggerDesigner)
#include "tst_triggerdesigner.moc"
