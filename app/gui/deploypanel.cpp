// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploypanel.h"

#include "deploypanelfunctionsmodel.h"
#include "secretstore.h"

#include "deploy/awscredentials.h"
#include "deploy/deployhistory.h"
#include "deploy/deployhistorymodel.h"
#include "deploy/lambdaclient.h"
#include "project/functionlistmodel.h"

#include <QtCore/QFileInfo>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSlider>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>
#include <QtWidgets/QTreeView>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

enum TargetKind { LocalTarget, AwsTarget };

constexpr int kLocalPollIntervalMs = 200;
constexpr int kTrafficDebounceMs = 400;

const QStringList kRegions{
    u"us-east-1"_s,      u"us-east-2"_s,      u"us-west-1"_s,      u"us-west-2"_s,
    u"ca-central-1"_s,   u"eu-west-1"_s,      u"eu-west-2"_s,      u"eu-west-3"_s,
    u"eu-central-1"_s,   u"eu-north-1"_s,     u"eu-south-1"_s,     u"ap-south-1"_s,
    u"ap-northeast-1"_s, u"ap-northeast-2"_s, u"ap-southeast-1"_s, u"ap-southeast-2"_s,
    u"sa-east-1"_s,      u"af-south-1"_s,     u"me-south-1"_s,
};

QGroupBox *group(const QString &title, QLayout *layout)
{
    auto *box = new QGroupBox(title);
    box->setLayout(layout);
    return box;
}

} // namespace

DeployPanel::DeployPanel(QWidget *parent)
    : QWidget(parent), m_functionModel(new FunctionListModel(this)),
      m_checkModel(new DeployPanelFunctionsModel(m_functionModel, this)),
      m_historyModel(new DeployHistoryModel(this)), m_secrets(new SecretStore(this)),
      m_worker(new QThread(this))
{
    m_worker->setObjectName(u"lwb-deploy"_s);
    m_worker->start();
    buildUi();
    connect(m_secrets, &SecretStore::loaded, this,
            [this](const QString &profile, const std::optional<SigV4Credentials> &keys,
                   const QString &message) {
                if (profile != m_profileCombo->currentText()) {
                    return;
                }
                m_keys = keys;
                m_accessKeyEdit->setText(keys ? keys->accessKeyId : QString());
                m_secretKeyEdit->clear();
                m_sessionTokenEdit->clear();
                m_keychainStatus->setText(
                    keys ? message : message + u"; the standard credential chain is used"_s);
            });
    connect(m_secrets, &SecretStore::saved, this,
            [this](const QString &profile, bool, const QString &message) {
                if (profile == m_profileCombo->currentText()) {
                    m_keychainStatus->setText(message);
                }
            });
    updateTargetControls();
}

DeployPanel::~DeployPanel()
{
    m_worker->quit();
    m_worker->wait();
    delete m_client; // its thread has stopped: nothing runs in it any more
}

