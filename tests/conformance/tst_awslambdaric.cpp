// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The official Node.js runtime interface client (npm aws-lambda-ric, written by AWS) runs
// handlers against our Runtime API unchanged, through the engine and the sandbox. The client is
// installed into a layer in the build tree by setup-aws-lambda-ric.sh (the CTest fixture "ric");
// a provided.al2023 bootstrap in data/ric-function execs it.
#include "engine/engine.h"
#include "sandbox/sandboxcapabilities.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtTest/QtTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

constexpr auto kArnPrefix = "arn:aws:lambda:us-east-1:123456789012:function:";

QString codeDir()
{
    return QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/data/ric-function"_s;
}

QString layerDir()
{
    return QStringLiteral(LWB_BINARY_DIR) + u"/tests/conformance/ric-layer"_s;
}

FunctionConfig ricFunction(const QString &name, const QString &handler, int timeoutSeconds = 5,
                           int memoryMb = 256)
{
    FunctionConfig f;
    f.logicalId = name;
    f.functionName = name;
    f.runtime = u"provided.al2023"_s;
    f.handler = handler;
    f.codeDir = codeDir();
    f.timeoutSeconds = timeoutSeconds;
    f.memoryMb = memoryMb;
    LayerConfig layer;
    layer.logicalId = u"AwsLambdaRic"_s;
    layer.name = u"aws-lambda-ric"_s;
    layer.contentDir = layerDir();
    f.layers.push_back(layer);
    return f;
}

InvokeResult invokeSync(Engine &engine, InvokeRequest request)
{
    std::optional<InvokeResult> result;
    engine.invoke(std::move(request), [&result](const InvokeResult &r) { result = r; });
    [&] {
        QVERIFY2(QTest::qWaitFor([&] { return result.has_value(); }, 60000),
                 "invoke never finished");
    }();
    return result.value_or(InvokeResult{});
}

InvokeResult invokeSync(Engine &engine, const QString &function, const QByteArray &payload = {})
{
    InvokeRequest request;
    request.functionName = function;
    request.payload = payload;
    return invokeSync(engine, request);
}

nlohmann::json json(const InvokeResult &r)
{
    return nlohmann::json::parse(r.payload.toStdString(), nullptr, false);
}

std::string str(const nlohmann::json &j)
{
    return j.is_string() ? j.get<std::string>() : j.dump();
}

bool isolated()
{
    return SandboxCapabilities::probe().bubblewrap;
}

} // namespace

