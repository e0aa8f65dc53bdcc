// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Lambda control plane over real sockets: an engine set up the way `lwb local
// start-lambda` does it (EngineExtensions::attachAll / attachAllApi, so the async queue and
// the control plane attach themselves), a raw HTTP client, zips made with libzip.
#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "auth/sigv4.h"
#include "control/controlplane.h"
#include "control/zippackage.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/timescale.h"
#include "http/httpserver.h"
#include "rawhttpreply.h"
#include "signedrequest.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <zip.h>

#include <memory>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Lwb;
using Lwb::Test::RawHttpReply;

namespace {

struct ZipEntry
{
    QByteArray name;
    QByteArray content;
    quint32 mode = 0100644;
};

/** A zip with @p entries, Unix permissions recorded. */
QByteArray makeZip(const QList<ZipEntry> &entries)
{
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(u"package.zip"_s));
    int error = 0;
    zip_t *archive = zip_open(path.constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) {
        return {};
    }
    for (const ZipEntry &entry : entries) {
        auto *copy =
            static_cast<char *>(malloc(size_t(std::max<qsizetype>(entry.content.size(), 1))));
        memcpy(copy, entry.content.constData(), size_t(entry.content.size()));
        zip_source_t *source =
            zip_source_buffer(archive, copy, zip_uint64_t(entry.content.size()), 1);
        const zip_int64_t index =
            zip_file_add(archive, entry.name.constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            zip_discard(archive);
            return {};
        }
        zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX,
                                         entry.mode << 16);
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        return {};
    }
    QFile f(dir.filePath(u"package.zip"_s));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

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
    return makeZip({{"app.py", code}});
}

/** One raw HTTP/1.1 exchange on its own connection. */
class Call : public QObject
{
public:
    Call(quint16 port, const QByteArray &request, bool closeAfterWrite = false)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this,
                [this] { m_buffer += m_socket.readAll(); });
        connect(&m_socket, &QTcpSocket::connected, this, [this, request, closeAfterWrite] {
            m_socket.write(request);
            if (closeAfterWrite) {
                m_socket.disconnectFromHost();
            }
        });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool done()
    {
        if (!m_reply) {
            RawHttpReply reply;
            if (Lwb::Test::parseRawHttpReply(m_buffer, reply) > 0 && reply.status != 100) {
                m_reply = reply;
            }
        }
        return m_reply.has_value();
    }

    RawHttpReply wait(int timeoutMs = 60000)
    {
        [&] { QVERIFY2(QTest::qWaitFor([this] { return done(); }, timeoutMs), "no reply"); }();
        return m_reply.value_or(RawHttpReply{});
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
    std::optional<RawHttpReply> m_reply;
};

/** A request signed the way botocore signs it (key pair test/test), as an SDK would send it. */
QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    Test::SignedRequestOptions options;
    options.headers = headers;
    return Test::signedRequest(method, target, body, options);
}

nlohmann::json json(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

QByteArray createBody(const QByteArray &name, const QByteArray &zip)
{
    nlohmann::json body{{"FunctionName", name.toStdString()},
                        {"Runtime", "python3.11"},
                        {"Role", "arn:aws:iam::123456789012:role/test"},
                        {"Handler", "app.handler"},
                        {"Code", {{"ZipFile", zip.toBase64().toStdString()}}}};
    return QByteArray::fromStdString(body.dump());
}

} // namespace

class TestControl : public QObject
{
    Q_OBJECT

private:
    RawHttpReply call(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {},
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {
                          {"Content-Type", "application/json"}})
    {
        Call c(m_server->serverPort(), request(method, target, body, headers));
        return c.wait();
    }

    void verifyError(const RawHttpReply &reply, int status, const QByteArray &code)
    {
        QVERIFY2(reply.status == status,
                 (QByteArray::number(reply.status) + ' ' + reply.body).constData());
        QCOMPARE(reply.header("x-amzn-ErrorType"), code);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
        const auto j = json(reply.body);
        QVERIFY2(j.is_object() && j.contains("message"), reply.body.constData());
    }

