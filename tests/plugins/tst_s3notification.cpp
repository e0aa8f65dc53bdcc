// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "s3notification.h"

#include "enginefixtures.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb::S3;

class TestS3Notification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscriptionFromTemplateProperties()
    {
        QStringList errors;
        const auto s = Subscription::parse(nlohmann::json::parse(R"({
            "Bucket": {"Ref": "Uploads"},
            "Events": ["s3:ObjectCreated:*"],
            "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "in/"}, {"Name": "suffix", "Value": ".jpg"}]}}
        })"), &errors);
        QVERIFY2(s, qPrintable(errors.join(u'\n')));
        QCOMPARE(s->bucket, u"Uploads"_s);
        QVERIFY(s->matches(u"ObjectCreated:Put"_s, u"in/cat.jpg"_s));
        QVERIFY(!s->matches(u"ObjectCreated:Put"_s, u"out/cat.jpg"_s));
        QVERIFY(!s->matches(u"ObjectCreated:Put"_s, u"in/cat.png"_s));
        QVERIFY(!s->matches(u"ObjectRemoved:Delete"_s, u"in/cat.jpg"_s));

        const auto removals = Subscription::parse({{"Bucket", "plain-name"}, {"Events", "s3:ObjectRemoved:Delete"}}, &errors);
        QVERIFY(removals);
        QCOMPARE(removals->bucket, u"plain-name"_s);
        QVERIFY(removals->matches(u"ObjectRemoved:Delete"_s, u"x"_s));
        QVERIFY(!removals->matches(u"ObjectCreated:Put"_s, u"x"_s));

        errors.clear();
        QVERIFY(!Subscription::parse({{"Events", "s3:ObjectCreated:*"}}, &errors));
        QVERIFY(errors.value(0).startsWith(u"Bucket is required"_s));
        errors.clear();
        QVERIFY(!Subscription::parse({{"Bucket", "b"}, {"Events", "s3:Replication:*"}}, &errors));
        QVERIFY(errors.value(0).contains(u"s3:Replication:*"_s));
    }

    void folderChangesBecomeCreatesAndDeletes()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"keep.txt"_s), "same");
        Lwb::Test::writeFile(dir.filePath(u"gone.txt"_s), "bye");
        Lwb::Test::writeFile(dir.filePath(u".hidden"_s), "not an object");
        const auto before = scanBucket(dir.path());
        QCOMPARE(before.size(), 2);
        QFile::remove(dir.filePath(u"gone.txt"_s));
        Lwb::Test::writeFile(dir.filePath(u"in/photo 1.jpg"_s), "hello");
        const auto changes = diff(before, scanBucket(dir.path()), dir.path());
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].eventName, u"ObjectCreated:Put"_s);
        QCOMPARE(changes[0].key, u"in/photo 1.jpg"_s);
        QCOMPARE(changes[0].size, 5);
        QCOMPARE(changes[0].eTag, u"5d41402abc4b2a76b9719d911017c592"_s); // md5("hello")
        QCOMPARE(changes[1].eventName, u"ObjectRemoved:Delete"_s);
        QCOMPARE(changes[1].key, u"gone.txt"_s);
    }

    void recordShape()
    {
        const ObjectChange put{u"ObjectCreated:Put"_s, u"in/photo 1.jpg"_s, 5, u"5d41402abc4b2a76b9719d911017c592"_s};
        const auto n = notification(put, u"uploads"_s, u"us-east-1"_s,
                                    QDateTime(QDate(2026, 11, 27), QTime(9, 0, 1, 250), QTimeZone::utc()), 0x2a);
        const auto &r = n["Records"][0];
        QCOMPARE(r["eventVersion"], "2.1");
        QCOMPARE(r["eventSource"], "aws:s3");
        QCOMPARE(r["eventName"], "ObjectCreated:Put");
        QCOMPARE(r["eventTime"], "2026-11-27T09:00:01.250Z");
        QCOMPARE(r["s3"]["bucket"]["arn"], "arn:aws:s3:::uploads");
        QCOMPARE(r["s3"]["object"]["key"], "in/photo+1.jpg"); // URL-encoded, space as '+'
        QCOMPARE(r["s3"]["object"]["size"], 5);
        QCOMPARE(r["s3"]["object"]["eTag"], "5d41402abc4b2a76b9719d911017c592");
        QCOMPARE(r["s3"]["object"]["sequencer"], "00000000000000002A");
        const auto d = notification({u"ObjectRemoved:Delete"_s, u"a"_s, 0, {}}, u"b"_s, u"us-east-1"_s,
                                    QDateTime::currentDateTimeUtc(), 1)["Records"][0];
        QVERIFY(!d["s3"]["object"].contains("size"));
        QVERIFY(!d["s3"]["object"].contains("eTag"));
    }
};

QTEST_GUILESS_MAIN(TestS3Notification)
#include "tst_s3notification.moc"
