// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Lambda control plane of `lwb local start-lambda` driven by clients no one here wrote:
// Debian's awscli v2 (/usr/bin/aws) and boto3 (/usr/bin/python3, boto3_control.py). Every
// client runs with fake credentials, the instance-metadata probe disabled and an explicit
// endpoint, so nothing leaves loopback. The project lives in a temporary folder, so its
// .lwb/ store starts empty and is what a restart finds again.
#include "awsclientprocess.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <zip.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kAws = u"/usr/bin/aws"_s;
const QString kPython = u"/usr/bin/python3"_s;
const QString kRole = u"arn:aws:iam::123456789012:role/lwb-test"_s;

using Run = Lwb::Test::ClientRun;

/** A zip holding app.py whose handler reports @p version (and raises when @p fail). */
QByteArray handlerZip(int version, bool fail = false)
{
    QByteArray code = "import os\n"
                      "def handler(event, context):\n"
                      "    print('ATTEMPT ' + context.function_name)\n";
    if (fail) {
        code += "    raise RuntimeError('always fails')\n";
    }
    code += "    return {'version': " + QByteArray::number(version) +
            ", 'env': os.environ.get('GREETING'), 'memory': context.memory_limit_in_mb}\n";
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(u"p.zip"_s));
    int error = 0;
    zip_t *archive = zip_open(path.constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) {
        return {};
    }
    auto *copy = static_cast<char *>(malloc(size_t(code.size())));
    memcpy(copy, code.constData(), size_t(code.size()));
    zip_source_t *source = zip_source_buffer(archive, copy, zip_uint64_t(code.size()), 1);
    if (zip_file_add(archive, "app.py", source, ZIP_FL_ENC_UTF_8) < 0 || zip_close(archive) != 0) {
        zip_discard(archive);
        return {};
    }
    QFile f(dir.filePath(u"p.zip"_s));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** A running `lwb local start-lambda`; its stderr is collected as it comes. */
class StartLambda
{
public:
    bool start(const QString &templatePath)
    {
        m_err.clear();
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Async retries after 60 ms rather than a minute.
        env.insert(u"LWB_TIME_SCALE"_s, u"0.001"_s);
        m_process->setProcessEnvironment(env);
        m_process->setProgram(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s);
        m_process->setArguments(
            {u"local"_s, u"start-lambda"_s, u"-t"_s, templatePath, u"--port"_s, u"0"_s});
        QObject::connect(m_process.get(), &QProcess::readyReadStandardError,
                         [this] { m_err += m_process->readAllStandardError(); });
        m_process->start();
        if (!m_process->waitForStarted(10000)) {
            return false;
        }
        static const QRegularExpression running(u"Running on (http://127\\.0\\.0\\.1:(\\d+))"_s);
        QRegularExpressionMatch match;
        const bool up = QTest::qWaitFor(
            [&] {
                match = running.match(QString::fromUtf8(m_err));
                return match.hasMatch() || m_process->state() == QProcess::NotRunning;
            },
            30000);
        if (!up || !match.hasMatch()) {
            return false;
        }
        m_endpoint = match.captured(1);
        return true;
    }

    int terminate(int timeoutMs = 15000)
    {
        if (!m_process || m_process->state() == QProcess::NotRunning) {
            return m_process ? m_process->exitCode() : -1;
        }
        m_process->terminate();
        if (!QTest::qWaitFor([this] { return m_process->state() == QProcess::NotRunning; },
                             timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
            return -1;
        }
        m_err += m_process->readAllStandardError();
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }

    ~StartLambda()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

    QString endpoint() const { return m_endpoint; }
    QByteArray err() const { return m_err; }

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_err;
    QString m_endpoint;
};

} // namespace

