// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Packager: deterministic zips (same folder → same bytes and CodeSha256), ignore rules, Lambda's
// size limits, and archives that `unzip` and Python's zipfile read as expected.
#include "control/zippackage.h"
#include "deploy/packager.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

void writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    QFile::Permissions perms =
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    if (executable) {
        perms |= QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    }
    QFile::setPermissions(path, perms);
}

/** A function folder with code, a nested folder, an executable and things to leave out. */
void makeFunction(const QString &root)
{
    writeFile(root + u"/index.py"_s, "def handler(event, context):\n    return 1\n");
    writeFile(root + u"/lib/util.py"_s, "X = 1\n");
    writeFile(root + u"/bootstrap"_s, "#!/bin/sh\necho hi\n", true);
    writeFile(root + u"/.lwb/state.db"_s, "state");
    writeFile(root + u"/.git/HEAD"_s, "ref: refs/heads/main\n");
    writeFile(root + u"/.aws-sam/build.toml"_s, "x");
    writeFile(root + u"/notes.log"_s, "log");
    writeFile(root + u"/tests/test_index.py"_s, "pass\n");
    writeFile(root + u"/keep.log"_s, "kept by negation");
    writeFile(root + u"/.lwbignore"_s, "# comment\n*.log\n!keep.log\n/tests/\n");
    writeFile(root + u"/node_modules/.cache/x"_s, "cache");
    writeFile(root + u"/.npmignore"_s, "node_modules/.cache/\n");
}

Package build(const QString &root)
{
    Package package;
    QString error;
    if (!Packager::build(root, &package, &error)) {
        qWarning("%s", qPrintable(error));
    }
    return package;
}

} // namespace

