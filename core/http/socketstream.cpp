// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "socketstream.h"

#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Lwb::Internal {

namespace {

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

} // namespace

SocketStream::SocketStream(qintptr descriptor, QObject *parent)
    : QObject(parent)
    , m_fd(int(descriptor))
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    ::fcntl(m_fd, F_SETFD, FD_CLOEXEC);

    sockaddr_storage peer = {};
    socklen_t length = sizeof(peer);
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer), &length) == 0) {
        m_peerAddress.setAddress(reinterpret_cast<const sockaddr *>(&peer));
        if (peer.ss_family == AF_INET) {
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in *>(&peer)->sin_port);
        } else if (peer.ss_family == AF_INET6) {
            m_peerPort = ntohs(reinterpret_cast<const sockaddr_in6 *>(&peer)->sin6_port);
        }
        if (peer.ss_family == AF_INET || peer.ss_family == AF_INET6) {
            const int one = 1;
            ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        }
    }

    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, [this] {
        if (!m_closing) {
            Q_EMIT readyRead();
            return;
        }
        // Closing: drain and drop what the peer still sends until it closes too.
        char scratch[16384];
        for (;;) {
            const ssize_t n = ::recv(m_fd, scratch, sizeof(scratch), 0);
            if (n > 0) {
                continue;
            }
            if (n < 0 && wouldBlock(errno)) {
                return;
            }
            fail();
            return;
        }
    });
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] { flushOutput(); });
}

SocketStream::~SocketStream()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

qint64 SocketStream::readInto(QByteArray &into, qint64 maxBytes)
{
    if (m_fd < 0 || maxBytes <= 0) {
        return 0;
    }
    const qsizetype oldSize = into.size();
    into.resize(oldSize + maxBytes);
    const ssize_t n = ::recv(m_fd, into.data() + oldSize, size_t(maxBytes), 0);
    if (n > 0) {
        into.resize(oldSize + n);
        return n;
    }
    into.resize(oldSize);
    if (n < 0 && wouldBlock(errno)) {
        return 0;
    }
    fail(); // end of stream or a reset
    return 0;
}

void SocketStream::setReading(bool reading)
{
    if (m_fd >= 0 && !m_closing) {
        m_readNotifier->setEnabled(reading);
    }
}

void SocketStream::write(const QByteArray &bytes)
{
    if (m_fd < 0 || bytes.isEmpty()) {
        return;
    }
    if (bytesToWrite() > 0) {
        m_output += bytes;
        return;
    }
    const ssize_t n = ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
    if (n == bytes.size()) {
        return;
    }
    if (n < 0 && !wouldBlock(errno)) {
        fail();
        return;
    }
    m_output = bytes;
    m_outputPos = qMax<qsizetype>(n, 0);
    m_writeNotifier->setEnabled(true);
}

void SocketStream::flushOutput()
{
    while (m_fd >= 0 && bytesToWrite() > 0) {
        const ssize_t n = ::send(m_fd, m_output.constData() + m_outputPos, size_t(bytesToWrite()),
                                 MSG_NOSIGNAL);
        if (n < 0) {
            if (wouldBlock(errno)) {
                return;
            }
            fail();
            return;
        }
        m_outputPos += n;
    }
    m_output.clear();
    m_outputPos = 0;
    if (m_fd >= 0) {
        m_writeNotifier->setEnabled(false);
        if (m_closing) {
            ::shutdown(m_fd, SHUT_WR);
        }
    }
}

void SocketStream::disconnectFromHost()
{
    if (m_fd < 0 || m_closing) {
        return;
    }
    m_closing = true;
    m_readNotifier->setEnabled(true);
    if (bytesToWrite() == 0) {
        ::shutdown(m_fd, SHUT_WR);
    }
}

void SocketStream::abort()
{
    closeDescriptor();
}

void SocketStream::fail()
{
    closeDescriptor();
}

void SocketStream::closeDescriptor()
{
    if (m_fd < 0) {
        return;
    }
    // Notifiers stop watching before the descriptor goes; they may be mid-emission, so they
    // are deleted later.
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_output.clear();
    m_outputPos = 0;
    if (!m_disconnectedEmitted) {
        m_disconnectedEmitted = true;
        // From the event loop: callers may be inside their own read or write.
        QTimer::singleShot(0, this, [this] { Q_EMIT disconnected(); });
    }
}

} // namespace Lwb::Internal
