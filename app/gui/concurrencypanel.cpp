// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "concurrencypanel.h"

#include "enginehost.h"
#include "loadrunner.h"
#include "stepcontrols.h"
#include "timelineview.h"

#include "project/savedevents.h"
#include "telemetry/timelinemodel.h"

#include <QtCore/QDateTime>
#include <QtGui/QAction>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString pre(const QByteArray &bytes)
{
    return u"<pre>"_s + escaped(QString::fromUtf8(bytes)) + u"</pre>"_s;
}

} // namespace

ConcurrencyPanel::ConcurrencyPanel(EngineHost *host, QWidget *parent)
    : QWidget(parent), m_host(host), m_model(new TimelineModel(this)), m_view(new TimelineView),
      m_stepControls(new StepControls(host)), m_loadRunner(new LoadRunner(host, this)),
      m_invoke(new QAction(style()->standardIcon(QStyle::SP_ArrowRight), tr("&Invoke"), this)),
      m_runLoad(
          new QAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Run &Load"), this)),
      m_functionBox(new QComboBox), m_requests(new QSpinBox), m_concurrency(new QSpinBox),
      m_progress(new QLabel)
{
    setObjectName(u"concurrencyPanel"_s);
    m_view->setModel(m_model);
    m_view->setLive(true);
    m_functionBox->setObjectName(u"functionBox"_s);
    m_functionBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_requests->setObjectName(u"requestsBox"_s);
    m_requests->setRange(1, 100000);
    m_requests->setValue(100);
    m_requests->setPrefix(tr("N = "));
    m_requests->setToolTip(tr("Requests the load sends"));
    m_concurrency->setObjectName(u"concurrencyBox"_s);
    m_concurrency->setRange(1, 1000);
    m_concurrency->setValue(10);
    m_concurrency->setPrefix(tr("C = "));
    m_concurrency->setToolTip(tr("Requests the load keeps in flight"));
    m_progress->setObjectName(u"loadProgress"_s);
    m_invoke->setShortcut(Qt::CTRL | Qt::Key_I);
    m_invoke->setToolTip(tr("Invoke the function once with its first saved event (Ctrl+I)"));
    m_runLoad->setShortcut(Qt::CTRL | Qt::Key_L);
    m_runLoad->setToolTip(tr("Send N requests, C at a time (Ctrl+L)"));
    addAction(m_invoke);
    addAction(m_runLoad);

    connect(m_invoke, &QAction::triggered, this, [this] {
        const QString function = selectedFunction();
        if (!function.isEmpty()) {
            m_loadRunner->invoke(function, eventFor(function));
        }
    });
    connect(m_runLoad, &QAction::triggered, this, [this] {
        const QString function = selectedFunction();
        if (!function.isEmpty()) {
            m_loadRunner->runLoad(function, eventFor(function), m_requests->value(),
                                  m_concurrency->value());
        }
    });
    connect(m_loadRunner, &LoadRunner::progress, this, [this](int completed, int total) {
        m_progress->setText(tr("%1 / %2 done · %3 throttled · %4 failed")
                                .arg(completed)
                                .arg(total)
                                .arg(m_loadRunner->throttled())
                                .arg(m_loadRunner->failed()));
    });
    connect(m_host, &EngineHost::recordsAppended, m_model,
            qOverload<const std::vector<JournalRecord> &>(&TimelineModel::ingest));
    connect(m_host, &EngineHost::stepGateChanged, m_view, &TimelineView::setGateState);
    connect(m_view, &TimelineView::invocationActivated, this,
            &ConcurrencyPanel::invocationActivated);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_functionBox);
    for (QAction *action : {m_invoke, m_runLoad}) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(action == m_invoke ? u"invokeButton"_s : u"runLoadButton"_s);
        bar->addWidget(button);
        if (action == m_invoke) {
            continue;
        }
        bar->addWidget(m_requests);
        bar->addWidget(m_concurrency);
    }
    bar->addWidget(m_progress);
    bar->addStretch();
    bar->addWidget(m_stepControls);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void ConcurrencyPanel::setProject(const std::vector<FunctionConfig> &functions,
                                  const QString &projectDir, const EngineOptions &options)
{
    m_projectDir = projectDir;
    m_loadRunner->cancel();
    m_model->clear();
    m_model->setAccountConcurrency(options.accountConcurrency);
    m_model->setFunctionLimits(functions);
    m_functionBox->clear();
    for (const FunctionConfig &f : functions) {
        m_functionBox->addItem(f.logicalId);
    }
    m_progress->clear();
    m_view->setFollowing(true);
}

