// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb logs`, `lwb metrics` and `lwb cost` as a user runs them, against a telemetry store this
// test writes through a TelemetryRecorder (as `lwb local start-lambda` does in another process).
#include "engine/journal.h"
#include "telemetry/telemetryrecorder.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString lwbPath()
{
    return QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s;
}

Run lwb(const QStringList &args)
{
    QProcess p;
    p.start(lwbPath(), args);
    p.waitForStarted();
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

nlohmann::json parse(const QByteArray &out)
{
    return nlohmann::json::parse(out.toStdString(), nullptr, false);
}

constexpr auto kStream = "2026/08/01/[$LATEST]0123456789abcdef0123456789abcdef";

} // namespace

class TestTelemetryCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_template;
    Journal m_journal;
    TelemetryRecorder *m_recorder = nullptr;
    qint64 m_t0 = 0;

    void append(JournalKind kind, const QString &req, qint64 tUs, nlohmann::json data)
    {
        JournalRecord r;
        r.kind = kind;
        r.functionName = u"hello-fn"_s;
        r.environmentId = u"env1"_s;
        r.requestId = req;
        r.timeUs = tUs;
        r.data = std::move(data);
        m_journal.append(r);
    }
    void line(const QString &req, qint64 tUs, const std::string &message, bool withStream = true)
    {
        nlohmann::json data = {{"message", message}, {"platform", false}};
        if (withStream) {
            data["logStream"] = kStream;
        }
        append(JournalKind::LogLine, req, tUs, data);
    }
    void invocation(const QString &req, qint64 tUs, bool error)
    {
        append(JournalKind::InvokeStarted, req, tUs, {{"coldStart", false}, {"version", "$LATEST"}});
        line(req, tUs + 1, "START RequestId: " + req.toStdString() + " Version: $LATEST");
        line(req, tUs + 2, error ? "[ERROR] ValueError: bad value: 42" : "[INFO] all good");
        append(JournalKind::InvokeFinished, req, tUs + 99000,
               {{"status", error ? "error" : "success"}, {"errorType", error ? "ValueError" : ""},
                {"durationMs", 99.0}, {"billedDurationMs", 100}, {"memorySizeMb", 128},
                {"maxMemoryUsedMb", 40}, {"coldStart", false}});
        line(req, tUs + 99001, "END RequestId: " + req.toStdString(), false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(lwbPath()));
        m_template = m_dir.filePath(u"template.yaml"_s);
        QFile f(m_template);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("AWSTemplateFormatVersion: '2010-09-09'\n"
                "Transform: AWS::Serverless-2016-10-31\n"
                "Resources:\n"
                "  HelloFunction:\n"
                "    Type: AWS::Serverless::Function\n"
                "    Properties:\n"
                "      FunctionName: hello-fn\n"
                "      CodeUri: " LWB_SOURCE_DIR "/resources/samples/runtimes-fixtures/python-globals\n"
                "      Handler: app.handler\n"
                "      Runtime: python3.11\n");
        f.close();
        m_recorder = new TelemetryRecorder(&m_journal, m_dir.filePath(u".lwb"_s), this);
        QVERIFY2(m_recorder->isOpen(), qPrintable(m_recorder->errorString()));
        m_t0 = Journal::nowUs() - 30'000'000;
        append(JournalKind::EnvironmentCreated, {}, m_t0,
               {{"runtime", "python3.11"}, {"memoryMb", 128}, {"logStream", kStream}});
        invocation(u"11111111-1111-1111-1111-111111111111"_s, m_t0 + 1'000'000, false);
        invocation(u"22222222-2222-2222-2222-222222222222"_s, m_t0 + 2'000'000, false);
        invocation(u"33333333-3333-3333-3333-333333333333"_s, m_t0 + 3'000'000, true);
        QVERIFY(m_recorder->flush());
    }

    void logsPrintsStreamTimeMessage()
    {
        const Run r = lwb({u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY2(lines.size() == 9, r.out.constData()); // START, a line, END × 3
        static const QRegularExpression shape(
            u"^2026/08/01/\\[\\$LATEST\\][0-9a-f]{32} \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .+$"_s);
        for (const QByteArray &l : lines) {
            QVERIFY2(shape.match(QString::fromUtf8(l)).hasMatch(), l.constData());
        }
        QVERIFY(lines[0].endsWith("START RequestId: 11111111-1111-1111-1111-111111111111 Version: $LATEST"));
        QVERIFY(lines[2].endsWith("END RequestId: 11111111-1111-1111-1111-111111111111")); // stream from the env
    }

    void logsFilterAndRange()
    {
        Run r = lwb({u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"--filter"_s, u"ERROR"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed().split('\n').size(), 1);
        QVERIFY(r.out.contains("[ERROR] ValueError: bad value: 42"));
        r = lwb({u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"--filter"_s,
                 u"?ERROR ?\"all good\""_s});
        QCOMPARE(r.out.trimmed().split('\n').size(), 3);
        r = lwb({u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"-s"_s, u"2h ago"_s, u"-e"_s,
                 u"1h ago"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        r = lwb({u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"-s"_s, u"not a time"_s});
        QCOMPARE(r.exitCode, 2);
        r = lwb({u"logs"_s, u"-n"_s, u"Nope"_s, u"-t"_s, m_template});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no logs of Nope"));
    }

    void noStoreYet()
    {
        QTemporaryDir empty;
        const Run r = lwb({u"logs"_s, u"-t"_s, empty.filePath(u"template.yaml"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no telemetry at"));
        QCOMPARE(lwb({u"metrics"_s, u"-t"_s, empty.filePath(u"template.yaml"_s)}).exitCode, 1);
        QCOMPARE(lwb({u"cost"_s, u"-t"_s, empty.filePath(u"template.yaml"_s)}).exitCode, 1);
    }

    void logsTailFollowsNewEvents()
    {
        QProcess p;
        p.start(lwbPath(), {u"logs"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"--tail"_s});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).count('\n') >= 9, 10000);
        line(u"44444444-4444-4444-4444-444444444444"_s, Journal::nowUs(), "tail me");
        // The recorder flushes on its own (100 ms), the tail polls (250 ms).
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains(" tail me\n"), 5000);
        QCOMPARE(p.state(), QProcess::Running);
        p.kill();
        p.waitForFinished();
    }

    void metricsTableAndJson()
    {
        Run r = lwb({u"metrics"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template, u"--output"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const nlohmann::json j = parse(r.out);
        QVERIFY2(!j.is_discarded(), r.out.constData());
        QCOMPARE(j["period"].get<int>(), 60);
        const auto &fn = j["functions"]["hello-fn"];
        double invocations = 0, errors = 0;
        for (const auto &d : fn["Invocations"][""]) {
            invocations += d["sum"].get<double>();
        }
        for (const auto &d : fn["Errors"][""]) {
            errors += d["sum"].get<double>();
        }
        QCOMPARE(invocations, 3.0);
        QCOMPARE(errors, 1.0);
        QCOMPARE(fn["Duration"][""][0]["p99"].get<double>(), 99.0);
        QCOMPARE(fn["ConcurrentExecutions"][""][0]["maximum"].get<double>(), 1.0);

        r = lwb({u"metrics"_s, u"-t"_s, m_template, u"--period"_s, u"1"_s, u"--since"_s, u"15m"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Function hello-fn"));
        QVERIFY(r.out.contains("Account"));
        QVERIFY(r.out.contains("period 1 s"));
        QCOMPARE(r.out.count(" Invocations "), 3); // one per second with an invocation
        QVERIFY(r.out.contains(" ConcurrentExecutions "));
        QVERIFY(r.out.contains(" P99"));

        QCOMPARE(lwb({u"metrics"_s, u"-t"_s, m_template, u"--period"_s, u"0"_s}).exitCode, 2);
        QCOMPARE(lwb({u"metrics"_s, u"-t"_s, m_template, u"--since"_s, u"soon"_s}).exitCode, 2);
    }

    void costPerInvocationAndTotal()
    {
        Run r = lwb({u"cost"_s, u"-t"_s, m_template, u"--output"_s, u"json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const nlohmann::json j = parse(r.out);
        QVERIFY2(!j.is_discarded(), r.out.constData());
        // 128 MB × 100 ms = 0.0125 GB-s; x86_64 $0.0000166667/GB-s + $0.20 per 1M requests.
        const double each = 0.0000002 + 0.0125 * 0.0000166667;
        QCOMPARE(j["invocations"].size(), size_t(3));
        QCOMPARE(j["invocations"][0]["costUsd"].get<double>(), each);
        QCOMPARE(j["invocations"][0]["billedDurationMs"].get<int>(), 100);
        QCOMPARE(j["total"]["requests"].get<int>(), 3);
        QCOMPARE(j["total"]["totalUsd"].get<double>(), 3 * each);
        QCOMPARE(j["sinceEngineStarted"]["requests"].get<int>(), 3);
        QCOMPARE(j["functions"]["hello-fn"]["requests"].get<int>(), 3);
        QCOMPARE(j["prices"]["perRequest"].get<double>(), 0.0000002);
        QCOMPARE(j["prices"]["freeTierApplied"].get<bool>(), false);

        r = lwb({u"cost"_s, u"-n"_s, u"HelloFunction"_s, u"-t"_s, m_template});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("$0.2 per 1M"));
        QVERIFY(r.out.contains("free tier (not applied)"));
        QVERIFY(r.out.contains("33333333-3333-3333-3333-333333333333"));
        QVERIFY(r.out.contains(QString::number(3 * each, 'f', 10).toUtf8()));
        QCOMPARE(lwb({u"cost"_s, u"-n"_s, u"Nope"_s, u"-t"_s, m_template}).out.count("\n  Nope"), 0);
    }
};

QTEST_GUILESS_MAIN(TestTelemetryCli)
#include "tst_telemetrycli.moc"
