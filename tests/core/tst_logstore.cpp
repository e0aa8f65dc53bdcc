// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// LogStore and LogFilterPattern fed by a real Journal.
#include "engine/journal.h"
#include "telemetry/logfilterpattern.h"
#include "telemetry/logstore.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

constexpr qint64 kT0Us = 1700000040LL * 1000000;

struct Feed
{
    Journal journal;
    LogStore store;

    Feed()
    {
        QObject::connect(&journal, &Journal::recordAppended, &journal,
                         [this](const JournalRecord &r) { store.ingest(r); });
    }
    void environment(const QString &fn, const QString &env, const QString &stream, qint64 tUs)
    {
        JournalRecord r;
        r.kind = JournalKind::EnvironmentCreated;
        r.functionName = fn;
        r.environmentId = env;
        r.timeUs = tUs;
        r.data = {{"runtime", "python3.12"}, {"memoryMb", 128}, {"logStream", stream.toStdString()}};
        journal.append(r);
    }
    void line(const QString &fn, const QString &env, qint64 tUs, const QString &message, bool withStream = true,
              bool platform = false)
    {
        JournalRecord r;
        r.kind = JournalKind::LogLine;
        r.functionName = fn;
        r.environmentId = env;
        r.requestId = u"req"_s;
        r.timeUs = tUs;
        r.data = {{"message", message.toStdString()}, {"platform", platform}};
        if (withStream) {
            r.data["logStream"] = store.tracker().logStream(env).toStdString();
        }
        journal.append(r);
    }
};

QStringList messages(const std::vector<LogEvent> &events)
{
    QStringList m;
    for (const LogEvent &e : events) {
        m << e.message;
    }
    return m;
}

} // namespace

class TestLogStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupName()
    {
        QCOMPARE(LogStore::logGroupName(u"my-fn"_s), u"/aws/lambda/my-fn"_s);
    }

    void filterPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("matches");
        QTest::newRow("empty") << QString() << u"anything"_s << true;
        QTest::newRow("term") << u"ERROR"_s << u"[ERROR] ValueError: bad"_s << true;
        QTest::newRow("case-sensitive") << u"error"_s << u"[ERROR] ValueError"_s << false;
        QTest::newRow("and") << u"ERROR bad"_s << u"[ERROR] ValueError: bad value"_s << true;
        QTest::newRow("and-missing") << u"ERROR good"_s << u"[ERROR] ValueError: bad value"_s << false;
        QTest::newRow("phrase") << u"\"bad value\""_s << u"ValueError: bad value: 42"_s << true;
        QTest::newRow("phrase-order") << u"\"value bad\""_s << u"ValueError: bad value: 42"_s << false;
        QTest::newRow("or-first") << u"?ERROR ?WARN"_s << u"[ERROR] x"_s << true;
        QTest::newRow("or-second") << u"?ERROR ?WARN"_s << u"[WARN] x"_s << true;
        QTest::newRow("or-none") << u"?ERROR ?WARN"_s << u"[INFO] x"_s << false;
        QTest::newRow("or-quoted") << u"?\"timed out\" ?crash"_s << u"Task timed out after 3.00 seconds"_s << true;
        QTest::newRow("and-or") << u"REPORT ?timeout ?error"_s << u"REPORT RequestId: x\tStatus: timeout"_s << true;
        QTest::newRow("and-or-fails-and") << u"REPORT ?timeout"_s << u"END Status: timeout"_s << false;
        QTest::newRow("exclude") << u"ERROR -Retrying"_s << u"ERROR Retrying now"_s << false;
        QTest::newRow("exclude-ok") << u"ERROR -Retrying"_s << u"ERROR final"_s << true;
    }

    void filterPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, message);
        QFETCH(bool, matches);
        QCOMPARE(LogFilterPattern(pattern).matches(message), matches);
    }

    void filterPatternParts()
    {
        const LogFilterPattern p(u"  a \"b c\" ?d ?\"e f\" -g "_s);
        QCOMPARE(p.requiredTerms(), (QStringList{u"a"_s, u"b c"_s}));
        QCOMPARE(p.anyTerms(), (QStringList{u"d"_s, u"e f"_s}));
        QCOMPARE(p.excludedTerms(), QStringList{u"g"_s});
        QVERIFY(LogFilterPattern(u"   "_s).isEmpty());
    }

    void streamsPerEnvironmentNewestFirst()
    {
        Feed f;
        f.environment(u"fn"_s, u"e1"_s, u"2026/01/01/[$LATEST]aaaa"_s, kT0Us);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 1, u"START RequestId: req Version: $LATEST"_s, true, true);
        f.environment(u"fn"_s, u"e2"_s, u"2026/01/01/[$LATEST]bbbb"_s, kT0Us + 10);
        f.line(u"fn"_s, u"e2"_s, kT0Us + 11, u"hello from e2"_s);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 20, u"hello again from e1"_s);
        // END/REPORT come without a stream: they go to their environment's.
        f.line(u"fn"_s, u"e1"_s, kT0Us + 21, u"END RequestId: req"_s, false, true);
        f.environment(u"other"_s, u"e3"_s, u"2026/01/01/[$LATEST]cccc"_s, kT0Us + 30);

        const auto streams = f.store.streams(u"fn"_s);
        QCOMPARE(streams.size(), size_t(2));
        QCOMPARE(streams[0].name, u"2026/01/01/[$LATEST]aaaa"_s); // its last event is the newest
        QCOMPARE(streams[0].eventCount, 3);
        QCOMPARE(streams[0].lastEventUs, kT0Us + 21);
        QCOMPARE(streams[0].environmentId, u"e1"_s);
        QCOMPARE(streams[1].name, u"2026/01/01/[$LATEST]bbbb"_s);
        QCOMPARE(f.store.functions(), (QStringList{u"fn"_s, u"other"_s}));
        QVERIFY(f.store.streams(u"other"_s).front().eventCount == 0);

        LogQuery q;
        q.functionName = u"fn"_s;
        q.logStream = u"2026/01/01/[$LATEST]aaaa"_s;
        const auto events = f.store.events(q);
        QCOMPARE(messages(events), (QStringList{u"START RequestId: req Version: $LATEST"_s,
                                                u"hello again from e1"_s, u"END RequestId: req"_s}));
        QVERIFY(events[0].platform);
        QVERIFY(!events[1].platform);
        QCOMPARE(events[2].logStream, u"2026/01/01/[$LATEST]aaaa"_s);
    }

    void searchTimeRangeAndTail()
    {
        Feed f;
        f.environment(u"fn"_s, u"e1"_s, u"s1"_s, kT0Us);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 1000, u"[INFO] one"_s);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 2000, u"[ERROR] two"_s);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 3000, u"[WARN] three"_s);
        f.line(u"fn"_s, u"e1"_s, kT0Us + 4000, u"[ERROR] four"_s);

        LogQuery q;
        q.functionName = u"fn"_s;
        q.filterPattern = u"ERROR"_s;
        QCOMPARE(messages(f.store.events(q)), (QStringList{u"[ERROR] two"_s, u"[ERROR] four"_s}));
        q.filterPattern = u"?WARN ?INFO"_s;
        QCOMPARE(messages(f.store.events(q)), (QStringList{u"[INFO] one"_s, u"[WARN] three"_s}));
        q.filterPattern.clear();
        q.startMs = (kT0Us + 2000) / 1000;
        q.endMs = (kT0Us + 4000) / 1000;
        QCOMPARE(messages(f.store.events(q)), (QStringList{u"[ERROR] two"_s, u"[WARN] three"_s}));
        q = {};
        q.limit = 1;
        QCOMPARE(messages(f.store.events(q)), QStringList{u"[ERROR] four"_s});
        q = {};
        const qint64 seen = f.store.events(q).back().id;
        f.line(u"fn"_s, u"e1"_s, kT0Us + 5000, u"five"_s);
        q.afterId = seen;
        QCOMPARE(messages(f.store.events(q)), QStringList{u"five"_s});
        q = {};
        q.functionName = u"nope"_s;
        QVERIFY(f.store.events(q).empty());
    }

    void boundedMemory()
    {
        Feed f;
        f.store.setMaxEvents(2);
        for (int i = 0; i < 5; ++i) {
            f.line(u"fn"_s, u"e"_s, kT0Us + i, QString::number(i));
        }
        QCOMPARE(messages(f.store.events({})), (QStringList{u"3"_s, u"4"_s}));
    }
};

QTEST_GUILESS_MAIN(TestLogStore)
#include "tst_logstore.moc"
