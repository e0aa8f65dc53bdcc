// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The deploy panel against a real `lwb local start-lambda` (serving a copy of the sample) on a
// free port, deploying another copy of the sample: Deploy reaches 100 % and records a history
// row; a changed handler shows in the diff; Rollback and the traffic slider move the alias, read
// back with awscli; AWS keys typed in the panel never land in the project, and without a
// keychain backend (offscreen, no secret service) the panel says they are kept for the session.
#include "awsclientprocess.h"
#include "deploypanel.h"
#include "sampleproject.h"

#include "deploy/deployhistorymodel.h"

#include <QtCore/QDirIterator>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSlider>
#include <QtWidgets/QTableView>
#include <QtWidgets/QTreeView>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace Lwb;

namespace {

const QString kAws = u"/usr/bin/aws"_s;

} // namespace

class TestDeployPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_engineDir;
    QTemporaryDir m_projectDir;
    QString m_project;
    Test::StartLambdaProcess m_server;
    std::unique_ptr<DeployPanel> m_panel;

    template <typename T> T *child(const QString &name)
    {
        T *widget = m_panel->findChild<T *>(name);
        if (!widget) {
            qWarning("no %s", qPrintable(name));
        }
        return widget;
    }

    QProcessEnvironment environment() const
    {
        return Test::awsClientEnvironment(m_home, u"test"_s, u"test"_s);
    }

    /** Clicks @p button and waits for the operation it starts; its ok. */
    bool clickAndWait(QPushButton *button)
    {
        QSignalSpy finished(m_panel.get(), &DeployPanel::operationFinished);
        QTest::mouseClick(button, Qt::LeftButton);
        if (!finished.wait(120000)) {
            qWarning("no end: %s", qPrintable(log()));
            return false;
        }
        return finished.first().first().toBool();
    }

    QString log() { return child<QPlainTextEdit>(u"deployLog"_s)->toPlainText(); }

    nlohmann::json alias()
    {
        const Test::ClientRun run =
            Test::runClient(kAws,
                            {u"lambda"_s, u"get-alias"_s, u"--function-name"_s,
                             u"HelloWorldFunction"_s, u"--name"_s, u"live"_s, u"--endpoint-url"_s,
                             m_server.endpoint(), u"--output"_s, u"json"_s},
                            environment(), m_home);
        if (run.exitCode != 0) {
            qWarning("get-alias: %s", run.err.constData());
            return nullptr;
        }
        return nlohmann::json::parse(run.out.toStdString(), nullptr, false);
    }

    DeployHistoryModel *history()
    {
        return qobject_cast<DeployHistoryModel *>(child<QTableView>(u"historyView"_s)->model());
    }

    /** The history row (newest first) of the deploy that published @p version. */
    int rowOfVersion(const QString &version)
    {
        for (int row = 0; row < history()->rowCount(); ++row) {
            const DeployRecord *record = history()->record(row);
            if (record->operation == u"Deploy"_s && record->version == version) {
                return row;
            }
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(kAws));
        QVERIFY(SampleProject::writeFile(m_home.filePath(u"aws-config"_s),
                                         "[default]\nregion = us-east-1\n"
                                         "[profile staging]\nregion = eu-west-1\n"));
        const QString engine = SampleProject::copyHelloWorld(m_engineDir);
        m_project = SampleProject::copyHelloWorld(m_projectDir);
        QVERIFY(!engine.isEmpty() && !m_project.isEmpty());
        QVERIFY(QDir(engine + u"/.lwb"_s).removeRecursively());
        QVERIFY(QDir(m_project + u"/.lwb"_s).removeRecursively());
        QVERIFY2(m_server.start(engine + u"/template.yaml"_s), m_server.err().constData());

        m_panel = std::make_unique<DeployPanel>();
        m_panel->setEnvironment(environment());
        m_panel->setProject(m_project + u"/template.yaml"_s, SampleProject::functions(m_project));
        m_panel->setLocalEndpoint(QUrl(m_server.endpoint()));
        new QAbstractItemModelTester(child<QTreeView>(u"functionsView"_s)->model(), this);
        new QAbstractItemModelTester(history(), this);
        m_panel->resize(1400, 900);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanupTestCase() { m_panel.reset(); }

    void deployToTheLocalEngine()
    {
        QCOMPARE(child<QComboBox>(u"targetKind"_s)->currentIndex(), 0);
        QCOMPARE(child<QLineEdit>(u"endpointEdit"_s)->text(), m_server.endpoint());
        // Only the Python function: uncheck the Node.js one in the list.
        QAbstractItemModel *functions = child<QTreeView>(u"functionsView"_s)->model();
        QCOMPARE(functions->rowCount(), 2);
        for (int row = 0; row < functions->rowCount(); ++row) {
            const QModelIndex index = functions->index(row, 0);
            QCOMPARE(index.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
            if (index.data().toString() == u"HelloWorldNodeFunction"_s) {
                QVERIFY(functions->setData(index, Qt::Unchecked, Qt::CheckStateRole));
            }
        }

        auto *progress = child<QProgressBar>(u"deployProgress"_s);
        QList<int> seen;
        const auto watch = connect(progress, &QProgressBar::valueChanged, this,
                                   [&seen](int v) { seen.append(v); });
        QVERIFY(clickAndWait(child<QPushButton>(u"deployButton"_s)));
        disconnect(watch);
        QCOMPARE(progress->value(), 100);
        QVERIFY2(seen.size() > 2, qPrintable(log())); // it moved through the steps
        QVERIFY2(log().contains(u"Deploying: done."_s), qPrintable(log()));
        QVERIFY(log().contains(u"HelloWorldFunction: done, alias live → version 1"_s));
        QVERIFY(!log().contains(u"HelloWorldNodeFunction"_s));
        QCOMPARE(history()->rowCount(), 1);
        QCOMPARE(history()->index(0, DeployHistoryModel::Version).data().toString(), u"1"_s);
        QCOMPARE(history()->index(0, DeployHistoryModel::Function).data().toString(),
                 u"HelloWorldFunction"_s);
        QCOMPARE(history()->index(0, DeployHistoryModel::Alias).data().toString(), u"live → 1"_s);
        QCOMPARE(QString::fromStdString(alias().value("FunctionVersion", "")), u"1"_s);
    }

    void diffListsAChangedHandler()
    {
        QFile handler(m_project + u"/hello_world/app.py"_s);
        QVERIFY(handler.open(QIODevice::Append));
        handler.write("\n# changed by tst_deploypanel\n");
        handler.close();
        QVERIFY(SampleProject::writeFile(m_project + u"/hello_world/extra.py"_s, "X = 1\n"));
        QVERIFY(clickAndWait(child<QPushButton>(u"diffButton"_s)));
        const QString diff = child<QPlainTextEdit>(u"diffView"_s)->toPlainText();
        QVERIFY2(diff.contains(u"code: changed"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"changed app.py"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"added extra.py"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"UpdateAlias live → the new version (from 1)"_s), qPrintable(diff));
        QCOMPARE(history()->rowCount(), 1); // a diff records nothing
    }

    void rollbackMovesTheAliasBack()
    {
        QVERIFY(clickAndWait(child<QPushButton>(u"deployButton"_s)));
        QCOMPARE(QString::fromStdString(alias().value("FunctionVersion", "")), u"2"_s);
        QCOMPARE(history()->rowCount(), 2);

        const int row = rowOfVersion(u"1"_s);
        QCOMPARE(row, 1);
        child<QTableView>(u"historyView"_s)->selectRow(row);
        auto *rollback = child<QPushButton>(u"rollbackButton"_s);
        QVERIFY(rollback->isEnabled());
        QVERIFY(clickAndWait(rollback));
        QCOMPARE(QString::fromStdString(alias().value("FunctionVersion", "")), u"1"_s);
        QCOMPARE(history()->rowCount(), 3);
        QCOMPARE(history()->index(0, DeployHistoryModel::Operation).data().toString(),
                 u"Rollback"_s);
    }

    void trafficSliderSetsRoutingConfig()
    {
        auto *slider = child<QSlider>(u"trafficSlider"_s);
        QVERIFY(slider->isEnabled());
        QCOMPARE(slider->value(), 0); // after the rollback nothing goes to version 2
        QSignalSpy finished(m_panel.get(), &DeployPanel::operationFinished);
        slider->setValue(30);
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(log()));
        nlohmann::json current = alias();
        QCOMPARE(QString::fromStdString(current.value("FunctionVersion", "")), u"1"_s);
        QCOMPARE(current["RoutingConfig"]["AdditionalVersionWeights"].value("2", 0.0), 0.3);
        QCOMPARE(slider->value(), 30);

        finished.clear();
        slider->setValue(100);
        QVERIFY(finished.wait(60000));
        current = alias();
        QCOMPARE(QString::fromStdString(current.value("FunctionVersion", "")), u"2"_s);
        const nlohmann::json weights =
            current.value("RoutingConfig", nlohmann::json::object())
                .value("AdditionalVersionWeights", nlohmann::json::object());
        QVERIFY(weights.empty());
    }

    void screenshot()
    {
        QVERIFY(SampleProject::writeFile(m_project + u"/hello_world/extra.py"_s, "X = 2\n"));
        QVERIFY(clickAndWait(child<QPushButton>(u"diffButton"_s)));
        const QString dir = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (dir.isEmpty()) {
            QSKIP("LWB_SCREENSHOTS_DIR is not set");
        }
        QVERIFY(m_panel->grab().save(QDir(dir).filePath(u"deploy-panel.png"_s)));
    }

    void awsKeysStayOutOfTheProject()
    {
        // No region in the environment: the profile's is used.
        QProcessEnvironment env = environment();
        env.remove(u"AWS_DEFAULT_REGION"_s);
        m_panel->setEnvironment(env);
        auto *kind = child<QComboBox>(u"targetKind"_s);
        kind->setCurrentIndex(1);
        auto *profiles = child<QComboBox>(u"profileCombo"_s);
        QCOMPARE(profiles->count(), 2); // from the aws-config of the environment
        QCOMPARE(profiles->itemText(0), u"default"_s);
        profiles->setCurrentText(u"staging"_s);
        auto *status = child<QLabel>(u"keychainStatus"_s);
        QTRY_VERIFY(!status->text().startsWith(u"reading"_s));

        const QString secret = u"wJalrXUtnFEMI-tst-deploypanel-SECRET"_s;
        child<QLineEdit>(u"accessKeyEdit"_s)->setText(u"AKIATSTDEPLOYPANEL"_s);
        child<QLineEdit>(u"secretKeyEdit"_s)->setText(secret);
        status->clear();
        QTest::mouseClick(child<QPushButton>(u"saveKeysButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().isEmpty(), 30000);
        // Stored in a keychain, or — offscreen, with no secret service — for this session only.
        QVERIFY2(status->text().contains(u"system keychain"_s) ||
                     status->text().contains(u"session only"_s),
                 qPrintable(status->text()));
        qInfo("keychain: %s", qPrintable(status->text()));
        QVERIFY(child<QLineEdit>(u"secretKeyEdit"_s)->text().isEmpty());

        const DeployTarget target = m_panel->target();
        QVERIFY(!target.isLocal());
        QVERIFY(target.credentials.has_value());
        QCOMPARE(target.credentials->secretAccessKey, secret);
        QString error;
        const std::optional<LambdaEndpoint> endpoint = target.resolve(env, &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->region, u"eu-west-1"_s); // the profile's
        QCOMPARE(endpoint->url.toString(), u"https://lambda.eu-west-1.amazonaws.com"_s);

        // Nothing under the project holds the secret.
        QDirIterator it(m_project, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
        }
    }
};

QTEST_MAIN(TestDeployPanel)
#include "tst_deploypanel.moc"
