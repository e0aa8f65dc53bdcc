// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadrunner.h"

#include "enginehost.h"

using namespace Qt::StringLiterals;

namespace Lwb {

LoadRunner::LoadRunner(EngineHost *host, QObject *parent) : QObject(parent), m_host(host)
{
    connect(m_host, &EngineHost::invocationFinished, this, &LoadRunner::finished);
}

QString LoadRunner::send(const QString &functionName, const QByteArray &payload)
{
    InvokeRequest request;
    request.functionName = functionName;
    request.payload = payload;
    request.source = u"gui"_s;
    request.requestId = m_host->invoke(request);
    m_exchanges.insert(request.requestId, {request, std::nullopt});
    m_order.push_back(request.requestId);
    while (m_order.size() > std::size_t(kRemembered)) {
        m_exchanges.remove(m_order.front());
        m_order.pop_front();
    }
    return request.requestId;
}

QString LoadRunner::invoke(const QString &functionName, const QByteArray &payload)
{
    return send(functionName, payload);
}

void LoadRunner::runLoad(const QString &functionName, const QByteArray &payload, int requests,
                         int concurrency)
{
    m_function = functionName;
    m_payload = payload;
    m_total = std::max(0, requests);
    m_remaining = m_total;
    m_concurrency = std::max(1, concurrency);
    m_completed = 0;
    m_throttled = 0;
    m_failed = 0;
    m_inFlight = 0;
    m_loadRequests.clear();
    sendMore();
}

void LoadRunner::cancel()
{
    m_remaining = 0;
}

void LoadRunner::sendMore()
{
    while (m_remaining > 0 && m_inFlight < m_concurrency) {
        --m_remaining;
        ++m_inFlight;
        m_loadRequests.insert(send(m_function, m_payload), true);
    }
}

void LoadRunner::finished(const InvokeRequest &request, const InvokeResult &result)
{
    if (auto it = m_exchanges.find(request.requestId); it != m_exchanges.end()) {
        it->result = result;
    }
    if (!m_loadRequests.remove(request.requestId)) {
        return;
    }
    --m_inFlight;
    ++m_completed;
    if (result.httpStatus == 429) {
        ++m_throttled;
    } else if (result.isServiceError() || result.functionError) {
        ++m_failed;
    }
    Q_EMIT progress(m_completed, m_total);
    sendMore();
    if (!isRunning()) {
        Q_EMIT loadFinished();
    }
}

const LoadRunner::Exchange *LoadRunner::exchange(const QString &requestId) const
{
    const auto it = m_exchanges.constFind(requestId);
    return it == m_exchanges.cend() ? nullptr : &*it;
}

} // namespace Lwb
