// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginefixtures.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QRegularExpression>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;

namespace {

// Every delay the engine and the queues make runs 100 times faster: a VisibilityTimeout of 30
// is 300 ms, a batching window of 300 s is 3 s. Function timeouts stay real.
const QString kTimeScale = u"0.01"_s;

QProcessEnvironment lwbEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LWB_TIME_SCALE"_s, kTimeScale);
    return env;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** `lwb local sqs …` on the project's template. */
Run sqs(const QTemporaryDir &dir, const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(lwbEnvironment());
    p.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
            QStringList{u"local"_s, u"sqs"_s} + args.mid(0, 1) +
                QStringList{u"-t"_s, dir.filePath(u"template.yaml"_s)} + args.mid(1));
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

nlohmann::json json(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

/** `lwb local start-lambda` on the project, its stderr (logs included) collected. */
class Server
{
public:
    /** `lwb local start-lambda`, or with @p everything `lwb local start` (APIs and event sources).
     */
    explicit Server(const QTemporaryDir &dir, bool everything = false)
    {
        m_process.setProcessEnvironment(lwbEnvironment());
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += m_process.readAllStandardError(); });
        QStringList args{u"local"_s,    everything ? u"start"_s : u"start-lambda"_s,
                         u"-t"_s,       dir.filePath(u"template.yaml"_s),
                         u"-p"_s,       u"0"_s,
                         u"--no-auth"_s};
        if (everything) {
            args << u"--lambda-port"_s << u"0"_s;
        }
        m_process.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s, args);
    }
    ~Server()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    /** Waits until stderr matches @p pattern. */
    bool waitFor(const QString &pattern, int timeoutMs = 20000)
    {
        const QRegularExpression re(pattern);
        return QTest::qWaitFor([&] { return re.match(QString::fromUtf8(m_err)).hasMatch(); },
                               timeoutMs);
    }
    QString err() const { return QString::fromUtf8(m_err); }
    /** The Invoke API's address, from the "Running on" line. */
    QString endpoint() const
    {
        static const QRegularExpression running(
            u"(?:Lambda API running|Running) on (http://127\\.0\\.0\\.1:\\d+)"_s);
        return running.match(err()).captured(1);
    }
    /** The lines the function printed that start with @p tag. */
    QStringList lines(const QString &tag) const
    {
        QStringList out;
        for (const QString &line : err().split(u'\n')) {
            if (const qsizetype at = line.indexOf(tag); at >= 0) {
                out << line.mid(at);
            }
        }
        return out;
    }

private:
    QProcess m_process;
    QByteArray m_err;
};

const QByteArray kHeader = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
)";

} // namespace

