// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqsevent.h"
#include "sqsmapping.h"

#include "store/asyncstore.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

Q_DECLARE_METATYPE(nlohmann::json)

namespace {

nlohmann::json j(const char *text)
{
    return nlohmann::json::parse(text);
}

nlohmann::json withPattern(const char *pattern)
{
    return {{"Queue", "arn:aws:sqs:r:1:q"},
            {"FilterCriteria", {{"Filters", {{{"Pattern", pattern}}}}}}};
}

QueueDefinition queue(const QString &id, bool fifo = false)
{
    QueueDefinition q;
    q.logicalId = id;
    q.queueName = id + (fifo ? u".fifo"_s : QString());
    q.arn = u"arn:aws:sqs:us-east-1:123456789012:"_s + q.queueName;
    q.fifo = fifo;
    return q;
}

} // namespace

// The SQS plugin's logic without the module: the mapping's validation, the event shape, the
// partial batch response, filters; and the queue rules of the store it polls.
class TestSqsLogic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mappingValidation_data()
    {
        QTest::addColumn<nlohmann::json>("properties");
        QTest::addColumn<QString>("error"); // empty: valid
        QTest::newRow("getatt") << j(R"({"Queue": {"Fn::GetAtt": ["Q", "Arn"]}})") << QString();
        QTest::newRow("arn") << j(R"({"Queue": "arn:aws:sqs:us-east-1:123456789012:q"})")
                             << QString();
        QTest::newRow("big batch with window")
            << j(R"({"Queue": "arn:aws:sqs:us-east-1:1:q", "BatchSize": 10000, "MaximumBatchingWindowInSeconds": 1})")
            << QString();
        QTest::newRow("everything")
            << nlohmann::json{{"Queue", "arn:aws:sqs:us-east-1:1:q"},
                              {"BatchSize", 5},
                              {"MaximumBatchingWindowInSeconds", 300},
                              {"FunctionResponseTypes", {"ReportBatchItemFailures"}},
                              {"ScalingConfig", {{"MaximumConcurrency", 1000}}},
                              {"Enabled", false},
                              {"FilterCriteria",
                               {{"Filters", {{{"Pattern", R"({"body": {"a": [1]}})"}}}}}}}
            << QString();
        QTest::newRow("no queue") << j(R"({"BatchSize": 5})") << u"Queue is required"_s;
        QTest::newRow("queue name")
            << j(R"({"Queue": "MyQueue"})") << u"Queue must be an SQS queue ARN"_s;
        QTest::newRow("lambda arn") << j(R"({"Queue": "arn:aws:lambda:us-east-1:1:function:f"})")
                                    << u"Queue must be an SQS queue ARN"_s;
        QTest::newRow("getatt url") << j(R"({"Queue": {"Fn::GetAtt": ["Q", "QueueUrl"]}})")
                                    << u"Queue must be an SQS queue ARN"_s;
        QTest::newRow("batch 0") << j(R"({"Queue": "arn:aws:sqs:r:1:q", "BatchSize": 0})")
                                 << u"BatchSize must be a whole number from 1 to 10000, not 0"_s;
        QTest::newRow("batch 10001")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "BatchSize": 10001, "MaximumBatchingWindowInSeconds": 5})")
            << u"BatchSize must be a whole number from 1 to 10000"_s;
        QTest::newRow("batch text") << j(R"({"Queue": "arn:aws:sqs:r:1:q", "BatchSize": "ten"})")
                                    << u"BatchSize must be a whole number"_s;
        QTest::newRow("11 without window")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "BatchSize": 11})")
            << u"BatchSize 11 needs MaximumBatchingWindowInSeconds of at least 1"_s;
        QTest::newRow("window 301")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "MaximumBatchingWindowInSeconds": 301})")
            << u"MaximumBatchingWindowInSeconds must be a whole number from 0 to 300"_s;
        QTest::newRow("response type")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "FunctionResponseTypes": ["ReportBatchFailures"]})")
            << u"FunctionResponseTypes: \"ReportBatchFailures\" is not a response type"_s;
        QTest::newRow("response types not a list")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "FunctionResponseTypes": "ReportBatchItemFailures"})")
            << u"FunctionResponseTypes must be a list"_s;
        QTest::newRow("concurrency 1")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "ScalingConfig": {"MaximumConcurrency": 1}})")
            << u"ScalingConfig.MaximumConcurrency must be a whole number from 2 to 1000, not 1"_s;
        QTest::newRow("concurrency 1001")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "ScalingConfig": {"MaximumConcurrency": 1001}})")
            << u"ScalingConfig.MaximumConcurrency must be a whole number from 2 to 1000"_s;
        QTest::newRow("scaling key")
            << j(R"({"Queue": "arn:aws:sqs:r:1:q", "ScalingConfig": {"Max": 3}})")
            << u"ScalingConfig: unknown property Max"_s;
        QTest::newRow("enabled text") << j(R"({"Queue": "arn:aws:sqs:r:1:q", "Enabled": "yes"})")
                                      << u"Enabled must be true or false"_s;
        QTest::newRow("unknown property") << j(R"({"Queue": "arn:aws:sqs:r:1:q", "Stream": "x"})")
                                          << u"unknown property Stream"_s;
        QTest::newRow("bad filter") << withPattern("{oops") << u"is not a filter pattern"_s;
        QTest::newRow("filter leaf")
            << withPattern(R"({"body": 1})") << u"is not a filter pattern"_s;
        QTest::newRow("not a map") << j(R"([1])") << u"Properties must be a map"_s;
    }

    void mappingValidation()
    {
        QFETCH(nlohmann::json, properties);
        QFETCH(QString, error);
        QStringList errors;
        const std::optional<Sqs::Mapping> m = Sqs::Mapping::parse(properties, &errors);
        if (error.isEmpty()) {
            QVERIFY2(m.has_value(), qPrintable(errors.join(u"; "_s)));
            // The normalised form parses to the same mapping.
            QStringList again;
            const std::optional<Sqs::Mapping> round = Sqs::Mapping::parse(m->toJson(), &again);
            QVERIFY2(round.has_value(), qPrintable(again.join(u"; "_s)));
            QCOMPARE(round->toJson(), m->toJson());
        } else {
            QVERIFY(!m.has_value());
            QVERIFY2(errors.join(u"; "_s).contains(error), qPrintable(errors.join(u"; "_s)));
        }
    }

    void mappingDefaults()
    {
        QStringList errors;
        const std::optional<Sqs::Mapping> m =
            Sqs::Mapping::parse(j(R"({"Queue": {"Fn::GetAtt": ["Q", "Arn"]}})"), &errors);
        QVERIFY(m);
        QCOMPARE(m->batchSize, 10);
        QCOMPARE(m->maximumBatchingWindowSeconds, 0);
        QCOMPARE(m->reportBatchItemFailures, false);
        QCOMPARE(m->concurrency(), 1000);
        QCOMPARE(m->enabled, true);
        QCOMPARE(m->toJson()["BatchSize"], 10);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("passes");
        QTest::newRow("value") << u"{\"body\": {\"kind\": [\"order\"]}}"_s
                               << u"{\"kind\": \"order\"}"_s << true;
        QTest::newRow("other value")
            << u"{\"body\": {\"kind\": [\"order\"]}}"_s << u"{\"kind\": \"refund\"}"_s << false;
        QTest::newRow("not json") << u"{\"body\": {\"kind\": [\"order\"]}}"_s << u"kind=order"_s
                                  << false;
        QTest::newRow("plain body") << u"{\"body\": [\"ping\"]}"_s << u"ping"_s << true;
        QTest::newRow("prefix") << u"{\"body\": {\"id\": [{\"prefix\": \"A-\"}]}}"_s
                                << u"{\"id\": \"A-7\"}"_s << true;
        QTest::newRow("numeric")
            << u"{\"body\": {\"n\": [{\"numeric\": [\">\", 5, \"<=\", 10]}]}}"_s << u"{\"n\": 10}"_s
            << true;
        QTest::newRow("numeric out")
            << u"{\"body\": {\"n\": [{\"numeric\": [\">\", 5]}]}}"_s << u"{\"n\": 5}"_s << false;
        QTest::newRow("exists") << u"{\"body\": {\"x\": [{\"exists\": false}]}}"_s
                                << u"{\"y\": 1}"_s << true;
        QTest::newRow("anything-but")
            << u"{\"body\": {\"k\": [{\"anything-but\": [\"a\", \"b\"]}]}}"_s << u"{\"k\": \"b\"}"_s
            << false;
        QTest::newRow("attributes")
            << u"{\"attributes\": {\"ApproximateReceiveCount\": [\"1\"]}}"_s << u"x"_s << true;
    }

    void filters()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, body);
        QFETCH(bool, passes);
        nlohmann::json properties{
            {"Queue", "arn:aws:sqs:r:1:q"},
            {"FilterCriteria", {{"Filters", {{{"Pattern", pattern.toStdString()}}}}}}};
        QStringList errors;
        const std::optional<Sqs::Mapping> m = Sqs::Mapping::parse(properties, &errors);
        QVERIFY2(m, qPrintable(errors.join(u"; "_s)));
        QueueMessage message;
        message.body = body.toUtf8();
        message.receiveCount = 1;
        QCOMPARE(m->passes(Sqs::record(message, queue(u"Q"_s), u"us-east-1"_s, u"1"_s)), passes);
    }

    void eventShape()
    {
        QueueMessage m;
        m.messageId = u"19dd0b57-b21e-4ac1-bd88-01bbb068cb78"_s;
        m.receiptHandle = u"handle"_s;
        m.body = "Hello from SQS!";
        m.sentMs = 1523232000000;
        m.firstReceiveMs = 1523232000001;
        m.receiveCount = 1;
        m.attributes = j(R"({"kind": {"DataType": "String", "StringValue": "greeting"}})");
        const nlohmann::ordered_json e =
            Sqs::event({m}, queue(u"MyQueue"_s), u"us-east-1"_s, u"123456789012"_s);
        QCOMPARE(
            e.dump(),
            std::string(
                R"({"Records":[{"messageId":"19dd0b57-b21e-4ac1-bd88-01bbb068cb78","receiptHandle":"handle",)"
                R"("body":"Hello from SQS!","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1523232000000",)"
                R"("SenderId":"123456789012","ApproximateFirstReceiveTimestamp":"1523232000001"},)"
                R"("messageAttributes":{"kind":{"stringValue":"greeting","stringListValues":[],"binaryListValues":[],)"
                R"("dataType":"String"}},"md5OfBody":"7b270e59b47ff90a553787216d55d91d","eventSource":"aws:sqs",)"
                R"("eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:MyQueue","awsRegion":"us-east-1"}]})"));

        // FIFO records carry the sequence number, group and deduplication id.
        m.id = 42;
        m.groupId = u"g1"_s;
        m.deduplicationId = u"d1"_s;
        const nlohmann::ordered_json fifo =
            Sqs::record(m, queue(u"Q"_s, true), u"us-east-1"_s, u"1"_s);
        QCOMPARE(fifo["attributes"]["SequenceNumber"], "00000000000000000042");
        QCOMPARE(fifo["attributes"]["MessageGroupId"], "g1");
        QCOMPARE(fifo["attributes"]["MessageDeduplicationId"], "d1");
        QCOMPARE(fifo["eventSourceARN"], "arn:aws:sqs:us-east-1:123456789012:Q.fifo");
    }

    void batchResponse_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QStringList>("failed"); // {"*"}: the whole batch failed
        QTest::newRow("empty") << QByteArray() << QStringList();
        QTest::newRow("null") << QByteArray("null") << QStringList();
        QTest::newRow("no key") << QByteArray("{\"ok\": true}") << QStringList();
        QTest::newRow("null list") << QByteArray("{\"batchItemFailures\": null}") << QStringList();
        QTest::newRow("empty list") << QByteArray("{\"batchItemFailures\": []}") << QStringList();
        QTest::newRow("one") << QByteArray("{\"batchItemFailures\": [{\"itemIdentifier\": \"b\"}]}")
                             << QStringList{u"b"_s};
        QTest::newRow("two")
            << QByteArray(
                   R"({"batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "c"}]})")
            << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("invalid json") << QByteArray("{batch") << QStringList{u"*"_s};
        QTest::newRow("a string") << QByteArray("\"done\"") << QStringList{u"*"_s};
        QTest::newRow("empty id") << QByteArray(
                                         R"({"batchItemFailures": [{"itemIdentifier": ""}]})")
                                  << QStringList{u"*"_s};
        QTest::newRow("null id") << QByteArray(
                                        R"({"batchItemFailures": [{"itemIdentifier": null}]})")
                                 << QStringList{u"*"_s};
        QTest::newRow("wrong key")
            << QByteArray(R"({"batchItemFailures": [{"itemId": "a"}]})") << QStringList{u"*"_s};
        QTest::newRow("unknown id")
            << QByteArray(R"({"batchItemFailures": [{"itemIdentifier": "z"}]})")
            << QStringList{u"*"_s};
        QTest::newRow("list not array")
            << QByteArray(R"({"batchItemFailures": "a"})") << QStringList{u"*"_s};
    }

    void batchResponse()
    {
        QFETCH(QByteArray, response);
        QFETCH(QStringList, failed);
        const std::optional<QSet<QString>> got =
            Sqs::failedItems(response, {u"a"_s, u"b"_s, u"c"_s});
        if (failed == QStringList{u"*"_s}) {
            QVERIFY(!got.has_value());
        } else {
            QVERIFY(got.has_value());
            QCOMPARE(*got, QSet<QString>(failed.begin(), failed.end()));
        }
    }

    void queueDefinitions()
    {
        nlohmann::json cfn = j(R"({"Resources": {
            "Main": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45, "DelaySeconds": "5",
                     "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 3}}},
            "Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "dead-letters"}},
            "Ordered": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": true}},
            "Fn": {"Type": "AWS::Serverless::Function"},
            "BadFifo": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": true, "QueueName": "plain"}},
            "BadDlq": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Fn", "Arn"]}, "maxReceiveCount": 2}}},
            "BadMixed": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Ordered", "Arn"]}, "maxReceiveCount": 2}}},
            "BadDelay": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 901}}
        }})");
        // CloudFormation also takes the policy as a JSON string.
        cfn["Resources"]["Byname"] = {
            {"Type", "AWS::SQS::Queue"},
            {"Properties",
             {{"RedrivePolicy",
               R"({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dead-letters", "maxReceiveCount": 5})"}}}};
        QStringList errors;
        const std::vector<QueueDefinition> queues =
            QueueDefinition::fromTemplate(cfn, u"eu-west-1"_s, u"111122223333"_s, &errors);
        QCOMPARE(queues.size(), 4u);
        // By logical id (CloudFormation's JSON keeps no order).
        QCOMPARE(queues[0].logicalId, u"Byname"_s);
        QCOMPARE(queues[0].deadLetterQueue, u"Dlq"_s); // an ARN naming the template's queue
        QCOMPARE(queues[0].maxReceiveCount, 5);
        QCOMPARE(queues[1].queueName, u"dead-letters"_s);
        QCOMPARE(queues[1].visibilityTimeoutSeconds, 30);
        QCOMPARE(queues[2].logicalId, u"Main"_s);
        QCOMPARE(queues[2].visibilityTimeoutSeconds, 45);
        QCOMPARE(queues[2].delaySeconds, 5);
        QCOMPARE(queues[2].deadLetterQueue, u"Dlq"_s);
        QCOMPARE(queues[2].maxReceiveCount, 3);
        QCOMPARE(queues[2].arn, u"arn:aws:sqs:eu-west-1:111122223333:Main"_s);
        QCOMPARE(queues[3].queueName, u"Ordered.fifo"_s);
        QVERIFY(queues[3].fifo);
        const QString all = errors.join(u"\n"_s);
        QVERIFY2(
            all.contains(
                u"Resources.BadFifo.Properties.QueueName: a FIFO queue's name must end in .fifo"_s),
            qPrintable(all));
        QVERIFY(all.contains(
            u"Resources.BadDlq.Properties.RedrivePolicy.deadLetterTargetArn: 'Fn' is not an AWS::SQS::Queue"_s));
        QVERIFY(all.contains(
            u"Resources.BadMixed.Properties.RedrivePolicy.deadLetterTargetArn: the dead-letter queue of a standard queue must be a standard queue too"_s));
        QVERIFY(all.contains(
            u"Resources.BadDelay.Properties.DelaySeconds: must be a whole number from 0 to 900, not 901"_s));

        QString error;
        QCOMPARE(QueueDefinition::resolve(queues, j(R"({"Fn::GetAtt": ["Dlq", "Arn"]})"), &error),
                 u"Dlq"_s);
        QCOMPARE(QueueDefinition::resolve(queues, "arn:aws:sqs:eu-west-1:111122223333:dead-letters",
                                          &error),
                 u"Dlq"_s);
        QCOMPARE(QueueDefinition::resolve(
                     queues, "https://sqs.eu-west-1.amazonaws.com/111122223333/Main", &error),
                 u"Main"_s);
        QCOMPARE(QueueDefinition::resolve(queues, "Ordered.fifo", &error), u"Ordered"_s);
        QVERIFY(
            QueueDefinition::resolve(queues, "arn:aws:sns:eu-west-1:1:topic", &error).isEmpty());
        QVERIFY(error.contains(u"is not an SQS queue ARN"_s));
        QVERIFY(QueueDefinition::resolve(queues, j(R"({"Fn::GetAtt": ["Nope", "Arn"]})"), &error)
                    .isEmpty());
        QCOMPARE(error, u"'Nope' is not an AWS::SQS::Queue of this template"_s);
    }

    void storeVisibilityDeleteAndRedrive()
    {
        QTemporaryDir dir;
        AsyncStore store;
        QVERIFY(store.open(dir.filePath(u"async.sqlite"_s)));
        QueueDefinition main = queue(u"Main"_s);
        main.deadLetterQueue = u"Dlq"_s;
        main.maxReceiveCount = 2;
        QVERIFY(store.defineQueues({main, queue(u"Dlq"_s)}));
        QCOMPARE(store.queueDefinitions().size(), 2u);

        QueueMessage a;
        a.queue = u"Main"_s;
        a.body = "a";
        QVERIFY(store.sendMessage(a, 0));
        QVERIFY(!a.messageId.isEmpty());
        QueueMessage b;
        b.queue = u"Main"_s;
        b.body = "b";
        QVERIFY(store.sendMessage(b, 10000)); // delayed 10 s
        // "Now" is taken after both sends, which stamp their own times: a is visible at t and
        // b from t + 10000 at the latest, however many milliseconds the sends took.
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        QueueInfo info = store.queueInfo(u"Main"_s, t);
        QCOMPARE(info.available, 1);
        QCOMPARE(info.delayed, 1);
        QVERIFY(info.defined);

        std::vector<QueueMessage> got = store.receiveMessages(u"Main"_s, 10, 1000, t + 1);
        QCOMPARE(got.size(), 1u);
        QCOMPARE(got[0].messageId, a.messageId);
        QCOMPARE(got[0].receiveCount, 1);
        QCOMPARE(got[0].firstReceiveMs, t + 1);
        QCOMPARE(store.queueInfo(u"Main"_s, t + 2).inFlight, 1);
        QVERIFY(store.receiveMessages(u"Main"_s, 10, 1000, t + 500).empty()); // invisible
        QCOMPARE(store.nextVisibleMs(u"Main"_s, t + 500), t + 1001);

        // Visible again after the timeout, with a new receipt handle; the old one is stale.
        std::vector<QueueMessage> again = store.receiveMessages(u"Main"_s, 10, 1000, t + 1001);
        QCOMPARE(again.size(), 1u);
        QCOMPARE(again[0].receiveCount, 2);
        QCOMPARE(again[0].firstReceiveMs, t + 1);
        QVERIFY(again[0].receiptHandle != got[0].receiptHandle);
        QCOMPARE(store.deleteMessages(u"Main"_s, {got[0].receiptHandle}), 0);

        // Received maxReceiveCount (2) times: the next receive moves it to the DLQ.
        int redriven = 0;
        QVERIFY(store.receiveMessages(u"Main"_s, 10, 1000, t + 2002, &redriven).empty());
        QCOMPARE(redriven, 1);
        std::vector<QueueMessage> dead = store.receiveMessages(u"Dlq"_s, 10, 1000, t + 2003);
        QCOMPARE(dead.size(), 1u);
        QCOMPARE(dead[0].messageId, a.messageId);
        QCOMPARE(dead[0].body, QByteArray("a"));
        QCOMPARE(dead[0].receiveCount, 1);
        QCOMPARE(store.deleteMessages(u"Dlq"_s, {dead[0].receiptHandle}), 1);
        QCOMPARE(store.queueInfo(u"Dlq"_s, t + 2004).messages, 0);

        // The delayed one, later; async destinations' look (receive()) leaves visibility alone.
        QCOMPARE(store.receive(u"Main"_s, 10, false).size(), 0u);
        QCOMPARE(store.receiveMessages(u"Main"_s, 10, 1000, t + 10001).size(), 1u);

        // A destination naming the queue by its QueueName (the end of its ARN) reaches it.
        QueueDefinition named = queue(u"Dlq"_s);
        named.queueName = u"dead-letters"_s;
        QVERIFY(store.defineQueues({main, named}));
        QueueMessage record;
        record.queue =
            AsyncStore::localQueueName(u"arn:aws:sqs:us-east-1:123456789012:dead-letters"_s);
        record.kind = u"SQS"_s;
        record.body = "{}";
        QVERIFY(store.send(record));
        QCOMPARE(store.queueInfo(u"Dlq"_s, t + 2005).messages, 1);
        QCOMPARE(store.queueInfo(u"dead-letters"_s, t + 2005).messages, 0);
        QVERIFY(store.purge(u"Dlq"_s) == 1);

        // Redefining drops the definition of queues no longer in the template, not their messages.
        QVERIFY(store.defineQueues({queue(u"Dlq"_s)}));
        QCOMPARE(store.queueDefinitions().size(), 1u);
        QVERIFY(!store.queueInfo(u"Main"_s, t).defined);
        QCOMPARE(store.queueInfo(u"Main"_s, t).messages, 1);
    }

    void storeFifo()
    {
        QTemporaryDir dir;
        AsyncStore store;
        QVERIFY(store.open(dir.filePath(u"async.sqlite"_s)));
        QVERIFY(store.defineQueues({queue(u"Q"_s, true)}));
        auto send = [&](const char *body, const QString &group, const QString &dedup,
                        bool *duplicate) {
            QueueMessage m;
            m.queue = u"Q"_s;
            m.body = body;
            m.groupId = group;
            m.deduplicationId = dedup;
            store.sendMessage(m, 0, duplicate);
            return m;
        };
        bool duplicate = false;
        const QueueMessage g1 = send("1", u"g"_s, u"d1"_s, &duplicate);
        send("2", u"g"_s, u"d2"_s, &duplicate);
        send("3", u"h"_s, u"d3"_s, &duplicate);
        const QueueMessage repeat = send("1 again", u"g"_s, u"d1"_s, &duplicate);
        QVERIFY(duplicate);
        QCOMPARE(repeat.messageId, g1.messageId);

        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        std::vector<QueueMessage> first = store.receiveMessages(u"Q"_s, 1, 1000, t);
        QCOMPARE(first.size(), 1u);
        QCOMPARE(first[0].body, QByteArray("1"));
        // While g's head is in flight, only h is available.
        std::vector<QueueMessage> next = store.receiveMessages(u"Q"_s, 10, 1000, t + 1);
        QCOMPARE(next.size(), 1u);
        QCOMPARE(next[0].body, QByteArray("3"));
        QCOMPARE(store.deleteMessages(u"Q"_s, {first[0].receiptHandle}), 1);
        std::vector<QueueMessage> rest = store.receiveMessages(u"Q"_s, 10, 1000, t + 2);
        QCOMPARE(rest.size(), 1u);
        QCOMPARE(rest[0].body, QByteArray("2"));
        QVERIFY(rest[0].sequenceNumber() > first[0].sequenceNumber());
    }

    void md5OfMessageAttributes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("md5");
        // What SQS answers for these (pinned by the moto and LocalStack test suites).
        QTest::newRow("timestamp")
            << u"timestamp"_s << u"1493147359900"_s << u"235c5c510d26fb653d073faed50ae77c"_s;
        QTest::newRow("timestamp+1")
            << u"timestamp"_s << u"1493147359901"_s << u"994258b45346a2cc3f9cbb611aa7af30"_s;
        QTest::newRow("dotted name") << u"SOME_Valid.attribute-Name"_s << u"1493147359900"_s
                                     << u"36655e7e9d7c0e8479fa3f3f42247ae7"_s;
    }

    void md5OfMessageAttributes()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, md5);
        QueueMessage m;
        m.body = "derp";
        m.attributes = {
            {name.toStdString(), {{"DataType", "Number"}, {"StringValue", value.toStdString()}}}};
        QCOMPARE(m.md5OfMessageAttributes(), md5);
        QCOMPARE(m.md5OfBody(), u"58fd9edd83341c29f1aebba81c31e257"_s);
        QVERIFY(QueueMessage().md5OfMessageAttributes().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSqsLogic)
#include "tst_sqslogic.moc"
