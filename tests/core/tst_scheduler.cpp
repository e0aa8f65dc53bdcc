// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The admission policy alone, on a fake clock.
#include "engine/scheduler.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::Scheduler;

class TestScheduler : public QObject
{
    Q_OBJECT

    qint64 m_now = 0;
    Scheduler make(Scheduler::Config config = {})
    {
        return Scheduler(config, [this] { return m_now; });
    }

private Q_SLOTS:
    void init() { m_now = 1000000; }

    void reservedIsACap()
    {
        Scheduler s = make();
        QVERIFY(s.setReservedConcurrency(u"f"_s, 2));
        int cold = 0, throttled = 0;
        for (int i = 0; i < 6; ++i) {
            const auto d = s.decide(u"f"_s, {});
            if (d.kind == Scheduler::Kind::Throttle) {
                ++throttled;
                QCOMPARE(d.reason, u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
            } else {
                QCOMPARE(d.kind, Scheduler::Kind::Cold);
                s.started(u"f"_s, true, false);
                ++cold;
            }
        }
        QCOMPARE(cold, 2);
        QCOMPARE(throttled, 4);
        s.finished(u"f"_s, false);
        QCOMPARE(s.decide(u"f"_s, {1, 1, false}).kind, Scheduler::Kind::Warm);
    }

    void reservedZeroThrottlesEverything()
    {
        Scheduler s = make();
        QVERIFY(s.setReservedConcurrency(u"f"_s, 0));
        const auto d = s.decide(u"f"_s, {0, 5, false});
        QCOMPARE(d.kind, Scheduler::Kind::Throttle);
        QCOMPARE(d.reason, u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
    }

    void reservationIsAGuarantee()
    {
        Scheduler::Config config;
        config.accountConcurrency = 10;
        config.unreservedMinimum = 2;
        Scheduler s = make(config);
        QVERIFY(s.setReservedConcurrency(u"vip"_s, 4));
        QCOMPARE(s.unreservedLimit(), 6);
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(s.decide(u"other"_s, {}).kind, Scheduler::Kind::Cold);
            s.started(u"other"_s, true, false);
        }
        const auto d = s.decide(u"other"_s, {});
        QCOMPARE(d.kind, Scheduler::Kind::Throttle);
        QCOMPARE(d.reason, u"ConcurrentInvocationLimitExceeded"_s);
        // The unreserved pool is exhausted, the reservation still runs.
        QCOMPARE(s.decide(u"vip"_s, {}).kind, Scheduler::Kind::Cold);
    }

    void unreservedMinimumIsKept()
    {
        Scheduler s = make();
        QVERIFY(s.setReservedConcurrency(u"a"_s, 900));
        QString error;
        QVERIFY(!s.setReservedConcurrency(u"b"_s, 1, &error));
        QCOMPARE(error, u"Specified ReservedConcurrentExecutions for function decreases account's "
                        "UnreservedConcurrentExecution below its minimum value of [100]."_s);
        QVERIFY(s.setReservedConcurrency(u"a"_s, 899));
        QVERIFY(s.setReservedConcurrency(u"b"_s, 1));
    }

    void accountLimit()
    {
        Scheduler::Config config;
        config.accountConcurrency = 3;
        config.unreservedMinimum = 0;
        Scheduler s = make(config);
        for (const QString &f : {u"a"_s, u"b"_s, u"c"_s}) {
            QCOMPARE(s.decide(f, {}).kind, Scheduler::Kind::Cold);
            s.started(f, true, false);
        }
        QCOMPARE(s.decide(u"d"_s, {}).reason, u"ConcurrentInvocationLimitExceeded"_s);
        QCOMPARE(s.accountInFlight(), 3);
        s.finished(u"b"_s, false);
        QCOMPARE(s.decide(u"d"_s, {}).kind, Scheduler::Kind::Cold);
    }

    void warmBeforeColdAndProvisionedFirst()
    {
        Scheduler s = make();
        QCOMPARE(s.decide(u"f"_s, {0, 1, false}).kind, Scheduler::Kind::Warm);
        const auto provisioned = s.decide(u"f"_s, {1, 1, true});
        QCOMPARE(provisioned.kind, Scheduler::Kind::Warm);
        QVERIFY(provisioned.provisioned);
        const auto spill = s.decide(u"f"_s, {0, 0, true});
        QCOMPARE(spill.kind, Scheduler::Kind::Cold);
        QVERIFY(spill.spillover);
    }

    void scalingRate()
    {
        Scheduler::Config config;
        config.scalingLimit = 5;
        config.scalingWindowMs = 10000;
        Scheduler s = make(config);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(s.decide(u"f"_s, {}).kind, Scheduler::Kind::Cold);
            s.started(u"f"_s, true, false);
        }
        const auto d = s.decide(u"f"_s, {});
        QCOMPARE(d.kind, Scheduler::Kind::Throttle);
        QCOMPARE(d.reason, u"FunctionInvocationRateLimitExceeded"_s);
        // Warm environments are not limited by the scaling rate.
        QCOMPARE(s.decide(u"f"_s, {0, 1, false}).kind, Scheduler::Kind::Warm);
        m_now += 9999;
        QCOMPARE(s.decide(u"f"_s, {}).kind, Scheduler::Kind::Throttle);
        m_now += 1;
        QCOMPARE(s.decide(u"f"_s, {}).kind, Scheduler::Kind::Cold);
        // Other functions scale independently.
        QCOMPARE(s.decide(u"g"_s, {}).kind, Scheduler::Kind::Cold);
    }

    void reservedScalingReason()
    {
        Scheduler::Config config;
        config.scalingLimit = 1;
        Scheduler s = make(config);
        QVERIFY(s.setReservedConcurrency(u"f"_s, 10));
        s.started(u"f"_s, true, false);
        QCOMPARE(s.decide(u"f"_s, {}).reason, u"ReservedFunctionInvocationRateLimitExceeded"_s);
    }

    void changingReservationMovesRunningRequests()
    {
        Scheduler s = make();
        s.started(u"f"_s, true, false);
        s.started(u"f"_s, true, false);
        QCOMPARE(s.unreservedInFlight(), 2);
        QVERIFY(s.setReservedConcurrency(u"f"_s, 5));
        QCOMPARE(s.unreservedInFlight(), 0);
        QVERIFY(s.setReservedConcurrency(u"f"_s, std::nullopt));
        QCOMPARE(s.unreservedInFlight(), 2);
        s.removeFunction(u"f"_s);
        QCOMPARE(s.accountInFlight(), 0);
        QCOMPARE(s.unreservedInFlight(), 0);
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
