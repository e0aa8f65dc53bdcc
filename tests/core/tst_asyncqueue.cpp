// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The persistent async queue end to end: a real engine, real sandboxes, the fixtures in
// resources/samples/runtimes-fixtures, LWB_TIME_SCALE 0.01 (1 min of retry delay = 600 ms).
#include "engine/asyncqueue.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/timescale.h"
#include "store/asyncstore.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

constexpr double kScale = 0.01;
constexpr auto kAccount = "123456789012";

QString fixtureDir(const QString &name)
{
    return QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/"_s + name;
}

FunctionConfig fixture(const QString &id, const QString &code, int timeoutSeconds = 3)
{
    FunctionConfig f;
    f.logicalId = id;
    f.functionName = id;
    f.runtime = u"python3.11"_s;
    f.handler = u"app.handler"_s;
    f.codeDir = fixtureDir(code);
    f.timeoutSeconds = timeoutSeconds;
    return f;
}

DestinationConfig destination(const QString &type, const QString &target)
{
    DestinationConfig d;
    d.type = type;
    d.target = target;
    return d;
}

InvokeResult invoke(Engine &engine, const QString &function, const QByteArray &payload,
                    InvocationType type = InvocationType::Event)
{
    InvokeRequest request;
    request.functionName = function;
    request.payload = payload;
    request.type = type;
    request.source = u"test"_s;
    std::optional<InvokeResult> result;
    engine.invoke(request, [&result](const InvokeResult &r) { result = r; });
    [&] { QVERIFY2(QTest::qWaitFor([&] { return result.has_value(); }, 60000), "invoke never answered"); }();
    return result.value_or(InvokeResult{});
}

// One engine and its queue on a fresh project folder; records which events finished how.
struct Project
{
    explicit Project(const std::vector<FunctionConfig> &functions, QTemporaryDir *reuse = nullptr)
        : dirPath(reuse ? reuse->path() : ownDir.path())
    {
        engine = std::make_unique<Engine>();
        engine->setFunctions(functions);
        queue = std::make_unique<AsyncQueue>(engine.get(), storePath());
        QObject::connect(queue.get(), &AsyncQueue::eventFinished,
                         [this](const QString &id, const QString &outcome) { finished.insert(id, outcome); });
        // A stalled machine delays every timer: the heartbeat measures it, so timing checks
        // tell a late retry from a late event loop.
        heartbeat.setTimerType(Qt::PreciseTimer);
        QObject::connect(&heartbeat, &QTimer::timeout, [this] {
            if (beat.isValid()) {
                longestStallMs = std::max<qint64>(longestStallMs, beat.elapsed() - kHeartbeatMs);
            }
            beat.start();
        });
        heartbeat.start(kHeartbeatMs);
    }
    ~Project()
    {
        queue.reset();
        engine.reset();
    }
    QString storePath() const { return dirPath + u"/.lwb/async.sqlite"_s; }

    static constexpr int kHeartbeatMs = 20;
    QTimer heartbeat;
    QElapsedTimer beat;
    qint64 longestStallMs = 0;

    QString waitFinished(const QString &requestId, int timeoutMs = 30000)
    {
        (void)QTest::qWaitFor([&] { return finished.contains(requestId); }, timeoutMs);
        return finished.value(requestId, u"<not finished>"_s);
    }
    std::vector<JournalRecord> records(JournalKind kind, const QString &requestId) const
    {
        std::vector<JournalRecord> out;
        for (const JournalRecord &r : engine->journal()->records()) {
            if (r.kind == kind && r.requestId == requestId) {
                out.push_back(r);
            }
        }
        return out;
    }
    std::vector<QueueMessage> messages(const QString &queueName)
    {
        AsyncStore store;
        if (!store.open(storePath())) {
            return {};
        }
        return store.receive(queueName, 1000, false);
    }

    QTemporaryDir ownDir;
    QString dirPath;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<AsyncQueue> queue;
    QHash<QString, QString> finished;
};

nlohmann::ordered_json body(const QueueMessage &m)
{
    return nlohmann::ordered_json::parse(m.body.toStdString(), nullptr, false);
}

std::vector<std::string> keys(const nlohmann::ordered_json &object)
{
    std::vector<std::string> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        out.push_back(it.key());
    }
    return out;
}