// The SQS plugin end to end: `lwb local start-lambda` polls the template's queues, which
// `lwb local sqs` fills and reads from another process, with and without the server.
class TestSqsPlugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchesPartialFailuresAndRedrive()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 2
  OrdersDlq:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 3
            MaximumBatchingWindowInSeconds: 300
            FunctionResponseTypes:
              - ReportBatchItemFailures
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), R"(import json, time
def handler(event, context):
    records = event['Records']
    print('BATCH', len(records), ','.join(r['body'] + ':' + r['attributes']['ApproximateReceiveCount'] for r in records), time.time())
    print('RECORD', json.dumps(records[0]))
    return {'batchItemFailures': [{'itemIdentifier': r['messageId']} for r in records if r['body'].startswith('fail')]}
)");
        // Two messages in the stored queue, a third sent while the server runs: one batch, as
        // the window (3 s here) waits for BatchSize messages.
        QStringList ids;
        auto send = [&](const QString &body) {
            const Run sent = sqs(dir, {u"send"_s, u"Orders"_s, body});
            const nlohmann::json j = json(sent.out);
            QVERIFY2(sent.exitCode == 0 && j.contains("MessageId"), sent.err.constData());
            QCOMPARE(j["MD5OfMessageBody"].get<std::string>(),
                     QCryptographicHash::hash(body.toUtf8(), QCryptographicHash::Md5)
                         .toHex()
                         .toStdString());
            ids << QString::fromStdString(j["MessageId"].get<std::string>());
        };
        send(u"a"_s);
        send(u"b"_s);
        Server server(dir);
        QVERIFY2(server.waitFor(u"Running on"_s), qPrintable(server.err()));
        QVERIFY2(server.err().contains(u"trigger started: Worker Orders (SQS)"_s),
                 qPrintable(server.err()));
        send(u"fail-c"_s);
        QVERIFY2(server.waitFor(u"BATCH 3 a:1,b:1,fail-c:1 "_s), qPrintable(server.err()));

        // The event is Lambda's SQS event.
        const nlohmann::json record = json(server.lines(u"RECORD "_s).first().mid(7).toUtf8());
        QCOMPARE(record["messageId"].get<std::string>(), ids.first().toStdString());
        QCOMPARE(record["body"], "a");
        QCOMPARE(record["eventSource"], "aws:sqs");
        QCOMPARE(record["eventSourceARN"], "arn:aws:sqs:us-east-1:123456789012:Orders");
        QCOMPARE(record["awsRegion"], "us-east-1");
        QCOMPARE(record["md5OfBody"], "0cc175b9c0f1b6a831c399e269772661");
        QVERIFY(!record["receiptHandle"].get<std::string>().empty());
        QCOMPARE(record["attributes"]["SenderId"], "123456789012");
        QVERIFY(record["attributes"].contains("SentTimestamp"));
        QVERIFY(record["attributes"].contains("ApproximateFirstReceiveTimestamp"));

        // Only the failed item comes back (after the visibility timeout), alone after the window.
        QVERIFY2(server.waitFor(u"BATCH 1 fail-c:2 "_s), qPrintable(server.err()));
        const QStringList batches = server.lines(u"BATCH "_s);
        const double windowWait = batches.at(1).split(u' ').last().toDouble() -
                                  batches.at(0).split(u' ').last().toDouble();
        QVERIFY2(windowWait >= 3.0, qPrintable(batches.join(u" | "_s)));
        // It failed maxReceiveCount (2) times: the next receive moves it to the DLQ.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const Run listed = sqs(dir, {u"list"_s});
                return listed.out.contains("OrdersDlq\t1\t0\t0");
            },
            20000));
        const Run dlq = sqs(dir, {u"receive"_s, u"OrdersDlq"_s, u"--delete"_s});
        QCOMPARE(dlq.exitCode, 0);
        const nlohmann::json messages = json(dlq.out)["Messages"];
        QCOMPARE(messages.size(), 1u);
        QCOMPARE(messages[0]["Body"], "fail-c");
        QCOMPARE(messages[0]["MessageId"].get<std::string>(), ids.last().toStdString());
        const Run listed = sqs(dir, {u"list"_s});
        QVERIFY2(listed.out.contains("Orders\t0\t0\t0\t"), listed.out.constData());
        // a and b were deleted after their success: never delivered again.
        QVERIFY(!server.err().contains(u"a:2"_s));
        QCOMPARE(server.lines(u"BATCH "_s).size(), 2);
    }

    void functionErrorsComeBackAfterTheVisibilityTimeout()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  Flaky:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), R"(import time
