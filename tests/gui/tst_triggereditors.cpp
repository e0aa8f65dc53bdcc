// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggereditor.h"
#include "triggereditorfactory.h"
#include "triggereditorfallback.h"
#include "triggereditormanager.h"

#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QStyleOptionButton>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace QTest {
template <> char *toString(const nlohmann::json &json)
{
    return qstrdup(json.dump().c_str());
}
} // namespace QTest

// The plugins' GUI halves as the workbench loads them from the build tree, joined to their core
// halves, and each editor driven with the keyboard and the mouse. With LWB_SCREENSHOT_DIR set,
// the editors are also saved there as trigger-editor-<id>.png (docs/screenshots).
class TestTriggerEditors : public QObject
{
    Q_OBJECT

private:
    PluginManager m_core;
    std::unique_ptr<TriggerEditorManager> m_editors;

    static QString buildPlugins() { return QStringLiteral(LWB_BINARY_DIR) + u"/plugins"_s; }

    const PluginSpec *uiHalf(const QString &fileStem) const
    {
        for (const PluginSpec &spec : m_editors->plugins()) {
            if (QFileInfo(spec.fileName).completeBaseName() == fileStem) {
                return &spec;
            }
        }
        return nullptr;
    }

    /** An editor for @p eventType, shown (offscreen) so that clicks land. */
    std::unique_ptr<TriggerEditor> editor(const QString &eventType)
    {
        std::unique_ptr<TriggerEditor> e(m_editors->createEditor(eventType));
        if (e) {
            e->resize(e->sizeHint().expandedTo(QSize(560, 0)));
            e->show();
            if (!QTest::qWaitForWindowExposed(e.get())) {
                return nullptr;
            }
        }
        return e;
    }

    template <typename T> static T *field(QWidget *editor, const QString &name)
    {
        T *w = editor->findChild<T *>(name);
        if (!w) {
            qWarning("no field %s", qPrintable(name));
        }
        return w;
    }