QString writeTemplate(const QString &dir, const QByteArray &yaml)
{
    const QString path = dir + u"/template.yaml"_s;
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(yaml);
    return path;
}

} // namespace

class TestAsyncQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        TimeScale::setFactorForTesting(kScale);
    }

    void eventRunsFunction()
    {
        Project p({fixture(u"hello"_s, u"python-hello"_s)});
        QVERIFY(p.queue->isOpen());
        QVERIFY(QFileInfo::exists(p.storePath()));
        const InvokeResult accepted = invoke(*p.engine, u"hello"_s, R"({"k":1})");
        QCOMPARE(accepted.httpStatus, 202);
        QVERIFY(!accepted.isServiceError());
        QVERIFY(accepted.payload.isEmpty());
        QVERIFY(!accepted.requestId.isEmpty());
        QCOMPARE(p.waitFinished(accepted.requestId), u"Success"_s);

        QCOMPARE(p.records(JournalKind::AsyncEventQueued, accepted.requestId).size(), std::size_t(1));
        const auto received = p.records(JournalKind::RequestReceived, accepted.requestId);
        QCOMPARE(received.size(), std::size_t(2)); // the Event request, then the async delivery
        QCOMPARE(received.back().data["source"].get<std::string>(), std::string("async"));
        const auto finished = p.records(JournalKind::InvokeFinished, accepted.requestId);
        QCOMPARE(finished.size(), std::size_t(1));
        QCOMPARE(p.queue->pendingCount(), qint64(0));
    }

    void functionErrorRetries_data()
    {
        QTest::addColumn<int>("maxRetries");
        QTest::newRow("default 2") << 2;
        QTest::newRow("1") << 1;
        QTest::newRow("0: one attempt") << 0;
    }

    void functionErrorRetries()
    {
        QFETCH(int, maxRetries);
        FunctionConfig f = fixture(u"raise"_s, u"python-raise"_s);
        f.asyncConfig.maximumRetryAttempts = maxRetries;
        Project p({f});
        const InvokeResult accepted = invoke(*p.engine, u"raise"_s, R"({"value":1})");
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId, 60000), u"RetriesExhausted"_s);

        std::vector<JournalRecord> deliveries;
        for (const JournalRecord &r : p.records(JournalKind::RequestReceived, accepted.requestId)) {
            if (r.data["source"] == "async") {
                deliveries.push_back(r);
            }
        }
        const auto finished = p.records(JournalKind::InvokeFinished, accepted.requestId);
        QCOMPARE(int(deliveries.size()), 1 + maxRetries);
        QCOMPARE(int(finished.size()), 1 + maxRetries);
        const auto scheduled = p.records(JournalKind::AsyncRetryScheduled, accepted.requestId);
        QCOMPARE(int(scheduled.size()), maxRetries);
        for (int k = 0; k < maxRetries; ++k) {
            // ~1 min before the 2nd attempt, ~2 min before the 3rd — scaled.
            const qint64 expectedMs = qint64(60000 * (k + 1) * kScale);
            QCOMPARE(scheduled[k].data["delayMs"].get<qint64>(), expectedMs);
            QCOMPARE(scheduled[k].data["cause"].get<std::string>(), std::string("function-error"));
            QCOMPARE(scheduled[k].data["attempt"].get<int>(), k + 2);
            const qint64 gapMs = (deliveries[k + 1].timeUs - finished[k].timeUs) / 1000;
            QVERIFY2(gapMs >= expectedMs - 5 && gapMs <= expectedMs + 500 + p.longestStallMs,
                     qPrintable(u"gap %1 ms, expected %2 ms (the event loop stalled %3 ms at most)"_s
                                    .arg(gapMs)
                                    .arg(expectedMs)
                                    .arg(p.longestStallMs)));
        }
        const auto dropped = p.records(JournalKind::AsyncEventDropped, accepted.requestId);
        QCOMPARE(dropped.size(), std::size_t(1));
        QCOMPARE(dropped.front().data["reason"].get<std::string>(), std::string("RetriesExhausted"));
        QCOMPARE(dropped.front().data["approximateInvokeCount"].get<int>(), 1 + maxRetries);
        QCOMPARE(p.queue->pendingCount(), qint64(0));
    }

    void onFailureRecordShape()
    {
        FunctionConfig f = fixture(u"raise"_s, u"python-raise"_s);
        f.asyncConfig.maximumRetryAttempts = 1;
        f.asyncConfig.onFailure = destination(u"SQS"_s, u"arn:aws:sqs:us-east-1:123456789012:failures"_s);
        f.asyncConfig.deadLetterQueue = destination(u"SQS"_s, u"dlq"_s); // OnFailure wins
        Project p({f});
        const InvokeResult accepted = invoke(*p.engine, u"raise"_s, R"({"value":7,"a":[1,2]})");
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId), u"RetriesExhausted"_s);

        const std::vector<QueueMessage> messages = p.messages(u"failures"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        QVERIFY(p.messages(u"dlq"_s).empty());
        QCOMPARE(messages.front().kind, u"SQS"_s);
        const nlohmann::ordered_json record = body(messages.front());
        QVERIFY2(record.is_object(), messages.front().body.constData());
        QCOMPARE(keys(record), (std::vector<std::string>{"version", "timestamp", "requestContext",
                                                         "requestPayload", "responseContext",
                                                         "responsePayload"}));
        QCOMPARE(record["version"].get<std::string>(), std::string("1.0"));
        QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                    .match(QString::fromStdString(record["timestamp"].get<std::string>()))
                    .hasMatch());
        const auto &context = record["requestContext"];
        QCOMPARE(keys(context), (std::vector<std::string>{"requestId", "functionArn", "condition",
                                                          "approximateInvokeCount"}));
        QCOMPARE(QString::fromStdString(context["requestId"].get<std::string>()), accepted.requestId);
        QCOMPARE(context["functionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:") + kAccount + ":function:raise:$LATEST");
        QCOMPARE(context["condition"].get<std::string>(), std::string("RetriesExhausted"));
        QCOMPARE(context["approximateInvokeCount"].get<int>(), 2);
        QCOMPARE(record["requestPayload"].dump(), std::string(R"({"value":7,"a":[1,2]})"));
        const auto &response = record["responseContext"];
        QCOMPARE(keys(response), (std::vector<std::string>{"statusCode", "executedVersion", "functionError"}));
        QCOMPARE(response["statusCode"].get<int>(), 200);
        QCOMPARE(response["executedVersion"].get<std::string>(), std::string("$LATEST"));
        QCOMPARE(response["functionError"].get<std::string>(), std::string("Unhandled"));
        QCOMPARE(record["responsePayload"]["errorType"].get<std::string>(), std::string("ValueError"));
        QCOMPARE(record["responsePayload"]["errorMessage"].get<std::string>(), std::string("bad value: 7"));

        const auto delivered = p.records(JournalKind::DestinationDelivered, accepted.requestId);
        QCOMPARE(delivered.size(), std::size_t(1));
        QCOMPARE(delivered.front().data["kind"].get<std::string>(), std::string("OnFailure"));
        QCOMPARE(delivered.front().data["target"].get<std::string>(), std::string("failures"));
        QCOMPARE(delivered.front().data["condition"].get<std::string>(), std::string("RetriesExhausted"));
        QCOMPARE(p.queue->pendingCount(), qint64(0));
    }

    void onSuccessToFunction()
    {
        FunctionConfig first = fixture(u"hello"_s, u"python-hello"_s);
        first.asyncConfig.onSuccess = destination(u"Lambda"_s, u"Receiver"_s);
        FunctionConfig receiver = fixture(u"Receiver"_s, u"python-hello"_s);
        receiver.asyncConfig.onSuccess = destination(u"SQS"_s, u"received"_s);
        Project p({first, receiver});
        const InvokeResult accepted = invoke(*p.engine, u"hello"_s, R"({"n":1})");
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId), u"Success"_s);
        QVERIFY(QTest::qWaitFor([&] { return p.messages(u"received"_s).size() == 1; }, 30000));

        // The receiver's own success record; its requestPayload is what it was invoked with.
        const nlohmann::ordered_json outer = body(p.messages(u"received"_s).front());
        QCOMPARE(outer["requestContext"]["condition"].get<std::string>(), std::string("Success"));
        QVERIFY(outer["requestContext"]["functionArn"].get<std::string>().ends_with(":function:Receiver:$LATEST"));
        const nlohmann::ordered_json &record = outer["requestPayload"];
        // ...and what the receiver's handler saw as its event is the same record.
        QCOMPARE(outer["responsePayload"]["event"], record);
        QCOMPARE(keys(record), (std::vector<std::string>{"version", "timestamp", "requestContext",
                                                         "requestPayload", "responseContext",
                                                         "responsePayload"}));
        QCOMPARE(QString::fromStdString(record["requestContext"]["requestId"].get<std::string>()),
                 accepted.requestId);
        QCOMPARE(record["requestContext"]["condition"].get<std::string>(), std::string("Success"));
        QCOMPARE(record["requestContext"]["approximateInvokeCount"].get<int>(), 1);
        QCOMPARE(keys(record["responseContext"]), (std::vector<std::string>{"statusCode", "executedVersion"}));
        QCOMPARE(record["responseContext"]["statusCode"].get<int>(), 200);
        QCOMPARE(record["requestPayload"].dump(), std::string(R"({"n":1})"));
        QCOMPARE(record["responsePayload"]["event"].dump(), std::string(R"({"n":1})"));
        QCOMPARE(record["responsePayload"]["function_name"].get<std::string>(), std::string("hello"));

        const auto delivered = p.records(JournalKind::DestinationDelivered, accepted.requestId);
        QCOMPARE(delivered.size(), std::size_t(1));
        QCOMPARE(delivered.front().data["type"].get<std::string>(), std::string("Lambda"));
    }

    void deadLetterQueueGetsEvent()
    {
        FunctionConfig f = fixture(u"raise"_s, u"python-raise"_s);
        f.asyncConfig.maximumRetryAttempts = 0;
        f.asyncConfig.deadLetterQueue = destination(u"SNS"_s, u"arn:aws:sns:us-east-1:123456789012:dead-letters"_s);
        Project p({f});
        const QByteArray event = R"({ "x" : "original bytes" })";
        const InvokeResult accepted = invoke(*p.engine, u"raise"_s, event);
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId), u"RetriesExhausted"_s);
        const std::vector<QueueMessage> messages = p.messages(u"dead-letters"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        QCOMPARE(messages.front().kind, u"SNS"_s);
        QCOMPARE(messages.front().body, event);
        const nlohmann::json &a = messages.front().attributes;
        QCOMPARE(QString::fromStdString(a["RequestID"]["StringValue"].get<std::string>()), accepted.requestId);
        QCOMPARE(a["RequestID"]["DataType"].get<std::string>(), std::string("String"));
        QCOMPARE(a["ErrorCode"]["StringValue"].get<std::string>(), std::string("200"));
        QCOMPARE(a["ErrorCode"]["DataType"].get<std::string>(), std::string("Number"));
        QCOMPARE(a["ErrorMessage"]["StringValue"].get<std::string>(), std::string("bad value: 42"));
        QCOMPARE(a["ErrorMessage"]["DataType"].get<std::string>(), std::string("String"));
        const auto delivered = p.records(JournalKind::DestinationDelivered, accepted.requestId);
        QCOMPARE(delivered.size(), std::size_t(1));
        QCOMPARE(delivered.front().data["kind"].get<std::string>(), std::string("DeadLetterQueue"));
    }

    void refusedEvents()
    {
        Project p({fixture(u"hello"_s, u"python-hello"_s)});
        // 1 MB + 1 through the engine and through the sink directly.
        const QByteArray tooLarge = '"' + QByteArray(AsyncQueue::kMaxPayloadBytes - 1, 'a') + '"';
        QCOMPARE(tooLarge.size(), AsyncQueue::kMaxPayloadBytes + 1);
        const InvokeResult big = invoke(*p.engine, u"hello"_s, tooLarge);
        QCOMPARE(big.httpStatus, 413);
        QCOMPARE(big.serviceErrorCode, u"RequestEntityTooLargeException"_s);
        QCOMPARE(big.serviceErrorMessage,
                 u"Request must be smaller than 1048576 bytes for the InvokeFunction operation"_s);
        QCOMPARE(p.queue->pendingCount(), qint64(0));

        InvokeRequest direct;
        direct.functionName = u"hello"_s;
        direct.requestId = u"r-1"_s;
        direct.payload = "{not json";
        QCOMPARE(p.queue->enqueue(direct).httpStatus, 400);
        QCOMPARE(p.queue->enqueue(direct).serviceErrorCode, u"InvalidRequestContentException"_s);
        direct.payload = "{}";
        direct.functionName = u"nope"_s;
        const InvokeResult missing = p.queue->enqueue(direct);
        QCOMPARE(missing.httpStatus, 404);
        QCOMPARE(missing.serviceErrorCode, u"ResourceNotFoundException"_s);
        QVERIFY(missing.serviceErrorMessage.endsWith(u":function:nope:$LATEST"_s));
        QCOMPARE(p.queue->pendingCount(), qint64(0));

        // Exactly 1 MB is accepted.
        const QByteArray limit = '"' + QByteArray(AsyncQueue::kMaxPayloadBytes - 2, 'a') + '"';
        const InvokeResult ok = invoke(*p.engine, u"hello"_s, limit);
        QCOMPARE(ok.httpStatus, 202);
        QCOMPARE(p.waitFinished(ok.requestId), u"Success"_s);
    }

    void reservedConcurrencyZero()
    {
        FunctionConfig f = fixture(u"hello"_s, u"python-hello"_s);
        f.reservedConcurrency = 0;
        f.asyncConfig.onFailure = destination(u"EventBridge"_s,
                                              u"arn:aws:events:us-east-1:123456789012:event-bus/failures"_s);
        Project p({f});
        const InvokeResult accepted = invoke(*p.engine, u"hello"_s, R"({"n":2})");
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId), u"RetriesExhausted"_s);
        QVERIFY(p.records(JournalKind::InvokeStarted, accepted.requestId).empty());
        QVERIFY(p.records(JournalKind::AsyncRetryScheduled, accepted.requestId).empty());
        const std::vector<QueueMessage> messages = p.messages(u"failures"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        const nlohmann::ordered_json envelope = body(messages.front());
        QCOMPARE(envelope["detail-type"].get<std::string>(),
                 std::string("Lambda Function Invocation Result - Failure"));
        QCOMPARE(envelope["source"].get<std::string>(), std::string("lambda"));
        const auto &record = envelope["detail"];
        QCOMPARE(record["requestContext"]["approximateInvokeCount"].get<int>(), 0);
        QCOMPARE(record["requestContext"]["condition"].get<std::string>(), std::string("RetriesExhausted"));
        QCOMPARE(record["responseContext"]["statusCode"].get<int>(), 429);
        QVERIFY(!record.contains("responsePayload"));
        const auto dropped = p.records(JournalKind::AsyncEventDropped, accepted.requestId);
        QCOMPARE(dropped.size(), std::size_t(1));
        QCOMPARE(dropped.front().data["reason"].get<std::string>(), std::string("ReservedConcurrencyZero"));
    }

    void maxEventAgeDropsThrottledEvent()
    {
        FunctionConfig f = fixture(u"sleep"_s, u"python-sleep"_s, 10);
        f.reservedConcurrency = 1;
        f.asyncConfig.maximumEventAgeSeconds = 60; // 600 ms scaled
        f.asyncConfig.onFailure = destination(u"SQS"_s, u"aged"_s);
        Project p({f});
        // Occupy the one environment the reservation allows, then see whether the engine
        // throttles a second caller (only the scheduler does).
        std::optional<InvokeResult> busy;
        InvokeRequest hold;
        hold.functionName = u"sleep"_s;
        hold.payload = R"({"seconds": 4})";
        p.engine->invoke(hold, [&busy](const InvokeResult &r) { busy = r; });
        QVERIFY(QTest::qWaitFor([&] {
            for (const JournalRecord &r : p.engine->journal()->records()) {
                if (r.kind == JournalKind::InvokeStarted) {
                    return true;
                }
            }
            return false;
        }, 20000));
        const InvokeResult probe = invoke(*p.engine, u"sleep"_s, R"({"seconds": 0})",
                                          InvocationType::RequestResponse);
        if (probe.httpStatus != 429) {
            (void)QTest::qWaitFor([&] { return busy.has_value(); }, 20000);
            QSKIP("the engine does not throttle above ReservedConcurrentExecutions yet (the "
                  "scheduler is not merged); the throttle backoff and max event age cannot be "
                  "driven through the real engine");
        }
        const InvokeResult accepted = invoke(*p.engine, u"sleep"_s, R"({"seconds": 0})");
        QCOMPARE(accepted.httpStatus, 202);
        QCOMPARE(p.waitFinished(accepted.requestId, 10000), u"EventAgeExceeded"_s);
        QVERIFY(!busy.has_value()); // dropped while the function was still busy
        const auto scheduled = p.records(JournalKind::AsyncRetryScheduled, accepted.requestId);
        QVERIFY(scheduled.size() >= 3);
        for (std::size_t k = 0; k + 1 < scheduled.size(); ++k) {
            QCOMPARE(scheduled[k].data["cause"].get<std::string>(), std::string("throttle"));
            // Exponential from 1 s (scaled: 10 ms).
            QCOMPARE(scheduled[k].data["delayMs"].get<qint64>(), qint64(10) << k);
        }
        const auto dropped = p.records(JournalKind::AsyncEventDropped, accepted.requestId);
        QCOMPARE(dropped.size(), std::size_t(1));
        const qint64 ageMs = dropped.front().data["ageMs"].get<qint64>();
        QVERIFY2(ageMs >= 600 && ageMs < 2000, qPrintable(QString::number(ageMs)));
        QVERIFY(p.records(JournalKind::InvokeStarted, accepted.requestId).empty());
        const auto messages = p.messages(u"aged"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        const auto record = body(messages.front());
        QCOMPARE(record["requestContext"]["condition"].get<std::string>(), std::string("EventAgeExceeded"));
        QCOMPARE(record["requestContext"]["approximateInvokeCount"].get<int>(), 0);
        QVERIFY(QTest::qWaitFor([&] { return busy.has_value(); }, 20000));
    }

    void resumesWithCountsAfterRestart()
    {
        QTemporaryDir dir;
        FunctionConfig f = fixture(u"raise"_s, u"python-raise"_s);
        f.asyncConfig.onFailure = destination(u"SQS"_s, u"failures"_s);
        QString requestId;
        {
            Project first({f}, &dir);
            const InvokeResult accepted = invoke(*first.engine, u"raise"_s, R"({"value":3})");
            QCOMPARE(accepted.httpStatus, 202);
            requestId = accepted.requestId;
            QVERIFY(QTest::qWaitFor([&] {
                return !first.records(JournalKind::AsyncRetryScheduled, requestId).empty();
            }, 30000));
        } // the process "ends" with the retry pending
        Project second({f}, &dir);
        QCOMPARE(second.queue->pendingCount(), qint64(1));
        QCOMPARE(second.waitFinished(requestId), u"RetriesExhausted"_s);
        // Attempts 2 and 3 ran here, with the same request id.
        std::vector<JournalRecord> deliveries;
        for (const JournalRecord &r : second.records(JournalKind::RequestReceived, requestId)) {
            deliveries.push_back(r);
        }
        QCOMPARE(deliveries.size(), std::size_t(2));
        const auto messages = second.messages(u"failures"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        QCOMPARE(body(messages.front())["requestContext"]["approximateInvokeCount"].get<int>(), 3);
    }

    void stopLeavesInFlightEventsForTheNextRun()
    {
        QTemporaryDir dir;
        FunctionConfig f = fixture(u"sleep"_s, u"python-sleep"_s, 10);
        f.asyncConfig.maximumRetryAttempts = 0;
        f.asyncConfig.onSuccess = destination(u"SQS"_s, u"done"_s);
        QString requestId;
        {
            Project first({f}, &dir);
            const InvokeResult accepted = invoke(*first.engine, u"sleep"_s, R"({"seconds": 5})");
            requestId = accepted.requestId;
            QVERIFY(QTest::qWaitFor([&] {
                return !first.records(JournalKind::InvokeStarted, requestId).empty();
            }, 30000));
            first.queue->stop();
            first.engine->shutdownAll(u"test"_s); // kills the function mid-invoke
            QTest::qWait(300);
            QVERIFY(first.records(JournalKind::AsyncRetryScheduled, requestId).empty());
            QVERIFY(first.records(JournalKind::AsyncEventDropped, requestId).empty());
        }
        FunctionConfig quick = f;
        Project second({quick}, &dir);
        QCOMPARE(second.queue->pendingCount(), qint64(1));
        // Delivered again, not counted as a function error (MaximumRetryAttempts is 0).
        QCOMPARE(second.waitFinished(requestId, 30000), u"Success"_s);
        const auto messages = second.messages(u"done"_s);
        QCOMPARE(messages.size(), std::size_t(1));
        QCOMPARE(body(messages.front())["requestContext"]["approximateInvokeCount"].get<int>(), 2);
    }

    void crashAndRestartDeliversEverything()
    {
        QTemporaryDir dir;
        const QString templatePath = writeTemplate(dir.path(), QByteArray(
            "Resources:\n"
            "  Slow:\n"
            "    Type: AWS::Serverless::Function\n"
            "    Properties:\n"
            "      Runtime: python3.11\n"
            "      Handler: app.handler\n"
            "      CodeUri: ") + fixtureDir(u"python-sleep"_s).toUtf8() + QByteArray("\n"
            "      Timeout: 10\n"
            "      EventInvokeConfig:\n"
            "        DestinationConfig:\n"
            "          OnSuccess:\n"
            "            Type: SQS\n"
            "            Destination: arn:aws:sqs:us-east-1:123456789012:done\n"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LWB_TIME_SCALE"_s, QString::number(kScale));

        QSet<QString> accepted;
        auto run = [&](int count, int killAfterAccepted, int killAfterMs) {
            QProcess harness;
            harness.setProcessEnvironment(env);
            harness.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            harness.start(QStringLiteral(LWB_ASYNC_HARNESS),
                          {templatePath, QString::number(count), uR"({"seconds": 0.3})"_s, u"3"_s});
            QVERIFY(harness.waitForStarted());
            QByteArray out;
            int acceptedHere = 0;
            QElapsedTimer clock;
            clock.start();
            bool killed = false;
            while (harness.state() != QProcess::NotRunning && clock.elapsed() < 90000) {
                harness.waitForReadyRead(10);
                out += harness.readAllStandardOutput();
                qsizetype nl;
                while ((nl = out.indexOf('\n')) >= 0) {
                    const QByteArray line = out.left(nl);
                    out.remove(0, nl + 1);
                    if (line.startsWith("accepted ")) {
                        accepted.insert(QString::fromUtf8(line.mid(9)));
                        ++acceptedHere;
                    }
                }
                const bool killNow = (killAfterAccepted >= 0 && acceptedHere >= killAfterAccepted)
                                     || (killAfterMs >= 0 && clock.elapsed() >= killAfterMs);
                if (killNow) {
                    harness.kill(); // SIGKILL
                    harness.waitForFinished();
                    killed = true;
                    break;
                }
            }
            if (!killed) {
                harness.waitForFinished();
                QCOMPARE(harness.exitStatus(), QProcess::NormalExit);
                QCOMPARE(harness.exitCode(), 0);
            }
        };
        // Killed while enqueueing, while delivering (twice), then left to drain.
        run(4, 2, -1);
        run(8, -1, 900);
        run(0, -1, 500);
        run(0, -1, -1);
        QVERIFY(accepted.size() >= 2 + 8);

        AsyncStore store;
        QVERIFY(store.open(AsyncStore::pathForTemplate(templatePath)));
        QCOMPARE(store.eventCount(), qint64(0));
        QSet<QString> delivered;
        for (const QueueMessage &m : store.receive(u"done"_s, 1000, false)) {
            const auto record = body(m);
            delivered.insert(QString::fromStdString(record["requestContext"]["requestId"].get<std::string>()));
        }
        for (const QString &id : std::as_const(accepted)) {
            QVERIFY2(delivered.contains(id), qPrintable(u"lost: "_s + id));
        }
    }

    void cliQueueCommands()
    {
#ifndef LWB_CLI
        QSKIP("the lwb command line is not built");
#else
        QTemporaryDir dir;
        const QString templatePath = writeTemplate(dir.path(), "Resources: {}\n");
        auto lwb = [&](const QStringList &args, int *exitCode = nullptr) {
            QProcess p;
            p.start(QStringLiteral(LWB_CLI), args + QStringList{u"-t"_s, templatePath});
            p.waitForFinished(30000);
            if (exitCode) {
                *exitCode = p.exitCode();
            }
            return p.readAllStandardOutput();
        };
        int code = -1;
        QCOMPARE(lwb({u"local"_s, u"queue"_s, u"list"_s}, &code), QByteArray());
        QCOMPARE(code, 0);
        {
            AsyncStore store;
            QVERIFY(store.open(AsyncStore::pathForTemplate(templatePath)));
            for (int i = 0; i < 3; ++i) {
                QueueMessage m;
                m.queue = u"orders"_s;
                m.kind = u"SQS"_s;
                m.body = R"({"i":)" + QByteArray::number(i) + '}';
                QVERIFY(store.send(m));
            }
            QueueMessage dlq;
            dlq.queue = u"dead"_s;
            dlq.kind = u"SNS"_s;
            dlq.body = "{}";
            dlq.attributes = {{"RequestID", {{"DataType", "String"}, {"StringValue", "r"}}}};
            QVERIFY(store.send(dlq));
        }
        QCOMPARE(lwb({u"local"_s, u"queue"_s, u"list"_s}, &code), QByteArray("dead\tSNS\t1\norders\tSQS\t3\n"));

        auto receive = [&](const QStringList &extra) {
            const QByteArray out = lwb(QStringList{u"local"_s, u"queue"_s, u"receive"_s} + extra, &code);
            return nlohmann::json::parse(out.toStdString(), nullptr, false);
        };
        nlohmann::json r = receive({u"orders"_s, u"--max"_s, u"2"_s});
        QCOMPARE(code, 0);
        QCOMPARE(r["Messages"].size(), std::size_t(2));
        QCOMPARE(r["Messages"][0]["Body"].get<std::string>(), std::string(R"({"i":0})"));
        QCOMPARE(r["Messages"][0]["Attributes"]["ApproximateReceiveCount"].get<std::string>(), std::string("1"));
        r = receive({u"orders"_s, u"--delete"_s});
        QCOMPARE(r["Messages"].size(), std::size_t(3));
        QCOMPARE(r["Messages"][0]["Attributes"]["ApproximateReceiveCount"].get<std::string>(), std::string("2"));
        QCOMPARE(receive({u"orders"_s})["Messages"].size(), std::size_t(0));
        r = receive({u"dead"_s});
        QCOMPARE(r["Messages"][0]["MessageAttributes"]["RequestID"]["StringValue"].get<std::string>(), std::string("r"));
        (void)lwb({u"local"_s, u"queue"_s, u"purge"_s, u"dead"_s}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(lwb({u"local"_s, u"queue"_s, u"list"_s}), QByteArray("dead\tSNS\t0\norders\tSQS\t0\n"));
        (void)lwb({u"local"_s, u"queue"_s, u"receive"_s, u"nope"_s}, &code);
        QCOMPARE(code, 1);
#endif
    }

    void localQueueNames_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("name");
        QTest::newRow("sqs") << u"arn:aws:sqs:us-east-1:123456789012:orders"_s << u"orders"_s;
        QTest::newRow("sns") << u"arn:aws:sns:us-east-1:123456789012:topic-1"_s << u"topic-1"_s;
        QTest::newRow("bus") << u"arn:aws:events:us-east-1:123456789012:event-bus/my-bus"_s << u"my-bus"_s;
        QTest::newRow("lambda") << u"arn:aws:lambda:us-east-1:123456789012:function:fn"_s << u"fn"_s;
        QTest::newRow("lambda alias") << u"arn:aws:lambda:us-east-1:123456789012:function:fn:live"_s << u"fn"_s;
        QTest::newRow("s3") << u"arn:aws:s3:::bucket"_s << u"bucket"_s;
        QTest::newRow("logical id") << u"FailureQueue"_s << u"FailureQueue"_s;
    }

    void localQueueNames()
    {
        QFETCH(QString, target);
        QFETCH(QString, name);
        QCOMPARE(AsyncStore::localQueueName(target), name);
    }
};

QTEST_GUILESS_MAIN(TestAsyncQueue)
#include "tst_asyncqueue.moc"