void DeployPanel::buildUi()
{
    // Target.
    m_targetKind = new QComboBox;
    m_targetKind->setObjectName(u"targetKind"_s);
    m_targetKind->addItem(u"Local engine"_s);
    m_targetKind->addItem(u"AWS Lambda"_s);
    m_endpointEdit = new QLineEdit;
    m_endpointEdit->setObjectName(u"endpointEdit"_s);
    m_endpointEdit->setPlaceholderText(u"http://127.0.0.1:3001"_s);
    m_endpointEdit->setToolTip(u"The workbench's own Lambda API, or the URL of another one (e.g. "
                               "`lwb local start-lambda`)"_s);
    auto *localForm = new QFormLayout;
    localForm->setContentsMargins(0, 0, 0, 0);
    localForm->addRow(u"Lambda API:"_s, m_endpointEdit);
    m_localBox = new QWidget;
    m_localBox->setLayout(localForm);

    m_profileCombo = new QComboBox;
    m_profileCombo->setObjectName(u"profileCombo"_s);
    m_profileCombo->setEditable(true);
    m_regionCombo = new QComboBox;
    m_regionCombo->setObjectName(u"regionCombo"_s);
    m_regionCombo->setEditable(true);
    m_regionCombo->addItem(QString());
    m_regionCombo->addItems(kRegions);
    m_regionCombo->lineEdit()->setPlaceholderText(u"the profile's region"_s);
    m_accessKeyEdit = new QLineEdit;
    m_accessKeyEdit->setObjectName(u"accessKeyEdit"_s);
    m_accessKeyEdit->setPlaceholderText(u"from the credential chain"_s);
    m_secretKeyEdit = new QLineEdit;
    m_secretKeyEdit->setObjectName(u"secretKeyEdit"_s);
    m_secretKeyEdit->setEchoMode(QLineEdit::Password);
    m_sessionTokenEdit = new QLineEdit;
    m_sessionTokenEdit->setObjectName(u"sessionTokenEdit"_s);
    m_sessionTokenEdit->setEchoMode(QLineEdit::Password);
    m_sessionTokenEdit->setPlaceholderText(u"optional"_s);
    m_saveKeysButton = new QPushButton(u"Save keys in the keychain"_s);
    m_saveKeysButton->setObjectName(u"saveKeysButton"_s);
    m_keychainStatus = new QLabel;
    m_keychainStatus->setObjectName(u"keychainStatus"_s);
    m_keychainStatus->setWordWrap(true);
    auto *awsForm = new QFormLayout;
    awsForm->setContentsMargins(0, 0, 0, 0);
    awsForm->addRow(u"Profile:"_s, m_profileCombo);
    awsForm->addRow(u"Region:"_s, m_regionCombo);
    awsForm->addRow(u"Access key ID:"_s, m_accessKeyEdit);
    awsForm->addRow(u"Secret key:"_s, m_secretKeyEdit);
    awsForm->addRow(u"Session token:"_s, m_sessionTokenEdit);
    awsForm->addRow(m_saveKeysButton);
    awsForm->addRow(m_keychainStatus);
    m_awsBox = new QWidget;
    m_awsBox->setLayout(awsForm);

    auto *targetLayout = new QVBoxLayout;
    targetLayout->addWidget(m_targetKind);
    targetLayout->addWidget(m_localBox);
    targetLayout->addWidget(m_awsBox);

    // Functions.
    m_aliasEdit = new QLineEdit(u"live"_s);
    m_aliasEdit->setObjectName(u"aliasEdit"_s);
    m_aliasEdit->setToolTip(u"Each deploy publishes a version and points this alias at it"_s);
    m_functionsView = new QTreeView;
    m_functionsView->setObjectName(u"functionsView"_s);
    m_functionsView->setRootIsDecorated(false);
    m_functionsView->setModel(m_checkModel);
    for (int column = FunctionListModel::HandlerColumn; column < FunctionListModel::ColumnCount;
         ++column) {
        m_functionsView->setColumnHidden(column, true);
    }
    m_functionsView->header()->setStretchLastSection(false);
    m_functionsView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_functionsView->header()->setSectionResizeMode(FunctionListModel::RuntimeColumn,
                                                    QHeaderView::ResizeToContents);
    auto *aliasRow = new QFormLayout;
    aliasRow->addRow(u"Alias:"_s, m_aliasEdit);
    auto *functionsLayout = new QVBoxLayout;
    functionsLayout->addLayout(aliasRow);
    functionsLayout->addWidget(m_functionsView);

    auto *left = new QVBoxLayout;
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(group(u"Target"_s, targetLayout));
    left->addWidget(group(u"Functions"_s, functionsLayout), 1);
    auto *leftWidget = new QWidget;
    leftWidget->setLayout(left);
    leftWidget->setMinimumWidth(340);

    // The diff.
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_diffView = new QPlainTextEdit;
    m_diffView->setObjectName(u"diffView"_s);
    m_diffView->setReadOnly(true);
    m_diffView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diffView->setFont(fixed);
    m_diffView->setPlaceholderText(u"Show changes compares the checked functions with what the "
                                   "target runs: files, layers, configuration, API calls."_s);
    m_diffButton = new QPushButton(u"Show changes"_s);
    m_diffButton->setObjectName(u"diffButton"_s);
    auto *diffLayout = new QVBoxLayout;
    diffLayout->addWidget(m_diffView);
    auto *diffButtons = new QHBoxLayout;
    diffButtons->addStretch();
    diffButtons->addWidget(m_diffButton);
    diffLayout->addLayout(diffButtons);

    // Deploy.
    m_deployButton = new QPushButton(u"Deploy"_s);
    m_deployButton->setObjectName(u"deployButton"_s);
    m_deployButton->setDefault(true);
    m_progress = new QProgressBar;
    m_progress->setObjectName(u"deployProgress"_s);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_log = new QPlainTextEdit;
    m_log->setObjectName(u"deployLog"_s);
    m_log->setReadOnly(true);
    m_log->setFont(fixed);
    m_log->setMaximumBlockCount(5000);
    auto *deployRow = new QHBoxLayout;
    deployRow->addWidget(m_deployButton);
    deployRow->addWidget(m_progress, 1);
    auto *deployLayout = new QVBoxLayout;
    deployLayout->addLayout(deployRow);
    deployLayout->addWidget(m_log);

    // History, rollback, traffic.
    m_historyView = new QTableView;
    m_historyView->setObjectName(u"historyView"_s);
    m_historyView->setModel(m_historyModel);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setWordWrap(false);
    m_rollbackButton = new QPushButton(u"Rollback to this version"_s);
    m_rollbackButton->setObjectName(u"rollbackButton"_s);
    m_rollbackButton->setEnabled(false);
    m_trafficSlider = new QSlider(Qt::Horizontal);
    m_trafficSlider->setObjectName(u"trafficSlider"_s);
    m_trafficSlider->setRange(0, 100);
    m_trafficSlider->setSingleStep(5);
    m_trafficSlider->setPageStep(10);
    m_trafficSlider->setTickPosition(QSlider::TicksBelow);
    m_trafficSlider->setTickInterval(10);
    m_trafficSlider->setEnabled(false);
    m_trafficLabel = new QLabel;
    m_trafficLabel->setObjectName(u"trafficLabel"_s);
    m_trafficTimer = new QTimer(this);
    m_trafficTimer->setSingleShot(true);
    m_trafficTimer->setInterval(kTrafficDebounceMs);
    auto *historyButtons = new QHBoxLayout;
    historyButtons->addWidget(m_rollbackButton);
    historyButtons->addSpacing(16);
    historyButtons->addWidget(new QLabel(u"Traffic to the newest version:"_s));
    historyButtons->addWidget(m_trafficSlider, 1);
    historyButtons->addWidget(m_trafficLabel);
    auto *historyLayout = new QVBoxLayout;
    historyLayout->addWidget(m_historyView);
    historyLayout->addLayout(historyButtons);

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(group(u"Changes against the target"_s, diffLayout));
    right->addWidget(group(u"Deploy"_s, deployLayout));
    right->addWidget(group(u"Versions and aliases"_s, historyLayout));
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setStretchFactor(2, 2);

    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(leftWidget);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({380, 1020});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(main);

    connect(m_targetKind, &QComboBox::currentIndexChanged, this, [this] {
        updateTargetControls();
        updateTraffic();
    });
    connect(m_profileCombo, &QComboBox::currentTextChanged, this, [this] { loadKeys(); });
    connect(m_saveKeysButton, &QPushButton::clicked, this, [this] { saveKeys(); });
    connect(m_diffButton, &QPushButton::clicked, this, [this] { refreshDiff(); });
    connect(m_deployButton, &QPushButton::clicked, this, [this] { deploy(); });
    connect(m_rollbackButton, &QPushButton::clicked, this, [this] { rollbackSelected(); });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        setBusy(m_busy);
        updateTraffic();
    });
    connect(m_trafficSlider, &QSlider::valueChanged, this, [this](int value) {
        m_trafficLabel->setText(u"%1 %"_s.arg(value));
        if (!m_settingTraffic) {
            m_trafficTimer->start();
        }
    });
    connect(m_trafficTimer, &QTimer::timeout, this, [this] { applyTraffic(); });
}

