// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::Sqs {

/**
 * The event source mapping of a SAM `SQS` event: which queue, how messages are batched, how
 * the function's answer is read, how many batches run at once, which messages are passed on.
 * A plain value type.
 */
struct Mapping
{
    static constexpr int kDefaultBatchSize = 10;
    static constexpr int kMaxBatchSize = 10000;
    static constexpr int kMaxFifoBatchSize = 10;
    static constexpr int kMaxWindowSeconds = 300;
    /// Lambda's most concurrent batches per mapping without ScalingConfig.
    static constexpr int kMaxConcurrency = 1000;

    nlohmann::json queue; ///< Queue as written: !GetAtt Q.Arn, or an ARN
    int batchSize = kDefaultBatchSize;
    int maximumBatchingWindowSeconds = 0;
    bool reportBatchItemFailures = false; ///< FunctionResponseTypes: [ReportBatchItemFailures]
    int maximumConcurrency = 0;           ///< ScalingConfig.MaximumConcurrency; 0 = not set
    bool enabled = true;
    std::vector<nlohmann::json> filters; ///< FilterCriteria.Filters[].Pattern, parsed

    /** Parses the Properties of an `SQS` event; nullopt with @p errors when they are wrong. */
    static std::optional<Mapping> parse(const nlohmann::json &properties, QStringList *errors);
    /** The normalised Properties: everything parse() read, defaults filled in. */
    nlohmann::json toJson() const;

    /** How many batches may run at once: MaximumConcurrency, or Lambda's maximum. */
    int concurrency() const
    {
        return maximumConcurrency > 0 ? maximumConcurrency : kMaxConcurrency;
    }

    /**
     * Whether @p record (one record of the SQS event, body as sent) passes FilterCriteria:
     * true without filters, else when any filter's pattern matches. Patterns follow
     * EventBridge's syntax on the record's keys (a JSON body is matched as JSON): values,
     * prefix, suffix, exists, anything-but, numeric.
     */
    bool passes(const nlohmann::json &record) const;
};

} // namespace Lwb::Sqs
