// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// DeployHistory (.lwb/deployments.json), DeployHistoryModel over it, and CodeDiff between two
// packages built by the Packager.
#include "deploy/codediff.h"
#include "deploy/deployhistory.h"
#include "deploy/deployhistorymodel.h"
#include "deploy/packager.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

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
        DeployRecord traffic = record(u"Traffic"_s, u"2"_s, u"1"_s, u"1"_s);
        traffic.weights.insert(u"2"_s, 0.25);
        QString error;
        QVERIFY(DeployHistory::append(path, record(u"Deploy"_s, u"1"_s, {}, u"1"_s), &error));
        QVERIFY(DeployHistory::append(path, traffic, &error));
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].operation, u"Deploy"_s);
        QCOMPARE(records[1].operation, u"Traffic"_s);
        QCOMPARE(records[1].previousAliasVersion, u"1"_s);
        QCOMPARE(records[1].weights.value(u"2"_s), 0.25);
        QVERIFY(records[1].ok);
    }

    void olderRecordsAndBrokenFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"deployments.json"_s);
        // Records written before "Operation" existed say Rollback: true.
        writeFile(path, R"([{"FunctionName": "hello", "Version": "1", "Rollback": true,
                             "Ok": true}, 7, {"FunctionName": "hello", "Version": "2"}])");
        const std::vector<DeployRecord> records = DeployHistory::read(path);
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].operation, u"Rollback"_s);
        QCOMPARE(records[1].operation, u"Deploy"_s);
        QVERIFY(!records[1].ok);
        writeFile(path, "{not json");
        QVERIFY(DeployHistory::read(path).empty());
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
        const DeployRecord *last = DeployHistory::lastPublished(
            records, u"http://127.0.0.1:3001"_s, u"hello"_s, u"live"_s);
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
        QVERIFY(DeployHistory::append(path, record(u"Deploy"_s, u"3"_s, u"1"_s, {}, false),
                                      &error));
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
