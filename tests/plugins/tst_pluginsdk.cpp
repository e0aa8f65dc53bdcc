// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

// The plugin SDK as a plugin author uses it: install the workbench (runtime and Devel) into a
// fresh prefix, build plugins/example-trigger out of tree with find_package(LambdaWorkbench)
// against that prefix, and have the installed `lwb` load it — and its own installed plugins
// from its prefix, not from the build tree.
class TestPluginSdk : public QObject
{
    Q_OBJECT

private:
    static bool run(const QString &program, const QStringList &args, QByteArray *output,
                    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        if (!p.waitForFinished(600000)) {
            *output = "timed out";
            return false;
        }
        *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

private Q_SLOTS:
    void exampleTriggerBuildsAgainstTheInstalledSdk()
    {
        QTemporaryDir prefix;
        QTemporaryDir build;
        QByteArray out;
        QVERIFY2(run(u"cmake"_s, {u"--install"_s, QStringLiteral(LWB_BINARY_DIR), u"--prefix"_s, prefix.path()}, &out),
                 out.constData());
        QVERIFY(QFileInfo::exists(prefix.filePath(u"include/lambda-workbench/triggers/triggerfactory.h"_s)));

        QVERIFY2(run(u"cmake"_s,
                     {u"-S"_s, QStringLiteral(LWB_SOURCE_DIR) + u"/plugins/example-trigger"_s, u"-B"_s, build.path(),
                      u"-G"_s, u"Ninja"_s, u"-DCMAKE_BUILD_TYPE=Release"_s, u"-DCMAKE_PREFIX_PATH="_s + prefix.path()},
                     &out),
                 out.constData());
        QVERIFY2(run(u"cmake"_s, {u"--build"_s, build.path()}, &out), out.constData());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LWB_PLUGIN_PATH"_s, build.filePath(u"plugins"_s));
        QVERIFY2(run(prefix.filePath(u"bin/lwb"_s), {u"plugins"_s, u"-o"_s, u"json"_s}, &out, env), out.constData());
        const auto json = nlohmann::json::parse(out.toStdString(), nullptr, false);
        QVERIFY2(json.is_object(), out.constData());
        QStringList loaded;
        for (const auto &p : json["plugins"]) {
            QVERIFY2(p["loaded"].get<bool>(), p.dump().c_str());
            const QString file = QString::fromStdString(p["file"].get<std::string>());
            QVERIFY2(!file.startsWith(QStringLiteral(LWB_BINARY_DIR)), qPrintable(file)); // not the build tree
            loaded << QString::fromStdString(p["id"].get<std::string>());
        }
        loaded.sort();
        QCOMPARE(loaded,
                 (QStringList{u"example-trigger"_s, u"http-api"_s, u"s3"_s, u"schedule"_s, u"sqs"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPluginSdk)
#include "tst_pluginsdk.moc"
