// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running the `lwb` binary of the build tree once, as a user runs it, for the CLI tests.

#include "awsclientprocess.h"

#include <QtCore/QMap>
#include <QtCore/QProcess>

namespace Lwb::Test {

/** How runLwb() runs `lwb`: standard input, extra environment, working folder, time limit. */
struct LwbRunOptions
{
    QByteArray stdinData;
    QMap<QString, QString> environment; ///< added to (or replacing in) the test's environment
    QString workingDir;
    int timeoutMs = 60000;
};

inline QString lwbBinary()
{
    return QStringLiteral(LWB_BINARY_DIR "/app/cli/lwb");
}

/** Runs `lwb @p args` and waits; exitCode is -1 when it crashed or was killed at the limit. */
inline ClientRun runLwb(const QStringList &args, const LwbRunOptions &options = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = options.environment.cbegin(); it != options.environment.cend(); ++it) {
        env.insert(it.key(), it.value());
    }
    p.setProcessEnvironment(env);
    if (!options.workingDir.isEmpty()) {
        p.setWorkingDirectory(options.workingDir);
    }
    p.start(lwbBinary(), args);
    p.waitForStarted();
    if (!options.stdinData.isEmpty()) {
        p.write(options.stdinData);
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(options.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace Lwb::Test
