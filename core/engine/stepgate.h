// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <deque>
#include <functional>

namespace Lwb {

/**
 * The engine's step-through control. Every transition the engine makes on its own (admitting
 * a request, starting an environment's init, handing an event to a runtime, reporting a
 * result) passes the gate: while running it happens at once; while paused it waits in order,
 * step() lets exactly the next one happen, resume() lets them all go. What the functions
 * themselves do (their code, their timeouts) is real time and is not held. Engine thread.
 */
class LWB_CORE_EXPORT StepGate : public QObject
{
    Q_OBJECT

public:
    explicit StepGate(QObject *parent = nullptr);

    /** Runs @p action now, or queues it while paused. @p what names it for views. */
    void pass(const QString &what, std::function<void()> action);

    void pause();
    void resume();
    /** Lets the next waiting transition happen; false when none waits. */
    bool step();

    bool isPaused() const { return m_paused; }
    int waiting() const { return int(m_waiting.size()); }
    /** What the next step would do; empty when nothing waits. */
    QString next() const { return m_waiting.empty() ? QString() : m_waiting.front().what; }

Q_SIGNALS:
    void pausedChanged(bool paused);
    void waitingChanged(int count);

private:
    struct Item
    {
        QString what;
        std::function<void()> action;
    };
    std::deque<Item> m_waiting;
    bool m_paused = false;
};

} // namespace Lwb
