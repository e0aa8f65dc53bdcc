// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PublishVersion of a 20 MB function into the libgit2 version store, beside baselines measured
// in the same run: copying the folder with `cp -a` and hashing its bytes. Also: publishing again
// unchanged (the store compares and returns the existing version; the second time it knows the
// folder by its metadata), publishing after one file changed, and the first cold invoke of a
// version (its code is checked out once). Not gated: it prints figures. LWB_BENCH_PUBLISH_MB
// changes the size, LWB_BENCH_RUNS the repetitions.
#include "benchstats.h"

#include "engine/engine.h"
#include "versions/versionstore.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDirIterator>
#include <QtCore/QElapsedTimer>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

using BenchStats::envInt;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
}

/**
 * A function of @p megabytes: a handler, 40 % incompressible bytes (wheels, .so files) and 60 %
 * source-like text, in files of 64 KB to 1 MB spread over nested folders, as a vendored
 * dependency tree looks.
 */
void makeFunction(const QString &dir, int megabytes)
{
    writeFile(dir + u"/app.py"_s, "def handler(event, context):\n    return {'ok': True}\n");
    QRandomGenerator random(42);
    const qint64 total = qint64(megabytes) * 1024 * 1024;
    qint64 written = 0;
    int n = 0;
    while (written < total) {
        const qint64 size = std::min<qint64>(total - written, 64 * 1024 * (1 + n % 16));
        QByteArray data(size, Qt::Uninitialized);
        if (n % 5 < 2) {
            random.fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
        } else {
            const QByteArray line = "def function_" + QByteArray::number(n) +
                                    "(value):\n    return value * 2  # vendored source\n";
            for (qint64 i = 0; i < size; ++i) {
                data[i] = line[i % line.size()];
            }
        }
        writeFile(dir + u"/vendor/pkg%1/mod%2.bin"_s.arg(n % 23).arg(n), data);
        written += size;
        ++n;
    }
}

double folderHashMs(const QString &dir)
{
    QElapsedTimer t;
    t.start();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        f.open(QIODevice::ReadOnly);
        hash.addData(f.readAll());
    }
    hash.result();
    return t.nsecsElapsed() / 1e6;
}

double copyMs(const QString &from, const QString &to)
{
    QElapsedTimer t;
    t.start();
    QProcess::execute(u"/bin/cp"_s, {u"-a"_s, from, to});
    return t.nsecsElapsed() / 1e6;
}

FunctionConfig function(const QString &codeDir)
{
    FunctionConfig f;
    f.logicalId = f.functionName = u"big"_s;
    f.runtime = u"python3.11"_s;
    f.handler = u"app.handler"_s;
    f.codeDir = codeDir;
    return f;
}

} // namespace

class BenchPublishVersion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishVersion()
    {
        const int megabytes = envInt("LWB_BENCH_PUBLISH_MB", 20);
        const int runs = envInt("LWB_BENCH_RUNS", 5);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString code = dir.filePath(u"code"_s);
        makeFunction(code, megabytes);

        std::vector<double> copy, hash, first, unchangedRead, unchanged, changed, coldInvoke;
        for (int run = 0; run < runs; ++run) {
            copy.push_back(copyMs(code, dir.filePath(u"copy%1"_s.arg(run))));
            hash.push_back(folderHashMs(code));

            // A fresh store each run: the first publication writes every object.
            Engine engine;
            QVERIFY(engine.openVersionStore(dir.filePath(u"store%1/versions.git"_s.arg(run))));
            engine.setFunctions({function(code)});
            VersionError error;
            QElapsedTimer t;
            t.start();
            auto v = engine.publishVersion(u"big"_s, {}, {}, &error);
            first.push_back(t.nsecsElapsed() / 1e6);
            QVERIFY2(v && v->version == u"1"_s, qPrintable(error.message));

            // Unchanged: read and hashed once more (files changed in the last 2 s are never
            // trusted to their metadata), then known by the folder's metadata alone.
            QTest::qWait(2100);
            t.restart();
            v = engine.publishVersion(u"big"_s, {}, {}, &error);
            unchangedRead.push_back(t.nsecsElapsed() / 1e6);
            QCOMPARE(v->version, u"1"_s);
            t.restart();
            v = engine.publishVersion(u"big"_s, {}, {}, &error);
            unchanged.push_back(t.nsecsElapsed() / 1e6);
            QCOMPARE(v->version, u"1"_s);

            writeFile(code + u"/app.py"_s, "def handler(event, context):\n    return {'run': " +
                                               QByteArray::number(run) + "}\n");
            t.restart();
            v = engine.publishVersion(u"big"_s, {}, {}, &error);
            changed.push_back(t.nsecsElapsed() / 1e6);
            QCOMPARE(v->version, u"2"_s);

            // The first invoke of version 1 checks its code out of the store, then cold-starts.
            InvokeRequest request;
            request.functionName = u"big"_s;
            request.qualifier = u"1"_s;
            std::optional<InvokeResult> result;
            t.restart();
            engine.invoke(request, [&result](const InvokeResult &r) { result = r; });
            QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 60000));
            coldInvoke.push_back(t.nsecsElapsed() / 1e6);
            QVERIFY2(!result->functionError && !result->isServiceError(),
                     result->payload.constData());
        }
        const double base = median(copy);
        std::printf("PublishVersion of a %d MB function (%d runs, medians; CPUs: %d)\n", megabytes,
                    runs, QThread::idealThreadCount());
        std::printf("  baseline cp -a of the folder          %8.1f ms\n", base);
        std::printf("  baseline SHA-256 of every byte        %8.1f ms\n", median(hash));
        std::printf("  first PublishVersion (new store)      %8.1f ms  = %.2f x cp -a\n",
                    median(first), median(first) / base);
        std::printf("  PublishVersion, nothing changed, read %8.1f ms  = %.2f x cp -a\n",
                    median(unchangedRead), median(unchangedRead) / base);
        std::printf("  PublishVersion, nothing changed again %8.1f ms  = %.2f x cp -a\n",
                    median(unchanged), median(unchanged) / base);
        std::printf("  PublishVersion, one file changed      %8.1f ms  = %.2f x cp -a\n",
                    median(changed), median(changed) / base);
        std::printf("  first invoke of :1 (checkout + cold)  %8.1f ms\n", median(coldInvoke));
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchPublishVersion)
#include "bench_publishversion.moc"
