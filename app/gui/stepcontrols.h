// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtWidgets/QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace Lwb {

class EngineHost;

/**
 * Pause / Step / Resume of the engine's step gate, as buttons and as actions with shortcuts
 * (F7 pause, F8 step, F9 resume) for menus, and an "N waiting" indicator with what the next
 * step would do. Drives the gate through @p host; GUI thread.
 */
class StepControls : public QWidget
{
    Q_OBJECT

public:
    explicit StepControls(EngineHost *host, QWidget *parent = nullptr);

    QAction *pauseAction() const { return m_pause; }
    QAction *stepAction() const { return m_step; }
    QAction *resumeAction() const { return m_resume; }
    QToolButton *pauseButton() const { return m_pauseButton; }
    QToolButton *stepButton() const { return m_stepButton; }
    QToolButton *resumeButton() const { return m_resumeButton; }
    QLabel *waitingLabel() const { return m_waitingLabel; }

private:
    void showState(bool paused, int waiting, const QString &next);

    EngineHost *m_host;
    QAction *m_pause;
    QAction *m_step;
    QAction *m_resume;
    QToolButton *m_pauseButton;
    QToolButton *m_stepButton;
    QToolButton *m_resumeButton;
    QLabel *m_waitingLabel;
};

} // namespace Lwb