class TestAwsCliControl : public QObject
{
    Q_OBJECT

private:
    QProcessEnvironment clientEnvironment() const
    {
        return Lwb::Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s);
    }

    Run client(const QString &program, const QStringList &args, int timeoutMs = 60000) const
    {
        return Lwb::Test::runClient(program, args, clientEnvironment(), m_home, timeoutMs);
    }

    /** `aws lambda <operation> --endpoint-url … --output json <args>`. */
    Run aws(const QString &operation, const QStringList &args) const
    {
        QStringList all{u"lambda"_s,         operation,     u"--endpoint-url"_s,
                        m_server.endpoint(), u"--output"_s, u"json"_s};
        return client(kAws, all + args);
    }

    /** The function's JSON answer of a successful call (a failed QVERIFY otherwise). */
    nlohmann::json ok(const QString &operation, const QStringList &args) const
    {
        const Run r = aws(operation, args);
        [&] {
            QVERIFY2(r.exitCode == 0, (operation.toUtf8() + ": " + r.err + "\n--- server ---\n" +
                                       m_server.err().right(4000))
                                          .constData());
        }();
        return r.out.trimmed().isEmpty() ? nlohmann::json::object() : json(r.out);
    }

    /** A call that must fail with @p code (and, when given, exactly @p message). */
    void fails(const QString &operation, const QStringList &args, const QByteArray &code,
               const QByteArray &message = {}) const
    {
        const Run r = aws(operation, args);
        QVERIFY2(r.exitCode != 0, r.out.constData());
        QVERIFY2(r.err.contains('(' + code + ')'), r.err.constData());
        if (!message.isEmpty()) {
            QVERIFY2(r.err.contains(": " + message), r.err.constData());
        }
    }

    /** `aws lambda invoke` and the function's JSON result. */
    nlohmann::json invoke(const QString &function) const
    {
        const QString out = m_home.filePath(u"invoke-out.json"_s);
        QFile::remove(out);
        const Run r = aws(u"invoke"_s, {u"--function-name"_s, function, out});
        [&] { QVERIFY2(r.exitCode == 0, (r.err + m_server.err().right(3000)).constData()); }();
        QFile f(out);
        return f.open(QIODevice::ReadOnly) ? json(f.readAll()) : nlohmann::json();
    }

    QString writeZip(const QString &name, const QByteArray &zip) const
    {
        QFile f(m_home.filePath(name));
        [&] { QVERIFY(f.open(QIODevice::WriteOnly) && f.write(zip) == zip.size()); }();
        return u"fileb://"_s + f.fileName();
    }

    static nlohmann::json json(const QByteArray &bytes)
    {
        return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
    }

    static std::string sha256(const QByteArray &zip)
    {
        return QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64().toStdString();
    }

    QTemporaryDir m_home;
    QTemporaryDir m_project;
    StartLambda m_server;
    QByteArray m_v2;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(kAws)) {
            QSKIP("Debian's awscli (/usr/bin/aws) is not installed");
        }
        QVERIFY(m_home.isValid() && m_project.isValid());
        QFile t(m_project.filePath(u"template.yaml"_s));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("AWSTemplateFormatVersion: '2010-09-09'\n"
                "Transform: AWS::Serverless-2016-10-31\n"
                "Resources:\n"
                "  TemplateFunction:\n"
                "    Type: AWS::Serverless::Function\n"
                "    Properties:\n"
                "      CodeUri: " LWB_SOURCE_DIR
                "/resources/samples/runtimes-fixtures/python-hello/\n"
                "      Handler: app.handler\n"
                "      Runtime: python3.11\n"
                "      AutoPublishAlias: live\n");
        t.close();
        QVERIFY2(m_server.start(t.fileName()), m_server.err().constData());
    }

    void createAndInvoke()
    {
        const QByteArray v1 = handlerZip(1);
        const nlohmann::json c =
            ok(u"create-function"_s,
               {u"--function-name"_s, u"cli-fn"_s, u"--runtime"_s, u"python3.11"_s, u"--role"_s,
                kRole, u"--handler"_s, u"app.handler"_s, u"--zip-file"_s, writeZip(u"v1.zip"_s, v1),
                u"--environment"_s, u"Variables={GREETING=hi}"_s, u"--timeout"_s, u"10"_s});
        QCOMPARE(c["FunctionName"], "cli-fn");
        QCOMPARE(c["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:cli-fn");
        QCOMPARE(c["Runtime"], "python3.11");
        QCOMPARE(c["Role"], kRole.toStdString());
        QCOMPARE(c["Handler"], "app.handler");
        QCOMPARE(c["CodeSize"].get<qint64>(), qint64(v1.size()));
        QCOMPARE(c["CodeSha256"], sha256(v1));
        QCOMPARE(c["Timeout"], 10);
        QCOMPARE(c["MemorySize"], 128);
        QCOMPARE(c["Version"], "$LATEST");
        QCOMPARE(c["State"], "Active");
        QCOMPARE(c["LastUpdateStatus"], "Successful");
        QCOMPARE(c["PackageType"], "Zip");
        QCOMPARE(c["Architectures"], nlohmann::json::array({"x86_64"}));
        QCOMPARE(c["EphemeralStorage"]["Size"], 512);
        QCOMPARE(c["TracingConfig"]["Mode"], "PassThrough");
        QCOMPARE(c["Environment"]["Variables"]["GREETING"], "hi");
        QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000$"_s)
                    .match(QString::fromStdString(c["LastModified"].get<std::string>()))
                    .hasMatch());
        QCOMPARE(c["RevisionId"].get<std::string>().size(), size_t(36));

        const nlohmann::json result = invoke(u"cli-fn"_s);
        QCOMPARE(result["version"], 1);
        QCOMPARE(result["env"], "hi");

        fails(u"create-function"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--runtime"_s, u"python3.11"_s, u"--role"_s,
               kRole, u"--handler"_s, u"app.handler"_s, u"--zip-file"_s, writeZip(u"v1.zip"_s, v1)},
              "ResourceConflictException", "Function already exist: cli-fn");
    }

    void updateCodeThenInvoke()
    {
        m_v2 = handlerZip(2);
        const std::string before =
            ok(u"get-function-configuration"_s, {u"--function-name"_s, u"cli-fn"_s})["RevisionId"];
        fails(u"update-function-code"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--zip-file"_s, writeZip(u"v2.zip"_s, m_v2),
               u"--revision-id"_s, u"not-the-revision"_s},
              "PreconditionFailedException",
              "The Revision Id provided does not match the latest Revision Id. Call the "
              "GetFunction/GetAlias API to retrieve the latest Revision Id");
        const nlohmann::json c =
            ok(u"update-function-code"_s,
               {u"--function-name"_s, u"cli-fn"_s, u"--zip-file"_s, writeZip(u"v2.zip"_s, m_v2),
                u"--revision-id"_s, QString::fromStdString(before)});
        QCOMPARE(c["CodeSha256"], sha256(m_v2));
        QVERIFY(c["RevisionId"] != before);
        QCOMPARE(invoke(u"cli-fn"_s)["version"], 2);
    }

    void updateConfiguration()
    {
        const nlohmann::json c =
            ok(u"update-function-configuration"_s,
               {u"--function-name"_s, u"cli-fn"_s, u"--memory-size"_s, u"256"_s, u"--environment"_s,
                u"Variables={GREETING=salut}"_s, u"--description"_s, u"updated"_s});
        QCOMPARE(c["MemorySize"], 256);
        QCOMPARE(c["Description"], "updated");
        const nlohmann::json result = invoke(u"cli-fn"_s);
        QCOMPARE(result["env"], "salut");
        QCOMPARE(result["memory"], "256");
        fails(u"update-function-configuration"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--timeout"_s, u"1000"_s},
              "ValidationException");
        fails(u"update-function-configuration"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--environment"_s,
               u"Variables={AWS_REGION=eu-west-1}"_s},
              "InvalidParameterValueException");
    }

    void getAndList()
    {
        nlohmann::json f = ok(u"get-function"_s, {u"--function-name"_s, u"cli-fn"_s});
        QCOMPARE(f["Configuration"]["CodeSha256"], sha256(m_v2));
        QCOMPARE(f["Code"]["RepositoryType"], "S3");
        QVERIFY(f["Code"]["Location"].get<std::string>().starts_with("file:///"));
        // A full ARN, as the CLI percent-encodes it in the path.
        f = ok(u"get-function-configuration"_s,
               {u"--function-name"_s, u"arn:aws:lambda:us-east-1:123456789012:function:cli-fn"_s});
        QCOMPARE(f["FunctionName"], "cli-fn");
        f = ok(u"get-function"_s, {u"--function-name"_s, u"TemplateFunction"_s});
        QCOMPARE(f["Configuration"]["Handler"], "app.handler");
        QVERIFY(!f["Configuration"]["CodeSha256"].get<std::string>().empty());

        const nlohmann::json list = ok(u"list-functions"_s, {});
        QStringList names;
        for (const auto &fn : list["Functions"]) {
            names << QString::fromStdString(fn["FunctionName"].get<std::string>());
        }
        QVERIFY2(names.contains(u"cli-fn"_s) && names.contains(u"TemplateFunction"_s),
                 qPrintable(names.join(u' ')));
        // --max-items pages through Marker/NextMarker under the hood.
        const nlohmann::json page = ok(u"list-functions"_s, {u"--max-items"_s, u"1"_s});
        QCOMPARE(page["Functions"].size(), size_t(1));
        QVERIFY(page.contains("NextToken"));

        fails(u"get-function"_s, {u"--function-name"_s, u"missing-fn"_s},
              "ResourceNotFoundException",
              "Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing-fn");
    }

    void localFolderCode()
    {
        const QString dir =
            QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/runtimes-fixtures/python-hello"_s;
        const nlohmann::json c =
            ok(u"create-function"_s,
               {u"--function-name"_s, u"folder-fn"_s, u"--runtime"_s, u"python3.11"_s, u"--role"_s,
                kRole, u"--handler"_s, u"app.handler"_s, u"--code"_s,
                u"S3Bucket=lwb-local,S3Key="_s + dir});
        QVERIFY(!c["CodeSha256"].get<std::string>().empty());
        QCOMPARE(invoke(u"folder-fn"_s)["function_name"], "folder-fn");
        fails(u"create-function"_s,
              {u"--function-name"_s, u"s3-fn"_s, u"--runtime"_s, u"python3.11"_s, u"--role"_s,
               kRole, u"--handler"_s, u"app.handler"_s, u"--code"_s,
               u"S3Bucket=some-bucket,S3Key=code.zip"_s},
              "InvalidParameterValueException");
        ok(u"delete-function"_s, {u"--function-name"_s, u"folder-fn"_s});
        QVERIFY(QFileInfo(dir + u"/app.py"_s).isFile()); // a referenced folder is never deleted
    }

    void reservedConcurrency()
    {
        QCOMPARE(ok(u"put-function-concurrency"_s,
                    {u"--function-name"_s, u"cli-fn"_s, u"--reserved-concurrent-executions"_s,
                     u"0"_s})["ReservedConcurrentExecutions"],
                 0);
        QCOMPARE(ok(u"get-function-concurrency"_s,
                    {u"--function-name"_s, u"cli-fn"_s})["ReservedConcurrentExecutions"],
                 0);
        const Run r = aws(
            u"invoke"_s, {u"--function-name"_s, u"cli-fn"_s, m_home.filePath(u"throttled.json"_s)});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("(TooManyRequestsException)"), r.err.constData());
        ok(u"delete-function-concurrency"_s, {u"--function-name"_s, u"cli-fn"_s});
        QVERIFY(!ok(u"get-function-concurrency"_s, {u"--function-name"_s, u"cli-fn"_s})
                     .contains("ReservedConcurrentExecutions"));
        QCOMPARE(invoke(u"cli-fn"_s)["version"], 2);
    }

    void provisionedConcurrency()
    {
        fails(
            u"put-provisioned-concurrency-config"_s,
            {u"--function-name"_s, u"cli-fn"_s, u"--qualifier"_s, u"$LATEST"_s,
             u"--provisioned-concurrent-executions"_s, u"1"_s},
            "InvalidParameterValueException",
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        const nlohmann::json put =
            ok(u"put-provisioned-concurrency-config"_s,
               {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"live"_s,
                u"--provisioned-concurrent-executions"_s, u"1"_s});
        QCOMPARE(put["RequestedProvisionedConcurrentExecutions"], 1);
        QCOMPARE(put["Status"], "IN_PROGRESS");
        const nlohmann::json get =
            ok(u"get-provisioned-concurrency-config"_s,
               {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"live"_s});
        QCOMPARE(get["RequestedProvisionedConcurrentExecutions"], 1);
        fails(u"get-provisioned-concurrency-config"_s,
              {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"1"_s},
              "ProvisionedConcurrencyConfigNotFoundException");

        // On a published version: the engine allocates it, and Get turns READY.
        const nlohmann::json onVersion =
            ok(u"put-provisioned-concurrency-config"_s,
               {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"1"_s,
                u"--provisioned-concurrent-executions"_s, u"2"_s});
        QCOMPARE(onVersion["Status"], "IN_PROGRESS");
        nlohmann::json status;
        QVERIFY(QTest::qWaitFor([&] {
            status = ok(u"get-provisioned-concurrency-config"_s,
                        {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"1"_s});
            return status["Status"] == "READY";
        }, 30000));
        QCOMPARE(status["AllocatedProvisionedConcurrentExecutions"], 2);
        QCOMPARE(status["AvailableProvisionedConcurrentExecutions"], 2);
        QVERIFY(!status.contains("StatusReason"));
        ok(u"delete-provisioned-concurrency-config"_s,
           {u"--function-name"_s, u"TemplateFunction"_s, u"--qualifier"_s, u"1"_s});
    }

    void eventInvokeConfigRetries()
    {
        ok(u"create-function"_s,
           {u"--function-name"_s, u"failing-fn"_s, u"--runtime"_s, u"python3.11"_s, u"--role"_s,
            kRole, u"--handler"_s, u"app.handler"_s, u"--zip-file"_s,
            writeZip(u"fail.zip"_s, handlerZip(1, true))});
        const nlohmann::json c =
            ok(u"put-function-event-invoke-config"_s,
               {u"--function-name"_s, u"failing-fn"_s, u"--maximum-retry-attempts"_s, u"0"_s});
        QCOMPARE(c["MaximumRetryAttempts"], 0);
        QCOMPARE(c["FunctionArn"],
                 "arn:aws:lambda:us-east-1:123456789012:function:failing-fn:$LATEST");
        QCOMPARE(ok(u"get-function-event-invoke-config"_s,
                    {u"--function-name"_s, u"failing-fn"_s})["MaximumRetryAttempts"],
                 0);

        auto attempts = [this] { return m_server.err().count("ATTEMPT failing-fn"); };
        auto eventInvoke = [this] {
            const Run r =
                aws(u"invoke"_s, {u"--function-name"_s, u"failing-fn"_s, u"--invocation-type"_s,
                                  u"Event"_s, m_home.filePath(u"event.json"_s)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        };
        eventInvoke();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(), 1, 30000);
        QTest::qWait(2000); // time-scaled retries would have come after 60 and 120 ms
        QCOMPARE(attempts(), 1);

        ok(u"put-function-event-invoke-config"_s,
           {u"--function-name"_s, u"failing-fn"_s, u"--maximum-retry-attempts"_s, u"2"_s});
        eventInvoke();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(), 4, 30000);
        QTest::qWait(1000);
        QCOMPARE(attempts(), 4);
        ok(u"delete-function-event-invoke-config"_s, {u"--function-name"_s, u"failing-fn"_s});
        fails(u"get-function-event-invoke-config"_s, {u"--function-name"_s, u"failing-fn"_s},
              "ResourceNotFoundException");

        // A configuration on a version applies to events invoked as that version only:
        // version 1 retries nothing, $LATEST keeps the default two retries.
        QCOMPARE(ok(u"publish-version"_s, {u"--function-name"_s, u"failing-fn"_s})["Version"], "1");
        ok(u"put-function-event-invoke-config"_s,
           {u"--function-name"_s, u"failing-fn"_s, u"--qualifier"_s, u"1"_s,
            u"--maximum-retry-attempts"_s, u"0"_s});
        const Run v1 = aws(u"invoke"_s, {u"--function-name"_s, u"failing-fn"_s, u"--qualifier"_s, u"1"_s,
                                         u"--invocation-type"_s, u"Event"_s, m_home.filePath(u"event.json"_s)});
        QVERIFY2(v1.exitCode == 0, v1.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(attempts(), 5, 30000);
        QTest::qWait(1500);
        QCOMPARE(attempts(), 5);
        eventInvoke();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(), 8, 30000);
    }

    void permissions()
    {
        const nlohmann::json added =
            ok(u"add-permission"_s,
               {u"--function-name"_s, u"cli-fn"_s, u"--statement-id"_s, u"sns"_s, u"--action"_s,
                u"lambda:InvokeFunction"_s, u"--principal"_s, u"sns.amazonaws.com"_s,
                u"--source-arn"_s, u"arn:aws:sns:us-east-1:123456789012:topic"_s});
        const nlohmann::json statement = json(QByteArray::fromStdString(added["Statement"]));
        QCOMPARE(statement["Sid"], "sns");
        QCOMPARE(statement["Effect"], "Allow");
        QCOMPARE(statement["Principal"]["Service"], "sns.amazonaws.com");
        QCOMPARE(statement["Action"], "lambda:InvokeFunction");
        QCOMPARE(statement["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:cli-fn");
        QCOMPARE(statement["Condition"]["ArnLike"]["AWS:SourceArn"],
                 "arn:aws:sns:us-east-1:123456789012:topic");
        fails(u"add-permission"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--statement-id"_s, u"sns"_s, u"--action"_s,
               u"lambda:InvokeFunction"_s, u"--principal"_s, u"*"_s},
              "ResourceConflictException");
        const nlohmann::json policy = json(QByteArray::fromStdString(
            ok(u"get-policy"_s, {u"--function-name"_s, u"cli-fn"_s})["Policy"]));
        QCOMPARE(policy["Version"], "2012-10-17");
        QCOMPARE(policy["Statement"].size(), size_t(1));
        QCOMPARE(policy["Statement"][0]["Sid"], "sns");
        ok(u"remove-permission"_s,
           {u"--function-name"_s, u"cli-fn"_s, u"--statement-id"_s, u"sns"_s});
        fails(u"get-policy"_s, {u"--function-name"_s, u"cli-fn"_s}, "ResourceNotFoundException");
        fails(u"remove-permission"_s,
              {u"--function-name"_s, u"cli-fn"_s, u"--statement-id"_s, u"sns"_s},
              "ResourceNotFoundException", "Statement sns is not found in resource policy.");
        // Kept for the restart.
        ok(u"add-permission"_s,
           {u"--function-name"_s, u"cli-fn"_s, u"--statement-id"_s, u"kept"_s, u"--action"_s,
            u"lambda:InvokeFunction"_s, u"--principal"_s, u"123456789012"_s});
    }

    void accountSettings()
    {
        const nlohmann::json s = ok(u"get-account-settings"_s, {});
        QCOMPARE(s["AccountLimit"]["ConcurrentExecutions"], 1000);
        QCOMPARE(s["AccountLimit"]["UnreservedConcurrentExecutions"], 1000);
        QCOMPARE(s["AccountLimit"]["CodeSizeZipped"], 52428800);
        QCOMPARE(s["AccountLimit"]["CodeSizeUnzipped"], 262144000);
        QCOMPARE(s["AccountUsage"]["FunctionCount"], 3); // TemplateFunction, cli-fn, failing-fn
    }

    void templateFunctionUpdate()
    {
        ok(u"update-function-configuration"_s,
           {u"--function-name"_s, u"TemplateFunction"_s, u"--memory-size"_s, u"512"_s});
        QCOMPARE(invoke(u"TemplateFunction"_s)["memory_limit_in_mb"], "512");
    }

    void boto3()
    {
        if (client(kPython, {u"-c"_s, u"import boto3"_s}).exitCode != 0) {
            QSKIP("boto3 is not installed for /usr/bin/python3");
        }
        const Run r =
            client(kPython,
                   {QStringLiteral(LWB_SOURCE_DIR) + u"/tests/conformance/boto3_control.py"_s,
                    m_server.endpoint()},
                   180000);
        QVERIFY2(r.exitCode == 0 && r.out.endsWith("OK\n"),
                 (r.out + r.err + "\n--- server ---\n" + m_server.err().right(4000)).constData());
    }

    void persistenceAcrossRestart()
    {
        QCOMPARE(m_server.terminate(), 0);
        QVERIFY2(m_server.start(m_project.filePath(u"template.yaml"_s)),
                 m_server.err().constData());
        const nlohmann::json c =
            ok(u"get-function-configuration"_s, {u"--function-name"_s, u"cli-fn"_s});
        QCOMPARE(c["CodeSha256"], sha256(m_v2));
        QCOMPARE(c["MemorySize"], 256);
        QCOMPARE(c["Timeout"], 10);
        QCOMPARE(c["Description"], "updated");
        QCOMPARE(c["Environment"]["Variables"]["GREETING"], "salut");
        const nlohmann::json result = invoke(u"cli-fn"_s);
        QCOMPARE(result["version"], 2);
        QCOMPARE(result["env"], "salut");
        const nlohmann::json policy = json(QByteArray::fromStdString(
            ok(u"get-policy"_s, {u"--function-name"_s, u"cli-fn"_s})["Policy"]));
        QCOMPARE(policy["Statement"][0]["Sid"], "kept");
        // The template is the source of truth for its own functions.
        QCOMPARE(ok(u"get-function-configuration"_s,
                    {u"--function-name"_s, u"TemplateFunction"_s})["MemorySize"],
                 128);
        const nlohmann::json list = ok(u"list-functions"_s, {});
        QCOMPARE(list["Functions"].size(), size_t(3));
    }

    void deleteFunction()
    {
        ok(u"delete-function"_s, {u"--function-name"_s, u"cli-fn"_s});
        fails(u"get-function"_s, {u"--function-name"_s, u"cli-fn"_s}, "ResourceNotFoundException");
        fails(u"invoke"_s, {u"--function-name"_s, u"cli-fn"_s, m_home.filePath(u"gone.json"_s)},
              "ResourceNotFoundException");
        QVERIFY(!QFileInfo::exists(m_project.filePath(u".lwb/functions/cli-fn"_s)));
        QCOMPARE(m_server.terminate(), 0);
        QVERIFY2(m_server.start(m_project.filePath(u"template.yaml"_s)),
                 m_server.err().constData());
        fails(u"get-function"_s, {u"--function-name"_s, u"cli-fn"_s}, "ResourceNotFoundException");
        QCOMPARE(m_server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAwsCliControl)
#include "tst_awscli_control.moc"
