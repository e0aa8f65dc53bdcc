// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginefixtures.h"

#include "engine/engine.h"
#include "engine/journal.h"
#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

class TestSchedulePlugin : public QObject
{
    Q_OBJECT

private:
    PluginManager m_plugins;
    TriggerFactory *m_factory = nullptr;

    /** A Python function that logs every event it gets as one JSON line. */
    static FunctionConfig eventLogger(const QTemporaryDir &dir)
    {
        Test::writeFile(dir.filePath(u"app.py"_s),
                        "import json\n"
                        "def handler(event, context):\n"
                        "    print('EVENT ' + json.dumps(event))\n"
                        "    return 'ok'\n");
        FunctionConfig f = Test::fixture(u"Ticker"_s, u"python3.12"_s, u"app.handler"_s);
        f.codeDir = dir.path();
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The build tree's plugin folder, where lwb_add_plugin() puts the module.
        m_plugins.setSearchPaths({QStringLiteral(LWB_BINARY_DIR) + u"/plugins"_s});
        m_plugins.loadAll();
        QVERIFY2(m_plugins.errors().isEmpty(), qPrintable(m_plugins.errors().join(u'\n')));
        m_factory = m_plugins.factoryForEventType(u"Schedule"_s);
        QVERIFY(m_factory);
        QCOMPARE(m_plugins.factoryForEventType(u"ScheduleV2"_s), m_factory);
    }

