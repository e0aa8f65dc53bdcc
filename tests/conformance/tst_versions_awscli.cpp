// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Versions, aliases and layers of `lwb local start-lambda` driven by clients no one here wrote:
// Debian's awscli v2 (/usr/bin/aws) and boto3 (/usr/bin/python3, boto3_versions.py). Every
// client runs with fake credentials, the instance-metadata probe disabled and an explicit
// endpoint, so nothing leaves loopback. The project lives in a temporary folder, so that its
// .lwb/versions.git and .lwb/layers start empty and survive a restart of the server.
#include "awsclientprocess.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kPython = u"/usr/bin/python3"_s;

using Run = Lwb::Test::ClientRun;

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
}

QByteArray pythonHandler(const QByteArray &label)
{
    return "def handler(event, context):\n"
           "    return {'label': '" +
           label + "', 'version': context.function_version}\n";
}

constexpr auto kTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Versioned:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: versioned
      CodeUri: code/
      Handler: app.handler
      Runtime: python3.11
  Boto:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: boto
      CodeUri: boto/
      Handler: app.handler
      Runtime: python3.11
  PyLayer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: pylayer
      CodeUri: pycode/
      Handler: app.handler
      Runtime: python3.11
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:pylib:1
  NodeLayer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: nodelayer
      CodeUri: nodecode/
      Handler: index.handler
      Runtime: nodejs20.x
      Layers:
        - arn:aws:lambda:us-east-1:123456789012:layer:nodelib:1
  TemplateLayer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: tpllayer
      CodeUri: tplcode/
      Handler: app.handler
      Runtime: python3.11
      Layers:
        - !Ref LocalLib
  LocalLib:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: local-lib
      ContentUri: locallayer/
)";

} // namespace

class TestVersionsAwsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_project;
    std::unique_ptr<Lwb::Test::StartLambdaProcess> m_server;

    QString path(const QString &relative) const { return m_project.filePath(relative); }

    Run client(const QString &program, const QStringList &args, int timeoutMs = 60000) const
    {
        return Lwb::Test::runClient(program, args,
                                    Lwb::Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s),
                                    m_home, timeoutMs);
    }

    /** `aws lambda <args> --endpoint-url … --output json`. */
    Run aws(const QStringList &args) const
    {
        QStringList all{u"lambda"_s};
        all << args << u"--endpoint-url"_s << m_server->endpoint() << u"--output"_s << u"json"_s;
        return client(kAws, all);
    }

    /** The JSON an awscli command printed; a failed check when it did not succeed. */
    nlohmann::json ok(const QStringList &args) const
    {
        const Run r = aws(args);
        [&] { QVERIFY2(r.exitCode == 0, (args.join(u' ').toUtf8() + ": " + r.err).constData()); }();
        return r.out.trimmed().isEmpty()
                   ? nlohmann::json::object()
                   : nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    }

    /** awscli's message for an AWS error: code, operation and the service's message. */
    static bool isError(const Run &r, const QByteArray &code, const QByteArray &operation,
                        const QByteArray &message = {})
    {
        // "An error occurred (Code) when calling the Op operation[ (reached max retries: 0)]: …"
        return r.exitCode != 0 &&
               r.err.contains("An error occurred (" + code + ") when calling the " + operation +
                              " operation") &&
               r.err.contains(": " + message);
    }

    nlohmann::json invoke(const QString &function, const QString &qualifier = {}) const
    {
        QStringList args{u"invoke"_s, u"--function-name"_s, function};
        if (!qualifier.isEmpty()) {
            args << u"--qualifier"_s << qualifier;
        }
        args << m_home.filePath(u"out.json"_s);
        nlohmann::json meta = ok(args);
        QFile f(m_home.filePath(u"out.json"_s));
        f.open(QIODevice::ReadOnly);
        meta["Body"] = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
        return meta;
    }

    /** A zip of @p entries of the project folder @p dir (at the zip's root). */
    QString zip(const QString &dir, const QStringList &entries = {u"python"_s, u"nodejs"_s}) const
    {
        const QString out = m_home.filePath(QFileInfo(dir).fileName() + u".zip"_s);
        QFile::remove(out);
        QProcess p;
        p.setWorkingDirectory(path(dir));
        p.start(kPython, QStringList{u"-m"_s, u"zipfile"_s, u"-c"_s, out} + entries);
        p.waitForFinished(30000);
        return out;
    }

    bool restart()
    {
        m_server.reset(); // SIGTERM, and waits
        m_server = std::make_unique<Lwb::Test::StartLambdaProcess>();
        return m_server->start(path(u"template.yaml"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(kAws)) {
            QSKIP("Debian's awscli (/usr/bin/aws) is not installed");
        }
        QVERIFY(m_home.isValid() && m_project.isValid());
        writeFile(path(u"template.yaml"_s), kTemplate);
        writeFile(path(u"code/app.py"_s), pythonHandler("one"));
        writeFile(path(u"boto/app.py"_s), pythonHandler("boto"));
        writeFile(path(u"pycode/app.py"_s), "import pylib\n"
                                            "def handler(event, context):\n"
                                            "    return {'greeting': pylib.hello()}\n");
        writeFile(path(u"nodecode/index.js"_s),
                  "const nodelib = require('nodelib');\n"
                  "exports.handler = async () => ({greeting: nodelib.hello()});\n");
        writeFile(path(u"tplcode/app.py"_s), "import locallib\n"
                                             "def handler(event, context):\n"
                                             "    return {'greeting': locallib.hello()}\n");
        writeFile(path(u"locallayer/python/locallib.py"_s),
                  "def hello():\n    return 'hello from the template layer'\n");
        writeFile(path(u"pylayer/python/pylib.py"_s),
                  "def hello():\n    return 'hello from pylib'\n");
        writeFile(path(u"pylayer/nodejs/README"_s), "python only\n");
        writeFile(path(u"nodelayer/nodejs/node_modules/nodelib/index.js"_s),
                  "exports.hello = () => 'hello from nodelib';\n");
        writeFile(path(u"nodelayer/python/README"_s), "node only\n");
        QVERIFY2(restart(), m_server->err().constData());
    }

    void publishAndListVersions()
    {
        const nlohmann::json v1 = ok({u"publish-version"_s, u"--function-name"_s, u"versioned"_s,
                                      u"--description"_s, u"first"_s});
        QCOMPARE(v1["Version"].get<std::string>(), std::string("1"));
        QCOMPARE(v1["FunctionName"].get<std::string>(), std::string("versioned"));
        QCOMPARE(v1["FunctionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:versioned:1"));
        QCOMPARE(v1["Description"].get<std::string>(), std::string("first"));
        QCOMPARE(v1["Runtime"].get<std::string>(), std::string("python3.11"));
        QCOMPARE(v1["Handler"].get<std::string>(), std::string("app.handler"));
        QCOMPARE(v1["State"].get<std::string>(), std::string("Active"));
        QVERIFY(v1["CodeSize"].get<qint64>() > 0);
        QCOMPARE(v1["CodeSha256"].get<std::string>().size(), std::size_t(44));
        // Nothing changed: the same version again.
        QCOMPARE(ok({u"publish-version"_s, u"--function-name"_s, u"versioned"_s})["Version"]
                     .get<std::string>(),
                 std::string("1"));

        // Both pages through awscli's paginator (MaxItems=1 per request, NextMarker followed).
        const nlohmann::json list = ok({u"list-versions-by-function"_s, u"--function-name"_s,
                                        u"versioned"_s, u"--page-size"_s, u"1"_s});
        QCOMPARE(list["Versions"].size(), std::size_t(2));
        QCOMPARE(list["Versions"][0]["Version"].get<std::string>(), std::string("$LATEST"));
        QCOMPARE(list["Versions"][1]["Version"].get<std::string>(), std::string("1"));
        QCOMPARE(list["Versions"][0]["FunctionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:versioned"));

        const Run missing = aws({u"publish-version"_s, u"--function-name"_s, u"nosuch"_s});
        QVERIFY2(
            isError(missing, "ResourceNotFoundException", "PublishVersion",
                    "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nosuch"),
            missing.err.constData());
    }

    void versionKeepsItsCodeAfterLatestChanged()
    {
        // $LATEST changes on disk; a restart serves it, and version 1 still runs its snapshot.
        writeFile(path(u"code/app.py"_s), pythonHandler("two"));
        QVERIFY2(restart(), m_server->err().constData());
        const nlohmann::json latest = invoke(u"versioned"_s);
        QCOMPARE(latest["ExecutedVersion"].get<std::string>(), std::string("$LATEST"));
        QCOMPARE(latest["Body"]["label"].get<std::string>(), std::string("two"));
        const nlohmann::json one = invoke(u"versioned"_s, u"1"_s);
        QCOMPARE(one["ExecutedVersion"].get<std::string>(), std::string("1"));
        QCOMPARE(one["Body"]["label"].get<std::string>(), std::string("one"));
        QCOMPARE(one["Body"]["version"].get<std::string>(), std::string("1"));
        const nlohmann::json v2 = ok({u"publish-version"_s, u"--function-name"_s, u"versioned"_s});
        QCOMPARE(v2["Version"].get<std::string>(), std::string("2"));
        QCOMPARE(invoke(u"versioned"_s, u"2"_s)["Body"]["label"].get<std::string>(),
                 std::string("two"));
        QCOMPARE(invoke(u"versioned:1"_s)["Body"]["label"].get<std::string>(), std::string("one"));
    }

    void aliases()
    {
        const nlohmann::json created =
            ok({u"create-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s,
                u"--function-version"_s, u"1"_s, u"--description"_s, u"production"_s});
        QCOMPARE(created["AliasArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:versioned:live"));
        QCOMPARE(created["Name"].get<std::string>(), std::string("live"));
        QCOMPARE(created["FunctionVersion"].get<std::string>(), std::string("1"));
        QCOMPARE(created["Description"].get<std::string>(), std::string("production"));
        QCOMPARE(created["RevisionId"].get<std::string>().size(), std::size_t(36));

        const nlohmann::json got =
            ok({u"get-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s});
        QCOMPARE(got, created);
        const nlohmann::json viaAlias = invoke(u"versioned"_s, u"live"_s);
        QCOMPARE(viaAlias["ExecutedVersion"].get<std::string>(), std::string("1"));
        QCOMPARE(viaAlias["Body"]["label"].get<std::string>(), std::string("one"));

        const nlohmann::json updated =
            ok({u"update-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s,
                u"--routing-config"_s, u"{\"AdditionalVersionWeights\":{\"2\":0.25}}"_s});
        QCOMPARE(updated["FunctionVersion"].get<std::string>(), std::string("1"));
        QCOMPARE(updated["RoutingConfig"]["AdditionalVersionWeights"]["2"].get<double>(), 0.25);
        QVERIFY(updated["RevisionId"] != created["RevisionId"]);

        const nlohmann::json list = ok({u"list-aliases"_s, u"--function-name"_s, u"versioned"_s});
        QCOMPARE(list["Aliases"].size(), std::size_t(1));
        QCOMPARE(list["Aliases"][0], updated);

        const Run duplicate = aws({u"create-alias"_s, u"--function-name"_s, u"versioned"_s,
                                   u"--name"_s, u"live"_s, u"--function-version"_s, u"2"_s});
        QVERIFY2(isError(duplicate, "ResourceConflictException", "CreateAlias",
                         "Alias already exists: "
                         "arn:aws:lambda:us-east-1:123456789012:function:versioned:live"),
                 duplicate.err.constData());
        const Run badWeights =
            aws({u"update-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s,
                 u"--routing-config"_s, u"{\"AdditionalVersionWeights\":{\"2\":1.5}}"_s});
        QVERIFY2(isError(badWeights, "InvalidParameterValueException", "UpdateAlias"),
                 badWeights.err.constData());

        const Run deleted =
            aws({u"delete-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s});
        QVERIFY2(deleted.exitCode == 0 && deleted.out.trimmed().isEmpty(), deleted.err.constData());
        const Run gone =
            aws({u"get-alias"_s, u"--function-name"_s, u"versioned"_s, u"--name"_s, u"live"_s});
        QVERIFY2(isError(gone, "ResourceNotFoundException", "GetAlias",
                         "Alias not found: "
                         "arn:aws:lambda:us-east-1:123456789012:function:versioned:live"),
                 gone.err.constData());
        const Run invokeGone = aws({u"invoke"_s, u"--function-name"_s, u"versioned"_s,
                                    u"--qualifier"_s, u"live"_s, m_home.filePath(u"gone.json"_s)});
        QVERIFY2(isError(invokeGone, "ResourceNotFoundException", "Invoke",
                         "Function not found: "
                         "arn:aws:lambda:us-east-1:123456789012:function:versioned:live"),
                 invokeGone.err.constData());
    }

    void layers()
    {
        const nlohmann::json py =
            ok({u"publish-layer-version"_s, u"--layer-name"_s, u"pylib"_s, u"--zip-file"_s,
                u"fileb://"_s + zip(u"pylayer"_s), u"--compatible-runtimes"_s, u"python3.11"_s,
                u"--description"_s, u"python library"_s});
        QCOMPARE(py["Version"].get<int>(), 1);
        QCOMPARE(py["LayerArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:layer:pylib"));
        QCOMPARE(py["LayerVersionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:layer:pylib:1"));
        QCOMPARE(py["Description"].get<std::string>(), std::string("python library"));
        QCOMPARE(py["CompatibleRuntimes"][0].get<std::string>(), std::string("python3.11"));
        QCOMPARE(py["Content"]["CodeSha256"].get<std::string>().size(), std::size_t(44));
        QCOMPARE(py["Content"]["CodeSize"].get<qint64>(), QFileInfo(zip(u"pylayer"_s)).size());
        const nlohmann::json node = ok({u"publish-layer-version"_s, u"--layer-name"_s, u"nodelib"_s,
                                        u"--zip-file"_s, u"fileb://"_s + zip(u"nodelayer"_s)});
        QCOMPARE(node["Version"].get<int>(), 1);

        const nlohmann::json got = ok(
            {u"get-layer-version"_s, u"--layer-name"_s, u"pylib"_s, u"--version-number"_s, u"1"_s});
        QCOMPARE(got["LayerVersionArn"], py["LayerVersionArn"]);
        QCOMPARE(got["CreatedDate"], py["CreatedDate"]);
        const nlohmann::json versions =
            ok({u"list-layer-versions"_s, u"--layer-name"_s, u"pylib"_s});
        QCOMPARE(versions["LayerVersions"].size(), std::size_t(1));
        QCOMPARE(versions["LayerVersions"][0]["Version"].get<int>(), 1);
        const nlohmann::json all = ok({u"list-layers"_s});
        QStringList names;
        for (const auto &layer : all["Layers"]) {
            names << QString::fromStdString(layer["LayerName"].get<std::string>());
        }
        QVERIFY2(names.contains(u"pylib"_s) && names.contains(u"nodelib"_s),
                 qPrintable(names.join(u',')));

        // The functions that name these ARNs in the template now find their libraries under /opt.
        QCOMPARE(invoke(u"pylayer"_s)["Body"]["greeting"].get<std::string>(),
                 std::string("hello from pylib"));
        if (QFileInfo::exists(u"/usr/bin/node"_s)) {
            QCOMPARE(invoke(u"nodelayer"_s)["Body"]["greeting"].get<std::string>(),
                     std::string("hello from nodelib"));
        }
        // AWS::Serverless::LayerVersion of the template itself.
        QCOMPARE(invoke(u"tpllayer"_s)["Body"]["greeting"].get<std::string>(),
                 std::string("hello from the template layer"));

        const Run deleted = aws({u"delete-layer-version"_s, u"--layer-name"_s, u"nodelib"_s,
                                 u"--version-number"_s, u"1"_s});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        const Run gone = aws({u"get-layer-version"_s, u"--layer-name"_s, u"nodelib"_s,
                              u"--version-number"_s, u"1"_s});
        QVERIFY2(isError(gone, "ResourceNotFoundException", "GetLayerVersion",
                         "The resource you requested does not exist."),
                 gone.err.constData());
        // Published layers are kept in the project, once.
        QVERIFY(QFileInfo(path(u".lwb/layers/layers/pylib/1.json"_s)).isFile());
        QVERIFY(QFileInfo(path(u".lwb/versions.git"_s)).isDir());
    }

    void versionsOfApiCreatedFunctions()
    {
        // A function made by CreateFunction, its $LATEST replaced by UpdateFunctionCode: the
        // version published before keeps running the first zip.
        writeFile(path(u"api/app.py"_s), pythonHandler("api-one"));
        const nlohmann::json created =
            ok({u"create-function"_s, u"--function-name"_s, u"apifn"_s, u"--runtime"_s,
                u"python3.11"_s, u"--handler"_s, u"app.handler"_s, u"--role"_s,
                u"arn:aws:iam::123456789012:role/lambda-role"_s, u"--zip-file"_s,
                u"fileb://"_s + zip(u"api"_s, {u"app.py"_s})});
        QCOMPARE(created["FunctionName"].get<std::string>(), std::string("apifn"));
        QVERIFY(QTest::qWaitFor(
            [&] {
                const Run r =
                    aws({u"get-function-configuration"_s, u"--function-name"_s, u"apifn"_s});
                return r.exitCode == 0 && r.out.contains("\"State\": \"Active\"");
            },
            30000));
        const nlohmann::json v1 = ok({u"publish-version"_s, u"--function-name"_s, u"apifn"_s});
        QCOMPARE(v1["Version"].get<std::string>(), std::string("1"));

        writeFile(path(u"api/app.py"_s), pythonHandler("api-two"));
        ok({u"update-function-code"_s, u"--function-name"_s, u"apifn"_s, u"--zip-file"_s,
            u"fileb://"_s + zip(u"api"_s, {u"app.py"_s})});
        QVERIFY(QTest::qWaitFor(
            [&] {
                const Run r =
                    aws({u"get-function-configuration"_s, u"--function-name"_s, u"apifn"_s});
                return r.exitCode == 0 && r.out.contains("\"LastUpdateStatus\": \"Successful\"");
            },
            30000));
        QCOMPARE(invoke(u"apifn"_s)["Body"]["label"].get<std::string>(), std::string("api-two"));
        const nlohmann::json one = invoke(u"apifn"_s, u"1"_s);
        QCOMPARE(one["ExecutedVersion"].get<std::string>(), std::string("1"));
        QCOMPARE(one["Body"]["label"].get<std::string>(), std::string("api-one"));
        // The CodeSha256 GetFunction reports for $LATEST (the zip's) passes the guard.
        const nlohmann::json latest =
            ok({u"get-function-configuration"_s, u"--function-name"_s, u"apifn"_s});
        const nlohmann::json listed =
            ok({u"list-versions-by-function"_s, u"--function-name"_s, u"apifn"_s});
        QCOMPARE(listed["Versions"][0]["CodeSha256"], latest["CodeSha256"]);
        QCOMPARE(listed["Versions"][0]["CodeSize"], latest["CodeSize"]);
        const Run stale =
            aws({u"publish-version"_s, u"--function-name"_s, u"apifn"_s, u"--code-sha256"_s,
                 u"bm90IHRoZSBzaGEgb2YgYW55dGhpbmcgaGVyZSEhISE="_s});
        QVERIFY2(isError(stale, "PreconditionFailedException", "PublishVersion"),
                 stale.err.constData());
        QCOMPARE(ok({u"publish-version"_s, u"--function-name"_s, u"apifn"_s, u"--code-sha256"_s,
                     QString::fromStdString(latest["CodeSha256"].get<std::string>())})["Version"]
                     .get<std::string>(),
                 std::string("2"));
        QCOMPARE(invoke(u"apifn"_s, u"2"_s)["Body"]["label"].get<std::string>(),
                 std::string("api-two"));
    }

    void boto3()
    {
        if (client(kPython, {u"-c"_s, u"import boto3"_s}).exitCode != 0) {
            QSKIP("boto3 is not installed for /usr/bin/python3");
        }
        const Run r =
            client(kPython,
                   {QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/boto3_versions.py"_s,
                    m_server->endpoint(), zip(u"pylayer"_s)},
                   120000);
        QVERIFY2(r.exitCode == 0 && r.out.endsWith("OK\n"),
                 (r.out + r.err + "\n--- server ---\n" + m_server->err().right(4000)).constData());
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestVersionsAwsCli)
#include "tst_versions_awscli.moc"
