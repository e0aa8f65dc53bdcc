// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb export` as a user runs it: the real binary on the bundled sample, the sam init
// fixtures and a template using every setting the workbench runs with. The exported template
// re-imported gives the same functions, field by field; a template sam deploy would reject is
// reported with exit status 1 and nothing is written.
#include "lwbprocess.h"
#include "project/samtemplate.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Lwb;
using namespace Qt::StringLiterals;

namespace {

using Run = Lwb::Test::ClientRun;

Run lwbExport(const QStringList &args)
{
    return Lwb::Test::runLwb(QStringList{u"export"_s} + args);
}

QString sourceFile(const QString &relative)
{
    return QStringLiteral(LWB_SOURCE_DIR) + u'/' + relative;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString json(const nlohmann::json &value)
{
    return QString::fromStdString(value.dump());
}

void compareDestination(const DestinationConfig &a, const DestinationConfig &b)
{
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.target, b.target);
}

// Every field of FunctionConfig: what the engine runs the exported template with.
void compareFunctions(const std::vector<FunctionConfig> &exported,
                      const std::vector<FunctionConfig> &original)
{
    QCOMPARE(exported.size(), original.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
        const FunctionConfig &a = exported[i];
        const FunctionConfig &b = original[i];
        QCOMPARE(a.logicalId, b.logicalId);
        QCOMPARE(a.functionName, b.functionName);
        QCOMPARE(a.runtime, b.runtime);
        QCOMPARE(a.handler, b.handler);
        QCOMPARE(a.codeDir, b.codeDir);
        QCOMPARE(a.description, b.description);
        QCOMPARE(a.memoryMb, b.memoryMb);
        QCOMPARE(a.timeoutSeconds, b.timeoutSeconds);
        QCOMPARE(a.ephemeralStorageMb, b.ephemeralStorageMb);
        QCOMPARE(a.architecture, b.architecture);
        QCOMPARE(a.packageType, b.packageType);
        QCOMPARE(a.environment, b.environment);
        QCOMPARE(a.layers.size(), b.layers.size());
        for (std::size_t l = 0; l < b.layers.size(); ++l) {
            QCOMPARE(a.layers[l].logicalId, b.layers[l].logicalId);
            QCOMPARE(a.layers[l].name, b.layers[l].name);
            QCOMPARE(a.layers[l].contentDir, b.layers[l].contentDir);
            QCOMPARE(a.layers[l].compatibleRuntimes, b.layers[l].compatibleRuntimes);
            QCOMPARE(a.layers[l].unresolvedReference, b.layers[l].unresolvedReference);
        }
        QCOMPARE(a.reservedConcurrency, b.reservedConcurrency);
        QCOMPARE(a.asyncConfig.maximumRetryAttempts, b.asyncConfig.maximumRetryAttempts);
        QCOMPARE(a.asyncConfig.maximumEventAgeSeconds, b.asyncConfig.maximumEventAgeSeconds);
        compareDestination(a.asyncConfig.onSuccess, b.asyncConfig.onSuccess);
        compareDestination(a.asyncConfig.onFailure, b.asyncConfig.onFailure);
        compareDestination(a.asyncConfig.deadLetterQueue, b.asyncConfig.deadLetterQueue);
        QCOMPARE(a.autoPublishAlias, b.autoPublishAlias);
        QCOMPARE(a.provisionedConcurrency, b.provisionedConcurrency);
        QCOMPARE(json(a.events), json(b.events));
        QCOMPARE(a.role, b.role);
        QCOMPARE(json(a.policies), json(b.policies));
        QCOMPARE(a.warnings, b.warnings);
    }
}

// Everything the workbench runs a function with, in one template.
const char kConfigured[] = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Every setting the workbench runs with

Parameters:
  Mem:
    Type: Number
    Default: 256

Globals:
  Function:
    Runtime: python3.12
    Timeout: 10 # seconds

Resources:
  # The worker, with all the settings.
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/worker/
      Handler: app.handler
      MemorySize: !Ref Mem
      ReservedConcurrentExecutions: 5
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 2
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        MaximumEventAgeInSeconds: 300
        DestinationConfig:
          OnSuccess:
            Type: Lambda
            Destination: !GetAtt Audit.Arn
          OnFailure:
            Type: SQS
            Destination: !GetAtt Failures.Arn
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Failures.Arn
      Layers:
        - !Ref Shared
        - arn:aws:lambda:us-east-1:123456789012:layer:remote:3
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Failures.QueueName
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:aws:s3:::bucket/*
      Environment:
        Variables:
          TABLE: orders
          QUEUE_URL: !Ref Failures
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 5
  Audit:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/audit
      Handler: audit.handler
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared/
      CompatibleRuntimes: [python3.12]
  Failures:
    Type: AWS::SQS::Queue
  Jobs:
    Type: AWS::SQS::Queue
)";

// The configured project in @p dir: the template and its code folders.
bool writeConfiguredProject(const QString &dir, const QByteArray &templateText = kConfigured)
{
    return writeFile(dir + u"/template.yaml"_s, templateText) &&
           writeFile(dir + u"/src/worker/app.py"_s, "def handler(e, c):\n    return e\n") &&
           writeFile(dir + u"/src/audit/audit.py"_s, "def handler(e, c):\n    return e\n") &&
           writeFile(dir + u"/layers/shared/python/shared.py"_s, "X = 1\n");
}

SamTemplate loadTemplate(const QString &path, const QMap<QString, QString> &overrides = {})
{
    SamTemplate t;
    t.setParameterOverrides(overrides);
    t.load(path);
    return t;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reimportsEqual_data();
    void reimportsEqual();
    void sameFolderIsAValidatedCopy();
    void cfnLintAcceptsTheExport_data();
    void cfnLintAcceptsTheExport();
    void parameterOverridesBecomeDefaults();
    void brokenTemplate_data();
    void brokenTemplate();
};

void TestExport::reimportsEqual_data()
{
    QTest::addColumn<QString>("templatePath"); // empty: the configured project
    QTest::newRow("bundled sample") << sourceFile(u"resources/samples/hello-world/template.yaml"_s);
    QTest::newRow("sam-app-python")
        << sourceFile(u"tests/plugins/data/sam-app-python/template.yaml"_s);
    QTest::newRow("sam-app-nodejs")
        << sourceFile(u"tests/plugins/data/sam-app-nodejs/template.yaml"_s);
    QTest::newRow("every setting") << QString();
    QTest::newRow("no CodeUri") << u"-"_s;
}

void TestExport::reimportsEqual()
{
    QFETCH(QString, templatePath);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    if (templatePath.isEmpty()) {
        QVERIFY(writeConfiguredProject(tmp.filePath(u"project"_s)));
        templatePath = tmp.filePath(u"project/template.yaml"_s);
    } else if (templatePath == u"-") {
        // SAM's default CodeUri is the template's folder.
        QByteArray text(kConfigured);
        text.replace("      CodeUri: src/audit\n", "");
        QVERIFY(writeConfiguredProject(tmp.filePath(u"project"_s), text));
        templatePath = tmp.filePath(u"project/template.yaml"_s);
    }
    // Into another folder, so that the code paths must be rewritten.
    const QString exportedPath = tmp.filePath(u"deploy/stack/exported.yaml"_s);
    QVERIFY(QDir().mkpath(QFileInfo(exportedPath).absolutePath()));
    const Run r = lwbExport({u"-t"_s, templatePath, u"-o"_s, exportedPath});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("is ../../"), r.err.constData()); // a note per rewritten path

    const SamTemplate original = loadTemplate(templatePath);
    const SamTemplate exported = loadTemplate(exportedPath);
    QVERIFY(exported.isLoaded());
    QVERIFY(!exported.hasErrors());
    compareFunctions(exported.functions(), original.functions());
    QCOMPARE(exported.layers().size(), original.layers().size());
    for (std::size_t i = 0; i < original.layers().size(); ++i) {
        QCOMPARE(exported.layers()[i].contentDir, original.layers()[i].contentDir);
    }
    QCOMPARE(exported.resourceIds(), original.resourceIds());
    QCOMPARE(exported.transforms(), original.transforms());

    // Only the path lines changed: comments and everything else are the template's own text.
    const QList<QByteArray> before = readFile(templatePath).split('\n');
    QList<QByteArray> after = readFile(exportedPath).split('\n');
    if (after.size() == before.size() + 1) { // the added CodeUri: ../../project/
        const qsizetype added = after.indexOf("      CodeUri: ../../project/");
        QVERIFY(added > 0);
        after.removeAt(added);
    }
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before[i] != after[i]) {
            QVERIFY2(before[i].contains("CodeUri: ") || before[i].contains("ContentUri: "),
                     before[i].constData());
            QVERIFY2(after[i].contains(": ../../"), after[i].constData());
        }
    }
}

void TestExport::sameFolderIsAValidatedCopy()
{
    QTemporaryDir tmp;
    QVERIFY(writeConfiguredProject(tmp.path()));
    // To stdout: paths relative to the template's own folder, the text unchanged.
    const Run r = lwbExport({u"-t"_s, tmp.filePath(u"template.yaml"_s)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray(kConfigured));
    QVERIFY2(r.err.contains("no local-only settings"), r.err.constData());
}

void TestExport::cfnLintAcceptsTheExport_data()
{
    QTest::addColumn<QString>("templatePath"); // empty: the configured project
    QTest::newRow("bundled sample") << sourceFile(u"resources/samples/hello-world/template.yaml"_s);
    QTest::newRow("every setting") << QString();
}

// cfn-lint runs SAM's own translator (samtranslator) and CloudFormation's resource schemas:
// what `sam deploy` would send is valid.
void TestExport::cfnLintAcceptsTheExport()
{
    QFETCH(QString, templatePath);
    const QString cfnLint = QStandardPaths::findExecutable(u"cfn-lint"_s);
    if (cfnLint.isEmpty()) {
        QSKIP("cfn-lint is not installed");
    }
    QTemporaryDir tmp;
    if (templatePath.isEmpty()) {
        QVERIFY(writeConfiguredProject(tmp.filePath(u"project"_s)));
        templatePath = tmp.filePath(u"project/template.yaml"_s);
    }
    const QString exportedPath = tmp.filePath(u"out/exported.yaml"_s);
    const Run r = lwbExport({u"-t"_s, templatePath, u"-o"_s, exportedPath});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QProcess lint;
    // Runtime deprecation dates (E2531/E2533/W2531) depend on the day the test runs.
    lint.start(cfnLint,
               {u"--ignore-checks"_s, u"E2531"_s, u"E2533"_s, u"W2531"_s, u"--"_s, exportedPath});
    QVERIFY(lint.waitForFinished(120000));
    const QByteArray output = lint.readAllStandardOutput() + lint.readAllStandardError();
    QVERIFY2(lint.exitStatus() == QProcess::NormalExit && lint.exitCode() == 0, output.constData());
}

void TestExport::parameterOverridesBecomeDefaults()
{
    QTemporaryDir tmp;
    QVERIFY(writeConfiguredProject(tmp.path()));
    const QString exportedPath = tmp.filePath(u"exported.yaml"_s);
    const Run r = lwbExport({u"-t"_s, tmp.filePath(u"template.yaml"_s), u"-o"_s, exportedPath,
                             u"--parameter-overrides"_s, u"Mem=1024"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Deployed without overrides, the exported template runs what ran with them.
    const SamTemplate exported = loadTemplate(exportedPath);
    const SamTemplate ran = loadTemplate(tmp.filePath(u"template.yaml"_s), {{u"Mem"_s, u"1024"_s}});
    QCOMPARE(exported.function(u"Worker"_s)->memoryMb, 1024);
    compareFunctions(exported.functions(), ran.functions());
    QVERIFY(readFile(exportedPath).contains("    Default: 1024\n"));

    const Run unknown = lwbExport(
        {u"-t"_s, tmp.filePath(u"template.yaml"_s), u"--parameter-overrides"_s, u"Nope=1"_s});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("'Nope', which is not a parameter"), unknown.err.constData());
}

void TestExport::brokenTemplate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QByteArray noTransform(kConfigured);
    noTransform.replace("Transform: AWS::Serverless-2016-10-31\n", "");
    QTest::newRow("no Transform") << noTransform
                                  << u"template.yaml:1:1: error: the template has AWS::Serverless "
                                     u"resources but no 'Transform: AWS::Serverless-2016-10-31'"_s;
    QByteArray missingCode(kConfigured);
    missingCode.replace("CodeUri: src/audit", "CodeUri: src/gone");
    QTest::newRow("missing code folder")
        << missingCode
        << u"template.yaml:67:16: error: CodeUri 'src/gone' of 'Audit' does not exist"_s;
    QByteArray noType(kConfigured);
    noType.replace("  Jobs:\n    Type: AWS::SQS::Queue\n", "  Jobs:\n    Properties: {}\n");
    QTest::newRow("resource without Type") << noType << u"resource 'Jobs' has no Type"_s;
    QByteArray noHandler(kConfigured);
    noHandler.replace("      Handler: audit.handler\n", "");
    QTest::newRow("function without Handler") << noHandler << u"function 'Audit' has no Handler"_s;
    QTest::newRow("YAML syntax") << QByteArray("Resources:\n  Fn: [unclosed\n")
                                 << u"template.yaml:"_s;
    QByteArray image(kConfigured);
    image.replace("      CodeUri: src/audit\n      Handler: audit.handler\n",
                  "      PackageType: Image\n");
    QTest::newRow("image without ImageUri")
        << image << u"function 'Audit' has PackageType Image but no ImageUri"_s;
}

void TestExport::brokenTemplate()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    QVERIFY(writeConfiguredProject(tmp.path(), text));
    const QString exportedPath = tmp.filePath(u"exported.yaml"_s);
    const Run r = lwbExport({u"-t"_s, tmp.filePath(u"template.yaml"_s), u"-o"_s, exportedPath});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY2(r.err.contains("was not exported"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(exportedPath));
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
