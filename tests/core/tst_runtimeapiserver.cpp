// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/httpserver.h"
#include "runtime/runtimeapiserver.h"

#include "rawhttpreply.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QProcess>
#include <QtCore/QTimer>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

constexpr auto kNextRequest = "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n";



// Spins the event loop until pred() holds, sleeping in the event dispatcher rather than in
// QTest::qWaitFor's 10 ms naps, so that latency measurements measure the server.
template<typename Pred>
bool spinUntil(Pred pred, int timeoutMs = 5000)
{
    QTimer wakeUp;
    wakeUp.start(20);
    QElapsedTimer timer;
    timer.start();
    while (!pred()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

class Runtime : public QObject
{
public:
    explicit Runtime(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, this, [this] { buffer += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, this, [this] { disconnected = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }

    std::optional<Lwb::Test::RawHttpReply> reply(int timeoutMs = 5000)
    {
        Lwb::Test::RawHttpReply r;
        qsizetype used = 0;
        spinUntil([&] { return (used = Lwb::Test::parseRawHttpReply(buffer, r)) > 0; }, timeoutMs);
        if (used == 0) {
            return std::nullopt;
        }
        buffer.remove(0, used);
        return r;
    }

    void next() { socket.write(kNextRequest); }

    void post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        socket.write("POST /2018-06-01" + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body);
    }

    std::optional<Lwb::Test::RawHttpReply> request(const QByteArray &path, const QByteArray &body,
                                 const QByteArray &extraHeaders = {})
    {
        post(path, body, extraHeaders);
        return reply();
    }

    QTcpSocket socket;
    QByteArray buffer;
    bool disconnected = false;
};

RuntimeInvocation invocation(const QString &id, const QByteArray &payload = "{\"k\":1}")
{
    RuntimeInvocation inv;
    inv.requestId = id;
    inv.payload = payload;
    inv.deadlineMs = 1767225600123;
    inv.invokedFunctionArn = u"arn:aws:lambda:us-east-1:123456789012:function:f:live"_s;
    inv.traceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
    return inv;
}

QByteArray forbidden(const char *from, const char *to)
{
    return QByteArray("{\"errorMessage\":\"State transition from ") + from + " to " + to
        + " failed for runtime. Error: State transition is not allowed\","
          "\"errorType\":\"InvalidStateTransition\"}";
}

const QByteArray kInvalidRequestId = "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}";
const QByteArray kAccepted = "{\"status\":\"OK\"}";

} // namespace

class TestRuntimeApiServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // A socket folder an engine that was killed left behind: the first listen() of a
        // process sweeps it away. (PID 0x7ffffff0 is never a live process here.)
        m_stale = QDir::tempPath() + u"/lwb-rapi-2147483632-leftover"_s;
        QVERIFY(QDir().mkpath(m_stale));
    }

    void init()
    {
        m_api = std::make_unique<RuntimeApiServer>();
        QString error;
        QVERIFY2(m_api->listen(&error), qPrintable(error));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Started);
    }

    void cleanup() { m_api.reset(); }

    void addressPingAndUnknownPaths()
    {
        QVERIFY(m_api->port() != 0);
        QCOMPARE(m_api->address(), "127.0.0.1:" + QByteArray::number(m_api->port()));
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.socket.write("GET /2018-06-01/ping HTTP/1.1\r\n\r\n");
        auto r = rt.reply();
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, "pong");
        rt.socket.write("GET /ping HTTP/1.1\r\n\r\n");
        QCOMPARE(rt.reply()->body, "pong");
        rt.socket.write("GET /2018-06-01/runtime/nothing HTTP/1.1\r\n\r\n");
        QCOMPARE(rt.reply()->status, 404);
        rt.socket.write("GET /2020-01-01/extension/event/next HTTP/1.1\r\n\r\n");
        QCOMPARE(rt.reply()->status, 404);
        rt.socket.write("POST /2018-06-01/runtime/invocation/next HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(rt.reply()->status, 405);
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Started);
    }

    void unixSocketFolderOfItsOwn()
    {
        QVERIFY(!QFileInfo::exists(m_stale));
        const QString dir = m_api->localSocketDir();
        QVERIFY(!dir.isEmpty());
        QVERIFY(QFileInfo(dir).fileName().startsWith(
            u"lwb-rapi-%1-"_s.arg(QCoreApplication::applicationPid())));
        const QString path = dir + u'/' + QString::fromLatin1(RuntimeApiServer::kLocalSocketName);
        QLocalSocket socket;
        socket.connectToServer(path);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /2018-06-01/ping HTTP/1.1\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() > 0 || socket.waitForReadyRead(50); }, 5000));
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 200 OK"));
        QCOMPARE(m_api->localConnectionCount(), quint64(1));
        // The folder goes with the server.
        m_api.reset();
        QVERIFY(!QFileInfo::exists(dir));
    }

    void nextParksUntilInvocation()
    {
        QSignalSpy ready(m_api.get(), &RuntimeApiServer::runtimeReady);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.next();
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Ready);
        QVERIFY(!rt.reply(200)); // parked
        m_api->startInvocation(invocation(u"id-1"_s));
        const auto r = rt.reply();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, "{\"k\":1}");
        QCOMPARE(r->header("Lambda-Runtime-Aws-Request-Id"), "id-1");
        QCOMPARE(r->header("Lambda-Runtime-Deadline-Ms"), "1767225600123");
        QCOMPARE(r->header("Lambda-Runtime-Invoked-Function-Arn"),
                 "arn:aws:lambda:us-east-1:123456789012:function:f:live");
        QCOMPARE(r->header("Lambda-Runtime-Trace-Id"),
                 "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
        QCOMPARE(r->header("Content-Type"), "application/json");
        // Empty values are not sent at all.
        QVERIFY(!r->hasHeader("Lambda-Runtime-Client-Context"));
        QVERIFY(!r->hasHeader("Lambda-Runtime-Cognito-Identity"));
        QVERIFY(!r->hasHeader("Lambda-Runtime-Aws-Tenant-Id"));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Running);
        QCOMPARE(m_api->currentRequestId(), u"id-1"_s);
        QCOMPARE(ready.size(), 1);
    }

    void optionalHeadersWhenSet()
    {
        RuntimeInvocation inv = invocation(u"id-h"_s, "raw bytes");
        inv.contentType = "application/octet-stream";
        inv.clientContext = R"({"custom":{"a":"b"}})";
        inv.cognitoIdentity = R"({"cognitoIdentityId":"i","cognitoIdentityPoolId":"p"})";
        inv.tenantId = "tenant-7";
        inv.deadlineMs = 0;
        m_api->startInvocation(inv);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.next();
        const auto r = rt.reply();
        QCOMPARE(r->header("Content-Type"), "application/octet-stream");
        QCOMPARE(r->header("Lambda-Runtime-Client-Context"), inv.clientContext);
        QCOMPARE(r->header("Lambda-Runtime-Cognito-Identity"), inv.cognitoIdentity);
        QCOMPARE(r->header("Lambda-Runtime-Aws-Tenant-Id"), "tenant-7");
        QVERIFY(!r->hasHeader("Lambda-Runtime-Deadline-Ms"));
        QCOMPARE(r->body, "raw bytes");
    }

    void queuedInvocationDeliveredOnFirstNext()
    {
        QSignalSpy ready(m_api.get(), &RuntimeApiServer::runtimeReady);
        m_api->startInvocation(invocation(u"early"_s));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Started);
        QCOMPARE(m_api->currentRequestId(), u"early"_s);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.next();
        const auto r = rt.reply();
        QVERIFY(r);
        QCOMPARE(r->header("Lambda-Runtime-Aws-Request-Id"), "early");
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Running);
        QCOMPARE(ready.size(), 0);
    }

    void secondNextRedeliversSameInvocation()
    {
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"same"_s, "payload-1"));
        rt.next();
        const auto first = rt.reply();
        rt.next();
        const auto second = rt.reply();
        QVERIFY(first && second);
        QCOMPARE(second->status, 200);
        QCOMPARE(second->body, first->body);
        QCOMPARE(second->headers, first->headers);
        QCOMPARE(second->header("Lambda-Runtime-Aws-Request-Id"), "same");
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Running);
        // And the invocation can still be answered.
        QCOMPARE(rt.request("/runtime/invocation/same/response", "ok")->status, 202);
    }

    void responseAcceptedAndDuplicateForbidden()
    {
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"r1"_s));
        rt.next();
        QVERIFY(rt.reply());
        auto r = rt.request("/runtime/invocation/r1/response", "{\"answer\":42}",
                            "Content-Type: application/x-custom\r\n");
        QCOMPARE(r->status, 202);
        QCOMPARE(r->body, kAccepted);
        QCOMPARE(r->header("Content-Type"), "application/json");
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0][0].toString(), u"r1"_s);
        QCOMPARE(responses[0][1].toByteArray(), "{\"answer\":42}");
        QCOMPARE(responses[0][2].toByteArray(), "application/x-custom");
        QCOMPARE(m_api->state(), RuntimeApiServer::State::ResponseSent);

        r = rt.request("/runtime/invocation/r1/response", "again");
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("RuntimeResponseSentState", "InvocationResponse"));
        r = rt.request("/runtime/invocation/r1/error", "{}");
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("RuntimeResponseSentState", "InvocationErrorResponse"));
        QCOMPARE(responses.size(), 1);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(m_api->state(), RuntimeApiServer::State::ResponseSent);
    }

    void responseWithoutContentTypeDefaultsToJson()
    {
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"ct"_s));
        rt.next();
        QVERIFY(rt.reply());
        QCOMPARE(rt.request("/runtime/invocation/ct/response", "")->status, 202);
        QCOMPARE(responses[0][1].toByteArray(), QByteArray());
        QCOMPARE(responses[0][2].toByteArray(), "application/json");
    }

    void wrongRequestId()
    {
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        // No invocation at all.
        auto r = rt.request("/runtime/invocation/nobody/response", "x");
        QCOMPARE(r->status, 400);
        QCOMPARE(r->body, kInvalidRequestId);
        m_api->startInvocation(invocation(u"good"_s));
        rt.next();
        QVERIFY(rt.reply());
        r = rt.request("/runtime/invocation/other/response", "x");
        QCOMPARE(r->status, 400);
        QCOMPARE(r->body, kInvalidRequestId);
        r = rt.request("/runtime/invocation/other/error", "x");
        QCOMPARE(r->status, 400);
        QCOMPARE(r->body, kInvalidRequestId);
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Running);
        QCOMPARE(rt.request("/runtime/invocation/good/response", "x")->status, 202);
    }

    void responseBeforeNextIsForbidden()
    {
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        // Queued before the first /next: the id matches, the state does not.
        m_api->startInvocation(invocation(u"queued"_s));
        auto r = rt.request("/runtime/invocation/queued/response", "x");
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("Started", "InvocationResponse"));
        r = rt.request("/runtime/invocation/queued/error", "x");
        QCOMPARE(r->body, forbidden("Started", "InvocationErrorResponse"));
        rt.next();
        QCOMPARE(rt.reply()->header("Lambda-Runtime-Aws-Request-Id"), "queued");
        QCOMPARE(rt.request("/runtime/invocation/queued/response", "x")->status, 202);
        // Queued after a response, before the runtime asked for it.
        m_api->startInvocation(invocation(u"second"_s));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::ResponseSent);
        r = rt.request("/runtime/invocation/second/response", "x");
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("RuntimeResponseSentState", "InvocationResponse"));
        rt.next();
        QCOMPARE(rt.reply()->header("Lambda-Runtime-Aws-Request-Id"), "second");
    }

    void initError()
    {
        QSignalSpy initErrors(m_api.get(), &RuntimeApiServer::initErrorReported);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        const QByteArray body = "{ \"errorMessage\" : \"Unable to import module 'x'\",\n"
                                "  \"errorType\":\"Runtime.ImportModuleError\", \"stackTrace\": [] }";
        auto r = rt.request("/runtime/init/error", body,
                            "Lambda-Runtime-Function-Error-Type: Runtime.ImportModuleError\r\n");
        QCOMPARE(r->status, 202);
        QCOMPARE(r->body, kAccepted);
        QCOMPARE(initErrors.size(), 1);
        QCOMPARE(initErrors[0][0].toByteArray(), "Runtime.ImportModuleError");
        QCOMPARE(initErrors[0][1].toByteArray(), body);
        QCOMPARE(m_api->state(), RuntimeApiServer::State::InitError);
        rt.next();
        r = rt.reply();
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("InitError", "Ready"));
        r = rt.request("/runtime/init/error", body);
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("InitError", "InitError"));
        QCOMPARE(initErrors.size(), 1);
    }

    void initErrorOnlyInStarted()
    {
        QSignalSpy initErrors(m_api.get(), &RuntimeApiServer::initErrorReported);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.next();
        QTRY_COMPARE(m_api->state(), RuntimeApiServer::State::Ready);
        Runtime other(m_api->port());
        QVERIFY(other.waitConnected());
        auto r = other.request("/runtime/init/error", "{}");
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, forbidden("Ready", "InitError"));
        m_api->startInvocation(invocation(u"i"_s));
        QVERIFY(rt.reply());
        r = other.request("/runtime/init/error", "{}");
        QCOMPARE(r->body, forbidden("Running", "InitError"));
        QCOMPARE(initErrors.size(), 0);
    }

    void errorType_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expectedType");
        QTest::newRow("header wins") << QByteArray("Lambda-Runtime-Function-Error-Type: Function.Boom\r\n")
                                     << QByteArray("{\"errorType\":\"FromBody\"}")
                                     << QByteArray("Function.Boom");
        QTest::newRow("python ric: body only")
            << QByteArray("Content-Type: application/json\r\n")
            << QByteArray("{\"errorMessage\": \"division by zero\", \"errorType\": \"ZeroDivisionError\", "
                          "\"requestId\": \"e\", \"stackTrace\": [\"  File x\\n\"]}")
            << QByteArray("ZeroDivisionError");
        QTest::newRow("node ric: trace") << QByteArray()
                                         << QByteArray("{\"errorType\":\"Error\",\"errorMessage\":\"m\",\"trace\":[]}")
                                         << QByteArray("Error");
        QTest::newRow("not json") << QByteArray() << QByteArray("plain text \x01\xff", 14)
                                  << QByteArray("Runtime.Unknown");
        QTest::newRow("empty") << QByteArray() << QByteArray() << QByteArray("Runtime.Unknown");
    }

    void errorType()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expectedType);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"e"_s));
        rt.next();
        QVERIFY(rt.reply());
        const auto r = rt.request("/runtime/invocation/e/error", body, headers);
        QCOMPARE(r->status, 202);
        QCOMPARE(r->body, kAccepted);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][0].toString(), u"e"_s);
        QCOMPARE(errors[0][1].toByteArray(), expectedType);
        QCOMPARE(errors[0][2].toByteArray(), body); // byte for byte
        QCOMPARE(m_api->state(), RuntimeApiServer::State::ResponseSent);
    }

    void errorCauseContentType_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("expectedType");
        QTest::newRow("cause stripped")
            << QByteArray(R"({"errorMessage":"m","errorType":"T","stackTrace":["a","b"],"errorCause":{"paths":[]}})")
            << QByteArray(R"({"errorMessage":"m","errorType":"T","stackTrace":["a","b"]})")
            << QByteArray("T");
        QTest::newRow("no stack trace")
            << QByteArray(R"({"errorCause":{"x":1},"errorType":"foo","errorMessage":"foo"})")
            << QByteArray(R"({"errorMessage":"foo","errorType":"foo"})") << QByteArray("foo");
        QTest::newRow("invalid") << QByteArray(R"({"foo":bar})") << QByteArray("\"Invalid error body\"")
                                 << QByteArray("Runtime.Unknown");
    }

    void errorCauseContentType()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, expectedType);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"c"_s));
        rt.next();
        QVERIFY(rt.reply());
        const auto r = rt.request("/runtime/invocation/c/error", body,
                                  "Content-Type: application/vnd.aws.lambda.error.cause+json\r\n");
        QCOMPARE(r->status, 202);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][2].toByteArray(), expected);
        QCOMPARE(errors[0][1].toByteArray(), expectedType);
    }

    void responseTooLarge()
    {
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"big"_s));
        rt.next();
        QVERIFY(rt.reply());
        const qint64 size = RuntimeApiServer::kMaxPayloadBytes + 1;
        QCOMPARE(size, 6291557);
        rt.post("/runtime/invocation/big/response", QByteArray(size, 'a'));
        const auto r = rt.reply(20000);
        QVERIFY(r);
        QCOMPARE(r->status, 413);
        QCOMPARE(r->body, "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                          "\"errorType\":\"RequestEntityTooLarge\"}");
        QCOMPARE(responses.size(), 0);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][1].toByteArray(), "Function.ResponseSizeTooLarge");
        QCOMPARE(errors[0][2].toByteArray(),
                 "{\"errorMessage\":\"Response payload size (6291557 bytes) exceeded maximum allowed "
                 "payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}");
        QCOMPARE(m_api->state(), RuntimeApiServer::State::ResponseSent);
        QVERIFY(!rt.disconnected);

        // Exactly at the limit is accepted, on the same connection.
        m_api->startInvocation(invocation(u"max"_s));
        rt.next();
        QVERIFY(rt.reply());
        const auto ok = rt.request("/runtime/invocation/max/response",
                                   QByteArray(RuntimeApiServer::kMaxPayloadBytes, 'b'));
        QVERIFY(ok);
        QCOMPARE(ok->status, 202);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0][1].toByteArray().size(), RuntimeApiServer::kMaxPayloadBytes);
    }

    void responseMode()
    {
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"m1"_s));
        rt.next();
        QVERIFY(rt.reply());
        auto r = rt.request("/runtime/invocation/m1/response", "x",
                            "Lambda-Runtime-Function-Response-Mode: buffered\r\n");
        QCOMPARE(r->status, 400);
        QCOMPARE(r->body, "{\"errorMessage\":\"Invalid function response mode\","
                          "\"errorType\":\"InvalidFunctionResponseMode\"}");
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][1].toByteArray(), "Runtime.InvalidResponseModeHeader");
        QCOMPARE(responses.size(), 0);

        m_api->startInvocation(invocation(u"m2"_s));
        rt.next();
        QVERIFY(rt.reply());
        rt.socket.write("POST /2018-06-01/runtime/invocation/m2/response HTTP/1.1\r\n"
                        "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
        r = rt.reply();
        QCOMPARE(r->status, 202);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0][1].toByteArray(), "abcdef");
    }

    void chunkedResponseWithTrailers()
    {
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"go"_s));
        rt.next();
        QVERIFY(rt.reply());
        // As the Go runtime client posts it: chunked, trailers declared, none set.
        rt.socket.write("POST /2018-06-01/runtime/invocation/go/response HTTP/1.1\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        "Trailer: Lambda-Runtime-Function-Error-Type\r\n"
                        "Trailer: Lambda-Runtime-Function-Error-Body\r\n\r\n"
                        "6\r\n\"hello\r\n2\r\n\"\n\r\n0\r\n\r\n");
        auto r = rt.reply();
        QCOMPARE(r->status, 202);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0][1].toByteArray(), "\"hello\"\n");
        QCOMPARE(errors.size(), 0);

        // Failing midway: the error travels in the trailers.
        m_api->startInvocation(invocation(u"go2"_s));
        rt.next();
        QVERIFY(rt.reply());
        const QByteArray errorDoc = R"({"errorMessage":"boom","errorType":"Runtime.Panic"})";
        rt.socket.write("POST /2018-06-01/runtime/invocation/go2/response HTTP/1.1\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n4\r\npart\r\n0\r\n"
                        "Lambda-Runtime-Function-Error-Type: Runtime.Panic\r\n"
                        "Lambda-Runtime-Function-Error-Body: " + errorDoc.toBase64() + "\r\n\r\n");
        r = rt.reply();
        QCOMPARE(r->status, 202);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][1].toByteArray(), "Runtime.Panic");
        QCOMPARE(errors[0][2].toByteArray(), errorDoc);
    }

    void resetDropsParkedAndInvocation()
    {
        QSignalSpy ready(m_api.get(), &RuntimeApiServer::runtimeReady);
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"old"_s));
        rt.next();
        QVERIFY(rt.reply());
        m_api->reset();
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Started);
        QVERIFY(m_api->currentRequestId().isEmpty());
        auto r = rt.request("/runtime/invocation/old/response", "late");
        QCOMPARE(r->status, 400);
        QCOMPARE(r->body, kInvalidRequestId);

        // A parked /next is dropped by reset(): its connection is closed.
        Runtime parked(m_api->port());
        QVERIFY(parked.waitConnected());
        parked.next();
        QTRY_COMPARE(ready.size(), 1);
        m_api->reset();
        QVERIFY(QTest::qWaitFor([&] { return parked.disconnected; }, 5000));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Started);
        // The new runtime's first /next is an init again.
        Runtime fresh(m_api->port());
        QVERIFY(fresh.waitConnected());
        fresh.next();
        QTRY_COMPARE(ready.size(), 2);
    }

    void parkedNextGoneThenNewNextGetsInvocation()
    {
        QSignalSpy closed(m_api->httpServer(), &HttpServer::connectionClosed);
        {
            Runtime rt(m_api->port());
            QVERIFY(rt.waitConnected());
            rt.next();
            QTRY_COMPARE(m_api->state(), RuntimeApiServer::State::Ready);
            rt.socket.abort();
        }
        QTRY_COMPARE(closed.size(), 1);
        m_api->startInvocation(invocation(u"kept"_s));
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Ready); // nobody to hand it to
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        rt.next();
        const auto r = rt.reply();
        QCOMPARE(r->header("Lambda-Runtime-Aws-Request-Id"), "kept");
        QCOMPARE(m_api->state(), RuntimeApiServer::State::Running);
    }

    void signalsFireAfterReplyIsWritten()
    {
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        m_api->startInvocation(invocation(u"order"_s));
        rt.next();
        QVERIFY(rt.reply());
        quint64 writesAtSignal = 0;
        const quint64 before = m_api->httpServer()->socketWriteCount();
        connect(m_api.get(), &RuntimeApiServer::invocationResponse, this, [&] {
            writesAtSignal = m_api->httpServer()->socketWriteCount();
        });
        QCOMPARE(rt.request("/runtime/invocation/order/response", "x")->status, 202);
        QCOMPARE(writesAtSignal, before + 1);
    }

    void warmInvokeLatency()
    {
        Runtime rt(m_api->port());
        QVERIFY(rt.waitConnected());
        int answered = 0;
        connect(m_api.get(), &RuntimeApiServer::invocationResponse, this, [&] { ++answered; });
        rt.next();
        QTRY_COMPARE(m_api->state(), RuntimeApiServer::State::Ready);
        constexpr int kRounds = 300;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kRounds; ++i) {
            const QString id = u"warm-"_s + QString::number(i);
            m_api->startInvocation(invocation(id));
            const auto event = rt.reply();
            QVERIFY(event);
            rt.post("/runtime/invocation/" + id.toUtf8() + "/response", "{\"ok\":true}");
            QVERIFY(rt.reply());
            rt.next();
            QVERIFY(spinUntil([&] { return m_api->state() == RuntimeApiServer::State::Ready; }));
            QCOMPARE(answered, i + 1);
        }
        const double perInvokeMs = double(timer.nsecsElapsed()) / 1e6 / kRounds;
        qInfo("warm invoke round trip (server and test client in one thread): %.3f ms", perInvokeMs);
        QVERIFY2(perInvokeMs < 1.0, qPrintable(QString::number(perInvokeMs)));
    }

    void pythonRuntimeLoop()
    {
        const QString script = uR"(
import http.client, json, os, sys
api = sys.argv[1]
host, port = api.split(':')
c = http.client.HTTPConnection(host, int(port))
for i in range(3):
    c.request('GET', '/2018-06-01/runtime/invocation/next')
    r = c.getresponse()
    event = r.read()
    rid = r.getheader('Lambda-Runtime-Aws-Request-Id')
    assert r.status == 200, r.status
    assert r.getheader('Lambda-Runtime-Deadline-Ms') == '1767225600123'
    if i == 1:
        body = json.dumps({'errorMessage': 'bad', 'errorType': 'ValueError', 'stackTrace': []})
        c.request('POST', '/2018-06-01/runtime/invocation/%s/error' % rid, body=body,
                  headers={'Content-Type': 'application/json'})
    else:
        c.request('POST', '/2018-06-01/runtime/invocation/%s/response' % rid,
                  body=json.dumps({'echo': json.loads(event)}))
    r = c.getresponse()
    assert r.status == 202, r.status
    assert json.loads(r.read()) == {'status': 'OK'}
    c.request('POST', '/2018-06-01/runtime/invocation/%s/response' % rid, body='dup')
    r = c.getresponse()
    assert r.status == 403, r.status
    assert json.loads(r.read())['errorType'] == 'InvalidStateTransition'
print('OK')
)"_s;
        QStringList ids;
        connect(m_api.get(), &RuntimeApiServer::runtimeReady, this, [&] {
            if (ids.size() < 3) {
                ids.append(u"py-"_s + QString::number(ids.size()));
                m_api->startInvocation(invocation(ids.last(), "{\"n\":" + QByteArray::number(ids.size()) + "}"));
            }
        });
        QSignalSpy responses(m_api.get(), &RuntimeApiServer::invocationResponse);
        QSignalSpy errors(m_api.get(), &RuntimeApiServer::invocationError);
        QSignalSpy opened(m_api->httpServer(), &HttpServer::connectionOpened);
        QProcess python;
        python.start(u"/usr/bin/python3"_s, {u"-c"_s, script, QString::fromLatin1(m_api->address())});
        QVERIFY(python.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(python.state(), QProcess::NotRunning, 20000);
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QCOMPARE(python.readAllStandardOutput().trimmed(), "OK");
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses[0][0].toString(), u"py-0"_s);
        QCOMPARE(responses[0][1].toByteArray(), "{\"echo\": {\"n\": 1}}");
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][0].toString(), u"py-1"_s);
        QCOMPARE(errors[0][1].toByteArray(), "ValueError");
        QCOMPARE(responses[1][0].toString(), u"py-2"_s);
        QCOMPARE(opened.size(), 1); // keep-alive throughout
    }

private:
    QString m_stale;
    std::unique_ptr<RuntimeApiServer> m_api;
};

QTEST_GUILESS_MAIN(TestRuntimeApiServer)
#include "tst_runtimeapiserver.moc"