class TestAwsLambdaRic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("sandbox: %s", qPrintable(SandboxCapabilities::probe().summary()));
        const QString ric = layerDir() + u"/nodejs/node_modules/aws-lambda-ric"_s;
        QVERIFY2(QFileInfo::exists(ric + u"/bin/index.mjs"_s),
                 qPrintable(u"%1 is missing: run the CTest fixture conformance_setup_ric "
                            "(tests/conformance/setup-aws-lambda-ric.sh)"_s.arg(ric)));
        // The point is the client's own native HTTP path, not its pure-JS fallback.
        QVERIFY(QFileInfo::exists(ric + u"/dist/rapid-client.node"_s));
        QVERIFY(QFileInfo(codeDir() + u"/bootstrap"_s).isExecutable());
    }

    void echo_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("object") << QByteArray(R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})")
                                << QByteArray(R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})");
        QTest::newRow("unicode")
            << QByteArray(R"({"text":"h\u00e9llo \u2713 \ud83d\ude80"})")
            << QByteArray("{\"text\":\"h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x9a\x80\"}");
        QTest::newRow("string") << QByteArray(R"("just a string")")
                                << QByteArray(R"("just a string")");
        QTest::newRow("number") << QByteArray("42") << QByteArray("42");
        QTest::newRow("array") << QByteArray(R"([1,"two",{"three":3}])")
                               << QByteArray(R"([1,"two",{"three":3}])");
        QTest::newRow("empty is {}") << QByteArray() << QByteArray("{}");
        const QByteArray big = "{\"blob\":\"" + QByteArray(1024 * 1024, 'x') + "\"}";
        QTest::newRow("1 MiB") << big << big;
    }

    void echo()
    {
        QFETCH(QByteArray, event);
        QFETCH(QByteArray, expected);
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-echo"_s, u"index.echo"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-echo"_s, event);
        QVERIFY2(!r.functionError, r.payload.left(2000).constData());
        QCOMPARE(r.status, InvokeStatus::Success);
        QCOMPARE(r.payload, expected);
    }

    void coldThenWarm()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-counter"_s, u"index.counter"_s)});
        const InvokeResult first = invokeSync(engine, u"ric-counter"_s, R"({"n":1})");
        QVERIFY2(!first.functionError, first.payload.constData());
        QVERIFY(first.coldStart);
        QVERIFY(first.initDurationMs.has_value());
        QVERIFY2(first.log.startsWith("INIT_START "), first.log.constData());
        // The client's own banner, printed during init by bin/index.mjs.
        const QByteArray banner =
            isolated()
                ? QByteArrayLiteral("Executing 'index.counter' in function directory '/var/task'\n")
                : QByteArrayLiteral("Executing 'index.counter' in function directory '");
        QVERIFY2(first.log.contains(banner), first.log.constData());
        QVERIFY(first.log.contains("START RequestId: " + first.requestId.toUtf8() +
                                   " Version: $LATEST\n"));
        QVERIFY(first.log.contains("END RequestId: " + first.requestId.toUtf8() + '\n'));
        QVERIFY(first.log.contains("REPORT RequestId: " + first.requestId.toUtf8()));
        QCOMPARE(json(first)["count"].get<int>(), 1);

        const InvokeResult second = invokeSync(engine, u"ric-counter"_s, R"({"n":2})");
        QVERIFY2(!second.functionError, second.payload.constData());
        QVERIFY(!second.coldStart);
        QVERIFY(!second.initDurationMs.has_value());
        QVERIFY(!second.log.contains("INIT_START"));
        QVERIFY(second.requestId != first.requestId);
        QCOMPARE(json(second)["count"].get<int>(), 2);
        QCOMPARE(json(second)["pid"], json(first)["pid"]);
        QCOMPARE(second.environmentId, first.environmentId);
        QCOMPARE(engine.environments().size(), 1);

        // A burst of warm invocations through the client's keep-alive connection.
        for (int i = 3; i <= 20; ++i) {
            const InvokeResult warm = invokeSync(engine, u"ric-counter"_s);
            QVERIFY2(!warm.functionError, warm.payload.constData());
            QCOMPARE(json(warm)["count"].get<int>(), i);
        }
        QCOMPARE(engine.environments().size(), 1);
    }

    void commonJsCallbackHandler()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-legacy"_s, u"legacy.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-legacy"_s, R"({"x":7})");
        QVERIFY2(!r.functionError, r.payload.constData());
        QCOMPARE(r.payload, QByteArray(R"({"via":"callback","x":7})"));
    }

    void context()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-context"_s, u"index.context"_s, 5, 256)});
        InvokeRequest request;
        request.functionName = u"ric-context"_s;
        request.payload = "{}";
        request.traceId =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        request.clientContext =
            R"({"client":{"installation_id":"inst-1"},"custom":{"k":"v"},"env":{"platform":"test"}})";
        request.cognitoIdentity =
            R"({"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"})";
        const InvokeResult r = invokeSync(engine, request);
        QVERIFY2(!r.functionError, r.payload.constData());
        const auto j = json(r);
        QVERIFY2(j.is_object(), r.payload.constData());
        QCOMPARE(QString::fromStdString(str(j["awsRequestId"])), r.requestId);
        QCOMPARE(str(j["functionName"]), std::string("ric-context"));
        QCOMPARE(str(j["functionVersion"]), std::string("$LATEST"));
        QCOMPARE(str(j["memoryLimitInMB"]), std::string("256"));
        QCOMPARE(str(j["invokedFunctionArn"]), std::string(kArnPrefix) + "ric-context");
        QCOMPARE(str(j["logGroupName"]), std::string("/aws/lambda/ric-context"));
        QVERIFY(QString::fromStdString(str(j["logStreamName"]))
                    .contains(QRegularExpression(
                        u"^\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}$"_s)));
        QVERIFY2(j["remainingMs"].is_number(), r.payload.constData());
        const int remaining = j["remainingMs"].get<int>();
        QVERIFY2(remaining > 3000 && remaining <= 5000, std::to_string(remaining).c_str());
        QCOMPARE(str(j["traceId"]), std::string(request.traceId.constData()));
        QCOMPARE(str(j["clientContext"]["custom"]["k"]), std::string("v"));
        QCOMPARE(str(j["clientContext"]["client"]["installation_id"]), std::string("inst-1"));
        QCOMPARE(str(j["identity"]["cognitoIdentityId"]), std::string("id-1"));
        QCOMPARE(str(j["identity"]["cognitoIdentityPoolId"]), std::string("pool-1"));
    }

    void handlerThrows()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-throws"_s, u"index.throws"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-throws"_s, R"({"order":7})");
        QVERIFY(r.functionError);
        QCOMPARE(r.status, InvokeStatus::Error);
        // The client sends no Lambda-Runtime-Function-Error-Type on /invocation/<id>/error (the
        // native aws-lambda-cpp path only adds the X-Ray cause): the type comes from the body.
        QCOMPARE(r.errorType, u"OrderRejected"_s);
        const auto j = json(r);
        QVERIFY2(j.is_object(), r.payload.constData());
        QCOMPARE(str(j["errorType"]), std::string("OrderRejected"));
        QCOMPARE(str(j["errorMessage"]), std::string("order 7 rejected"));
        QVERIFY2(j["trace"].is_array() && j["trace"].size() >= 2, r.payload.constData());
        QCOMPARE(str(j["trace"][0]), std::string("OrderRejected: order 7 rejected"));
        QVERIFY2(QString::fromStdString(j["trace"].dump()).contains(u"index.mjs"_s),
                 r.payload.constData());
        if (isolated()) {
            QVERIFY2(
                QString::fromStdString(j["trace"].dump()).contains(u"file:///var/task/index.mjs"_s),
                r.payload.constData());
        }
        // The client logs the error itself, in its own format.
        QVERIFY2(r.log.contains('\t' + r.requestId.toUtf8() +
                                "\tERROR\tInvoke Error \t{\"errorType\":\"OrderRejected\""),
                 r.log.constData());
        QVERIFY(r.log.contains("END RequestId: " + r.requestId.toUtf8() + '\n'));

        // A handled function error keeps the environment warm.
        const InvokeResult again = invokeSync(engine, u"ric-throws"_s, R"({"order":8})");
        QVERIFY(again.functionError);
        QVERIFY(!again.coldStart);
        QCOMPARE(str(json(again)["errorMessage"]), std::string("order 8 rejected"));
    }

    void importErrorAtInit()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-broken"_s, u"broken.handler"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-broken"_s);
        QVERIFY(r.functionError);
        // The client posts /init/error with Lambda-Runtime-Function-Error-Type.
        QCOMPARE(r.errorType, u"Runtime.ImportModuleError"_s);
        const auto j = json(r);
        QVERIFY2(j.is_object(), r.payload.constData());
        QCOMPARE(str(j["errorType"]), std::string("Runtime.ImportModuleError"));
        QVERIFY2(QString::fromStdString(str(j["errorMessage"]))
                     .startsWith(u"Error: Cannot find module 'lwb-no-such-module'"_s),
                 r.payload.constData());
        QVERIFY(r.log.contains(
            "\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n"));
        QVERIFY(r.log.contains(
            "\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError\n"));
        QVERIFY(r.log.contains("INIT_REPORT Init Duration: "));
        // The client's own log line for the failed init (no request id yet).
        QVERIFY2(r.log.contains("\tundefined\tERROR\tUncaught Exception "
                                "\t{\"errorType\":\"Runtime.ImportModuleError\""),
                 r.log.constData());
        QVERIFY(r.log.contains("Status: error\tError Type: Runtime.ImportModuleError\n"));
    }

    void handlerNotFound()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-missing"_s, u"index.nope"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-missing"_s);
        QVERIFY(r.functionError);
        QCOMPARE(r.errorType, u"Runtime.HandlerNotFound"_s);
        QCOMPARE(str(json(r)["errorMessage"]),
                 std::string("index.nope is undefined or not exported"));
    }

    void consoleLogFormat()
    {
        Engine engine;
        engine.setFunctions({ricFunction(u"ric-logs"_s, u"index.logs"_s)});
        const InvokeResult r = invokeSync(engine, u"ric-logs"_s);
        QVERIFY2(!r.functionError, r.payload.constData());
        QCOMPARE(r.payload, QByteArray(R"("logged")"));
        const QString log = QString::fromUtf8(r.log);
        const QString rid = QRegularExpression::escape(r.requestId);
        const QString time = u"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"_s;
        for (const auto &[level, message] :
             {std::pair{u"INFO"_s, u"hello from the official client 42"_s},
              std::pair{u"WARN"_s, u"careful"_s},
              std::pair{u"ERROR"_s, u"something went wrong"_s}}) {
            const QRegularExpression line(u"^%1\\t%2\\t%3\\t%4$"_s.arg(time, rid, level, message),
                                          QRegularExpression::MultilineOption);
            QVERIFY2(line.match(log).hasMatch(),
                     qPrintable(level + u" line missing in:\n"_s + log));
        }
        // Between START and END, in the order written.
        const qsizetype start = log.indexOf(u"START RequestId: "_s + r.requestId);
        const qsizetype info = log.indexOf(u"\tINFO\thello from the official client 42"_s);
        const qsizetype error = log.indexOf(u"\tERROR\tsomething went wrong"_s);
        const qsizetype end = log.indexOf(u"END RequestId: "_s + r.requestId);
        QVERIFY(start >= 0 && start < info && info < error && error < end);
    }
};

QTEST_GUILESS_MAIN(TestAwsLambdaRic)
#include "tst_awslambdaric.moc"
