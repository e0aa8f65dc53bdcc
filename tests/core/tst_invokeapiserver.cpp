// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Invoke API over real sockets, a raw HTTP client and a real engine running the fixtures
// in resources/samples/runtimes-fixtures.
#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "http/httpserver.h"
#include "rawhttpreply.h"

#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::RawHttpReply;

namespace {

FunctionConfig fixture(const QString &name, const QString &handler = u"app.handler"_s,
                       int timeoutSeconds = 3)
{
    FunctionConfig f;
    f.logicalId = name;
    f.functionName = name;
    f.runtime = u"python3.11"_s;
    f.handler = handler;
    f.codeDir = QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/"_s + name;
    f.timeoutSeconds = timeoutSeconds;
    return f;
}

/** One raw HTTP/1.1 exchange on its own connection. */
class Call : public QObject
{
public:
    Call(quint16 port, const QByteArray &request)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this,
                [this] { m_buffer += m_socket.readAll(); });
        connect(&m_socket, &QTcpSocket::connected, this,
                [this, request] { m_socket.write(request); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool done()
    {
        if (!m_reply) {
            RawHttpReply reply;
            if (Lwb::Test::parseRawHttpReply(m_buffer, reply) > 0 && reply.status != 100) {
                m_reply = reply;
            }
        }
        return m_reply.has_value();
    }

    RawHttpReply wait(int timeoutMs = 60000)
    {
        [&] { QVERIFY2(QTest::qWaitFor([this] { return done(); }, timeoutMs), "no reply"); }();
        return m_reply.value_or(RawHttpReply{});
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    std::optional<RawHttpReply> m_reply;
};

QByteArray request(const QByteArray &target, const QByteArray &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                   const QByteArray &method = "POST")
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &h : headers) {
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return out;
}

QByteArray invokePath(const QByteArray &name)
{
    return "/2015-03-31/functions/" + name + "/invocations";
}

nlohmann::json json(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

} // namespace

class TestInvokeApiServer : public QObject
{
    Q_OBJECT

private:
    RawHttpReply post(const QByteArray &target, const QByteArray &body = {},
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                      const QByteArray &method = "POST")
    {
        Call call(m_server->serverPort(), request(target, body, headers, method));
        return call.wait();
    }

    void verifyError(const RawHttpReply &reply, int status, const QByteArray &code,
                     const QByteArray &message)
    {
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.header("x-amzn-ErrorType"), code);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
        if (!message.isNull()) {
            QCOMPARE(reply.body, R"({"Type":"User","message":")" + message + R"("})");
        }
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<InvokeApiServer> m_server;

private Q_SLOTS:
    void init()
    {
        m_engine = std::make_unique<Engine>();
        m_engine->setFunctions(
            {fixture(u"python-hello"_s), fixture(u"python-sleep"_s), fixture(u"python-raise"_s)});
        m_server = std::make_unique<InvokeApiServer>(m_engine.get());
        QVERIFY(m_server->listen());
        QVERIFY(m_server->serverPort() > 0);
    }

    void cleanup()
    {
        m_server.reset();
        m_engine.reset();
    }

    void requestResponse()
    {
        const RawHttpReply r = post(invokePath("python-hello"), R"({"key":"value"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("X-Amz-Executed-Version"), QByteArray("$LATEST"));
        QVERIFY(!r.hasHeader("X-Amz-Function-Error"));
        QVERIFY(!r.hasHeader("X-Amz-Log-Result"));
        const QByteArray requestId = r.header("x-amzn-RequestId");
        QCOMPARE(requestId.size(), 36);
        const auto j = json(r.body);
        QCOMPARE(j["event"]["key"].get<std::string>(), std::string("value"));
        QCOMPARE(QByteArray::fromStdString(j["aws_request_id"].get<std::string>()), requestId);
        QVERIFY(j["client_context"].is_null());
        QCOMPARE(m_server->inFlightCount(), 0);
    }

    void emptyBodyIsEmptyObject()
    {
        const RawHttpReply r = post(invokePath("python-hello"));
        QCOMPARE(r.status, 200);
        QVERIFY(json(r.body)["event"].is_object());
    }

    void functionError()
    {
        const RawHttpReply r = post(invokePath("python-raise"), R"({"value":7})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-Amz-Function-Error"), QByteArray("Unhandled"));
        const auto j = json(r.body);
        QCOMPARE(j["errorType"].get<std::string>(), std::string("ValueError"));
        QCOMPARE(j["errorMessage"].get<std::string>(), std::string("bad value: 7"));
    }

    void tailLog()
    {
        const RawHttpReply r = post(invokePath("python-hello"), "{}", {{"X-Amz-Log-Type", "Tail"}});
        QCOMPARE(r.status, 200);
        const QByteArray encoded = r.header("X-Amz-Log-Result");
        QVERIFY(!encoded.isEmpty());
        const auto decoded =
            QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        const QByteArray log = decoded.decoded;
        QVERIFY(log.size() <= 4096);
        const QByteArray id = r.header("x-amzn-RequestId");
        QVERIFY2(log.contains("START RequestId: " + id), log.constData());
        QVERIFY2(log.contains("END RequestId: " + id), log.constData());
        QVERIFY2(log.contains("REPORT RequestId: " + id), log.constData());
        // None is accepted and gives no log.
        const RawHttpReply none =
            post(invokePath("python-hello"), "{}", {{"X-Amz-Log-Type", "None"}});
        QCOMPARE(none.status, 200);
        QVERIFY(!none.hasHeader("X-Amz-Log-Result"));
    }

    void tailIsTheLast4KB()
    {
        InvokeRequest request;
        request.tailLog = true;
        InvokeResult result;
        result.log = QByteArray(3000, 'a') + QByteArray(3000, 'b') + "\nREPORT\n";
        const HttpResponse response = InvokeApiServer::resultResponse(request, result);
        const QByteArray log = QByteArray::fromBase64(response.header("X-Amz-Log-Result"));
        QCOMPARE(log.size(), 4096);
        QVERIFY(log.endsWith("bbb\nREPORT\n"));
    }

    void serviceErrorsMapToTheWireFormat()
    {
        InvokeRequest request;
        request.requestId = u"11111111-2222-4333-8444-555555555555"_s;
        InvokeResult throttled;
        throttled.httpStatus = 429;
        throttled.serviceErrorCode = u"TooManyRequestsException"_s;
        throttled.serviceErrorMessage = u"Rate Exceeded."_s;
        throttled.throttleReason = u"ReservedFunctionConcurrentInvocationLimitExceeded"_s;
        throttled.retryAfterSeconds = 2;
        HttpResponse r = InvokeApiServer::resultResponse(request, throttled);
        QCOMPARE(r.statusCode, 429);
        QCOMPARE(r.header("x-amzn-ErrorType"), QByteArray("TooManyRequestsException"));
        QCOMPARE(r.header("x-amzn-RequestId"), QByteArray("11111111-2222-4333-8444-555555555555"));
        QCOMPARE(r.header("Retry-After"), QByteArray("2"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.body, QByteArray(R"({"Type":"User","message":"Rate Exceeded.","Reason":)"
                                    R"("ReservedFunctionConcurrentInvocationLimitExceeded"})"));

        throttled.retryAfterSeconds = 0;
        r = InvokeApiServer::resultResponse(request, throttled);
        QVERIFY(r.header("Retry-After").isEmpty());

        // An Event refused by the async sink is an error, not a 202.
        request.type = InvocationType::Event;
        InvokeResult conflict;
        conflict.httpStatus = 409;
        conflict.serviceErrorCode = u"ResourceConflictException"_s;
        conflict.serviceErrorMessage = u"busy \"quoted\""_s;
        r = InvokeApiServer::resultResponse(request, conflict);
        QCOMPARE(r.statusCode, 409);
        const QByteArray expected = "{\"Type\":\"User\",\"message\":\"busy \\\"quoted\\\"\"}";
        QCOMPARE(r.body, expected);
        QVERIFY(r.header("Retry-After").isEmpty());
    }

    void event()
    {
        const RawHttpReply r =
            post(invokePath("python-hello"), R"({"async":true})",
                 {{"X-Amz-Invocation-Type", "Event"}, {"X-Amz-Log-Type", "Tail"}});
        QCOMPARE(r.status, 202);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("x-amzn-RequestId").size(), 36);
        QVERIFY(!r.hasHeader("X-Amz-Log-Result"));
        QVERIFY(!r.hasHeader("X-Amz-Function-Error"));
    }

    void dryRun()
    {
        const RawHttpReply r =
            post(invokePath("python-hello"), "{}", {{"X-Amz-Invocation-Type", "DryRun"}});
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        QVERIFY(m_engine->environments(u"python-hello"_s).isEmpty());
        QVERIFY(m_engine->environments().isEmpty());
        // DryRun still checks the function exists.
        verifyError(post(invokePath("nope"), {}, {{"X-Amz-Invocation-Type", "DryRun"}}), 404,
                    "ResourceNotFoundException", {});
    }

    void badInvocationType()
    {
        verifyError(
            post(invokePath("python-hello"), "{}", {{"X-Amz-Invocation-Type", "event"}}), 400,
            "InvalidParameterValueException",
            "1 validation error detected: Value 'event' at 'invocationType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        verifyError(post(invokePath("python-hello"), "{}", {{"X-Amz-Log-Type", "All"}}), 400,
                    "InvalidParameterValueException", {});
    }

    void unknownFunction()
    {
        const RawHttpReply r = post(invokePath("nope"), "{}");
        verifyError(
            r, 404, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST");
    }

    void names_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("name") << invokePath("python-hello");
        QTest::newRow("arn") << invokePath(
            "arn:aws:lambda:us-east-1:123456789012:function:python-hello");
        QTest::newRow("arn-encoded") << invokePath(
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Apython-hello");
        QTest::newRow("partial") << invokePath("123456789012:function:python-hello");
        QTest::newRow("partial-encoded") << invokePath("123456789012%3Afunction%3Apython-hello");
        QTest::newRow("other-account") << invokePath("000000000000%3Afunction%3Apython-hello");
        QTest::newRow("suffix-latest") << invokePath("python-hello%3A%24LATEST");
        QTest::newRow("query-latest") << invokePath("python-hello") + "?Qualifier=%24LATEST";
        QTest::newRow("both-latest") << invokePath("python-hello:$LATEST") + "?Qualifier=$LATEST";
        QTest::newRow("arn-latest") << invokePath(
            "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Apython-hello%3A%24LATEST");
        QTest::newRow("absolute-form") << "http://127.0.0.1" + invokePath("python-hello");
    }

    void names()
    {
        QFETCH(QByteArray, target);
        const RawHttpReply r = post(target, "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["function_name"].get<std::string>(), std::string("python-hello"));
        QCOMPARE(r.header("X-Amz-Executed-Version"), QByteArray("$LATEST"));
    }

    void functionCalledFunction()
    {
        // RIE's URL is an ordinary route: "function" is just a name.
        verifyError(post(invokePath("function"), "{}"), 404, "ResourceNotFoundException", {});
        FunctionConfig f = fixture(u"python-hello"_s);
        f.logicalId = u"function"_s;
        f.functionName = u"function"_s;
        m_engine->setFunctions({f});
        const RawHttpReply r = post(invokePath("function"), "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["function_name"].get<std::string>(), std::string("function"));
    }

    void qualifiers()
    {
        verifyError(
            post(invokePath("python-hello:live"), "{}"), 404, "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:python-hello:live");
        verifyError(
            post(invokePath("python-hello") + "?Qualifier=7", "{}"), 404,
            "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:python-hello:7");
        verifyError(
            post(invokePath("python-hello:$LATEST") + "?Qualifier=live", "{}"), 400,
            "InvalidParameterValueException",
            "The derived qualifier from the function name does not match the specified qualifier.");
        verifyError(post(invokePath("python-hello") + "?Qualifier=a%3Ab", "{}"), 400,
                    "ValidationException", {});
    }

    void invalidNames()
    {
        verifyError(post(invokePath("my%20function"), "{}"), 400, "ValidationException", {});
        verifyError(post(invokePath("a%2Fb"), "{}"), 400, "ValidationException", {});
        verifyError(
            post(invokePath("arn:aws:lambda:eu-west-1:123456789012:function:python-hello"), "{}"),
            404, "ResourceNotFoundException",
            "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    }

    void invalidJson()
    {
        const RawHttpReply r = post(invokePath("python-hello"), "{not json");
        verifyError(r, 400, "InvalidRequestContentException", {});
        const std::string message = json(r.body)["message"].get<std::string>();
        QVERIFY2(
            QByteArray::fromStdString(message).startsWith("Could not parse request body into json"),
            message.c_str());
        QVERIFY(m_engine->environments().isEmpty());
    }

    void payloadLimits()
    {
        // Exactly 6 MB is accepted (as a JSON string), one byte more is not.
        QByteArray six = '"' + QByteArray(InvokeApiServer::kMaxSyncPayloadBytes - 2, 'x') + '"';
        const RawHttpReply ok =
            post(invokePath("python-hello"), six, {{"X-Amz-Invocation-Type", "DryRun"}});
        QCOMPARE(ok.status, 204);
        six.append(' ');
        verifyError(post(invokePath("python-hello"), six), 413, "RequestEntityTooLargeException",
                    "Request must be smaller than 6291456 bytes for the InvokeFunction operation");

        // Event: 1 MB.
        QByteArray one = '"' + QByteArray(InvokeApiServer::kMaxEventPayloadBytes - 2, 'x') + '"';
        QCOMPARE(
            post(invokePath("python-hello"), one, {{"X-Amz-Invocation-Type", "DryRun"}}).status,
            204);
        one.append(' ');
        verifyError(post(invokePath("python-hello"), one, {{"X-Amz-Invocation-Type", "Event"}}),
                    413, "RequestEntityTooLargeException",
                    "Request must be smaller than 1048576 bytes for the InvokeFunction operation");
        // Beyond the server's body limit, an Event still gets the Event message.
        verifyError(post(invokePath("python-hello"), six, {{"X-Amz-Invocation-Type", "Event"}}),
                    413, "RequestEntityTooLargeException",
                    "Request must be smaller than 1048576 bytes for the InvokeFunction operation");
        QVERIFY(m_engine->environments().isEmpty());
    }

    void clientContext()
    {
        const QByteArray context =
            R"({"custom":{"k":"v"},"env":{"platform":"test"},"client":{"installation_id":"i-1","app_title":"T"}})";
        const RawHttpReply r =
            post(invokePath("python-hello"), "{}",
                 {{"X-Amz-Client-Context", context.toBase64()},
                  {"X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}});
        QCOMPARE(r.status, 200);
        const auto j = json(r.body);
        QCOMPARE(j["client_context"]["custom"]["k"].get<std::string>(), std::string("v"));
        QCOMPARE(j["client_context"]["env"]["platform"].get<std::string>(), std::string("test"));
        QCOMPARE(j["client_context"]["client"]["installation_id"].get<std::string>(),
                 std::string("i-1"));
        QCOMPARE(j["trace_id"].get<std::string>(),
                 std::string("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));

        verifyError(
            post(invokePath("python-hello"), "{}", {{"X-Amz-Client-Context", "not base64!"}}), 400,
            "InvalidParameterValueException",
            "Client context must be a valid Base64-encoded JSON object.");
        verifyError(post(invokePath("python-hello"), "{}",
                         {{"X-Amz-Client-Context", QByteArray("not json").toBase64()}}),
                    400, "InvalidParameterValueException", {});
        const QByteArray tooLong =
            ("{\"custom\":{\"k\":\"" + QByteArray(3000, 'v') + "\"}}").toBase64();
        QVERIFY(tooLong.size() > InvokeApiServer::kMaxClientContextBytes);
        verifyError(post(invokePath("python-hello"), "{}", {{"X-Amz-Client-Context", tooLong}}),
                    400, "InvalidParameterValueException", {});
    }

    void routes()
    {
        const RawHttpReply unknown =
            post("/2015-03-31/functions/python-hello/configuration", {}, {}, "GET");
        verifyError(unknown, 404, "UnknownOperationException", {});
        verifyError(post("/", {}, {}, "GET"), 404, "UnknownOperationException", {});
        verifyError(post("/2015-03-31/functions/a/b/invocations", "{}"), 404,
                    "UnknownOperationException", {});
        const RawHttpReply get = post(invokePath("python-hello"), {}, {}, "GET");
        verifyError(get, 405, "MethodNotAllowedException", {});
        QCOMPARE(get.header("Allow"), QByteArray("POST"));
    }

    void hostileInputDoesNotHurt()
    {
        {
            Call garbage(m_server->serverPort(), "\x01\x02 nonsense \r\n\r\n");
            (void)QTest::qWaitFor([&] { return garbage.done(); }, 2000);
        }
        {
            Call lying(m_server->serverPort(), "POST " + invokePath("python-hello") +
                                                   " HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
            (void)QTest::qWaitFor([&] { return lying.done(); }, 2000);
        }
        {
            // A body cut short: the connection is dropped later, nothing reaches the engine.
            QTcpSocket half;
            half.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
            QVERIFY(half.waitForConnected(2000));
            half.write("POST " + invokePath("python-hello") +
                       " HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
            QTest::qWait(50);
        }
        QCOMPARE(post(invokePath("python-hello"), "{}").status, 200);
    }

    void keepAlive()
    {
        // Two invocations pipelined on one connection are both answered, in order.
        Call call(m_server->serverPort(), request(invokePath("python-hello"), R"({"n":1})") +
                                              request(invokePath("python-hello"), R"({"n":2})"));
        QVERIFY(QTest::qWaitFor([&] { return call.m_buffer.count("HTTP/1.1 200") == 2; }, 60000));
        RawHttpReply first;
        const qsizetype used = Lwb::Test::parseRawHttpReply(call.m_buffer, first);
        RawHttpReply second;
        QVERIFY(Lwb::Test::parseRawHttpReply(call.m_buffer.mid(used), second) > 0);
        QCOMPARE(json(first.body)["event"]["n"].get<int>(), 1);
        QCOMPARE(json(second.body)["event"]["n"].get<int>(), 2);
    }

    void concurrentRequestsAreNotSerialised()
    {
        constexpr int kCalls = 8;
        QElapsedTimer timer;
        timer.start();
        std::vector<std::unique_ptr<Call>> calls;
        for (int i = 0; i < kCalls; ++i) {
            calls.push_back(std::make_unique<Call>(
                m_server->serverPort(), request(invokePath("python-sleep"), R"({"seconds":1})")));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(calls.begin(), calls.end(), [](auto &c) { return c->done(); });
            },
            30000));
        const qint64 elapsedMs = timer.elapsed();
        qInfo("8 concurrent 1 s invocations took %lld ms", elapsedMs);
        QSet<QByteArray> ids;
        for (auto &call : calls) {
            const RawHttpReply r = call->wait();
            QCOMPARE(r.status, 200);
            QVERIFY2(!r.hasHeader("X-Amz-Function-Error"), r.body.constData());
            ids.insert(r.header("x-amzn-RequestId"));
        }
        QCOMPARE(ids.size(), kCalls);
        QCOMPARE(m_engine->environments(u"python-sleep"_s).size(), kCalls);
        // Serialised, this would take 8 s; in parallel it is 1 s plus eight cold starts on 2 CPUs
        // (about 1.2 s here; the bound leaves room for a loaded machine).
        QVERIFY2(elapsedMs < 5000, qPrintable(QString::number(elapsedMs)));
    }

    void serverGoneBeforeCompletion()
    {
        Call call(m_server->serverPort(),
                  request(invokePath("python-sleep"), R"({"seconds":0.3})"));
        QVERIFY(QTest::qWaitFor([&] { return m_server->inFlightCount() == 1; }, 10000));
        m_server.reset();
        // The engine finishes the invocation with nobody to answer: no crash.
        QTest::qWait(1500);
        QVERIFY(m_engine->environments(u"python-sleep"_s).size() <= 1);
    }
};

QTEST_GUILESS_MAIN(TestInvokeApiServer)
#include "tst_invokeapiserver.moc"