    static void retype(QWidget *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    /** Clicks a check box on its indicator (a click right of its text does nothing). */
    static void tick(QCheckBox *box)
    {
        QStyleOptionButton option;
        option.initFrom(box);
        const QRect indicator =
            box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
        QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
    }

    static QString shownErrors(QWidget *editor)
    {
        auto *label = editor->findChild<QLabel *>(u"validationErrors"_s);
        return label && label->isVisible() ? label->text() : QString();
    }

    static void screenshot(QWidget *editor, const QString &id)
    {
        const QString dir = qEnvironmentVariable("LWB_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            if (QWidget *focus = QApplication::focusWidget()) {
                focus->clearFocus(); // no text cursor in the picture
            }
            editor->adjustSize();
            QVERIFY(editor->grab().save(QDir(dir).filePath(u"trigger-editor-%1.png"_s.arg(id))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_core.setSearchPaths({buildPlugins()});
        m_core.loadAll();
        QVERIFY2(m_core.errors().isEmpty(), qPrintable(m_core.errors().join(u'\n')));
        m_editors = std::make_unique<TriggerEditorManager>(m_core);
        m_editors->setSearchPaths({buildPlugins(), QStringLiteral(LWB_EDITOR_FIXTURE_DIR)});
        m_editors->loadAll();
    }

    void uiHalvesAreJoinedToTheirCoreHalves()
    {
        // The core manager skips the UI halves in the same folder, without an error.
        for (const PluginSpec &spec : m_core.plugins()) {
            QVERIFY2(!spec.fileName.endsWith(u"_ui.so"_s), qPrintable(spec.fileName));
        }
        const struct
        {
            QString file;
            QString id;
            QStringList types;
        } expected[] = {
            {u"liblwb_trigger_schedule_ui"_s, u"schedule"_s, {u"Schedule"_s, u"ScheduleV2"_s}},
            {u"liblwb_trigger_s3_ui"_s, u"s3"_s, {u"S3"_s}},
            {u"liblwb_trigger_http_api_ui"_s, u"http-api"_s, {u"Api"_s, u"HttpApi"_s}}};
        for (const auto &e : expected) {
            const PluginSpec *spec = uiHalf(e.file);
            QVERIFY2(spec, qPrintable(e.file));
            QVERIFY2(spec->isLoaded(), qPrintable(spec->error));
            QCOMPARE(spec->id, e.id);
            QCOMPARE(spec->triggerTypes, e.types);
            for (const QString &type : e.types) {
                QVERIFY(m_editors->editorFactoryForEventType(type));
                QCOMPARE(m_editors->editorFactoryForEventType(type),
                         qobject_cast<TriggerEditorFactory *>(spec->instance));
            }
        }
        // The editor manager skips the core halves in the same folder, without an error.
        for (const PluginSpec &spec : m_editors->plugins()) {
            QVERIFY2(spec.fileName.endsWith(u"_ui.so"_s), qPrintable(spec.fileName));
        }
        QVERIFY(!m_editors->editorFactoryForEventType(u"ExampleInterval"_s));
    }

    void badUiHalvesAreRejectedBeforeLoading()
    {
        const PluginSpec *wrongIid = uiHalf(u"wrongiid_ui"_s);
        QVERIFY(wrongIid && !wrongIid->isLoaded());
        QVERIFY2(wrongIid->error.contains(
                     u"built for interface \"org.lambdaworkbench.TriggerEditorFactory/0.9\""_s),
                 qPrintable(wrongIid->error));
        const PluginSpec *noCore = uiHalf(u"nocore_ui"_s);
        QVERIFY(noCore && !noCore->isLoaded());
        QCOMPARE(noCore->error,
                 u"no core half: no trigger plugin with id \"fixture-no-core\" is loaded"_s);
        const PluginSpec *wrongType = uiHalf(u"wrongtype_ui"_s);
        QVERIFY(wrongType && !wrongType->isLoaded());
        QVERIFY2(wrongType->error.startsWith(u"edits trigger type \"SQS\", which its core half "_s),
                 qPrintable(wrongType->error));
        QCOMPARE(m_editors->errors().size(), 3);
        QVERIFY(m_editors->errors().first().startsWith(QStringLiteral(LWB_EDITOR_FIXTURE_DIR)));

        QFile maps(u"/proc/self/maps"_s);
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("liblwb_trigger_schedule_ui.so"));
        for (const char *rejected : {"wrongiid_ui", "nocore_ui", "wrongtype_ui"}) {
            QVERIFY2(!mapped.contains(rejected), rejected);
        }
    }

    void lwbListsNoUiHalves()
    {
        // The headless CLI scans the same folder: UI halves are neither listed nor rejected.
        QProcess lwb;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"LWB_PLUGIN_PATH"_s);
        lwb.setProcessEnvironment(env);
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"plugins"_s, u"-o"_s, u"json"_s});
        QVERIFY(lwb.waitForFinished(30000));
        const QByteArray out = lwb.readAllStandardOutput();
        QVERIFY2(lwb.exitCode() == 0, out.constData());
        const auto json = nlohmann::json::parse(out.toStdString(), nullptr, false);
        QVERIFY(json.is_object());
        QStringList ids;
        for (const auto &p : json["plugins"]) {
            QVERIFY2(!p["file"].get<std::string>().ends_with("_ui.so"), p.dump().c_str());
            ids << QString::fromStdString(p["id"].get<std::string>());
        }
        for (const QString &id : {u"schedule"_s, u"s3"_s, u"http-api"_s}) {
            QCOMPARE(ids.count(id), 1);
        }
    }

    void scheduleEditorPreviewsFireTimes()
    {
        auto e = editor(u"Schedule"_s);
        QVERIFY(e);
        QVERIFY(!qobject_cast<TriggerEditorFallback *>(e.get()));
        auto *expression = field<QLineEdit>(e.get(), u"expression"_s);
        auto *times = field<QListWidget>(e.get(), u"nextFireTimes"_s);
        auto *zone = field<QComboBox>(e.get(), u"timezone"_s);
        QVERIFY(expression && times && zone);
        QVERIFY(!zone->isVisible()); // a ScheduleV2 setting

        QSignalSpy changed(e.get(), &TriggerEditor::changed);
        QTest::keyClicks(expression, u"cron(0 12 * * ? *)"_s);
        QVERIFY(changed.count() > 0);
        QCOMPARE(times->count(), 5);
        for (int i = 0; i < times->count(); ++i) {
            QVERIFY2(times->item(i)->text().endsWith(u" 12:00 UTC"_s),
                     qPrintable(times->item(i)->text()));
        }
        QCOMPARE(shownErrors(e.get()), QString());
        QVERIFY(e->validationErrors().isEmpty());
        QCOMPARE(e->configuration(), (nlohmann::json{{"Schedule", "cron(0 12 * * ? *)"}}));

        // A bad expression: the core half's message under the form, no fire times.
        retype(expression, u"cron(0 25 * * ? *)"_s);
        QCOMPARE(times->count(), 0);
        QVERIFY2(shownErrors(e.get()).startsWith(
                     u"Parameter ScheduleExpression is not valid: cron(0 25 * * ? *)"_s),
                 qPrintable(shownErrors(e.get())));
        QCOMPARE(e->validationErrors(), QStringList{shownErrors(e.get())});

        // Disabled: written as SAM does, and nothing fires.
        retype(expression, u"rate(5 minutes)"_s);
        QCOMPARE(times->count(), 5);
        auto *enabled = field<QCheckBox>(e.get(), u"enabled"_s);
        QVERIFY(enabled && enabled->isChecked());
        tick(enabled);
        QVERIFY(!enabled->isChecked());
        QCOMPARE(e->configuration(),
                 (nlohmann::json{{"Schedule", "rate(5 minutes)"}, {"Enabled", false}}));
        QCOMPARE(times->count(), 1);
        QVERIFY(!times->item(0)->text().contains(u"UTC"_s));
        tick(enabled);

        // ScheduleV2: the expression moves to ScheduleExpression, the time zone appears.
        auto *kind = field<QComboBox>(e.get(), u"eventType"_s);
        QVERIFY(kind);
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Down);
        QCOMPARE(e->eventType(), u"ScheduleV2"_s);
        QVERIFY(zone->isVisible());
        retype(expression, u"cron(0 9 ? * MON-FRI *)"_s);
        retype(zone, u"Europe/Berlin"_s);
        QCOMPARE(e->configuration(),
                 (nlohmann::json{{"ScheduleExpression", "cron(0 9 ? * MON-FRI *)"},
                                 {"ScheduleExpressionTimezone", "Europe/Berlin"}}));
        QCOMPARE(times->count(), 5);
        for (int i = 0; i < times->count(); ++i) {
            const QString t = times->item(i)->text();
            QVERIFY2(t.contains(u" 09:00 "_s) &&
                         (t.endsWith(u"(08:00 UTC)"_s) || t.endsWith(u"(07:00 UTC)"_s)),
                     qPrintable(t));
        }
        auto *input = field<QPlainTextEdit>(e.get(), u"input"_s);
        QVERIFY(input);
        input->setFocus();
        QTest::keyClicks(input, u"{\"job\": \"report\"}"_s);
        QCOMPARE(e->configuration().value("Input", std::string()),
                 std::string(R"({"job": "report"})"));
        screenshot(e.get(), u"schedule"_s);
        retype(input, u"{job"_s);
        QVERIFY2(shownErrors(e.get()).contains(u"Input must be a string holding valid JSON"_s),
                 qPrintable(shownErrors(e.get())));
    }

    void s3EditorWritesWhatSamWrites()
    {
        auto e = editor(u"S3"_s);
        QVERIFY(e);
        QVERIFY(!qobject_cast<TriggerEditorFallback *>(e.get()));
        QVERIFY2(shownErrors(e.get()).startsWith(u"Bucket is required"_s),
                 qPrintable(shownErrors(e.get())));
        QTest::keyClicks(field<QLineEdit>(e.get(), u"bucket"_s), u"UploadsBucket"_s);
        QVERIFY2(shownErrors(e.get()).startsWith(u"Events"_s), qPrintable(shownErrors(e.get())));
        tick(field<QCheckBox>(e.get(), u"s3:ObjectCreated:*"_s));
        tick(field<QCheckBox>(e.get(), u"s3:ObjectRemoved:Delete"_s));
        QTest::keyClicks(field<QLineEdit>(e.get(), u"prefix"_s), u"uploads/"_s);
        QTest::keyClicks(field<QLineEdit>(e.get(), u"suffix"_s), u".jpg"_s);
        const nlohmann::json expected = {
            {"Bucket", {{"Ref", "UploadsBucket"}}},
            {"Events", {"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"}},
            {"Filter",
             {{"S3Key",
               {{"Rules",
                 {{{"Name", "prefix"}, {"Value", "uploads/"}},
                  {{"Name", "suffix"}, {"Value", ".jpg"}}}}}}}}};
        QCOMPARE(e->configuration(), expected);
        QCOMPARE(shownErrors(e.get()), QString());
        QVERIFY(e->validationErrors().isEmpty());
        QVERIFY(field<QLabel>(e.get(), u"bucketFolder"_s)
                    ->text()
                    .contains(u".lwb/buckets/UploadsBucket"_s));
        screenshot(e.get(), u"s3"_s);

        // A plain bucket name; no rules, no Filter.
        tick(field<QCheckBox>(e.get(), u"bucketIsRef"_s));
        retype(field<QLineEdit>(e.get(), u"prefix"_s), QString());
        retype(field<QLineEdit>(e.get(), u"suffix"_s), QString());
        QCOMPARE(e->configuration(),
                 (nlohmann::json{{"Bucket", "UploadsBucket"},
                                 {"Events", {"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"}}}));
    }

    void httpApiEditorWritesPathAndMethod()
    {
        auto e = editor(u"Api"_s);
        QVERIFY(e);
        QVERIFY(!qobject_cast<TriggerEditorFallback *>(e.get()));
        auto *method = field<QComboBox>(e.get(), u"method"_s);
        auto *path = field<QLineEdit>(e.get(), u"path"_s);
        QVERIFY(method && path);
        method->setFocus();
        QTest::keyClicks(method, u"PO"_s); // keyboard search: POST
        QCOMPARE(method->currentText(), u"POST"_s);
        QTest::keyClicks(path, u"/orders/{id}"_s);
        QCOMPARE(e->configuration(),
                 (nlohmann::json{{"Path", "/orders/{id}"}, {"Method", "post"}}));
        QCOMPARE(shownErrors(e.get()), QString());
        QCOMPARE(field<QLabel>(e.get(), u"route"_s)->text(),
                 u"POST /orders/{id} on ServerlessRestApi, payload format 1.0"_s);

        retype(field<QComboBox>(e.get(), u"authorizer"_s), u"MyLambdaAuth"_s);
        QCOMPARE(e->configuration(), (nlohmann::json{{"Path", "/orders/{id}"},
                                                     {"Method", "post"},
                                                     {"Auth", {{"Authorizer", "MyLambdaAuth"}}}}));
        screenshot(e.get(), u"http-api"_s);

        retype(path, u"orders"_s);
        QVERIFY2(!shownErrors(e.get()).isEmpty(), "a path without a leading slash is refused");
        QVERIFY(field<QLabel>(e.get(), u"route"_s)->text().isEmpty());

        // An HTTP API; with no path it is the API's $default route.
        auto *apiType = field<QComboBox>(e.get(), u"apiType"_s);
        apiType->setFocus();
        QTest::keyClick(apiType, Qt::Key_Down);
        QCOMPARE(e->eventType(), u"HttpApi"_s);
        retype(path, QString());
        QCOMPARE(e->configuration(), (nlohmann::json{{"Auth", {{"Authorizer", "MyLambdaAuth"}}}}));
        QVERIFY(!method->isEnabled());
        QCOMPARE(shownErrors(e.get()), QString());
        QCOMPARE(field<QLabel>(e.get(), u"route"_s)->text(),
                 u"$default on ServerlessHttpApi, payload format 2.0"_s);
    }

    void typesWithoutUiHalfGetTheJsonEditor()
    {
        QVERIFY(!m_editors->createEditor(u"NoSuchType"_s));
        auto e = editor(u"ExampleInterval"_s);
        QVERIFY(e);
        auto *fallback = qobject_cast<TriggerEditorFallback *>(e.get());
        QVERIFY(fallback);
        QPlainTextEdit *text = fallback->textEdit();
        QCOMPARE(shownErrors(e.get()), QString()); // {} is valid: IntervalSeconds defaults to 60
        retype(text, u"{\"IntervalSeconds\": "_s);
        QVERIFY2(shownErrors(e.get()).startsWith(u"Not valid JSON: parse error at line 1"_s),
                 qPrintable(shownErrors(e.get())));
        QVERIFY(e->configuration().is_null());
        QTest::keyClicks(text, u"0}"_s);
        QCOMPARE(shownErrors(e.get()), u"IntervalSeconds must be a positive whole number"_s);
        retype(text, u"{\"IntervalSeconds\": 5, \"Other\": [true]}"_s);
        QCOMPARE(shownErrors(e.get()), QString());
        QCOMPARE(e->configuration(), (nlohmann::json{{"IntervalSeconds", 5}, {"Other", {true}}}));
        const nlohmann::json config = {{"IntervalSeconds", 30}};
        e->setConfiguration(config);
        QCOMPARE(e->configuration(), config);
        screenshot(e.get(), u"fallback"_s);
    }

    void editorsRoundTrip_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("properties");
        QFile file(QStringLiteral(LWB_SOURCE_DIR) +
                   u"/tests/gui/fixtures/editor-configurations.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const nlohmann::json all = nlohmann::json::parse(file.readAll().toStdString());
        for (const auto &[type, configurations] : all.items()) {
            int i = 0;
            for (const nlohmann::json &properties : configurations) {
                QTest::addRow("%s %d", type.c_str(), ++i)
                    << QString::fromStdString(type) << QByteArray::fromStdString(properties.dump());
            }
        }
    }

    void editorsRoundTrip()
    {
        // What setConfiguration() shows, configuration() gives back: keys without a field too.
        QFETCH(QString, type);
        QFETCH(QByteArray, properties);
        auto e = editor(type);
        QVERIFY(e);
        const nlohmann::json config = nlohmann::json::parse(properties.toStdString());
        e->setConfiguration(config);
        QCOMPARE(e->configuration(), config);
        // Enabled: !If [...] is shown and kept, not edited.
        if (auto *enabled = e->findChild<QCheckBox *>(u"enabled"_s)) {
            QCOMPARE(enabled->isEnabled(), !config.value("Enabled", nlohmann::json()).is_object());
        }
        if (type == u"S3"_s && config.contains("Custom")) {
            QVERIFY(field<QCheckBox>(e.get(), u"s3:ObjectCreated:Put"_s)->isChecked());
            QCOMPARE(field<QLineEdit>(e.get(), u"prefix"_s)->text(), u"in/"_s);
            QVERIFY2(shownErrors(e.get()).contains(u"Name must be prefix or suffix"_s),
                     qPrintable(shownErrors(e.get())));
        }
    }
};

QTEST_MAIN(TestTriggerEditors)
#include "tst_triggereditors.moc"
