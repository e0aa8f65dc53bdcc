// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/platformlog.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::PlatformLog;

class TestPlatformLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startEnd()
    {
        QCOMPARE(PlatformLog::start(u"abc"_s, u"$LATEST"_s),
                 QByteArray("START RequestId: abc Version: $LATEST\n"));
        QCOMPARE(PlatformLog::end(u"abc"_s), QByteArray("END RequestId: abc\n"));
    }

    void report_data()
    {
        QTest::addColumn<double>("duration");
        QTest::addColumn<double>("init");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("errorType");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("warm") << 79.67 << -1.0 << QString() << QString()
                              << QByteArray("REPORT RequestId: r\tDuration: 79.67 ms\tBilled Duration: 80 ms\t"
                                            "Memory Size: 128 MB\tMax Memory Used: 73 MB\t\n");
        QTest::newRow("cold") << 79.67 << 203.69 << QString() << QString()
                              << QByteArray("REPORT RequestId: r\tDuration: 79.67 ms\tBilled Duration: 80 ms\t"
                                            "Memory Size: 128 MB\tMax Memory Used: 73 MB\tInit Duration: 203.69 ms\t\n");
        QTest::newRow("timeout") << 3000.0 << -1.0 << u"timeout"_s << QString()
                                 << QByteArray("REPORT RequestId: r\tDuration: 3000.00 ms\tBilled Duration: 80 ms\t"
                                               "Memory Size: 128 MB\tMax Memory Used: 73 MB\tStatus: timeout\n");
        QTest::newRow("oom") << 12.0 << -1.0 << u"error"_s << u"Runtime.OutOfMemory"_s
                             << QByteArray("REPORT RequestId: r\tDuration: 12.00 ms\tBilled Duration: 80 ms\t"
                                           "Memory Size: 128 MB\tMax Memory Used: 73 MB\tStatus: error\t"
                                           "Error Type: Runtime.OutOfMemory\n");
    }

    void report()
    {
        QFETCH(double, duration);
        QFETCH(double, init);
        QFETCH(QString, status);
        QFETCH(QString, errorType);
        QFETCH(QByteArray, expected);
        PlatformLog::Report r;
        r.requestId = u"r"_s;
        r.durationMs = duration;
        r.billedDurationMs = 80;
        r.memorySizeMb = 128;
        r.maxMemoryUsedMb = 73;
        if (init >= 0) {
            r.initDurationMs = init;
        }
        r.status = status;
        r.errorType = errorType;
        QCOMPARE(PlatformLog::report(r), expected);
    }

    void billedRoundsUp()
    {
        QCOMPARE(PlatformLog::billedMs(79.01), 80);
        QCOMPARE(PlatformLog::billedMs(80.0), 80);
        QCOMPARE(PlatformLog::billedMs(0.2), 1);
    }

    void initLines()
    {
        QCOMPARE(PlatformLog::initReport(229.224, u"init"_s, u"error"_s, u"Runtime.ImportModuleError"_s),
                 QByteArray("INIT_REPORT Init Duration: 229.22 ms\tPhase: init\tStatus: error\t"
                            "Error Type: Runtime.ImportModuleError\n"));
        QCOMPARE(PlatformLog::initStart(u"python:3.12"_s, u"arn:x"_s),
                 QByteArray("INIT_START Runtime Version: python:3.12\tRuntime Version ARN: arn:x\n"));
    }

    void timeoutLineAndDocument()
    {
        const QByteArray line = PlatformLog::timedOut(u"id"_s, 3, 0);
        QCOMPARE(line, QByteArray("1970-01-01T00:00:00.000Z id Task timed out after 3.00 seconds\n"));
        const auto doc = nlohmann::json::parse(PlatformLog::timeoutErrorDocument(u"id"_s, 3).toStdString());
        QCOMPARE(doc["errorType"].get<std::string>(), std::string("Sandbox.Timedout"));
        QCOMPARE(doc["errorMessage"].get<std::string>(),
                 std::string("RequestId: id Error: Task timed out after 3.00 seconds"));
    }

    void logStreamName()
    {
        const QString name = PlatformLog::logStreamName(u"$LATEST"_s, u"e6f4a0c4241adcd70c262d34c0bbc85c"_s,
                                                        1559934680000);
        QCOMPARE(name, u"2019/06/07/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c"_s);
    }

    void tailKeepsLastBytes()
    {
        const QByteArray log(10000, 'x');
        QCOMPARE(PlatformLog::tail(log).size(), 4096);
        QCOMPARE(PlatformLog::tail("short"), QByteArray("short"));
    }
};

QTEST_GUILESS_MAIN(TestPlatformLog)
#include "tst_platformlog.moc"
