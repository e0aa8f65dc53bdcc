// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QHash>
#include <QtCore/QString>

#include <deque>
#include <functional>
#include <optional>

namespace Lwb {

/**
 * Lambda's admission policy, and nothing else: given what runs and what idles, may a request
 * run, on a warm environment or a new one, or is it throttled — and with which Reason.
 *
 * Pure policy with an injected clock: the engine drives it with the wall clock and real
 * environments, the simulator with a virtual clock and modelled ones; the same rules either way.
 * Rules (lambda-reference §6.1–6.2): an account concurrency limit (default 1,000) of which
 * reservations may leave no less than 100 unreserved; reserved concurrency is both a cap and a
 * guarantee (0 throttles everything); provisioned environments are used first and traffic
 * above them spills over to on-demand ones; at most `scalingLimit` new environments per
 * `scalingWindowMs` per function. Not thread-safe; one owner.
 */
class LWB_CORE_EXPORT Scheduler
{
public:
    using Clock = std::function<qint64()>; ///< milliseconds, monotonic

    struct Config
    {
        int accountConcurrency = 1000;
        int unreservedMinimum = 100;
        int scalingLimit = 1000;        ///< new environments per window, per function
        qint64 scalingWindowMs = 10000;
    };

    enum class Kind { Warm, Cold, Throttle };

    struct Decision
    {
        Kind kind = Kind::Throttle;
        bool provisioned = false;       ///< Warm on a provisioned environment
        bool spillover = false;         ///< Cold although the function has provisioned concurrency
        QString reason;                 ///< with Throttle: TooManyRequestsException's Reason
    };

    /** What the caller knows about the function's environments right now. */
    struct Idle
    {
        int provisioned = 0;            ///< idle provisioned environments of the target version
        int onDemand = 0;               ///< idle on-demand environments of the target version
        bool hasProvisioned = false;    ///< the target has provisioned concurrency at all
    };

    Scheduler(const Config &config, Clock clock);

    const Config &config() const { return m_config; }

    /**
     * Sets (or with nullopt clears) a function's reserved concurrency; false with Lambda's
     * message when it would leave less than the unreserved minimum.
     */
    bool setReservedConcurrency(const QString &function, std::optional<int> reserved,
                                QString *error = nullptr);
    std::optional<int> reservedConcurrency(const QString &function) const;
    void removeFunction(const QString &function);

    /** Decides one request. A Warm or Cold decision must be followed by started(). */
    Decision decide(const QString &function, const Idle &idle);

    /** A request began running (after decide()); @p cold counts towards the scaling window. */
    void started(const QString &function, bool cold, bool provisioned);
    /** It ended. */
    void finished(const QString &function, bool provisioned);

    int inFlight(const QString &function) const;
    int accountInFlight() const { return m_accountInFlight; }
    int unreservedInFlight() const { return m_unreservedInFlight; }
    int unreservedLimit() const { return m_config.accountConcurrency - m_reservedTotal; }
    int provisionedInFlight(const QString &function) const;

private:
    struct FunctionState
    {
        std::optional<int> reserved;
        int inFlight = 0;
        int provisionedInFlight = 0;
        std::deque<qint64> coldStarts;  ///< times of recent new environments (scaling window)
    };

    FunctionState &state(const QString &function);
    Decision throttle(const QString &reason) const;

    Config m_config;
    Clock m_clock;
    QHash<QString, FunctionState> m_functions;
    int m_accountInFlight = 0;
    int m_unreservedInFlight = 0;
    int m_reservedTotal = 0;
};

} // namespace Lwb
