// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

class QSocketNotifier;

namespace Lwb::Internal {

/**
 * An accepted stream socket driven directly by the event loop's notifiers: one recv() per
 * readiness into the caller's buffer and one send() per response. QTcpSocket costs three
 * system calls and two copies per read (FIONREAD, read, read until EAGAIN, then its ring
 * buffer), which is most of what a small loopback request costs the engine's thread.
 *
 * Output the kernel does not take at once is queued and written when the socket becomes
 * writable. Not exported; used by HttpConnection only, on one thread.
 */
class SocketStream : public QObject
{
    Q_OBJECT

public:
    /** Takes ownership of @p descriptor (made non-blocking, TCP_NODELAY for TCP). */
    explicit SocketStream(qintptr descriptor, QObject *parent = nullptr);
    ~SocketStream() override;

    bool isOpen() const { return m_fd >= 0; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }

    /**
     * Appends what the kernel holds, up to @p maxBytes, to @p into. Returns the number of
     * bytes read; 0 when nothing is there now. End of stream and errors close the stream
     * (disconnected() is emitted later, from the event loop).
     */
    qint64 readInto(QByteArray &into, qint64 maxBytes);
    /** Stops (or resumes) watching for input: TCP then holds a client that sends too much back. */
    void setReading(bool reading);
    /** Sends @p bytes, or queues what the kernel does not take now. */
    void write(const QByteArray &bytes);
    qint64 bytesToWrite() const { return m_output.size() - m_outputPos; }
    /** Closes once the queued output is written (half-close, then close on the peer's EOF). */
    void disconnectFromHost();
    /** Closes now, dropping queued output. */
    void abort();

Q_SIGNALS:
    void readyRead();
    /** The stream ended (peer closed, error, or our close completed). Emitted once. */
    void disconnected();

private:
    void flushOutput();
    void fail();
    void closeDescriptor();

    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_output;
    qsizetype m_outputPos = 0;
    bool m_closing = false;
    bool m_disconnectedEmitted = false;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
};

} // namespace Lwb::Internal