void DeployPanel::setProject(const QString &templatePath,
                             const std::vector<FunctionConfig> &functions)
{
    m_templatePath = templatePath;
    m_functions = functions;
    m_functionModel->setFunctions(functions);
    m_historyModel->reload(DeployHistory::defaultPath(projectDir()));
    m_historyView->resizeColumnsToContents();
    updateTraffic();
}

void DeployPanel::setLocalEndpoint(const QUrl &url)
{
    const bool following =
        m_endpointEdit->text().isEmpty() || m_endpointEdit->text() == m_localEndpoint.toString();
    m_localEndpoint = url;
    if (following) {
        m_endpointEdit->setText(url.toString());
    }
    updateTraffic();
}

void DeployPanel::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    updateTargetControls();
}

QString DeployPanel::projectDir() const
{
    return QFileInfo(m_templatePath).absolutePath();
}

void DeployPanel::updateTargetControls()
{
    const bool aws = m_targetKind->currentIndex() == AwsTarget;
    m_localBox->setVisible(!aws);
    m_awsBox->setVisible(aws);
    const QString current = m_profileCombo->currentText();
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->clear();
    QStringList profiles = AwsCredentials::profiles(m_environment);
    if (profiles.isEmpty()) {
        profiles.append(u"default"_s);
    }
    m_profileCombo->addItems(profiles);
    const QString wanted =
        !current.isEmpty() ? current : m_environment.value(u"AWS_PROFILE"_s, profiles.first());
    m_profileCombo->setCurrentText(wanted);
    if (aws) {
        loadKeys();
    }
}

