// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The version, alias and layer operations on the wire, over raw HTTP against an in-process
// InvokeApiServer set up by the "versions" and "layers" engine extensions as
// `lwb local start-lambda` sets them up: both forms of every path, percent-encoded ARNs, AWS's
// error shapes, paging, and X-Amz-Executed-Version under weighted routing.
#include "enginefixtures.h"
#include "rawhttpreply.h"

#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "engine/engine.h"

#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using namespace Lwb::Test;

namespace {

/** One raw HTTP/1.1 exchange on its own connection. */
class Call : public QObject
{
public:
    Call(quint16 port, const QByteArray &request)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this,
                [this] { m_buffer += m_socket.readAll(); });
        connect(&m_socket, &QTcpSocket::connected, this,
                [this, request] { m_socket.write(request); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    RawHttpReply wait()
    {
        std::optional<RawHttpReply> reply;
        const bool ok = QTest::qWaitFor(
            [&] {
                RawHttpReply r;
                if (parseRawHttpReply(m_buffer, r) > 0) {
                    reply = r;
                }
                return reply.has_value();
            },
            60000);
        [&] { QVERIFY2(ok, "no reply"); }();
        return reply.value_or(RawHttpReply{});
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

nlohmann::json parse(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.toStdString(), nullptr, false);
}

FunctionConfig labelled(const QString &dir, const QByteArray &label)
{
    writeFile(dir + u"/app.py"_s,
              "def handler(event, context):\n    return {'label': '" + label + "'}\n");
    FunctionConfig f;
    f.logicalId = f.functionName = u"fn"_s;
    f.runtime = u"python3.11"_s;
    f.handler = u"app.handler"_s;
    f.codeDir = dir;
    return f;
}

} // namespace

class TestVersionsApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_project;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<InvokeApiServer> m_server;

    RawHttpReply http(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {})
    {
        QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        Call call(m_server->serverPort(), request);
        return call.wait();
    }

    void verifyError(const RawHttpReply &reply, int status, const QByteArray &code,
                     const QByteArray &message = {})
    {
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.header("x-amzn-ErrorType"), code);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!reply.header("x-amzn-RequestId").isEmpty());
        QCOMPARE(parse(reply.body)["Type"].get<std::string>(), std::string("User"));
        if (!message.isEmpty()) {
            QCOMPARE(QByteArray::fromStdString(parse(reply.body)["message"].get<std::string>()),
                     message);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_project.isValid());
        m_engine = std::make_unique<Engine>();
        m_engine->setFunctions({labelled(m_project.filePath(u"v1"_s), "one")});
        EngineExtensionContext context;
        context.projectDir = m_project.path();
        context.templatePath = m_project.filePath(u"template.yaml"_s);
        QStringList attached;
        for (const EngineExtensions::Extension &extension : EngineExtensions::all()) {
            if (extension.name == u"versions"_s || extension.name == u"layers"_s) {
                extension.attach(*m_engine, context);
                attached << extension.name;
            }
        }
        QCOMPARE(attached.size(), 2);
        m_server = std::make_unique<InvokeApiServer>(m_engine.get());
        for (const EngineExtensions::Extension &extension : EngineExtensions::all()) {
            if (attached.contains(extension.name) && extension.attachApi) {
                extension.attachApi(*m_server, context);
            }
        }
        QVERIFY(m_server->listen());
    }

    void bothFormsOfEveryPath()
    {
        RawHttpReply r =
            http("POST", "/2015-03-31/functions/fn/versions/", R"({"Description":"d"})");
        QCOMPARE(r.status, 201);
        QVERIFY(!r.header("x-amzn-RequestId").isEmpty());
        QCOMPARE(parse(r.body)["Version"].get<std::string>(), std::string("1"));
        QCOMPARE(http("POST", "/2015-03-31/functions/fn/versions").status, 201);
        QCOMPARE(http("GET", "/2015-03-31/functions/fn/versions/").status, 200);
        QCOMPARE(http("GET", "/2015-03-31/functions/fn/versions").status, 200);
        r = http("POST", "/2015-03-31/functions/fn/aliases/",
                 R"({"Name":"a1","FunctionVersion":"1"})");
        QCOMPARE(r.status, 201);
        QCOMPARE(http("GET", "/2015-03-31/functions/fn/aliases/a1/").status, 200);
        QCOMPARE(http("GET", "/2015-03-31/functions/fn/aliases/a1").status, 200);
        QCOMPARE(http("GET", "/2015-03-31/functions/fn/aliases/").status, 200);
        QCOMPARE(
            http("PUT", "/2015-03-31/functions/fn/aliases/a1/", R"({"Description":"x"})").status,
            200);
        QCOMPARE(http("DELETE", "/2015-03-31/functions/fn/aliases/a1/").status, 204);
        QCOMPARE(http("GET", "/2018-10-31/layers/").status, 200);
        QCOMPARE(http("GET", "/2018-10-31/layers").status, 200);
        QCOMPARE(http("GET", "/2018-10-31/layers/none/versions/").status, 200);
        QCOMPARE(http("DELETE", "/2018-10-31/layers/none/versions/3/").status, 204);
        verifyError(http("GET", "/2018-10-31/layers/none/versions/3/"), 404,
                    "ResourceNotFoundException", "The resource you requested does not exist.");
        // A percent-encoded ARN names the function too.
        r = http("GET", "/2015-03-31/functions/"
                        "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Afn/versions");
        QCOMPARE(r.status, 200);
        QCOMPARE(parse(r.body)["Versions"].size(), std::size_t(2));
        // Other methods are not these operations.
        QCOMPARE(http("PATCH", "/2015-03-31/functions/fn/versions").status, 404);
    }

    void errorShapes()
    {
        verifyError(http("POST", "/2015-03-31/functions/nosuch/versions"), 404,
                    "ResourceNotFoundException",
                    "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nosuch");
        verifyError(http("POST", "/2015-03-31/functions/fn/versions", "{not json"), 400,
                    "InvalidRequestContentException");
        verifyError(http("POST", "/2015-03-31/functions/fn/versions", R"({"Description":7})"), 400,
                    "InvalidParameterValueException");
        verifyError(http("GET", "/2015-03-31/functions/fn/versions?MaxItems=0"), 400,
                    "InvalidParameterValueException");
        verifyError(http("POST", "/2015-03-31/functions/fn/aliases", R"({"FunctionVersion":"1"})"),
                    400, "ValidationException");
        verifyError(http("POST", "/2015-03-31/functions/fn/aliases",
                         R"({"Name":"42","FunctionVersion":"1"})"),
                    400, "InvalidParameterValueException");
        verifyError(
            http(
                "POST", "/2015-03-31/functions/fn/aliases",
                R"({"Name":"w","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"1":"x"}}})"),
            400, "InvalidParameterValueException");
        verifyError(http("GET", "/2015-03-31/functions/fn/aliases/nope"), 404,
                    "ResourceNotFoundException",
                    "Alias not found: arn:aws:lambda:us-east-1:123456789012:function:fn:nope");
        verifyError(
            http("POST", "/2018-10-31/layers/lib/versions", R"({"Content":{"ZipFile":"%%%"}})"),
            400, "InvalidParameterValueException");
        verifyError(http("POST", "/2018-10-31/layers/lib/versions", R"({})"), 400,
                    "ValidationException");
        verifyError(http("GET", "/2018-10-31/layers/lib/versions/x"), 400,
                    "InvalidParameterValueException");
    }

    void paging()
    {
        // Three more versions by configuration: $LATEST + 4 versions, pages of two.
        for (int memory : {256, 512, 1024}) {
            FunctionConfig f = labelled(m_project.filePath(u"v1"_s), "one");
            f.memoryMb = memory;
            m_engine->setFunctions({f});
            QCOMPARE(http("POST", "/2015-03-31/functions/fn/versions").status, 201);
        }
        QStringList seen;
        QByteArray marker;
        int pages = 0;
        do {
            const RawHttpReply r =
                http("GET", "/2015-03-31/functions/fn/versions?MaxItems=2" +
                                (marker.isEmpty() ? QByteArray() : "&Marker=" + marker));
            QCOMPARE(r.status, 200);
            const auto body = parse(r.body);
            QVERIFY(body["Versions"].size() <= 2);
            for (const auto &v : body["Versions"]) {
                seen << QString::fromStdString(v["Version"].get<std::string>());
            }
            marker = body.contains("NextMarker")
                         ? QByteArray::fromStdString(body["NextMarker"].get<std::string>())
                         : QByteArray();
            ++pages;
        } while (!marker.isEmpty() && pages < 10);
        QCOMPARE(seen, (QStringList{u"$LATEST"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
        QCOMPARE(pages, 3);
    }

    void executedVersionUnderWeights()
    {
        m_engine->setFunctions({labelled(m_project.filePath(u"v2"_s), "two")});
        const RawHttpReply published = http("POST", "/2015-03-31/functions/fn/versions");
        QCOMPARE(published.status, 201);
        const std::string two = parse(published.body)["Version"].get<std::string>();
        const QByteArray body = QByteArray::fromStdString(nlohmann::json{
            {"Name", "canary"},
            {"FunctionVersion", "1"},
            {"RoutingConfig",
             {{"AdditionalVersionWeights", {{two, 0.5}}}}}}.dump());
        const RawHttpReply alias = http("POST", "/2015-03-31/functions/fn/aliases", body);
        QCOMPARE(alias.status, 201);
        QCOMPARE(parse(alias.body)["RoutingConfig"]["AdditionalVersionWeights"][two].get<double>(),
                 0.5);

        int toTwo = 0;
        constexpr int total = 400;
        for (int i = 0; i < total; ++i) {
            const RawHttpReply r =
                http("POST", "/2015-03-31/functions/fn/invocations?Qualifier=canary", "{}");
            QCOMPARE(r.status, 200);
            const QByteArray executed = r.header("X-Amz-Executed-Version");
            const bool isTwo = executed == QByteArray::fromStdString(two);
            QVERIFY2(isTwo || executed == "1", executed.constData());
            QCOMPARE(parse(r.body)["label"].get<std::string>(), std::string(isTwo ? "two" : "one"));
            toTwo += isTwo ? 1 : 0;
        }
        // Binomial(400, 0.5): 200 ± 60 is beyond six standard deviations.
        QVERIFY2(toTwo > 140 && toTwo < 260, qPrintable(QString::number(toTwo)));
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_engine.reset();
    }
};

QTEST_GUILESS_MAIN(TestVersionsApi)
#include "tst_versionsapi.moc"
