// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb deploy` of a function that uses a layer of its template, against a real
// `lwb local start-lambda`: the layer is packaged and published first (PublishLayerVersion),
// the function names the new LayerVersionArn, unchanged content publishes nothing, changed
// content gives the next version — read back with awscli (list-layer-versions, get-function)
// and by invoking the function, whose code imports the layer's module.
#include "awsclientprocess.h"
#include "deployfixtures.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using Lwb::Test::ClientRun;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kLwb = QStringLiteral(LWB_BINARY_DIR "/app/cli/lwb");
const QString kLayerArn = u"arn:aws:lambda:us-east-1:123456789012:layer:shared-lib:%1"_s;

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

nlohmann::json parse(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

} // namespace

class TestDeployLayers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_engineProject;
    QTemporaryDir m_project;
    Lwb::Test::StartLambdaProcess m_server;

    ClientRun lwbDeploy(const QStringList &extra = {})
    {
        return Lwb::Test::runClient(
            kLwb,
            QStringList{u"deploy"_s, u"-t"_s, m_project.filePath(u"template.yaml"_s),
                        u"--endpoint-url"_s, m_server.endpoint(), u"--alias"_s, u"live"_s} +
                extra,
            Lwb::Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s), m_home);
    }

    nlohmann::json aws(const QStringList &args)
    {
        const ClientRun run = Lwb::Test::runClient(
            kAws,
            args + QStringList{u"--endpoint-url"_s, m_server.endpoint(), u"--output"_s, u"json"_s},
            Lwb::Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s), m_home);
        if (run.exitCode != 0) {
            qWarning("aws %s: %s", qPrintable(args.join(u' ')), run.err.constData());
            return nullptr;
        }
        return parse(run.out);
    }

    QStringList layerVersionArns()
    {
        QStringList arns;
        const nlohmann::json listed =
            aws({u"lambda"_s, u"list-layer-versions"_s, u"--layer-name"_s, u"shared-lib"_s});
        for (const nlohmann::json &item : listed.value("LayerVersions", nlohmann::json::array())) {
            arns.append(QString::fromStdString(item.value("LayerVersionArn", "")));
        }
        return arns;
    }

    QStringList functionLayers()
    {
        QStringList arns;
        const nlohmann::json function =
            aws({u"lambda"_s, u"get-function"_s, u"--function-name"_s, u"hello-layer"_s});
        for (const nlohmann::json &layer :
             function["Configuration"].value("Layers", nlohmann::json::array())) {
            arns.append(QString::fromStdString(layer.value("Arn", "")));
        }
        return arns;
    }

    QString greeting(const QString &qualifier)
    {
        const QString out = m_home.filePath(u"out.json"_s);
        QFile::remove(out);
        aws({u"lambda"_s, u"invoke"_s, u"--function-name"_s, u"hello-layer"_s, u"--qualifier"_s,
             qualifier, out});
        QFile file(out);
        return file.open(QIODevice::ReadOnly)
                   ? QString::fromStdString(parse(file.readAll()).value("greeting", ""))
                   : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(kAws));
        Lwb::Test::writeDeployFixture(m_home, m_engineProject);
        QVERIFY(writeFile(m_project.filePath(u"template.yaml"_s),
                          "AWSTemplateFormatVersion: '2010-09-09'\n"
                          "Transform: AWS::Serverless-2016-10-31\n"
                          "Resources:\n"
                          "  Shared:\n"
                          "    Type: AWS::Serverless::LayerVersion\n"
                          "    Properties:\n"
                          "      LayerName: shared-lib\n"
                          "      ContentUri: lib/\n"
                          "      CompatibleRuntimes: [python3.12]\n"
                          "  Hello:\n"
                          "    Type: AWS::Serverless::Function\n"
                          "    Properties:\n"
                          "      FunctionName: hello-layer\n"
                          "      CodeUri: fn/\n"
                          "      Handler: app.handler\n"
                          "      Runtime: python3.12\n"
                          "      Layers:\n"
                          "        - !Ref Shared\n"));
        QVERIFY(writeFile(m_project.filePath(u"lib/python/shared.py"_s),
                          "GREETING = 'from layer 1'\n"));
        QVERIFY(writeFile(m_project.filePath(u"fn/app.py"_s),
                          "import shared\n"
                          "def handler(event, context):\n"
                          "    return {'greeting': shared.GREETING}\n"));
        QVERIFY2(m_server.start(m_engineProject.filePath(u"template.yaml"_s)),
                 m_server.err().constData());
    }

    void layerPublishedFirst()
    {
        const ClientRun run = lwbDeploy();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const qsizetype layer = run.out.indexOf("→ PublishLayerVersion shared-lib");
        const qsizetype function = run.out.indexOf("→ CreateFunction hello-layer");
        QVERIFY2(layer >= 0 && function > layer, run.out.constData());
        QVERIFY(run.out.contains(kLayerArn.arg(1).toUtf8()));
        QCOMPARE(layerVersionArns(), QStringList{kLayerArn.arg(1)});
        QCOMPARE(functionLayers(), QStringList{kLayerArn.arg(1)});
        QCOMPARE(greeting(u"live"_s), u"from layer 1"_s);

        // The layer's CodeSha256 on the target is that of our deterministic package.
        const nlohmann::json version = aws({u"lambda"_s, u"get-layer-version"_s, u"--layer-name"_s,
                                            u"shared-lib"_s, u"--version-number"_s, u"1"_s});
        QVERIFY(!version["Content"].value("CodeSha256", "").empty());
        QVERIFY2(run.out.contains(
                     ("CodeSha256 " + version["Content"].value("CodeSha256", "") + ")").c_str()),
                 run.out.constData());
    }

    void unchangedLayerNotPublishedAgain()
    {
        const ClientRun run = lwbDeploy();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("layer shared-lib: unchanged, " + kLayerArn.arg(1).toUtf8()),
                 run.out.constData());
        QVERIFY(!run.out.contains("PublishLayerVersion"));
        QCOMPARE(layerVersionArns(), QStringList{kLayerArn.arg(1)});
    }

    void changedLayerGivesTheNextVersion()
    {
        QVERIFY(writeFile(m_project.filePath(u"lib/python/shared.py"_s),
                          "GREETING = 'from layer 2'\n"));
        const ClientRun dry = lwbDeploy({u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QVERIFY2(dry.out.contains("layer shared-lib: new content"), dry.out.constData());
        QVERIFY2(dry.out.contains("Layers: [\"" + kLayerArn.arg(1).toUtf8() +
                                  "\"] → [\"(new version of shared-lib)\"]"),
                 dry.out.constData());
        QCOMPARE(layerVersionArns(), QStringList{kLayerArn.arg(1)}); // a dry run changes nothing

        const ClientRun run = lwbDeploy();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("→ UpdateFunctionConfiguration hello-layer"),
                 run.out.constData());
        QCOMPARE(layerVersionArns(), (QStringList{kLayerArn.arg(2), kLayerArn.arg(1)}));
        QCOMPARE(functionLayers(), QStringList{kLayerArn.arg(2)});
        QCOMPARE(greeting(u"live"_s), u"from layer 2"_s);
        // Version 1 keeps the layer version it was published with.
        QCOMPARE(greeting(u"1"_s), u"from layer 1"_s);
    }
};

QTEST_GUILESS_MAIN(TestDeployLayers)
#include "tst_deploylayers.moc"
