// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Time from launch to an interactive window: `lambda-workbench <sample copy>` started as a user
// starts it (offscreen), until the first turn of its event loop after the window is shown
// (LWB_QUIT_WHEN_READY: it says so on stderr), against the same for a bare Qt Widgets main window in the same run.
// The workbench's figure includes opening the project, loading the plugins and starting the
// project's engine with its services. LWB_BENCH_LAUNCHES sets the number of launches (15).
#include "benchstats.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QElapsedTimer>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using BenchStats::envInt;
using BenchStats::Stats;
using BenchStats::stats;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(source);
        if (it.fileInfo().isDir()) {
            QDir().mkpath(target);
        } else if (!QFile::copy(source, target)) {
            return false;
        }
    }
    return true;
}

/** Milliseconds from start until @p program says "ready" on stderr, or -1 when it failed. */
double launchMs(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setReadChannel(QProcess::StandardError);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    QByteArray err;
    double readyMs = -1;
    while (readyMs < 0 && p.waitForReadyRead(60000)) {
        err += p.readAllStandardError();
        if (err.contains(": ready\n")) {
            readyMs = timer.nsecsElapsed() / 1e6;
        }
    }
    p.waitForFinished(60000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), err.constData());
        return -1;
    }
    return readyMs;
}

} // namespace

class BenchLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void launchToInteractiveWindow()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(u"hello-world"_s);
        QVERIFY(copyTree(QStringLiteral(LWB_SOURCE_DIR "/resources/samples/hello-world"), project));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"LWB_QUIT_WHEN_READY"_s, u"1"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s)); // no recent projects
        const QString workbench = QStringLiteral(LWB_BINARY_DIR "/app/gui/lambda-workbench");
        const QString baseline = QStringLiteral(LWB_BINARY_DIR "/tests/bench/bench_launch_baseline");

        // One of each first: the file cache is warm for both.
        QVERIFY(launchMs(workbench, {project}, env) > 0);
        QVERIFY(launchMs(baseline, {}, env) > 0);
        const int launches = envInt("LWB_BENCH_LAUNCHES", 15);
        std::vector<double> ours;
        std::vector<double> floor;
        for (int i = 0; i < launches; ++i) { // interleaved: the same machine state for both
            const double w = launchMs(workbench, {project}, env);
            const double b = launchMs(baseline, {}, env);
            QVERIFY(w > 0 && b > 0);
            ours.push_back(w);
            floor.push_back(b);
        }
        const Stats o = stats(ours);
        const Stats f = stats(floor);
        std::printf("\nLaunch to an interactive window (%d launches, offscreen, sample project)\n",
                    launches);
        std::printf("  lambda-workbench               p50 %7.1f  p95 %7.1f  max %7.1f ms\n", o.p50,
                    o.p95, o.max);
        std::printf("  bare Qt main window (baseline) p50 %7.1f  p95 %7.1f  max %7.1f ms\n", f.p50,
                    f.p95, f.max);
        std::printf("  ratio (p50)                    %.2f×\n", o.p50 / f.p50);
    }
};

QTEST_GUILESS_MAIN(BenchLaunch)
#include "bench_launch.moc"
