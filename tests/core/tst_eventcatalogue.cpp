// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The event-template catalogue as shipped (resources/events): every template renders, the
// computed fields are what the real services compute (MD5s, sizes, base64, gzip), options
// apply and bad ones are refused; broken catalogues are reported; plugins own services
// through their EventServices metadata.
#include "triggers/eventcatalogue.h"
#include "triggers/pluginmanager.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimeZone>
#include <QtCore/QUuid>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::EventCatalogue;
using Lwb::EventDefinition;
using nlohmann::json;

namespace {

QString md5Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}

std::string str(const json &j)
{
    return j.is_string() ? j.get<std::string>() : std::string();
}

/** @p b64 base64-decoded and gunzipped by Python's own gzip module (not our code). */
QByteArray gunzipWithPython(const std::string &b64)
{
    QProcess python;
    python.start(
        u"/usr/bin/python3"_s,
        {u"-c"_s,
         u"import base64, gzip, sys; sys.stdout.buffer.write(gzip.decompress(base64.b64decode(sys.stdin.read())))"_s});
    python.write(QByteArray::fromStdString(b64));
    python.closeWriteChannel();
    if (!python.waitForFinished(30000) || python.exitCode() != 0) {
        return "python failed: " + python.readAllStandardError();
    }
    return python.readAllStandardOutput();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

const QDateTime kTime(QDate(2026, 11, 27), QTime(9, 30, 15, 250), QTimeZone::utc());

} // namespace

class TestEventCatalogue : public QObject
{
    Q_OBJECT

private:
    EventCatalogue m_catalogue;