    void start()
    {
        m_engine = std::make_unique<Engine>();
        EngineExtensionContext context;
        context.projectDir = m_project->path();
        context.templatePath = m_project->filePath(u"template.yaml"_s);
        EngineExtensions::attachAll(*m_engine, context);
        m_server = std::make_unique<InvokeApiServer>(m_engine.get());
        EngineExtensions::attachAllApi(*m_server, context);
        QVERIFY(m_server->listen());
    }

    void stop()
    {
        m_server.reset();
        if (m_engine) {
            m_engine->shutdownAll();
        }
        m_engine.reset();
    }

    std::unique_ptr<QTemporaryDir> m_project;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<InvokeApiServer> m_server;

private Q_SLOTS:
    void initTestCase() { TimeScale::setFactorForTesting(0.001); }

    void init()
    {
        m_project = std::make_unique<QTemporaryDir>();
        QVERIFY(m_project->isValid());
        start();
        QVERIFY(m_engine->findChild<ControlPlane *>());
    }

    void cleanup()
    {
        stop();
        m_project.reset();
    }

    void zipPackage()
    {
        const QByteArray zip = makeZip({{"app.py", "print(1)\n"},
                                        {"bin/bootstrap", "#!/bin/sh\n", 0100755},
                                        {"lib/", {}, 040755}});
        QVERIFY(!zip.isEmpty());
        QCOMPARE(ZipPackage::codeSha256(zip),
                 QString::fromLatin1(
                     QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64()));
        QTemporaryDir dir;
        qint64 size = 0;
        QString error;
        QVERIFY2(ZipPackage::extract(zip, dir.filePath(u"code"_s), &error, &size),
                 qPrintable(error));
        QCOMPARE(size, qint64(9 + 10));
        QVERIFY(QFileInfo(dir.filePath(u"code/bin/bootstrap"_s)).isExecutable());
        QVERIFY(!QFileInfo(dir.filePath(u"code/app.py"_s)).isExecutable());
        QVERIFY(QFileInfo(dir.filePath(u"code/lib"_s)).isDir());

        // Hostile packages: nothing is written outside, nothing half-done is left.
        for (const QByteArray &name :
             {QByteArray("../evil.py"), QByteArray("/abs.py"), QByteArray("a/../../evil.py")}) {
            const QByteArray bad = makeZip({{"ok.py", "x"}, {name, "evil"}});
            QVERIFY(!ZipPackage::extract(bad, dir.filePath(u"bad"_s), &error));
            QCOMPARE(error, u"Could not unzip uploaded file. Please check your file, then try to "
                            "upload again."_s);
            QVERIFY(!QFileInfo::exists(dir.filePath(u"bad"_s)));
        }
        const QByteArray link = makeZip({{"escape", "../../etc/passwd", 0120777}});
        QVERIFY(!ZipPackage::extract(link, dir.filePath(u"link"_s), &error));
        QVERIFY(!ZipPackage::extract("not a zip at all", dir.filePath(u"junk"_s), &error));
        QVERIFY(!ZipPackage::extract(zip.left(zip.size() / 2), dir.filePath(u"half"_s), &error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{u"code"_s});
    }

    void createInvokeUpdatePersist()
    {
        const QByteArray v1 = handlerZip(1);
        RawHttpReply r = call("POST", "/2015-03-31/functions", createBody("fn", v1));
        QCOMPARE(r.status, 201);
        auto config = json(r.body);
        QCOMPARE(config["FunctionName"].get<std::string>(), std::string("fn"));
        QCOMPARE(config["CodeSha256"].get<std::string>(), ZipPackage::codeSha256(v1).toStdString());
        QCOMPARE(config["CodeSize"].get<qint64>(), qint64(v1.size()));
        QCOMPARE(config["State"].get<std::string>(), std::string("Active"));
        const std::string revision = config["RevisionId"].get<std::string>();
        const QString codeDir =
            m_project->filePath(u".lwb/functions/fn/"_s + ZipPackage::codeSha256Hex(v1));
        QVERIFY(QFileInfo(codeDir + u"/app.py"_s).isFile());

        r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["version"].get<int>(), 1);

        // A stale RevisionId is refused; the right one goes through.
        const QByteArray v2 = handlerZip(2);
        nlohmann::json update{{"ZipFile", v2.toBase64().toStdString()}, {"RevisionId", "stale"}};
        verifyError(
            call("PUT", "/2015-03-31/functions/fn/code", QByteArray::fromStdString(update.dump())),
            412, "PreconditionFailedException");
        update["RevisionId"] = revision;
        r = call("PUT", "/2015-03-31/functions/fn/code", QByteArray::fromStdString(update.dump()));
        QCOMPARE(r.status, 200);
        QVERIFY(json(r.body)["RevisionId"].get<std::string>() != revision);
        r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        QCOMPARE(json(r.body)["version"].get<int>(), 2);
        // The old code goes once an invocation still running on it could have finished.
        QVERIFY(QFileInfo::exists(codeDir));
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(codeDir), 10000);

