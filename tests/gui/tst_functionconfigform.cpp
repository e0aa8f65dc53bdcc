// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentvariablesmodel.h"
#include "functionconfigform.h"
#include "projectdocument.h"
#include "sampleproject.h"

#include <QtGui/QUndoStack>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QTableView>

#include <memory>

using namespace Qt::StringLiterals;
using nlohmann::json;

namespace {

const QString kFunction = u"HelloWorldFunction"_s;
const QString kLayerArn = u"arn:aws:lambda:us-east-1:123456789012:layer:shared-libs:%1"_s;

/** hello-world in a temporary folder, opened in a document shown by a form. */
struct Fixture
{
    Fixture()
    {
        document.load(project + u"/template.yaml"_s);
        form.setDocument(&document);
        form.setFunction(kFunction);
        form.resize(1100, 820);
        form.show();
    }

    QLineEdit *field(const QString &name) const { return form.findChild<QLineEdit *>(name); }
    QLabel *error(const QString &name) const { return form.findChild<QLabel *>(name); }
    QPushButton *button(const QString &name) const { return form.findChild<QPushButton *>(name); }
    std::optional<json> property(const QString &path) const
    {
        return document.samTemplate().functionProperty(kFunction, path);
    }
    Lwb::EnvironmentVariablesModel *environment() const
    {
        return qobject_cast<Lwb::EnvironmentVariablesModel *>(
            form.findChild<QTableView *>(u"environmentTable"_s)->model());
    }
    /** Types @p text into the field, as a user replacing its content would. */
    void type(const QString &name, const QString &text) const
    {
        QLineEdit *edit = field(name);
        edit->selectAll();
        if (text.isEmpty()) {
            QTest::keyClick(edit, Qt::Key_Backspace);
        } else {
            QTest::keyClicks(edit, text);
        }
    }
    /** Pastes @p text over the field's content: one edit, no partial values on the way. */
    void paste(const QString &name, const QString &text) const
    {
        QLineEdit *edit = field(name);
        edit->selectAll();
        edit->insert(text);
    }
    void addVariable(const QString &key, const QString &value) const
    {
        field(u"variableKeyInput"_s)->setText(key);
        field(u"variableValueInput"_s)->setText(value);
        button(u"addVariable"_s)->click();
    }
    Lwb::SamTemplate reread() const
    {
        Lwb::SamTemplate saved;
        saved.load(project + u"/template.yaml"_s);
        return saved;
    }

    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    Lwb::ProjectDocument document;
    Lwb::FunctionConfigForm form;
};

} // namespace

class tst_FunctionConfigForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingWritesTheTemplate();
    void placeholdersShowWhatIsInherited();
    void invalidValuesAreNotWritten_data();
    void invalidValuesAreNotWritten();
    void clearingRemovesTheProperty();
    void architecture();
    void environmentVariables();
    void invalidEnvironmentVariables();
    void secretsAreMasked();
    void inheritedFromGlobals();
    void concurrencyOnTheAlias();
    void layers();
    void rolesAndPolicies();
    void undoRedoRestoresFieldsAndTemplate();
    void savedValuesReload();
    void unknownFunctionDisablesTheForm();
    void screenshot();
};

