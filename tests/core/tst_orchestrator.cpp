// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The engine between a request and a handler, with real processes: concurrency limits,
// throttles, provisioned concurrency and spillover, the scaling rate, versions and aliases,
// and the step gate.
#include "enginefixtures.h"

#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "engine/journal.h"
#include "engine/stepgate.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using namespace Lwb::Test;

namespace {

/** Fires @p count invokes at once and waits for all of them. */
QList<InvokeResult> invokeParallel(Engine &engine, const QString &function, int count,
                                   const QByteArray &payload, const QString &qualifier = {})
{
    QList<InvokeResult> results;
    for (int i = 0; i < count; ++i) {
        InvokeRequest request;
        request.functionName = function;
        request.payload = payload;
        request.qualifier = qualifier;
        engine.invoke(request, [&results](const InvokeResult &r) { results << r; });
    }
    [&] { QVERIFY(QTest::qWaitFor([&] { return results.size() == count; }, 60000)); }();
    return results;
}

} // namespace

class TestOrchestrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reservedConcurrencyCapsAndThrottles()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 10);
        f.reservedConcurrency = 2;
        engine.setFunctions({f});
        const QList<InvokeResult> results = invokeParallel(engine, u"python-sleep"_s, 6, R"({"seconds":1})");
        int ok = 0, throttled = 0;
        for (const InvokeResult &r : results) {
            if (r.httpStatus == 429) {
                ++throttled;
                QCOMPARE(r.serviceErrorCode, u"TooManyRequestsException"_s);
                QCOMPARE(r.throttleReason, u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
                QCOMPARE(json(r)["Reason"].get<std::string>(),
                         std::string("ReservedFunctionConcurrentInvocationLimitExceeded"));
                QCOMPARE(json(r)["message"].get<std::string>(), std::string("Rate Exceeded."));
            } else {
                QVERIFY2(!r.functionError, r.payload.constData());
                ++ok;
            }
        }
        QCOMPARE(ok, 2);
        QCOMPARE(throttled, 4);
        QCOMPARE(countKind(engine, JournalKind::EnvironmentCreated), 2);
        QCOMPARE(countKind(engine, JournalKind::RequestThrottled), 4);
    }

    void reservedZeroThrottlesEverything()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s);
        f.reservedConcurrency = 0;
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"python-hello"_s);
        QCOMPARE(r.httpStatus, 429);
        QCOMPARE(r.throttleReason, u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
        QVERIFY(engine.environments().isEmpty());
    }

    void accountLimit()
    {
        EngineOptions options;
        options.accountConcurrency = 3;
        options.unreservedMinimum = 0;
        Engine engine(options);
        engine.setFunctions({fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 10)});
        const QList<InvokeResult> results = invokeParallel(engine, u"python-sleep"_s, 5, R"({"seconds":1})");
        int throttled = 0;
        for (const InvokeResult &r : results) {
            if (r.httpStatus == 429) {
                ++throttled;
                QCOMPARE(r.throttleReason, u"ConcurrentInvocationLimitExceeded"_s);
            }
        }
        QCOMPARE(throttled, 2);
        QCOMPARE(engine.environments().size(), 3);
    }

    void warmEnvironmentsAreReusedBeforeNewOnes()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 10)});
        invokeParallel(engine, u"python-sleep"_s, 3, R"({"seconds":0.5})");
        QCOMPARE(engine.environments().size(), 3);
        const QList<InvokeResult> again = invokeParallel(engine, u"python-sleep"_s, 3, R"({"seconds":0})");
        for (const InvokeResult &r : again) {
            QVERIFY(!r.coldStart);
        }
        QCOMPARE(engine.environments().size(), 3);
    }

    void scalingRate()
    {
        EngineOptions options;
        options.scalingLimit = 2;
        options.scalingWindowMs = 1500;
        Engine engine(options);
        engine.setFunctions({fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 10)});
        QElapsedTimer clock;
        clock.start();
        const QList<InvokeResult> results = invokeParallel(engine, u"python-sleep"_s, 4, R"({"seconds":0.2})");
        int throttled = 0;
        for (const InvokeResult &r : results) {
            if (r.httpStatus == 429) {
                ++throttled;
                QCOMPARE(r.throttleReason, u"FunctionInvocationRateLimitExceeded"_s);
            }
        }
        QCOMPARE(throttled, 2);
        // The window is still open: no new environment, but the warm ones serve.
        invokeParallel(engine, u"python-sleep"_s, 2, R"({"seconds":0})");
        if (clock.elapsed() < 1400) {
            const QList<InvokeResult> burst = invokeParallel(engine, u"python-sleep"_s, 3, R"({"seconds":0.2})");
            int refused = 0;
            for (const InvokeResult &r : burst) {
                refused += r.httpStatus == 429 ? 1 : 0;
            }
            QCOMPARE(refused, 1);
        }
        // After the window a new environment may start again.
        QTest::qWait(int(std::max<qint64>(0, 1600 - clock.elapsed())));
        const QList<InvokeResult> later = invokeParallel(engine, u"python-sleep"_s, 3, R"({"seconds":0.2})");
        for (const InvokeResult &r : later) {
            QCOMPARE(r.httpStatus, 200);
        }
        QCOMPARE(engine.environments().size(), 3);
    }

    void versionsAndAliases()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s);
        f.autoPublishAlias = u"live"_s;
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"python-hello"_s), QStringList{u"1"_s});
        QCOMPARE(engine.aliases(u"python-hello"_s).value(u"live"_s), u"1"_s);

        const InvokeResult viaAlias = invokeSync(engine, u"python-hello"_s, {}, u"live"_s);
        QVERIFY2(!viaAlias.functionError, viaAlias.payload.constData());
        QCOMPARE(viaAlias.executedVersion, u"1"_s);
        QCOMPARE(json(viaAlias)["invoked_function_arn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:python-hello:live"));
        QCOMPARE(json(viaAlias)["function_version"].get<std::string>(), std::string("1"));
        QVERIFY(QString::fromStdString(json(viaAlias)["log_stream_name"].get<std::string>()).contains(u"/[1]"_s));

        const InvokeResult latest = invokeSync(engine, u"python-hello"_s, {}, u"$LATEST"_s);
        QCOMPARE(latest.executedVersion, u"$LATEST"_s);
        QVERIFY(latest.coldStart); // versions never share environments
        QCOMPARE(invokeSync(engine, u"python-hello"_s, {}, u"1"_s).executedVersion, u"1"_s);

        const InvokeResult unknown = invokeSync(engine, u"python-hello"_s, {}, u"nope"_s);
        QCOMPARE(unknown.httpStatus, 404);
        QVERIFY(unknown.serviceErrorMessage.endsWith(u":function:python-hello:nope"_s));

        // Same code again: no new version; changed code: version 2, the alias follows.
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"python-hello"_s).size(), 1);
        f.memoryMb = 256;
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"python-hello"_s), (QStringList{u"1"_s, u"2"_s}));
        QCOMPARE(invokeSync(engine, u"python-hello"_s, {}, u"live"_s).executedVersion, u"2"_s);
    }

    void provisionedConcurrencyAndSpillover()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 10);
        f.autoPublishAlias = u"live"_s;
        f.provisionedConcurrency = 2;
        engine.setFunctions({f});
        // Initialised ahead of traffic.
        QTRY_COMPARE_WITH_TIMEOUT(engine.environments().size(), 2, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(countKind(engine, JournalKind::InitFinished), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countKind(engine, JournalKind::EnvironmentFrozen), 2, 10000);
        for (ExecutionEnvironment *env : engine.environments()) {
            QVERIFY(env->isProvisioned());
            QCOMPARE(env->runtimeEnvironment().value(u"AWS_LAMBDA_INITIALIZATION_TYPE"_s),
                     u"provisioned-concurrency"_s);
        }

        // Three at once: two on the provisioned environments (warm), one spills over (cold).
        const QList<InvokeResult> results = invokeParallel(engine, u"python-sleep"_s, 3, R"({"seconds":0.5})", u"live"_s);
        int cold = 0;
        for (const InvokeResult &r : results) {
            QVERIFY2(!r.functionError && !r.isServiceError(), r.payload.constData());
            QCOMPARE(r.executedVersion, u"1"_s);
            cold += r.coldStart ? 1 : 0;
        }
        QCOMPARE(cold, 1);
        int spillover = 0;
        for (const JournalRecord &rec : engine.journal()->records()) {
            if (rec.kind == JournalKind::InvokeStarted && rec.data.value("spillover", false)) {
                ++spillover;
                QCOMPARE(rec.data["initializationType"].get<std::string>(), std::string("on-demand"));
            }
        }
        QCOMPARE(spillover, 1);
        // $LATEST has no provisioned concurrency: a cold start of its own.
        QVERIFY(invokeSync(engine, u"python-sleep"_s, R"({"seconds":0})").coldStart);
    }

    void stepGate()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        StepGate *gate = engine.stepGate();
        gate->pause();
        std::optional<InvokeResult> result;
        InvokeRequest request;
        request.functionName = u"python-globals"_s;
        engine.invoke(request, [&result](const InvokeResult &r) { result = r; });
        QTest::qWait(300);
        QVERIFY(!result);
        QCOMPARE(countKind(engine, JournalKind::RequestQueued), 1);
        QCOMPARE(countKind(engine, JournalKind::EnvironmentCreated), 0);
        QCOMPARE(gate->next(), u"admit"_s);

        QVERIFY(gate->step()); // admitted: an environment is made, its init waits
        QCOMPARE(countKind(engine, JournalKind::EnvironmentCreated), 1);
        QCOMPARE(countKind(engine, JournalKind::InitStarted), 0);
        QCOMPARE(gate->next(), u"init"_s);

        QVERIFY(gate->step()); // init runs; delivering the event waits
        QTRY_COMPARE_WITH_TIMEOUT(gate->next(), u"invoke"_s, 10000);
        QCOMPARE(countKind(engine, JournalKind::InitFinished), 1);
        QCOMPARE(countKind(engine, JournalKind::InvokeStarted), 0);

        QVERIFY(gate->step()); // the event is handed over; the report waits
        QTRY_COMPARE_WITH_TIMEOUT(gate->next(), u"report"_s, 10000);
        QCOMPARE(countKind(engine, JournalKind::InvokeFinished), 1);
        QVERIFY(!result);

        gate->resume();
        QVERIFY(result.has_value());
        QVERIFY(!result->functionError);
        // Running again: nothing waits.
        QVERIFY(!invokeSync(engine, u"python-globals"_s).coldStart);
        QCOMPARE(gate->waiting(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrchestrator)
#include "tst_orchestrator.moc"
