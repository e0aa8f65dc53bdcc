// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local generate-event` as a user runs it: the real binary, the shipped catalogue and
// plugins; listing, printing with options, --help, and the errors (exit status 2).
#include "lwbprocess.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace {

using Run = Lwb::Test::ClientRun;

Run generateEvent(const QStringList &args, const QString &resourcesDir = {})
{
    Lwb::Test::LwbRunOptions options;
    if (!resourcesDir.isEmpty()) {
        options.environment.insert(u"LWB_RESOURCES_DIR"_s, resourcesDir);
    }
    return Lwb::Test::runLwb(QStringList{u"local"_s, u"generate-event"_s} + args, options);
}

} // namespace

class TestGenerateEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsServicesWithTheirOwners()
    {
        const Run r = generateEvent({});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData()); // the shipped catalogue loads cleanly
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 25, r.out.constData());
        const auto line = [&](const QString &service) {
            for (const QString &l : lines) {
                if (l.section(u' ', 0, 0) == service) {
                    return l;
                }
            }
            return QString();
        };
        QVERIFY2(line(u"s3"_s).endsWith(u"[plugin s3]"_s), qPrintable(line(u"s3"_s)));
        QVERIFY2(line(u"cloudwatch"_s).endsWith(u"[plugin schedule]"_s),
                 qPrintable(line(u"cloudwatch"_s)));
        QVERIFY2(line(u"stepfunctions"_s).contains(u"AWS Step Functions"_s),
                 qPrintable(line(u"stepfunctions"_s)));
        QVERIFY2(line(u"stepfunctions"_s).endsWith(u"[core catalogue]"_s),
                 qPrintable(line(u"stepfunctions"_s)));
        for (const QString &service :
             {u"apigateway"_s, u"sqs"_s, u"sns"_s, u"dynamodb"_s, u"kinesis"_s, u"eventbridge"_s,
              u"alb"_s, u"cloudfront"_s, u"cognito"_s, u"ses"_s}) {
            QVERIFY2(!line(service).isEmpty(), qPrintable(service));
        }
    }

    void listsTheEventsOfAService()
    {
        const Run r = generateEvent({u"apigateway"_s});
        QCOMPARE(r.exitCode, 0);
        for (const char *row :
             {"aws-proxy  API Gateway AWS Proxy", "http-api  API Gateway HTTP API (payload 2.0)",
              "authorizer  API Gateway Token Authorizer", "request-authorizer  "}) {
            QVERIFY2(r.out.contains(row), r.out.constData());
        }
    }

    void printsAnEventWithOptions()
    {
        const Run r =
            generateEvent({u"s3"_s, u"put"_s, u"--bucket"_s, u"photos"_s, u"--key=my photo.jpg"_s,
                           u"--body"_s, u"0123456789"_s, u"--time"_s, u"2026-11-27T09:00:00Z"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("{\n  \"Records\": [\n    {\n"),
                 r.out.constData()); // 2-space indent, like SAM
        // The keys come in the template's order (the service's), not sorted.
        QVERIFY2(r.out.indexOf("\"eventVersion\"") < r.out.indexOf("\"awsRegion\""),
                 r.out.constData());
        const auto event = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY2(event.is_object(), r.out.constData());
        const auto &object = event["Records"][0]["s3"]["object"];
        QCOMPARE(object["key"], "my+photo.jpg");
        QCOMPARE(object["size"], 10);
        QCOMPARE(
            object["eTag"],
            QCryptographicHash::hash("0123456789", QCryptographicHash::Md5).toHex().toStdString());
        QCOMPARE(event["Records"][0]["s3"]["bucket"]["name"], "photos");
        QCOMPARE(event["Records"][0]["eventTime"], "2026-11-27T09:00:00.000Z");

        // SAM's name for the HTTP API event works too.
        const Run http = generateEvent({u"apigateway"_s, u"http-api-proxy"_s, u"--body"_s, u"hi"_s,
                                        u"--base64-encode"_s, u"true"_s, u"--method"_s, u"GET"_s});
        QCOMPARE(http.exitCode, 0);
        const auto h = nlohmann::json::parse(http.out.toStdString(), nullptr, false);
        QCOMPARE(h["body"], "aGk=");
        QCOMPARE(h["isBase64Encoded"], true);
        QCOMPARE(h["requestContext"]["http"]["method"], "GET");
    }

    void helpListsTheEventsOptionsWithDefaults()
    {
        const Run r = generateEvent({u"sqs"_s, u"receive-message"_s, u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromUtf8(r.out);
        for (const QString &option :
             {u"--queue-name"_s, u"--body"_s, u"--region"_s, u"--account-id"_s, u"--partition"_s,
              u"--receive-count"_s, u"--time"_s}) {
            QVERIFY2(help.contains(option), qPrintable(help));
        }
        QVERIFY2(help.contains(u"default: MyQueue"_s), qPrintable(help));
        QVERIFY2(help.contains(u"default: Hello from SQS!"_s), qPrintable(help));
        QVERIFY2(help.contains(u"md5-of-body: md5 of body"_s), qPrintable(help));
    }

    void aBrokenTemplateIsReportedAndTheRestStillWorks()
    {
        QTemporaryDir resources;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QDir().mkpath(QFileInfo(resources.filePath(name)).absolutePath());
            QFile f(resources.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(
            u"events/mine/service.json"_s,
            R"({"title": "Mine", "events": [{"name": "ok", "title": "OK"}, {"name": "bad", "title": "Bad"}]})");
        write(u"events/mine/ok.json"_s, R"({"fine": true})");
        write(u"events/mine/bad.json"_s, R"({"broken": )");
        Run r = generateEvent({u"mine"_s, u"ok"_s}, resources.path());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(r.out.toStdString(), nullptr, false),
                 nlohmann::json({{"fine", true}}));
        QVERIFY2(r.err.contains(
                     "warning: event templates: mine/service.json: bad: bad.json is not JSON"),
                 r.err.constData());
        r = generateEvent({u"mine"_s, u"bad"_s}, resources.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("mine has no event bad"), r.err.constData());
    }

    void errorsExitWithStatusTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown service") << QStringList{u"nosuch"_s} << u"no service nosuch"_s;
        QTest::newRow("unknown event")
            << QStringList{u"s3"_s, u"nothing"_s} << u"s3 has no event nothing"_s;
        QTest::newRow("unknown option") << QStringList{u"s3"_s, u"put"_s, u"--bukket"_s, u"x"_s}
                                        << u"Unknown option 'bukket'"_s;
        QTest::newRow("bad number")
            << QStringList{u"sqs"_s, u"receive-message"_s, u"--receive-count"_s, u"many"_s}
            << u"--receive-count must be an integer"_s;
        QTest::newRow("bad JSON") << QStringList{u"eventbridge"_s, u"event"_s, u"--detail"_s,
                                                 u"{oops"_s}
                                  << u"--detail must be JSON"_s;
        QTest::newRow("bad boolean")
            << QStringList{u"alb"_s, u"request"_s, u"--base64-encode"_s, u"maybe"_s}
            << u"--base64-encode must be true or false"_s;
        QTest::newRow("extra argument")
            << QStringList{u"s3"_s, u"put"_s, u"more"_s} << u"unexpected argument more"_s;
    }

    void errorsExitWithStatusTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = generateEvent(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestGenerateEvent)
#include "tst_generateevent.moc"