void tst_FunctionConfigForm::typingWritesTheTemplate()
{
    Fixture f;
    QVERIFY(f.form.isEnabled());
    f.type(u"memoryField"_s, u"1024"_s);
    QCOMPARE(f.property(u"MemorySize"_s), json(1024));
    QCOMPARE(f.document.samTemplate().function(kFunction)->memoryMb, 1024);
    // "1", "10" and "102" were below the limit and never written: one undo step.
    QCOMPARE(f.document.undoStack()->count(), 1);
    QVERIFY(f.error(u"memoryFieldError"_s)->isHidden());
    // Typed over with 64: "6" and "64" are both refused, the template keeps 1024.
    f.type(u"memoryField"_s, u"64"_s);
    QCOMPARE(f.property(u"MemorySize"_s), json(1024));
    QVERIFY(f.error(u"memoryFieldError"_s)->isVisible());
    QCOMPARE(f.document.undoStack()->count(), 1);
    f.type(u"memoryField"_s, u"1024"_s);
    QVERIFY(f.error(u"memoryFieldError"_s)->isHidden());

    f.type(u"ephemeralStorageField"_s, u"2048"_s);
    QCOMPARE(f.property(u"EphemeralStorage"_s), json({{"Size", 2048}}));
    f.type(u"timeoutField"_s, u"900"_s);
    QCOMPARE(f.document.samTemplate().function(kFunction)->timeoutSeconds, 900);
    f.type(u"retryAttemptsField"_s, u"0"_s);
    f.type(u"eventAgeField"_s, u"3600"_s);
    QCOMPARE(f.document.samTemplate().function(kFunction)->asyncConfig.maximumRetryAttempts, 0);
    QCOMPARE(f.document.samTemplate().function(kFunction)->asyncConfig.maximumEventAgeSeconds,
             3600);
    f.type(u"descriptionField"_s, u"Says hello"_s);
    QCOMPARE(f.property(u"Description"_s), json("Says hello"));
    QCOMPARE(f.field(u"descriptionField"_s)->text(), u"Says hello"_s);
    // The other function is untouched.
    QVERIFY(
        !f.document.samTemplate().functionProperty(u"HelloWorldNodeFunction"_s, u"MemorySize"_s));
}

void tst_FunctionConfigForm::placeholdersShowWhatIsInherited()
{
    Fixture f;
    // hello-world's Globals set Timeout 3 and MemorySize 128; the rest are Lambda's defaults.
    QCOMPARE(f.field(u"memoryField"_s)->text(), QString());
    QCOMPARE(f.field(u"memoryField"_s)->placeholderText(), u"128 (Globals)"_s);
    QCOMPARE(f.field(u"timeoutField"_s)->placeholderText(), u"3 (Globals)"_s);
    QCOMPARE(f.field(u"ephemeralStorageField"_s)->placeholderText(), u"512 (default)"_s);
    QVERIFY(f.field(u"retryAttemptsField"_s)->placeholderText().startsWith(u"2 "_s));
    QCOMPARE(f.form.findChild<QComboBox *>(u"architectureBox"_s)->currentText(), u"x86_64"_s);
}

void tst_FunctionConfigForm::invalidValuesAreNotWritten_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("64 MB") << u"memoryField"_s << u"MemorySize"_s << u"64"_s
                           << u"Value '64' at 'memorySize' failed to satisfy constraint: Member "
                              "must have value greater than or equal to 128"_s;
    QTest::newRow("10241 MB") << u"memoryField"_s << u"MemorySize"_s << u"10241"_s
                              << u"Member must have value less than or equal to 10240"_s;
    QTest::newRow("901 s") << u"timeoutField"_s << u"Timeout"_s << u"901"_s
                           << u"Value '901' at 'timeout' failed to satisfy constraint: Member "
                              "must have value less than or equal to 900"_s;
    QTest::newRow("not a number") << u"timeoutField"_s << u"Timeout"_s << u"3s"_s
                                  << u"Enter a whole number."_s;
    QTest::newRow("storage") << u"ephemeralStorageField"_s << u"EphemeralStorage"_s << u"256"_s
                             << u"at 'ephemeralStorage.size'"_s;
    QTest::newRow("retries") << u"retryAttemptsField"_s << u"EventInvokeConfig"_s << u"3"_s
                             << u"at 'maximumRetryAttempts'"_s;
    QTest::newRow("event age") << u"eventAgeField"_s << u"EventInvokeConfig"_s << u"59"_s
                               << u"at 'maximumEventAgeInSeconds'"_s;
    QTest::newRow("reserved") << u"reservedConcurrencyField"_s << u"ReservedConcurrentExecutions"_s
                              << u"901"_s
                              << u"Specified ReservedConcurrentExecutions for function decreases "
                                 "account's UnreservedConcurrentExecution below its minimum value "
                                 "of [100]."_s;
    QTest::newRow("provisioned without alias")
        << u"provisionedConcurrencyField"_s << u"ProvisionedConcurrencyConfig"_s << u"2"_s
        << u"Provisioned Concurrency Configs cannot be applied to unpublished function versions."_s;
    QTest::newRow("alias of digits") << u"aliasField"_s << u"AutoPublishAlias"_s << u"42"_s
                                     << u"at 'name' failed to satisfy constraint"_s;
    QTest::newRow("description") << u"descriptionField"_s << u"Description"_s << QString(257, u'd')
                                 << u"Member must have length less than or equal to 256"_s;
}

