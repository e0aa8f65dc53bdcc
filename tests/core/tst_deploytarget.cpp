// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// DeployTarget (local endpoint or AWS, chain or explicit keys, the role) and
// AwsCredentials' explicit-keys path and profile list, over temporary HOME folders.
#include "awshome.h"
#include "deploy/awscredentials.h"
#include "deploy/deploytarget.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::cleanEnvironment;
using Lwb::Test::writeFile;

class TestDeployTarget : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_empty;

private Q_SLOTS:
    void initTestCase()
    {
        writeFile(m_home.filePath(u".aws/credentials"_s),
                  "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
                  "[zeta]\naws_access_key_id = AKIDZ\naws_secret_access_key = z\n");
        writeFile(m_home.filePath(u".aws/config"_s),
                  "[default]\nregion = eu-west-1\n[profile staging]\nregion = ap-south-1\n"
                  "[profile zeta]\nregion = us-west-2\n[sso-session corp]\nsso_region = x\n");
    }

    void profilesListed()
    {
        QCOMPARE(AwsCredentials::profiles(cleanEnvironment(m_home)),
                 (QStringList{u"default"_s, u"staging"_s, u"zeta"_s}));
        QVERIFY(AwsCredentials::profiles(cleanEnvironment(m_empty)).isEmpty());
    }

    void explicitKeysTakeTheProfilesRegion()
    {
        const SigV4Credentials keys{u"AKIDGIVEN"_s, u"given"_s, u"token"_s};
        AwsIdentity identity =
            AwsCredentials::withKeys(cleanEnvironment(m_home), keys, u"staging"_s, {});
        QCOMPARE(identity.credentials.accessKeyId, u"AKIDGIVEN"_s);
        QCOMPARE(identity.credentials.sessionToken, u"token"_s);
        QCOMPARE(identity.region, u"ap-south-1"_s);
        identity = AwsCredentials::withKeys(cleanEnvironment(m_home), keys, u"staging"_s,
                                            u"sa-east-1"_s);
        QCOMPARE(identity.region, u"sa-east-1"_s);
    }

    void awsTarget()
    {
        DeployTarget target;
        target.profile = u"zeta"_s;
        QString error;
        std::optional<LambdaEndpoint> endpoint = target.resolve(cleanEnvironment(m_home), &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->credentials.accessKeyId, u"AKIDZ"_s);
        QCOMPARE(endpoint->region, u"us-west-2"_s);
        QCOMPARE(endpoint->url.toString(), u"https://lambda.us-west-2.amazonaws.com"_s);

        target.credentials = SigV4Credentials{u"AKIDKEYCHAIN"_s, u"k"_s, {}};
        endpoint = target.resolve(cleanEnvironment(m_home), &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->credentials.accessKeyId, u"AKIDKEYCHAIN"_s);
        QCOMPARE(endpoint->region, u"us-west-2"_s);
    }

    void awsTargetNeedsKeysAndARegion()
    {
        DeployTarget target;
        QString error;
        QVERIFY(!target.resolve(cleanEnvironment(m_empty), &error));
        QVERIFY2(error.contains(u"Unable to locate credentials"_s), qPrintable(error));
        target.credentials = SigV4Credentials{u"A"_s, u"B"_s, {}};
        QVERIFY(!target.resolve(cleanEnvironment(m_empty), &error));
        QVERIFY2(error.contains(u"region"_s), qPrintable(error));
    }

    void localTarget()
    {
        DeployTarget target;
        target.endpointUrl = QUrl(u"http://127.0.0.1:3001"_s);
        QString error;
        std::optional<LambdaEndpoint> endpoint = target.resolve(cleanEnvironment(m_empty), &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->credentials.accessKeyId, DeployTarget::localCredentials().accessKeyId);
        QCOMPARE(endpoint->region, u"us-east-1"_s);
        QCOMPARE(endpoint->url, target.endpointUrl);

        // The chain's keys and region when there are.
        endpoint = target.resolve(cleanEnvironment(m_home), &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->credentials.accessKeyId, u"AKIDDEFAULT"_s);
        QCOMPARE(endpoint->region, u"eu-west-1"_s);

        target.endpointUrl = QUrl(u"ftp://127.0.0.1"_s);
        QVERIFY(!target.resolve(cleanEnvironment(m_empty), &error));
        QVERIFY2(error.contains(u"http://"_s), qPrintable(error));
    }

    void role()
    {
        FunctionConfig function;
        function.logicalId = u"Hello"_s;
        DeployTarget aws;
        QString error;
        QVERIFY(aws.role(function, {}, &error).isEmpty());
        QVERIFY2(error.contains(u"Hello needs an execution role ARN"_s), qPrintable(error));
        QCOMPARE(aws.role(function, u"arn:aws:iam::1:role/given"_s, &error),
                 u"arn:aws:iam::1:role/given"_s);
        function.role = u"arn:aws:iam::1:role/template"_s;
        QCOMPARE(aws.role(function, {}, &error), u"arn:aws:iam::1:role/template"_s);

        DeployTarget local;
        local.endpointUrl = QUrl(u"http://127.0.0.1:1"_s);
        function.role.clear();
        QCOMPARE(local.role(function, {}, &error), u"arn:aws:iam::123456789012:role/HelloRole"_s);
        function.role = u"SharedRole"_s;
        QCOMPARE(local.role(function, {}, &error), u"arn:aws:iam::123456789012:role/SharedRole"_s);
    }
};

QTEST_GUILESS_MAIN(TestDeployTarget)
#include "tst_deploytarget.moc"