    void validateNormalisesAndRejects()
    {
        QStringList errors;
        const nlohmann::json ok = m_factory->validate(u"Schedule"_s, {{"Schedule", "rate(5 minutes)"}}, &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(ok["Enabled"].get<bool>(), true);
        QVERIFY(m_factory->validate(u"Schedule"_s, {{"Schedule", "rate(5 minute)"}}, &errors).is_null());
        QVERIFY2(errors.value(0).startsWith(u"Parameter ScheduleExpression is not valid"_s), qPrintable(errors.value(0)));
        errors.clear();
        QVERIFY(m_factory->validate(u"Schedule"_s, {{"Schedule", "rate(1 day)"}, {"Input", "{oops"}}, &errors).is_null());
        QCOMPARE(errors.value(0), u"Input must be a string holding valid JSON"_s);
        errors.clear();
        QVERIFY(m_factory->validate(u"ScheduleV2"_s,
                                    {{"ScheduleExpression", "cron(0 9 * * ? *)"},
                                     {"ScheduleExpressionTimezone", "Mars/Olympus"}},
                                    &errors).is_null());
        QVERIFY(errors.value(0).contains(u"not a known time zone"_s));
        errors.clear();
        QVERIFY(m_factory->validate(u"Schedule"_s, {{"Schedule", "at(2030-01-01T00:00:00)"}}, &errors).is_null());
        QVERIFY(errors.value(0).contains(u"ScheduleV2"_s));
    }

    void previewListsFireTimes()
    {
        QString error;
        const nlohmann::json p = m_factory->preview(u"ScheduleV2"_s,
                                                    {{"ScheduleExpression", "cron(0 12 ? * MON-FRI *)"},
                                                     {"ScheduleExpressionTimezone", "Europe/Paris"}},
                                                    3, &error);
        QVERIFY2(!p.is_null(), qPrintable(error));
        QCOMPARE(p["nextFireTimes"].size(), size_t(3));
        for (const auto &t : p["nextFireTimes"]) {
            const QDateTime fire = QDateTime::fromString(QString::fromStdString(t.get<std::string>()), Qt::ISODate);
            const QDateTime paris = fire.toTimeZone(QTimeZone("Europe/Paris"));
            QCOMPARE(paris.time(), QTime(12, 0));
            QVERIFY(paris.date().dayOfWeek() <= 5);
        }
        const nlohmann::json disabled = m_factory->preview(u"Schedule"_s, {{"Schedule", "rate(1 hour)"}, {"Enabled", false}}, 3, &error);
        QCOMPARE(disabled["enabled"].get<bool>(), false);
        QVERIFY(disabled["nextFireTimes"].empty());
    }

    void sourceFiresTheScheduledEventAsynchronously()
    {
        QTemporaryDir dir;
        Engine engine;
        engine.setFunctions({eventLogger(dir)});
        QStringList events;
        QStringList sources;
        connect(engine.journal(), &Journal::recordAppended, this, [&](const JournalRecord &r) {
            if (r.kind == JournalKind::LogLine) {
                const QString line = QString::fromStdString(r.data.value("message", std::string()));
                if (line.startsWith(u"EVENT "_s)) {
                    events << line.mid(6);
                }
            } else if (r.kind == JournalKind::RequestReceived) {
                sources << QString::fromStdString(r.data.value("source", std::string()));
            }
        });
        // A one-time ScheduleV2 two seconds from now (at() has second precision), and a
        // disabled rule that must never fire.
        QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
        when.setTime(QTime(when.time().hour(), when.time().minute(), when.time().second()));
        TriggerContext context;
        context.engine = &engine;
        context.functionLogicalId = u"Ticker"_s;
        context.eventName = u"Once"_s;
        context.eventType = u"ScheduleV2"_s;
        context.properties = {{"ScheduleExpression", "at(" + when.toString(u"yyyy-MM-ddTHH:mm:ss"_s).toStdString() + ")"}};
        QString error;
        auto once = m_factory->createSource(context, &error);
        QVERIFY2(once, qPrintable(error));
        QVERIFY(once->start(&error));

        TriggerContext disabled = context;
        disabled.eventName = u"Off"_s;
        disabled.eventType = u"Schedule"_s;
        disabled.properties = {{"Schedule", "rate(1 minute)"}, {"Enabled", false}};
        auto off = m_factory->createSource(disabled, &error);
        QVERIFY(off && off->start(&error));

        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 15000);
        QVERIFY(QDateTime::currentDateTimeUtc() >= when.addMSecs(-50));
        const auto event = nlohmann::json::parse(events[0].toStdString());
        QCOMPARE(event["detail-type"].get<std::string>(), std::string("Scheduled Event"));
        QCOMPARE(event["source"].get<std::string>(), std::string("aws.events"));
        QCOMPARE(event["version"].get<std::string>(), std::string("0"));
        QCOMPARE(event["time"].get<std::string>(), when.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toStdString());
        QCOMPARE(event["resources"][0].get<std::string>(),
                 std::string("arn:aws:events:us-east-1:123456789012:rule/TickerOnce"));
        QCOMPARE(sources.value(0), u"schedule"_s); // then the run of the accepted event
        QTest::qWait(500);
        QCOMPARE(events.size(), 1); // at() fires once
    }