void tst_FunctionConfigForm::invalidValuesAreNotWritten()
{
    QFETCH(QString, field);
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QString, message);
    Fixture f;
    const QByteArray before = f.document.samTemplate().toYaml();
    f.paste(field, text);
    QLabel *error = f.error(field + u"Error"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(message), qPrintable(error->text()));
    QVERIFY(f.field(field)->styleSheet().contains(u"border"_s));
    QVERIFY(!f.property(path));
    QCOMPARE(f.document.samTemplate().toYaml(), before);
    QCOMPARE(f.document.undoStack()->count(), 0);
    QVERIFY(!f.document.isModified());
    // What the user typed stays to be corrected, even when another field is edited.
    f.type(field == u"memoryField"_s ? u"timeoutField"_s : u"memoryField"_s, u"256"_s);
    QCOMPARE(f.field(field)->text(), text);
    QVERIFY(error->isVisible());
}

void tst_FunctionConfigForm::clearingRemovesTheProperty()
{
    Fixture f;
    f.type(u"timeoutField"_s, u"30"_s);
    QCOMPARE(f.property(u"Timeout"_s), json(30));
    f.type(u"timeoutField"_s, QString());
    QVERIFY(!f.property(u"Timeout"_s));
    QCOMPARE(f.document.samTemplate().function(kFunction)->timeoutSeconds, 3); // Globals again

    // Clearing the only member of a map removes the map.
    f.type(u"ephemeralStorageField"_s, u"1024"_s);
    f.type(u"ephemeralStorageField"_s, QString());
    QVERIFY(!f.property(u"EphemeralStorage"_s));
    f.type(u"retryAttemptsField"_s, u"1"_s);
    f.type(u"eventAgeField"_s, u"120"_s);
    f.type(u"retryAttemptsField"_s, QString());
    QCOMPARE(f.property(u"EventInvokeConfig"_s), json({{"MaximumEventAgeInSeconds", 120}}));
    f.type(u"eventAgeField"_s, QString());
    QVERIFY(!f.property(u"EventInvokeConfig"_s));
    QVERIFY(!f.document.samTemplate().toYaml().contains("EventInvokeConfig"));
}

void tst_FunctionConfigForm::architecture()
{
    Fixture f;
    auto *box = f.form.findChild<QComboBox *>(u"architectureBox"_s);
    QCOMPARE(f.property(u"Architectures"_s), json::array({"x86_64"}));
    const int arm = box->findText(u"arm64"_s);
    QVERIFY(arm > 0);
    box->setCurrentIndex(arm);
    Q_EMIT box->activated(arm);
    QCOMPARE(f.property(u"Architectures"_s), json::array({"arm64"}));
    QCOMPARE(f.document.samTemplate().function(kFunction)->architecture, u"arm64"_s);
    box->setCurrentIndex(0);
    Q_EMIT box->activated(0); // inherit: the property goes
    QVERIFY(!f.property(u"Architectures"_s));
    QCOMPARE(box->currentIndex(), 0);
    QCOMPARE(box->currentText(), u"x86_64 (default)"_s);
    // Both choices were one change of Architectures: undo brings the sample's back.
    QCOMPARE(f.document.undoStack()->count(), 1);
    f.document.undoStack()->undo();
    QCOMPARE(box->currentText(), u"x86_64"_s);
    QCOMPARE(f.property(u"Architectures"_s), json::array({"x86_64"}));
    f.document.undoStack()->redo();
    QCOMPARE(box->currentIndex(), 0);
}