void DeployPanel::loadKeys()
{
    m_keys.reset();
    m_keychainStatus->setText(u"reading the keychain…"_s);
    m_secrets->load(m_profileCombo->currentText());
}

void DeployPanel::saveKeys()
{
    const QString profile = m_profileCombo->currentText();
    if (m_accessKeyEdit->text().trimmed().isEmpty() || m_secretKeyEdit->text().isEmpty()) {
        m_keychainStatus->setText(u"Enter an access key ID and a secret access key first."_s);
        return;
    }
    m_keys = SigV4Credentials{m_accessKeyEdit->text().trimmed(), m_secretKeyEdit->text(),
                              m_sessionTokenEdit->text().trimmed()};
    m_secretKeyEdit->clear();
    m_sessionTokenEdit->clear();
    m_secrets->save(profile, *m_keys);
}

DeployTarget DeployPanel::target() const
{
    DeployTarget target;
    if (m_targetKind->currentIndex() == LocalTarget) {
        target.endpointUrl = QUrl(m_endpointEdit->text().trimmed(), QUrl::StrictMode);
    } else {
        target.profile = m_profileCombo->currentText();
        target.region = m_regionCombo->currentText().trimmed();
        target.credentials = m_keys;
    }
    return target;
}

const FunctionConfig *DeployPanel::functionNamed(const QString &functionName) const
{
    for (const FunctionConfig &function : m_functions) {
        if (function.functionName == functionName) {
            return &function;
        }
    }
    return nullptr;
}

std::vector<const FunctionConfig *> DeployPanel::checkedFunctions() const
{
    std::vector<const FunctionConfig *> out;
    const QStringList ids = m_checkModel->checkedIds();
    for (const FunctionConfig &function : m_functions) {
        if (ids.contains(function.logicalId)) {
            out.push_back(&function);
        }
    }
    return out;
}

void DeployPanel::refreshDiff()
{
    std::vector<Job> jobs;
    for (const FunctionConfig *function : checkedFunctions()) {
        Job job{*function, {}};
        job.options.alias = m_aliasEdit->text().trimmed();
        job.options.dryRun = true;
        jobs.push_back(job);
    }
    m_diffView->clear();
    run(std::move(jobs), u"Comparing"_s, true);
}

void DeployPanel::deploy()
{
    std::vector<Job> jobs;
    for (const FunctionConfig *function : checkedFunctions()) {
        Job job{*function, {}};
        job.options.alias = m_aliasEdit->text().trimmed();
        job.options.historyFile = DeployHistory::defaultPath(projectDir());
        jobs.push_back(job);
    }
    run(std::move(jobs), u"Deploying"_s, false);
}

void DeployPanel::rollbackSelected()
{
    const QModelIndexList rows = m_historyView->selectionModel()->selectedRows();
    const DeployRecord *record =
        rows.isEmpty() ? nullptr : m_historyModel->record(rows.first().row());
    if (!record || record->alias.isEmpty() || record->version.isEmpty()) {
        log(u"Select a version with an alias in the history first."_s);
        return;
    }
    const FunctionConfig *function = functionNamed(record->functionName);
    if (!function) {
        log(u"%1 is no longer a function of this project."_s.arg(record->functionName));
        return;
    }
    Job job{*function, {}};
    job.options.alias = record->alias;
    job.options.rollbackVersion = record->version;
    job.options.historyFile = DeployHistory::defaultPath(projectDir());
    run({job}, u"Rolling back"_s, false);
}