    void inputReplacesTheEvent()
    {
        QTemporaryDir dir;
        Engine engine;
        engine.setFunctions({eventLogger(dir)});
        QStringList events;
        connect(engine.journal(), &Journal::recordAppended, this, [&](const JournalRecord &r) {
            const QString line = QString::fromStdString(r.data.value("message", std::string()));
            if (r.kind == JournalKind::LogLine && line.startsWith(u"EVENT "_s)) {
                events << line.mid(6);
            }
        });
        TriggerContext context;
        context.engine = &engine;
        context.functionLogicalId = u"Ticker"_s;
        context.eventName = u"WithInput"_s;
        context.eventType = u"ScheduleV2"_s;
        context.properties = {
            {"ScheduleExpression",
             "at(" + QDateTime::currentDateTimeUtc().addSecs(1).toString(u"yyyy-MM-ddTHH:mm:ss"_s).toStdString() + ")"},
            {"Input", R"({"job":"nightly"})"}};
        QString error;
        auto source = m_factory->createSource(context, &error);
        QVERIFY(source && source->start(&error));
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 15000);
        QCOMPARE(events[0], uR"({"job": "nightly"})"_s);
    }

    void startLambdaRunsTheSchedules()
    {
        // `lwb local start-lambda` starts the template's schedules (--no-triggers would not).
        QTemporaryDir dir;
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(3);
        Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Reminder:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Once:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: at()" + when.toString(u"yyyy-MM-ddTHH:mm:ss"_s).toUtf8() + R"()
            Input: '{"remind": "stand up"}'
)");
        Test::writeFile(dir.filePath(u"src/app.py"_s),
                        "def handler(event, context):\n    print('REMINDER', event['remind'])\n");
        QProcess lwb;
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"local"_s, u"start-lambda"_s, u"-t"_s, dir.filePath(u"template.yaml"_s), u"-p"_s, u"0"_s,
                   u"--no-auth"_s});
        QByteArray err;
        QVERIFY(QTest::qWaitFor([&] {
            lwb.waitForReadyRead(100);
            err += lwb.readAllStandardError();
            return err.contains("REMINDER stand up");
        }, 20000));
        QVERIFY2(err.contains("trigger started: Reminder Once (ScheduleV2)"), err.constData());
        lwb.terminate();
        QVERIFY(lwb.waitForFinished(10000));
    }

    void generateEventFromThePluginsTemplates()
    {
        auto lwb = [](const QStringList &args, int *rc) {
            QProcess p;
            p.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s, QStringList{u"local"_s, u"generate-event"_s} + args);
            p.waitForFinished(30000);
            *rc = p.exitCode();
            return p.readAllStandardOutput() + p.readAllStandardError();
        };
        int rc = 0;
        const QByteArray services = lwb({}, &rc);
        QCOMPARE(rc, 0);
        for (const char *service : {"apigateway", "cloudwatch", "s3"}) {
            QVERIFY2(services.contains(service), services.constData());
        }
        QVERIFY(lwb({u"s3"_s}, &rc).contains("put  S3 Put"));
        const auto event = nlohmann::json::parse(lwb({u"cloudwatch"_s, u"scheduled-event"_s}, &rc).toStdString(), nullptr, false);
        QCOMPARE(rc, 0);
        QCOMPARE(event["detail-type"], "Scheduled Event");
        const auto put = nlohmann::json::parse(lwb({u"s3"_s, u"put"_s}, &rc).toStdString(), nullptr, false);
        QCOMPARE(put["Records"][0]["eventName"], "ObjectCreated:Put");
        QVERIFY(lwb({u"s3"_s, u"nothing"_s}, &rc).contains("has no event nothing"));
        QCOMPARE(rc, 2);
        QVERIFY(lwb({u"nosuch"_s}, &rc).contains("no service nosuch"));
        QCOMPARE(rc, 2);
    }

    void cliListsTheNextFireTimes()
    {
        QTemporaryDir dir;
        Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Weekdays:
          Type: Schedule
          Properties:
            Schedule: cron(0 18 ? * MON-FRI *)
        Broken:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(2 minute)
)");
        Test::writeFile(dir.filePath(u"src/app.py"_s), "def handler(e, c):\n    return 1\n");
        QProcess lwb;
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"local"_s, u"schedule"_s, u"-t"_s, dir.filePath(u"template.yaml"_s), u"--next"_s, u"4"_s});
        QVERIFY(lwb.waitForFinished(30000));
        const QString out = QString::fromUtf8(lwb.readAllStandardOutput());
        const QString err = QString::fromUtf8(lwb.readAllStandardError());
        QCOMPARE(lwb.exitCode(), 1); // one schedule is broken
        QVERIFY2(out.contains(u"Nightly Weekdays (Schedule): cron(0 18 ? * MON-FRI *)"_s), qPrintable(out));
        QCOMPARE(out.count(u"T18:00:00Z"_s), 4);
        QVERIFY2(err.contains(u"Nightly Broken (ScheduleV2): Parameter ScheduleExpression is not valid"_s), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestSchedulePlugin)
#include "tst_scheduleplugin.moc"
