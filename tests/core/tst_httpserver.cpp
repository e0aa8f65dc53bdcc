// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/httpserver.h"

#include "rawhttpreply.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {



class Client : public QObject
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, this, [this] {
            const QByteArray chunk = socket.readAll();
            chunks.append(chunk);
            buffer += chunk;
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, this, [this] { disconnected = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }

    std::optional<Lwb::Test::RawHttpReply> next(int timeoutMs = 5000)
    {
        Lwb::Test::RawHttpReply response;
        qsizetype used = 0;
        (void)QTest::qWaitFor([&] { return (used = Lwb::Test::parseRawHttpReply(buffer, response)) > 0; }, timeoutMs);
        if (used == 0) {
            return std::nullopt;
        }
        buffer.remove(0, used);
        return response;
    }

    bool waitDisconnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return disconnected; }, timeoutMs);
    }

    QTcpSocket socket;
    QByteArray buffer;
    QList<QByteArray> chunks;
    bool disconnected = false;
};

HttpResponse echo(const HttpRequest &request)
{
    HttpResponse response(200, request.method + ' ' + request.target + '|' + request.body,
                          QByteArrayLiteral("text/plain"));
    return response;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<HttpServer>();
        m_requests.clear();
        m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            responder.send(echo(request));
        });
        QString error;
        QVERIFY2(m_server->listen(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
        QVERIFY(m_server->serverPort() != 0);
    }

    void cleanup() { m_server.reset(); }

    void keepAliveSeveralRequests()
    {
        QSignalSpy opened(m_server.get(), &HttpServer::connectionOpened);
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        for (int i = 0; i < 5; ++i) {
            const QByteArray path = "/r" + QByteArray::number(i);
            client.socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->body, "GET " + path + "|");
            QCOMPARE(response->header("content-length"), QByteArray::number(response->body.size()));
            QVERIFY(response->header("connection").isEmpty());
        }
        QCOMPARE(opened.size(), 1);
        QCOMPARE(m_server->connectionCount(), 1);
        QVERIFY(!client.disconnected);
    }

    void unixSocketServesTheSameRequests()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"api.sock"_s);
        QFile stale(path); // a file left where the socket goes is replaced
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();
        QString error;
        QVERIFY2(m_server->listenLocal(path, &error), qPrintable(error));
        QCOMPARE(m_server->localPath(), path);
        QCOMPARE(m_server->localConnectionCount(), quint64(0));

        QLocalSocket socket;
        QByteArray buffer;
        connect(&socket, &QLocalSocket::readyRead, this, [&] { buffer += socket.readAll(); });
        socket.connectToServer(path);
        QVERIFY(socket.waitForConnected(5000));
        for (int i = 0; i < 3; ++i) {
            socket.write("POST /local HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
            Lwb::Test::RawHttpReply reply;
            qsizetype used = 0;
            QVERIFY(QTest::qWaitFor([&] { return (used = Lwb::Test::parseRawHttpReply(buffer, reply)) > 0; }, 5000));
            buffer.remove(0, used);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, QByteArray("POST /local|hi"));
        }
        QCOMPARE(m_server->localConnectionCount(), quint64(1));
        QCOMPARE(m_server->connectionCount(), 1);

        // TCP still works beside it, and close() stops both.
        Client tcp(m_server->serverPort());
        QVERIFY(tcp.waitConnected());
        tcp.socket.write("GET /tcp HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(tcp.next());
        QCOMPARE(m_server->localConnectionCount(), quint64(1));
        m_server->close();
        QVERIFY(m_server->localPath().isEmpty());
        QLocalSocket late;
        late.connectToServer(path);
        QVERIFY(!late.waitForConnected(1000));
    }

    void pipelinedRequestsInOrder()
    {
        QList<HttpResponder> parked;
        m_server->setHandler([&](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            parked.append(responder);
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz"
                            "GET /c HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(m_requests.size(), 1);
        QTest::qWait(50);
        // The second request is not even parsed before the first is answered.
        QCOMPARE(m_requests.size(), 1);
        QCOMPARE(m_requests[0].path, u"/a"_s);
        parked[0].send(echo(m_requests[0]));
        QTRY_COMPARE(m_requests.size(), 2);
        QCOMPARE(m_requests[1].body, "xyz");
        parked[1].send(echo(m_requests[1]));
        QTRY_COMPARE(m_requests.size(), 3);
        parked[2].send(echo(m_requests[2]));
        QCOMPARE(client.next()->body, "GET /a|");
        QCOMPARE(client.next()->body, "POST /b|xyz");
        QCOMPARE(client.next()->body, "GET /c|");
    }

    void pipelinedAnsweredSynchronously()
    {
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        QByteArray batch;
        for (int i = 0; i < 50; ++i) {
            batch += "GET /p" + QByteArray::number(i) + " HTTP/1.1\r\n\r\n";
        }
        client.socket.write(batch);
        for (int i = 0; i < 50; ++i) {
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->body, "GET /p" + QByteArray::number(i) + '|');
        }
    }

    void coalescedAnswerTravelsWithTheParkedOne()
    {
        // As the Runtime API sees it: "POST result" pipelined with "GET next", which parks.
        m_server->setCoalescePipelinedResponses(true);
        HttpResponder parked;
        m_server->setHandler([&](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            if (request.method == "GET") {
                parked = responder;
            } else {
                responder.send(HttpResponse(202, QByteArrayLiteral("{\"status\":\"OK\"}"),
                                            QByteArrayLiteral("application/json")));
            }
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        const quint64 writesBefore = m_server->socketWriteCount();
        client.socket.write("POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET /next HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(m_requests.size(), 2);
        QTest::qWait(50);
        // The 202 is held while the next request is parked...
        QVERIFY(client.buffer.isEmpty());
        QCOMPARE(m_server->socketWriteCount(), writesBefore);
        parked.send(echo(m_requests[1]));
        // ...and both answers leave in one write, in order.
        const auto accepted = client.next();
        QVERIFY(accepted);
        QCOMPARE(accepted->status, 202);
        QCOMPARE(client.next()->body, "GET /next|");
        QCOMPARE(m_server->socketWriteCount(), writesBefore + 1);

        // Without a pipelined request behind it, an answer is written at once.
        client.socket.write("POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
        const auto alone = client.next();
        QVERIFY(alone);
        QCOMPARE(alone->status, 202);
        // And a pipelined request answered at once is written together with the first.
        client.socket.write("POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\nokPOST /s HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(client.next()->status, 202);
        QCOMPARE(client.next()->status, 202);
    }

    void withoutCoalescingAnAnswerIsNotHeld()
    {
        HttpResponder parked;
        m_server->setHandler([&](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            if (request.method == "GET") {
                parked = responder;
            } else {
                responder.send(HttpResponse(202, QByteArray(), QByteArray()));
            }
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET /next HTTP/1.1\r\n\r\n");
        const auto accepted = client.next();
        QVERIFY(accepted);
        QCOMPARE(accepted->status, 202);
        QVERIFY(parked.isOpen());
    }

    void chunkedBodyWithTrailers()
    {
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                            "Trailer: X-Checksum, Lambda-Runtime-Function-Error-Type\r\n\r\n"
                            "5\r\nhello\r\n");
        QTest::qWait(20);
        client.socket.write("6;ext=1\r\n world\r\n0\r\nX-Checksum: abc\r\n"
                            "Lambda-Runtime-Function-Error-Type: Runtime.Boom\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, "POST /c|hello world");
        QCOMPARE(m_requests.size(), 1);
        const HttpRequest &request = m_requests.first();
        QCOMPARE(request.trailers.size(), 2);
        QCOMPARE(request.trailer("x-checksum"), "abc");
        QCOMPARE(request.header("LAMBDA-RUNTIME-FUNCTION-ERROR-TYPE"), "Runtime.Boom");
        QVERIFY(request.headerValues("x-checksum").isEmpty()); // a trailer, not a header
        QCOMPARE(request.declaredBodyBytes, -1);
        QCOMPARE(request.receivedBodyBytes, 11);
        // The same in one write: trailers must still be told apart from headers.
        client.socket.write("POST /d HTTP/1.1\r\nTransfer-Encoding: chunked\r\nX-H: 1\r\n\r\n"
                            "2\r\nok\r\n0\r\nX-T: 2\r\n\r\nGET /after HTTP/1.1\r\n\r\n");
        QCOMPARE(client.next()->body, "POST /d|ok");
        QCOMPARE(m_requests[1].headers.size(), 2);
        QCOMPARE(m_requests[1].trailers.size(), 1);
        QCOMPARE(m_requests[1].trailer("X-T"), "2");
        QVERIFY(m_requests[1].trailer("X-H").isEmpty());
        // The connection is still usable.
        QCOMPARE(client.next()->body, "GET /after|");
    }

    void expectContinue()
    {
        const quint64 writesBefore = m_server->socketWriteCount();
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST /e HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return client.buffer.startsWith("HTTP/1.1 100 Continue\r\n\r\n"); },
                                5000));
        QVERIFY(m_requests.isEmpty());
        client.buffer.remove(0, 25);
        client.socket.write("abcde");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, "POST /e|abcde");
        QCOMPARE(m_server->socketWriteCount() - writesBefore, 2u);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("control char in target") << QByteArray("GET /\x01 HTTP/1.1\r\n\r\n");
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nNoColon\r\n\r\n");
        QTest::newRow("bad content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n");
        QTest::newRow("two content-lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 17);
    }

    void malformed()
    {
        QFETCH(QByteArray, input);
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write(input);
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(response->header("connection"), "close");
        QVERIFY(client.waitDisconnected());
        QVERIFY(m_requests.isEmpty());
        // The server is unharmed.
        Client other(m_server->serverPort());
        QVERIFY(other.waitConnected());
        other.socket.write("GET /ok HTTP/1.1\r\n\r\n");
        QCOMPARE(other.next()->status, 200);
    }

    void oversizeHeader()
    {
        m_server->setMaxHeaderBytes(1024);
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("GET / HTTP/1.1\r\nX-Big: " + QByteArray(4000, 'a') + "\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QVERIFY(client.waitDisconnected());
        QVERIFY(m_requests.isEmpty());
    }

    void oversizeTrailer()
    {
        m_server->setMaxHeaderBytes(1024);
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX: "
                            + QByteArray(200 * 1024, 'b'));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QVERIFY(client.waitDisconnected());
    }

    void oversizeBodyIsDrainedAndReported()
    {
        m_server->setMaxBodyBytes(100);
        m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            responder.send(HttpResponse(request.bodyTooLarge ? 413 : 200,
                                        QByteArray::number(request.receivedBodyBytes)));
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST /big HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + QByteArray(1000, 'x'));
        auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->body, "1000");
        QVERIFY(m_requests[0].bodyTooLarge);
        QVERIFY(m_requests[0].body.isEmpty());
        QCOMPARE(m_requests[0].declaredBodyBytes, 1000);

        // Chunked: no declared size, but the count is exact.
        client.socket.write("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "C8\r\n" + QByteArray(200, 'y') + "\r\n0\r\n\r\n");
        response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->body, "200");
        QCOMPARE(m_requests[1].declaredBodyBytes, -1);

        // Exactly at the limit is fine, and the connection survived both.
        client.socket.write("POST /ok HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'z'));
        response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(m_requests[2].body, QByteArray(100, 'z'));
        QVERIFY(!client.disconnected);
    }

    void hugeDeclaredBodyAnsweredAtOnce()
    {
        m_server->setMaxBodyBytes(100);
        m_server->setMaxDiscardBytes(1000);
        m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) {
            m_requests.append(request);
            responder.send(HttpResponse(413, QByteArray::number(request.declaredBodyBytes)));
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("POST /huge HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\nabc");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->body, "1000000000");
        QCOMPARE(response->header("connection"), "close");
        QVERIFY(m_requests[0].bodyTooLarge);
        QVERIFY(client.waitDisconnected());
    }

    void slowlorisIsDropped()
    {
        m_server->setIdleTimeoutMs(300);
        QSignalSpy closed(m_server.get(), &HttpServer::connectionClosed);
        Client idle(m_server->serverPort());
        Client slow(m_server->serverPort());
        QVERIFY(idle.waitConnected());
        QVERIFY(slow.waitConnected());
        QElapsedTimer timer;
        timer.start();
        slow.socket.write("GET / HTTP/1.1\r\nX-A: 1\r\n");
        // Trickling bytes does not extend the header deadline.
        for (int i = 0; i < 10 && !slow.disconnected; ++i) {
            QTest::qWait(60);
            slow.socket.write("X-B: 2\r\n");
        }
        QVERIFY(slow.waitDisconnected(2000));
        QVERIFY(timer.elapsed() < 1500);
        QVERIFY(m_requests.isEmpty());
        QCOMPARE(closed.size(), 1);
        // An idle keep-alive connection with no partial request is left alone.
        QTest::qWait(400);
        QVERIFY(!idle.disconnected);
        idle.socket.write("GET /still HTTP/1.1\r\n\r\n");
        QCOMPARE(idle.next()->status, 200);
    }

    void asyncReplyAfterDelay()
    {
        m_server->setHandler([](const HttpRequest &request, HttpResponder responder) {
            QTimer::singleShot(200, [responder, request]() mutable { responder.send(echo(request)); });
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        QElapsedTimer timer;
        timer.start();
        client.socket.write("GET /later HTTP/1.1\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QVERIFY(timer.elapsed() >= 150);
        QCOMPARE(response->body, "GET /later|");
    }

    void replyToClosedClientAndClosedSignal()
    {
        HttpResponder parked;
        quint64 requestConnection = 0;
        m_server->setHandler([&](const HttpRequest &request, HttpResponder responder) {
            requestConnection = request.connectionId;
            parked = responder;
        });
        QSignalSpy closed(m_server.get(), &HttpServer::connectionClosed);
        {
            Client client(m_server->serverPort());
            QVERIFY(client.waitConnected());
            client.socket.write("GET /next HTTP/1.1\r\n\r\n");
            QTRY_VERIFY(parked.isOpen());
            QCOMPARE(parked.connectionId(), requestConnection);
            client.socket.abort();
        }
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().toULongLong(), requestConnection);
        QVERIFY(!parked.isOpen());
        parked.send(HttpResponse(200, "too late"));
        parked.send(HttpResponse(200, "twice"));
        QVERIFY(parked.isSent());
        QCOMPARE(m_server->connectionCount(), 0);
        // A responder used after the server is gone is also harmless.
        HttpResponder orphan;
        m_server->setHandler([&](const HttpRequest &, HttpResponder responder) { orphan = responder; });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("GET / HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(orphan.isOpen());
        m_server.reset();
        QVERIFY(!orphan.isOpen());
        orphan.send(HttpResponse(200));
    }

    void responseIsOneWriteAndOneSegment()
    {
        const QByteArray body(2000, 'q');
        m_server->setHandler([&](const HttpRequest &, HttpResponder responder) {
            HttpResponse response(200, body, QByteArrayLiteral("application/json"));
            response.addHeader("X-One", "1");
            response.addHeader("X-Two", "2");
            responder.send(response);
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        for (int i = 0; i < 5; ++i) {
            const quint64 writesBefore = m_server->socketWriteCount();
            client.chunks.clear();
            client.socket.write("GET / HTTP/1.1\r\n\r\n");
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->body, body);
            QCOMPARE(m_server->socketWriteCount() - writesBefore, 1u);
            // Header and body arrived together in the first read.
            QVERIFY(client.chunks.size() >= 1);
            QVERIFY(client.chunks.first().endsWith(body));
            QVERIFY(client.chunks.first().startsWith("HTTP/1.1 200 OK\r\n"));
        }
    }

    void connectionCloseAndHttp10()
    {
        {
            Client client(m_server->serverPort());
            QVERIFY(client.waitConnected());
            client.socket.write("GET /c HTTP/1.1\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n");
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->header("connection"), "close");
            QVERIFY(client.waitDisconnected());
            QCOMPARE(m_requests.size(), 1);
        }
        {
            Client client(m_server->serverPort());
            QVERIFY(client.waitConnected());
            client.socket.write("GET /old HTTP/1.0\r\n\r\n");
            QCOMPARE(client.next()->header("connection"), "close");
            QVERIFY(client.waitDisconnected());
        }
        {
            Client client(m_server->serverPort());
            QVERIFY(client.waitConnected());
            client.socket.write("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            QCOMPARE(client.next()->header("connection"), "keep-alive");
            client.socket.write("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            QCOMPARE(client.next()->body, "GET /again|");
            QVERIFY(!client.disconnected);
        }
    }

    void pathQueryAndHead()
    {
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        client.socket.write("GET /a%20b/c%2Fd?x=1&y=h%C3%A9&x=2 HTTP/1.1\r\nX-Case: V\r\n\r\n");
        QVERIFY(client.next());
        const HttpRequest &request = m_requests.first();
        QCOMPARE(request.target, "/a%20b/c%2Fd?x=1&y=h%C3%A9&x=2");
        QCOMPARE(request.path, u"/a b/c/d"_s);
        QCOMPARE(request.queryItemValue(u"y"_s), u"hé"_s);
        QCOMPARE(request.queryItems.size(), 3);
        QCOMPARE(request.header("x-case"), "V");
        QCOMPARE(request.headers.first().first, "X-Case");
        client.socket.write("HEAD /h HTTP/1.1\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return client.buffer.endsWith("\r\n\r\n"); }, 5000));
        QTest::qWait(50);
        // Content-Length of the body a GET would get ("HEAD /h|"), but no body bytes.
        QVERIFY(client.buffer.contains("Content-Length: 8\r\n"));
        QVERIFY(client.buffer.endsWith("\r\n\r\n"));
        client.buffer.clear();
        client.socket.write("GET /g HTTP/1.1\r\n\r\n");
        QCOMPARE(client.next()->body, "GET /g|");
    }

    void responseHeadBytes()
    {
        // The status line, the fields and the framing the server writes, byte for byte.
        m_server->setHandler([](const HttpRequest &request, HttpResponder responder) {
            HttpResponse response(200, "hi", "text/plain");
            if (request.path == u"/teapot"_s) {
                response.statusCode = 404;
            } else if (request.path == u"/odd"_s) {
                response.statusCode = 299;
            } else if (request.path == u"/custom"_s) {
                response.reason = "Fine Thanks";
            } else if (request.path == u"/empty"_s) {
                response = HttpResponse(204);
            } else if (request.path == u"/close"_s) {
                response.closeConnection = true;
            }
            response.addHeader("X-Ok", "1");
            response.addHeader("X-Bad", "a\r\nInjected: yes"); // dropped: not field text
            response.addHeader("Content-Length", "999");      // the server frames the body
            response.addHeader("Connection", "upgrade");
            responder.send(std::move(response));
        });
        Client client(m_server->serverPort());
        QVERIFY(client.waitConnected());
        const auto exchange = [&client](const QByteArray &request) {
            client.buffer.clear();
            client.socket.write(request);
            (void)QTest::qWaitFor([&] { return client.buffer.contains("\r\n\r\n"); }, 5000);
            QTest::qWait(20);
            return client.buffer;
        };
        QCOMPARE(exchange("GET /ok HTTP/1.1\r\n\r\n"),
                 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Ok: 1\r\nContent-Length: 2\r\n\r\nhi");
        QVERIFY(exchange("GET /teapot HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(exchange("GET /odd HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 299 Unknown\r\n"));
        QVERIFY(exchange("GET /custom HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200 Fine Thanks\r\n"));
        QCOMPARE(exchange("GET /empty HTTP/1.1\r\n\r\n"), "HTTP/1.1 204 No Content\r\nX-Ok: 1\r\n\r\n");
        QVERIFY(exchange("GET /ok HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .contains("\r\nConnection: keep-alive\r\n"));
        QVERIFY(exchange("GET /close HTTP/1.1\r\n\r\n").contains("\r\nConnection: close\r\n"));
        QVERIFY(client.waitDisconnected());
    }

    void manyConnections()
    {
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 200; ++i) {
            clients.push_back(std::make_unique<Client>(m_server->serverPort()));
        }
        for (auto &client : clients) {
            QVERIFY(client->waitConnected());
            client->socket.write("GET /many HTTP/1.1\r\n\r\n");
        }
        for (auto &client : clients) {
            const auto response = client->next();
            QVERIFY(response);
            QCOMPARE(response->status, 200);
        }
        QCOMPARE(m_server->connectionCount(), 200);
        clients.clear();
        QTRY_COMPARE(m_server->connectionCount(), 0);
    }

    void pythonHttpClientKeepAlive()
    {
        QSignalSpy opened(m_server.get(), &HttpServer::connectionOpened);
        const QString script = uR"(
import http.client, sys
c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)
socks = set()
for i in range(5):
    if i % 2:
        c.request('POST', '/py%d' % i, body=b'body%d' % i, headers={'Content-Type': 'text/plain'})
    else:
        c.request('GET', '/py%d' % i)
    r = c.getresponse()
    data = r.read()
    socks.add(id(c.sock))
    expect = (b'POST /py%d|body%d' % (i, i)) if i % 2 else (b'GET /py%d|' % i)
    assert r.status == 200, r.status
    assert data == expect, data
    assert r.getheader('Content-Length') == str(len(expect))
assert len(socks) == 1, socks
print('OK')
)"_s;
        QProcess python;
        python.start(u"/usr/bin/python3"_s,
                     {u"-c"_s, script, QString::number(m_server->serverPort())});
        QVERIFY(python.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(python.state(), QProcess::NotRunning, 20000);
        const QByteArray stderrText = python.readAllStandardError();
        QVERIFY2(python.exitCode() == 0, stderrText.constData());
        QCOMPARE(python.readAllStandardOutput().trimmed(), "OK");
        QCOMPARE(opened.size(), 1);
        QCOMPARE(m_requests.size(), 5);
    }

private:
    std::unique_ptr<HttpServer> m_server;
    QList<HttpRequest> m_requests;
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
