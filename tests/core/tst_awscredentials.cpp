// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AwsCredentials: the credential chain over temporary HOME folders and shared files.
#include "awshome.h"
#include "deploy/awscredentials.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::cleanEnvironment;
using Lwb::Test::writeFile;

namespace {

const QByteArray kCredentials = "[default]\n"
                                "aws_access_key_id = AKIDDEFAULT\n"
                                "aws_secret_access_key = secretdefault\n"
                                "\n"
                                "# a comment\n"
                                "[dev]\n"
                                "aws_access_key_id=AKIDDEV\n"
                                "aws_secret_access_key=secretdev\n"
                                "aws_session_token=tokendev\n";
const QByteArray kConfig = "[default]\n"
                           "region = eu-west-1\n"
                           "[profile dev]\n"
                           "region = eu-central-1\n"
                           "s3 =\n"
                           "    max_concurrent_requests = 20\n"
                           "[profile onlyconfig]\n"
                           "region = ap-south-1\n"
                           "aws_access_key_id = AKIDCONFIG\n"
                           "aws_secret_access_key = secretconfig\n";

} // namespace

class TestAwsCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environmentFirst()
    {
        QTemporaryDir home;
        writeFile(home.filePath(u".aws/credentials"_s), kCredentials);
        writeFile(home.filePath(u".aws/config"_s), kConfig);
        QProcessEnvironment env = cleanEnvironment(home);
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENV"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"secretenv"_s);
        env.insert(u"AWS_SESSION_TOKEN"_s, u"tokenenv"_s);
        QString error;
        auto identity = AwsCredentials::resolve(env, {}, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDENV"_s);
        QCOMPARE(identity->credentials.sessionToken, u"tokenenv"_s);
        QCOMPARE(identity->source, u"environment"_s);
        QCOMPARE(identity->region, u"eu-west-1"_s); // from the default profile's config

        env.insert(u"AWS_DEFAULT_REGION"_s, u"us-west-2"_s);
        QCOMPARE(AwsCredentials::resolve(env, {}, {}, &error)->region, u"us-west-2"_s);
        env.insert(u"AWS_REGION"_s, u"us-east-2"_s);
        QCOMPARE(AwsCredentials::resolve(env, {}, {}, &error)->region, u"us-east-2"_s);
        QCOMPARE(AwsCredentials::resolve(env, {}, u"sa-east-1"_s, &error)->region, u"sa-east-1"_s);

        // An explicit profile wins over the environment's keys.
        identity = AwsCredentials::resolve(env, u"dev"_s, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDDEV"_s);
    }

    void profiles()
    {
        QTemporaryDir home;
        writeFile(home.filePath(u".aws/credentials"_s), kCredentials);
        writeFile(home.filePath(u".aws/config"_s), kConfig);
        QProcessEnvironment env = cleanEnvironment(home);
        QString error;
        auto identity = AwsCredentials::resolve(env, {}, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDDEFAULT"_s);
        QCOMPARE(identity->credentials.secretAccessKey, u"secretdefault"_s);
        QVERIFY(identity->credentials.sessionToken.isEmpty());
        QCOMPARE(identity->region, u"eu-west-1"_s);
        QVERIFY(identity->source.contains(u"profile default"_s));

        env.insert(u"AWS_PROFILE"_s, u"dev"_s);
        identity = AwsCredentials::resolve(env, {}, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDDEV"_s);
        QCOMPARE(identity->credentials.sessionToken, u"tokendev"_s);
        QCOMPARE(identity->region, u"eu-central-1"_s);

        // Keys in the config file only.
        identity = AwsCredentials::resolve(env, u"onlyconfig"_s, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDCONFIG"_s);
        QCOMPARE(identity->region, u"ap-south-1"_s);

        QVERIFY(!AwsCredentials::resolve(env, u"nosuch"_s, {}, &error));
        QCOMPARE(error, u"The config profile (nosuch) could not be found"_s);
    }

    void filesFromVariables()
    {
        QTemporaryDir home;
        QTemporaryDir elsewhere;
        writeFile(elsewhere.filePath(u"creds"_s),
                  "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = s\n");
        writeFile(elsewhere.filePath(u"conf"_s), "[default]\nregion = ca-central-1\n");
        QProcessEnvironment env = cleanEnvironment(home);
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, elsewhere.filePath(u"creds"_s));
        env.insert(u"AWS_CONFIG_FILE"_s, elsewhere.filePath(u"conf"_s));
        QString error;
        const auto identity = AwsCredentials::resolve(env, {}, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDOTHER"_s);
        QCOMPARE(identity->region, u"ca-central-1"_s);
    }

    void credentialProcess()
    {
        QTemporaryDir home;
        const QString script = home.filePath(u"creds.sh"_s);
        writeFile(script, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
                          "\"SecretAccessKey\": \"secretproc\", \"SessionToken\": \"tok\"}'\n");
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString failing = home.filePath(u"fail.sh"_s);
        writeFile(failing, "#!/bin/sh\necho 'no session' >&2\nexit 3\n");
        QFile::setPermissions(failing, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        writeFile(home.filePath(u".aws/config"_s),
                  "[profile proc]\ncredential_process = " + QFile::encodeName(script) +
                      "\nregion = us-west-1\n[profile broken]\ncredential_process = " +
                      QFile::encodeName(failing) + "\n");
        const QProcessEnvironment env = cleanEnvironment(home);
        QString error;
        const auto identity = AwsCredentials::resolve(env, u"proc"_s, {}, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->credentials.accessKeyId, u"AKIDPROC"_s);
        QCOMPARE(identity->credentials.secretAccessKey, u"secretproc"_s);
        QCOMPARE(identity->credentials.sessionToken, u"tok"_s);
        QCOMPARE(identity->region, u"us-west-1"_s);

        QVERIFY(!AwsCredentials::resolve(env, u"broken"_s, {}, &error));
        QVERIFY2(error.contains(u"no session"_s) && error.contains(u"broken"_s), qPrintable(error));
    }

    void nothingFound()
    {
        QTemporaryDir home;
        QString error;
        QVERIFY(!AwsCredentials::resolve(cleanEnvironment(home), {}, {}, &error));
        QVERIFY2(error.startsWith(u"Unable to locate credentials"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestAwsCredentials)
#include "tst_awscredentials.moc"