void tst_FunctionConfigForm::environmentVariables()
{
    Fixture f;
    Lwb::EnvironmentVariablesModel *model = f.environment();
    QCOMPARE(model->rowCount(), 0);

    f.addVariable(u"TABLE_NAME"_s, u"orders"_s);
    QCOMPARE(f.property(u"Environment.Variables.TABLE_NAME"_s), json("orders"));
    QCOMPARE(f.document.samTemplate().function(kFunction)->environment.value(u"TABLE_NAME"_s),
             u"orders"_s);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(f.field(u"variableKeyInput"_s)->text(), QString()); // ready for the next one
    f.addVariable(u"STAGE"_s, u"42"_s);
    QCOMPARE(f.property(u"Environment.Variables.STAGE"_s), json("42")); // stays a string

    // Edit a value and rename a key in the table.
    const int table = model->rowOf(u"TABLE_NAME"_s);
    QVERIFY(model->setData(model->index(table, Lwb::EnvironmentVariablesModel::ValueColumn),
                           u"invoices"_s));
    QCOMPARE(f.property(u"Environment.Variables.TABLE_NAME"_s), json("invoices"));
    const int stage = model->rowOf(u"STAGE"_s);
    QVERIFY(model->setData(model->index(stage, Lwb::EnvironmentVariablesModel::KeyColumn),
                           u"STAGE_NAME"_s));
    QVERIFY(!f.property(u"Environment.Variables.STAGE"_s));
    QCOMPARE(f.property(u"Environment.Variables.STAGE_NAME"_s), json("42"));
    // The rename is one undo step.
    f.document.undoStack()->undo();
    QCOMPARE(f.property(u"Environment.Variables.STAGE"_s), json("42"));
    QVERIFY(!f.property(u"Environment.Variables.STAGE_NAME"_s));
    f.document.undoStack()->redo();

    // Remove both: no empty Environment is left behind.
    auto *view = f.form.findChild<QTableView *>(u"environmentTable"_s);
    view->selectRow(model->rowOf(u"TABLE_NAME"_s));
    f.button(u"removeVariable"_s)->click();
    QVERIFY(!f.property(u"Environment.Variables.TABLE_NAME"_s));
    QCOMPARE(model->rowCount(), 1);
    view->selectRow(0);
    f.button(u"removeVariable"_s)->click();
    QVERIFY(!f.property(u"Environment"_s));
    QCOMPARE(model->rowCount(), 0);
}

void tst_FunctionConfigForm::invalidEnvironmentVariables()
{
    Fixture f;
    QLabel *error = f.error(u"environmentError"_s);
    f.addVariable(u"1ST"_s, u"x"_s);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"Value at 'environment.variables' failed to satisfy constraint: Map "
                            "keys must satisfy constraint: [Member must satisfy regular "
                            "expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]"_s);
    f.addVariable(u"AWS_REGION"_s, u"eu-west-1"_s);
    QVERIFY(error->text().endsWith(u"Reserved keys used in this request: AWS_REGION"_s));
    f.addVariable(u"BIG"_s, QString(5000, u'x'));
    QVERIFY(error->text().contains(u"exceeded the 4KB limit"_s));
    QVERIFY(!f.property(u"Environment"_s));
    QCOMPARE(f.document.undoStack()->count(), 0);
    // The rejected input stays to be corrected; a good one clears the error.
    QCOMPARE(f.field(u"variableKeyInput"_s)->text(), u"BIG"_s);
    f.addVariable(u"SMALL"_s, u"x"_s);
    QVERIFY(error->isHidden());
}

