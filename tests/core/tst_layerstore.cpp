// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Published layer versions (core/layers): zips made by Python's zipfile, unzipped once into the
// store, numbered as Lambda numbers them, resolved by ARN, and mounted at /opt for real Python
// and Node.js functions that import a library from the layer.
#include "enginefixtures.h"

#include "engine/engine.h"
#include "layers/layerstore.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using namespace Lwb::Test;

namespace {

/** A zip of @p files (path → content; a mode suffix "|755" makes a file executable). */
QByteArray makeZip(const QMap<QString, QByteArray> &files)
{
    QTemporaryDir dir;
    QStringList script{u"import sys, zipfile"_s,
                       u"z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)"_s};
    int n = 0;
    for (auto it = files.cbegin(); it != files.cend(); ++it, ++n) {
        const QString data = dir.filePath(QString::number(n));
        writeFile(data, it.value());
        QString path = it.key();
        QString mode = u"644"_s;
        if (path.contains(u'|')) {
            mode = path.section(u'|', 1);
            path = path.section(u'|', 0, 0);
        }
        script << u"i = zipfile.ZipInfo(%1)"_s.arg(u"'"_s + path + u"'"_s)
               << u"i.external_attr = (0o100%1) << 16"_s.arg(mode)
               << u"z.writestr(i, open(%1, 'rb').read())"_s.arg(u"'"_s + data + u"'"_s);
    }
    script << u"z.close()"_s;
    const QString out = dir.filePath(u"out.zip"_s);
    QProcess p;
    p.start(u"/usr/bin/python3"_s, {u"-c"_s, script.join(u'\n'), out});
    p.waitForFinished(30000);
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

LayerConfig byArn(const QString &arn)
{
    LayerConfig layer;
    layer.logicalId = arn;
    layer.name = arn;
    layer.unresolvedReference = arn;
    return layer;
}

} // namespace

class TestLayerStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void publishNumbersAndStoresOnce()
    {
        LayerStore store;
        QString error;
        QVERIFY2(store.open(m_dir.filePath(u"numbers"_s), &error), qPrintable(error));
        const QByteArray zip =
            makeZip({{u"python/lib.py"_s, "X = 1\n"}, {u"bin/tool|755"_s, "#!/bin/sh\n"}});
        QVERIFY(!zip.isEmpty());
        LayerVersion details;
        details.description = u"a library"_s;
        details.compatibleRuntimes = {u"python3.11"_s};
        VersionError verror;
        const auto v1 = store.publish(u"lib"_s, zip, details, &verror);
        QVERIFY2(v1, qPrintable(verror.message));
        QCOMPARE(v1->version, qint64(1));
        QCOMPARE(v1->codeSize, zip.size());
        QCOMPARE(v1->codeSha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toBase64()));
        QVERIFY(v1->createdDate().endsWith(u"+0000"_s));
        QCOMPARE(QFile(v1->contentDir + u"/python/lib.py"_s).size(), 6);
        QVERIFY(QFileInfo(v1->contentDir + u"/bin/tool"_s).isExecutable());
        QVERIFY(
            !(QFileInfo(v1->contentDir + u"/python/lib.py"_s).permissions() & QFile::WriteOwner));

        // Same bytes again: a new version, the same content folder.
        const auto v2 = store.publish(u"lib"_s, zip, details, &verror);
        QCOMPARE(v2->version, qint64(2));
        QCOMPARE(v2->contentDir, v1->contentDir);
        QCOMPARE(QDir(store.rootDir() + u"/content"_s)
                     .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                     .size(),
                 1);
        QCOMPARE(store.layers(), QStringList{u"lib"_s});
        QCOMPARE(store.versions(u"lib"_s).size(), std::size_t(2));
        QCOMPARE(store.versions(u"lib"_s).front().version, qint64(2)); // newest first

        // Deleted: gone from Get and List, the number is not reused, functions still resolve it.
        QVERIFY(store.deleteVersion(u"lib"_s, 2, &verror));
        QVERIFY(store.deleteVersion(u"lib"_s, 7, &verror)); // nothing there: still fine
        QVERIFY(!store.version(u"lib"_s, 2, &verror));
        QCOMPARE(verror.code, VersionErrorCode::NotFound);
        QCOMPARE(verror.message, u"The resource you requested does not exist."_s);
        QCOMPARE(*store.resolve(store.layerVersionArn(u"lib"_s, 2)), v1->contentDir);
        QCOMPARE(store.publish(u"lib"_s, zip, details, &verror)->version, qint64(3));

