// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The engine end to end: real sandboxes, real interpreters, the fixtures in
// resources/samples/runtimes-fixtures.
#include "enginefixtures.h"
#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "engine/journal.h"
#include "project/samtemplate.h"
#include "sandbox/forkserver.h"
#include "sandbox/sandboxcapabilities.h"

#include <QtTest/QtTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Lwb;

using namespace Lwb::Test;

namespace {

/// A number from /proc/<pid>/status ("PPid", "voluntary_ctxt_switches"…); -1 if unreadable.
qint64 statusField(qint64 pid, const QByteArray &name)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = status.readAll();
    const QByteArray key = '\n' + name + ':';
    const qsizetype at = text.indexOf(key);
    if (at < 0) {
        return -1;
    }
    const qsizetype from = at + key.size();
    return text.mid(from, text.indexOf('\n', from) - from).trimmed().toLongLong();
}

qint64 parentPid(qint64 pid)
{
    return qMax<qint64>(0, statusField(pid, "PPid"));
}

QByteArray cmdlineOf(qint64 pid)
{
    QFile file(u"/proc/%1/cmdline"_s.arg(pid));
    return pid > 0 && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("sandbox: %s", qPrintable(SandboxCapabilities::probe().summary()));
    }

    void pythonColdThenWarm()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult first = invokeSync(engine, u"python-globals"_s);
        QVERIFY2(!first.functionError, first.payload.constData());
        QVERIFY(first.coldStart);
        QVERIFY(first.initDurationMs.has_value());
        QVERIFY(first.log.startsWith("INIT_START Runtime Version: python:3.11"));
        QVERIFY(first.log.contains("START RequestId: " + first.requestId.toUtf8() + " Version: $LATEST\n"));
        QVERIFY(first.log.contains("END RequestId: " + first.requestId.toUtf8() + '\n'));
        QVERIFY(first.log.contains("\tInit Duration: "));
        QCOMPARE(json(first)["count"].get<int>(), 1);

        const InvokeResult second = invokeSync(engine, u"python-globals"_s);
        QVERIFY(!second.coldStart);
        QVERIFY(!second.initDurationMs.has_value());
        QVERIFY(!second.log.contains("Init Duration"));
        QVERIFY(!second.log.contains("INIT_START"));
        QCOMPARE(json(second)["count"].get<int>(), 2);
        QCOMPARE(json(second)["pid"], json(first)["pid"]);
        QCOMPARE(engine.environments().size(), 1);
    }

    void reportLineFormat()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-globals"_s);
        static const QRegularExpression report(
            u"REPORT RequestId: [0-9a-f-]{36}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\t"
            "Memory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t\\n$"_s);
        QVERIFY2(report.match(QString::fromUtf8(r.log)).hasMatch(), r.log.constData());
        QVERIFY(r.maxMemoryUsedMb >= 1 && r.maxMemoryUsedMb <= 128);
        QVERIFY(r.billedDurationMs >= qint64(r.durationMs + *r.initDurationMs));
    }

    void contextAndEnvironment()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-hello"_s, R"({"key":"value"})");
        QVERIFY2(!r.functionError, r.payload.constData());
        const auto j = json(r);
        QCOMPARE(j["event"]["key"].get<std::string>(), std::string("value"));
        QCOMPARE(QString::fromStdString(j["aws_request_id"].get<std::string>()), r.requestId);
        QCOMPARE(j["function_name"].get<std::string>(), std::string("python-hello"));
        QCOMPARE(j["function_version"].get<std::string>(), std::string("$LATEST"));
        QCOMPARE(j["memory_limit_in_mb"].get<std::string>(), std::string("128"));
        QCOMPARE(j["invoked_function_arn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:python-hello"));
        QCOMPARE(j["log_group_name"].get<std::string>(), std::string("/aws/lambda/python-hello"));
        QVERIFY(QString::fromStdString(j["log_stream_name"].get<std::string>())
                    .contains(QRegularExpression(u"^\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}$"_s)));
        const int remaining = j["remaining_ms"].get<int>();
        QVERIFY2(remaining > 2000 && remaining <= 3000, std::to_string(remaining).c_str());
        QVERIFY(QString::fromStdString(j["trace_id"].get<std::string>()).startsWith(u"Root=1-"_s));
        if (SandboxCapabilities::probe().bubblewrap) {
            QCOMPARE(j["cwd"].get<std::string>(), std::string("/var/task"));
            QCOMPARE(j["task_root"].get<std::string>(), std::string("/var/task"));
        }
    }

    void emptyPayloadIsEmptyObject()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-hello"_s);
        QVERIFY(json(r)["event"].is_object());
        QVERIFY(json(r)["event"].empty());
    }

    void freezeStopsBackgroundThreads()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-background"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult first = invokeSync(engine, u"python-background"_s);
        QVERIFY2(!first.functionError, first.payload.constData());
        QTest::qWait(500); // 50 ticks if the thread ran while idle
        const InvokeResult second = invokeSync(engine, u"python-background"_s);
        QVERIFY(!second.coldStart);
        const int advanced = json(second)["ticks"].get<int>() - json(first)["ticks"].get<int>();
        QVERIFY2(advanced < 15, qPrintable(u"ticks advanced by %1 while frozen"_s.arg(advanced)));
    }

    void timeout()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-sleep"_s, u"python3.11"_s, u"app.handler"_s, 1)});
        const InvokeResult r = invokeSync(engine, u"python-sleep"_s, R"({"seconds": 5})");
        QVERIFY(r.functionError);
        QCOMPARE(r.status, InvokeStatus::Timeout);
        QCOMPARE(r.errorType, u"Sandbox.Timedout"_s);
        QCOMPARE(json(r)["errorType"].get<std::string>(), std::string("Sandbox.Timedout"));
        QCOMPARE(QString::fromStdString(json(r)["errorMessage"].get<std::string>()),
                 u"RequestId: %1 Error: Task timed out after 1.00 seconds"_s.arg(r.requestId));
        QVERIFY(r.log.contains(r.requestId.toUtf8() + " Task timed out after 1.00 seconds\n"));
        QVERIFY(r.log.contains("\tDuration: 1000.00 ms\t"));
        QVERIFY(r.log.contains("Status: timeout\n"));
        const InvokeResult next = invokeSync(engine, u"python-sleep"_s, R"({"seconds": 0})");
        QVERIFY(!next.functionError);
        QVERIFY(next.coldStart);
    }

    void crash_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QString>("description");
        QTest::newRow("exit 1") << QByteArray(R"({"mode":"exit","code":1})") << u"Runtime exited with error: exit status 1"_s;
        QTest::newRow("segv") << QByteArray(R"({"mode":"segv"})") << u"Runtime exited with error: signal: segmentation fault"_s;
        QTest::newRow("exit 0") << QByteArray(R"({"mode":"exit0"})") << u"Runtime exited without providing a reason"_s;
    }

    void crash()
    {
        QFETCH(QByteArray, event);
        QFETCH(QString, description);
        Engine engine;
        engine.setFunctions({fixture(u"python-crash"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-crash"_s, event);
        QVERIFY(r.functionError);
        QCOMPARE(r.errorType, u"Runtime.ExitError"_s);
        QCOMPARE(json(r)["errorType"].get<std::string>(), std::string("Runtime.ExitError"));
        QCOMPARE(QString::fromStdString(json(r)["errorMessage"].get<std::string>()),
                 u"RequestId: "_s + r.requestId + u" Error: "_s + description);
        QVERIFY(r.log.contains("Status: error\tError Type: Runtime.ExitError\n"));
        const InvokeResult next = invokeSync(engine, u"python-crash"_s, "{}");
        QVERIFY(!next.functionError);
        QVERIFY(next.coldStart);
    }

    void initErrorIsRetriedInInvokePhase()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-import-error"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-import-error"_s);
        QVERIFY(r.functionError);
        QCOMPARE(r.errorType, u"Runtime.ImportModuleError"_s);
        QCOMPARE(json(r)["errorType"].get<std::string>(), std::string("Runtime.ImportModuleError"));
        QVERIFY(r.log.contains("\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n"));
        QVERIFY(r.log.contains("\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError\n"));
        QVERIFY(r.log.contains("Status: error\tError Type: Runtime.ImportModuleError\n"));
        QCOMPARE(r.log.count("\nINIT_START Runtime Version: ") + (r.log.startsWith("INIT_START ") ? 1 : 0), 2);
    }

    void handlerNotFound()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-handler-not-found"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-handler-not-found"_s);
        QCOMPARE(r.errorType, u"Runtime.HandlerNotFound"_s);
    }

    void functionErrorIsPassedThrough()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-raise"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"python-raise"_s);
        QVERIFY(r.functionError);
        QCOMPARE(r.status, InvokeStatus::Error);
        const auto j = json(r);
        QVERIFY(j.contains("errorMessage"));
        QVERIFY(j.contains("errorType"));
        QVERIFY(j["stackTrace"].is_array());
        // A handled function error keeps the environment warm.
        const InvokeResult again = invokeSync(engine, u"python-raise"_s);
        QVERIFY(!again.coldStart);
    }

    void outOfMemory()
    {
        // Enforced by the cgroup here, by RSS watching in the plain fallback.
        Engine engine;
        engine.setFunctions({fixture(u"python-memory"_s, u"python3.11"_s, u"app.handler"_s, 10, 128)});
        const InvokeResult r = invokeSync(engine, u"python-memory"_s, R"({"mb": 300})");
        QVERIFY(r.functionError);
        QCOMPARE(r.errorType, u"Runtime.OutOfMemory"_s);
        QVERIFY(r.log.contains("\tMax Memory Used: 128 MB\t"));
        QVERIFY(r.log.contains("\tStatus: error\tError Type: Runtime.OutOfMemory\n"));
        QVERIFY(r.log.contains("Error: Runtime exited with error: signal: killed\nRuntime.OutOfMemory\n"));
        const InvokeResult next = invokeSync(engine, u"python-memory"_s, R"({"mb": 1})");
        QVERIFY(!next.functionError);
        QVERIFY(next.coldStart);
    }

    void maxMemoryUsedIsMeasured()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-memory"_s, u"python3.11"_s, u"app.handler"_s, 10, 512)});
        const InvokeResult r = invokeSync(engine, u"python-memory"_s, R"({"mb": 100})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QVERIFY2(r.maxMemoryUsedMb >= 100 && r.maxMemoryUsedMb < 512,
                 qPrintable(QString::number(r.maxMemoryUsedMb)));
    }

    void tmpIsLimited()
    {
        if (!SandboxCapabilities::probe().bubblewrap) {
            QSKIP("the plain fallback has no private /tmp");
        }
        Engine engine;
        FunctionConfig f = fixture(u"python-tmpfill"_s, u"python3.11"_s, u"app.handler"_s, 30, 256);
        f.ephemeralStorageMb = 512;
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"python-tmpfill"_s, R"({"mb": 600})");
        QVERIFY2(!r.functionError, r.payload.constData());
        const auto j = json(r);
        QVERIFY2(j["written_mb"].get<int>() < 600, r.payload.constData());
        QVERIFY2(QString::fromStdString(j.dump()).contains(u"No space left on device"_s), r.payload.constData());
        // /tmp is storage, not memory: 512 MB in it neither kills a 256 MB function nor shows
        // up in Max Memory Used.
        QVERIFY2(r.maxMemoryUsedMb < 200, qPrintable(QString::number(r.maxMemoryUsedMb)));
    }

    void reservedVariableIsRejected()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s);
        f.environment.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"python-hello"_s);
        QVERIFY(r.isServiceError());
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.serviceErrorCode, u"InvalidParameterValueException"_s);
        QVERIFY(r.serviceErrorMessage.endsWith(u"Reserved keys used in this request: AWS_REGION"_s));
        QVERIFY(engine.environments().isEmpty());
    }

    void functionVariablesReachTheRuntime()
    {
        Engine engine;
        FunctionConfig f = fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s);
        f.environment.insert(u"MY_SETTING"_s, u"42"_s);
        engine.setFunctions({f});
        QVERIFY(invokeSync(engine, u"python-hello"_s).coldStart);
        const auto envs = engine.environments();
        QCOMPARE(envs.size(), 1);
        const auto env = envs.first()->runtimeEnvironment();
        QCOMPARE(env.value(u"MY_SETTING"_s), u"42"_s);
        QCOMPARE(env.value(u"_HANDLER"_s), u"app.handler"_s);
        QCOMPARE(env.value(u"TZ"_s), u":UTC"_s);
        QCOMPARE(env.value(u"AWS_EXECUTION_ENV"_s), u"AWS_Lambda_python3.11"_s);
        QCOMPARE(env.value(u"AWS_LAMBDA_FUNCTION_MEMORY_SIZE"_s), u"128"_s);
        QCOMPARE(env.value(u"AWS_LAMBDA_INITIALIZATION_TYPE"_s), u"on-demand"_s);
    }

    void badRequests()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s)});
        const InvokeResult unknown = invokeSync(engine, u"nope"_s);
        QCOMPARE(unknown.httpStatus, 404);
        QCOMPARE(unknown.serviceErrorCode, u"ResourceNotFoundException"_s);
        const InvokeResult malformed = invokeSync(engine, u"python-hello"_s, "{not json");
        QCOMPARE(malformed.httpStatus, 400);
        QCOMPARE(malformed.serviceErrorCode, u"InvalidRequestContentException"_s);
        QVERIFY(malformed.serviceErrorMessage.startsWith(u"Could not parse request body into json:"_s));
        const InvokeResult huge = invokeSync(engine, u"python-hello"_s, QByteArray(6291457, ' '));
        QCOMPARE(huge.httpStatus, 413);
        QCOMPARE(huge.serviceErrorCode, u"RequestEntityTooLargeException"_s);
    }

    void idleEnvironmentIsReaped()
    {
        EngineOptions options;
        options.idleTimeoutMs = 200;
        Engine engine(options);
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        invokeSync(engine, u"python-globals"_s);
        QCOMPARE(engine.environments().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(engine.environments().size(), 0, 5000);
        QVERIFY(invokeSync(engine, u"python-globals"_s).coldStart);
    }

    void journalRecordsTheLifecycle()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        auto frozen = [&engine] { return countKind(engine, JournalKind::EnvironmentFrozen); };
        // An idle environment is frozen a moment after its invocation (see scheduleFreeze()).
        invokeSync(engine, u"python-globals"_s);
        QTRY_COMPARE(frozen(), 1);
        invokeSync(engine, u"python-globals"_s);
        QTRY_COMPARE(frozen(), 2);
        QList<JournalKind> kinds;
        for (const JournalRecord &rec : engine.journal()->records()) {
            if (rec.kind != JournalKind::LogLine && rec.kind != JournalKind::Warning) {
                kinds << rec.kind;
            }
        }
        const QList<JournalKind> expected{
            JournalKind::RequestReceived, JournalKind::EnvironmentCreated, JournalKind::InitStarted,
            JournalKind::InitFinished,    JournalKind::InvokeStarted,      JournalKind::InvokeFinished,
            JournalKind::EnvironmentFrozen, JournalKind::RequestReceived,  JournalKind::EnvironmentThawed,
            JournalKind::InvokeStarted,   JournalKind::InvokeFinished,     JournalKind::EnvironmentFrozen};
        QCOMPARE(kinds, expected);
    }

    void anEnvironmentInDemandFreezesLater()
    {
        // Frozen 10 ms after an invocation; thawed again within a second of that freeze, it
        // is in demand and its next freeze waits 250 ms (no freeze-thaw churn under load).
        Engine engine;
        engine.setFunctions({fixture(u"python-globals"_s, u"python3.11"_s, u"app.handler"_s)});
        invokeSync(engine, u"python-globals"_s);
        QTRY_COMPARE_WITH_TIMEOUT(countKind(engine, JournalKind::EnvironmentFrozen), 1, 2000);
        QElapsedTimer sinceFreeze;
        sinceFreeze.start();
        invokeSync(engine, u"python-globals"_s);
        QCOMPARE(countKind(engine, JournalKind::EnvironmentThawed), 1);
        QVERIFY(sinceFreeze.elapsed() < 1000);
        QElapsedTimer idle;
        idle.start();
        QTest::qWait(100);
        if (idle.elapsed() < 240) { // a stalled machine proves nothing here
            QCOMPARE(countKind(engine, JournalKind::EnvironmentFrozen), 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(countKind(engine, JournalKind::EnvironmentFrozen), 2, 2000);
        QVERIFY2(idle.elapsed() >= 240, qPrintable(u"frozen again after %1 ms"_s.arg(idle.elapsed())));

        // Left alone for more than a second, it is no longer in demand: 10 ms again.
        QTest::qWait(1100);
        invokeSync(engine, u"python-globals"_s);
        idle.start();
        QTRY_COMPARE_WITH_TIMEOUT(countKind(engine, JournalKind::EnvironmentFrozen), 3, 2000);
        QVERIFY2(idle.elapsed() < 240, qPrintable(u"frozen again after %1 ms"_s.arg(idle.elapsed())));
    }

    void nodeHandlers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("handler");
        QTest::newRow("cjs async") << u"node-cjs-async"_s << u"index.handler"_s;
        QTest::newRow("cjs callback") << u"node-cjs-callback"_s << u"index.handler"_s;
        QTest::newRow("esm mjs") << u"node-esm-mjs"_s << u"index.handler"_s;
        QTest::newRow("esm type module") << u"node-esm-type-module"_s << u"app.handler"_s;
        QTest::newRow("callback no wait") << u"node-callback-nowait"_s << u"index.handler"_s;
    }

    void nodeHandlers()
    {
        QFETCH(QString, name);
        QFETCH(QString, handler);
        Engine engine;
        engine.setFunctions({fixture(name, u"nodejs20.x"_s, handler)});
        const InvokeResult r = invokeSync(engine, name, R"({"x":1})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QVERIFY(r.log.startsWith("INIT_START Runtime Version: nodejs:20"));
        QVERIFY(!r.payload.isEmpty());
        const InvokeResult warm = invokeSync(engine, name, R"({"x":2})");
        QVERIFY2(!warm.functionError, warm.payload.constData());
        QVERIFY(!warm.coldStart);
    }

    void nodeThrows()
    {
        Engine engine;
        engine.setFunctions({fixture(u"node-throws"_s, u"nodejs20.x"_s, u"index.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"node-throws"_s);
        QVERIFY(r.functionError);
        const auto j = json(r);
        QVERIFY(j.contains("errorType"));
        QVERIFY(j.contains("errorMessage"));
        QVERIFY(j["trace"].is_array());
        // The error was posted together with the request for the next event (pipelined):
        // the same environment takes the next invocation.
        const InvokeResult again = invokeSync(engine, u"node-throws"_s);
        QVERIFY(again.functionError);
        QVERIFY(!again.coldStart);
        QCOMPARE(engine.environments(u"node-throws"_s).size(), 1);
    }

    void providedBootstrap()
    {
        Engine engine;
        engine.setFunctions({fixture(u"provided-echo"_s, u"provided.al2023"_s, u"echo.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"provided-echo"_s, R"({"a":1})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QCOMPARE(json(r)["echo"]["a"].get<int>(), 1);
        QCOMPARE(QString::fromStdString(json(r)["requestId"].get<std::string>()), r.requestId);
        QVERIFY(r.log.startsWith("INIT_START Runtime Version: provided:al2023"));
        QVERIFY(r.log.contains("echo " + r.requestId.toUtf8()));
        const InvokeResult failed = invokeSync(engine, u"provided-echo"_s, R"({"fail":"nope"})");
        QVERIFY(failed.functionError);
        QVERIFY(!failed.coldStart);
        QCOMPARE(failed.errorType, u"EchoError"_s);
        const auto env = engine.environments().first()->runtimeEnvironment();
        QVERIFY(!env.contains(u"AWS_EXECUTION_ENV"_s));
    }

    void providedBootstrapFromLayer()
    {
        QTemporaryDir code;
        Engine engine;
        FunctionConfig f = fixture(u"from-layer"_s, u"provided"_s, u"echo.handler"_s);
        f.codeDir = code.path();
        LayerConfig layer;
        layer.logicalId = layer.name = u"RuntimeLayer"_s;
        layer.contentDir = fixtureDir(u"provided-echo"_s);
        f.layers.push_back(layer);
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"from-layer"_s, R"({"b":2})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QCOMPARE(json(r)["echo"]["b"].get<int>(), 2);
    }

    void providedWithoutBootstrap()
    {
        Engine engine;
        engine.setFunctions({fixture(u"python-hello"_s, u"provided.al2"_s, u"x.y"_s)});
        const InvokeResult r = invokeSync(engine, u"python-hello"_s);
        QVERIFY(r.functionError);
        QCOMPARE(r.errorType, u"Runtime.InvalidEntrypoint"_s);
        QVERIFY(QString::fromStdString(json(r)["errorMessage"].get<std::string>())
                    .endsWith(u"Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"_s));
    }

    void layersAreMergedUnderOpt()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"code/app.py"_s),
                  "import shared, only_first\n"
                  "def handler(event, context):\n"
                  "    return {'shared': shared.VALUE, 'first': only_first.VALUE}\n");
        writeFile(dir.filePath(u"one/python/shared.py"_s), "VALUE = 'one'\n");
        writeFile(dir.filePath(u"one/python/only_first.py"_s), "VALUE = 'first'\n");
        writeFile(dir.filePath(u"two/python/shared.py"_s), "VALUE = 'two'\n");
        FunctionConfig f = fixture(u"layered"_s, u"python3.11"_s, u"app.handler"_s);
        f.codeDir = dir.filePath(u"code"_s);
        for (const QString &name : {u"one"_s, u"two"_s}) {
            LayerConfig layer;
            layer.logicalId = layer.name = name;
            layer.contentDir = dir.filePath(name);
            f.layers.push_back(layer);
        }
        Engine engine;
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"layered"_s);
        QVERIFY2(!r.functionError, r.payload.constData());
        QCOMPARE(json(r)["shared"].get<std::string>(), std::string("two"));
        QCOMPARE(json(r)["first"].get<std::string>(), std::string("first"));
    }

    void nodeContext()
    {
        Engine engine;
        engine.setFunctions({fixture(u"node-context"_s, u"nodejs20.x"_s, u"index.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"node-context"_s, R"({"k":1})");
        QVERIFY2(!r.functionError, r.payload.constData());
        const auto j = json(r);
        QCOMPARE(j["functionName"].get<std::string>(), std::string("node-context"));
        QCOMPARE(j["functionVersion"].get<std::string>(), std::string("$LATEST"));
        QCOMPARE(j["memoryLimitInMB"].get<std::string>(), std::string("128"));
        QCOMPARE(QString::fromStdString(j["awsRequestId"].get<std::string>()), r.requestId);
        QCOMPARE(j["invokedFunctionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:node-context"));
        QCOMPARE(j["logGroupName"].get<std::string>(), std::string("/aws/lambda/node-context"));
        QVERIFY(j["remaining"].get<int>() > 2000 && j["remaining"].get<int>() <= 3000);
        QVERIFY(j["callbackWaitsForEmptyEventLoop"].get<bool>());
        QVERIFY(QString::fromStdString(j["traceId"].get<std::string>()).startsWith(u"Root=1-"_s));
        QCOMPARE(j["event"]["k"].get<int>(), 1);
        if (SandboxCapabilities::probe().bubblewrap) {
            QCOMPARE(j["cwd"].get<std::string>(), std::string("/var/task"));
        }
        // Lambda's Node.js flags: global.gc, and a heap sized from the 128 MB (116 MB old space
        // plus the young generation), not from the host's memory.
        QVERIFY(j["gcExposed"].get<bool>());
        const int heapLimitMb = j["heapLimitMb"].get<int>();
        QVERIFY2(heapLimitMb >= 116 && heapLimitMb <= 140, qPrintable(QString::number(heapLimitMb)));
    }

    void runtimeApiOverUnixSocket_data()
    {
        QTest::addColumn<QString>("fixtureName");
        QTest::addColumn<QString>("runtime");
        QTest::addColumn<QString>("handler");
        QTest::newRow("python") << u"python-transport"_s << u"python3.11"_s << u"app.handler"_s;
        QTest::newRow("nodejs") << u"node-transport"_s << u"nodejs20.x"_s << u"index.handler"_s;
    }

    void runtimeApiOverUnixSocket()
    {
        // Our clients reach the Runtime API over the engine's Unix-domain socket: the variable
        // names a socket the sandbox can see, and the client's connection is a Unix one (a
        // TCP connection would show as "other").
        QFETCH(QString, fixtureName);
        QFETCH(QString, runtime);
        QFETCH(QString, handler);
        Engine engine;
        engine.setFunctions({fixture(fixtureName, runtime, handler)});
        const InvokeResult r = invokeSync(engine, fixtureName);
        QVERIFY2(!r.functionError, r.payload.constData());
        const auto j = json(r);
        const QString path = QString::fromStdString(j["socketEnv"].get<std::string>());
        QVERIFY2(path.endsWith(u"/runtime-api.sock"_s), qPrintable(path));
        if (SandboxCapabilities::probe().bubblewrap) {
            // Started afresh, the folder is bound there; forked, it is an open folder.
            QVERIFY2(path == u"/var/runtime-api/runtime-api.sock"_s || path.startsWith(u"/proc/self/fd/"_s),
                     qPrintable(path));
        }
        QVERIFY(j["isSocket"].get<bool>());
        QCOMPARE(j["sockets"], nlohmann::json::array({"unix"}));
    }

    void warmPythonInvocationsWakeTheRuntimeOnce()
    {
        // The Python client waits for the next event in poll(POLLIN), not in recv(): a thread
        // asleep in recv() on a Unix socket is also woken each time the engine reads what it
        // wrote (the kernel signals write space on the same wait queue), only to sleep again.
        // That second wake-up per invocation cost the machine a context switch each time.
        Engine engine;
        engine.setFunctions({fixture(u"python-hello"_s, u"python3.11"_s, u"app.handler"_s)});
        QVERIFY(!invokeSync(engine, u"python-hello"_s).functionError);
        const qint64 pid = engine.environments(u"python-hello"_s).value(0)->runtimePid();
        QVERIFY(pid > 0);
        const auto switches = [pid] { return statusField(pid, "voluntary_ctxt_switches"); };
        constexpr int kInvocations = 200;
        const qint64 before = switches();
        QVERIFY(before >= 0);
        for (int i = 0; i < kInvocations; ++i) {
            const InvokeResult r = invokeSync(engine, u"python-hello"_s);
            QVERIFY2(!r.functionError && !r.coldStart, r.payload.constData());
        }
        const double perInvocation = double(switches() - before) / kInvocations;
        // One sleep per invocation, waiting for its event (a stall that lets the environment
        // freeze adds one); with recv() it was 1.4 here (the engine often reads the result
        // before the client is asleep).
        QVERIFY2(perInvocation < 1.2, qPrintable(u"%1 voluntary context switches per warm invocation"_s
                                                     .arg(perInvocation)));
    }

    void forkedEnvironments()
    {
        // With bubblewrap and cgroups, a Python function's environments are forked from a
        // pre-started runtime. Each still has its own /tmp, its own variables and Runtime API
        // socket, its own cgroups (memory limit) and its own exit status.
        if (!SandboxCapabilities::probe().isFullIsolation()) {
            QSKIP("fork servers need bubblewrap and cgroups");
        }
        Engine engine;
        engine.setFunctions({fixture(u"python-fork"_s, u"python3.11"_s, u"app.handler"_s, 5, 128)});
        QTRY_COMPARE_WITH_TIMEOUT(engine.forkServers()->readyServerCount(), 1, 10000);

        std::optional<InvokeResult> first, second;
        InvokeRequest request;
        request.functionName = u"python-fork"_s;
        request.payload = R"({"write": true, "sleep": 0.5})";
        engine.invoke(request, [&first](const InvokeResult &r) { first = r; });
        engine.invoke(request, [&second](const InvokeResult &r) { second = r; });
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 20000);
        QVERIFY2(!first->functionError, first->payload.constData());
        QVERIFY2(!second->functionError, second->payload.constData());
        QVERIFY(first->coldStart && second->coldStart);
        const QList<ExecutionEnvironment *> envs = engine.environments(u"python-fork"_s);
        QCOMPARE(envs.size(), 2);
        const auto a = json(*first);
        const auto b = json(*second);
        for (ExecutionEnvironment *env : envs) {
            // Forked: the runtime and its PID 1 are interpreters like the fork server two levels
            // up, which bubblewrap started.
            const qint64 server = parentPid(parentPid(env->runtimePid()));
            QVERIFY(server > 0);
            QVERIFY2(cmdlineOf(server).contains("bootstrap.py"), "not forked from the fork server");
            QVERIFY(cmdlineOf(parentPid(server)).contains("bwrap"));
        }
        // A PID namespace each: the runtime is PID 2 and reaches nothing but its own PID 1.
        QCOMPARE(a["pid"].get<int>(), 2);
        QCOMPARE(b["pid"].get<int>(), 2);
        QCOMPARE(a["reachable"], nlohmann::json::array({1, 2}));
        // A fresh /tmp each, mounted once more over the fork server's.
        QCOMPARE(a["tmp"], nlohmann::json::array());
        QCOMPARE(b["tmp"], nlohmann::json::array());
        QCOMPARE(a["tmpMounts"].get<int>(), 2);
        // Its own variables, already during Init.
        QVERIFY(a["logStream"] != b["logStream"]);
        QCOMPARE(a["logStream"], a["envStream"]);
        QCOMPARE(a["logStream"], a["initStream"]);
        QCOMPARE(b["logStream"], b["initStream"]);
        QStringList streams;
        for (ExecutionEnvironment *env : envs) {
            streams << env->logStreamName();
        }
        QVERIFY(streams.contains(QString::fromStdString(a["logStream"].get<std::string>())));
        QCOMPARE(a["initType"].get<std::string>(), std::string("on-demand"));
        QVERIFY(a["api"] != b["api"]);
        QVERIFY(a["forkServerFd"].is_null());
        QCOMPARE(a["stdin"].get<std::string>(), std::string("/dev/null"));
        // Its own Runtime API socket, reached through an open folder, not the fork server's.
        QVERIFY2(a["socket"].get<std::string>().starts_with("/proc/self/fd/"), a.dump().c_str());

        // Warm: the environment keeps its /tmp; the other environment's file is not there.
        const InvokeResult warm = invokeSync(engine, u"python-fork"_s, R"({})");
        QVERIFY(!warm.coldStart);
        const auto w = json(warm);
        QCOMPARE(w["tmp"].size(), size_t(1));
        QVERIFY(w["tmp"][0] == "written-by-" + first->requestId.toStdString()
                || w["tmp"][0] == "written-by-" + second->requestId.toStdString());

        // Its exit status is its own: Lambda's Runtime.ExitError with the child's status.
        const InvokeResult exited = invokeSync(engine, u"python-fork"_s, R"({"action": "exit", "code": 3})");
        QVERIFY(exited.functionError);
        QCOMPARE(exited.errorType, u"Runtime.ExitError"_s);
        QVERIFY2(exited.payload.contains("Runtime exited with error: exit status 3"), exited.payload.constData());

        // The memory limit is the environment's own cgroup's.
        const InvokeResult hog = invokeSync(engine, u"python-fork"_s, R"({"action": "hog", "mb": 300})");
        QVERIFY(hog.functionError);
        QCOMPARE(hog.errorType, u"Runtime.OutOfMemory"_s);

        // Shut down: no process of any environment is left.
        QVERIFY(!invokeSync(engine, u"python-fork"_s, R"({})").functionError);
        QList<qint64> pids;
        for (ExecutionEnvironment *env : engine.environments(u"python-fork"_s)) {
            if (env->runtimePid() > 0) {
                pids << env->runtimePid();
            }
        }
        QVERIFY(!pids.isEmpty());
        engine.shutdownAll();
        for (qint64 pid : std::as_const(pids)) {
            QTRY_VERIFY2(!QFileInfo::exists(u"/proc/%1"_s.arg(pid)), "an environment outlived shutdownAll()");
        }
    }

    void theFirstEnvironmentWaitsForItsForkServer()
    {
        // Invoked before the function's fork server is ready, the environment waits for it
        // (much sooner than a fresh interpreter) rather than starting afresh.
        if (!SandboxCapabilities::probe().isFullIsolation()) {
            QSKIP("fork servers need bubblewrap and cgroups");
        }
        Engine engine;
        engine.setFunctions({fixture(u"python-fork"_s, u"python3.11"_s, u"app.handler"_s)});
        QCOMPARE(engine.forkServers()->readyServerCount(), 0);
        const InvokeResult r = invokeSync(engine, u"python-fork"_s, R"({})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QVERIFY2(json(r)["socket"].get<std::string>().starts_with("/proc/self/fd/"), r.payload.constData());
        QCOMPARE(engine.forkServers()->serverCount(), 1);
    }

    void shutdownWhileWaitingForTheForkServer()
    {
        // An environment still waiting for its fork server is shut down: the invocation ends,
        // nothing is forked for it later, and the next invocation runs.
        if (!SandboxCapabilities::probe().isFullIsolation()) {
            QSKIP("fork servers need bubblewrap and cgroups");
        }
        Engine engine;
        engine.setFunctions({fixture(u"python-fork"_s, u"python3.11"_s, u"app.handler"_s)});
        std::optional<InvokeResult> cut;
        InvokeRequest request;
        request.functionName = u"python-fork"_s;
        request.payload = "{}";
        engine.invoke(request, [&cut](const InvokeResult &r) { cut = r; });
        QCOMPARE(engine.forkServers()->readyServerCount(), 0);
        engine.shutdownAll();
        QTRY_VERIFY_WITH_TIMEOUT(cut.has_value(), 10000);
        QVERIFY(cut->functionError);
        QTRY_COMPARE_WITH_TIMEOUT(engine.forkServers()->readyServerCount(), 1, 10000);
        QTest::qWait(100);
        QVERIFY(engine.environments(u"python-fork"_s).isEmpty());
        const InvokeResult next = invokeSync(engine, u"python-fork"_s, R"({})");
        QVERIFY2(!next.functionError, next.payload.constData());
    }

    void forkServerDeathEndsItsEnvironments()
    {
        // The environments forked from a server live in its PID namespace: if it dies, they
        // die, the engine notices, and the next invocation gets a new environment.
        if (!SandboxCapabilities::probe().isFullIsolation()) {
            QSKIP("fork servers need bubblewrap and cgroups");
        }
        Engine engine;
        engine.setFunctions({fixture(u"python-fork"_s, u"python3.11"_s, u"app.handler"_s)});
        QTRY_COMPARE_WITH_TIMEOUT(engine.forkServers()->readyServerCount(), 1, 10000);
        const InvokeResult first = invokeSync(engine, u"python-fork"_s, R"({})");
        QVERIFY2(!first.functionError, first.payload.constData());
        const qint64 runtime = engine.environments(u"python-fork"_s).value(0)->runtimePid();
        QVERIFY(runtime > 0);
        const qint64 server = parentPid(parentPid(runtime));
        QVERIFY(server > 1);
        QVERIFY(cmdlineOf(server).contains("bootstrap.py"));
        QCOMPARE(::kill(pid_t(server), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(engine.environments(u"python-fork"_s).isEmpty(), 10000);
        QVERIFY(!QFileInfo::exists(u"/proc/%1"_s.arg(runtime)));
        const InvokeResult second = invokeSync(engine, u"python-fork"_s, R"({})");
        QVERIFY2(!second.functionError, second.payload.constData());
        QVERIFY(second.coldStart);
    }

    void initTimeoutThenSuppressedInit()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"app.py"_s),
                  "import time\ntime.sleep(5)\ndef handler(event, context):\n    return 1\n");
        FunctionConfig f = fixture(u"slow-init"_s, u"python3.11"_s, u"app.handler"_s, 1);
        f.codeDir = dir.path();
        EngineOptions options;
        options.initTimeoutMs = 400;
        Engine engine(options);
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"slow-init"_s);
        QVERIFY(r.functionError);
        QCOMPARE(r.status, InvokeStatus::Timeout);
        QCOMPARE(r.errorType, u"Sandbox.Timedout"_s);
        QVERIFY2(r.log.contains("\tPhase: init\tStatus: timeout\n"), r.log.constData());
        QVERIFY(r.log.contains("Task timed out after 1.00 seconds"));
    }

    void samHelloWorldSample()
    {
        SamTemplate sam;
        QVERIFY(sam.load(QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/hello-world/template.yaml"_s));
        Engine engine;
        engine.setFunctions(sam.functions());
        for (const QString &id : {u"HelloWorldFunction"_s, u"HelloWorldNodeFunction"_s}) {
            const InvokeResult r = invokeSync(engine, id);
            QVERIFY2(!r.functionError, r.payload.constData());
            const auto j = json(r);
            QCOMPARE(j["statusCode"].get<int>(), 200);
            QVERIFY(QString::fromStdString(j["body"].get<std::string>()).contains(u"hello world"_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