QString ConcurrencyPanel::selectedFunction() const
{
    return m_functionBox->currentText();
}

QByteArray ConcurrencyPanel::eventFor(const QString &logicalId) const
{
    const SavedEvents events(m_projectDir);
    const QStringList names = events.names(logicalId);
    if (!names.isEmpty()) {
        if (std::optional<QByteArray> event = events.load(logicalId, names.first())) {
            return *event;
        }
    }
    return QByteArrayLiteral("{}");
}

QString ConcurrencyPanel::describeInvocation(const QString &requestId) const
{
    QString html = u"<h3>%1</h3>"_s.arg(escaped(requestId));
    if (const TimelineModel::Invocation *inv = m_model->invocation(requestId)) {
        const TimelineModel::Lane &lane = m_model->lanes()[inv->lane];
        const TimelineModel::Group &group = m_model->groups()[lane.group];
        html += u"<table cellspacing=4>"_s;
        auto row = [&html](const QString &key, const QString &value) {
            html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(escaped(key), escaped(value));
        };
        row(tr("Function"), group.functionName + u':' + group.version);
        row(tr("Environment"), lane.environmentId);
        row(tr("Started"),
            QDateTime::fromMSecsSinceEpoch(inv->startUs / 1000).toString(u"HH:mm:ss.zzz"_s));
        if (inv->status != TimelineModel::Status::Running) {
            row(tr("Duration"), tr("%1 ms").arg(inv->durationMs, 0, 'f', 2));
        }
        row(tr("Start"), inv->coldStart ? tr("cold") : tr("warm"));
        if (inv->initDurationMs) {
            row(tr("Init duration"), tr("%1 ms").arg(*inv->initDurationMs, 0, 'f', 2));
        }
        const QString status = inv->status == TimelineModel::Status::Running   ? tr("running")
                               : inv->status == TimelineModel::Status::Success ? tr("success")
                               : inv->status == TimelineModel::Status::Timeout ? tr("timeout")
                                                                               : tr("error");
        row(tr("Status"),
            inv->errorType.isEmpty() ? status : status + u" ("_s + inv->errorType + u')');
        html += u"</table>"_s;
    }
    const LoadRunner::Exchange *exchange = m_loadRunner->exchange(requestId);
    if (!exchange) {
        html +=
            u"<p>"_s +
            escaped(tr("This invocation was not made from this window: its event and response "
                       "are not known here; its log is in the function's log group (lwb logs).")) +
            u"</p>"_s;
        return html;
    }
    html += u"<h4>%1</h4>"_s.arg(tr("Event")) + pre(exchange->request.payload.isEmpty()
                                                        ? QByteArrayLiteral("{}")
                                                        : exchange->request.payload);
    if (!exchange->result) {
        html += u"<p>%1</p>"_s.arg(escaped(tr("Running…")));
        return html;
    }
    const InvokeResult &r = *exchange->result;
    html += u"<h4>%1</h4>"_s.arg(tr("Response"));
    if (r.isServiceError()) {
        html += u"<p>%1 %2: %3</p>"_s.arg(r.httpStatus)
                    .arg(escaped(r.serviceErrorCode), escaped(r.serviceErrorMessage));
    }
    html += pre(r.payload);
    html += u"<h4>%1</h4>"_s.arg(tr("Log")) + pre(r.log);
    return html;
}

} // namespace Lwb
