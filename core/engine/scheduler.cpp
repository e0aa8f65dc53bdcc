// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduler.h"

#include "model/functionlimits.h"

using namespace Qt::StringLiterals;

namespace Lwb {

Scheduler::Scheduler(const Config &config, Clock clock)
    : m_config(config)
    , m_clock(std::move(clock))
{
}

Scheduler::FunctionState &Scheduler::state(const QString &function)
{
    return m_functions[function];
}

bool Scheduler::setReservedConcurrency(const QString &function, std::optional<int> reserved,
                                       QString *error)
{
    FunctionState &s = state(function);
    const int others = m_reservedTotal - s.reserved.value_or(0);
    if (reserved) {
        if (const auto violation = FunctionLimits::reservedConcurrency(
                *reserved, others, m_config.accountConcurrency, m_config.unreservedMinimum)) {
            if (error) {
                *error = violation->message;
            }
            return false;
        }
    }
    // A function moving between the reserved and the unreserved pool takes its running
    // requests along.
    if (s.reserved.has_value() != reserved.has_value()) {
        m_unreservedInFlight += reserved ? -s.inFlight : s.inFlight;
    }
    m_reservedTotal = others + reserved.value_or(0);
    s.reserved = reserved;
    return true;
}

std::optional<int> Scheduler::reservedConcurrency(const QString &function) const
{
    auto it = m_functions.constFind(function);
    return it == m_functions.constEnd() ? std::nullopt : it->reserved;
}

void Scheduler::removeFunction(const QString &function)
{
    auto it = m_functions.find(function);
    if (it == m_functions.end()) {
        return;
    }
    m_reservedTotal -= it->reserved.value_or(0);
    m_accountInFlight -= it->inFlight;
    if (!it->reserved) {
        m_unreservedInFlight -= it->inFlight;
    }
    m_functions.erase(it);
}

Scheduler::Decision Scheduler::throttle(const QString &reason) const
{
    Decision d;
    d.kind = Kind::Throttle;
    d.reason = reason;
    return d;
}

Scheduler::Decision Scheduler::decide(const QString &function, const Idle &idle)
{
    FunctionState &s = state(function);

    // Concurrency: a reserved function is capped by its reservation; the others share what
    // the reservations leave of the account.
    if (s.reserved) {
        if (s.inFlight >= *s.reserved) {
            return throttle(u"ReservedFunctionConcurrentInvocationLimitExceeded"_s);
        }
    } else if (m_unreservedInFlight >= unreservedLimit() || m_accountInFlight >= m_config.accountConcurrency) {
        return throttle(u"ConcurrentInvocationLimitExceeded"_s);
    }

    // Provisioned first, then any warm environment.
    Decision d;
    if (idle.provisioned > 0) {
        d.kind = Kind::Warm;
        d.provisioned = true;
        return d;
    }
    if (idle.onDemand > 0) {
        d.kind = Kind::Warm;
        return d;
    }

    // A new environment: the scaling rate limits how many per window.
    const qint64 now = m_clock();
    while (!s.coldStarts.empty() && now - s.coldStarts.front() >= m_config.scalingWindowMs) {
        s.coldStarts.pop_front();
    }
    if (int(s.coldStarts.size()) >= m_config.scalingLimit) {
        return throttle(s.reserved ? u"ReservedFunctionInvocationRateLimitExceeded"_s
                                   : u"FunctionInvocationRateLimitExceeded"_s);
    }
    d.kind = Kind::Cold;
    d.spillover = idle.hasProvisioned;
    return d;
}

void Scheduler::started(const QString &function, bool cold, bool provisioned)
{
    FunctionState &s = state(function);
    ++s.inFlight;
    ++m_accountInFlight;
    if (!s.reserved) {
        ++m_unreservedInFlight;
    }
    if (provisioned) {
        ++s.provisionedInFlight;
    }
    if (cold) {
        s.coldStarts.push_back(m_clock());
    }
}

void Scheduler::finished(const QString &function, bool provisioned)
{
    FunctionState &s = state(function);
    if (s.inFlight == 0) {
        return;
    }
    --s.inFlight;
    --m_accountInFlight;
    if (!s.reserved) {
        --m_unreservedInFlight;
    }
    if (provisioned && s.provisionedInFlight > 0) {
        --s.provisionedInFlight;
    }
}

int Scheduler::inFlight(const QString &function) const
{
    auto it = m_functions.constFind(function);
    return it == m_functions.constEnd() ? 0 : it->inFlight;
}

int Scheduler::provisionedInFlight(const QString &function) const
{
    auto it = m_functions.constFind(function);
    return it == m_functions.constEnd() ? 0 : it->provisionedInFlight;
}

} // namespace Lwb
