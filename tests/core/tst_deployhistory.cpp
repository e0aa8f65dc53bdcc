// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// DeployHistory (commits on refs/deployments/<target> in .lwb/versions.git, read back with the
// real git binary too; the old .lwb/deployments.json imported once), DeployHistoryModel over it,
// and CodeDiff between two packages built by the Packager.
#include "deploy/codediff.h"
#include "deploy/deployhistory.h"
#include "deploy/deployhistorymodel.h"
#include "deploy/packager.h"
#include "enginefixtures.h"
#include "versions/versionstore.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::writeFile;

namespace {

DeployRecord record(const QString &operation, const QString &version, const QString &previous,
                    const QString &aliasVersion, bool ok = true)
{
    DeployRecord r;
    r.time = u"2026-11-27T10:00:00.000Z"_s;
    r.endpoint = u"http://127.0.0.1:3001"_s;
    r.region = u"us-east-1"_s;
    r.operation = operation;
    r.logicalId = u"Hello"_s;
    r.functionName = u"hello"_s;
    r.version = version;
    r.alias = u"live"_s;
    r.previousAliasVersion = previous;
    r.aliasVersion = aliasVersion;
    r.ok = ok;
    r.error = ok ? QString() : u"PublishVersion: ServiceException: down"_s;
    return r;
}

/** The real git binary on @p gitDir, without the user's or the system's configuration. */
QString git(const QString &gitDir, const QStringList &args, int *exitCode = nullptr)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GIT_CONFIG_NOSYSTEM"_s, u"1"_s);
    env.insert(u"GIT_CONFIG_GLOBAL"_s, u"/dev/null"_s);
    process.setProcessEnvironment(env);
    process.start(u"git"_s, QStringList{u"--git-dir"_s, gitDir} + args);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    if (exitCode) {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QStringList gitLines(const QString &gitDir, const QStringList &args)
{
    return git(gitDir, args).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestDeployHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        QCOMPARE(path, dir.filePath(u".lwb/deployments.json"_s));
        QVERIFY(DeployHistory::read(path).empty());
        QVERIFY(!QFileInfo::exists(dir.filePath(u".lwb"_s))); // reading creates nothing
        DeployRecord traffic = record(u"Traffic"_s, u"2"_s, u"1"_s, u"1"_s);
        traffic.time = u"2026-11-27T10:05:00.000Z"_s;
        traffic.weights.insert(u"2"_s, 0.25);
        QString error;
        QVERIFY2(DeployHistory::append(path, record(u"Deploy"_s, u"1"_s, {}, u"1"_s), &error),
                 qPrintable(error));
        QVERIFY2(DeployHistory::append(path, traffic, &error), qPrintable(error));
        // Every read opens the repository afresh: what it returns survived a reopen.
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].operation, u"Deploy"_s);
        QCOMPARE(records[1].operation, u"Traffic"_s);
        QCOMPARE(records[1].previousAliasVersion, u"1"_s);
        QCOMPARE(records[1].weights.value(u"2"_s), 0.25);
        QCOMPARE(records[1].time, traffic.time);
        QVERIFY(records[1].ok);
        QCOMPARE(DeployHistory::toJson(records[1]), DeployHistory::toJson(traffic));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(QFileInfo(dir.filePath(u".lwb/versions.git"_s)).isDir());
    }

    void commitsInTheVersionRepository()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        const QString repo = dir.filePath(u".lwb/versions.git"_s);
        DeployRecord first = record(u"Deploy"_s, u"1"_s, {}, u"1"_s);
        first.logicalId = u"HelloWorldFunction"_s;
        DeployRecord canary = first;
        canary.time = u"2026-11-27T10:01:00.000Z"_s;
        canary.version = u"2"_s;
        canary.weights.insert(u"2"_s, 0.1);
        canary.aliasVersion = u"1"_s;
        DeployRecord failed = first;
        failed.time = u"2026-11-27T10:02:00.000Z"_s;
        failed.version = u"3"_s;
        failed.ok = false;
        DeployRecord other = first; // another local engine
        other.endpoint = u"http://127.0.0.1:3002"_s;
        other.time = u"2026-11-27T10:00:30.000Z"_s;
        DeployRecord aws = first;
        aws.endpoint = u"https://lambda.eu-west-1.amazonaws.com"_s;
        aws.region = u"eu-west-1"_s;
        aws.account = u"123456789012"_s;
        aws.time = u"2026-11-27T10:01:30.000Z"_s;
        QString error;
        for (const DeployRecord &r : {first, other, canary, aws, failed}) {
            QVERIFY2(DeployHistory::append(path, r, &error), qPrintable(error));
        }

        QCOMPARE(
            gitLines(repo, {u"for-each-ref"_s, u"--format=%(refname)"_s, u"refs/deployments/"_s}),
            QStringList({u"refs/deployments/aws-123456789012-eu-west-1"_s,
                         u"refs/deployments/local-127.0.0.1-3001"_s,
                         u"refs/deployments/local-127.0.0.1-3002"_s}));
        const QString local = u"refs/deployments/local-127.0.0.1-3001"_s;
        QCOMPARE(
            gitLines(repo, {u"log"_s, u"--format=%s"_s, local}),
            QStringList({u"Deploy HelloWorldFunction 3 → alias live (local 127.0.0.1:3001)"
                         " — failed"_s,
                         u"Deploy HelloWorldFunction 2 → alias live at 10 % (local "
                         "127.0.0.1:3001)"_s,
                         u"Deploy HelloWorldFunction 1 → alias live (local 127.0.0.1:3001)"_s}));
        QCOMPARE(gitLines(repo, {u"log"_s, u"--format=%s"_s,
                                 u"refs/deployments/aws-123456789012-eu-west-1"_s}),
                 QStringList(
                     {u"Deploy HelloWorldFunction 1 → alias live (aws 123456789012 eu-west-1)"_s}));
        // Separate chains: the first record of each target is a root commit.
        QCOMPARE(gitLines(repo, {u"rev-list"_s, u"--max-parents=0"_s, local}).size(), 1);
        QCOMPARE(gitLines(repo, {u"rev-list"_s, u"--count"_s,
                                 u"refs/deployments/local-127.0.0.1-3002"_s}),
                 QStringList{u"1"_s});
        int exitCode = 0;
        git(repo, {u"merge-base"_s, local, u"refs/deployments/local-127.0.0.1-3002"_s}, &exitCode);
        QCOMPARE(exitCode, 1); // no common ancestor
        // Author and committer: Lambda Workbench at the record's time.
        QCOMPARE(
            gitLines(repo, {u"log"_s, u"-1"_s, u"--format=%an <%ae>|%cn <%ce>|%aI|%cI"_s,
                            local + u"~1"_s}),
            QStringList{u"Lambda Workbench <lwb@localhost>|Lambda Workbench "
                        "<lwb@localhost>|2026-11-27T10:01:00+00:00|2026-11-27T10:01:00+00:00"_s});
        // The tree holds deployment.json, the record as JSON.
        QCOMPARE(gitLines(repo, {u"ls-tree"_s, u"--name-only"_s, local}),
                 QStringList{u"deployment.json"_s});
        const nlohmann::json stored = nlohmann::json::parse(
            git(repo, {u"show"_s, local + u"~1:deployment.json"_s}).toStdString(), nullptr, false);
        QCOMPARE(stored, DeployHistory::toJson(canary));
        QCOMPARE(stored.value("AdditionalVersionWeights", nlohmann::json()).value("2", 0.0), 0.1);

        // Read back: all targets, merged oldest first by time.
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QStringList times;
        for (const DeployRecord &r : records) {
            times.append(r.time);
        }
        QCOMPARE(times, QStringList({first.time, other.time, canary.time, aws.time, failed.time}));
        QCOMPARE(records[3].account, u"123456789012"_s);
        QVERIFY(!records[4].ok);
        QCOMPARE(records[4].error, failed.error);
    }

    void targetKey_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("key");
        QTest::newRow("local") << u"http://127.0.0.1:3001"_s << u"us-east-1"_s << QString()
                               << u"local-127.0.0.1-3001"_s;
        QTest::newRow("default port") << u"https://lambda.example.test/"_s << u"us-east-1"_s
                                      << QString() << u"local-lambda.example.test-443"_s;
        QTest::newRow("ipv6") << u"http://[::1]:9001"_s << u"us-east-1"_s << QString()
                              << u"local---1-9001"_s;
        QTest::newRow("aws account")
            << u"https://lambda.us-west-2.amazonaws.com"_s << u"us-west-2"_s << u"123456789012"_s
            << u"aws-123456789012-us-west-2"_s;
        QTest::newRow("aws profile")
            << u"https://lambda.us-west-2.amazonaws.com"_s << u"us-west-2"_s << u"my team/prod"_s
            << u"aws-my-team-prod-us-west-2"_s;
        QTest::newRow("aws default") << u"https://lambda.eu-west-1.amazonaws.com"_s
                                     << u"eu-west-1"_s << QString() << u"aws-default-eu-west-1"_s;
        QTest::newRow("hostile") << u"https://lambda.us-east-1.amazonaws.com"_s
                                 << u"x..y~^:?*[\\ @{.lock"_s << u"a..b"_s
                                 << u"aws-a-.b-x-.y-----------lock"_s;
        QTest::newRow("no endpoint")
            << QString() << QString() << QString() << u"local-unknown-80"_s;
    }

    void targetKey()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, region);
        QFETCH(QString, account);
        QFETCH(QString, key);
        DeployRecord r = record(u"Deploy"_s, u"1"_s, {}, u"1"_s);
        r.endpoint = endpoint;
        r.region = region;
        r.account = account;
        QCOMPARE(DeployHistory::targetKey(r), key);
        // A name git itself accepts, and one the history can append to.
        QProcess check;
        check.start(u"git"_s, {u"check-ref-format"_s, u"refs/deployments/"_s + key});
        QVERIFY(check.waitForFinished());
        QCOMPARE(check.exitCode(), 0);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(DeployHistory::append(DeployHistory::defaultPath(dir.path()), r, &error),
                 qPrintable(error));
        QCOMPARE(DeployHistory::read(DeployHistory::defaultPath(dir.path())).size(), size_t(1));
    }

    void summary()
    {
        DeployRecord r = record(u"Rollback"_s, u"1"_s, u"2"_s, u"1"_s);
        QCOMPARE(DeployHistory::summary(r),
                 u"Rollback Hello 1 → alias live (local 127.0.0.1:3001)"_s);
        r = record(u"Traffic"_s, u"2"_s, u"1"_s, u"1"_s);
        r.weights.insert(u"2"_s, 0.25);
        QCOMPARE(DeployHistory::summary(r),
                 u"Traffic Hello 2 → alias live at 25 % (local 127.0.0.1:3001)"_s);
        r = record(u"Deploy"_s, {}, {}, {});
        r.alias.clear();
        r.logicalId.clear();
        r.endpoint = u"https://lambda.us-east-1.amazonaws.com"_s;
        r.account = u"dev"_s;
        QCOMPARE(DeployHistory::summary(r), u"Deploy hello (aws dev us-east-1)"_s);
    }

    void importsTheJsonList()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        const QString repo = dir.filePath(u".lwb/versions.git"_s);
        // Records written before "Operation" existed say Rollback: true; a non-object is skipped.
        const auto old = [](const char *time, const char *endpoint, const char *version) {
            return nlohmann::json{{"Time", time},
                                  {"Endpoint", endpoint},
                                  {"FunctionName", "hello"},
                                  {"Version", version},
                                  {"Ok", true}};
        };
        nlohmann::json list = nlohmann::json::array();
        list.push_back(old("2026-11-20T09:00:00.000Z", "http://127.0.0.1:3001", "1"));
        list.back()["Alias"] = "live";
        list.push_back(old("2026-11-20T09:30:00.000Z", "http://127.0.0.1:3005", "4"));
        list.push_back(7);
        list.push_back(old("2026-11-20T10:00:00.000Z", "http://127.0.0.1:3001", "1"));
        list.back()["Alias"] = "live";
        list.back()["Rollback"] = true;
        list.push_back(old("2026-11-20T11:00:00.000Z", "http://127.0.0.1:3001", "2"));
        list.back()["Ok"] = "yes";
        writeFile(path, QByteArray::fromStdString(list.dump(2)));
        std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(4));
        QCOMPARE(records[0].version, u"1"_s);
        QCOMPARE(records[1].endpoint, u"http://127.0.0.1:3005"_s);
        QCOMPARE(records[2].operation, u"Rollback"_s);
        QCOMPARE(records[3].operation, u"Deploy"_s);
        QVERIFY(!records[3].ok);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(QFileInfo::exists(path + u".imported"_s));
        QVERIFY(!QFileInfo::exists(path + u".lock"_s));
        QCOMPARE(gitLines(repo, {u"log"_s, u"--format=%s|%aI"_s,
                                 u"refs/deployments/local-127.0.0.1-3001"_s}),
                 QStringList({u"Deploy hello 2 (local 127.0.0.1:3001) — failed|"
                              "2026-11-20T11:00:00+00:00"_s,
                              u"Rollback hello 1 → alias live (local 127.0.0.1:3001)|"
                              "2026-11-20T10:00:00+00:00"_s,
                              u"Deploy hello 1 → alias live (local 127.0.0.1:3001)|"
                              "2026-11-20T09:00:00+00:00"_s}));

        // Once: a list appearing again later is left alone.
        writeFile(path, R"([{"FunctionName": "ghost", "Version": "9", "Ok": true}])");
        QString error;
        QVERIFY2(DeployHistory::append(path, record(u"Deploy"_s, u"3"_s, u"1"_s, u"3"_s), &error),
                 qPrintable(error));
        records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(5));
        QCOMPARE(records.back().version, u"3"_s);
        QVERIFY(QFileInfo::exists(path));
    }

    void importIsTriggeredByAppend()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        const nlohmann::json list = nlohmann::json::array({{{"Time", "2026-11-20T09:00:00.000Z"},
                                                            {"Endpoint", "http://127.0.0.1:3001"},
                                                            {"FunctionName", "hello"},
                                                            {"Version", "1"},
                                                            {"Ok", true}}});
        writeFile(path, QByteArray::fromStdString(list.dump()));
        QString error;
        QVERIFY2(DeployHistory::append(path, record(u"Deploy"_s, u"2"_s, u"1"_s, u"2"_s), &error),
                 qPrintable(error));
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].version, u"1"_s);
        QCOMPARE(records[1].version, u"2"_s);
        QVERIFY(QFileInfo::exists(path + u".imported"_s));
    }

    void brokenListIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"deployments.json"_s);
        writeFile(path, "{not json");
        QVERIFY(DeployHistory::read(path).empty());
        QVERIFY(QFileInfo::exists(path)); // kept for the user, not renamed
        QString error;
        QVERIFY2(DeployHistory::append(path, record(u"Deploy"_s, u"1"_s, {}, u"1"_s), &error),
                 qPrintable(error));
        QCOMPARE(DeployHistory::read(path).size(), size_t(1));
        QVERIFY(QFileInfo(dir.filePath(u"versions.git"_s)).isDir());
    }

    void damagedRepository()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        writeFile(dir.filePath(u".lwb/versions.git"_s), "not a repository");
        QVERIFY(DeployHistory::read(path).empty());
        QString error;
        QVERIFY(!DeployHistory::append(path, record(u"Deploy"_s, u"1"_s, {}, u"1"_s), &error));
        QVERIFY2(error.contains(u"versions.git"_s), qPrintable(error));
    }

    void concurrentAppendsLoseNothing()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        // The repository exists, its deployment refs do not: both writers race for the root
        // commit, then for every next one.
        VersionStore store;
        QVERIFY(store.open(dir.filePath(u".lwb/versions.git"_s)));
        store.close();
        constexpr int kEach = 25;
        std::atomic<int> failures{0};
        QStringList errors;
        std::mutex errorsMutex;
        const auto writer = [&](const QString &prefix) {
            for (int i = 0; i < kEach; ++i) {
                DeployRecord r = record(u"Deploy"_s, prefix + QString::number(i), {}, {});
                QString error;
                if (!DeployHistory::append(path, r, &error)) {
                    ++failures;
                    const std::lock_guard<std::mutex> lock(errorsMutex);
                    errors.append(error);
                }
            }
        };
        std::thread a(writer, u"a"_s);
        std::thread b(writer, u"b"_s);
        a.join();
        b.join();
        QVERIFY2(failures == 0, qPrintable(errors.join(u'\n')));
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(2 * kEach));
        QSet<QString> versions;
        for (const DeployRecord &r : records) {
            versions.insert(r.version);
        }
        QCOMPARE(versions.size(), 2 * kEach);
        QCOMPARE(
            gitLines(dir.filePath(u".lwb/versions.git"_s),
                     {u"rev-list"_s, u"--count"_s, u"refs/deployments/local-127.0.0.1-3001"_s}),
            QStringList{QString::number(2 * kEach)});
    }

    void lastPublished()
    {
        std::vector<DeployRecord> records{
            record(u"Deploy"_s, u"1"_s, {}, u"1"_s),
            record(u"Deploy"_s, u"2"_s, u"1"_s, u"2"_s),
            record(u"Rollback"_s, u"1"_s, u"2"_s, u"1"_s),
            record(u"Deploy"_s, u"3"_s, u"1"_s, {}, false),
        };
        DeployRecord other = record(u"Deploy"_s, u"9"_s, u"8"_s, u"9"_s);
        other.endpoint = u"https://lambda.us-east-1.amazonaws.com"_s;
        records.push_back(other);
        const DeployRecord *last = DeployHistory::lastPublished(records, u"http://127.0.0.1:3001"_s,
                                                                u"hello"_s, u"live"_s);
        QVERIFY(last);
        QCOMPARE(last->version, u"2"_s);
        QCOMPARE(last->previousAliasVersion, u"1"_s);
        QVERIFY(!DeployHistory::lastPublished(records, u"http://127.0.0.1:3001"_s, u"hello"_s,
                                              u"prod"_s));
    }

    void model()
    {
        QTemporaryDir dir;
        const QString path = DeployHistory::defaultPath(dir.path());
        QString error;
        QVERIFY(DeployHistory::append(path, record(u"Deploy"_s, u"1"_s, {}, u"1"_s), &error));
        DeployRecord canary = record(u"Deploy"_s, u"2"_s, u"1"_s, u"1"_s);
        canary.weights.insert(u"2"_s, 0.1);
        QVERIFY(DeployHistory::append(path, canary, &error));
        QVERIFY(
            DeployHistory::append(path, record(u"Deploy"_s, u"3"_s, u"1"_s, {}, false), &error));
        DeployHistoryModel model;
        QAbstractItemModelTester tester(&model);
        model.reload(path);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(DeployHistoryModel::ColumnCount));
        // Newest first.
        QCOMPARE(model.index(0, DeployHistoryModel::Result).data().toString(),
                 u"PublishVersion: ServiceException: down"_s);
        QCOMPARE(model.index(1, DeployHistoryModel::Alias).data().toString(),
                 u"live → 1 (+10 % to 2)"_s);
        QCOMPARE(model.index(2, DeployHistoryModel::Version).data().toString(), u"1"_s);
        QCOMPARE(model.index(2, DeployHistoryModel::Result).data().toString(), u"ok"_s);
        QCOMPARE(model.record(2)->version, u"1"_s);
        QVERIFY(!model.record(3));
        QCOMPARE(model.headerData(DeployHistoryModel::CodeSha256, Qt::Horizontal).toString(),
                 u"CodeSha256"_s);
    }

    void codeDiff()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"a/app.py"_s), "v1");
        writeFile(dir.filePath(u"a/same.py"_s), "same");
        writeFile(dir.filePath(u"a/lib/gone.py"_s), "gone");
        writeFile(dir.filePath(u"b/app.py"_s), "v2");
        writeFile(dir.filePath(u"b/same.py"_s), "same");
        writeFile(dir.filePath(u"b/lib/new.py"_s), "new");
        Package before;
        Package after;
        QString error;
        QVERIFY2(Packager::build(dir.filePath(u"a"_s), &before, &error), qPrintable(error));
        QVERIFY2(Packager::build(dir.filePath(u"b"_s), &after, &error), qPrintable(error));
        QList<FileChange> changes;
        QVERIFY2(CodeDiff::compare(before.zip, after.zip, &changes, &error), qPrintable(error));
        const QList<FileChange> expected{
            {FileChange::Kind::Changed, u"app.py"_s},
            {FileChange::Kind::Removed, u"lib/gone.py"_s},
            {FileChange::Kind::Added, u"lib/new.py"_s},
        };
        QCOMPARE(changes, expected);
        QCOMPARE(changes.at(1).kindText(), u"removed"_s);
        QVERIFY(CodeDiff::compare(after.zip, after.zip, &changes, &error));
        QVERIFY(changes.isEmpty());
        QVERIFY(!CodeDiff::compare("not a zip", after.zip, &changes, &error));
        QVERIFY2(error.contains(u"deployed package is not a readable zip"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDeployHistory)
#include "tst_deployhistory.moc"
