// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqsmapping.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb::Sqs {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

bool wholeNumber(const nlohmann::json &v, int min, int max, int *out)
{
    if (!v.is_number_integer() || v.get<qint64>() < min || v.get<qint64>() > max) {
        return false;
    }
    *out = v.get<int>();
    return true;
}

bool isQueueReference(const nlohmann::json &q)
{
    if (q.is_string()) {
        const QStringList parts = qs(q.get<std::string>()).split(u':');
        return parts.size() == 6 && parts.at(0) == u"arn" && parts.at(2) == u"sqs" &&
               !parts.at(5).isEmpty();
    }
    if (!q.is_object() || q.size() != 1) {
        return false;
    }
    const nlohmann::json getAtt = q.value("Fn::GetAtt", nlohmann::json());
    return getAtt.is_array() && getAtt.size() == 2 && getAtt[0].is_string() && getAtt[1] == "Arn";
}

// EventBridge-style content filtering, as Lambda applies it to event source records.
bool matchesRule(const nlohmann::json &rule, const nlohmann::json *value);

bool matchesScalar(const nlohmann::json &rule, const nlohmann::json &value)
{
    if (rule.is_object()) {
        return matchesRule(rule, &value);
    }
    if (rule.is_number() && value.is_number()) {
        return rule.get<double>() == value.get<double>();
    }
    return rule == value;
}

bool numericMatch(const nlohmann::json &ops, const nlohmann::json &value)
{
    if (!value.is_number() || !ops.is_array() || ops.empty() || ops.size() % 2 != 0) {
        return false;
    }
    const double v = value.get<double>();
    for (size_t i = 0; i + 1 < ops.size(); i += 2) {
        if (!ops[i].is_string() || !ops[i + 1].is_number()) {
            return false;
        }
        const std::string op = ops[i].get<std::string>();
        const double n = ops[i + 1].get<double>();
        const bool ok = op == "="    ? v == n
                        : op == "<"  ? v < n
                        : op == "<=" ? v <= n
                        : op == ">"  ? v > n
                        : op == ">=" ? v >= n
                                     : false;
        if (!ok) {
            return false;
        }
    }
    return true;
}

// One object rule ({"prefix": …}, {"exists": …} …) against a value (null pointer: absent).
bool matchesRule(const nlohmann::json &rule, const nlohmann::json *value)
{
    if (!rule.is_object() || rule.size() != 1) {
        return false;
    }
    const std::string op = rule.begin().key();
    const nlohmann::json &arg = rule.begin().value();
    if (op == "exists") {
        return arg.is_boolean() && arg.get<bool>() == (value != nullptr);
    }
    if (!value) {
        return false;
    }
    if (op == "prefix" || op == "suffix") {
        if (!arg.is_string() || !value->is_string()) {
            return false;
        }
        const std::string a = arg.get<std::string>();
        const std::string v = value->get<std::string>();
        return op == "prefix" ? v.starts_with(a) : v.ends_with(a);
    }
    if (op == "anything-but") {
        const nlohmann::json list = arg.is_array() ? arg : nlohmann::json::array({arg});
        return std::none_of(list.begin(), list.end(),
                            [&](const nlohmann::json &r) { return matchesScalar(r, *value); });
    }
    if (op == "numeric") {
        return numericMatch(arg, *value);
    }
    return false;
}

bool matchesPattern(const nlohmann::json &pattern, const nlohmann::json &value)
{
    for (auto it = pattern.begin(); it != pattern.end(); ++it) {
        const nlohmann::json *field =
            value.is_object() && value.contains(it.key()) ? &value[it.key()] : nullptr;
        const nlohmann::json &rule = it.value();
        if (rule.is_object()) {
            if (!field || !matchesPattern(rule, *field)) {
                return false;
            }
            continue;
        }
        // A list of alternatives: any of them matches the value (or one of its items).
        const bool any = std::any_of(rule.begin(), rule.end(), [&](const nlohmann::json &r) {
            if (r.is_object() && r.contains("exists")) {
                return matchesRule(r, field);
            }
            if (!field) {
                return false;
            }
            if (field->is_array()) {
                return std::any_of(field->begin(), field->end(), [&](const nlohmann::json &item) {
                    return matchesScalar(r, item);
                });
            }
            return matchesScalar(r, *field);
        });
        if (!any) {
            return false;
        }
    }
    return true;
}