void DeployPanel::applyTraffic()
{
    const QModelIndexList rows = m_historyView->selectionModel()->selectedRows();
    const DeployRecord *selected =
        rows.isEmpty() ? nullptr : m_historyModel->record(rows.first().row());
    const std::vector<const FunctionConfig *> checked = checkedFunctions();
    const FunctionConfig *function = selected ? functionNamed(selected->functionName)
                                              : (checked.empty() ? nullptr : checked.front());
    QString error;
    const std::optional<LambdaEndpoint> endpoint = target().resolve(m_environment, &error);
    if (!function || !endpoint) {
        return;
    }
    const QString alias = m_aliasEdit->text().trimmed();
    const std::vector<DeployRecord> records =
        DeployHistory::read(DeployHistory::defaultPath(projectDir()));
    const DeployRecord *last = DeployHistory::lastPublished(records, endpoint->url.toString(),
                                                            function->functionName, alias);
    if (!last) {
        return;
    }
    Job job{*function, {}};
    job.options.alias = alias;
    job.options.trafficPercent = m_trafficSlider->value();
    job.options.trafficVersion = last->version;
    job.options.trafficBaseVersion = last->previousAliasVersion;
    job.options.historyFile = DeployHistory::defaultPath(projectDir());
    run({job}, u"Shifting traffic"_s, false);
}

void DeployPanel::updateTraffic()
{
    const QModelIndexList rows = m_historyView->selectionModel()->selectedRows();
    const DeployRecord *selected =
        rows.isEmpty() ? nullptr : m_historyModel->record(rows.first().row());
    const std::vector<const FunctionConfig *> checked = checkedFunctions();
    const QString functionName =
        selected ? selected->functionName
                 : (checked.empty() ? QString() : checked.front()->functionName);
    QString error;
    const std::optional<LambdaEndpoint> endpoint = target().resolve(m_environment, &error);
    const QString alias = m_aliasEdit->text().trimmed();
    const std::vector<DeployRecord> records =
        DeployHistory::read(DeployHistory::defaultPath(projectDir()));
    const DeployRecord *last =
        endpoint
            ? DeployHistory::lastPublished(records, endpoint->url.toString(), functionName, alias)
            : nullptr;
    const bool usable = last && !last->previousAliasVersion.isEmpty() &&
                        last->previousAliasVersion != last->version;
    int percent = 0;
    if (last) {
        // The alias as the newest record of it left it.
        for (auto it = records.crbegin(); it != records.crend(); ++it) {
            if (it->ok && it->functionName == functionName && it->alias == alias &&
                it->endpoint == endpoint->url.toString() && !it->aliasVersion.isEmpty()) {
                percent = it->aliasVersion == last->version
                              ? 100
                              : qRound(it->weights.value(last->version, 0.0) * 100);
                break;
            }
        }
    }
    m_settingTraffic = true;
    m_trafficSlider->setValue(percent);
    m_settingTraffic = false;
    m_trafficSlider->setEnabled(usable && !m_busy);
    m_trafficSlider->setToolTip(
        usable ? u"%1 of %2: share of traffic to version %3; the rest stays on version %4"_s.arg(
                     alias, functionName, last->version, last->previousAliasVersion)
               : u"Deploy a second version with an alias to shift traffic between the two"_s);
    m_trafficLabel->setText(usable ? u"%1 % to v%2"_s.arg(percent).arg(last->version) : u"—"_s);
}

