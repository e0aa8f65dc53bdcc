// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/invocationfacts.h"
#include "telemetry/invocationtracker.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <map>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace Lwb {

struct JournalRecord;

/** One duration price band: applies to usage up to @c upToGbSeconds a month (0: no bound). */
struct LWB_CORE_EXPORT DurationTier
{
    double upToGbSeconds = 0;
    double perGbSecond = 0;
};

/** The prices of one architecture (x86_64, arm64). */
struct LWB_CORE_EXPORT ArchitecturePrices
{
    std::vector<DurationTier> durationTiers;
    double provisionedConcurrencyPerGbSecond = 0; ///< standby, enable to disable
    double provisionedDurationPerGbSecond = 0;    ///< duration of invocations on PC
};

/** The price list of resources/pricing.json (reference §8, us-east-1). A plain value type. */
struct LWB_CORE_EXPORT Pricing
{
    QString region;
    QString currency = QStringLiteral("USD");
    QString asOf;
    int billingGranularityMs = 1;
    double perRequest = 0;                      ///< requests.perMillion / 1e6
    std::map<QString, ArchitecturePrices> architectures;
    double ephemeralIncludedMb = 512;
    double ephemeralPerGbSecond = 0;
    int provisionedBillingIncrementSeconds = 300;
    double freeRequestsPerMonth = 0;
    double freeGbSecondsPerMonth = 0;
    bool freeTierAppliedByDefault = false;

    /** The prices of @p architecture; x86_64's when unknown. */
    const ArchitecturePrices &prices(const QString &architecture) const;

    static std::optional<Pricing> fromJson(const nlohmann::json &json, QString *error = nullptr);
    static std::optional<Pricing> load(const QString &path, QString *error = nullptr);
    /** pricing.json in Engine::defaultResourcesDir(). */
    static QString defaultPath();
};

/** What one invocation cost, in the pricing's currency. */
struct LWB_CORE_EXPORT InvocationCost
{
    double gbSeconds = 0;        ///< memory (GB) × billed duration (s)
    double storageGbSeconds = 0; ///< ephemeral storage above the included 512 MB (GB) × billed s
    double requestUsd = 0;
    double durationUsd = 0;
    double storageUsd = 0;
    double totalUsd() const { return requestUsd + durationUsd + storageUsd; }
};

/** Sums over many invocations. */
struct LWB_CORE_EXPORT CostTotals
{
    qint64 requests = 0;
    double gbSeconds = 0;
    double requestUsd = 0;
    double durationUsd = 0;
    double storageUsd = 0;
    double totalUsd() const { return requestUsd + durationUsd + storageUsd; }
    void add(const InvocationCost &cost);
};

/**
 * The AWS Lambda cost of invocations, from InvokeFinished records and a Pricing:
 * request price + billed duration (1 ms, rounded up) × memory × the architecture's
 * GB-second price (the tier reached by the usage accumulated since the model started; the
 * flat provisioned-duration price on provisioned concurrency) + ephemeral storage above
 * 512 MB × billed duration × its GB-second price. The free tier is known but applied only
 * on request (freeTierCreditUsd()). A plain object; not thread-safe.
 */
class LWB_CORE_EXPORT CostModel
{
public:
    /** Loads Pricing::defaultPath(); pricing() is empty (all zero) when that fails. */
    CostModel();
    explicit CostModel(const Pricing &pricing);

    const Pricing &pricing() const { return m_pricing; }
    bool isValid() const { return !m_pricing.architectures.empty(); }

    /** What @p facts would cost now, given the usage accumulated so far; accumulates nothing. */
    InvocationCost cost(const InvocationFacts &facts) const;
    /** cost() and adds it to the totals. */
    InvocationCost add(const InvocationFacts &facts);
    /** Takes one record; the cost of the invocation when it was an InvokeFinished. */
    std::optional<InvocationCost> ingest(const JournalRecord &record);

    /**
     * The price of @p gbSeconds of on-demand duration on @p architecture when
     * @p usedGbSeconds were already used this month (the tiers).
     */
    double durationCost(const QString &architecture, double gbSeconds, double usedGbSeconds = 0) const;
    /** Standby provisioned concurrency: @p instances × memory for @p seconds (rounded up to 5 min). */
    double provisionedConcurrencyCost(const QString &architecture, int memoryMb, int instances,
                                      double seconds) const;

    CostTotals totals(const QString &functionName) const;
    CostTotals total() const;
    QStringList functions() const;

    /** What the monthly free tier would take off total() (requests, then on-demand GB-s). */
    double freeTierCreditUsd() const;

    InvocationTracker &tracker() { return m_tracker; }

private:
    Pricing m_pricing;
    InvocationTracker m_tracker;
    std::map<QString, CostTotals> m_totals;          ///< by function
    std::map<QString, double> m_onDemandGbSeconds;   ///< by architecture, for the tiers
};

} // namespace Lwb