def handler(event, context):
    r = event['Records'][0]
    count = r['attributes']['ApproximateReceiveCount']
    print('JOB', r['body'], count, r['attributes']['ApproximateFirstReceiveTimestamp'], time.time())
    if count == '1':
        raise RuntimeError('first try fails')
)");
        Server server(dir);
        QVERIFY2(server.waitFor(u"Running on"_s), qPrintable(server.err()));
        QCOMPARE(sqs(dir, {u"send"_s, u"Jobs"_s, u"j1"_s}).exitCode, 0);
        QVERIFY2(server.waitFor(u"JOB j1 2 "_s), qPrintable(server.err()));
        const QStringList jobs = server.lines(u"JOB "_s);
        QCOMPARE(jobs.size(), 2);
        // Invisible for VisibilityTimeout (60 s × 0.01) after the failed first receive.
        const QStringList second = jobs.at(1).split(u' ');
        const double firstReceive = second.at(3).toDouble() / 1000;
        QVERIFY2(second.at(4).toDouble() - firstReceive >= 0.59, qPrintable(jobs.join(u" | "_s)));
        QCOMPARE(jobs.at(0).split(u' ').at(3), second.at(3));
        QVERIFY(server.err().contains(u"first try fails"_s));
        // Deleted after the success.
        QVERIFY(QTest::qWaitFor(
            [&] { return sqs(dir, {u"list"_s}).out.startsWith("Jobs\t0\t0\t0\t"); }, 5000));
    }

    void throttledBatchesAreNotLost()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Work:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 20
  Closed:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      ReservedConcurrentExecutions: 0
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Work.Arn
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s),
                             "def handler(event, context):\n    return None\n");
        QCOMPARE(sqs(dir, {u"send"_s, u"Work"_s, u"keep me"_s}).exitCode, 0);
        {
            Server server(dir);
            QVERIFY2(server.waitFor(u"Running on"_s), qPrintable(server.err()));
            // Throttled again and again; each time the message comes back after the timeout.
            QVERIFY2(server.waitFor(u"TooManyRequestsException(.|\n)*TooManyRequestsException"_s),
                     qPrintable(server.err()));
        }
        Run kept;
        QVERIFY(QTest::qWaitFor(
            [&] {
                kept = sqs(dir, {u"receive"_s, u"Work"_s});
                return !kept.out.isEmpty();
            },
            5000));
        const nlohmann::json m = json(kept.out)["Messages"][0];
        QCOMPARE(m["Body"], "keep me");
        QVERIFY(std::stoi(m["Attributes"]["ApproximateReceiveCount"].get<std::string>()) >= 3);
    }

    void maximumConcurrencyIsRespected()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Burst:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 3000
  Slow:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Burst:
          Type: SQS
          Properties:
            Queue: !GetAtt Burst.Arn
            BatchSize: 1
            ScalingConfig:
              MaximumConcurrency: 2
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), R"(import time
def handler(event, context):
    start = time.time()
    time.sleep(0.4)
    print('SLOW', event['Records'][0]['body'], start, time.time())
)");
        // Sent before the server runs: the stored queue alone.
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(sqs(dir, {u"send"_s, u"Burst"_s, u"m%1"_s.arg(i)}).exitCode, 0);
        }
        QVERIFY(sqs(dir, {u"list"_s}).out.startsWith("Burst\t6\t0\t0\tarn"));
        Server server(dir);
        QVERIFY2(server.waitFor(u"Running on"_s), qPrintable(server.err()));
        QVERIFY(QTest::qWaitFor([&] { return server.lines(u"SLOW "_s).size() == 6; }, 30000));
        std::vector<std::pair<double, int>> edges;
        for (const QString &line : server.lines(u"SLOW "_s)) {
            const QStringList parts = line.split(u' ');
            edges.push_back({parts.at(2).toDouble(), +1});
            edges.push_back({parts.at(3).toDouble(), -1});
        }
        std::sort(edges.begin(), edges.end());
        int running = 0;
        int most = 0;
        for (const auto &e : edges) {
            running += e.second;
            most = std::max(most, running);
        }
        QVERIFY2(most == 2, qPrintable(u"at most %1 batches at once"_s.arg(most)));
    }

    void sendAndReceiveWithoutAServer()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: inbox
      VisibilityTimeout: 200
  Ordered:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      ContentBasedDeduplication: true
      VisibilityTimeout: 1000
)");
        // A delayed message is counted as delayed, then becomes available.
        const Run sent =
            sqs(dir, {u"send"_s, u"Inbox"_s, u"hello"_s, u"--delay-seconds"_s, u"300"_s,
                      u"--attribute"_s, u"kind=greeting"_s, u"--attribute"_s, u"n:Number=3"_s});
        QCOMPARE(sent.exitCode, 0);
        const nlohmann::json s = json(sent.out);
        QVERIFY2(s.contains("MD5OfMessageAttributes"), sent.out.constData());
        QVERIFY(sqs(dir, {u"list"_s})
                    .out.startsWith("Inbox\t0\t0\t1\tarn:aws:sqs:us-east-1:123456789012:inbox\n"));
        QVERIFY(sqs(dir, {u"receive"_s, u"Inbox"_s}).out.isEmpty());
        // By name, logical id or ARN; after the delay (3 s here).
        Run received;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received = sqs(dir, {u"receive"_s, u"arn:aws:sqs:us-east-1:123456789012:inbox"_s});
                return !received.out.isEmpty();
            },
            10000));
        QCOMPARE(received.exitCode, 0);
        const nlohmann::json m = json(received.out)["Messages"][0];
        QCOMPARE(m["Body"], "hello");
        QCOMPARE(m["MessageId"], s["MessageId"]);
        QCOMPARE(m["MD5OfBody"], "5d41402abc4b2a76b9719d911017c592");
        QCOMPARE(m["MD5OfMessageAttributes"], s["MD5OfMessageAttributes"]);
        QCOMPARE(m["MessageAttributes"]["kind"]["StringValue"], "greeting");
        QCOMPARE(m["MessageAttributes"]["n"]["DataType"], "Number");
        QCOMPARE(m["Attributes"]["ApproximateReceiveCount"], "1");
        // In flight for the queue's 200 s (2 s here); then it is received again.
        QVERIFY(sqs(dir, {u"list"_s}).out.startsWith("Inbox\t0\t1\t0\t"));
        QVERIFY(sqs(dir, {u"receive"_s, u"inbox"_s}).out.isEmpty());
        Run again;
        QVERIFY(QTest::qWaitFor(
            [&] {
                again = sqs(dir, {u"receive"_s, u"Inbox"_s, u"--visibility-timeout"_s, u"0"_s});
                return !again.out.isEmpty();
            },
            10000));
        QCOMPARE(json(again.out)["Messages"][0]["Attributes"]["ApproximateReceiveCount"], "2");
        QVERIFY(json(again.out)["Messages"][0]["ReceiptHandle"] != m["ReceiptHandle"]);
        QCOMPARE(sqs(dir, {u"receive"_s, u"Inbox"_s, u"--delete"_s}).exitCode, 0);
        QVERIFY(sqs(dir, {u"list"_s}).out.startsWith("Inbox\t0\t0\t0\t"));

        // FIFO: one group's messages in order, the next only once the first is deleted;
        // content-based deduplication drops a repeat.
        for (const QString &body : {u"1"_s, u"2"_s, u"1"_s}) {
            QCOMPARE(
                sqs(dir, {u"send"_s, u"Ordered"_s, body, u"--message-group-id"_s, u"g"_s}).exitCode,
                0);
        }
        QVERIFY(sqs(dir, {u"list"_s})
                    .out.contains(
                        "Ordered\t2\t0\t0\tarn:aws:sqs:us-east-1:123456789012:Ordered.fifo\n"));
        const nlohmann::json first =
            json(sqs(dir, {u"receive"_s, u"Ordered"_s, u"--max"_s, u"1"_s}).out)["Messages"];
        QCOMPARE(first[0]["Body"], "1");
        QCOMPARE(first[0]["Attributes"]["MessageGroupId"], "g");
        QVERIFY(sqs(dir, {u"receive"_s, u"Ordered"_s}).out.isEmpty());     // group g is in flight
        QCOMPARE(sqs(dir, {u"send"_s, u"Ordered"_s, u"x"_s}).exitCode, 2); // no group id

        // Clear errors.
        const Run unknown = sqs(dir, {u"send"_s, u"Nope"_s, u"x"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(
                     "the queue Nope is not an AWS::SQS::Queue of template.yaml. Queues: Inbox, "),
                 unknown.err.constData());
        QCOMPARE(sqs(dir, {u"receive"_s, u"Nope"_s}).exitCode, 2);
        const Run control = sqs(dir, {u"send"_s, u"Inbox"_s, u"bad\x01"_s});
        QCOMPARE(control.exitCode, 2);
        QVERIFY(control.err.contains("InvalidMessageContents"));
        const Run badAttribute =
            sqs(dir, {u"send"_s, u"Inbox"_s, u"x"_s, u"--attribute"_s, u"AWS.x=1"_s});
        QCOMPARE(badAttribute.exitCode, 2);
        QCOMPARE(sqs(dir, {u"send"_s, u"Inbox"_s, u"x"_s, u"--delay-seconds"_s, u"901"_s}).exitCode,
                 2);
    }

    void anAsyncDeadLetterQueueIsTheSameQueue()
    {
        // A function's DeadLetterQueue and another's SQS event name one AWS::SQS::Queue: what
        // the async queue gives up on reaches the reader, with Lambda's DLQ attributes.
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Failed:
    Type: AWS::SQS::Queue
  Failing:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.fail
      Runtime: python3.12
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Failed.Arn
      EventInvokeConfig:
        MaximumRetryAttempts: 0
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.read
      Runtime: python3.12
      Events:
        Failures:
          Type: SQS
          Properties:
            Queue: !GetAtt Failed.Arn
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s), R"(def fail(event, context):
    raise ValueError('no stock for order %d' % event['order'])
