// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepcontrols.h"

#include "enginehost.h"

#include <QtGui/QAction>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace Lwb {

StepControls::StepControls(EngineHost *host, QWidget *parent)
    : QWidget(parent), m_host(host),
      m_pause(new QAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause Engine"), this)),
      m_step(new QAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("&Step"), this)),
      m_resume(
          new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Resume Engine"), this)),
      m_pauseButton(new QToolButton), m_stepButton(new QToolButton),
      m_resumeButton(new QToolButton), m_waitingLabel(new QLabel)
{
    setObjectName(u"stepControls"_s);
    m_pause->setShortcut(Qt::Key_F7);
    m_step->setShortcut(Qt::Key_F8);
    m_resume->setShortcut(Qt::Key_F9);
    m_pause->setToolTip(tr("Hold every engine transition at the step gate (F7)"));
    m_step->setToolTip(tr("Let the next waiting transition happen (F8)"));
    m_resume->setToolTip(tr("Let everything waiting go and run freely again (F9)"));
    for (QAction *action : {m_pause, m_step, m_resume}) {
        action->setShortcutContext(Qt::WindowShortcut);
    }
    connect(m_pause, &QAction::triggered, m_host, &EngineHost::pause);
    connect(m_step, &QAction::triggered, m_host, &EngineHost::step);
    connect(m_resume, &QAction::triggered, m_host, &EngineHost::resume);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const std::pair<QToolButton *, QAction *> buttons[] = {
        {m_pauseButton, m_pause}, {m_stepButton, m_step}, {m_resumeButton, m_resume}};
    for (const auto &[button, action] : buttons) {
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        layout->addWidget(button);
        addAction(action);
    }
    m_pauseButton->setObjectName(u"pauseButton"_s);
    m_stepButton->setObjectName(u"stepButton"_s);
    m_resumeButton->setObjectName(u"resumeButton"_s);
    m_waitingLabel->setObjectName(u"waitingLabel"_s);
    layout->addWidget(m_waitingLabel);
    layout->addStretch();

    connect(m_host, &EngineHost::stepGateChanged, this, &StepControls::showState);
    showState(m_host->isPaused(), m_host->waiting(), m_host->next());
}

void StepControls::showState(bool paused, int waiting, const QString &next)
{
    m_pause->setEnabled(!paused);
    m_step->setEnabled(paused && waiting > 0);
    m_resume->setEnabled(paused);
    if (!paused) {
        m_waitingLabel->setText(tr("Running"));
    } else if (waiting == 0) {
        m_waitingLabel->setText(tr("Paused · nothing waiting"));
    } else {
        m_waitingLabel->setText(tr("Paused · %n waiting · next: %1", nullptr, waiting).arg(next));
    }
}

} // namespace Lwb