// A pattern is an object whose leaves are lists of alternatives.
bool validPattern(const nlohmann::json &pattern)
{
    if (!pattern.is_object() || pattern.empty()) {
        return false;
    }
    for (const auto &rule : pattern) {
        if (rule.is_object() ? !validPattern(rule) : !rule.is_array() || rule.empty()) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<Mapping> Mapping::parse(const nlohmann::json &properties, QStringList *errors)
{
    if (!properties.is_object()) {
        *errors << u"SQS event Properties must be a map"_s;
        return std::nullopt;
    }
    static const QStringList known{u"Queue"_s,
                                   u"BatchSize"_s,
                                   u"MaximumBatchingWindowInSeconds"_s,
                                   u"FunctionResponseTypes"_s,
                                   u"ScalingConfig"_s,
                                   u"Enabled"_s,
                                   u"FilterCriteria"_s,
                                   u"KmsKeyArn"_s,
                                   u"MetricsConfig"_s};
    const qsizetype before = errors->size();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (!known.contains(qs(it.key()))) {
            *errors << u"unknown property %1 (an SQS event takes %2)"_s.arg(qs(it.key()),
                                                                            known.join(u", "_s));
        }
    }
    Mapping m;
    if (!properties.contains("Queue")) {
        *errors << u"Queue is required: the queue's ARN or !GetAtt Queue.Arn"_s;
    } else if (!isQueueReference(properties["Queue"])) {
        *errors << u"Queue must be an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME) or !GetAtt "
                   "Queue.Arn, not %1"_s.arg(qs(properties["Queue"].dump()));
    } else {
        m.queue = properties["Queue"];
    }
    if (properties.contains("BatchSize") &&
        !wholeNumber(properties["BatchSize"], 1, kMaxBatchSize, &m.batchSize)) {
        *errors << u"BatchSize must be a whole number from 1 to %1, not %2"_s.arg(kMaxBatchSize)
                       .arg(qs(properties["BatchSize"].dump()));
    }
    if (properties.contains("MaximumBatchingWindowInSeconds") &&
        !wholeNumber(properties["MaximumBatchingWindowInSeconds"], 0, kMaxWindowSeconds,
                     &m.maximumBatchingWindowSeconds)) {
        *errors << u"MaximumBatchingWindowInSeconds must be a whole number from 0 to %1, not %2"_s
                       .arg(kMaxWindowSeconds)
                       .arg(qs(properties["MaximumBatchingWindowInSeconds"].dump()));
    }
    if (m.batchSize > 10 && m.maximumBatchingWindowSeconds < 1 && errors->size() == before) {
        *errors << u"BatchSize %1 needs MaximumBatchingWindowInSeconds of at least 1: Lambda takes "
                   "more than 10 messages per batch only with a batching window"_s.arg(m.batchSize);
    }
    if (properties.contains("FunctionResponseTypes")) {
        const nlohmann::json &types = properties["FunctionResponseTypes"];
        if (!types.is_array()) {
            *errors << u"FunctionResponseTypes must be a list, e.g. [ReportBatchItemFailures]"_s;
        } else {
            for (const auto &t : types) {
                if (t != "ReportBatchItemFailures") {
                    *errors << u"FunctionResponseTypes: %1 is not a response type (the only one is "
                               "ReportBatchItemFailures)"_s.arg(qs(t.dump()));
                } else {
                    m.reportBatchItemFailures = true;
                }
            }
        }
    }
    if (properties.contains("ScalingConfig")) {
        const nlohmann::json &scaling = properties["ScalingConfig"];
        if (!scaling.is_object()) {
            *errors << u"ScalingConfig must be a map with MaximumConcurrency"_s;
        } else {
            for (auto it = scaling.begin(); it != scaling.end(); ++it) {
                if (it.key() != "MaximumConcurrency") {
                    *errors << u"ScalingConfig: unknown property %1 (only MaximumConcurrency)"_s
                                   .arg(qs(it.key()));
                }
            }
            if (scaling.contains("MaximumConcurrency") &&
                !wholeNumber(scaling["MaximumConcurrency"], 2, kMaxConcurrency,
                             &m.maximumConcurrency)) {
                *errors
                    << u"ScalingConfig.MaximumConcurrency must be a whole number from 2 to %1, not %2"_s
                           .arg(kMaxConcurrency)
                           .arg(qs(scaling["MaximumConcurrency"].dump()));
            }
        }
    }
    if (properties.contains("Enabled")) {
        if (!properties["Enabled"].is_boolean()) {
            *errors << u"Enabled must be true or false"_s;
        } else {
            m.enabled = properties["Enabled"].get<bool>();
        }
    }
    if (properties.contains("FilterCriteria")) {
        const nlohmann::json &criteria = properties["FilterCriteria"];
        const nlohmann::json filters =
            criteria.is_object() ? criteria.value("Filters", nlohmann::json()) : nlohmann::json();
        if (!filters.is_array() || filters.size() > 5) {
            *errors
                << u"FilterCriteria must be a map with Filters: a list of up to 5 {Pattern: …}"_s;
        } else {
            for (const auto &f : filters) {
                const nlohmann::json text =
                    f.is_object() ? f.value("Pattern", nlohmann::json()) : nlohmann::json();
                const nlohmann::json pattern =
                    text.is_string()
                        ? nlohmann::json::parse(text.get<std::string>(), nullptr, false)
                        : text;
                if (!validPattern(pattern)) {
                    *errors << u"FilterCriteria: %1 is not a filter pattern (a JSON object whose "
                               "values are lists, e.g. {\"body\": {\"kind\": [\"order\"]}})"_s.arg(
                                   qs(f.dump()));
                } else {
                    m.filters.push_back(pattern);
                }
            }
        }
    }
    if (errors->size() != before) {
        return std::nullopt;
    }
    return m;
}

nlohmann::json Mapping::toJson() const
{
    nlohmann::json j{{"Queue", queue},
                     {"BatchSize", batchSize},
                     {"MaximumBatchingWindowInSeconds", maximumBatchingWindowSeconds},
                     {"FunctionResponseTypes",
                      reportBatchItemFailures ? nlohmann::json::array({"ReportBatchItemFailures"})
                                              : nlohmann::json::array()},
                     {"Enabled", enabled}};
    if (maximumConcurrency > 0) {
        j["ScalingConfig"] = {{"MaximumConcurrency", maximumConcurrency}};
    }
    if (!filters.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto &f : filters) {
            list.push_back({{"Pattern", f.dump()}});
        }
        j["FilterCriteria"] = {{"Filters", list}};
    }
    return j;
}

bool Mapping::passes(const nlohmann::json &record) const
{
    if (filters.empty()) {
        return true;
    }
    nlohmann::json subject = record;
    // A JSON body is filtered as JSON; any other body as the plain string.
    if (subject.contains("body") && subject["body"].is_string()) {
        const nlohmann::json body =
            nlohmann::json::parse(subject["body"].get<std::string>(), nullptr, false);
        if (!body.is_discarded() && body.is_object()) {
            subject["body"] = body;
        }
    }
    return std::any_of(filters.begin(), filters.end(),
                       [&](const nlohmann::json &f) { return matchesPattern(f, subject); });
}

} // namespace Lwb::Sqs
