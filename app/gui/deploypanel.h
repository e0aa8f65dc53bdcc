// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"
#include "deploy/deployer.h"
#include "deploy/deploytarget.h"
#include "model/functionconfig.h"

#include <QtCore/QProcessEnvironment>
#include <QtCore/QUrl>
#include <QtWidgets/QWidget>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QTableView;
class QThread;
class QTimer;
class QTreeView;

namespace Lwb {

class DeployHistoryModel;
class DeployPanelFunctionsModel;
class FunctionListModel;
class LambdaClient;
class SecretStore;

/**
 * The deploy panel: a target (the workbench's local engine, another Lambda API URL, or AWS
 * Lambda with a profile and region), the project's functions with check boxes, the diff of what
 * a deploy changes against what the target runs (a Deployer dry run: files, layers,
 * configuration, API calls), one Deploy button with a progress bar and a log, the alias history
 * (DeployHistoryModel over the project's deploy history) with Rollback, and a traffic slider that
 * routes a share of the alias to the newest version.
 *
 * All deploy logic is the Deployer's (core/deploy); the panel only collects the options. The
 * Deployer and its LambdaClient run in a worker thread of the panel (packaging, network), so
 * the GUI never blocks.
 * AWS keys typed in the panel go to the system keychain (SecretStore), never to the project.
 * GUI thread.
 */
class DeployPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DeployPanel(QWidget *parent = nullptr);
    ~DeployPanel() override;

    /** The project: its template (the history lives in its `.lwb/`) and its functions. */
    void setProject(const QString &templatePath, const std::vector<FunctionConfig> &functions);
    /** The workbench's own Lambda API (e.g. EngineHost's servicesStarted lambdaUrl). */
    void setLocalEndpoint(const QUrl &url);
    /** Where AWS profiles, keys and regions are looked up (default: the process's). */
    void setEnvironment(const QProcessEnvironment &environment);

    /** The target the controls describe now (AWS keys from the keychain when there are). */
    DeployTarget target() const;
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    /** Works out the diff of the checked functions against the target (a dry run). */
    void refreshDiff();
    void deploy();
    /** Moves the alias of the selected history row back to that row's version. */
    void rollbackSelected();

Q_SIGNALS:
    /** A deploy, diff, rollback or traffic shift finished; @p ok when every step did. */
    void operationFinished(bool ok);

private:
    struct Job
    {
        FunctionConfig function;
        DeployOptions options;
    };

    void buildUi();
    void updateTargetControls();
    void loadKeys();
    void saveKeys();
    void applyTraffic();
    void updateTraffic();
    QString projectDir() const;
    const FunctionConfig *functionNamed(const QString &functionName) const;
    std::vector<const FunctionConfig *> checkedFunctions() const;
    /** Runs @p jobs one after another on a fresh client; false when the target is unusable. */
    bool run(std::vector<Job> jobs, const QString &what, bool showPlans);
    void runNext();
    void finishRun(bool ok);
    void log(const QString &line);
    void setBusy(bool busy);

    QString m_templatePath;
    std::vector<FunctionConfig> m_functions;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QUrl m_localEndpoint;
    std::optional<SigV4Credentials> m_keys; ///< the keychain's keys of the chosen profile

    FunctionListModel *m_functionModel;
    DeployPanelFunctionsModel *m_checkModel;
    DeployHistoryModel *m_historyModel;
    SecretStore *m_secrets;

    QComboBox *m_targetKind;
    QLineEdit *m_endpointEdit;
    QComboBox *m_profileCombo;
    QComboBox *m_regionCombo;
    QLineEdit *m_accessKeyEdit;
    QLineEdit *m_secretKeyEdit;
    QLineEdit *m_sessionTokenEdit;
    QPushButton *m_saveKeysButton;
    QLabel *m_keychainStatus;
    QWidget *m_localBox;
    QWidget *m_awsBox;
    QLineEdit *m_aliasEdit;
    QTreeView *m_functionsView;
    QPlainTextEdit *m_diffView;
    QPushButton *m_diffButton;
    QPushButton *m_deployButton;
    QProgressBar *m_progress;
    QPlainTextEdit *m_log;
    QTableView *m_historyView;
    QPushButton *m_rollbackButton;
    QSlider *m_trafficSlider;
    QLabel *m_trafficLabel;
    QTimer *m_trafficTimer;

    QThread *m_worker;
    LambdaClient *m_client = nullptr; ///< lives in m_worker while a run lasts
    Deployer *m_deployer = nullptr;
    std::vector<Job> m_jobs;
    size_t m_jobIndex = 0;
    QString m_runWhat;
    bool m_showPlans = false;
    bool m_runOk = true;
    bool m_busy = false;
    bool m_settingTraffic = false; ///< the slider moved by updateTraffic(), not by the user
};

} // namespace Lwb
