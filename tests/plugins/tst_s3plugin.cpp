// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginefixtures.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;

// The S3 plugin end to end: `lwb local start-lambda` on a template with an S3 event, files
// dropped into .lwb/buckets/<bucket>/, the function's log showing the notifications.
class TestS3Plugin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesInTheBucketFolderInvokeTheFunction()
    {
        QTemporaryDir dir;
        Lwb::Test::writeFile(dir.filePath(u"template.yaml"_s), R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Thumbnailer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Events:
        Photos:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: suffix
                    Value: .jpg
        Removals:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectRemoved:*
)");
        Lwb::Test::writeFile(dir.filePath(u"src/app.py"_s),
                             "def handler(event, context):\n"
                             "    r = event['Records'][0]\n"
                             "    print('GOT', r['eventName'], r['s3']['bucket']['name'], r['s3']['object']['key'],"
                             " r['s3']['object'].get('size'))\n");
        QProcess lwb;
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
                  {u"local"_s, u"start-lambda"_s, u"-t"_s, dir.filePath(u"template.yaml"_s), u"-p"_s, u"0"_s,
                   u"--no-auth"_s});
        QByteArray err;
        auto waitFor = [&](const QByteArray &text) {
            return QTest::qWaitFor([&] {
                lwb.waitForReadyRead(50);
                err += lwb.readAllStandardError();
                return err.contains(text);
            }, 20000);
        };
        QVERIFY2(waitFor("Running on"), err.constData());
        QVERIFY(err.contains("trigger started: Thumbnailer Photos (S3)"));
        const QString bucket = dir.filePath(u".lwb/buckets/Uploads"_s);
        QVERIFY(QFileInfo(bucket).isDir());

        Lwb::Test::writeFile(bucket + u"/in/cat.jpg"_s, "meow!");
        Lwb::Test::writeFile(bucket + u"/notes.txt"_s, "filtered out");
        QVERIFY2(waitFor("GOT ObjectCreated:Put Uploads in/cat.jpg 5"), err.constData());
        QFile::remove(bucket + u"/in/cat.jpg"_s);
        QVERIFY2(waitFor("GOT ObjectRemoved:Delete Uploads in/cat.jpg None"), err.constData());
        QVERIFY(!err.contains("notes.txt"));
        lwb.terminate();
        QVERIFY(lwb.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestS3Plugin)
#include "tst_s3plugin.moc"
