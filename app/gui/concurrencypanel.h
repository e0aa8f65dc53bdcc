// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engine.h"
#include "model/functionconfig.h"

#include <QtWidgets/QWidget>

#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QSpinBox;

namespace Lwb {

class EngineHost;
class LoadRunner;
class StepControls;
class TimelineModel;
class TimelineView;

/**
 * The "Concurrency" panel: the visualiser over the running engine's journal, the step
 * controls, and the minimal Invoke / Run load actions that give it something to show.
 * GUI thread.
 */
class ConcurrencyPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConcurrencyPanel(EngineHost *host, QWidget *parent = nullptr);

    /** Starts over for a newly opened project (its functions, folder and engine limits). */
    void setProject(const std::vector<FunctionConfig> &functions, const QString &projectDir,
                    const EngineOptions &options);

    TimelineModel *model() const { return m_model; }
    TimelineView *view() const { return m_view; }
    StepControls *stepControls() const { return m_stepControls; }
    LoadRunner *loadRunner() const { return m_loadRunner; }
    QAction *invokeAction() const { return m_invoke; }
    QAction *runLoadAction() const { return m_runLoad; }
    QComboBox *functionBox() const { return m_functionBox; }
    QSpinBox *requestsBox() const { return m_requests; }
    QSpinBox *concurrencyBox() const { return m_concurrency; }

    /** What is known of one invocation, as HTML: its facts, and its event, response and logs
     *  when this panel made it. */
    QString describeInvocation(const QString &requestId) const;

Q_SIGNALS:
    void invocationActivated(const QString &requestId);

private:
    QByteArray eventFor(const QString &logicalId) const;
    QString selectedFunction() const;

    EngineHost *m_host;
    TimelineModel *m_model;
    TimelineView *m_view;
    StepControls *m_stepControls;
    LoadRunner *m_loadRunner;
    QAction *m_invoke;
    QAction *m_runLoad;
    QComboBox *m_functionBox;
    QSpinBox *m_requests;
    QSpinBox *m_concurrency;
    QLabel *m_progress;
    QString m_projectDir;
};

} // namespace Lwb
