// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What conformance tests share: a running `lwb local start-lambda`, and AWS clients (awscli,
// boto3 scripts) run with fake credentials, no metadata probe, no retries and a private
// config, so that nothing leaves loopback.

#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

namespace Lwb::Test {

/** What a client process gave. */
struct ClientRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** The environment of an AWS client: key pair @p key / @p secret, config files in @p home. */
inline QProcessEnvironment awsClientEnvironment(const QTemporaryDir &home, const QString &key,
                                                const QString &secret)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_DEFAULT_PROFILE"}) {
        env.remove(QString::fromLatin1(name));
    }
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), key);
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), home.filePath(QStringLiteral("aws-config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
               home.filePath(QStringLiteral("aws-credentials")));
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    return env;
}

/** Runs @p program with @p env in @p home and waits for it (killed after @p timeoutMs). */
inline ClientRun runClient(const QString &program, const QStringList &args,
                           const QProcessEnvironment &env, const QTemporaryDir &home,
                           int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(home.path());
    p.start(program, args);
    p.waitForStarted();
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

/** A running `lwb local start-lambda` on a free port; its stderr is collected as it comes. */
class StartLambdaProcess
{
public:
    /** Starts and waits for "Running on"; false when it exited first (see exitCode(), err()). */
    bool start(const QString &templatePath, const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral(LWB_BINARY_DIR "/app/cli/lwb"));
        m_process.setArguments(QStringList{QStringLiteral("local"), QStringLiteral("start-lambda"),
                                           QStringLiteral("-t"), templatePath,
                                           QStringLiteral("--port"), QStringLiteral("0")} +
                               extra);
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            return false;
        }
        static const QRegularExpression running(QStringLiteral("Running on http://[0-9.]+:(\\d+)"));
        QRegularExpressionMatch match;
        // Whether it matched is read from match below; the wait's own result adds nothing.
        static_cast<void>(QTest::qWaitFor(
            [&] {
                match = running.match(QString::fromUtf8(m_err));
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            30000));
        if (!match.hasMatch()) {
            m_process.waitForFinished(5000);
            m_err += m_process.readAllStandardError();
            return false;
        }
        m_port = quint16(match.captured(1).toUInt());
        return true;
    }

    ~StartLambdaProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(15000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    int exitCode() const { return m_process.exitCode(); }
    qint64 processId() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QByteArray err() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_err;
    quint16 m_port = 0;
};

} // namespace Lwb::Test
