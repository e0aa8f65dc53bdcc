// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduleexpression.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::Schedule::ScheduleExpression;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QStringList fireTimes(const QString &expression, const QString &after, int count,
                      const QTimeZone &zone = QTimeZone::utc())
{
    QString error;
    const auto e = ScheduleExpression::parse(expression, &error, zone);
    if (!e) {
        return {u"ERROR "_s + error};
    }
    QStringList out;
    for (const QDateTime &t : e->nextFireTimes(utc(after), count)) {
        out << t.toUTC().toString(Qt::ISODate);
    }
    return out;
}

} // namespace

class TestScheduleExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fireTimes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("expected");
        // Examples of EventBridge's documentation (2026-11-27 is a Friday).
        QTest::newRow("rate minutes") << u"rate(5 minutes)"_s << u"2026-11-27T10:00:30"_s
                                      << QStringList{u"2026-11-27T10:05:30Z"_s, u"2026-11-27T10:10:30Z"_s};
        QTest::newRow("rate 1 day") << u"rate(1 day)"_s << u"2026-11-27T10:00:00"_s
                                    << QStringList{u"2026-11-28T10:00:00Z"_s, u"2026-11-29T10:00:00Z"_s};
        QTest::newRow("10:15 daily") << u"cron(15 10 * * ? *)"_s << u"2026-11-27T10:15:00"_s
                                     << QStringList{u"2026-11-28T10:15:00Z"_s, u"2026-11-29T10:15:00Z"_s};
        QTest::newRow("18:00 weekdays") << u"cron(0 18 ? * MON-FRI *)"_s << u"2026-11-27T18:30:00"_s
                                        << QStringList{u"2026-11-30T18:00:00Z"_s, u"2026-12-01T18:00:00Z"_s};
        QTest::newRow("8:00 first of month") << u"cron(0 8 1 * ? *)"_s << u"2026-11-27T00:00:00"_s
                                             << QStringList{u"2026-12-01T08:00:00Z"_s, u"2027-01-01T08:00:00Z"_s};
        QTest::newRow("every 10 min weekdays") << u"cron(0/10 * ? * MON-FRI *)"_s << u"2026-11-27T23:45:00"_s
                                               << QStringList{u"2026-11-27T23:50:00Z"_s, u"2026-11-30T00:00:00Z"_s};
        QTest::newRow("every 5 min 8-17:55 weekdays") << u"cron(0/5 8-17 ? * MON-FRI *)"_s << u"2026-11-27T17:56:00"_s
                                                      << QStringList{u"2026-11-30T08:00:00Z"_s, u"2026-11-30T08:05:00Z"_s};
        QTest::newRow("first Monday 9:00") << u"cron(0 9 ? * 2#1 *)"_s << u"2026-11-27T00:00:00"_s
                                           << QStringList{u"2026-12-07T09:00:00Z"_s, u"2027-01-04T09:00:00Z"_s};
        QTest::newRow("last day of month") << u"cron(0 0 L * ? *)"_s << u"2026-11-27T00:00:00"_s
                                           << QStringList{u"2026-11-30T00:00:00Z"_s, u"2026-12-31T00:00:00Z"_s,
                                                          u"2027-01-31T00:00:00Z"_s, u"2027-02-28T00:00:00Z"_s};
        QTest::newRow("last Friday") << u"cron(0 12 ? * 6L *)"_s << u"2026-11-01T00:00:00"_s
                                     << QStringList{u"2026-11-27T12:00:00Z"_s, u"2026-12-25T12:00:00Z"_s};
        QTest::newRow("L in day-of-week is Saturday") << u"cron(0 12 ? * L *)"_s << u"2026-11-27T00:00:00"_s
                                                      << QStringList{u"2026-11-28T12:00:00Z"_s};
        // 2026-11-15 is a Sunday → Monday 16th; 2027-05-01 a Saturday → Monday 3rd (not April).
        QTest::newRow("nearest weekday") << u"cron(0 6 15W * ? *)"_s << u"2026-11-01T00:00:00"_s
                                         << QStringList{u"2026-11-16T06:00:00Z"_s, u"2026-12-15T06:00:00Z"_s};
        QTest::newRow("1W on a Saturday") << u"cron(0 6 1W 5 ? 2027)"_s << u"2026-11-01T00:00:00"_s
                                          << QStringList{u"2027-05-03T06:00:00Z"_s};
        QTest::newRow("last weekday") << u"cron(0 6 LW * ? *)"_s << u"2027-01-01T00:00:00"_s
                                      << QStringList{u"2027-01-29T06:00:00Z"_s, u"2027-02-26T06:00:00Z"_s};
        QTest::newRow("29 Feb") << u"cron(0 0 29 FEB ? *)"_s << u"2026-11-27T00:00:00"_s
                                << QStringList{u"2028-02-29T00:00:00Z"_s, u"2032-02-29T00:00:00Z"_s};
        QTest::newRow("years end") << u"cron(0 0 1 1 ? 2027-2028)"_s << u"2026-11-27T00:00:00"_s
                                   << QStringList{u"2027-01-01T00:00:00Z"_s, u"2028-01-01T00:00:00Z"_s};
        QTest::newRow("at") << u"at(2026-12-24T18:00:00)"_s << u"2026-11-27T00:00:00"_s
                            << QStringList{u"2026-12-24T18:00:00Z"_s};
        QTest::newRow("at in the past") << u"at(2020-01-01T00:00:00)"_s << u"2026-11-27T00:00:00"_s
                                        << QStringList{};
    }

    void fireTimes()
    {
        QFETCH(QString, expression);
        QFETCH(QString, after);
        QFETCH(QStringList, expected);
        QCOMPARE(::fireTimes(expression, after, int(std::max<qsizetype>(expected.size(), 1))), expected);
    }

    void timeZones()
    {
        // 9:00 in New York: 14:00 UTC in winter, 13:00 UTC in summer (DST from 14 March 2027).
        const QTimeZone ny("America/New_York");
        QVERIFY(ny.isValid());
        QCOMPARE(::fireTimes(u"cron(0 9 ? * MON *)"_s, u"2027-03-05T00:00:00"_s, 2, ny),
                 (QStringList{u"2027-03-08T14:00:00Z"_s, u"2027-03-15T13:00:00Z"_s}));
        QCOMPARE(::fireTimes(u"at(2026-12-24T18:00:00)"_s, u"2026-11-27T00:00:00"_s, 1, QTimeZone("Europe/Paris")),
                 QStringList{u"2026-12-24T17:00:00Z"_s});
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("why");
        QTest::newRow("plural for 1") << u"rate(1 minutes)"_s << u"singular"_s;
        QTest::newRow("singular for 5") << u"rate(5 minute)"_s << u"plural"_s;
        QTest::newRow("zero") << u"rate(0 minutes)"_s << u"positive"_s;
        QTest::newRow("seconds") << u"rate(30 seconds)"_s << u"minute(s)"_s;
        QTest::newRow("five fields") << u"cron(0 12 * * ?)"_s << u"six fields"_s;
        QTest::newRow("both days") << u"cron(0 12 * * MON *)"_s << u"must be ?"_s;
        QTest::newRow("both ?") << u"cron(0 12 ? * ? *)"_s << u"must be ?"_s;
        QTest::newRow("minute 60") << u"cron(60 12 * * ? *)"_s << u"minutes"_s;
        QTest::newRow("month 13") << u"cron(0 12 1 13 ? *)"_s << u"month"_s;
        QTest::newRow("bad name") << u"cron(0 12 ? * FUNDAY *)"_s << u"day-of-week"_s;
        QTest::newRow("year 2200") << u"cron(0 0 1 1 ? 2200)"_s << u"year"_s;
        QTest::newRow("never") << u"cron(0 0 31 FEB ? *)"_s << u"never fires"_s;
        QTest::newRow("garbage") << u"every day"_s << u"rate(value unit)"_s;
    }

    void invalid()
    {
        QFETCH(QString, expression);
        QFETCH(QString, why);
        QString error;
        QVERIFY(!ScheduleExpression::parse(expression, &error));
        QVERIFY2(error.contains(why), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestScheduleExpression)
#include "tst_scheduleexpression.moc"
