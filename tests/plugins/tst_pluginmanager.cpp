// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginefixtures.h"

#include "engine/engine.h"
#include "engine/journal.h"
#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace Lwb;

class TestPluginManager : public QObject
{
    Q_OBJECT

private:
    static const PluginSpec *find(const PluginManager &manager, const QString &fileStem)
    {
        for (const PluginSpec &spec : manager.plugins()) {
            if (QFileInfo(spec.fileName).completeBaseName() == fileStem) {
                return &spec;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void fixturesAreLoadedOrRejected()
    {
        PluginManager manager;
        manager.setSearchPaths({QStringLiteral(LWB_FIXTURE_PLUGIN_DIR)});
        manager.loadAll();
        QCOMPARE(manager.plugins().size(), size_t(5));

        const PluginSpec *good = find(manager, u"a_good"_s);
        QVERIFY(good);
        QVERIFY2(good->isLoaded(), qPrintable(good->error));
        QCOMPARE(good->id, u"fixture-tick"_s);
        QCOMPARE(good->triggerTypes, QStringList{u"FixtureTick"_s});
        QCOMPARE(manager.factories().size(), size_t(1));
        QCOMPARE(manager.factoryForEventType(u"FixtureTick"_s), good->factory);
        QVERIFY(!manager.factoryForEventType(u"Api"_s));

        const PluginSpec *duplicate = find(manager, u"b_duplicate"_s);
        QVERIFY(duplicate && !duplicate->isLoaded());
        QVERIFY2(duplicate->error.startsWith(u"duplicate id \"fixture-tick\""_s), qPrintable(duplicate->error));

        const PluginSpec *old = find(manager, u"old"_s);
        QVERIFY(old && !old->isLoaded());
        QVERIFY2(old->error.startsWith(u"too old"_s), qPrintable(old->error));

        const PluginSpec *malformed = find(manager, u"malformed"_s);
        QVERIFY(malformed && !malformed->isLoaded());
        QVERIFY2(malformed->error.startsWith(u"malformed metadata"_s), qPrintable(malformed->error));
        for (const char *field : {"Name", "Version", "TriggerTypes", "Id"}) {
            QVERIFY2(malformed->error.contains(QLatin1StringView(field)), qPrintable(malformed->error));
        }

        const PluginSpec *wrongIid = find(manager, u"wrongiid"_s);
        QVERIFY(wrongIid && !wrongIid->isLoaded());
        QVERIFY2(wrongIid->error.contains(u"org.lambdaworkbench.TriggerFactory/0.9"_s), qPrintable(wrongIid->error));

        QCOMPARE(manager.errors().size(), 4);
    }

    void rejectedPluginsAreNeverInstantiated()
    {
        // Metadata is checked before instance(): a rejected module is not even loaded.
        PluginManager manager;
        manager.setSearchPaths({QStringLiteral(LWB_FIXTURE_PLUGIN_DIR)});
        manager.loadAll();
        QFile maps(u"/proc/self/maps"_s);
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("a_good"));
        for (const char *rejected : {"b_duplicate", "/old", "malformed", "wrongiid"}) {
            QVERIFY2(!mapped.contains(rejected), rejected);
        }
    }

    void searchPathsFromTheEnvironmentComeFirst()
    {
        qputenv("LWB_PLUGIN_PATH", QByteArray(LWB_FIXTURE_PLUGIN_DIR) + ":/nonexistent");
        const QStringList paths = PluginManager::defaultSearchPaths();
        qunsetenv("LWB_PLUGIN_PATH");
        QCOMPARE(paths.value(0), QStringLiteral(LWB_FIXTURE_PLUGIN_DIR));
        QCOMPARE(paths.value(1), u"/nonexistent"_s);
        QVERIFY(paths.size() >= 3); // then the build tree and/or the installed folder
        QVERIFY(paths.last().endsWith(u"/lambda-workbench/plugins"_s));
    }

    void cliListsPluginsAndWhyOthersWereRejected()
    {
        QProcess lwb;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LWB_PLUGIN_PATH"_s, QStringLiteral(LWB_FIXTURE_PLUGIN_DIR));
        lwb.setProcessEnvironment(env);
        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s, {u"plugins"_s});
        QVERIFY(lwb.waitForFinished(30000));
        const QString out = QString::fromUtf8(lwb.readAllStandardOutput());
        QCOMPARE(lwb.exitCode(), 1); // some were rejected
        QVERIFY2(out.contains(u"fixture-tick 0.1.0  Fixture ticks  [FixtureTick]"_s), qPrintable(out));
        QCOMPARE(out.count(u"REJECTED"_s), 4);
        QVERIFY2(out.contains(u"b_duplicate.so: duplicate id"_s), qPrintable(out));

        lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s, {u"plugins"_s, u"-o"_s, u"json"_s});
        QVERIFY(lwb.waitForFinished(30000));
        const auto json = nlohmann::json::parse(lwb.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(json.is_object());
        QCOMPARE(json["searchPaths"][0].get<std::string>(), std::string(LWB_FIXTURE_PLUGIN_DIR));
        int loaded = 0; // of the fixtures (the build tree's real plugins come after them)
        for (const auto &p : json["plugins"]) {
            if (QString::fromStdString(p["file"].get<std::string>()).startsWith(QStringLiteral(LWB_FIXTURE_PLUGIN_DIR))) {
                loaded += p["loaded"].get<bool>() ? 1 : 0;
            }
        }
        QCOMPARE(loaded, 1);
    }

    void factoryValidatesAndRunsASourceAgainstTheEngine()
    {
        PluginManager manager;
        manager.setSearchPaths({QStringLiteral(LWB_FIXTURE_PLUGIN_DIR)});
        manager.loadAll();
        TriggerFactory *factory = manager.factoryForEventType(u"FixtureTick"_s);
        QVERIFY(factory);

        QStringList errors;
        QVERIFY(factory->validate(u"FixtureTick"_s, {{"Count", 0}}, &errors).is_null());
        QCOMPARE(errors, QStringList{u"Count must be a positive integer"_s});
        const nlohmann::json normalised = factory->validate(u"FixtureTick"_s, nlohmann::json::object(), &errors);
        QCOMPARE(normalised.value("Count", 0), 1);
        QCOMPARE(factory->eventTemplates().size(), size_t(1));

        // A source made by the plugin submits real invocations to a real engine.
        Engine engine;
        engine.setFunctions({Test::fixture(u"python-hello"_s, u"python3.12"_s, u"app.handler"_s)});
        int finished = 0;
        connect(engine.journal(), &Journal::recordAppended, this, [&finished](const JournalRecord &r) {
            if (r.kind == JournalKind::InvokeFinished && r.data.value("status", std::string()) == "success") {
                ++finished;
            }
        });
        TriggerContext context;
        context.engine = &engine;
        context.functionLogicalId = u"python-hello"_s;
        context.eventName = u"Ticks"_s;
        context.properties = {{"Count", 3}};
        QString error;
        std::unique_ptr<TriggerSource> source = factory->createSource(context, &error);
        QVERIFY(source);
        QVERIFY2(source->start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(finished, 3, 30000);
        source->stop();
    }
};

QTEST_GUILESS_MAIN(TestPluginManager)
#include "tst_pluginmanager.moc"
