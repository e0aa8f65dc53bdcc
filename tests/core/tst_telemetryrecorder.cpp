// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// TelemetryRecorder end to end: a real Engine on the runtime fixtures writing
// .lwb/telemetry.sqlite, read back through a second connection as `lwb logs` would.
#include "engine/engine.h"
#include "engine/journal.h"
#include "telemetry/telemetryrecorder.h"
#include "telemetry/telemetrystore.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

FunctionConfig fixture(const QString &name)
{
    FunctionConfig f;
    f.logicalId = name;
    f.functionName = name;
    f.runtime = u"python3.11"_s;
    f.handler = u"app.handler"_s;
    f.codeDir = QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/"_s + name;
    return f;
}

InvokeResult invokeSync(Engine &engine, const QString &function)
{
    InvokeRequest request;
    request.functionName = function;
    std::optional<InvokeResult> result;
    engine.invoke(request, [&result](const InvokeResult &r) { result = r; });
    [&] { QVERIFY2(QTest::qWaitFor([&] { return result.has_value(); }, 60000), "invoke never finished"); }();
    return result.value_or(InvokeResult{});
}

double sumOf(const std::vector<MetricDatapoint> &points)
{
    double sum = 0;
    for (const MetricDatapoint &d : points) {
        sum += d.sum;
    }
    return sum;
}

JournalRecord logLine(const QString &fn, const QString &stream, const QString &message, qint64 tUs = 0)
{
    JournalRecord r;
    r.kind = JournalKind::LogLine;
    r.functionName = fn;
    r.environmentId = u"env"_s;
    r.timeUs = tUs;
    r.data = {{"message", message.toStdString()}, {"platform", false}, {"logStream", stream.toStdString()}};
    return r;
}

} // namespace

class TestTelemetryRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void engineEndToEnd()
    {
        QTemporaryDir dir;
        const QString stateDir = dir.filePath(u".lwb"_s);
        const qint64 beforeMs = QDateTime::currentMSecsSinceEpoch() - 1000;
        {
            Engine engine;
            engine.setFunctions({fixture(u"python-globals"_s), fixture(u"python-raise"_s)});
            auto *recorder = new TelemetryRecorder(&engine, stateDir, &engine);
            QVERIFY2(recorder->isOpen(), qPrintable(recorder->errorString()));
            QCOMPARE(recorder->databasePath(), stateDir + u"/telemetry.sqlite"_s);
            QVERIFY(!invokeSync(engine, u"python-globals"_s).functionError);
            QVERIFY(!invokeSync(engine, u"python-globals"_s).functionError);
            QVERIFY(invokeSync(engine, u"python-raise"_s).functionError);
            QCOMPARE(recorder->costs().total().requests, 3);
            QVERIFY(recorder->costs().total().totalUsd() > 0);

            // Another connection (another process) sees the data without an explicit flush.
            TelemetryStore reader;
            QVERIFY(reader.open(TelemetryStore::pathForStateDir(stateDir)));
            QTRY_COMPARE_WITH_TIMEOUT(reader.invocations({}).size(), size_t(3), 1000);
            engine.shutdownAll();
        }
        const qint64 afterMs = QDateTime::currentMSecsSinceEpoch() + 1000;

        TelemetryStore store;
        QString error;
        QVERIFY2(store.open(TelemetryStore::pathForStateDir(stateDir), &error), qPrintable(error));
        QCOMPARE(store.functions(), (QStringList{u"python-globals"_s, u"python-raise"_s}));
        QCOMPARE(store.sessions().size(), size_t(1));

        // Invocations and errors.
        const auto invocations = store.invocations({});
        QCOMPARE(invocations.size(), size_t(3));
        int errors = 0;
        double cost = 0;
        for (const StoredInvocation &i : invocations) {
            errors += i.facts.isError() ? 1 : 0;
            QVERIFY(i.facts.billedDurationMs >= qint64(i.facts.durationMs));
            QCOMPARE(i.facts.memorySizeMb, 128);
            QVERIFY(i.cost.totalUsd() > 0);
            QVERIFY(i.facts.logStream.contains(u"[$LATEST]"_s));
            cost += i.cost.totalUsd();
        }
        QCOMPARE(errors, 1);
        QVERIFY(cost > 0);
        QVERIFY(invocations.front().facts.coldStart);
        const auto raised = store.invocations(u"python-raise"_s);
        QCOMPARE(raised.size(), size_t(1));
        QCOMPARE(raised[0].facts.status, u"error"_s);
        QCOMPARE(raised[0].facts.errorType, u"ValueError"_s);

        // Metrics, read back through the same MetricStore queries the GUI uses.
        MetricStore metrics;
        store.loadMetrics(metrics, {}, beforeMs, afterMs);
        auto sum = [&](Metric m, const QString &fn) {
            return sumOf(metrics.query({m, fn, {}, 60, beforeMs, afterMs}));
        };
        QCOMPARE(sum(Metric::Invocations, u"python-globals"_s) + sum(Metric::Invocations, u"python-raise"_s), 3.0);
        QCOMPARE(sum(Metric::Errors, u"python-raise"_s), 1.0);
        QCOMPARE(sum(Metric::Errors, u"python-globals"_s), 0.0);
        const auto duration = metrics.query({Metric::Duration, u"python-globals"_s, {}, 3600, beforeMs, afterMs});
        QCOMPARE(duration.size(), size_t(1));
        QCOMPARE(duration[0].sampleCount, 2.0);
        QVERIFY(duration[0].p99.has_value());
        const auto concurrency = metrics.query({Metric::ConcurrentExecutions, u"python-globals"_s, {}, 3600,
                                                beforeMs, afterMs});
        QCOMPARE(concurrency.size(), size_t(1));
        QCOMPARE(concurrency[0].maximum, 1.0);

        // Logs: one stream per environment, platform lines included, search works.
        const auto streams = store.logStreams(u"python-globals"_s);
        QCOMPARE(streams.size(), size_t(1));
        QVERIFY(streams[0].name.contains(
            QRegularExpression(u"^\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}$"_s)));
        LogQuery q;
        q.functionName = u"python-globals"_s;
        const auto events = store.logEvents(q);
        QVERIFY(events.size() >= 6); // INIT_START, 2 × (START, END, REPORT)
        for (const LogEvent &e : events) {
            QCOMPARE(e.logStream, streams[0].name); // END/REPORT too
        }
        QCOMPARE(streams[0].eventCount, qint64(events.size()));
        q.filterPattern = u"REPORT \"Init Duration\""_s;
        QCOMPARE(store.logEvents(q).size(), size_t(1));
        q.functionName = u"python-raise"_s;
        q.filterPattern = u"ValueError \"bad value: 42\""_s;
        QVERIFY(!store.logEvents(q).empty());
        q.filterPattern = u"?Traceback ?nothing-like-this"_s;
        QVERIFY(!store.logEvents(q).empty());
        q.filterPattern = u"nothing-like-this"_s;
        QVERIFY(store.logEvents(q).empty());
    }

    void visibleToReadersWithinHalfASecond()
    {
        QTemporaryDir dir;
        Journal journal;
        TelemetryRecorder recorder(&journal, dir.path());
        QVERIFY(recorder.isOpen());
        TelemetryStore reader;
        QVERIFY(reader.open(TelemetryStore::pathForStateDir(dir.path())));
        QElapsedTimer timer;
        timer.start();
        journal.append(logLine(u"fn"_s, u"s1"_s, u"hello"_s));
        QTRY_COMPARE_WITH_TIMEOUT(reader.logEvents({}).size(), size_t(1), 500);
        QVERIFY(timer.elapsed() < 500);
        QCOMPARE(reader.logEvents({}).front().message, u"hello"_s);
        QCOMPARE(reader.logStreams(u"fn"_s).size(), size_t(1));
    }

    void aJournalThatKeepsNothingStillFeedsItsObservers()
    {
        // lwb local start-api / start-lambda and the GUI keep no records in the journal.
        QTemporaryDir dir;
        Journal journal;
        journal.setCapacity(0);
        TelemetryRecorder recorder(&journal, dir.path());
        std::vector<quint64> seen;
        connect(&journal, &Journal::recordAppended, this,
                [&seen](const JournalRecord &r) { seen.push_back(r.sequence); });
        const quint64 first = journal.append(logLine(u"fn"_s, u"s1"_s, u"one"_s));
        const quint64 second = journal.append(logLine(u"fn"_s, u"s1"_s, u"two"_s));
        QCOMPARE(second, first + 1);
        QCOMPARE(seen, (std::vector<quint64>{first, second}));
        QVERIFY(journal.records().empty());
        QVERIFY(journal.recordsSince(0).empty());
        QVERIFY(recorder.flush());
        TelemetryStore reader;
        QVERIFY(reader.open(TelemetryStore::pathForStateDir(dir.path())));
        const auto events = reader.logEvents({});
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events.back().message, u"two"_s);
    }

    void tenThousandRecordsInFewTransactions()
    {
        QTemporaryDir dir;
        Journal journal;
        TelemetryRecorder recorder(&journal, dir.path());
        int flushes = 0;
        connect(&recorder, &TelemetryRecorder::flushed, this, [&flushes] { ++flushes; });
        QElapsedTimer timer;
        timer.start();
        const qint64 t0 = Journal::nowUs();
        for (int i = 0; i < 10000; ++i) {
            journal.append(logLine(u"fn"_s, u"s%1"_s.arg(i % 4), u"line %1"_s.arg(i), t0 + i));
        }
        recorder.flush();
        const qint64 elapsedMs = timer.elapsed();
        qInfo("10,000 log records written in %lld ms, %d transactions", elapsedMs, flushes);
        QVERIFY2(elapsedMs < 3000, qPrintable(QString::number(elapsedMs)));
        QTRY_COMPARE(flushes, 2); // one transaction per 5,000 records (reported asynchronously)
        TelemetryStore reader;
        QVERIFY(reader.open(TelemetryStore::pathForStateDir(dir.path())));
        QCOMPARE(reader.logEvents({}).size(), size_t(10000));
        LogQuery q;
        q.logStream = u"s3"_s;
        QCOMPARE(reader.logEvents(q).size(), size_t(2500));
        QCOMPARE(reader.logStreams(u"fn"_s).size(), size_t(4));
        QCOMPARE(reader.logStreams(u"fn"_s).front().name, u"s3"_s); // the newest last event
        QCOMPARE(reader.logStreams(u"fn"_s).front().eventCount, 2500);
    }

    void retentionKeepsTheNewestRows()
    {
        QTemporaryDir dir;
        {
            Journal journal;
            TelemetryRecorder recorder(&journal, dir.path());
            const qint64 t0 = Journal::nowUs();
            for (int i = 0; i < 3000; ++i) {
                journal.append(logLine(u"fn"_s, u"s"_s, u"line %1"_s.arg(i), t0 + i));
            }
            recorder.flush();
        }
        TelemetryStore store;
        QVERIFY(store.open(TelemetryStore::pathForStateDir(dir.path())));
        QVERIFY(store.prune(1000));
        const auto events = store.logEvents({});
        QCOMPARE(events.size(), size_t(1000));
        QCOMPARE(events.back().message, u"line 2999"_s);
        QCOMPARE(events.front().message, u"line 2000"_s);
        // A new engine applies the limit when it opens the store (LWB_TELEMETRY_MAX_ROWS).
        qputenv("LWB_TELEMETRY_MAX_ROWS", "10");
        {
            Journal journal;
            TelemetryRecorder recorder(&journal, dir.path());
        }
        qunsetenv("LWB_TELEMETRY_MAX_ROWS");
        QCOMPARE(store.logEvents({}).size(), size_t(10));
    }

    void aNewSessionClosesExecutionsLeftInFlight()
    {
        QTemporaryDir dir;
        const qint64 t0 = Journal::nowUs() - 10'000'000;
        {
            Journal journal;
            TelemetryRecorder recorder(&journal, dir.path());
            JournalRecord start;
            start.kind = JournalKind::InvokeStarted;
            start.functionName = u"fn"_s;
            start.requestId = u"r"_s;
            start.environmentId = u"e"_s;
            start.timeUs = t0;
            start.data = {{"coldStart", true}, {"version", "$LATEST"}};
            journal.append(start);
        } // the engine "dies" with one execution in flight
        Journal journal;
        TelemetryRecorder recorder(&journal, dir.path());
        QCOMPARE(recorder.sessionId(), 2);
        TelemetryStore reader;
        QVERIFY(reader.open(TelemetryStore::pathForStateDir(dir.path())));
        const qint64 laterMs = Journal::nowUs() / 1000 + 5000;
        MetricStore metrics;
        reader.loadMetrics(metrics, u"fn"_s, laterMs, laterMs + 60000);
        QVERIFY(metrics.query({Metric::ConcurrentExecutions, u"fn"_s, {}, 60, laterMs, laterMs + 60000}).empty());
        MetricStore before;
        reader.loadMetrics(before, u"fn"_s, t0 / 1000, laterMs);
        const auto points = before.query({Metric::ConcurrentExecutions, u"fn"_s, {}, 3600, t0 / 1000, laterMs});
        QVERIFY(!points.empty());
        QCOMPARE(points.front().maximum, 1.0);
    }

    void unwritableStateDirIsReported()
    {
        Journal journal;
        TelemetryRecorder recorder(&journal, u"/proc/nope/.lwb"_s);
        QVERIFY(!recorder.isOpen());
        QVERIFY(!recorder.errorString().isEmpty());
        journal.append(logLine(u"fn"_s, u"s"_s, u"x"_s)); // ignored, no crash
    }
};

QTEST_GUILESS_MAIN(TestTelemetryRecorder)
#include "tst_telemetryrecorder.moc"