class TestPackager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameFolderSameBytes()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        makeFunction(a.path());
        const Package first = build(a.path());
        QVERIFY(!first.zip.isEmpty());
        // Touching every file (new mtimes) and rebuilding, or building a copy elsewhere,
        // changes nothing.
        QTest::qWait(1100);
        makeFunction(a.path());
        makeFunction(b.path());
        const Package again = build(a.path());
        const Package copy = build(b.path());
        QCOMPARE(again.zip, first.zip);
        QCOMPARE(copy.zip, first.zip);
        QCOMPARE(copy.codeSha256, first.codeSha256);
    }

    void codeSha256IsBase64OfSha256()
    {
        QTemporaryDir dir;
        makeFunction(dir.path());
        const Package package = build(dir.path());
        QCOMPARE(package.codeSha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(package.zip, QCryptographicHash::Sha256).toBase64()));
        QCOMPARE(package.codeSha256, ZipPackage::codeSha256(package.zip));
    }

    void changedFileChangesSha()
    {
        QTemporaryDir dir;
        makeFunction(dir.path());
        const Package before = build(dir.path());
        writeFile(dir.path() + u"/lib/util.py"_s, "X = 2\n");
        const Package after = build(dir.path());
        QVERIFY(!after.zip.isEmpty());
        QVERIFY(after.codeSha256 != before.codeSha256);
        // A changed ignored file changes nothing.
        writeFile(dir.path() + u"/notes.log"_s, "more log");
        QCOMPARE(build(dir.path()).codeSha256, after.codeSha256);
        // Nor does a changed execute bit go unnoticed.
        QFile::setPermissions(dir.path() + u"/lib/util.py"_s,
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(build(dir.path()).codeSha256 != after.codeSha256);
    }

    void ignoresAndSortedEntries()
    {
        QTemporaryDir dir;
        makeFunction(dir.path());
        const Package package = build(dir.path());
        QCOMPARE(package.files, QStringList({u".lwbignore"_s, u".npmignore"_s, u"bootstrap"_s,
                                             u"index.py"_s, u"keep.log"_s, u"lib/util.py"_s}));
    }

    void ignorePatterns_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");
        QTest::newRow("basename anywhere")
            << QStringList{u"*.pyc"_s} << u"a/b/c.pyc"_s << false << true;
        QTest::newRow("star stops at slash")
            << QStringList{u"a/*.py"_s} << u"a/b/c.py"_s << false << false;
        QTest::newRow("double star")
            << QStringList{u"a/**/c.py"_s} << u"a/b/x/c.py"_s << false << true;
        QTest::newRow("leading double star")
            << QStringList{u"**/build"_s} << u"x/build/o.o"_s << false << true;
        QTest::newRow("anchored") << QStringList{u"/docs"_s} << u"sub/docs/a.md"_s << false
                                  << false;
        QTest::newRow("anchored root")
            << QStringList{u"/docs"_s} << u"docs/a.md"_s << false << true;
        QTest::newRow("dir only, file") << QStringList{u"out/"_s} << u"out"_s << false << false;
        QTest::newRow("dir only, dir")
            << QStringList{u"out/"_s} << u"x/out/y.js"_s << false << true;
        QTest::newRow("negation") << QStringList{u"*.md"_s, u"!README.md"_s} << u"README.md"_s
                                  << false << false;
        QTest::newRow("question mark") << QStringList{u"?.txt"_s} << u"ab.txt"_s << false << false;
        QTest::newRow("class") << QStringList{u"[ab].txt"_s} << u"b.txt"_s << false << true;
        QTest::newRow("negated class")
            << QStringList{u"[!ab].txt"_s} << u"b.txt"_s << false << false;
        QTest::newRow("comment") << QStringList{u"#x"_s} << u"#x"_s << false << false;
        QTest::newRow("escaped hash") << QStringList{u"\\#x"_s} << u"#x"_s << false << true;
        QTest::newRow("dot is literal") << QStringList{u"a.b"_s} << u"axb"_s << false << false;
    }

    void ignorePatterns()
    {
        QFETCH(QStringList, patterns);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        QCOMPARE(Packager::isIgnored(path, isDir, patterns), ignored);
    }

    void unzipListsTheFiles()
    {
        QTemporaryDir dir;
        QTemporaryDir out;
        makeFunction(dir.path());
        const Package package = build(dir.path());
        const QString zipPath = out.filePath(u"f.zip"_s);
        QFile file(zipPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(package.zip);
        file.close();

        QProcess unzip;
        unzip.start(u"unzip"_s, {u"-Z"_s, u"-l"_s, zipPath});
        QVERIFY(unzip.waitForFinished(30000));
        QCOMPARE(unzip.exitCode(), 0);
        const QString listing = QString::fromUtf8(unzip.readAllStandardOutput());
        for (const QString &name : package.files) {
            QVERIFY2(listing.contains(name), qPrintable(listing));
        }
        QVERIFY(!listing.contains(u"state.db"_s));
        QVERIFY2(listing.contains(u"-rwxr-xr-x"_s), qPrintable(listing));
        QVERIFY2(listing.contains(u"80-Jan-01 00:00"_s), qPrintable(listing));
        // Same mode everywhere but the executables; no extra fields ("ux" / "UT" flags).
        QVERIFY2(!listing.contains(u" ux "_s) && !listing.contains(u" tx "_s) &&
                     !listing.contains(u" bx "_s),
                 qPrintable(listing));

        // Python's zipfile reads it back, contents and modes intact.
        QProcess python;
        python.start(
            u"/usr/bin/python3"_s,
            {u"-c"_s,
             u"import sys, zipfile\n"
             "z = zipfile.ZipFile(sys.argv[1])\n"
             "assert z.testzip() is None\n"
             "for i in z.infolist():\n"
             "    print(i.filename, oct(i.external_attr >> 16), i.date_time, len(i.extra))\n"
             "print(z.read('lib/util.py').decode(), end='')\n"_s,
             zipPath});
        QVERIFY(python.waitForFinished(30000));
        const QString pyOut = QString::fromUtf8(python.readAllStandardOutput());
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QVERIFY2(pyOut.contains(u"bootstrap 0o100755 (1980, 1, 1, 0, 0, 0) 0"_s),
                 qPrintable(pyOut));
        QVERIFY2(pyOut.contains(u"index.py 0o100644 (1980, 1, 1, 0, 0, 0) 0"_s), qPrintable(pyOut));
        QVERIFY(pyOut.endsWith(u"X = 1\n"_s));

        // And the local engine's unpacker takes it.
        QTemporaryDir target;
        const QString extracted = target.filePath(u"code"_s);
        QString error;
        QVERIFY2(ZipPackage::extract(package.zip, extracted, &error), qPrintable(error));
        QVERIFY(QFileInfo(extracted + u"/bootstrap"_s).isExecutable());
    }

    void limits()
    {
        QTemporaryDir dir;
        QString error;
        Package package;
        // Above 250 MB unzipped: refused before anything is read (a sparse file costs nothing).
        {
            QFile big(dir.filePath(u"big.bin"_s));
            QVERIFY(big.open(QIODevice::WriteOnly));
            QVERIFY(big.resize(ZipPackage::kMaxUnzippedBytes + 1));
        }
        QVERIFY(!Packager::build(dir.path(), &package, &error));
        QCOMPARE(error, u"Unzipped size must be smaller than 262144000 bytes"_s);
        QFile::remove(dir.filePath(u"big.bin"_s));

        // Above 50 MB zipped: random bytes do not compress.
        QByteArray noise(ZipPackage::kMaxZippedBytes + 1024, Qt::Uninitialized);
        QRandomGenerator generator(7);
        generator.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        writeFile(dir.filePath(u"noise.bin"_s), noise);
        QVERIFY(!Packager::build(dir.path(), &package, &error));
        QCOMPARE(error, u"Zipped size must be smaller than 52428800 bytes"_s);
    }

    void badFolders()
    {
        QTemporaryDir dir;
        Package package;
        QString error;
        QVERIFY(!Packager::build(dir.filePath(u"missing"_s), &package, &error));
        QVERIFY(error.contains(u"does not exist"_s));
        writeFile(dir.filePath(u".lwb/x"_s), "x");
        QVERIFY(!Packager::build(dir.path(), &package, &error));
        QVERIFY(error.contains(u"no files to package"_s));
    }
};

QTEST_GUILESS_MAIN(TestPackager)
#include "tst_packager.moc"
