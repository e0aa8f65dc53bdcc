// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb deploy` end to end against a real `lwb local start-lambda`, through the same
// LambdaClient code that deploys to AWS: create, update, unchanged code not uploaded again,
// publish + alias, canary weights (read back with awscli), rollback, dry run, a server lost in
// the middle of a deploy and the retry. The AWS target's requests are checked on a loopback
// HttpServer that records them and verifies their SigV4 signature; nothing leaves loopback.
#include "awsclientprocess.h"
#include "deployfixtures.h"

#include "auth/sigv4.h"
#include "deploy/deployhistory.h"
#include "deploy/lambdaclient.h"
#include "deploy/packager.h"
#include "http/httpresponse.h"
#include "http/httpserver.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::ClientRun;
using Lwb::Test::writeFile;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kLwb = QStringLiteral(LWB_BINARY_DIR "/app/cli/lwb");

QByteArray templateYaml(int memoryMb)
{
    return "AWSTemplateFormatVersion: '2010-09-09'\n"
           "Transform: AWS::Serverless-2016-10-31\n"
           "Resources:\n"
           "  Hello:\n"
           "    Type: AWS::Serverless::Function\n"
           "    Properties:\n"
           "      FunctionName: hello-deploy\n"
           "      CodeUri: hello/\n"
           "      Handler: app.handler\n"
           "      Runtime: python3.12\n"
           "      MemorySize: " +
           QByteArray::number(memoryMb) +
           "\n"
           "      Environment:\n"
           "        Variables:\n"
           "          GREETING: hi\n";
}

QByteArray handlerCode(int version)
{
    return "import os\n"
           "def handler(event, context):\n"
           "    return {'version': " +
           QByteArray::number(version) +
           ", 'greeting': os.environ.get('GREETING'),"
           " 'memory': str(context.memory_limit_in_mb)}\n";
}

/** A running `lwb local start-lambda` on a free port, whose process can be frozen and killed. */
using EngineProcess = Lwb::Test::StartLambdaProcess;

nlohmann::json parse(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

} // namespace

