// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Time for `lwb deploy` of a 20 MB function to a real `lwb local start-lambda`: code changed
// (packaged and uploaded) against code unchanged (packaged, compared by CodeSha256, upload
// skipped), each the median of a few runs of the real `lwb` process, printed with their ratio.
// Not gated: it prints figures. LWB_BENCH_RUNS changes the number of runs.
#include "awsclientprocess.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtTest/QtTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const QString kLwb = QStringLiteral(LWB_BINARY_DIR "/app/cli/lwb");

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

class BenchDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changedVersusUnchanged()
    {
        const int runs = qEnvironmentVariableIntValue("LWB_BENCH_RUNS") > 0
                             ? qEnvironmentVariableIntValue("LWB_BENCH_RUNS")
                             : 3;
        QTemporaryDir home;
        QTemporaryDir engineProject;
        QTemporaryDir project;
        const QByteArray header = "AWSTemplateFormatVersion: '2010-09-09'\n"
                                  "Transform: AWS::Serverless-2016-10-31\n"
                                  "Resources:\n";
        writeFile(engineProject.filePath(u"template.yaml"_s),
                  header + "  Placeholder:\n    Type: AWS::Serverless::Function\n"
                           "    Properties:\n      CodeUri: p/\n      Handler: app.handler\n"
                           "      Runtime: python3.12\n");
        writeFile(engineProject.filePath(u"p/app.py"_s), "def handler(e, c):\n    return 0\n");
        writeFile(project.filePath(u"template.yaml"_s),
                  header + "  Big:\n    Type: AWS::Serverless::Function\n"
                           "    Properties:\n      FunctionName: bench-big\n      CodeUri: big/\n"
                           "      Handler: app.handler\n      Runtime: python3.12\n");
        // 20 MB that does not compress, so the zip is 20 MB too.
        QByteArray blob(20 * 1000 * 1000, Qt::Uninitialized);
        QRandomGenerator(3).fillRange(reinterpret_cast<quint32 *>(blob.data()), blob.size() / 4);
        writeFile(project.filePath(u"big/blob.bin"_s), blob);

        Lwb::Test::StartLambdaProcess server;
        QVERIFY2(server.start(engineProject.filePath(u"template.yaml"_s)),
                 server.err().constData());
        const QProcessEnvironment env = Lwb::Test::awsClientEnvironment(home, u"test"_s, u"test"_s);
        const auto deploy = [&](const QByteArray &expect) {
            QElapsedTimer timer;
            timer.start();
            const Lwb::Test::ClientRun run =
                Lwb::Test::runClient(kLwb,
                                     {u"deploy"_s, u"-t"_s, project.filePath(u"template.yaml"_s),
                                      u"--endpoint-url"_s, server.endpoint()},
                                     env, home);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (run.exitCode != 0 || !run.out.contains(expect)) {
                qWarning("%s%s", run.out.constData(), run.err.constData());
                return -1.0;
            }
            return ms;
        };
        writeFile(project.filePath(u"big/app.py"_s), "def handler(e, c):\n    return 0\n");
        QVERIFY(deploy("→ CreateFunction") > 0);

        QList<double> changed;
        QList<double> unchanged;
        for (int i = 0; i < runs; ++i) {
            writeFile(project.filePath(u"big/app.py"_s),
                      "def handler(e, c):\n    return " + QByteArray::number(i + 1) + "\n");
            const double changedMs = deploy("→ UpdateFunctionCode");
            const double unchangedMs = deploy("upload skipped");
            QVERIFY(changedMs > 0 && unchangedMs > 0);
            changed.append(changedMs);
            unchanged.append(unchangedMs);
        }
        const double changedMedian = median(changed);
        const double unchangedMedian = median(unchanged);
        std::printf("deploy of a 20 MB function to lwb local start-lambda (median of %d, whole "
                    "`lwb deploy` process):\n"
                    "  changed code (package + upload): %.0f ms\n"
                    "  unchanged code (package, upload skipped): %.0f ms\n"
                    "  ratio changed / unchanged: %.2f\n",
                    runs, changedMedian, unchangedMedian, changedMedian / unchangedMedian);
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchDeploy)
#include "bench_deploy.moc"