bool DeployPanel::run(std::vector<Job> jobs, const QString &what, bool showPlans)
{
    if (m_busy) {
        return false;
    }
    if (jobs.empty()) {
        log(u"Check at least one function."_s);
        Q_EMIT operationFinished(false);
        return false;
    }
    const DeployTarget deployTarget = target();
    QString error;
    std::optional<LambdaEndpoint> endpoint;
    if (m_targetKind->currentIndex() == LocalTarget && !deployTarget.isLocal()) {
        error = u"No Lambda API URL: start the local engine or enter the URL of one"_s;
    } else {
        endpoint = deployTarget.resolve(m_environment, &error);
    }
    for (Job &job : jobs) {
        if (!endpoint || job.options.dryRun || !job.options.rollbackVersion.isEmpty() ||
            job.options.trafficPercent >= 0) {
            continue;
        }
        job.options.role = deployTarget.role(job.function, {}, &error);
        if (job.options.role.isEmpty()) {
            endpoint.reset();
        }
    }
    if (!endpoint) {
        log(u"%1 failed: %2."_s.arg(what, error));
        Q_EMIT operationFinished(false);
        return false;
    }
    // The client and its deployer work in m_worker: packaging (disk and zlib) and the network
    // never hold up the GUI; their signals arrive here queued.
    m_client = new LambdaClient(*endpoint);
    if (deployTarget.isLocal()) {
        m_client->setPollIntervalMs(kLocalPollIntervalMs);
    }
    m_deployer = new Deployer(m_client, m_client);
    m_client->moveToThread(m_worker);
    connect(m_deployer, &Deployer::planned, this, [this](const DeployPlan &plan) {
        if (!m_showPlans) {
            return;
        }
        const Job &job = m_jobs.at(m_jobIndex);
        m_diffView->appendPlainText(u"%1 (%2)"_s.arg(job.function.logicalId, plan.functionName));
        for (const QString &line : plan.describe()) {
            m_diffView->appendPlainText(u"  "_s + line);
        }
        m_diffView->appendPlainText(QString());
    });
    connect(m_deployer, &Deployer::progress, this, [this](const QString &line) { log(line); });
    connect(m_deployer, &Deployer::stepped, this, [this](int done, int total) {
        const double share = total > 0 ? double(done) / total : 1.0;
        m_progress->setValue(qRound((double(m_jobIndex) + share) * 100.0 / double(m_jobs.size())));
    });
    connect(m_deployer, &Deployer::finished, this, [this](const DeployOutcome &outcome) {
        const Job &job = m_jobs.at(m_jobIndex);
        if (!outcome.ok) {
            m_runOk = false;
            log(u"Error: "_s + outcome.error);
            if (m_showPlans) {
                m_diffView->appendPlainText(
                    u"%1: %2\n"_s.arg(job.function.logicalId, outcome.error));
            }
        } else if (!job.options.dryRun) {
            QString summary = u"%1: done"_s.arg(outcome.functionName);
            if (!outcome.aliasVersion.isEmpty()) {
                summary +=
                    u", alias %1 → version %2"_s.arg(job.options.alias, outcome.aliasVersion);
                for (auto it = outcome.weights.cbegin(); it != outcome.weights.cend(); ++it) {
                    summary +=
                        u" (+ %1 % to version %2)"_s.arg(qRound(it.value() * 100)).arg(it.key());
                }
            }
            log(summary);
        }
        ++m_jobIndex;
        QMetaObject::invokeMethod(
            this, [this] { runNext(); }, Qt::QueuedConnection);
    });
    m_jobs = std::move(jobs);
    m_jobIndex = 0;
    m_runWhat = what;
    m_showPlans = showPlans;
    m_runOk = true;
    m_progress->setValue(0);
    log(u"%1: %2 function(s) on %3 (%4)"_s.arg(what)
            .arg(m_jobs.size())
            .arg(endpoint->url.toDisplayString(), endpoint->region));
    setBusy(true);
    runNext();
    return true;
}

void DeployPanel::runNext()
{
    if (m_jobIndex >= m_jobs.size()) {
        finishRun(m_runOk);
        return;
    }
    const Job &job = m_jobs.at(m_jobIndex);
    log(u"%1 %2"_s.arg(m_runWhat, job.function.logicalId));
    QMetaObject::invokeMethod(
        m_deployer, [deployer = m_deployer, job] { deployer->deploy(job.function, job.options); },
        Qt::QueuedConnection);
}

void DeployPanel::finishRun(bool ok)
{
    if (ok) {
        m_progress->setValue(100);
    }
    log(ok ? u"%1: done."_s.arg(m_runWhat) : u"%1: failed."_s.arg(m_runWhat));
    m_client->deleteLater();
    m_client = nullptr;
    m_deployer = nullptr;
    m_historyModel->reload(DeployHistory::defaultPath(projectDir()));
    m_historyView->resizeColumnsToContents();
    setBusy(false);
    updateTraffic();
    Q_EMIT operationFinished(ok);
}

void DeployPanel::log(const QString &line)
{
    m_log->appendPlainText(line);
}

void DeployPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_deployButton->setEnabled(!busy);
    m_diffButton->setEnabled(!busy);
    m_rollbackButton->setEnabled(!busy && m_historyView->selectionModel()->hasSelection());
    m_trafficSlider->setEnabled(!busy && m_trafficSlider->isEnabled());
}

} // namespace Lwb
