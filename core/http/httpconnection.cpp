// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The only translation unit that includes Boost.Beast: it is compile-heavy, and keeping it
// here keeps it out of every other object file and out of the public headers.
#include "httpconnection.h"
#include "socketstream.h"

#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>

#include <limits>
#include <optional>

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace Lwb::Internal {

namespace {

// Largest chunk read from the socket at a time.
constexpr qint64 kSocketReadChunkBytes = 64 * 1024;
// Unparsed bytes we accept to hold while a response is pending before we stop reading.
constexpr qsizetype kMaxPendingInputBytes = 1024 * 1024;
// Slack over maxHeaderBytes for chunk-size lines and trailers that Beast does not bound.
constexpr qsizetype kChunkMetaSlackBytes = 16 * 1024;

/**
 * A Beast body that stores at most `limit` bytes and counts everything. Beyond `discardLimit`
 * it reports body_limit, which the connection turns into "too large, give up on the rest".
 */
struct CountingBody
{
    struct value_type
    {
        QByteArray data;
        quint64 total = 0;
        quint64 limit = 0;
        quint64 discardLimit = 0;
        bool tooLarge = false;
    };

    class reader
    {
    public:
        template<bool isRequest, class Fields>
        reader(bhttp::header<isRequest, Fields> &, value_type &body)
            : m_body(body)
        {
        }

        void init(const boost::optional<std::uint64_t> &length, beast::error_code &ec)
        {
            ec = {};
            if (length && *length <= m_body.limit) {
                m_body.data.reserve(static_cast<qsizetype>(*length));
            }
        }

        template<class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence &buffers, beast::error_code &ec)
        {
            ec = {};
            std::size_t consumed = 0;
            for (const auto buffer : beast::buffers_range_ref(buffers)) {
                const auto size = buffer.size();
                m_body.total += size;
                consumed += size;
                if (!m_body.tooLarge) {
                    if (m_body.total > m_body.limit) {
                        m_body.tooLarge = true;
                        m_body.data = QByteArray();
                    } else {
                        m_body.data.append(static_cast<const char *>(buffer.data()),
                                           static_cast<qsizetype>(size));
                    }
                }
            }
            if (m_body.total > m_body.discardLimit) {
                ec = bhttp::error::body_limit;
            }
            return consumed;
        }

        void finish(beast::error_code &ec) { ec = {}; }

    private:
        value_type &m_body;
    };
};

using Parser = bhttp::request_parser<CountingBody>;

bool isSafeFieldText(beast::string_view text)
{
    return text.find_first_of("\r\n") == beast::string_view::npos;
}

beast::string_view toView(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QByteArray toBytes(beast::string_view view)
{
    return {view.data(), static_cast<qsizetype>(view.size())};
}

bool bodyAllowed(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

} // namespace

struct HttpConnection::Private
{
    HttpConnection *q = nullptr;
    SocketStream *socket = nullptr;
    quint64 id = 0;
    std::shared_ptr<HttpServerConfig> config;

    QByteArray input;
    qsizetype inputPos = 0;
    QByteArray heldOutput; ///< answers held for coalescing (HttpServerConfig::coalescePipelined)
    bool moreInKernel = false; ///< the last read filled its chunk: the kernel may hold more
    std::optional<Parser> parser;
    std::size_t headerFieldCount = 0;
    bool headerHandled = false;
    bool continueSent = false;

    QTimer timer;
    bool open = true;
    bool processing = false;
    bool awaitingResponse = false;
    bool closeAfterResponse = false;
    bool requestIsHead = false;
    unsigned requestVersion = 11;
    quint64 sequence = 0;

    qsizetype pendingInput() const { return input.size() - inputPos; }
    void pullFromSocket();
    void processInput();
    void startRequest();
    void onHeaderDone();
    void deliver(bool gaveUpOnBody);
    void failRequest(int status);
    void write(const QByteArray &bytes);
    void writeHeld();
    void finishResponse(bool close);
    QByteArray serialize(const HttpResponse &response, bool close) const;
    void markClosed();
};

HttpConnection::HttpConnection(qintptr descriptor, quint64 id,
                               std::shared_ptr<HttpServerConfig> config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->socket = new SocketStream(descriptor, this);
    d->id = id;
    d->config = std::move(config);
    d->timer.setSingleShot(true);

    connect(d->socket, &SocketStream::readyRead, this, [this] {
        d->pullFromSocket();
        d->processInput();
    });
    connect(d->socket, &SocketStream::disconnected, this, [this] {
        d->markClosed();
        deleteLater();
    });
    connect(&d->timer, &QTimer::timeout, this, [this] {
        // A request that started and stalled, or a close that the peer never completes.
        if (d->parser || !d->open) {
            abort();
        }
    });
}

HttpConnection::~HttpConnection() = default;

quint64 HttpConnection::id() const
{
    return d->id;
}

bool HttpConnection::isOpen() const
{
    return d->open;
}

bool HttpConnection::isAwaiting(quint64 sequence) const
{
    return d->open && d->awaitingResponse && d->sequence == sequence;
}

void HttpConnection::abort()
{
    d->timer.stop();
    d->markClosed();
    d->socket->abort();
    deleteLater();
}

void HttpConnection::Private::markClosed()
{
    if (!open) {
        return;
    }
    open = false;
    timer.stop();
    parser.reset();
    Q_EMIT q->closed(id);
}

void HttpConnection::Private::pullFromSocket()
{
    if (!open) {
        return;
    }
    // Hold back a client that pipelines while we owe it an answer (e.g. a parked long-poll):
    // stop reading, and TCP's window stops the client.
    const bool holdBack = awaitingResponse && pendingInput() > kMaxPendingInputBytes;
    socket->setReading(!holdBack);
    if (holdBack) {
        return;
    }
    if (inputPos > 0 && inputPos == input.size()) {
        input.resize(0); // keeps the capacity: no 64 KiB allocation per read
        inputPos = 0;
    } else if (inputPos > 64 * 1024 && inputPos > input.size() / 2) {
        input.remove(0, inputPos);
        inputPos = 0;
    }
    moreInKernel = socket->readInto(input, kSocketReadChunkBytes) == kSocketReadChunkBytes;
}

void HttpConnection::Private::startRequest()
{
    parser.emplace();
    // Stop after the header once, so that the header fields can be counted before trailers
    // (which Beast adds to the same field list) arrive; onHeaderDone() turns eager on.
    parser->eager(false);
    parser->header_limit(static_cast<std::uint32_t>(qMax(config->maxHeaderBytes, 256)));
    // Not boost::none: Boost 1.74 compares Content-Length against an empty optional and
    // fails every body. Our CountingBody enforces the real limits.
    parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    auto &body = parser->get().body();
    body.limit = static_cast<quint64>(qMax<qint64>(config->maxBodyBytes, 0));
    body.discardLimit = static_cast<quint64>(qMax(config->maxDiscardBytes, config->maxBodyBytes));
    headerFieldCount = 0;
    headerHandled = false;
    continueSent = false;
    timer.start(config->idleTimeoutMs);
}

void HttpConnection::Private::processInput()
{
    if (processing || !open) {
        return;
    }
    processing = true;
    const QPointer<HttpConnection> guard(q);

    while (open && !awaitingResponse) {
        if (pendingInput() == 0) {
            // The notifier calls again when more arrives: no read that would only say EAGAIN.
            if (!moreInKernel) {
                break;
            }
            pullFromSocket();
            if (pendingInput() == 0) {
                break;
            }
        }
        if (!parser) {
            startRequest();
        }
        const qsizetype available = pendingInput();
        beast::error_code ec;
        const std::size_t used = parser->put(
            boost::asio::const_buffer(input.constData() + inputPos,
                                      static_cast<std::size_t>(available)),
            ec);
        inputPos += static_cast<qsizetype>(used);

        if (ec == bhttp::error::need_more) {
            if (parser->is_header_done()) {
                onHeaderDone();
                if (awaitingResponse || !open) {
                    break;
                }
                if (used > 0) {
                    timer.start(config->idleTimeoutMs);
                }
                // Chunk-size lines and trailers are not bounded by Beast's header limit.
                if (pendingInput() > config->maxHeaderBytes + kChunkMetaSlackBytes) {
                    failRequest(431);
                    break;
                }
            }
            if (used == 0) {
                if (!moreInKernel) {
                    break;
                }
                pullFromSocket();
                if (pendingInput() == available) {
                    break;
                }
            }
            continue;
        }
        if (ec == bhttp::error::body_limit) {
            // More than maxDiscardBytes: stop reading, answer, then close.
            deliver(true);
            continue;
        }
        if (ec) {
            failRequest(ec == bhttp::error::header_limit ? 431 : 400);
            break;
        }
        if (parser->is_header_done()) {
            onHeaderDone();
            if (awaitingResponse || !open) {
                break;
            }
        }
        if (parser->is_done()) {
            deliver(false);
            if (!guard) {
                return;
            }
        } else if (used == 0) {
            break;
        } else {
            timer.start(config->idleTimeoutMs);
        }
    }

    if (guard) {
        processing = false;
        if (!awaitingResponse) {
            writeHeld();
        }
    }
}

void HttpConnection::Private::onHeaderDone()
{
    if (headerHandled) {
        return;
    }
    headerHandled = true;
    headerFieldCount = static_cast<std::size_t>(
        std::distance(parser->get().begin(), parser->get().end()));
    parser->eager(true);
    if (parser->is_done()) {
        return;
    }
    const auto declared = parser->content_length();
    const quint64 maxBody = static_cast<quint64>(qMax<qint64>(config->maxBodyBytes, 0));
    const quint64 maxDiscard = qMax(static_cast<quint64>(qMax<qint64>(config->maxDiscardBytes, 0)), maxBody);
    const auto expect = parser->get()[bhttp::field::expect];
    const bool wantsContinue = beast::iequals(expect, "100-continue");

    if (declared && (*declared > maxDiscard || (wantsContinue && *declared > maxBody))) {
        // Not worth reading: tell the handler now, without the body, and close afterwards.
        parser->get().body().tooLarge = true;
        parser->get().body().data = QByteArray();
        deliver(true);
        return;
    }
    if (wantsContinue && !continueSent && parser->get().version() >= 11) {
        continueSent = true;
        write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }
}

void HttpConnection::Private::deliver(bool gaveUpOnBody)
{
    timer.stop();
    auto &message = parser->get();
    auto &counted = message.body();

    HttpRequest request;
    request.method = toBytes(message.method_string());
    request.target = toBytes(message.target());
    const qsizetype queryAt = request.target.indexOf('?');
    const QByteArray rawPath = queryAt < 0 ? request.target : request.target.left(queryAt);
    request.path = QUrl::fromPercentEncoding(rawPath);
    if (queryAt >= 0) {
        const QUrlQuery query(QString::fromUtf8(request.target.mid(queryAt + 1)));
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items) {
            request.queryItems.append({item.first, item.second});
        }
    }
    request.versionMajor = static_cast<int>(message.version() / 10);
    request.versionMinor = static_cast<int>(message.version() % 10);
    std::size_t index = 0;
    for (const auto &field : message) {
        HttpHeader pair{toBytes(field.name_string()), toBytes(field.value())};
        if (index++ < headerFieldCount) {
            request.headers.append(std::move(pair));
        } else {
            request.trailers.append(std::move(pair));
        }
    }
    if (const auto declared = parser->content_length()) {
        request.declaredBodyBytes = static_cast<qint64>(*declared);
    }
    request.receivedBodyBytes = static_cast<qint64>(counted.total);
    request.bodyTooLarge = counted.tooLarge || gaveUpOnBody;
    if (!request.bodyTooLarge) {
        request.body = std::move(counted.data);
    }
    request.connectionId = id;
    request.peerAddress = socket->peerAddress();
    request.peerPort = socket->peerPort();

    requestIsHead = message.method() == bhttp::verb::head;
    requestVersion = message.version();
    closeAfterResponse = gaveUpOnBody || !parser->keep_alive();
    parser.reset();

    awaitingResponse = true;
    ++sequence;
    auto state = std::make_shared<HttpResponderState>();
    state->connection = q;
    state->connectionId = id;
    state->sequence = sequence;

    const HttpServer::Handler handler = config->handler;
    if (handler) {
        handler(request, HttpResponder(state));
    } else {
        HttpResponder(state).send(HttpResponse(404, QByteArrayLiteral("Not Found\n"),
                                               QByteArrayLiteral("text/plain")));
    }
}

void HttpConnection::Private::failRequest(int status)
{
    timer.stop();
    parser.reset();
    HttpResponse response(status,
                          status == 431 ? QByteArrayLiteral("Request Header Fields Too Large\n")
                                        : QByteArrayLiteral("Bad Request\n"),
                          QByteArrayLiteral("text/plain"));
    requestIsHead = false;
    requestVersion = 11;
    awaitingResponse = false;
    write(serialize(response, true));
    finishResponse(true);
}

void HttpConnection::sendResponse(quint64 sequence, HttpResponse response)
{
    if (!isAwaiting(sequence)) {
        return;
    }
    const bool close = d->closeAfterResponse || response.closeConnection;
    const QByteArray bytes = d->serialize(response, close);
    d->awaitingResponse = false;
    d->socket->setReading(true); // in case a pipelining client was held back
    if (!close && d->config->coalescePipelined && d->pendingInput() > 0) {
        // The client already sent its next request: answer both in one write if it parks
        // (processInput() writes what is held unless the next request is with the handler).
        d->heldOutput += bytes;
        d->processInput();
        return;
    }
    d->write(bytes);
    d->finishResponse(close);
    if (!close) {
        d->processInput();
    }
}

void HttpConnection::Private::finishResponse(bool close)
{
    if (!close || !open) {
        return;
    }
    // Graceful: Qt flushes what is still queued before closing.
    open = false;
    timer.stop();
    parser.reset();
    input.clear();
    inputPos = 0;
    Q_EMIT q->closed(id);
    socket->disconnectFromHost();
    if (socket->isOpen()) {
        // Bound how long a peer that does not read can keep the socket around.
        timer.start(qMax(config->idleTimeoutMs, 1000));
    }
}

void HttpConnection::Private::writeHeld()
{
    if (!heldOutput.isEmpty() && open) {
        ++config->socketWrites;
        socket->write(heldOutput);
    }
    heldOutput.clear();
}

void HttpConnection::Private::write(const QByteArray &bytes)
{
    ++config->socketWrites;
    if (!heldOutput.isEmpty()) {
        socket->write(heldOutput + bytes);
        heldOutput.clear();
        return;
    }
    socket->write(bytes);
}

QByteArray HttpConnection::Private::serialize(const HttpResponse &response, bool close) const
{
    // Written out directly (Beast's serializer cost ~9,000 instructions a response, most of a
    // warm invocation's HTTP work); Beast still names the status.
    const int status = (response.statusCode >= 100 && response.statusCode <= 999)
        ? response.statusCode
        : 500;
    const bool withBody = bodyAllowed(status);
    const bool sendBody = withBody && !requestIsHead;
    qsizetype size = 64 + (sendBody ? response.body.size() : 0);
    for (const HttpHeader &field : response.headers) {
        size += field.first.size() + field.second.size() + 4;
    }
    QByteArray out;
    out.reserve(size);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    if (!response.reason.isEmpty() && isSafeFieldText(toView(response.reason))) {
        out += response.reason;
    } else if (const auto known = bhttp::int_to_status(static_cast<unsigned>(status));
               known == bhttp::status::unknown) {
        out += "Unknown";
    } else {
        const beast::string_view reason = bhttp::obsolete_reason(known);
        out.append(reason.data(), static_cast<qsizetype>(reason.size()));
    }
    out += "\r\n";
    for (const HttpHeader &field : response.headers) {
        const auto name = toView(field.first);
        const auto value = toView(field.second);
        if (name.empty() || !isSafeFieldText(name) || !isSafeFieldText(value)
            || name.find(':') != beast::string_view::npos) {
            continue;
        }
        if (beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding")
            || beast::iequals(name, "connection")) {
            continue;
        }
        out += field.first;
        out += ": ";
        out += field.second;
        out += "\r\n";
    }
    if (withBody) {
        out += "Content-Length: ";
        out += QByteArray::number(response.body.size());
        out += "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    } else if (requestVersion < 11) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    if (sendBody) {
        out += response.body;
    }
    return out;
}

} // namespace Lwb::Internal
