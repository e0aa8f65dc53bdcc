// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the serving commands (`local start-lambda`, `local start-api`, `local start`) share: quitting on
// Ctrl+C, and printing each invocation's log in one piece.
#include "clicommand.h"

#include "engine/engine.h"
#include "engine/journal.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QSocketNotifier>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <QtNetwork/QHostAddress>

#include <csignal>
#include <optional>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace Lwb {

/**
 * Turns SIGINT and SIGTERM into a call on the event loop's thread (the self-pipe trick: a
 * signal handler may only write to a file descriptor).
 */
class SignalQuitter
{
public:
    SignalQuitter()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_fds) != 0) {
            return;
        }
        m_notifier = std::make_unique<QSocketNotifier>(s_fds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char byte = 0;
            [[maybe_unused]] const ssize_t n = ::read(s_fds[1], &byte, 1);
            m_notifier->setEnabled(false);
            QCoreApplication::quit();
        });
        handleSignals(&SignalQuitter::onSignal);
    }

    /**
     * The event loop has stopped and the services are shutting down: a second Ctrl+C only
     * says so, a third one forces. Cutting the shutdown short would leave the execution
     * environments behind, frozen ones included (a frozen task cannot even die), until the
     * next start cleans them up.
     */
    ~SignalQuitter()
    {
        handleSignals(&SignalQuitter::onSignalWhileStopping);
        m_notifier.reset();
        ::close(s_fds[0]);
        ::close(s_fds[1]);
    }

private:
    static void handleSignals(void (*handler)(int))
    {
        struct sigaction action = {};
        action.sa_handler = handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, nullptr);
        ::sigaction(SIGTERM, &action, nullptr);
    }

    static void onSignalWhileStopping(int signal)
    {
        static volatile sig_atomic_t received = 0;
        if (received++ == 0) {
            static const char message[] =
                "Still shutting down the execution environments; press Ctrl+C again to force.\n";
            [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof(message) - 1);
            return;
        }
        ::signal(signal, SIG_DFL);
        ::raise(signal);
    }

    static void onSignal(int)
    {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1);
    }

    static inline int s_fds[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

/**
 * Prints each invocation's log to stderr in one piece when it completes — sync, Event and
 * queued retries alike — by collecting the engine journal's log lines per request id. Lines
 * outside any invocation (INIT_START before the first START, …) are printed at once.
 */
class LogPrinter
{
public:
    explicit LogPrinter(Engine &engine)
    {
        QObject::connect(engine.journal(), &Journal::recordAppended, engine.journal(),
                         [this](const JournalRecord &record) { onRecord(record); });
        // Under load many invocations end per millisecond: their logs leave in one write.
        m_flushTimer.setSingleShot(true);
        m_flushTimer.setInterval(5);
        QObject::connect(&m_flushTimer, &QTimer::timeout, [this] { writeOut(); });
    }

    ~LogPrinter() { writeOut(); }

    void flush(const QString &requestId)
    {
        const auto it = m_pending.find(requestId);
        if (it != m_pending.end()) {
            print(*it);
            m_pending.erase(it);
        }
    }

    /** Queues @p text for stderr, behind what is already queued. */
    void print(const QByteArray &text)
    {
        m_out += text;
        if (m_out.size() > 64 * 1024) {
            writeOut();
        } else if (!m_flushTimer.isActive()) {
            m_flushTimer.start();
        }
    }

private:
    void writeOut()
    {
        m_flushTimer.stop();
        if (!m_out.isEmpty()) {
            std::fwrite(m_out.constData(), 1, size_t(m_out.size()), stderr);
            std::fflush(stderr);
            m_out.clear();
        }
    }

    void onRecord(const JournalRecord &record)
    {
        if (record.kind == JournalKind::LogLine) {
            const QByteArray line =
                QByteArray::fromStdString(record.data.value("message", std::string())) + '\n';
            if (record.requestId.isEmpty()) {
                print(line);
            } else {
                m_pending[record.requestId] += line;
            }
        } else if (record.kind == JournalKind::InvokeFinished) {
            flush(record.requestId);
        }
    }

    QHash<QString, QByteArray> m_pending;
    QByteArray m_out;
    QTimer m_flushTimer;
};

/**
 * Sends the Qt log messages of the main thread (the gateway's access-log line per request…)
 * through a LogPrinter, so that under load they too leave in batches instead of one write
 * each; warnings and other threads' messages go to the previous handler at once.
 */
class BatchedMessages
{
public:
    explicit BatchedMessages(LogPrinter &printer)
    {
        s_printer = &printer;
        s_previous = qInstallMessageHandler(&BatchedMessages::handle);
    }

    ~BatchedMessages()
    {
        qInstallMessageHandler(s_previous);
        s_printer = nullptr;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (s_printer && (type == QtDebugMsg || type == QtInfoMsg)
            && QThread::currentThread() == QCoreApplication::instance()->thread()) {
            s_printer->print((qFormatLogMessage(type, context, message) + u'\n').toUtf8());
        } else if (s_previous) {
            s_previous(type, context, message);
        }
    }

    static inline LogPrinter *s_printer = nullptr;
    static inline QtMessageHandler s_previous = nullptr;
};

/** Where a serving command listens, from its --host, --port and --allow-remote options. */
struct ListenAddress
{
    QHostAddress host;
    QString hostText; ///< as given (localhost → 127.0.0.1)
    quint16 port = 0;

    /**
     * Parses the options; nullopt after printing the error (exit status 2). Anything but
     * loopback needs --allow-remote.
     */
    static std::optional<ListenAddress> parse(const QCommandLineParser &parser, const QCommandLineOption &hostOption,
                                              const QCommandLineOption &portOption,
                                              const QCommandLineOption &allowRemoteOption, const QString &what)
    {
        ListenAddress a;
        a.hostText = parser.value(hostOption);
        if (a.hostText == QStringLiteral("localhost")) {
            a.hostText = QStringLiteral("127.0.0.1");
        }
        if (!a.host.setAddress(a.hostText)) {
            printErr(QStringLiteral("Error: --host must be an IP address, not %1\n").arg(a.hostText));
            return std::nullopt;
        }
        if (!a.host.isLoopback() && !parser.isSet(allowRemoteOption)) {
            printErr(QStringLiteral("Error: --host %1 would expose the %2 to other machines; bind to 127.0.0.1 "
                                    "(the default), or pass --allow-remote to mean it\n")
                         .arg(a.hostText, what));
            return std::nullopt;
        }
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            printErr(QStringLiteral("Error: --%1 must be a number from 0 to 65535, not %2\n")
                         .arg(portOption.names().constLast(), parser.value(portOption)));
            return std::nullopt;
        }
        a.port = quint16(port);
        return a;
    }
};

} // namespace Lwb
