// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "costmodel.h"

#include "engine/engine.h"
#include "engine/journal.h"

#include <QtCore/QFile>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

const ArchitecturePrices &Pricing::prices(const QString &architecture) const
{
    static const ArchitecturePrices none;
    auto it = architectures.find(architecture);
    if (it == architectures.end()) {
        it = architectures.find(u"x86_64"_s);
    }
    return it == architectures.end() ? none : it->second;
}

std::optional<Pricing> Pricing::fromJson(const nlohmann::json &json, QString *error)
{
    try {
        Pricing p;
        p.region = QString::fromStdString(json.value("region", std::string()));
        p.currency = QString::fromStdString(json.value("currency", std::string("USD")));
        p.asOf = QString::fromStdString(json.value("asOf", std::string()));
        p.billingGranularityMs = json.value("billingGranularityMs", 1);
        p.perRequest = json.at("requests").at("perMillion").get<double>() / 1e6;
        for (const auto &[name, arch] : json.at("architectures").items()) {
            ArchitecturePrices a;
            for (const auto &tier : arch.at("durationTiers")) {
                const auto &upTo = tier.at("upToGbSecondsPerMonth");
                a.durationTiers.push_back({upTo.is_null() ? 0.0 : upTo.get<double>(),
                                           tier.at("perGbSecond").get<double>()});
            }
            a.provisionedConcurrencyPerGbSecond = arch.at("provisionedConcurrencyPerGbSecond").get<double>();
            a.provisionedDurationPerGbSecond = arch.at("provisionedDurationPerGbSecond").get<double>();
            if (a.durationTiers.empty()) {
                throw std::runtime_error("no duration tiers for " + name);
            }
            p.architectures.emplace(QString::fromStdString(name), a);
        }
        const auto &storage = json.at("ephemeralStorage");
        p.ephemeralIncludedMb = storage.value("includedMb", 512.0);
        p.ephemeralPerGbSecond = storage.at("perGbSecond").get<double>();
        if (json.contains("provisionedConcurrency")) {
            p.provisionedBillingIncrementSeconds =
                json["provisionedConcurrency"].value("billingIncrementSeconds", 300);
        }
        if (json.contains("freeTier")) {
            const auto &free = json["freeTier"];
            p.freeRequestsPerMonth = free.value("requestsPerMonth", 0.0);
            p.freeGbSecondsPerMonth = free.value("gbSecondsPerMonth", 0.0);
            p.freeTierAppliedByDefault = free.value("appliedByDefault", false);
        }
        return p;
    } catch (const std::exception &e) {
        if (error) {
            *error = u"invalid pricing: "_s + QString::fromUtf8(e.what());
        }
        return std::nullopt;
    }
}

std::optional<Pricing> Pricing::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        }
        return std::nullopt;
    }
    const nlohmann::json json = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (json.is_discarded()) {
        if (error) {
            *error = u"%1 is not JSON"_s.arg(path);
        }
        return std::nullopt;
    }
    return fromJson(json, error);
}

QString Pricing::defaultPath()
{
    return Engine::defaultResourcesDir() + u"/pricing.json"_s;
}

void CostTotals::add(const InvocationCost &cost)
{
    ++requests;
    gbSeconds += cost.gbSeconds;
    requestUsd += cost.requestUsd;
    durationUsd += cost.durationUsd;
    storageUsd += cost.storageUsd;
}

CostModel::CostModel()
{
    if (auto p = Pricing::load(Pricing::defaultPath())) {
        m_pricing = *p;
    }
}

CostModel::CostModel(const Pricing &pricing)
    : m_pricing(pricing)
{
}

double CostModel::durationCost(const QString &architecture, double gbSeconds, double usedGbSeconds) const
{
    double cost = 0;
    double remaining = gbSeconds;
    double used = usedGbSeconds;
    for (const DurationTier &tier : m_pricing.prices(architecture).durationTiers) {
        if (remaining <= 0) {
            break;
        }
        const bool bounded = tier.upToGbSeconds > 0;
        if (bounded && used >= tier.upToGbSeconds) {
            continue;
        }
        const double inTier = bounded ? std::min(remaining, tier.upToGbSeconds - used) : remaining;
        cost += inTier * tier.perGbSecond;
        remaining -= inTier;
        used += inTier;
    }
    return cost;
}