def read(event, context):
    r = event['Records'][0]
    print('DLQ', r['body'], '|', r['messageAttributes']['ErrorMessage']['stringValue'])
)");
        Server server(dir, true); // lwb local start runs the event sources too
        QVERIFY2(server.waitFor(u"Event sources running"_s), qPrintable(server.err()));
        QProcess curl;
        curl.start(u"curl"_s, {u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s,
                               u"-X"_s, u"POST"_s, u"-H"_s, u"X-Amz-Invocation-Type: Event"_s,
                               u"-d"_s, u"{\"order\": 7}"_s,
                               server.endpoint() + u"/2015-03-31/functions/Failing/invocations"_s});
        QVERIFY(curl.waitForFinished(20000));
        QCOMPARE(curl.readAllStandardOutput(), QByteArray("202"));
        QVERIFY2(server.waitFor(u"DLQ \\{\"order\": 7\\} \\| no stock for order 7"_s),
                 qPrintable(server.err()));
    }

    void malformedTemplatesAndEventsAreRejected()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), kHeader + R"(  Broken:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 50000
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Missing.Arn
        maxReceiveCount: 0
  Fine:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        TooBig:
          Type: SQS
          Properties:
            Queue: !GetAtt Fine.Arn
            BatchSize: 20
        NotAQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Worker.Arn
        Good:
          Type: SQS
          Properties:
            Queue: !GetAtt Fine.Arn
            ScalingConfig:
              MaximumConcurrency: 1
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s),
                             "def handler(event, context):\n    return None\n");
        const Run listed = sqs(dir, {u"list"_s});
        QCOMPARE(listed.exitCode, 1);
        QVERIFY2(listed.err.contains(
                     "Resources.Broken.Properties.VisibilityTimeout: must be a whole number "
                     "from 0 to 43200, not 50000"),
                 listed.err.constData());
        QVERIFY(listed.err.contains(
            "Resources.Broken.Properties.RedrivePolicy.deadLetterTargetArn: 'Missing' "
            "is not an AWS::SQS::Queue of this template"));
        QVERIFY(listed.err.contains(
            "RedrivePolicy.maxReceiveCount: must be a whole number from 1 to 1000"));

        Server server(dir);
        QVERIFY2(server.waitFor(u"Running on"_s), qPrintable(server.err()));
        QVERIFY2(
            server.waitFor(
                u"Worker TooBig \\(SQS\\): BatchSize 20 needs MaximumBatchingWindowInSeconds of "
                "at least 1"_s),
            qPrintable(server.err()));
        QVERIFY(server.err().contains(
            u"Worker NotAQueue (SQS): Queue: 'Worker' is not an AWS::SQS::Queue of "
            "this template"_s));
        QVERIFY(server.err().contains(
            u"Worker Good (SQS): ScalingConfig.MaximumConcurrency must be a whole "
            "number from 2 to 1000, not 1"_s));
        QVERIFY(server.err().contains(u"Resources.Broken.Properties.VisibilityTimeout"_s));
    }
};

QTEST_GUILESS_MAIN(TestSqsPlugin)
#include "tst_sqsplugin.moc"
