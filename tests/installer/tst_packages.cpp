// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

// The packages as a user gets them: CPack builds the TGZ and the DEBs from this build; the
// TGZ, unpacked into a fresh folder, is a working workbench (lwb runs the sample project with
// the installed runtimes and finds the installed plugins); the DEBs declare their Debian
// dependencies and carry the desktop integration and the SDK.
class TestPackages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_out;

    static QByteArray run(const QString &program, const QStringList &args, int *exitCode,
                          const QString &workDir = {}, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (!workDir.isEmpty()) {
            p.setWorkingDirectory(workDir);
        }
        p.start(program, args);
        if (!p.waitForFinished(900000)) {
            *exitCode = -1;
            return "timed out";
        }
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return p.readAll();
    }

    QString package(const QString &pattern) const
    {
        const QStringList found = QDir(m_out.path()).entryList({pattern}, QDir::Files);
        return found.size() == 1 ? m_out.filePath(found.first()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        int rc = 0;
        const QByteArray out = run(u"cpack"_s,
                                   {u"--config"_s, QStringLiteral(LWB_BINARY_DIR) + u"/CPackConfig.cmake"_s,
                                    u"-B"_s, m_out.path()},
                                   &rc);
        QVERIFY2(rc == 0, out.constData());
        QVERIFY2(!package(u"lambda-workbench-*.tar.gz"_s).isEmpty(), out.constData());
    }

    void tarballIsAWorkingWorkbench()
    {
        QTemporaryDir root;
        int rc = 0;
        QByteArray out = run(u"tar"_s, {u"-xzf"_s, package(u"lambda-workbench-*.tar.gz"_s), u"-C"_s, root.path(),
                                        u"--strip-components=1"_s}, &rc);
        QVERIFY2(rc == 0, out.constData());
        for (const QString &file : {u"bin/lwb"_s, u"bin/lambda-workbench"_s,
                                    u"share/applications/org.lambdaworkbench.LambdaWorkbench.desktop"_s,
                                    u"share/metainfo/org.lambdaworkbench.LambdaWorkbench.metainfo.xml"_s,
                                    u"share/icons/hicolor/scalable/apps/org.lambdaworkbench.LambdaWorkbench.svg"_s,
                                    u"share/lambda-workbench/runtimes/python/lwb_bootstrap.py"_s,
                                    u"include/lambda-workbench/triggers/triggerfactory.h"_s}) {
            QVERIFY2(QFileInfo::exists(root.filePath(file)), qPrintable(file));
        }
        // Validators of the desktop file and the AppStream metadata.
        out = run(u"desktop-file-validate"_s,
                  {root.filePath(u"share/applications/org.lambdaworkbench.LambdaWorkbench.desktop"_s)}, &rc);
        QVERIFY2(rc == 0 && out.trimmed().isEmpty(), out.constData());
        out = run(u"appstreamcli"_s,
                  {u"validate"_s, u"--no-net"_s,
                   root.filePath(u"share/metainfo/org.lambdaworkbench.LambdaWorkbench.metainfo.xml"_s)}, &rc);
        QVERIFY2(rc == 0, out.constData());

        // The unpacked lwb runs the sample with its own runtimes and finds its own plugins,
        // from a copy of the sample outside the source tree.
        QTemporaryDir project;
        out = run(u"cp"_s, {u"-r"_s, QStringLiteral(LWB_SOURCE_DIR) + u"/resources/samples/hello-world/."_s, project.path()}, &rc);
        QVERIFY2(rc == 0, out.constData());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"LWB_RESOURCES_DIR"_s);
        env.remove(u"LWB_PLUGIN_PATH"_s);
        out = run(root.filePath(u"bin/lwb"_s), {u"local"_s, u"invoke"_s, u"HelloWorldFunction"_s, u"-e"_s,
                                               project.filePath(u"events/event.json"_s)},
                  &rc, project.path(), env);
        QVERIFY2(rc == 0, out.constData());
        QVERIFY2(out.contains("REPORT RequestId:"), out.constData());
        out = run(root.filePath(u"bin/lwb"_s), {u"plugins"_s, u"-o"_s, u"json"_s}, &rc, {}, env);
        QVERIFY2(rc == 0, out.constData());
        const auto plugins = nlohmann::json::parse(out.toStdString(), nullptr, false);
        QVERIFY2(plugins.is_object(), out.constData());
        QStringList ids;
        for (const auto &p : plugins["plugins"]) {
            QVERIFY(QString::fromStdString(p["file"].get<std::string>()).startsWith(root.path()));
            ids << QString::fromStdString(p["id"].get<std::string>());
        }
        ids.sort();
        QCOMPARE(ids, (QStringList{u"http-api"_s, u"s3"_s, u"schedule"_s, u"sqs"_s}));
    }

    void debsDeclareTheirDependencies()
    {
        const QString runtime = package(u"lambda-workbench_*.deb"_s);
        const QString devel = package(u"lambda-workbench-dev_*.deb"_s);
        QVERIFY(!runtime.isEmpty());
        QVERIFY(!devel.isEmpty());
        int rc = 0;
        QByteArray depends = run(u"dpkg-deb"_s, {u"--field"_s, runtime, u"Depends"_s}, &rc);
        QCOMPARE(rc, 0);
        for (const char *dep : {"bubblewrap", "python3", "nodejs", "libqt6core6", "libgit2", "libzip4"}) {
            QVERIFY2(depends.contains(dep), depends.constData());
        }
        const QByteArray files = run(u"dpkg-deb"_s, {u"--contents"_s, runtime}, &rc);
        QVERIFY2(files.contains("/usr/bin/lwb") || files.contains("/bin/lwb"), files.constData());
        QVERIFY(files.contains("lambda-workbench/plugins/liblwb_trigger_schedule.so"));
        QVERIFY(files.contains("applications/org.lambdaworkbench.LambdaWorkbench.desktop"));
        const QByteArray sdk = run(u"dpkg-deb"_s, {u"--contents"_s, devel}, &rc);
        QVERIFY(sdk.contains("cmake/LambdaWorkbench/LambdaWorkbenchConfig.cmake"));
        QVERIFY(sdk.contains("include/lambda-workbench/triggers/triggerfactory.h"));
        depends = run(u"dpkg-deb"_s, {u"--field"_s, devel, u"Depends"_s}, &rc);
        QVERIFY2(depends.contains("lambda-workbench (= "), depends.constData());
    }
};

QTEST_GUILESS_MAIN(TestPackages)
#include "tst_packages.moc"