void tst_FunctionConfigForm::secretsAreMasked()
{
    Fixture f;
    f.addVariable(u"DB_PASSWORD"_s, u"hunter2"_s);
    f.addVariable(u"API_TOKEN"_s, u"t0k3n"_s);
    f.addVariable(u"TABLE"_s, u"orders"_s);
    Lwb::EnvironmentVariablesModel *model = f.environment();
    const auto value = [model](const QString &key, int role = Qt::DisplayRole) {
        return model->index(model->rowOf(key), Lwb::EnvironmentVariablesModel::ValueColumn)
            .data(role)
            .toString();
    };
    QCOMPARE(value(u"DB_PASSWORD"_s), Lwb::EnvironmentVariablesModel::mask());
    QCOMPARE(value(u"API_TOKEN"_s), Lwb::EnvironmentVariablesModel::mask());
    QCOMPARE(value(u"TABLE"_s), u"orders"_s);
    QCOMPARE(value(u"DB_PASSWORD"_s, Qt::EditRole), u"hunter2"_s); // the editor gets the value
    auto *reveal = f.form.findChild<QCheckBox *>(u"revealSecrets"_s);
    reveal->click();
    QCOMPARE(value(u"DB_PASSWORD"_s), u"hunter2"_s);
    reveal->click();
    QCOMPARE(value(u"DB_PASSWORD"_s), Lwb::EnvironmentVariablesModel::mask());
    // The template keeps the real value.
    QCOMPARE(f.property(u"Environment.Variables.DB_PASSWORD"_s), json("hunter2"));
    QVERIFY(Lwb::EnvironmentVariablesModel::isSecretName(u"aws_secret_key"_s));
    QVERIFY(!Lwb::EnvironmentVariablesModel::isSecretName(u"LOG_LEVEL"_s));
}

void tst_FunctionConfigForm::inheritedFromGlobals()
{
    Fixture f;
    const QString path = f.project + u"/template.yaml"_s;
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray yaml = file.readAll();
    file.close();
    const QByteArray globals = "    MemorySize: 128\n";
    QVERIFY(yaml.contains(globals));
    yaml.replace(globals, globals +
                              "    Environment:\n      Variables:\n        STAGE: prod\n"
                              "    Layers:\n      - " +
                              kLayerArn.arg(1).toUtf8() + "\n");
    QVERIFY(SampleProject::writeFile(path, yaml));
    QVERIFY(f.document.load(path));

    Lwb::EnvironmentVariablesModel *model = f.environment();
    const int stage = model->rowOf(u"STAGE"_s);
    QVERIFY(stage >= 0);
    QVERIFY(model->isInherited(stage));
    QCOMPARE(model->index(stage, 1).data().toString(), u"prod"_s);
    // A Globals variable cannot be removed from one function, but it can be overridden.
    f.form.findChild<QTableView *>(u"environmentTable"_s)->selectRow(stage);
    f.button(u"removeVariable"_s)->click();
    QVERIFY(f.error(u"environmentError"_s)->text().contains(u"Globals"_s));
    QVERIFY(model->setData(model->index(stage, 1), u"dev"_s));
    QCOMPARE(f.property(u"Environment.Variables.STAGE"_s), json("dev"));
    QCOMPARE(f.document.samTemplate().function(kFunction)->environment.value(u"STAGE"_s), u"dev"_s);
    QVERIFY(!model->isInherited(model->rowOf(u"STAGE"_s)));

    // The Globals layer counts towards the five.
    QVERIFY(f.form.findChild<QLabel *>(u"inheritedLayers"_s)->isVisible());
    for (int version = 2; version <= 6; ++version) {
        f.field(u"layerInput"_s)->setText(kLayerArn.arg(version));
        f.button(u"addLayer"_s)->click();
    }
    QCOMPARE(f.property(u"Layers"_s)->size(), 4u);
    QCOMPARE(f.error(u"layersError"_s)->text(), u"Cannot reference more than 5 layers."_s);
}