    json render(const QString &service, const QString &event,
                const QMap<QString, QString> &values = {}, QString *error = nullptr)
    {
        const EventDefinition *e = m_catalogue.event(service, event);
        if (!e) {
            return json();
        }
        QString why;
        const std::optional<nlohmann::ordered_json> body =
            m_catalogue.render(*e, values, error ? error : &why, kTime);
        return body ? json(*body) : json();
    }

private Q_SLOTS:
    void shippedCatalogueLoadsWithoutProblems()
    {
        QVERIFY2(m_catalogue.errors().isEmpty(), qPrintable(m_catalogue.errors().join(u'\n')));
        // The services of SAM's generate-event, and the ones it lacks (eventbridge, alb…).
        for (const char *service : {"alexa-skills-kit",
                                    "alexa-smart-home",
                                    "alb",
                                    "apigateway",
                                    "appsync",
                                    "batch",
                                    "cloudformation",
                                    "cloudfront",
                                    "cloudwatch",
                                    "codecommit",
                                    "codepipeline",
                                    "cognito",
                                    "config",
                                    "connect",
                                    "dynamodb",
                                    "eventbridge",
                                    "kinesis",
                                    "lex",
                                    "lex-v2",
                                    "rekognition",
                                    "s3",
                                    "sagemaker",
                                    "ses",
                                    "sns",
                                    "sqs",
                                    "stepfunctions",
                                    "workmail"}) {
            QVERIFY2(m_catalogue.service(QString::fromLatin1(service)), service);
        }
        const std::pair<const char *, const char *> events[] = {
            {"apigateway", "aws-proxy"},
            {"apigateway", "http-api"},
            {"apigateway", "authorizer"},
            {"apigateway", "request-authorizer"},
            {"s3", "put"},
            {"s3", "delete"},
            {"sqs", "receive-message"},
            {"sns", "notification"},
            {"cloudwatch", "scheduled-event"},
            {"cloudwatch", "logs"},
            {"dynamodb", "update"},
            {"kinesis", "get-records"},
            {"eventbridge", "event"},
            {"alb", "request"},
            {"stepfunctions", "error"},
            {"ses", "email-receiving"},
            {"cognito", "sync-trigger"}};
        for (const auto &[service, event] : events) {
            QVERIFY2(
                m_catalogue.event(QString::fromLatin1(service), QString::fromLatin1(event)),
                qPrintable(u"%1 %2"_s.arg(QLatin1StringView(service), QLatin1StringView(event))));
        }
        // Every event of SAM's generate-event, under SAM's names.
        const std::pair<const char *, const char *> samEvents[] = {
            {"alexa-skills-kit", "end-session intent-answer intent-getnewfact intent-mycoloris "
                                 "intent-recipe start-session"},
            {"alexa-smart-home", "smart-home-control-turn-off-request "
                                 "smart-home-control-turn-on-request smart-home-discovery-request"},
            {"alb", "request"},
            {"apigateway", "authorizer request-authorizer aws-proxy http-api-proxy"},
            {"appsync", "resolver"},
            {"batch", "get-job submit-job"},
            {"cloudformation", "create-request"},
            {"cloudfront", "ab-test access-request-in-response http-redirect modify-querystring "
                           "modify-response-header multiple-remote-calls-aggregate-response "
                           "normalize-querystring-to-improve-cache-hit redirect-on-viewer-country "
                           "redirect-unauthenticated-users response-generation "
                           "serve-object-on-viewer-device simple-remote-call"},
            {"codecommit", "repository"},
            {"codepipeline", "job"},
            {"cognito", "sync-trigger"},
            {"config", "item-change-notification oversized-item-change-notification periodic-rule"},
            {"connect", "contact-flow-event"},
            {"dynamodb", "update"},
            {"cloudwatch", "logs scheduled-event"},
            {"kinesis",
             "get-records kinesis-firehose analytics analytics-compressed analytics-dynamodb "
             "analytics-kpl apachelog cloudwatch-logs-processor streams-as-source syslog"},
            {"lex", "book-car book-hotel make-appointment order-flowers"},
            {"lex-v2", "banking-bot book-car book-hotel"},
            {"rekognition", "s3-request"},
            {"s3", "batch-invocation delete put"},
            {"sagemaker", "ground-truth-pre-human ground-truth-annotation-consolidation"},
            {"ses", "email-receiving"},
            {"sns", "notification"},
            {"sqs", "receive-message"},
            {"stepfunctions", "error"},
            {"workmail", "email"},
        };
        for (const auto &[service, names] : samEvents) {
            for (const QString &name : QString::fromLatin1(names).split(u' ')) {
                QVERIFY2(m_catalogue.event(QString::fromLatin1(service), name),
                         qPrintable(QLatin1StringView(service) + u' ' + name));
            }
        }
        // SAM's name for the HTTP API event is an alias.
        QCOMPARE(m_catalogue.event(u"apigateway"_s, u"http-api-proxy"_s),
                 m_catalogue.event(u"apigateway"_s, u"http-api"_s));
    }