class TestDeploy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;          // AWS config files of the clients
    QTemporaryDir m_engineProject; // the engine's own project (its .lwb/ keeps what we deploy)
    QTemporaryDir m_project;       // the project being deployed
    std::unique_ptr<EngineProcess> m_server;

    QProcessEnvironment environment() const
    {
        return Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s);
    }

    bool startServer()
    {
        m_server = std::make_unique<EngineProcess>();
        return m_server->start(m_engineProject.filePath(u"template.yaml"_s));
    }

    ClientRun deploy(const QStringList &extra)
    {
        return Test::runClient(kLwb,
                               QStringList{u"deploy"_s, u"-t"_s,
                                           m_project.filePath(u"template.yaml"_s),
                                           u"--endpoint-url"_s, m_server->endpoint()} +
                                   extra,
                               environment(), m_home);
    }

    ClientRun aws(const QStringList &args)
    {
        return Test::runClient(
            kAws,
            args + QStringList{u"--endpoint-url"_s, m_server->endpoint(), u"--output"_s, u"json"_s},
            environment(), m_home);
    }

    /** The payload of invoking hello-deploy (at @p qualifier). */
    nlohmann::json invoke(const QString &qualifier = {})
    {
        const QString out = m_home.filePath(u"out.json"_s);
        QStringList args{u"lambda"_s, u"invoke"_s, u"--function-name"_s, u"hello-deploy"_s};
        if (!qualifier.isEmpty()) {
            args += {u"--qualifier"_s, qualifier};
        }
        const ClientRun run = aws(args + QStringList{out});
        if (run.exitCode != 0) {
            qWarning("invoke failed: %s", run.err.constData());
            return nullptr;
        }
        QFile file(out);
        return file.open(QIODevice::ReadOnly) ? parse(file.readAll()) : nlohmann::json();
    }

    /** The project's deploy history, oldest first, each record as its JSON object. */
    nlohmann::json history() const
    {
        nlohmann::json entries = nlohmann::json::array();
        for (const DeployRecord &record :
             DeployHistory::read(DeployHistory::defaultPath(m_project.path()))) {
            entries.push_back(DeployHistory::toJson(record));
        }
        return entries;
    }

    void setCode(int version)
    {
        writeFile(m_project.filePath(u"hello/app.py"_s), handlerCode(version));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(kAws));
        // The engine serves a project of its own; hello-deploy arrives through the API.
        Test::writeDeployFixture(m_home, m_engineProject);
        writeFile(m_project.filePath(u"template.yaml"_s), templateYaml(128));
        writeFile(m_project.filePath(u"hello/.lwbignore"_s), "*.log\n");
        writeFile(m_project.filePath(u"hello/debug.log"_s), "not deployed");
        setCode(1);
        QVERIFY2(startServer(), m_server->err().constData());
    }

    void createThenInvoke()
    {
        const ClientRun run = deploy({});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("code: new function"), run.out.constData());
        QVERIFY2(run.out.contains("→ CreateFunction hello-deploy"), run.out.constData());
        const nlohmann::json payload = invoke();
        QCOMPARE(payload.value("version", 0), 1);
        QCOMPARE(payload.value("greeting", ""), "hi");

        // The engine's CodeSha256 is base64(SHA-256) of the very zip the packager built.
        Package package;
        QString error;
        QVERIFY2(Packager::build(m_project.filePath(u"hello"_s), &package, &error),
                 qPrintable(error));
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(package.zip, QCryptographicHash::Sha256).toBase64());
        QCOMPARE(package.codeSha256, expected);
        const ClientRun get =
            aws({u"lambda"_s, u"get-function"_s, u"--function-name"_s, u"hello-deploy"_s});
        QCOMPARE(get.exitCode, 0);
        const nlohmann::json function = parse(get.out);
        QCOMPARE(QString::fromStdString(function["Configuration"].value("CodeSha256", "")),
                 expected);
        QCOMPARE(function["Configuration"].value("CodeSize", qint64(0)),
                 qint64(package.zip.size()));
        QVERIFY(!package.files.contains(u"debug.log"_s));
        QVERIFY(package.files.contains(u"app.py"_s));
    }

    void unchangedSkipsUpload()
    {
        const ClientRun run = deploy({});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("code: unchanged"), run.out.constData());
        QVERIFY2(run.out.contains("upload skipped"), run.out.constData());
        QVERIFY(!run.out.contains("→ UpdateFunctionCode"));
        QVERIFY(!run.out.contains("→ UpdateFunctionConfiguration"));
    }

    void updateCodeAndConfiguration()
    {
        setCode(2);
        writeFile(m_project.filePath(u"template.yaml"_s), templateYaml(256));
        const ClientRun run = deploy({});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("code: changed"), run.out.constData());
        QVERIFY2(run.out.contains("MemorySize: 128 → 256"), run.out.constData());
        QVERIFY(run.out.contains("→ UpdateFunctionCode hello-deploy"));
        QVERIFY(run.out.contains("→ UpdateFunctionConfiguration hello-deploy"));
        const nlohmann::json payload = invoke();
        QCOMPARE(payload.value("version", 0), 2);
        QCOMPARE(payload.value("memory", ""), "256");
    }

    void dryRunChangesNothing()
    {
        setCode(3);
        const qsizetype recorded = qsizetype(history().size());
        const ClientRun run = deploy({u"--dry-run"_s, u"--alias"_s, u"live"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("Dry run"), run.out.constData());
        QVERIFY2(run.out.contains("code: changed"), run.out.constData());
        QVERIFY(run.out.contains("API calls:\n    UpdateFunctionCode hello-deploy"));
        QVERIFY(run.out.contains("PublishVersion hello-deploy"));
        QVERIFY(run.out.contains("CreateAlias live"));
        QVERIFY(!run.out.contains("\n→ "));
        QCOMPARE(invoke().value("version", 0), 2);
        QCOMPARE(qsizetype(history().size()), recorded);
        const ClientRun versions = aws(
            {u"lambda"_s, u"list-versions-by-function"_s, u"--function-name"_s, u"hello-deploy"_s});
        QCOMPARE(parse(versions.out)["Versions"].size(), size_t(1)); // $LATEST only
    }

    void publishAndAlias()
    {
        const ClientRun run = deploy({u"--alias"_s, u"live"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("→ PublishVersion hello-deploy"), run.out.constData());
        QVERIFY(run.out.contains("→ CreateAlias live → version 1"));
        QCOMPARE(invoke(u"live"_s).value("version", 0), 3);
        QCOMPARE(invoke(u"1"_s).value("version", 0), 3);
    }

    void canaryThenFullShift()
    {
        setCode(4);
        ClientRun run = deploy({u"--alias"_s, u"live"_s, u"--canary"_s, u"10"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("→ UpdateAlias live → version 1, 10 % to version 2"),
                 run.out.constData());
        ClientRun alias = aws({u"lambda"_s, u"get-alias"_s, u"--function-name"_s, u"hello-deploy"_s,
                               u"--name"_s, u"live"_s});
        QCOMPARE(alias.exitCode, 0);
        nlohmann::json body = parse(alias.out);
        QCOMPARE(body.value("FunctionVersion", ""), "1");
        QCOMPARE(body["RoutingConfig"]["AdditionalVersionWeights"].value("2", 0.0), 0.1);

        // Deploying again without --canary moves all of the traffic: nothing new is uploaded.
        run = deploy({u"--alias"_s, u"live"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("upload skipped"));
        QVERIFY2(run.out.contains("→ UpdateAlias live → version 2"), run.out.constData());
        alias = aws({u"lambda"_s, u"get-alias"_s, u"--function-name"_s, u"hello-deploy"_s,
                     u"--name"_s, u"live"_s});
        body = parse(alias.out);
        QCOMPARE(body.value("FunctionVersion", ""), "2");
        QVERIFY(!body.contains("RoutingConfig") ||
                body["RoutingConfig"]
                    .value("AdditionalVersionWeights", nlohmann::json::object())
                    .empty());
        QCOMPARE(invoke(u"live"_s).value("version", 0), 4);
    }

    void rollback()
    {
        const ClientRun run = deploy({u"--alias"_s, u"live"_s, u"--rollback"_s, u"1"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("UpdateAlias live → version 1 (from 2)"), run.out.constData());
        QCOMPARE(invoke(u"live"_s).value("version", 0), 3);
        const nlohmann::json last = history().back();
        QCOMPARE(last.value("Rollback", false), true);
        QCOMPARE(last.value("AliasVersion", ""), "1");
        QCOMPARE(last.value("Ok", false), true);
    }

    void historyRecordsDeploys()
    {
        const nlohmann::json entries = history();
        QVERIFY(entries.is_array());
        QCOMPARE(entries.size(), size_t(7)); // every deploy but the dry run
        QCOMPARE(entries[0].value("FunctionName", ""), "hello-deploy");
        QCOMPARE(entries[0].value("LogicalId", ""), "Hello");
        QCOMPARE(entries[0].value("Endpoint", ""), m_server->endpoint().toStdString());
        QCOMPARE(entries[3].value("Version", ""), "1");
        QCOMPARE(entries[3].value("Alias", ""), "live");
    }

    void errorsAsAwsWroteThem()
    {
        // Wrong keys: the engine refuses the signature and the deploy says which call failed.
        QProcessEnvironment env = Test::awsClientEnvironment(m_home, u"test"_s, u"wrong"_s);
        const ClientRun run =
            Test::runClient(kLwb,
                            {u"deploy"_s, u"-t"_s, m_project.filePath(u"template.yaml"_s),
                             u"--endpoint-url"_s, m_server->endpoint()},
                            env, m_home);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Error: GetFunction: InvalidSignatureException: The request "
                                  "signature we calculated does not match"),
                 run.err.constData());
        // A canary without an alias to shift.
        const ClientRun canary = deploy({u"--canary"_s, u"10"_s});
        QCOMPARE(canary.exitCode, 1);
        QVERIFY2(canary.err.contains("--canary shifts an alias's traffic"), canary.err.constData());
        // Rolling back an alias that does not exist.
        const ClientRun missing = deploy({u"--alias"_s, u"nosuch"_s, u"--rollback"_s, u"1"_s});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("Error: GetAlias: ResourceNotFoundException: "),
                 missing.err.constData());
    }

    void serverLostInTheMiddleThenRetry()
    {
        // A package large enough that its upload is still on its way when the server stops.
        QByteArray noise(16 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(11).fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        writeFile(m_project.filePath(u"hello/blob.bin"_s), noise);
        setCode(5);

        QProcess lwb;
        lwb.setProcessEnvironment(environment());
        lwb.start(kLwb, {u"deploy"_s, u"-t"_s, m_project.filePath(u"template.yaml"_s),
                         u"--endpoint-url"_s, m_server->endpoint(), u"--alias"_s, u"live"_s});
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += lwb.readAllStandardOutput();
                return out.contains("API calls:") || lwb.state() == QProcess::NotRunning;
            },
            60000));
        // Freeze the server as the upload starts, then lose it.
        const qint64 pid = m_server->processId();
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGSTOP);
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += lwb.readAllStandardOutput();
                return out.contains("→ UpdateFunctionCode") || lwb.state() == QProcess::NotRunning;
            },
            30000));
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(lwb.waitForFinished(60000));
        const QByteArray err = lwb.readAllStandardError();
        QCOMPARE(lwb.exitCode(), 1);
        QVERIFY2(
            QRegularExpression(u"Error: UpdateFunctionCode: no answer from http://127.0.0.1:\\d+"_s)
                .match(QString::fromUtf8(err))
                .hasMatch(),
            err.constData());
        const nlohmann::json failed = history().back();
        QCOMPARE(failed.value("Ok", true), false);
        QVERIFY(failed.value("Error", "").starts_with("UpdateFunctionCode: no answer"));

        // The engine comes back with what it had; the same deploy again completes.
        m_server.reset();
        QVERIFY2(startServer(), m_server->err().constData());
        QCOMPARE(invoke(u"live"_s).value("version", 0), 3);
        const ClientRun retry = deploy({u"--alias"_s, u"live"_s});
        QVERIFY2(retry.exitCode == 0, retry.err.constData());
        QCOMPARE(invoke(u"live"_s).value("version", 0), 5);
        QCOMPARE(invoke().value("version", 0), 5);
        QFile::remove(m_project.filePath(u"hello/blob.bin"_s));
    }

    void awsTargetRequestShape()
    {
        QCOMPARE(LambdaEndpoint::awsUrl(u"eu-west-1"_s).toString(),
                 u"https://lambda.eu-west-1.amazonaws.com"_s);

        // A loopback server stands in for AWS: it records the request and answers as Lambda.
        HttpServer server;
        server.setMaxBodyBytes(64 * 1024 * 1024);
        QList<HttpRequest> received;
        server.setHandler([&](const HttpRequest &request, HttpResponder responder) {
            received.append(request);
            HttpResponse response = HttpResponse::json(
                409,
                R"({"Type":"User","message":"The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:eu-west-1:123456789012:function:fn"})");
            response.headers.append(HttpHeader{
                "x-amzn-ErrorType", "ResourceConflictException:http://internal.amazon.com/coral/"
                                    "com.amazonaws.awsgirafferestservice/"});
            responder.send(response);
        });
        QVERIFY(server.listen());
        LambdaEndpoint endpoint;
        endpoint.url = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
        endpoint.region = u"eu-west-1"_s;
        endpoint.credentials = {u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s,
                                u"SESSIONTOKEN"_s};
        LambdaClient client(endpoint);
        const QByteArray zip = "PK\x05\x06" + QByteArray(18, '\0');
        std::optional<LambdaResult> result;
        client.updateFunctionCode(u"fn"_s, zip, [&](const LambdaResult &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        QCOMPARE(received.size(), 1);
        const HttpRequest &request = received.first();
        QCOMPARE(request.method, "PUT");
        QCOMPARE(request.target, "/2015-03-31/functions/fn/code");
        QCOMPARE(request.header("Host"), "127.0.0.1:" + QByteArray::number(server.serverPort()));
        QCOMPARE(request.header("Content-Type"), "application/json");
        QCOMPARE(request.header("X-Amz-Security-Token"), "SESSIONTOKEN");
        QVERIFY(QRegularExpression(u"^\\d{8}T\\d{6}Z$"_s)
                    .match(QString::fromLatin1(request.header("X-Amz-Date")))
                    .hasMatch());
        const QString authorization = QString::fromLatin1(request.header("Authorization"));
        QVERIFY2(
            QRegularExpression(
                u"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/lambda/aws4_request, "
                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                "Signature=[0-9a-f]{64}$"_s)
                .match(authorization)
                .hasMatch(),
            qPrintable(authorization));
        QCOMPARE(parse(request.body).value("ZipFile", ""), zip.toBase64().toStdString());
        // The signature is one AWS would accept for that secret.
        SigV4VerifyOptions options;
        options.expectedService = u"lambda"_s;
        const SigV4VerifyResult verified = SigV4::verify(
            request,
            [](const QString &key) -> std::optional<QString> {
                if (key == u"AKIDEXAMPLE"_s) {
                    return u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
                }
                return std::nullopt;
            },
            QDateTime::currentDateTimeUtc(), options);
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QCOMPARE(verified.region, u"eu-west-1"_s);
        // AWS's error as AWS wrote it, with the operation.
        QCOMPARE(result->errorText(),
                 u"UpdateFunctionCode: ResourceConflictException: The operation cannot be "
                 "performed at this time. An update is in progress for resource: "
                 "arn:aws:lambda:eu-west-1:123456789012:function:fn"_s);
    }

    void throttlingIsRetried()
    {
        HttpServer server;
        int calls = 0;
        int throttled = 2;
        server.setHandler([&](const HttpRequest &, HttpResponder responder) {
            ++calls;
            if (calls <= throttled) {
                HttpResponse response = HttpResponse::json(
                    429, R"({"Reason":"CallerRateLimitExceeded","message":"Rate exceeded"})");
                response.headers.append(HttpHeader{"x-amzn-ErrorType", "TooManyRequestsException"});
                responder.send(response);
                return;
            }
            responder.send(HttpResponse::json(200, R"({"Configuration":{"FunctionName":"fn"}})"));
        });
        QVERIFY(server.listen());
        LambdaEndpoint endpoint{QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())),
                                u"us-east-1"_s,
                                {u"test"_s, u"test"_s, {}}};
        LambdaClient client(endpoint);
        std::optional<LambdaResult> result;
        client.getFunction(u"fn"_s, [&](const LambdaResult &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
        QVERIFY(result->ok());
        QCOMPARE(calls, 3);

        // Still throttled after three attempts: AWS's answer, with the operation.
        calls = 0;
        throttled = 3;
        result.reset();
        client.getFunction(u"fn"_s, [&](const LambdaResult &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
        QCOMPARE(calls, 3);
        QCOMPARE(result->errorText(), u"GetFunction: TooManyRequestsException: Rate exceeded"_s);
    }

    void waitsForLastUpdateStatus_data()
    {
        QTest::addColumn<QStringList>("statuses");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("error");
        QTest::newRow("successful")
            << QStringList{u"InProgress"_s, u"InProgress"_s, u"Successful"_s} << 10000 << QString();
        QTest::newRow("failed")
            << QStringList{u"InProgress"_s, u"Failed"_s} << 10000
            << u"GetFunctionConfiguration: InvalidRuntime: The runtime is not supported"_s;
        QTest::newRow("timed out")
            << QStringList{u"InProgress"_s, u"InProgress"_s, u"InProgress"_s, u"InProgress"_s,
                           u"InProgress"_s, u"InProgress"_s, u"InProgress"_s, u"InProgress"_s}
            << 150
            << u"GetFunctionConfiguration: LastUpdateStatus still InProgress when the wait timed out"_s;
    }

    void waitsForLastUpdateStatus()
    {
        QFETCH(QStringList, statuses);
        QFETCH(int, timeoutMs);
        QFETCH(QString, error);
        HttpServer server;
        qsizetype next = 0;
        server.setHandler([&](const HttpRequest &request, HttpResponder responder) {
            QCOMPARE(request.target, "/2015-03-31/functions/fn/configuration");
            const QString status = statuses.at(std::min(next++, statuses.size() - 1));
            nlohmann::json body = {{"FunctionName", "fn"},
                                   {"State", "Active"},
                                   {"LastUpdateStatus", status.toStdString()}};
            if (status == u"Failed"_s) {
                body["LastUpdateStatusReasonCode"] = "InvalidRuntime";
                body["LastUpdateStatusReason"] = "The runtime is not supported";
            }
            responder.send(HttpResponse::json(200, QByteArray::fromStdString(body.dump())));
        });
        QVERIFY(server.listen());
        LambdaEndpoint endpoint{QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())),
                                u"us-east-1"_s,
                                {u"test"_s, u"test"_s, {}}};
        LambdaClient client(endpoint);
        client.setPollIntervalMs(40);
        QStringList seen;
        std::optional<LambdaResult> result;
        client.waitUntilUpdated(
            u"fn"_s, timeoutMs, [&](const QString &status) { seen.append(status); },
            [&](const LambdaResult &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 10000));
        if (error.isEmpty()) {
            QVERIFY(result->ok());
            QCOMPARE(seen, statuses);
        } else {
            QVERIFY(!result->ok());
            QCOMPARE(result->errorText(), error);
        }
    }

    void awsTargetNeedsCredentialsAndRole()
    {
        // Without an endpoint the target is AWS: nothing is sent without keys or a role ARN.
        QTemporaryDir emptyHome;
        QProcessEnvironment env = environment();
        for (const QString &name : {u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s}) {
            env.remove(name);
        }
        env.insert(u"HOME"_s, emptyHome.path());
        env.insert(u"AWS_CONFIG_FILE"_s, emptyHome.filePath(u"none"_s));
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, emptyHome.filePath(u"none"_s));
        ClientRun run = Test::runClient(
            kLwb, {u"deploy"_s, u"-t"_s, m_project.filePath(u"template.yaml"_s)}, env, m_home);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Unable to locate credentials"), run.err.constData());

        run = Test::runClient(
            kLwb, {u"deploy"_s, u"-t"_s, m_project.filePath(u"template.yaml"_s), u"--dry-run"_s},
            environment(), m_home);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Hello needs an execution role ARN on AWS"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