void tst_FunctionConfigForm::concurrencyOnTheAlias()
{
    Fixture f;
    f.type(u"aliasField"_s, u"live"_s);
    QCOMPARE(f.property(u"AutoPublishAlias"_s), json("live"));
    f.type(u"provisionedConcurrencyField"_s, u"5"_s);
    QCOMPARE(f.document.samTemplate().function(kFunction)->provisionedConcurrency, 5);
    QCOMPARE(f.property(u"ProvisionedConcurrencyConfig"_s),
             json({{"ProvisionedConcurrentExecutions", 5}}));

    // Reserved below the provisioned count is refused; at or above it is written.
    f.type(u"reservedConcurrencyField"_s, u"4"_s);
    QVERIFY(f.error(u"reservedConcurrencyFieldError"_s)
                ->text()
                .contains(u"Requested Provisioned Concurrency should not be greater than the "
                          "reservedConcurrentExecution for function"_s));
    QVERIFY(!f.property(u"ReservedConcurrentExecutions"_s));
    f.type(u"reservedConcurrencyField"_s, u"10"_s);
    QCOMPARE(f.property(u"ReservedConcurrentExecutions"_s), json(10));
    QVERIFY(f.error(u"reservedConcurrencyFieldError"_s)->isHidden());

    // The alias cannot go while provisioned concurrency needs it.
    f.type(u"aliasField"_s, QString());
    QVERIFY(f.error(u"aliasFieldError"_s)->text().contains(u"unpublished function versions"_s));
    QCOMPARE(f.property(u"AutoPublishAlias"_s), json("live"));

    // Other functions' reservations count against the account: 1000 - 880 - 20 = 100.
    QVERIFY(f.document.changeFunctionProperty(u"HelloWorldNodeFunction"_s,
                                              u"ReservedConcurrentExecutions"_s, json(880)));
    f.type(u"reservedConcurrencyField"_s, u"21"_s);
    QVERIFY(f.error(u"reservedConcurrencyFieldError"_s)
                ->text()
                .contains(u"below its minimum value of [100]"_s));
    f.type(u"reservedConcurrencyField"_s, u"20"_s);
    QCOMPARE(f.property(u"ReservedConcurrentExecutions"_s), json(20));
}

void tst_FunctionConfigForm::layers()
{
    Fixture f;
    auto *input = f.field(u"layerInput"_s);
    QLabel *error = f.error(u"layersError"_s);
    input->setText(u"arn:aws:lambda:us-east-1:123456789012:layer:shared-libs"_s); // no version
    f.button(u"addLayer"_s)->click();
    QVERIFY(error->text().contains(u"at 'layers' failed to satisfy constraint"_s));
    QVERIFY(!f.property(u"Layers"_s));
    for (int version = 1; version <= 5; ++version) {
        input->setText(kLayerArn.arg(version));
        f.button(u"addLayer"_s)->click();
        QVERIFY2(error->isHidden(), qPrintable(error->text()));
    }
    QCOMPARE(f.property(u"Layers"_s)->size(), 5u);
    QCOMPARE(f.property(u"Layers"_s)->at(0), json(kLayerArn.arg(1).toStdString()));
    input->setText(kLayerArn.arg(6));
    f.button(u"addLayer"_s)->click();
    QCOMPARE(error->text(), u"Cannot reference more than 5 layers."_s);
    QCOMPARE(f.property(u"Layers"_s)->size(), 5u);

    auto *list = f.form.findChild<QListView *>(u"layerList"_s);
    QCOMPARE(list->model()->rowCount(), 5);
    list->setCurrentIndex(list->model()->index(0, 0));
    f.button(u"removeLayer"_s)->click();
    QCOMPARE(f.property(u"Layers"_s)->at(0), json(kLayerArn.arg(2).toStdString()));
    QCOMPARE(list->model()->rowCount(), 4);
}