        // A second store on the folder (another process) sees the same.
        LayerStore other;
        QVERIFY(other.open(m_dir.filePath(u"numbers"_s)));
        QCOMPARE(other.version(u"lib"_s, 1)->description, u"a library"_s);
        QCOMPARE(other.layerVersionArn(u"lib"_s, 3),
                 u"arn:aws:lambda:us-east-1:123456789012:layer:lib:3"_s);
    }

    void refusesBadZipsAndNames()
    {
        LayerStore store;
        QVERIFY(store.open({}));
        VersionError verror;
        QVERIFY(!store.publish(u"bad"_s, "not a zip", {}, &verror));
        QCOMPARE(verror.code, VersionErrorCode::InvalidParameter);
        QVERIFY(verror.message.startsWith(u"Could not unzip uploaded file."_s));
        QVERIFY(!store.publish(u"bad"_s, makeZip({{u"../escape.txt"_s, "x"}}), {}, &verror));
        QCOMPARE(verror.code, VersionErrorCode::InvalidParameter);
        QVERIFY(!QFileInfo::exists(QFileInfo(store.rootDir()).absolutePath() + u"/escape.txt"_s));
        QVERIFY(store.layers().isEmpty());

        QCOMPARE(*store.layerName(u"my-layer_1"_s), u"my-layer_1"_s);
        QCOMPARE(*store.layerName(u"arn:aws:lambda:us-east-1:123456789012:layer:lib"_s), u"lib"_s);
        QVERIFY(!store.layerName(u"bad name"_s, &verror));
        QCOMPARE(verror.code, VersionErrorCode::InvalidParameter);
        QVERIFY(!store.layerName(u"arn:aws:lambda:eu-west-1:123456789012:layer:lib"_s, &verror));
        QCOMPARE(verror.code, VersionErrorCode::NotFound);
        QString why;
        QVERIFY(!store.resolve(u"arn:aws:lambda:us-east-1:123456789012:layer:none:1"_s, &why));
        QVERIFY(!why.isEmpty());
    }

    void functionsImportFromLayers_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::addColumn<QString>("handler");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("sourceName");
        QTest::newRow("python")
            << u"python3.11"_s << u"app.handler"_s
            << QByteArray("import greeting\n"
                          "def handler(event, context):\n"
                          "    return {'greeting': greeting.hello(), 'file': greeting.__file__}\n")
            << u"app.py"_s;
        QTest::newRow("nodejs")
            << u"nodejs20.x"_s << u"index.handler"_s
            << QByteArray("const greeting = require('greeting');\n"
                          "exports.handler = async () => ({greeting: greeting.hello(),\n"
                          "  file: require.resolve('greeting')});\n")
            << u"index.js"_s;
    }

    void functionsImportFromLayers()
    {
        QFETCH(QString, runtime);
        QFETCH(QString, handler);
        QFETCH(QByteArray, source);
        QFETCH(QString, sourceName);
        if (runtime.startsWith(u"nodejs"_s) && !QFileInfo::exists(u"/usr/bin/node"_s)) {
            QSKIP("node is not installed");
        }
        LayerStore store;
        QVERIFY(store.open(m_dir.filePath(u"import"_s)));
        // The first layer's greeting is shadowed by the second's: later layers win, as on Lambda.
        const auto old =
            store.publish(u"old"_s,
                          makeZip({{u"python/greeting.py"_s, "def hello():\n    return 'old'\n"},
                                   {u"nodejs/node_modules/greeting/index.js"_s,
                                    "exports.hello = () => 'old';\n"}}),
                          {});
        const auto lib = store.publish(
            u"greeting"_s,
            makeZip({{u"python/greeting.py"_s, "def hello():\n    return 'hello from a layer'\n"},
                     {u"nodejs/node_modules/greeting/index.js"_s,
                      "exports.hello = () => 'hello from a layer';\n"}}),
            {});
        QVERIFY(old && lib);

        Engine engine;
        store.install(engine);
        FunctionConfig f;
        f.logicalId = f.functionName = u"uses-layer"_s;
        f.runtime = runtime;
        f.handler = handler;
        f.codeDir = m_dir.filePath(u"import-code/"_s + runtime);
        writeFile(f.codeDir + u'/' + sourceName, source);
        f.layers = {byArn(store.layerVersionArn(u"old"_s, 1)),
                    byArn(store.layerVersionArn(u"greeting"_s, 1)),
                    byArn(u"arn:aws:lambda:us-east-1:123456789012:layer:missing:4"_s)};
        engine.setFunctions({f});
        const InvokeResult r = invokeSync(engine, u"uses-layer"_s);
        QVERIFY2(!r.functionError && !r.isServiceError(), r.payload.constData());
        QCOMPARE(json(r)["greeting"].get<std::string>(), std::string("hello from a layer"));
        QVERIFY2(
            QString::fromStdString(json(r)["file"].get<std::string>()).startsWith(u"/opt/"_s) ||
                QString::fromStdString(json(r)["file"].get<std::string>())
                    .startsWith(store.rootDir()),
            r.payload.constData());
        // The layer nobody published is reported, and the function runs without it.
        QVERIFY(engine.warnings().join(u'\n').contains(u"layer:missing:4"_s));
    }
};

QTEST_GUILESS_MAIN(TestLayerStore)
#include "tst_layerstore.moc"
