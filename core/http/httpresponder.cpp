// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpresponder.h"

#include "httpconnection.h"

namespace Lwb {

HttpResponder::HttpResponder() = default;

HttpResponder::HttpResponder(std::shared_ptr<Internal::HttpResponderState> state)
    : m_state(std::move(state))
{
}

bool HttpResponder::isOpen() const
{
    return m_state && !m_state->sent && m_state->connection
        && m_state->connection->isAwaiting(m_state->sequence);
}

bool HttpResponder::isSent() const
{
    return m_state && m_state->sent;
}

quint64 HttpResponder::connectionId() const
{
    return m_state ? m_state->connectionId : 0;
}

void HttpResponder::send(HttpResponse response)
{
    if (!m_state || m_state->sent) {
        return;
    }
    m_state->sent = true;
    if (Internal::HttpConnection *connection = m_state->connection) {
        connection->sendResponse(m_state->sequence, std::move(response));
    }
}

void HttpResponder::closeConnection()
{
    if (!m_state || m_state->sent) {
        return;
    }
    m_state->sent = true;
    if (Internal::HttpConnection *connection = m_state->connection) {
        if (connection->isAwaiting(m_state->sequence)) {
            connection->abort();
        }
    }
}

} // namespace Lwb
