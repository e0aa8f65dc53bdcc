// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Published versions and aliases in the engine, with real processes and a real git store:
// a version runs its own snapshot after $LATEST changed, PublishVersion returns the existing
// version when nothing changed, AutoPublishAlias goes through the project's store, aliases route
// by weight, and a second engine on the same store sees everything.
#include "enginefixtures.h"

#include "engine/engine.h"
#include "engine/executionenvironment.h"
#include "versions/versionstore.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;
using namespace Lwb::Test;

namespace {

QByteArray handlerSource(const QByteArray &label)
{
    return "import os\n"
           "def handler(event, context):\n"
           "    return {'label': '" +
           label +
           "', 'version': context.function_version,\n"
           "            'env_version': os.environ['AWS_LAMBDA_FUNCTION_VERSION']}\n";
}

FunctionConfig function(const QString &codeDir)
{
    FunctionConfig f;
    f.logicalId = u"Versioned"_s;
    f.functionName = u"versioned"_s;
    f.runtime = u"python3.11"_s;
    f.handler = u"app.handler"_s;
    f.codeDir = codeDir;
    return f;
}

std::string label(const InvokeResult &r)
{
    const auto body = json(r);
    return body.is_object() ? body.value("label", std::string()) : std::string();
}

} // namespace

class TestEngineVersions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString codeDir(const QString &name, const QByteArray &label) const
    {
        writeFile(m_dir.filePath(name + u"/app.py"_s), handlerSource(label));
        return m_dir.filePath(name);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void versionRunsItsSnapshot()
    {
        const QString repo = m_dir.filePath(u"snapshot/.lwb/versions.git"_s);
        Engine engine;
        QString error;
        QVERIFY2(engine.openVersionStore(repo, &error), qPrintable(error));
        const QString code = codeDir(u"snapshot/code"_s, "one");
        engine.setFunctions({function(code)});

        VersionError verror;
        const auto v1 = engine.publishVersion(u"versioned"_s, u"first"_s, {}, &verror);
        QVERIFY2(v1, qPrintable(verror.message));
        QCOMPARE(v1->version, u"1"_s);
        QCOMPARE(v1->description, u"first"_s);
        // Nothing changed: the same version, not a new one.
        const auto again = engine.publishVersion(u"versioned"_s, u"again"_s, {}, &verror);
        QVERIFY(again);
        QCOMPARE(again->version, u"1"_s);
        QCOMPARE(engine.versions(u"versioned"_s), QStringList{u"1"_s});

        // $LATEST changes in place, before version 1 ever ran: :1 still runs its snapshot.
        writeFile(code + u"/app.py"_s, handlerSource("changed"));
        const InvokeResult latest = invokeSync(engine, u"versioned"_s);
        QCOMPARE(latest.executedVersion, u"$LATEST"_s);
        QCOMPARE(label(latest), std::string("changed"));
        const InvokeResult one = invokeSync(engine, u"versioned"_s, {}, u"1"_s);
        QVERIFY2(!one.functionError && !one.isServiceError(), one.payload.constData());
        QCOMPARE(one.executedVersion, u"1"_s);
        QCOMPARE(label(one), std::string("one"));
        QCOMPARE(json(one)["version"].get<std::string>(), std::string("1"));
        QCOMPARE(json(one)["env_version"].get<std::string>(), std::string("1"));
        for (ExecutionEnvironment *env : engine.environments()) {
            if (env->version() == u"1"_s) {
                QVERIFY(env->spec().function.codeDir.startsWith(
                    m_dir.filePath(u"snapshot/.lwb/versions/"_s)));
            }
        }

        // A new code folder (as UpdateFunctionCode makes one): version 2, and 1 is unchanged.
        engine.setFunctions({function(codeDir(u"snapshot/code2"_s, "two"))});
        const auto v2 = engine.publishVersion(u"versioned"_s, {}, {}, &verror);
        QVERIFY2(v2, qPrintable(verror.message));
        QCOMPARE(v2->version, u"2"_s);
        QCOMPARE(label(invokeSync(engine, u"versioned"_s, {}, u"2"_s)), std::string("two"));
        // Version 1's environment outlived the change of $LATEST: a warm start.
        const InvokeResult warm = invokeSync(engine, u"versioned"_s, {}, u"1"_s);
        QCOMPARE(label(warm), std::string("one"));
        QVERIFY(!warm.coldStart);

        // A configuration change alone is a new version too.
        FunctionConfig bigger = function(m_dir.filePath(u"snapshot/code2"_s));
        bigger.memoryMb = 256;
        engine.setFunctions({bigger});
        QCOMPARE(engine.publishVersion(u"versioned"_s, {}, {}, &verror)->version, u"3"_s);

        // A CodeSha256 guard that does not match: PreconditionFailed, nothing published.
        QVERIFY(!engine.publishVersion(u"versioned"_s, {}, u"bm90IHRoZSBzaGE="_s, &verror));
        QCOMPARE(verror.code, VersionErrorCode::PreconditionFailed);
        QCOMPARE(verror.httpStatus(), 412);

        const InvokeResult unknown = invokeSync(engine, u"versioned"_s, {}, u"9"_s);
        QCOMPARE(unknown.httpStatus, 404);
        QVERIFY(unknown.serviceErrorMessage.endsWith(u":function:versioned:9"_s));
        QVERIFY(!engine.publishVersion(u"nosuch"_s, {}, {}, &verror));
        QCOMPARE(verror.code, VersionErrorCode::NotFound);
    }

    void weightedAlias()
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.openVersionStore(m_dir.filePath(u"weights/versions.git"_s), &error),
                 qPrintable(error));
        engine.setFunctions({function(codeDir(u"weights/one"_s, "one"))});
        VersionError verror;
        QVERIFY(engine.publishVersion(u"versioned"_s, {}, {}, &verror));
        engine.setFunctions({function(codeDir(u"weights/two"_s, "two"))});
        QVERIFY(engine.publishVersion(u"versioned"_s, {}, {}, &verror));

        AliasConfig alias;
        alias.function = u"versioned"_s;
        alias.name = u"live"_s;
        alias.functionVersion = u"1"_s;
        alias.additionalVersionWeights.insert(u"2"_s, 0.1);
        const auto created = engine.createAlias(alias, &verror);
        QVERIFY2(created, qPrintable(verror.message));
        QCOMPARE(engine.aliases(u"versioned"_s).value(u"live"_s), u"1"_s);

        // 10,000 invocations of the alias, eight at a time: 90 / 10 within ±2 %.
        constexpr int total = 10000;
        constexpr int parallel = 8;
        int started = 0;
        int finished = 0;
        int toTwo = 0;
        int mismatched = 0;
        // Counted when queued, so that exactly `total` are sent.
        std::function<void()> next = [&] {
            InvokeRequest request;
            request.functionName = u"versioned"_s;
            request.qualifier = u"live"_s;
            engine.invoke(request, [&](const InvokeResult &r) {
                ++finished;
                toTwo += r.executedVersion == u"2"_s ? 1 : 0;
                const std::string expected = r.executedVersion == u"2"_s ? "two" : "one";
                mismatched +=
                    label(r) == expected && json(r)["version"] == r.executedVersion.toStdString()
                        ? 0
                        : 1;
                if (started < total) {
                    ++started;
                    QMetaObject::invokeMethod(&engine, next, Qt::QueuedConnection);
                }
            });
        };
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < parallel; ++i) {
            ++started;
            next();
        }
        QVERIFY2(QTest::qWaitFor([&] { return finished >= total; }, 240000),
                 qPrintable(u"%1 of %2 finished"_s.arg(finished).arg(total)));
        qInfo("%d invokes of the alias in %lld ms; %d ran version 2", total, clock.elapsed(),
              toTwo);
        QCOMPARE(finished, total);
        QCOMPARE(mismatched, 0);
        QVERIFY2(toTwo >= 800 && toTwo <= 1200, qPrintable(QString::number(toTwo)));

        // Routing follows UpdateAlias at once; without weights everything runs one version.
        AliasUpdate update;
        update.functionVersion = u"2"_s;
        update.additionalVersionWeights = QMap<QString, double>();
        QVERIFY(engine.updateAlias(u"versioned"_s, u"live"_s, update, &verror));
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(invokeSync(engine, u"versioned"_s, {}, u"live"_s).executedVersion, u"2"_s);
        }
        // An aliased version cannot be deleted; an alias that is gone no longer routes.
        QVERIFY(!engine.deleteVersion(u"versioned"_s, u"2"_s, &verror));
        QCOMPARE(verror.code, VersionErrorCode::Conflict);
        QVERIFY(engine.deleteAlias(u"versioned"_s, u"live"_s, &verror));
        QCOMPARE(invokeSync(engine, u"versioned"_s, {}, u"live"_s).httpStatus, 404);
        QVERIFY(engine.deleteVersion(u"versioned"_s, u"1"_s, &verror));
        QCOMPARE(invokeSync(engine, u"versioned"_s, {}, u"1"_s).httpStatus, 404);
        QCOMPARE(engine.versions(u"versioned"_s), QStringList{u"2"_s});
    }

    void storeOutlivesTheEngine()
    {
        const QString repo = m_dir.filePath(u"restart/versions.git"_s);
        const FunctionConfig f = function(codeDir(u"restart/code"_s, "one"));
        {
            Engine engine;
            QVERIFY(engine.openVersionStore(repo));
            engine.setFunctions({f});
            VersionError verror;
            QVERIFY(engine.publishVersion(u"versioned"_s, {}, {}, &verror));
            AliasConfig alias;
            alias.function = u"versioned"_s;
            alias.name = u"prod"_s;
            alias.functionVersion = u"1"_s;
            QVERIFY(engine.createAlias(alias, &verror));
        }
        writeFile(f.codeDir + u"/app.py"_s, handlerSource("later"));
        Engine engine;
        QVERIFY(engine.openVersionStore(repo));
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"versioned"_s), QStringList{u"1"_s});
        const InvokeResult viaAlias = invokeSync(engine, u"versioned"_s, {}, u"prod"_s);
        QCOMPARE(viaAlias.executedVersion, u"1"_s);
        QCOMPARE(label(viaAlias), std::string("one"));
        QCOMPARE(label(invokeSync(engine, u"versioned"_s)), std::string("later"));
    }

    void autoPublishAliasUsesTheOpenedStore()
    {
        // As `lwb local start-lambda` does it: functions first, then the project's store.
        const QString repo = m_dir.filePath(u"auto/.lwb/versions.git"_s);
        FunctionConfig f = function(codeDir(u"auto/code"_s, "auto"));
        f.autoPublishAlias = u"live"_s;
        Engine engine;
        engine.setFunctions({f});
        QVERIFY(engine.openVersionStore(repo));
        QCOMPARE(engine.versionStore()->repositoryPath(), QFileInfo(repo).absoluteFilePath());

        VersionStore store;
        QVERIFY(store.open(repo));
        QCOMPARE(store.versions(u"versioned"_s), QStringList{u"1"_s});
        QCOMPARE(store.alias(u"versioned"_s, u"live"_s)->functionVersion, u"1"_s);
        const InvokeResult r = invokeSync(engine, u"versioned"_s, {}, u"live"_s);
        QCOMPARE(r.executedVersion, u"1"_s);
        QCOMPARE(label(r), std::string("auto"));

        // The same again publishes nothing; a change publishes 2 and moves the alias.
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"versioned"_s), QStringList{u"1"_s});
        f.timeoutSeconds = 5;
        engine.setFunctions({f});
        QCOMPARE(engine.versions(u"versioned"_s), (QStringList{u"1"_s, u"2"_s}));
        QCOMPARE(store.alias(u"versioned"_s, u"live"_s)->functionVersion, u"2"_s);
        QCOMPARE(invokeSync(engine, u"versioned"_s, {}, u"live"_s).executedVersion, u"2"_s);
    }

    void provisionedConcurrencyOnAPublishedVersion()
    {
        // PutProvisionedConcurrencyConfig on version 1: two environments initialised ahead of
        // traffic, used warm by `:1`; lowering it to 0 ends them.
        Engine engine;
        engine.setFunctions({function(codeDir(u"provisioned/code"_s, "pc"))});
        VersionError verror;
        QVERIFY(engine.publishVersion(u"versioned"_s, {}, {}, &verror));
        QString error;
        QVERIFY(!engine.setProvisionedConcurrency(u"versioned"_s, u"$LATEST"_s, 1, &error));
        QVERIFY(!engine.setProvisionedConcurrency(u"versioned"_s, u"7"_s, 1, &error));
        QVERIFY2(engine.setProvisionedConcurrency(u"versioned"_s, u"1"_s, 2, &error), qPrintable(error));
        auto ready = [&engine] {
            int n = 0;
            for (ExecutionEnvironment *env : engine.environments(u"versioned"_s)) {
                n += env->isProvisioned() && env->version() == u"1"_s &&
                     env->state() == ExecutionEnvironment::State::Idle;
            }
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(ready(), 2, 20000);
        QCOMPARE(engine.provisionedEnvironments(u"versioned"_s, u"1"_s), 2);
        const InvokeResult r = invokeSync(engine, u"versioned"_s, {}, u"1"_s);
        QVERIFY(!r.coldStart);
        QCOMPARE(label(r), std::string("pc"));
        // The same count again changes nothing; 0 ends them.
        QVERIFY(engine.setProvisionedConcurrency(u"versioned"_s, u"1"_s, 2, &error));
        QCOMPARE(engine.provisionedEnvironments(u"versioned"_s, u"1"_s), 2);
        QVERIFY(engine.setProvisionedConcurrency(u"versioned"_s, u"1"_s, 0, &error));
        QTRY_COMPARE_WITH_TIMEOUT(engine.provisionedEnvironments(u"versioned"_s, u"1"_s), 0, 10000);
    }

    void withoutAProjectAStoreOfItsOwn()
    {
        Engine engine;
        engine.setFunctions({function(codeDir(u"own/code"_s, "own"))});
        VersionError verror;
        QVERIFY(engine.publishVersion(u"versioned"_s, {}, {}, &verror));
        const QString path = engine.versionStore()->repositoryPath();
        QVERIFY(!path.startsWith(m_dir.path()));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(label(invokeSync(engine, u"versioned"_s, {}, u"1"_s)), std::string("own"));
    }
};

QTEST_GUILESS_MAIN(TestEngineVersions)
#include "tst_engineversions.moc"
