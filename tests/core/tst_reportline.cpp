// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/platformlog.h"
#include "engine/reportline.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;

class TestReportLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesWhatPlatformLogWrites_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("durationMs");
        QTest::addColumn<qint64>("billedMs");
        QTest::addColumn<int>("maxMemoryMb");
        QTest::addColumn<double>("initMs");
        QTest::addColumn<QString>("status");
        const QByteArray id = "REPORT RequestId: 8f5e3b1e-0000-4000-8000-000000000000\t";
        QTest::newRow("cold")
            << id + "Duration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\t"
                    "Max Memory Used: 41 MB\tInit Duration: 150.50 ms\t\n"
            << true << 12.34 << qint64(13) << 41 << 150.5 << QString();
        QTest::newRow("warm error")
            << id + "Duration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\t"
                    "Max Memory Used: 50 MB\tStatus: error\tError Type: Runtime.ExitError"
            << true << 2.0 << qint64(2) << 50 << -1.0 << u"error"_s;
        QTest::newRow("not a report") << QByteArray("END RequestId: x") << false << 0.0 << qint64(0)
                                      << 0 << -1.0 << QString();
        QTest::newRow("no duration")
            << id + "Billed Duration: 2 ms" << false << 0.0 << qint64(0) << 0 << -1.0 << QString();
        QTest::newRow("bad unit") << id + "Duration: 2.00 s\tBilled Duration: 2 ms" << false << 0.0
                                  << qint64(0) << 0 << -1.0 << QString();
        QTest::newRow("garbage") << QByteArray("REPORT RequestId: \t\t::\tDuration") << false << 0.0
                                 << qint64(0) << 0 << -1.0 << QString();
    }

    void parsesWhatPlatformLogWrites()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        const auto report = Lwb::ReportLine::find("START RequestId: x\n" + line);
        QCOMPARE(report.has_value(), valid);
        if (!valid) {
            return;
        }
        QFETCH(double, durationMs);
        QFETCH(qint64, billedMs);
        QFETCH(int, maxMemoryMb);
        QFETCH(double, initMs);
        QFETCH(QString, status);
        QCOMPARE(report->durationMs, durationMs);
        QCOMPARE(report->billedDurationMs, billedMs);
        QCOMPARE(report->maxMemoryUsedMb, maxMemoryMb);
        QCOMPARE(report->initDurationMs.value_or(-1.0), initMs);
        QCOMPARE(report->status, status);
        // What PlatformLog writes, ReportLine reads back.
        QCOMPARE(Lwb::ReportLine::parse(Lwb::PlatformLog::report(*report)).value().durationMs,
                 durationMs);
    }
};

QTEST_GUILESS_MAIN(TestReportLine)
#include "tst_reportline.moc"
