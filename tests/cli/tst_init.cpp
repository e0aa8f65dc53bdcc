// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb init` as a user runs it: the project it makes loads, and its function answers a local
// invoke in each language; the errors exit with status 1 and change nothing.
#include "lwbprocess.h"
#include "project/samtemplate.h"

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace {

using Run = Lwb::Test::ClientRun;

Run lwb(const QStringList &args, const QString &workingDir = {})
{
    return Lwb::Test::runLwb(args, {{}, {{u"LWB_SANDBOX"_s, u"plain"_s}}, workingDir, 120000});
}

} // namespace

class TestInit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAProjectThatRuns_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::addColumn<QString>("architecture");
        QTest::newRow("python") << u"python3.12"_s << u"x86_64"_s;
        QTest::newRow("node") << u"nodejs20.x"_s << u"arm64"_s;
    }

    void createsAProjectThatRuns()
    {
        QFETCH(QString, runtime);
        QFETCH(QString, architecture);
        QTemporaryDir dir;
        const Run made = lwb({u"init"_s, u"--name"_s, u"my-app"_s, u"--runtime"_s, runtime,
                              u"--architecture"_s, architecture, u"-o"_s, dir.path()});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        QVERIFY(made.out.contains("Created"));

        const QString project = dir.filePath(u"my-app"_s);
        Lwb::SamTemplate loaded;
        QVERIFY(loaded.load(project + u"/template.yaml"_s));
        QVERIFY(!loaded.hasErrors());
        QCOMPARE(loaded.functions().size(), size_t(1));
        const Lwb::FunctionConfig &function = loaded.functions().front();
        QCOMPARE(function.logicalId, u"HelloWorldFunction"_s);
        QCOMPARE(function.runtime, runtime);
        QCOMPARE(function.architecture, architecture);
        QCOMPARE(function.memoryMb, 128);
        QCOMPARE(function.timeoutSeconds, 3);
        QVERIFY(function.events.contains("HelloWorld"));
        QCOMPARE(function.events["HelloWorld"]["Properties"]["Path"], "/hello");

        const Run invoked = lwb({u"local"_s, u"invoke"_s, u"HelloWorldFunction"_s, u"-e"_s,
                                 u"events/event.json"_s},
                                project);
        QVERIFY2(invoked.exitCode == 0, invoked.err.constData());
        const auto response = nlohmann::json::parse(invoked.out.trimmed().split('\n').last(),
                                                    nullptr, false);
        QVERIFY2(response.is_object(), invoked.out.constData());
        QCOMPARE(response["statusCode"], 200);
        QVERIFY(response["body"].get<std::string>().find("hello world") != std::string::npos);
    }

    void refusesANonEmptyFolderAndUnknownRuntimes()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(u"taken"_s);
        QFile keep(dir.filePath(u"taken/notes.txt"_s));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("mine");
        keep.close();
        Run r = lwb({u"init"_s, u"--name"_s, u"taken"_s, u"-o"_s, dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not empty"), r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath(u"taken/template.yaml"_s)));

        r = lwb({u"init"_s, u"--runtime"_s, u"cobol1.0"_s, u"-o"_s, dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("unsupported runtime 'cobol1.0'"), r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath(u"sam-app"_s)));
    }
};

QTEST_GUILESS_MAIN(TestInit)
#include "tst_init.moc"