double CostModel::provisionedConcurrencyCost(const QString &architecture, int memoryMb, int instances,
                                             double seconds) const
{
    const double increment = std::max(1, m_pricing.provisionedBillingIncrementSeconds);
    const double billedSeconds = std::ceil(seconds / increment) * increment;
    return double(memoryMb) / 1024.0 * double(instances) * billedSeconds
        * m_pricing.prices(architecture).provisionedConcurrencyPerGbSecond;
}

InvocationCost CostModel::cost(const InvocationFacts &f) const
{
    InvocationCost c;
    const double granularity = std::max(1, m_pricing.billingGranularityMs);
    const double billedMs = std::ceil(double(std::max<qint64>(0, f.billedDurationMs)) / granularity)
        * granularity;
    const double billedSeconds = billedMs / 1000.0;
    c.gbSeconds = double(f.memorySizeMb) / 1024.0 * billedSeconds;
    c.requestUsd = m_pricing.perRequest;
    if (f.onProvisionedConcurrency()) {
        c.durationUsd = c.gbSeconds * m_pricing.prices(f.architecture).provisionedDurationPerGbSecond;
    } else {
        const auto used = m_onDemandGbSeconds.find(f.architecture);
        c.durationUsd = durationCost(f.architecture, c.gbSeconds,
                                     used == m_onDemandGbSeconds.end() ? 0.0 : used->second);
    }
    const double extraStorageMb = std::max(0.0, double(f.ephemeralStorageMb) - m_pricing.ephemeralIncludedMb);
    c.storageGbSeconds = extraStorageMb / 1024.0 * billedSeconds;
    c.storageUsd = c.storageGbSeconds * m_pricing.ephemeralPerGbSecond;
    return c;
}

InvocationCost CostModel::add(const InvocationFacts &facts)
{
    const InvocationCost c = cost(facts);
    m_totals[facts.functionName].add(c);
    if (!facts.onProvisionedConcurrency()) {
        m_onDemandGbSeconds[facts.architecture] += c.gbSeconds;
    }
    return c;
}

std::optional<InvocationCost> CostModel::ingest(const JournalRecord &record)
{
    if (const std::optional<InvocationFacts> facts = m_tracker.ingest(record)) {
        return add(*facts);
    }
    return std::nullopt;
}

CostTotals CostModel::totals(const QString &functionName) const
{
    const auto it = m_totals.find(functionName);
    return it == m_totals.end() ? CostTotals{} : it->second;
}

CostTotals CostModel::total() const
{
    CostTotals sum;
    for (const auto &[name, t] : m_totals) {
        sum.requests += t.requests;
        sum.gbSeconds += t.gbSeconds;
        sum.requestUsd += t.requestUsd;
        sum.durationUsd += t.durationUsd;
        sum.storageUsd += t.storageUsd;
    }
    return sum;
}

QStringList CostModel::functions() const
{
    QStringList names;
    for (const auto &[name, t] : m_totals) {
        names << name;
    }
    return names;
}

double CostModel::freeTierCreditUsd() const
{
    const CostTotals t = total();
    double credit = std::min<double>(double(t.requests), m_pricing.freeRequestsPerMonth) * m_pricing.perRequest;
    double freeGbSeconds = m_pricing.freeGbSecondsPerMonth;
    for (const QString &arch : {u"x86_64"_s, u"arm64"_s}) {
        const auto used = m_onDemandGbSeconds.find(arch);
        if (used == m_onDemandGbSeconds.end() || freeGbSeconds <= 0) {
            continue;
        }
        const double covered = std::min(used->second, freeGbSeconds);
        credit += durationCost(arch, covered);
        freeGbSeconds -= covered;
    }
    return credit;
}

} // namespace Lwb