    void everyTemplateRendersWithItsDefaults_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("event");
        for (const Lwb::EventService &s : m_catalogue.services()) {
            for (const EventDefinition &e : s.events) {
                QTest::newRow(qPrintable(s.name + u' ' + e.name)) << s.name << e.name;
            }
        }
    }

    void everyTemplateRendersWithItsDefaults()
    {
        QFETCH(QString, service);
        QFETCH(QString, event);
        const EventDefinition *e = m_catalogue.event(service, event);
        QVERIFY(e);
        QVERIFY(!e->title.isEmpty());
        QString error;
        const std::optional<nlohmann::ordered_json> body = m_catalogue.render(*e, {}, &error);
        QVERIFY2(body, qPrintable(error));
        QVERIFY(body->is_object() && !body->empty());
        const QString text = QString::fromStdString(body->dump());
        QVERIFY2(!text.contains(u"${"_s), qPrintable(text)); // every reference was replaced
        QVERIFY(json::accept(body->dump(2)));
        for (const Lwb::EventValue &o : e->options) {
            QVERIFY2(!o.help.isEmpty(), qPrintable(o.name));
        }
    }

    void timestampsDefaultToNow()
    {
        const EventDefinition *e = m_catalogue.event(u"sqs"_s, u"receive-message"_s);
        QString error;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const json body(*m_catalogue.render(*e, {}, &error));
        const qint64 sent = std::stoll(str(body["Records"][0]["attributes"]["SentTimestamp"]));
        QVERIFY(sent >= before && sent <= QDateTime::currentMSecsSinceEpoch());
    }

    void s3PutCarriesTheBodysSizeAndMd5AndAnEncodedKey()
    {
        const json put = render(u"s3"_s, u"put"_s,
                                {{u"bucket"_s, u"photos"_s},
                                 {u"key"_s, u"holiday/beach day+1.jpg"_s},
                                 {u"body"_s, u"some bytes"_s},
                                 {u"region"_s, u"eu-west-1"_s}});
        const json &r = put["Records"][0];
        QCOMPARE(r["eventName"], "ObjectCreated:Put");
        QCOMPARE(r["eventSource"], "aws:s3");
        QCOMPARE(r["awsRegion"], "eu-west-1");
        QCOMPARE(r["eventTime"], "2026-11-27T09:30:15.250Z");
        QCOMPARE(r["s3"]["bucket"]["name"], "photos");
        QCOMPARE(r["s3"]["bucket"]["arn"], "arn:aws:s3:::photos");
        QCOMPARE(r["s3"]["object"]["key"], "holiday/beach+day%2B1.jpg"); // space → '+', '+' → %2B
        QCOMPARE(r["s3"]["object"]["size"], 10);
        // lambda-reference §7.4
        for (const char *key :
             {"eventVersion", "eventSource", "awsRegion", "eventTime", "eventName", "userIdentity",
              "requestParameters", "responseElements", "s3"}) {
            QVERIFY2(r.contains(key), key);
        }
        for (const char *key : {"s3SchemaVersion", "configurationId", "bucket", "object"}) {
            QVERIFY2(r["s3"].contains(key), key);
        }
        QCOMPARE(QString::fromStdString(str(r["s3"]["object"]["eTag"])), md5Hex("some bytes"));
        // The defaults are consistent too: a 32-hex eTag of the default body.
        const json byDefault = render(u"s3"_s, u"put"_s);
        const QString etag =
            QString::fromStdString(str(byDefault["Records"][0]["s3"]["object"]["eTag"]));
        QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(etag).hasMatch());
        QCOMPARE(byDefault["Records"][0]["s3"]["object"]["size"], 14);
        QCOMPARE(etag, md5Hex("Hello from S3!"));
        // A delete has neither size nor eTag (lambda-reference §7.4).
        const json del = render(u"s3"_s, u"delete"_s, {{u"key"_s, u"a b"_s}});
        QCOMPARE(del["Records"][0]["eventName"], "ObjectRemoved:Delete");
        QCOMPARE(del["Records"][0]["s3"]["object"]["key"], "a+b");
        QVERIFY(!del["Records"][0]["s3"]["object"].contains("eTag"));
    }

    void sqsMd5OfBodyIsTheBodysMd5()
    {
        const json sqs = render(u"sqs"_s, u"receive-message"_s,
                                {{u"body"_s, u"{\"order\":42}"_s},
                                 {u"queue-name"_s, u"orders"_s},
                                 {u"receive-count"_s, u"3"_s}});
        const json &r = sqs["Records"][0];
        QCOMPARE(r["body"], "{\"order\":42}");
        QCOMPARE(QString::fromStdString(str(r["md5OfBody"])), md5Hex("{\"order\":42}"));
        QCOMPARE(r["eventSource"], "aws:sqs");
        QCOMPARE(r["eventSourceARN"], "arn:aws:sqs:us-east-1:123456789012:orders");
        // Every attribute value is a string (lambda-reference §7.5).
        QCOMPARE(r["attributes"]["ApproximateReceiveCount"], "3");
        QCOMPARE(r["attributes"]["SentTimestamp"], std::to_string(kTime.toMSecsSinceEpoch()));
        for (const auto &[name, value] : r["attributes"].items()) {
            QVERIFY2(value.is_string(), name.c_str());
        }
        QVERIFY(!QUuid::fromString(QString::fromStdString(str(r["messageId"]))).isNull());
    }

    void kinesisDataIsBase64()
    {
        const json k = render(u"kinesis"_s, u"get-records"_s,
                              {{u"data"_s, u"Hello, Kinesis ü"_s},
                               {u"partition-key"_s, u"pk-1"_s},
                               {u"sequence"_s, u"4954511524349098"_s}});
        const json &r = k["Records"][0];
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(str(r["kinesis"]["data"]))),
                 QString(u"Hello, Kinesis ü"_s).toUtf8());
        QCOMPARE(r["kinesis"]["partitionKey"], "pk-1");
        QCOMPARE(r["eventID"], "shardId-000000000000:4954511524349098");
        QCOMPARE(r["eventName"], "aws:kinesis:record");
        QVERIFY(r["kinesis"]["approximateArrivalTimestamp"].is_number_float());
        QCOMPARE(r["kinesis"]["approximateArrivalTimestamp"].get<double>(),
                 kTime.toMSecsSinceEpoch() / 1000.0);
        // lambda-reference §7.9
        for (const char *key : {"kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data",
                                "approximateArrivalTimestamp"}) {
            QVERIFY2(r["kinesis"].contains(key), key);
        }
        for (const char *key : {"eventSource", "eventVersion", "eventID", "eventName",
                                "invokeIdentityArn", "awsRegion", "eventSourceARN"}) {
            QVERIFY2(r.contains(key), key);
        }
        const json firehose = render(u"kinesis"_s, u"kinesis-firehose"_s, {{u"data"_s, u"row"_s}});
        QCOMPARE(firehose["records"][0]["data"], "cm93");
    }

    void kinesisKplRecordsAreAggregatedAsTheProducerLibraryDoes()
    {
        const json kpl =
            render(u"kinesis"_s, u"analytics-kpl"_s,
                   {{u"records"_s,
                     uR"([{"partitionKey":"k","data":"hi"},{"partitionKey":"k","data":"yo"}])"_s}});
        const QByteArray bytes =
            QByteArray::fromBase64(QByteArray::fromStdString(str(kpl["records"][0]["data"])));
        // The protobuf written out by hand from the aggregation format: partition_key_table
        // ["k"], then two records {partition_key_index 0, data}; the magic before, its MD5 after.
        const QByteArray message("\x0a\x01k"
                                 "\x1a\x06\x08\x00\x1a\x02hi"
                                 "\x1a\x06\x08\x00\x1a\x02yo",
                                 19);
        QCOMPARE(bytes, QByteArray("\xf3\x89\x9a\xc2", 4) + message +
                            QCryptographicHash::hash(message, QCryptographicHash::Md5));
    }

    void cloudwatchLogsDataIsGzippedJsonInBase64()
    {
        const json logs = render(
            u"cloudwatch"_s, u"logs"_s,
            {{u"log-group"_s, u"/aws/lambda/orders"_s}, {u"message"_s, u"boom \"quoted\""_s}});
        const std::string data = str(logs["awslogs"]["data"]);
        QVERIFY(QByteArray::fromBase64(QByteArray::fromStdString(data))
                    .startsWith("\x1f\x8b\x08")); // gzip
        const QByteArray plain = gunzipWithPython(data);
        const json doc = json::parse(plain.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), plain.constData());
        QCOMPARE(doc["messageType"], "DATA_MESSAGE");
        QCOMPARE(doc["owner"], "123456789012");
        QCOMPARE(doc["logGroup"], "/aws/lambda/orders");
        QCOMPARE(doc["logEvents"][0]["message"], "boom \"quoted\"");
        QCOMPARE(doc["logEvents"][0]["timestamp"], kTime.toMSecsSinceEpoch());
        // The Firehose CloudWatch Logs processor carries the same kind of data.
        const json fh = render(u"kinesis"_s, u"cloudwatch-logs-processor"_s);
        const json fhDoc = json::parse(
            gunzipWithPython(str(fh["records"][0]["data"])).toStdString(), nullptr, false);
        QCOMPARE(fhDoc["messageType"], "DATA_MESSAGE");
    }

    void apiGatewayBodyAndBase64()
    {
        const json plain = render(
            u"apigateway"_s, u"aws-proxy"_s,
            {{u"body"_s, u"{\"a\":1}"_s}, {u"path"_s, u"users/7"_s}, {u"method"_s, u"PUT"_s}});
        QCOMPARE(plain["body"], "{\"a\":1}");
        QCOMPARE(plain["isBase64Encoded"], false);
        QCOMPARE(plain["path"], "/users/7");
        QCOMPARE(plain["httpMethod"], "PUT");
        QCOMPARE(plain["pathParameters"]["proxy"], "users/7");
        QCOMPARE(plain["requestContext"]["path"], "/prod/users/7");
        QCOMPARE(plain["requestContext"]["requestTime"], "27/Nov/2026:09:30:15 +0000");
        QCOMPARE(plain["requestContext"]["requestTimeEpoch"], kTime.toMSecsSinceEpoch());
        // lambda-reference §7.1: the top-level keys of payload 1.0.
        for (const char *key :
             {"resource", "path", "httpMethod", "headers", "multiValueHeaders",
              "queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
              "stageVariables", "requestContext", "body", "isBase64Encoded"}) {
            QVERIFY2(plain.contains(key), key);
        }
        for (const char *key :
             {"accountId", "resourceId", "stage", "requestId", "requestTime", "requestTimeEpoch",
              "identity", "path", "resourcePath", "httpMethod", "apiId", "protocol"}) {
            QVERIFY2(plain["requestContext"].contains(key), key);
        }
        for (const auto &[name, values] : plain["multiValueHeaders"].items()) {
            QCOMPARE(values.back(), plain["headers"][name]);
        }
        const json binary = render(u"apigateway"_s, u"aws-proxy"_s,
                                   {{u"body"_s, u"\x01\x02"_s}, {u"base64-encode"_s, u"true"_s}});
        QCOMPARE(binary["isBase64Encoded"], true);
        QCOMPARE(binary["body"], "AQI=");

        // lambda-reference §7.2: payload 2.0.
        const json http = render(u"apigateway"_s, u"http-api"_s,
                                 {{u"body"_s, u"hello"_s}, {u"base64-encode"_s, u"true"_s}});
        QCOMPARE(http["version"], "2.0");
        QCOMPARE(http["body"], "aGVsbG8=");
        QCOMPARE(http["isBase64Encoded"], true);
        QCOMPARE(http["headers"]["content-length"], "5"); // header values are strings
        for (const char *key :
             {"routeKey", "rawPath", "rawQueryString", "cookies", "headers",
              "queryStringParameters", "requestContext", "body", "isBase64Encoded"}) {
            QVERIFY2(http.contains(key), key);
        }
        for (const auto &[name, value] : http["headers"].items()) {
            QCOMPARE(QString::fromStdString(name), QString::fromStdString(name).toLower());
        }
        for (const char *key : {"method", "path", "protocol", "sourceIp", "userAgent"}) {
            QVERIFY2(http["requestContext"]["http"].contains(key), key);
        }
        QCOMPARE(http["requestContext"]["timeEpoch"], kTime.toMSecsSinceEpoch());

        const json token = render(u"apigateway"_s, u"authorizer"_s,
                                  {{u"restApiId"_s, u"abc123"_s}, {u"token"_s, u"t"_s}});
        QCOMPARE(token["type"], "TOKEN");
        QCOMPARE(token["authorizationToken"], "t");
        QCOMPARE(token["methodArn"],
                 "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/{proxy+}");
    }

    void otherShapesFollowTheReference()
    {
        // §7.6 SNS
        const json sns = render(u"sns"_s, u"notification"_s,
                                {{u"topic"_s, u"alerts"_s}, {u"message"_s, u"hi"_s}});
        QCOMPARE(sns["Records"][0]["EventSource"], "aws:sns");
        QCOMPARE(sns["Records"][0]["Sns"]["Type"], "Notification");
        QCOMPARE(sns["Records"][0]["Sns"]["TopicArn"], "arn:aws:sns:us-east-1:123456789012:alerts");
        QCOMPARE(sns["Records"][0]["Sns"]["Message"], "hi");
        for (const char *key :
             {"MessageId", "Subject", "Timestamp", "SignatureVersion", "Signature",
              "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"}) {
            QVERIFY2(sns["Records"][0]["Sns"].contains(key), key);
        }
        // §7.7 scheduled event, with "version"
        const json scheduled =
            render(u"cloudwatch"_s, u"scheduled-event"_s, {{u"rule"_s, u"nightly"_s}});
        QCOMPARE(scheduled["version"], "0");
        QCOMPARE(scheduled["detail-type"], "Scheduled Event");
        QCOMPARE(scheduled["source"], "aws.events");
        QCOMPARE(scheduled["time"], "2026-11-27T09:30:15Z");
        QCOMPARE(scheduled["resources"][0], "arn:aws:events:us-east-1:123456789012:rule/nightly");
        QVERIFY(scheduled["detail"].is_object());
        // §7.8 DynamoDB
        const json ddb = render(u"dynamodb"_s, u"update"_s, {{u"table"_s, u"Orders"_s}});
        QStringList names;
        for (const json &r : ddb["Records"]) {
            names << QString::fromStdString(str(r["eventName"]));
            QCOMPARE(r["eventSource"], "aws:dynamodb");
            QCOMPARE(r["dynamodb"]["ApproximateCreationDateTime"], kTime.toSecsSinceEpoch());
            QVERIFY(
                QString::fromStdString(str(r["eventSourceARN"]))
                    .startsWith(u"arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/"_s));
        }
        QCOMPARE(names, (QStringList{u"INSERT"_s, u"MODIFY"_s, u"REMOVE"_s}));
        // EventBridge: --detail is JSON, put in as an object.
        const json eb =
            render(u"eventbridge"_s, u"event"_s, {{u"detail"_s, u"{\"id\": [1, 2]}"_s}});
        QCOMPARE(eb["detail"], json::parse(R"({"id":[1,2]})"));
        // Config: the rule parameters go in as a JSON string, like invokingEvent.
        const json config =
            render(u"config"_s, u"periodic-rule"_s, {{u"rule-parameters"_s, u"{\"x\": 1}"_s}});
        QCOMPARE(config["ruleParameters"], "{\"x\":1}");
        QCOMPARE(json::parse(str(config["invokingEvent"]))["messageType"], "ScheduledNotification");
        // Step Functions
        const json sfn =
            render(u"stepfunctions"_s, u"error"_s, {{u"error"_s, u"States.Timeout"_s}});
        QCOMPARE(sfn["Error"], "States.Timeout");
    }

    void valuesAreNotReadAsTemplates()
    {
        // A value that looks like a reference stays as typed, in whole and in part, and in
        // computed documents.
        const json sqs =
            render(u"sqs"_s, u"receive-message"_s,
                   {{u"body"_s, u"${region}"_s}, {u"queue-name"_s, u"q-${account-id}"_s}});
        QCOMPARE(sqs["Records"][0]["body"], "${region}");
        QCOMPARE(sqs["Records"][0]["eventSourceARN"],
                 "arn:aws:sqs:us-east-1:123456789012:q-${account-id}");
        const json logs = render(u"cloudwatch"_s, u"logs"_s, {{u"message"_s, u"${log-group}"_s}});
        const json doc = json::parse(gunzipWithPython(str(logs["awslogs"]["data"])).toStdString(),
                                     nullptr, false);
        QCOMPARE(doc["logEvents"][0]["message"], "${log-group}");
    }

    void badOptionsAreRefused_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown") << u"s3"_s << u"put"_s << u"bukket"_s << u"x"_s
                                 << u"s3 put has no option --bukket"_s;
        QTest::newRow("not an integer")
            << u"sqs"_s << u"receive-message"_s << u"receive-count"_s << u"two"_s
            << u"--receive-count must be an integer, not \"two\""_s;
        QTest::newRow("not a boolean") << u"apigateway"_s << u"aws-proxy"_s << u"base64-encode"_s
                                       << u"yes"_s << u"--base64-encode must be true or false"_s;
        QTest::newRow("not JSON") << u"eventbridge"_s << u"event"_s << u"detail"_s << u"{\"a\":"_s
                                  << u"--detail must be JSON"_s;
        QTest::newRow("not KPL user records")
            << u"kinesis"_s << u"analytics-kpl"_s << u"records"_s << u"[{\"data\": 1}]"_s
            << u"--records must be a JSON array of {\"partitionKey\""_s;
        QTest::newRow("not a time") << u"s3"_s << u"put"_s << u"time"_s << u"yesterday"_s
                                    << u"--time must be \"now\" or an ISO 8601 time"_s;
    }

    void badOptionsAreRefused()
    {
        QFETCH(QString, service);
        QFETCH(QString, event);
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QString error;
        const EventDefinition *e = m_catalogue.event(service, event);
        QVERIFY(e);
        QVERIFY(!m_catalogue.render(*e, {{option, value}}, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void brokenCataloguesAreReported()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &content) {
            writeFile(dir.filePath(name), content);
        };
        write(u"good/service.json"_s,
              R"({"title": "Good", "events": [{"name": "ping", "title": "Ping",
            "options": [{"name": "n", "type": "integer", "default": "1", "help": "how many"}]}]})");
        write(u"good/ping.json"_s, R"({"count": "${n}", "text": "n=${n}"})");
        write(u"notjson/service.json"_s, "{ nope");
        write(u"badtemplate/service.json"_s,
              R"({"title": "T", "events": [{"name": "e", "title": "E"}]})");
        write(u"badtemplate/e.json"_s, "[1,");
        write(u"badref/service.json"_s,
              R"({"title": "T", "events": [{"name": "e", "title": "E"}]})");
        write(u"badref/e.json"_s, R"({"a": "${missing}"})");
        write(u"badencoding/service.json"_s,
              R"({"title": "T", "events": [{"name": "e", "title": "E",
            "options": [{"name": "x", "default": "1", "encoding": "rot13"}]}]})");
        write(u"badencoding/e.json"_s, R"({"a": "${x}"})");
        write(u"unused/service.json"_s, R"({"title": "T", "events": [{"name": "e", "title": "E",
            "options": [{"name": "x", "default": "1"}]}]})");
        write(u"unused/e.json"_s, R"({"a": 1})");
        write(u"notemplate/service.json"_s,
              R"({"title": "T", "events": [{"name": "e", "title": "E"}]})");

        const EventCatalogue catalogue(dir.path());
        const QString errors = catalogue.errors().join(u'\n');
        QVERIFY2(errors.contains(u"notjson/service.json: not a JSON object"_s), qPrintable(errors));
        QVERIFY2(errors.contains(u"badtemplate/service.json: e: e.json is not JSON"_s),
                 qPrintable(errors));
        QVERIFY2(errors.contains(u"badref/service.json: e: e.json refers to ${missing}"_s),
                 qPrintable(errors));
        QVERIFY2(errors.contains(u"encoding \"rot13\" does not apply"_s), qPrintable(errors));
        QVERIFY2(errors.contains(u"option x is not used by the template"_s), qPrintable(errors));
        QVERIFY2(errors.contains(u"notemplate/service.json: e: no template e.json"_s),
                 qPrintable(errors));
        QCOMPARE(catalogue.services().size(), size_t(1)); // the good one still loads
        const EventDefinition *ping = catalogue.event(u"good"_s, u"ping"_s);
        QVERIFY(ping);
        QString error;
        QCOMPARE(catalogue.render(*ping, {{u"n"_s, u"+7"_s}}, &error)->dump(),
                 std::string(R"({"count":7,"text":"n=7"})"));
        QVERIFY(!EventCatalogue(dir.filePath(u"nothing-here"_s)).errors().isEmpty());
    }

    void pluginsOwnTheirServices()
    {
        // The shipped plugins: s3 owns s3, schedule owns cloudwatch and eventbridge.
        Lwb::PluginManager plugins;
        plugins.loadAll();
        EventCatalogue catalogue;
        catalogue.setOwners(plugins);
        QCOMPARE(catalogue.owner(u"s3"_s), u"s3"_s);
        QCOMPARE(catalogue.owner(u"cloudwatch"_s), u"schedule"_s);
        QCOMPARE(catalogue.owner(u"eventbridge"_s), u"schedule"_s);
        QCOMPARE(catalogue.owner(u"stepfunctions"_s), EventCatalogue::coreOwner());
        QVERIFY(plugins.pluginForEventService(u"s3"_s));
        QVERIFY(!plugins.pluginForEventService(u"stepfunctions"_s));
        // Their eventTemplates() are the catalogue's.
        Lwb::TriggerFactory *s3 = plugins.factoryForEventType(u"S3"_s);
        QVERIFY(s3);
        QStringList ids;
        for (const Lwb::TriggerEventTemplate &t : s3->eventTemplates()) {
            ids << t.id;
        }
        QVERIFY2(ids.contains(u"s3-put"_s) && ids.contains(u"s3-delete"_s),
                 qPrintable(ids.join(u' ')));
        Lwb::TriggerFactory *schedule = plugins.factoryForEventType(u"Schedule"_s);
        QVERIFY(schedule);
        ids.clear();
        for (const Lwb::TriggerEventTemplate &t : schedule->eventTemplates()) {
            ids << t.id;
        }
        QVERIFY2(ids.contains(u"cloudwatch-scheduled-event"_s) &&
                     ids.contains(u"eventbridge-event"_s),
                 qPrintable(ids.join(u' ')));
    }

    void eventServicesMetadataIsValidated()
    {
        Lwb::PluginManager plugins;
        plugins.setSearchPaths({QStringLiteral(LWB_EVENT_FIXTURE_DIR)});
        plugins.loadAll();
        QMap<QString, QString> errorOf;
        for (const Lwb::PluginSpec &spec : plugins.plugins()) {
            errorOf[QFileInfo(spec.fileName).baseName()] = spec.error;
        }
        QCOMPARE(errorOf.value(u"a_owner"_s), QString());
        QVERIFY2(
            errorOf.value(u"b_clash"_s)
                .contains(
                    u"event service \"stepfunctions\" is already owned by plugin \"fixture-owner\""_s),
            qPrintable(errorOf.value(u"b_clash"_s)));
        QVERIFY2(errorOf.value(u"notarray"_s)
                     .contains(u"MetaData.EventServices must be an array of service names"_s),
                 qPrintable(errorOf.value(u"notarray"_s)));
        QVERIFY2(errorOf.value(u"badname"_s)
                     .contains(u"MetaData.EventServices must be an array of service names"_s),
                 qPrintable(errorOf.value(u"badname"_s)));
        const Lwb::PluginSpec *owner = plugins.pluginForEventService(u"stepfunctions"_s);
        QVERIFY(owner);
        QCOMPARE(owner->eventServices, (QStringList{u"stepfunctions"_s, u"fixture-service"_s}));
        EventCatalogue catalogue;
        catalogue.setOwners(plugins);
        QCOMPARE(catalogue.owner(u"stepfunctions"_s), u"fixture-owner"_s);
        QCOMPARE(catalogue.owner(u"sns"_s), EventCatalogue::coreOwner());
    }
};

QTEST_GUILESS_MAIN(TestEventCatalogue)
#include "tst_eventcatalogue.moc"