void tst_FunctionConfigForm::rolesAndPolicies()
{
    Fixture f;
    auto *policies = f.form.findChild<QListView *>(u"policyList"_s);
    f.field(u"policyInput"_s)->setText(u"AWSLambdaBasicExecutionRole"_s);
    f.button(u"addPolicy"_s)->click();
    f.field(u"policyInput"_s)->setText(u"{\"S3ReadPolicy\": {\"BucketName\": \"photos\"}}"_s);
    f.button(u"addPolicy"_s)->click();
    QCOMPARE(f.property(u"Policies"_s),
             json::parse(
                 R"(["AWSLambdaBasicExecutionRole", {"S3ReadPolicy": {"BucketName": "photos"}}])"));
    QCOMPARE(policies->model()->rowCount(), 2);
    f.field(u"policyInput"_s)->setText(u"{not json"_s);
    f.button(u"addPolicy"_s)->click();
    QVERIFY(f.error(u"policiesError"_s)->isVisible());
    QCOMPARE(f.property(u"Policies"_s)->size(), 2u);
    policies->setCurrentIndex(policies->model()->index(0, 0));
    f.button(u"removePolicy"_s)->click();
    QCOMPARE(f.property(u"Policies"_s)->size(), 1u);

    f.type(u"roleField"_s, u"lambda-role"_s);
    QVERIFY(f.error(u"roleFieldError"_s)->text().contains(u"at 'role' failed to satisfy"_s));
    QVERIFY(!f.property(u"Role"_s));
    const QString arn = u"arn:aws:iam::123456789012:role/lambda-role"_s;
    f.type(u"roleField"_s, arn);
    QCOMPARE(f.property(u"Role"_s), json(arn.toStdString()));
    QVERIFY(f.form.findChild<QLabel *>(u"policiesNote"_s)->isVisible());
    QVERIFY(!policies->isEnabled());
    f.type(u"roleField"_s, QString());
    QVERIFY(policies->isEnabled());
}

void tst_FunctionConfigForm::undoRedoRestoresFieldsAndTemplate()
{
    Fixture f;
    QUndoStack *stack = f.document.undoStack();
    f.type(u"memoryField"_s, u"512"_s);
    f.type(u"timeoutField"_s, u"30"_s);
    f.addVariable(u"TABLE"_s, u"orders"_s);
    QCOMPARE(stack->count(), 3);

    stack->undo();
    QCOMPARE(f.environment()->rowCount(), 0);
    QVERIFY(!f.property(u"Environment"_s));
    stack->undo();
    QCOMPARE(f.field(u"timeoutField"_s)->text(), QString());
    QCOMPARE(f.document.samTemplate().function(kFunction)->timeoutSeconds, 3);
    stack->undo();
    QCOMPARE(f.field(u"memoryField"_s)->text(), QString());
    QVERIFY(!f.property(u"MemorySize"_s));
    QVERIFY(!f.document.isModified());

    stack->redo();
    stack->redo();
    stack->redo();
    QCOMPARE(f.field(u"memoryField"_s)->text(), u"512"_s);
    QCOMPARE(f.field(u"timeoutField"_s)->text(), u"30"_s);
    QCOMPARE(f.environment()->rowCount(), 1);
    QCOMPARE(f.property(u"Environment.Variables.TABLE"_s), json("orders"));
    QCOMPARE(stack->count(), 3); // redo pushed nothing new
}

