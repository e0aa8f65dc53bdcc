// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using Lwb::Database;

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripAndPersistence()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u".lwb/state.sqlite"_s);
        {
            Database db;
            QVERIFY2(db.open(path), qPrintable(db.lastError()));
            QVERIFY(db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, x REAL)"));
            auto insert = db.prepare("INSERT INTO t (name, data, x) VALUES (?, ?, ?)");
            QVERIFY(insert.isValid());
            for (int i = 0; i < 3; ++i) {
                QVERIFY(insert.bind(1, u"n%1"_s.arg(i)).bind(2, QByteArray("\0b", 2)).bind(3, i * 0.5).run());
            }
            QCOMPARE(db.lastInsertId(), 3);
            QVERIFY(db.setUserVersion(7));
        }
        Database db;
        QVERIFY(db.open(path));
        QCOMPARE(db.userVersion(), 7);
        auto mode = db.prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), u"wal"_s);
        auto select = db.prepare("SELECT name, data, x FROM t WHERE id = ?");
        QVERIFY(select.bind(1, 2).step());
        QCOMPARE(select.text(0), u"n1"_s);
        QCOMPARE(select.blob(1), QByteArray("\0b", 2));
        QCOMPARE(select.real(2), 0.5);
        QVERIFY(!select.step());
        QVERIFY(select.bind(1, 99).step() == false);
    }

    void errorsAreReturned()
    {
        Database db;
        QVERIFY(db.open(u":memory:"_s));
        QVERIFY(!db.exec("SELECT * FROM nowhere"));
        QVERIFY(db.lastError().contains(u"no such table"_s));
        QVERIFY(!db.prepare("NOT SQL").isValid());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
