// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/functionconfigjson.h"
#include "versions/versionstore.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::AliasConfig;
using Lwb::AliasUpdate;
using Lwb::FunctionConfig;
using Lwb::FunctionConfigJson;
using Lwb::VersionError;
using Lwb::VersionErrorCode;
using Lwb::VersionStore;

namespace {

void writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.exists()) {
        file.setPermissions(file.permissions() | QFile::WriteOwner);
    }
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    QFile::Permissions perms = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser |
                               QFile::WriteUser | QFile::ReadGroup | QFile::ReadOther;
    if (executable) {
        perms |= QFile::ExeOwner | QFile::ExeUser | QFile::ExeGroup | QFile::ExeOther;
    }
    QVERIFY(file.setPermissions(perms));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString git(const QString &repo, const QStringList &args)
{
    QProcess p;
    p.start(u"git"_s, QStringList{u"--git-dir="_s + repo} + args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestVersionStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_code;

    FunctionConfig config() const
    {
        FunctionConfig c;
        c.logicalId = u"Hello"_s;
        c.functionName = u"hello"_s;
        c.runtime = u"python3.12"_s;
        c.handler = u"app.handler"_s;
        c.codeDir = m_code;
        c.memoryMb = 256;
        c.environment.insert(u"STAGE"_s, u"dev"_s);
        return c;
    }

    void freshProject()
    {
        m_project = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128));
        m_code = m_project + u"/src"_s;
        writeFile(m_code + u"/app.py"_s, "def handler(event, context):\n    return 1\n");
        writeFile(m_code + u"/run.sh"_s, "#!/bin/sh\necho hi\n", true);
        writeFile(m_code + u"/lib/util.py"_s, "X = 1\n");
        writeFile(m_code + u"/__pycache__/app.cpython-312.pyc"_s, "junk");
        writeFile(m_code + u"/.lwb/state"_s, "junk");
        writeFile(m_code + u"/.git/HEAD"_s, "junk");
    }

    /** Opens the project's store; publishes v1 and v2 (app.py returning 2, memory 512). */
    void publishTwo(VersionStore &store)
    {
        VersionError error;
        QVERIFY2(store.openProject(m_project, &error), qPrintable(error.message));
        const auto v1 = store.publish(config(), u"first"_s, &error);
        QVERIFY2(v1, qPrintable(error.message));
        writeFile(m_code + u"/app.py"_s, "def handler(event, context):\n    return 2\n");
        FunctionConfig c = config();
        c.memoryMb = 512;
        const auto v2 = store.publish(c, u"second"_s, &error);
        QVERIFY2(v2, qPrintable(error.message));
        QCOMPARE(v2->version, u"2"_s);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init() { freshProject(); }

    void publishNumbersVersions()
    {
        VersionStore store;
        VersionError error;
        QVERIFY2(store.openProject(m_project, &error), qPrintable(error.message));
        QVERIFY(QFileInfo(m_project + u"/.lwb/versions.git/HEAD"_s).exists());
        QVERIFY(store.versions(u"hello"_s).isEmpty());

        const auto v1 = store.publish(config(), u"first"_s, &error);
        QVERIFY2(v1, qPrintable(error.message));
        QCOMPARE(v1->function, u"hello"_s);
        QCOMPARE(v1->version, u"1"_s);
        QCOMPARE(v1->description, u"first"_s);
        QCOMPARE(v1->commitId.size(), 40);
        QCOMPARE(QByteArray::fromBase64(v1->codeSha256.toLatin1()).size(), 32);
        QVERIFY(!v1->revisionId.isEmpty());
        QVERIFY(v1->created.isValid());
        QVERIFY(v1->lastModified().endsWith(u"+0000"_s));
        QCOMPARE(v1->config.at("MemorySize").get<int>(), 256);
        QVERIFY(!v1->config.contains("CodeUri"));

        writeFile(m_code + u"/app.py"_s, "def handler(event, context):\n    return 2\n");
        const auto v2 = store.publish(config(), u"second"_s, &error);
        QVERIFY2(v2, qPrintable(error.message));
        QCOMPARE(v2->version, u"2"_s);
        QVERIFY(v2->codeSha256 != v1->codeSha256);
        QCOMPARE(store.versions(u"hello"_s), (QStringList{u"1"_s, u"2"_s}));
        QCOMPARE(store.functions(), QStringList{u"hello"_s});
        QCOMPARE(store.latestVersion(u"hello"_s)->version, u"2"_s);
        QCOMPARE(store.publishedVersions(u"hello"_s).size(), size_t(2));

        const auto config1 = store.configuration(u"hello"_s, u"1"_s, &error);
        QVERIFY2(config1, qPrintable(error.message));
        QCOMPARE(config1->handler, u"app.handler"_s);
        QCOMPARE(config1->environment.value(u"STAGE"_s), u"dev"_s);
        QVERIFY(config1->codeDir.isEmpty());
        // The commit chain: version 2's parent is version 1.
        const QString repo = VersionStore::defaultRepositoryPath(m_project);
        QCOMPARE(git(repo, {u"rev-parse"_s, u"refs/versions/hello/2^"_s}), v1->commitId);
        QCOMPARE(git(repo, {u"rev-parse"_s, u"refs/functions/hello"_s}), v2->commitId);
    }

    void unchangedPublishReturnsLatest()
    {
        VersionStore store;
        VersionError error;
        QVERIFY(store.openProject(m_project, &error));
        const auto v1 = store.publish(config(), u"first"_s, &error);
        QVERIFY(v1);
        const auto again = store.publish(config(), u"other description"_s, &error);
        QVERIFY2(again, qPrintable(error.message));
        QCOMPARE(again->version, u"1"_s);
        QCOMPARE(again->commitId, v1->commitId);
        QCOMPARE(again->description, u"first"_s);
        // The working folder's path and loader warnings are not part of a version.
        FunctionConfig moved = config();
        moved.warnings = QStringList{u"something"_s};
        QVERIFY(store.publish(moved, {}, &error)->version == u"1"_s);
        // A configuration change alone makes a version.
        FunctionConfig c = config();
        c.timeoutSeconds = 30;
        QCOMPARE(store.publish(c, {}, &error)->version, u"2"_s);
        QCOMPARE(store.publish(c, {}, &error)->version, u"2"_s);
        // A guard on CodeSha256.
        const auto wrong = store.publish(c, {}, &error, u"AAAA"_s);
        QVERIFY(!wrong);
        QCOMPARE(error.code, VersionErrorCode::PreconditionFailed);
        QCOMPARE(error.httpStatus(), 412);
    }

    void publishedCodeIsImmutable()
    {
        VersionStore store;
        VersionError error;
        QVERIFY(store.openProject(m_project, &error));
        QVERIFY(store.publish(config(), {}, &error));
        writeFile(m_code + u"/app.py"_s, "def handler(event, context):\n    return 99\n");
        QFile::remove(m_code + u"/lib/util.py"_s);

        const auto dir = store.codeDir(u"hello"_s, u"1"_s, &error);
        QVERIFY2(dir, qPrintable(error.message));
        QCOMPARE(*dir, m_project + u"/.lwb/versions/hello/1/code"_s);
        QCOMPARE(readFile(*dir + u"/app.py"_s),
                 QByteArray("def handler(event, context):\n    return 1\n"));
        QCOMPARE(readFile(*dir + u"/lib/util.py"_s), QByteArray("X = 1\n"));
        QVERIFY(!(QFileInfo(*dir + u"/app.py"_s).permissions() & QFile::WriteOwner));
        QVERIFY(!QFileInfo::exists(*dir + u"/__pycache__"_s));
        QVERIFY(!QFileInfo::exists(*dir + u"/.lwb"_s));
        QVERIFY(!QFileInfo::exists(*dir + u"/.git"_s));

        // Idempotent: the second call finds the copy (a file added there would survive).
        writeFile(*dir + u"/../probe"_s, "x");
        QCOMPARE(*store.codeDir(u"hello"_s, u"1"_s, &error), *dir);
        QVERIFY(QFileInfo::exists(*dir + u"/../probe"_s));

        const auto runnable = store.runnableConfiguration(u"hello"_s, u"1"_s, &error);
        QVERIFY(runnable);
        QCOMPARE(runnable->codeDir, *dir);

        // materialize() into a fresh folder; refuses a non-empty one.
        const QString target = m_project + u"/copy"_s;
        QVERIFY2(store.materialize(u"hello"_s, u"1"_s, target, &error), qPrintable(error.message));
        QCOMPARE(readFile(target + u"/app.py"_s),
                 QByteArray("def handler(event, context):\n    return 1\n"));
        QVERIFY(!store.materialize(u"hello"_s, u"1"_s, target, &error));
        QCOMPARE(error.code, VersionErrorCode::InvalidParameter);
    }

    void executableBitsKept()
    {
        VersionStore store;
        VersionError error;
        QVERIFY(store.openProject(m_project, &error));
        QVERIFY(QFile::link(u"lib/util.py"_s, m_code + u"/util-link.py"_s));
        QVERIFY(store.publish(config(), {}, &error));
        const auto dir = store.codeDir(u"hello"_s, u"1"_s, &error);
        QVERIFY(dir);
        QVERIFY(QFileInfo(*dir + u"/util-link.py"_s).isSymLink());
        QCOMPARE(readFile(*dir + u"/util-link.py"_s), QByteArray("X = 1\n"));
        QVERIFY(QFileInfo(*dir + u"/run.sh"_s).isExecutable());
        QVERIFY(!QFileInfo(*dir + u"/app.py"_s).isExecutable());
        const QString repo = VersionStore::defaultRepositoryPath(m_project);
        const QString tree = git(repo, {u"ls-tree"_s, u"-r"_s, u"refs/versions/hello/1"_s});
        QVERIFY2(tree.contains(u"100755 blob"_s) && tree.contains(u"code/run.sh"_s),
                 qPrintable(tree));
        QVERIFY(tree.contains(u"configuration.json"_s));
        // Changing only the executable bit changes the code.
        const auto before = VersionStore::computeCodeSha256(m_code);
        QFile::setPermissions(m_code + u"/app.py"_s,
                              QFile::permissions(m_code + u"/app.py"_s) | QFile::ExeOwner);
        QVERIFY(*VersionStore::computeCodeSha256(m_code) != *before);
        QCOMPARE(store.publish(config(), {}, &error)->version, u"2"_s);
    }

    void unchangedFolderKnownByItsMetadata()
    {
        VersionStore store;
        VersionError error;
        QVERIFY(store.openProject(m_project, &error));
        const auto v1 = store.publish(config(), {}, &error);
        QVERIFY2(v1, qPrintable(error.message));
        // Files older than two seconds: the next publication remembers the folder's metadata.
        QTest::qWait(2100);
        QCOMPARE(store.publish(config(), {}, &error)->version, u"1"_s);
        QCOMPARE(QDir(store.cacheDir() + u"/code-memo"_s).entryList(QDir::Files).size(), 1);
        const auto again = store.publish(config(), {}, &error);
        QCOMPARE(again->version, u"1"_s);
        QCOMPARE(again->codeSha256, v1->codeSha256);

        // The same size, one byte different, at once: a new version all the same.
        writeFile(m_code + u"/lib/util.py"_s, "X = 2\n");
        const auto v2 = store.publish(config(), {}, &error);
        QCOMPARE(v2->version, u"2"_s);
        QVERIFY(v2->codeSha256 != v1->codeSha256);
        // An executable bit alone, and a new empty file, are changes too.
        QTest::qWait(2100);
        QCOMPARE(store.publish(config(), {}, &error)->version, u"2"_s);
        QFile::setPermissions(m_code + u"/lib/util.py"_s,
                              QFile::permissions(m_code + u"/lib/util.py"_s) | QFile::ExeOwner);
        QCOMPARE(store.publish(config(), {}, &error)->version, u"3"_s);
        writeFile(m_code + u"/empty.txt"_s, {});
        QCOMPARE(store.publish(config(), {}, &error)->version, u"4"_s);
        // A memo whose tree is not in the repository (another store in the same cache) is ignored.
        QTest::qWait(2100);
        QCOMPARE(store.publish(config(), {}, &error)->version, u"4"_s); // remembers this state
        VersionStore other;
        QVERIFY(other.open(m_project + u"/other.git"_s, &error, store.cacheDir()));
        const auto fresh = other.publish(config(), {}, &error);
        QVERIFY2(fresh, qPrintable(error.message));
        QCOMPARE(fresh->version, u"1"_s);
        QVERIFY(other.materialize(u"hello"_s, u"1"_s, m_project + u"/checkout"_s, &error));
        QVERIFY(QFileInfo::exists(m_project + u"/checkout/empty.txt"_s));
    }

    void codeSha256IsStable()
    {
        // The documented stream, computed independently.
        const QString a = m_dir.filePath(u"sha-a"_s);
        writeFile(a + u"/b.txt"_s, "bee\n");
        writeFile(a + u"/a.sh"_s, "#!/bin/sh\n", true);
        writeFile(a + u"/__pycache__/x.pyc"_s, "ignored");
        QCryptographicHash hash(QCryptographicHash::Sha256);
        static const char first[] = "100755 a.sh\0"
                                    "10\0"
                                    "#!/bin/sh\n";
        static const char second[] = "100644 b.txt\0"
                                     "4\0"
                                     "bee\n";
        hash.addData(QByteArrayView(first, sizeof first - 1));
        hash.addData(QByteArrayView(second, sizeof second - 1));
        qint64 size = 0;
        const auto sha = VersionStore::computeCodeSha256(a, &size);
        QVERIFY(sha);
        QCOMPARE(*sha, QString::fromLatin1(hash.result().toBase64()));
        QCOMPARE(size, 14);
        // Another folder with the same content, written in another order: same hash.
        const QString b = m_dir.filePath(u"sha-b"_s);
        writeFile(b + u"/a.sh"_s, "#!/bin/sh\n", true);
        writeFile(b + u"/b.txt"_s, "bee\n");
        QCOMPARE(*VersionStore::computeCodeSha256(b), *sha);
        writeFile(b + u"/b.txt"_s, "bee!\n");
        QVERIFY(*VersionStore::computeCodeSha256(b) != *sha);
        // The published version reports the same value.
        VersionStore store;
        VersionError error;
        QVERIFY(store.openProject(m_project, &error));
        const auto v = store.publish(config(), {}, &error);
        QCOMPARE(v->codeSha256, *VersionStore::computeCodeSha256(m_code));
        QVERIFY(!VersionStore::computeCodeSha256(m_dir.filePath(u"missing"_s)));
    }

    void aliasesCrud()
    {
        VersionStore store;
        publishTwo(store);
        VersionError error;
        AliasConfig request;
        request.function = u"hello"_s;
        request.name = u"live"_s;
        request.functionVersion = u"1"_s;
        request.description = u"production"_s;
        const auto created = store.createAlias(request, &error);
        QVERIFY2(created, qPrintable(error.message));
        QVERIFY(!created->revisionId.isEmpty());
        QVERIFY(!store.createAlias(request, &error));
        QCOMPARE(error.code, VersionErrorCode::Conflict);
        QCOMPARE(
            error.message,
            u"Alias already exists: arn:aws:lambda:us-east-1:123456789012:function:hello:live"_s);

        const QString repo = VersionStore::defaultRepositoryPath(m_project);
        QCOMPARE(git(repo, {u"for-each-ref"_s, u"--format=%(refname)"_s, u"refs/aliases"_s}),
                 u"refs/aliases/hello/live"_s);
        const QString json = git(repo, {u"show"_s, u"refs/aliases/hello/live:alias.json"_s});
        QVERIFY2(json.contains(u"\"FunctionVersion\": \"1\""_s), qPrintable(json));

        const auto got = store.alias(u"hello"_s, u"live"_s, &error);
        QVERIFY(got);
        QCOMPARE(got->functionVersion, u"1"_s);
        QCOMPARE(got->description, u"production"_s);
        QCOMPARE(got->revisionId, created->revisionId);

        AliasUpdate update;
        update.functionVersion = u"2"_s;
        update.additionalVersionWeights = QMap<QString, double>{{u"1"_s, 0.2}};
        update.revisionId = created->revisionId;
        const auto updated = store.updateAlias(u"hello"_s, u"live"_s, update, &error);
        QVERIFY2(updated, qPrintable(error.message));
        QCOMPARE(updated->functionVersion, u"2"_s);
        QCOMPARE(updated->description, u"production"_s);
        QCOMPARE(updated->additionalVersionWeights.value(u"1"_s), 0.2);
        QVERIFY(updated->revisionId != created->revisionId);
        // The alias keeps its history.
        QCOMPARE(git(repo, {u"rev-list"_s, u"--count"_s, u"refs/aliases/hello/live"_s}), u"2"_s);

        // A stale RevisionId.
        QVERIFY(!store.updateAlias(u"hello"_s, u"live"_s, update, &error));
        QCOMPARE(error.code, VersionErrorCode::PreconditionFailed);

        AliasConfig beta = request;
        beta.name = u"beta"_s;
        beta.functionVersion = u"$LATEST"_s;
        QVERIFY(store.createAlias(beta, &error));
        const auto all = store.aliases(u"hello"_s, &error);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(all[0].name, u"beta"_s);
        QCOMPARE(all[1].name, u"live"_s);
        QCOMPARE(store.aliases(u"hello"_s, &error, u"1"_s).size(), size_t(1));

        // A version an alias routes to cannot be deleted.
        QVERIFY(!store.deleteVersion(u"hello"_s, u"1"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::Conflict);

        QVERIFY(store.deleteAlias(u"hello"_s, u"live"_s, &error));
        QVERIFY(!store.alias(u"hello"_s, u"live"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::NotFound);
        QCOMPARE(error.awsErrorType(), u"ResourceNotFoundException"_s);
        QVERIFY(!store.deleteAlias(u"hello"_s, u"live"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::NotFound);
        QCOMPARE(git(repo, {u"for-each-ref"_s, u"--format=%(refname)"_s, u"refs/aliases"_s}),
                 u"refs/aliases/hello/beta"_s);

        // Deleting a version: gone, and its number is not reused.
        QVERIFY2(store.deleteVersion(u"hello"_s, u"1"_s, &error), qPrintable(error.message));
        QCOMPARE(store.versions(u"hello"_s), QStringList{u"2"_s});
        QVERIFY(store.deleteVersion(u"hello"_s, u"2"_s, &error));
        QVERIFY(store.versions(u"hello"_s).isEmpty());
        const auto v3 = store.publish(config(), {}, &error);
        QVERIFY2(v3, qPrintable(error.message));
        QCOMPARE(v3->version, u"3"_s);
    }

    void weightedRouting()
    {
        VersionStore store;
        publishTwo(store);
        VersionError error;
        AliasConfig request;
        request.function = u"hello"_s;
        request.name = u"canary"_s;
        request.functionVersion = u"1"_s;
        request.additionalVersionWeights.insert(u"2"_s, 0.2);
        QVERIFY2(store.createAlias(request, &error), qPrintable(error.message));

        QRandomGenerator random(42);
        int toTwo = 0;
        constexpr int kDraws = 10000;
        for (int i = 0; i < kDraws; ++i) {
            const auto v =
                store.resolveQualifier(u"hello"_s, u"canary"_s, random.generateDouble(), &error);
            QVERIFY(v);
            QVERIFY(*v == u"1"_s || *v == u"2"_s);
            toTwo += *v == u"2"_s;
        }
        QVERIFY2(qAbs(toTwo / double(kDraws) - 0.2) <= 0.02, qPrintable(QString::number(toTwo)));
        QCOMPARE(VersionStore::route(*store.alias(u"hello"_s, u"canary"_s), 0.19), u"2"_s);
        QCOMPARE(VersionStore::route(*store.alias(u"hello"_s, u"canary"_s), 0.2), u"1"_s);

        QCOMPARE(*store.resolveQualifier(u"hello"_s, {}, 0.5), u"$LATEST"_s);
        QCOMPARE(*store.resolveQualifier(u"hello"_s, u"$LATEST"_s, 0.5), u"$LATEST"_s);
        QCOMPARE(*store.resolveQualifier(u"hello"_s, u"2"_s, 0.5), u"2"_s);
        QVERIFY(!store.resolveQualifier(u"hello"_s, u"7"_s, 0.5, &error));
        QCOMPARE(error.code, VersionErrorCode::NotFound);
        QCOMPARE(error.message,
                 u"Function not found: arn:aws:lambda:us-east-1:123456789012:function:hello:7"_s);
        QVERIFY(!store.resolveQualifier(u"hello"_s, u"nope"_s, 0.5, &error));
        QCOMPARE(error.code, VersionErrorCode::NotFound);
    }

    void invalidRoutingRejected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("functionVersion");
        QTest::addColumn<QString>("extraVersion");
        QTest::addColumn<double>("weight");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int invalid = int(VersionErrorCode::InvalidParameter);
        const int notFound = int(VersionErrorCode::NotFound);
        QTest::newRow("weight above 1") << u"a"_s << u"1"_s << u"2"_s << 1.5 << invalid
                                        << u"Member must have value less than or equal to 1.0"_s;
        QTest::newRow("negative weight")
            << u"a"_s << u"1"_s << u"2"_s << -0.1 << invalid
            << u"Member must have value greater than or equal to 0.0"_s;
        QTest::newRow("same version")
            << u"a"_s << u"1"_s << u"1"_s << 0.5 << invalid
            << u"Invalid function version 1. Function version 1 is already included in routing configuration."_s;
        QTest::newRow("$LATEST with routing")
            << u"a"_s << u"$LATEST"_s << u"1"_s << 0.5 << invalid
            << u"$LATEST is not supported for an alias pointing to more than 1 version"_s;
        QTest::newRow("extra $LATEST") << u"a"_s << u"1"_s << u"$LATEST"_s << 0.5 << invalid
                                       << u"Map keys must satisfy constraint"_s;
        QTest::newRow("unknown extra version")
            << u"a"_s << u"1"_s << u"9"_s << 0.5 << notFound
            << u"Function not found: arn:aws:lambda:us-east-1:123456789012:function:hello:9"_s;
        QTest::newRow("unknown version")
            << u"a"_s << u"9"_s << QString() << 0.0 << notFound
            << u"Function not found: arn:aws:lambda:us-east-1:123456789012:function:hello:9"_s;
        QTest::newRow("numeric alias name")
            << u"123"_s << u"1"_s << QString() << 0.0 << invalid
            << u"Value '123' at 'name' failed to satisfy constraint"_s;
        QTest::newRow("bad alias name") << u"a/b"_s << u"1"_s << QString() << 0.0 << invalid
                                        << u"at 'name' failed to satisfy constraint"_s;
    }

    void invalidRoutingRejected()
    {
        QFETCH(QString, name);
        QFETCH(QString, functionVersion);
        QFETCH(QString, extraVersion);
        QFETCH(double, weight);
        QFETCH(int, code);
        QFETCH(QString, message);
        VersionStore store;
        publishTwo(store);
        AliasConfig request;
        request.function = u"hello"_s;
        request.name = name;
        request.functionVersion = functionVersion;
        if (!extraVersion.isEmpty()) {
            request.additionalVersionWeights.insert(extraVersion, weight);
        }
        VersionError error;
        QVERIFY(!store.createAlias(request, &error));
        QCOMPARE(int(error.code), code);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY(store.aliases(u"hello"_s).empty());

        // Updates are validated alike.
        AliasConfig valid;
        valid.function = u"hello"_s;
        valid.name = u"ok"_s;
        valid.functionVersion = u"1"_s;
        QVERIFY(store.createAlias(valid, &error));
        if (name == u"a"_s) {
            AliasUpdate update;
            update.functionVersion = functionVersion;
            update.additionalVersionWeights = request.additionalVersionWeights;
            QVERIFY(!store.updateAlias(u"hello"_s, u"ok"_s, update, &error));
            QCOMPARE(int(error.code), code);
            QCOMPARE(store.alias(u"hello"_s, u"ok"_s)->functionVersion, u"1"_s);
        }
    }

    void twoExtraVersionsRejected()
    {
        VersionStore store;
        publishTwo(store);
        writeFile(m_code + u"/app.py"_s, "three\n");
        VersionError error;
        QCOMPARE(store.publish(config(), {}, &error)->version, u"3"_s);
        AliasConfig request;
        request.function = u"hello"_s;
        request.name = u"two"_s;
        request.functionVersion = u"1"_s;
        request.additionalVersionWeights = {{u"2"_s, 0.1}, {u"3"_s, 0.1}};
        QVERIFY(!store.createAlias(request, &error));
        QCOMPARE(error.code, VersionErrorCode::InvalidParameter);
    }

    void diffShowsChanges()
    {
        VersionStore store;
        publishTwo(store);
        VersionError error;
        const auto diff = store.diff(u"hello"_s, u"1"_s, u"2"_s, &error);
        QVERIFY2(diff, qPrintable(error.message));
        QCOMPARE(diff->files.size(), size_t(1));
        QCOMPARE(diff->files[0].path, u"app.py"_s);
        QCOMPARE(diff->files[0].status, u"modified"_s);
        QVERIFY2(diff->files[0].patch.contains(u"-    return 1\n+    return 2"_s),
                 qPrintable(diff->files[0].patch));
        QVERIFY(diff->patchText().startsWith(u"diff --git a/app.py b/app.py"_s));
        QCOMPARE(diff->configChanges.size(), size_t(1));
        QCOMPARE(diff->configChanges[0].path, u"/MemorySize"_s);
        QCOMPARE(diff->configChanges[0].before.get<int>(), 256);
        QCOMPARE(diff->configChanges[0].after.get<int>(), 512);
        QVERIFY(store.diff(u"hello"_s, u"2"_s, u"2"_s)->isEmpty());
        QVERIFY(!store.diff(u"hello"_s, u"1"_s, u"5"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::NotFound);
    }

    void reopenSeesEverything()
    {
        QString commit;
        {
            VersionStore store;
            publishTwo(store);
            AliasConfig request;
            request.function = u"hello"_s;
            request.name = u"live"_s;
            request.functionVersion = u"2"_s;
            request.additionalVersionWeights.insert(u"1"_s, 0.25);
            QVERIFY(store.createAlias(request));
            commit = store.version(u"hello"_s, u"2"_s)->commitId;
        }
        VersionStore store;
        VersionError error;
        QVERIFY2(store.openProject(m_project, &error), qPrintable(error.message));
        QCOMPARE(store.versions(u"hello"_s), (QStringList{u"1"_s, u"2"_s}));
        const auto v2 = store.version(u"hello"_s, u"2"_s, &error);
        QVERIFY(v2);
        QCOMPARE(v2->commitId, commit);
        QCOMPARE(v2->description, u"second"_s);
        const auto live = store.alias(u"hello"_s, u"live"_s, &error);
        QVERIFY(live);
        QCOMPARE(live->additionalVersionWeights.value(u"1"_s), 0.25);
        QCOMPARE(store
                     .publish(
                         [this] {
                             FunctionConfig c = config();
                             c.memoryMb = 512;
                             return c;
                         }(),
                         {}, &error)
                     ->version,
                 u"2"_s);
    }

    void corruptRepositoryReported()
    {
        VersionError error;
        // A file where the repository should be.
        const QString file = m_project + u"/.lwb/versions.git"_s;
        writeFile(file, "not a repository");
        {
            VersionStore store;
            QVERIFY(!store.openProject(m_project, &error));
            QCOMPARE(error.code, VersionErrorCode::Corrupt);
            QVERIFY2(error.message.contains(u"damaged or not a git repository"_s),
                     qPrintable(error.message));
            QVERIFY(!store.isOpen());
            QVERIFY(!store.publish(config(), {}, &error));
            QVERIFY(store.versions(u"hello"_s, &error).isEmpty());
            QVERIFY(error.isError());
        }
        QFile::remove(file);
        // A folder with junk in it.
        writeFile(file + u"/HEAD"_s, "garbage");
        writeFile(file + u"/objects"_s, "garbage");
        {
            VersionStore store;
            QVERIFY(!store.openProject(m_project, &error));
            QCOMPARE(error.code, VersionErrorCode::Corrupt);
        }
        QVERIFY(QDir(file).removeRecursively());

        // A damaged object in a valid repository.
        {
            VersionStore store;
            publishTwo(store);
        }
        const QString repo = VersionStore::defaultRepositoryPath(m_project);
        const QString blob = git(repo, {u"rev-parse"_s, u"refs/versions/hello/1:version.json"_s});
        QCOMPARE(blob.size(), 40);
        const QString object = repo + u"/objects/"_s + blob.left(2) + u'/' + blob.mid(2);
        writeFile(object, "this is not zlib data");
        // A damaged ref.
        writeFile(repo + u"/refs/aliases/hello/broken"_s, "zzzz\n");
        VersionStore store;
        QVERIFY2(store.openProject(m_project, &error), qPrintable(error.message));
        QVERIFY(!store.version(u"hello"_s, u"1"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::Corrupt);
        QVERIFY2(error.message.contains(u"damaged"_s), qPrintable(error.message));
        QCOMPARE(error.awsErrorType(), u"ServiceException"_s);
        QVERIFY(!store.codeDir(u"hello"_s, u"1"_s, &error));
        QVERIFY(store.version(u"hello"_s, u"2"_s, &error));
        QVERIFY(!store.alias(u"hello"_s, u"broken"_s, &error));
        QCOMPARE(error.code, VersionErrorCode::Corrupt);
        // libgit2's ref iterator skips an unreadable ref: the listing stays usable.
        QVERIFY(store.aliases(u"hello"_s, &error).empty());
    }

    void functionConfigJsonRoundTrip()
    {
        FunctionConfig c = config();
        c.reservedConcurrency = 5;
        c.asyncConfig.maximumRetryAttempts = 1;
        c.asyncConfig.onFailure = {u"SQS"_s, u"dlq"_s};
        Lwb::LayerConfig layer;
        layer.name = u"deps"_s;
        layer.contentDir = u"/tmp/deps"_s;
        layer.compatibleRuntimes = QStringList{u"python3.12"_s};
        c.layers.push_back(layer);
        c.events = nlohmann::json{{"Api", {{"Type", "Api"}}}};
        const nlohmann::json json = FunctionConfigJson::toJson(c);
        QString message;
        const auto back = FunctionConfigJson::fromJson(json, &message);
        QVERIFY2(back, qPrintable(message));
        QCOMPARE(FunctionConfigJson::toJson(*back), json);
        QCOMPARE(back->reservedConcurrency.value_or(-1), 5);
        QCOMPARE(back->layers.at(0).compatibleRuntimes, QStringList{u"python3.12"_s});
        QCOMPARE(back->asyncConfig.onFailure.target, u"dlq"_s);
        QVERIFY(!FunctionConfigJson::fromJson(nlohmann::json{{"MemorySize", "big"}}, &message));
        QVERIFY(!message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestVersionStore)
#include "tst_versionstore.moc"
