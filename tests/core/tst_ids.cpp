// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The ids the engine hands out: their shapes, and that they do not repeat.
#include "engine/ids.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtCore/QUuid>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;

class TestIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestIdIsALowercaseUuidV4()
    {
        const QRegularExpression shape(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        QSet<QString> seen;
        for (int i = 0; i < 20000; ++i) {
            const QString id = Lwb::Ids::requestId();
            QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 20000);
        const QUuid parsed(Lwb::Ids::requestId());
        QCOMPARE(parsed.version(), QUuid::Random);
        QCOMPARE(parsed.variant(), QUuid::DCE);
    }

    void environmentAndTraceIds()
    {
        const QRegularExpression env(u"^[0-9a-f]{32}$"_s);
        const QRegularExpression trace(u"^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$"_s);
        QSet<QString> seen;
        for (int i = 0; i < 2000; ++i) {
            const QString e = Lwb::Ids::environmentId();
            QVERIFY2(env.match(e).hasMatch(), qPrintable(e));
            seen.insert(e);
            const QString t = QString::fromLatin1(Lwb::Ids::traceId());
            QVERIFY2(trace.match(t).hasMatch(), qPrintable(t));
        }
        QCOMPARE(seen.size(), 2000);
    }

    void eachThreadHasItsOwnSequence()
    {
        // Every thread seeds its own generator from the system: two threads never hand out
        // the same ids (a fixed or shared seed would make these two lists equal).
        QStringList first;
        QStringList second;
        auto fill = [](QStringList *ids) {
            for (int i = 0; i < 100; ++i) {
                *ids << Lwb::Ids::requestId();
            }
        };
        std::unique_ptr<QThread> a(QThread::create(fill, &first));
        std::unique_ptr<QThread> b(QThread::create(fill, &second));
        a->start();
        b->start();
        QVERIFY(a->wait(5000) && b->wait(5000));
        const QSet<QString> seen(first.cbegin(), first.cend());
        for (const QString &id : std::as_const(second)) {
            QVERIFY2(!seen.contains(id), qPrintable(id));
        }
    }
};

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