        r = call("PUT", "/2015-03-31/functions/fn/configuration",
                 R"({"MemorySize":256,"Environment":{"Variables":{"GREETING":"hi"}}})");
        QCOMPARE(r.status, 200);
        r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        QCOMPARE(json(r.body)["env"].get<std::string>(), std::string("hi"));
        QCOMPARE(json(r.body)["memory"].get<std::string>(), std::string("256"));

        // A new engine on the same project serves the stored function.
        stop();
        start();
        r = call("GET", "/2015-03-31/functions/fn/configuration");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["MemorySize"].get<int>(), 256);
        QCOMPARE(json(r.body)["CodeSha256"].get<std::string>(),
                 ZipPackage::codeSha256(v2).toStdString());
        r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        QCOMPARE(json(r.body)["version"].get<int>(), 2);

        QCOMPARE(call("DELETE", "/2015-03-31/functions/fn").status, 204);
        QVERIFY(!QFileInfo::exists(m_project->filePath(u".lwb/functions/fn"_s)));
        verifyError(call("GET", "/2015-03-31/functions/fn"), 404, "ResourceNotFoundException");
        stop();
        start();
        verifyError(call("GET", "/2015-03-31/functions/fn"), 404, "ResourceNotFoundException");
    }

    void updateBackAndForth()
    {
        const QByteArray v1 = handlerZip(1);
        const QByteArray v2 = handlerZip(2);
        QCOMPARE(call("POST", "/2015-03-31/functions", createBody("fn", v1)).status, 201);
        auto update = [&](const QByteArray &zip) {
            const nlohmann::json body{{"ZipFile", zip.toBase64().toStdString()}};
            return call("PUT", "/2015-03-31/functions/fn/code",
                        QByteArray::fromStdString(body.dump()))
                .status;
        };
        QCOMPARE(update(v2), 200);
        QCOMPARE(update(v1), 200); // before v1's folder was cleared away
        const QString root = m_project->filePath(u".lwb/functions/fn/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(root + ZipPackage::codeSha256Hex(v2)), 10000);
        QVERIFY(QFileInfo(root + ZipPackage::codeSha256Hex(v1) + u"/app.py"_s).isFile());
        QVERIFY(QFileInfo(root + ZipPackage::codeSha256Hex(v1) + u".zip"_s).isFile());
        const RawHttpReply r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        QCOMPARE(json(r.body)["version"].get<int>(), 1);
    }

    void reservedConcurrencyThrottles()
    {
        QCOMPARE(call("POST", "/2015-03-31/functions", createBody("fn", handlerZip(1))).status,
                 201);
        RawHttpReply r = call("PUT", "/2017-10-31/functions/fn/concurrency",
                              R"({"ReservedConcurrentExecutions":0})");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["ReservedConcurrentExecutions"].get<int>(), 0);
        r = call("POST", "/2015-03-31/functions/fn/invocations", "{}", {});
        verifyError(r, 429, "TooManyRequestsException");
        QCOMPARE(json(r.body)["Reason"].get<std::string>(),
                 std::string("ReservedFunctionConcurrentInvocationLimitExceeded"));
        // More than the account can spare is refused.
        verifyError(call("PUT", "/2017-10-31/functions/fn/concurrency",
                         R"({"ReservedConcurrentExecutions":950})"),
                    400, "InvalidParameterValueException");
        QCOMPARE(call("DELETE", "/2017-10-31/functions/fn/concurrency").status, 204);
        QCOMPARE(call("GET", "/2019-09-30/functions/fn/concurrency").body, QByteArray("{}"));
        QCOMPARE(call("POST", "/2015-03-31/functions/fn/invocations", "{}", {}).status, 200);
    }

    void eventInvokeConfigChangesRetries()
    {
        QCOMPARE(call("POST", "/2015-03-31/functions", createBody("failing", handlerZip(1, true)))
                     .status,
                 201);
        int starts = 0;
        connect(m_engine->journal(), &Journal::recordAppended, this,
                [&](const JournalRecord &record) {
                    if (record.kind == JournalKind::InvokeStarted) {
                        ++starts;
                    }
                });
        RawHttpReply r = call("PUT", "/2019-09-25/functions/failing/event-invoke-config",
                              R"({"MaximumRetryAttempts":0})");
        QCOMPARE(r.status, 200);
        QCOMPARE(json(r.body)["MaximumRetryAttempts"].get<int>(), 0);
        QCOMPARE(json(r.body)["FunctionArn"].get<std::string>(),
                 std::string("arn:aws:lambda:us-east-1:123456789012:function:failing:$LATEST"));
        QVERIFY(json(r.body)["LastModified"].is_number());
        QCOMPARE(call("POST", "/2015-03-31/functions/failing/invocations", "{}",
                      {{"X-Amz-Invocation-Type", "Event"}})
                     .status,
                 202);
        QTRY_COMPARE_WITH_TIMEOUT(starts, 1, 20000);
        QTest::qWait(1500); // retries would come after 60 ms and 120 ms (time scaled)
        QCOMPARE(starts, 1);

        QCOMPARE(call("DELETE", "/2019-09-25/functions/failing/event-invoke-config").status, 204);
        verifyError(call("GET", "/2019-09-25/functions/failing/event-invoke-config"), 404,
                    "ResourceNotFoundException");
        QCOMPARE(call("POST", "/2015-03-31/functions/failing/invocations", "{}",
                      {{"X-Amz-Invocation-Type", "Event"}})
                     .status,
                 202);
        QTRY_COMPARE_WITH_TIMEOUT(starts, 4, 30000); // the default: two retries
    }

    void bothPathForms()
    {
        QCOMPARE(call("POST", "/2015-03-31/functions/", createBody("fn", handlerZip(1))).status,
                 201);
        for (const QByteArray &path :
             {QByteArray("/2015-03-31/functions"), QByteArray("/2015-03-31/functions/")}) {
            const RawHttpReply r = call("GET", path);
            QCOMPARE(r.status, 200);
            QCOMPARE(json(r.body)["Functions"][0]["FunctionName"].get<std::string>(),
                     std::string("fn"));
        }
        QCOMPARE(call("GET", "/2016-08-19/account-settings").status, 200);
        QCOMPARE(call("GET", "/2016-08-19/account-settings/").status, 200);
        QCOMPARE(call("GET", "/2015-03-31/functions/fn/").status, 200);
        // A percent-encoded ARN, with and without the $LATEST qualifier.
        QCOMPARE(call("GET", "/2015-03-31/functions/"
                             "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/"
                             "configuration")
                     .status,
                 200);
        QCOMPARE(
            call("GET", "/2015-03-31/functions/123456789012%3Afunction%3Afn%3A%24LATEST").status,
            200);
        verifyError(call("GET", "/2015-03-31/functions/"
                                "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Afn"),
                    404, "ResourceNotFoundException");
    }

    void largeCodeUpload()
    {
        // Larger than an invocation may be, as code uploads are.
        QByteArray noise(10 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(42).fillRange(reinterpret_cast<quint32 *>(noise.data()),
                                       noise.size() / qsizetype(sizeof(quint32)));
        const QByteArray zip =
            makeZip({{"app.py", "def handler(e, c):\n    return 'big'\n"}, {"blob.bin", noise}});
        const QByteArray body = createBody("big", zip);
        QVERIFY(body.size() > InvokeApiServer::kMaxSyncPayloadBytes);
        RawHttpReply r = call("POST", "/2015-03-31/functions", body);
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(json(r.body)["CodeSize"].get<qint64>(), qint64(zip.size()));
        r = call("POST", "/2015-03-31/functions/big/invocations", "{}", {});
        QCOMPARE(r.body, QByteArray("\"big\""));

        const QByteArray tooLarge(ControlPlane::kMaxCodeRequestBytes + 1, 'x');
        r = call("PUT", "/2015-03-31/functions/big/code", tooLarge);
        verifyError(r, 413, "RequestEntityTooLargeException");
        QCOMPARE(json(r.body)["message"].get<std::string>(),
                 std::string("Request must be smaller than 69905067 bytes for the "
                             "UpdateFunctionCode operation"));
    }

    void hostileInput()
    {
        verifyError(call("POST", "/2015-03-31/functions", "{not json"), 400,
                    "InvalidRequestContentException");
        verifyError(call("POST", "/2015-03-31/functions", "[1,2]"), 400,
                    "InvalidRequestContentException");
        verifyError(call("POST", "/2015-03-31/functions", R"({"FunctionName":7})"), 400,
                    "InvalidRequestContentException");
        verifyError(call("POST", "/2015-03-31/functions", "{}"), 400, "ValidationException");
        verifyError(call("POST", "/2015-03-31/functions", "FunctionName=x",
                         {{"Content-Type", "application/x-www-form-urlencoded"}}),
                    415, "UnsupportedMediaTypeException");
        verifyError(call("GET", "/2015-03-31/functions/no-such/configuration"), 404,
                    "ResourceNotFoundException");
        verifyError(call("GET", "/2015-03-31/functions/bad%20name"), 400, "ValidationException");
        verifyError(call("PATCH", "/2015-03-31/functions/x"), 405, "MethodNotAllowedException");
        verifyError(call("GET", "/2015-03-31/nothing-here"), 404, "UnknownOperationException");
        verifyError(call("GET", "/2015-03-31/functions?MaxItems=0"), 400, "ValidationException");
        verifyError(call("GET", "/2015-03-31/functions?Marker=%25%25%25"), 400,
                    "InvalidParameterValueException");
        QByteArray badZip = createBody("junk", "this is no zip");
        verifyError(call("POST", "/2015-03-31/functions", badZip), 400,
                    "InvalidParameterValueException");
        QVERIFY(!QFileInfo::exists(m_project->filePath(u".lwb/functions/junk"_s)) ||
                QDir(m_project->filePath(u".lwb/functions/junk"_s)).isEmpty());

        // 10 MB to an operation that takes a few bytes.
        const QByteArray big(10 * 1024 * 1024, 'x');
        RawHttpReply r = call("PUT", "/2017-10-31/functions/x/concurrency", big);
        verifyError(r, 413, "RequestEntityTooLargeException");
        QCOMPARE(json(r.body)["message"].get<std::string>(),
                 std::string("Request must be smaller than 6291456 bytes for the "
                             "PutFunctionConcurrency operation"));
        // Invoke keeps its own 6 MB limit although the server now takes code uploads.
        QVERIFY(m_server->httpServer()->maxBodyBytes() > ControlPlane::kMaxCodeRequestBytes);
        r = call("POST", "/2015-03-31/functions/x/invocations", big, {});
        verifyError(r, 413, "RequestEntityTooLargeException");
        QCOMPARE(json(r.body)["message"].get<std::string>(),
                 std::string("Request must be smaller than 6291456 bytes for the InvokeFunction "
                             "operation"));

        // A truncated body: the client gives up half-way; the server carries on.
        {
            Call truncated(m_server->serverPort(),
                           "POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nContent-Type: "
                           "application/json\r\nContent-Length: 1000\r\n\r\n{\"FunctionName\":",
                           true);
            QTRY_VERIFY_WITH_TIMEOUT(truncated.m_closed, 10000);
            QVERIFY(!truncated.done());
        }
        QCOMPARE(call("GET", "/2016-08-19/account-settings/").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
