// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepgate.h"

namespace Lwb {

StepGate::StepGate(QObject *parent)
    : QObject(parent)
{
}

void StepGate::pass(const QString &what, std::function<void()> action)
{
    if (!m_paused) {
        action();
        return;
    }
    m_waiting.push_back({what, std::move(action)});
    Q_EMIT waitingChanged(waiting());
}

void StepGate::pause()
{
    if (!m_paused) {
        m_paused = true;
        Q_EMIT pausedChanged(true);
    }
}

void StepGate::resume()
{
    if (!m_paused) {
        return;
    }
    m_paused = false;
    Q_EMIT pausedChanged(false);
    // Actions may pass the gate again (and find it open), or pause it again.
    while (!m_paused && !m_waiting.empty()) {
        Item item = std::move(m_waiting.front());
        m_waiting.pop_front();
        Q_EMIT waitingChanged(waiting());
        item.action();
    }
}

bool StepGate::step()
{
    if (m_waiting.empty()) {
        return false;
    }
    Item item = std::move(m_waiting.front());
    m_waiting.pop_front();
    Q_EMIT waitingChanged(waiting());
    item.action();
    return true;
}

} // namespace Lwb