void tst_FunctionConfigForm::savedValuesReload()
{
    Fixture f;
    f.type(u"memoryField"_s, u"1769"_s);
    f.type(u"timeoutField"_s, u"120"_s);
    f.type(u"ephemeralStorageField"_s, u"10240"_s);
    f.type(u"retryAttemptsField"_s, u"1"_s);
    f.type(u"aliasField"_s, u"live"_s);
    f.type(u"provisionedConcurrencyField"_s, u"2"_s);
    f.addVariable(u"TABLE"_s, u"orders"_s);
    auto *box = f.form.findChild<QComboBox *>(u"architectureBox"_s);
    box->setCurrentIndex(box->findText(u"arm64"_s));
    Q_EMIT box->activated(box->currentIndex());
    QString error;
    QVERIFY2(f.document.save(&error), qPrintable(error));

    const Lwb::SamTemplate saved = f.reread();
    QVERIFY2(!saved.hasErrors(), qPrintable(saved.problems().value(0).toString()));
    const Lwb::FunctionConfig config = *saved.function(kFunction);
    QCOMPARE(config.memoryMb, 1769);
    QCOMPARE(config.timeoutSeconds, 120);
    QCOMPARE(config.ephemeralStorageMb, 10240);
    QCOMPARE(config.asyncConfig.maximumRetryAttempts, 1);
    QCOMPARE(config.autoPublishAlias, u"live"_s);
    QCOMPARE(config.provisionedConcurrency, 2);
    QCOMPARE(config.environment.value(u"TABLE"_s), u"orders"_s);
    QCOMPARE(config.architecture, u"arm64"_s);

    // A new form on the reloaded document shows the saved values.
    Lwb::ProjectDocument reopened;
    QVERIFY(reopened.load(f.project + u"/template.yaml"_s));
    Lwb::FunctionConfigForm form;
    form.setDocument(&reopened);
    form.setFunction(kFunction);
    QCOMPARE(form.findChild<QLineEdit *>(u"memoryField"_s)->text(), u"1769"_s);
    QCOMPARE(form.findChild<QLineEdit *>(u"aliasField"_s)->text(), u"live"_s);
    QCOMPARE(form.findChild<QComboBox *>(u"architectureBox"_s)->currentText(), u"arm64"_s);
}

void tst_FunctionConfigForm::unknownFunctionDisablesTheForm()
{
    Fixture f;
    f.form.setFunction(u"NoSuchFunction"_s);
    QVERIFY(!f.form.isEnabled());
    f.form.setFunction(u"HelloWorldNodeFunction"_s);
    QVERIFY(f.form.isEnabled());
    f.type(u"memoryField"_s, u"256"_s);
    QCOMPARE(
        f.document.samTemplate().functionProperty(u"HelloWorldNodeFunction"_s, u"MemorySize"_s),
        json(256));
    QVERIFY(!f.property(u"MemorySize"_s));
}

void tst_FunctionConfigForm::screenshot()
{
    // Run with LWB_SCREENSHOTS_DIR set, it saves function-config.png.
    Fixture f;
    f.type(u"descriptionField"_s, u"Says hello from Python"_s);
    f.type(u"ephemeralStorageField"_s, u"1024"_s);
    f.type(u"timeoutField"_s, u"901"_s); // shows Lambda's error
    f.type(u"aliasField"_s, u"live"_s);
    f.type(u"reservedConcurrencyField"_s, u"50"_s);
    f.type(u"provisionedConcurrencyField"_s, u"5"_s);
    f.type(u"retryAttemptsField"_s, u"1"_s);
    f.addVariable(u"TABLE_NAME"_s, u"orders"_s);
    f.addVariable(u"DB_PASSWORD"_s, u"hunter2"_s);
    f.addVariable(u"LOG_LEVEL"_s, u"INFO"_s);
    f.field(u"layerInput"_s)->setText(kLayerArn.arg(3));
    f.button(u"addLayer"_s)->click();
    f.field(u"policyInput"_s)->setText(u"AWSLambdaBasicExecutionRole"_s);
    f.button(u"addPolicy"_s)->click();
    // As tall as the sections, so that nothing scrolls.
    f.form.resize(1100, f.form.findChild<QScrollArea *>()->widget()->sizeHint().height());
    QVERIFY(QTest::qWaitForWindowExposed(&f.form));
    const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
    if (out.isEmpty()) {
        return;
    }
    QTest::qWait(100);
    QVERIFY(f.form.grab().save(out + u"/function-config.png"_s));
}

QTEST_MAIN(tst_FunctionConfigForm)
#include "tst_functionconfigform.moc"
