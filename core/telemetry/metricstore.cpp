// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricstore.h"

#include "journalfields.h"

#include "engine/journal.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr qsizetype kMaxTrackedEvents = 100000;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

QString metricName(Metric metric)
{
    switch (metric) {
    case Metric::Invocations: return u"Invocations"_s;
    case Metric::Errors: return u"Errors"_s;
    case Metric::Throttles: return u"Throttles"_s;
    case Metric::Duration: return u"Duration"_s;
    case Metric::ConcurrentExecutions: return u"ConcurrentExecutions"_s;
    case Metric::UnreservedConcurrentExecutions: return u"UnreservedConcurrentExecutions"_s;
    case Metric::ProvisionedConcurrentExecutions: return u"ProvisionedConcurrentExecutions"_s;
    case Metric::ProvisionedConcurrencyUtilization: return u"ProvisionedConcurrencyUtilization"_s;
    case Metric::ProvisionedConcurrencySpilloverInvocations:
        return u"ProvisionedConcurrencySpilloverInvocations"_s;
    case Metric::AsyncEventsReceived: return u"AsyncEventsReceived"_s;
    case Metric::AsyncEventAge: return u"AsyncEventAge"_s;
    case Metric::AsyncEventsDropped: return u"AsyncEventsDropped"_s;
    case Metric::DeadLetterErrors: return u"DeadLetterErrors"_s;
    case Metric::DestinationDeliveryFailures: return u"DestinationDeliveryFailures"_s;
    }
    return {};
}

std::vector<Metric> allMetrics()
{
    std::vector<Metric> all;
    for (int i = 0; i <= int(Metric::DestinationDeliveryFailures); ++i) {
        all.push_back(Metric(i));
    }
    return all;
}

std::optional<Metric> metricFromName(const QString &name)
{
    for (Metric m : allMetrics()) {
        if (metricName(m).compare(name, Qt::CaseInsensitive) == 0) {
            return m;
        }
    }
    return std::nullopt;
}

MetricKind metricKind(Metric metric)
{
    switch (metric) {
    case Metric::Duration:
    case Metric::AsyncEventAge:
        return MetricKind::Sample;
    case Metric::ConcurrentExecutions:
    case Metric::UnreservedConcurrentExecutions:
    case Metric::ProvisionedConcurrentExecutions:
    case Metric::ProvisionedConcurrencyUtilization:
        return MetricKind::Gauge;
    default:
        return MetricKind::Count;
    }
}

QString metricUnit(Metric metric)
{
    switch (metric) {
    case Metric::Duration:
    case Metric::AsyncEventAge:
        return u"Milliseconds"_s;
    case Metric::ProvisionedConcurrencyUtilization:
        return u"None"_s;
    default:
        return u"Count"_s;
    }
}

MetricStore::MetricStore() = default;

double MetricStore::percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty()) {
        return 0;
    }
    const auto n = qint64(sorted.size());
    qint64 rank = qint64(std::ceil(p / 100.0 * double(n)));
    rank = std::clamp<qint64>(rank, 1, n);
    return sorted[size_t(rank - 1)];
}

void MetricStore::compact(std::vector<MetricPoint> &points, qint64 bucketUs)
{
    if (points.size() < 2 || bucketUs <= 0) {
        return;
    }
    struct Merged
    {
        MetricPoint first; ///< the highest level
        MetricPoint last;  ///< a gauge's last level in the bucket
    };
    std::map<std::tuple<int, QString, QString, qint64>, Merged> buckets;
    std::vector<MetricPoint> kept;
    for (const MetricPoint &p : points) {
        const MetricKind kind = metricKind(p.metric);
        if (kind == MetricKind::Sample) {
            kept.push_back(p);
            continue;
        }
        const auto key = std::make_tuple(int(p.metric), p.functionName, p.qualifier, floorDiv(p.timeUs, bucketUs));
        auto [it, added] = buckets.try_emplace(key, Merged{p, p});
        if (added) {
            continue;
        }
        Merged &m = it->second;
        if (kind == MetricKind::Count) {
            m.first.value += p.value; // occurrences add up; query() counts them by value
            continue;
        }
        if (p.value > m.first.value) {
            m.first.value = p.value;
            m.first.timeUs = p.timeUs;
        }
        m.last = p;
    }
    for (const auto &[key, m] : buckets) {
        kept.push_back(m.first);
        if (m.last.timeUs > m.first.timeUs) {
            kept.push_back(m.last);
        }
    }
    std::stable_sort(kept.begin(), kept.end(), [](const MetricPoint &a, const MetricPoint &b) {
        return std::tie(a.metric, a.functionName, a.qualifier, a.timeUs) <
               std::tie(b.metric, b.functionName, b.qualifier, b.timeUs);
    });
    points = std::move(kept);
}

void MetricStore::produce(std::vector<MetricPoint> &out, Metric metric, const QString &function,
                          const QString &qualifier, qint64 timeUs, double value)
{
    out.push_back({metric, function, qualifier, timeUs, value});
}

void MetricStore::changeLevel(std::vector<MetricPoint> &out, Metric metric, const QString &function,
                              const QString &qualifier, qint64 timeUs, int delta)
{
    int &level = m_levels[{int(metric), function, qualifier}];
    level = std::max(0, level + delta);
    produce(out, metric, function, qualifier, timeUs, level);
}

void MetricStore::emitUtilization(std::vector<MetricPoint> &out, const QString &function,
                                  const QString &qualifier, qint64 timeUs)
{
    const auto it = m_provisioned.find({function, qualifier});
    if (it == m_provisioned.end() || it->second <= 0) {
        return;
    }
    const int level = m_levels[{int(Metric::ProvisionedConcurrentExecutions), function, qualifier}];
    produce(out, Metric::ProvisionedConcurrencyUtilization, function, qualifier, timeUs,
            double(level) / double(it->second));
}

std::vector<MetricPoint> MetricStore::ingest(const JournalRecord &record,
                                             std::optional<InvocationFacts> *factsOut)
{
    std::vector<MetricPoint> out;
    const nlohmann::json &data = record.data;
    const QString &fn = record.functionName;
    const qint64 t = record.timeUs;

    // What was running before the tracker forgets it at InvokeFinished.
    std::optional<InvocationTracker::Running> before;
    if (record.kind == JournalKind::InvokeFinished) {
        if (const auto *r = m_tracker.running(record.requestId)) {
            before = *r;
        }
    }
    const std::optional<InvocationFacts> facts = m_tracker.ingest(record);
    if (factsOut) {
        *factsOut = facts;
    }

    auto takeAge = [&](double ageMs, const QString &qualifier) {
        if (!record.requestId.isEmpty()) {
            if (m_ageEmitted.contains(record.requestId)) {
                return;
            }
            if (m_ageEmitted.size() > kMaxTrackedEvents) {
                m_ageEmitted.clear();
            }
            m_ageEmitted.insert(record.requestId, true);
        }
        for (const QString &q : InvocationTracker::metricQualifiers(qualifier, {})) {
            produce(out, Metric::AsyncEventAge, fn, q, t, std::max(0.0, ageMs));
        }
    };
    auto asyncAge = [&]() -> std::optional<double> {
        if (const auto age = JournalFields::number(data, "eventAgeMs")) {
            return age;
        }
        if (const auto age = JournalFields::number(data, "ageMs")) {
            return age;
        }
        const QString eventId = JournalFields::string(data, "eventId");
        const auto it = m_asyncQueuedUs.constFind(eventId);
        if (!eventId.isEmpty() && it != m_asyncQueuedUs.cend()) {
            return double(t - *it) / 1000.0;
        }
        return std::nullopt;
    };

    switch (record.kind) {
    case JournalKind::RequestReceived:
        if (const auto age = asyncAge()) {
            takeAge(*age, JournalFields::qualifier(data));
        }
        break;
    case JournalKind::InvokeStarted: {
        const InvocationTracker::Running *r = m_tracker.running(record.requestId);
        if (!r) {
            break;
        }
        if (data.contains("eventAgeMs") || data.contains("ageMs")) {
            if (const auto age = asyncAge()) {
                takeAge(*age, r->qualifier);
            }
        }
        const QStringList qs = InvocationTracker::metricQualifiers(r->qualifier, r->version);
        for (const QString &q : qs) {
            changeLevel(out, Metric::ConcurrentExecutions, fn, q, t, +1);
        }
        changeLevel(out, Metric::ConcurrentExecutions, {}, {}, t, +1);
        if (!r->reservedConcurrency) {
            changeLevel(out, Metric::UnreservedConcurrentExecutions, {}, {}, t, +1);
        }
        if (r->initializationType == u"provisioned-concurrency"_s) {
            for (const QString &q : qs) {
                if (r->provisionedConcurrency > 0) {
                    m_provisioned[{fn, q}] = r->provisionedConcurrency;
                }
                changeLevel(out, Metric::ProvisionedConcurrentExecutions, fn, q, t, +1);
                emitUtilization(out, fn, q, t);
            }
        }
        if (r->spillover) {
            for (const QString &q : qs) {
                produce(out, Metric::ProvisionedConcurrencySpilloverInvocations, fn, q, t, 1);
            }
        }
        break;
    }
    case JournalKind::InvokeFinished: {
        if (!facts) {
            break;
        }
        const QStringList qs = InvocationTracker::metricQualifiers(facts->qualifier, facts->version);
        if (before) {
            for (const QString &q : qs) {
                changeLevel(out, Metric::ConcurrentExecutions, fn, q, t, -1);
            }
            changeLevel(out, Metric::ConcurrentExecutions, {}, {}, t, -1);
            if (!before->reservedConcurrency) {
                changeLevel(out, Metric::UnreservedConcurrentExecutions, {}, {}, t, -1);
            }
            if (before->initializationType == u"provisioned-concurrency"_s) {
                for (const QString &q : qs) {
                    changeLevel(out, Metric::ProvisionedConcurrentExecutions, fn, q, t, -1);
                    emitUtilization(out, fn, q, t);
                }
            }
        }
        // CloudWatch files an invocation's Invocations, Errors and Duration at its start.
        for (const QString &q : qs) {
            produce(out, Metric::Invocations, fn, q, facts->startUs, 1);
            if (facts->isError()) {
                produce(out, Metric::Errors, fn, q, facts->startUs, 1);
            }
            produce(out, Metric::Duration, fn, q, facts->startUs, facts->durationMs);
        }
        break;
    }
    case JournalKind::RequestThrottled:
        for (const QString &q : InvocationTracker::metricQualifiers(JournalFields::qualifier(data), {})) {
            produce(out, Metric::Throttles, fn, q, t, 1);
        }
        break;
    case JournalKind::AsyncEventQueued: {
        const QString eventId = JournalFields::string(data, "eventId");
        if (!eventId.isEmpty()) {
            if (m_asyncQueuedUs.size() > kMaxTrackedEvents) {
                m_asyncQueuedUs.clear();
            }
            m_asyncQueuedUs.insert(eventId, t);
        }
        for (const QString &q : InvocationTracker::metricQualifiers(JournalFields::qualifier(data), {})) {
            produce(out, Metric::AsyncEventsReceived, fn, q, t, 1);
        }
        break;
    }
    case JournalKind::AsyncEventDropped:
        m_asyncQueuedUs.remove(JournalFields::string(data, "eventId"));
        for (const QString &q : InvocationTracker::metricQualifiers(JournalFields::qualifier(data), {})) {
            produce(out, Metric::AsyncEventsDropped, fn, q, t, 1);
        }
        break;
    case JournalKind::DestinationDelivered:
        m_asyncQueuedUs.remove(JournalFields::string(data, "eventId"));
        break;
    case JournalKind::DestinationFailed: {
        const QString kind = JournalFields::string(data, "kind").toLower();
        const bool deadLetter = kind == u"dlq"_s || kind.contains(u"dead"_s);
        const Metric metric = deadLetter ? Metric::DeadLetterErrors : Metric::DestinationDeliveryFailures;
        for (const QString &q : InvocationTracker::metricQualifiers(JournalFields::qualifier(data), {})) {
            produce(out, metric, fn, q, t, 1);
        }
        break;
    }
    default:
        break;
    }

    if (m_keepPoints) {
        for (const MetricPoint &p : out) {
            addPoint(p);
        }
    }
    return out;
}

void MetricStore::addPoint(const MetricPoint &point)
{
    std::vector<Sample> &series = m_series[{int(point.metric), point.functionName, point.qualifier}];
    const Sample s{point.timeUs, point.value};
    if (series.empty() || series.back().timeUs <= s.timeUs) {
        series.push_back(s);
    } else {
        const auto at = std::upper_bound(series.begin(), series.end(), s.timeUs,
                                         [](qint64 t, const Sample &x) { return t < x.timeUs; });
        series.insert(at, s);
    }
    m_newestUs = std::max(m_newestUs, point.timeUs);
    // Pruning walks every series: do it at most once a minute of journal time.
    if (m_retentionSeconds > 0 && m_newestUs - m_lastPruneUs > 60'000'000) {
        m_lastPruneUs = m_newestUs;
        prune(m_newestUs);
    }
}

void MetricStore::prune(qint64 newestUs)
{
    const qint64 cutoff = newestUs - qint64(m_retentionSeconds) * 1'000'000;
    for (auto it = m_series.begin(); it != m_series.end();) {
        std::vector<Sample> &s = it->second;
        auto firstKept = std::lower_bound(s.begin(), s.end(), cutoff,
                                          [](const Sample &x, qint64 t) { return x.timeUs < t; });
        // A gauge keeps its last change before the cutoff: the level carried into the window.
        if (metricKind(Metric(std::get<0>(it->first))) == MetricKind::Gauge && firstKept != s.begin()) {
            --firstKept;
        }
        s.erase(s.begin(), firstKept);
        it = s.empty() ? m_series.erase(it) : std::next(it);
    }
}

std::vector<MetricDatapoint> MetricStore::query(const MetricQuery &q) const
{
    std::vector<MetricDatapoint> result;
    const auto it = m_series.find({int(q.metric), q.functionName, q.qualifier});
    if (it == m_series.end() || q.periodSeconds <= 0 || q.endMs <= q.startMs) {
        return result;
    }
    const std::vector<Sample> &s = it->second;
    const qint64 periodUs = qint64(q.periodSeconds) * 1'000'000;
    const qint64 startUs = q.startMs * 1000;
    const qint64 endUs = q.endMs * 1000;
    auto first = std::lower_bound(s.begin(), s.end(), startUs,
                                  [](const Sample &x, qint64 t) { return x.timeUs < t; });
    const auto last = std::lower_bound(s.begin(), s.end(), endUs,
                                       [](const Sample &x, qint64 t) { return x.timeUs < t; });

    if (metricKind(q.metric) != MetricKind::Gauge) {
        std::vector<double> values;
        for (auto p = first; p != last;) {
            const qint64 bucket = floorDiv(p->timeUs, periodUs) * periodUs;
            values.clear();
            for (; p != last && p->timeUs < bucket + periodUs; ++p) {
                values.push_back(p->value);
            }
            MetricDatapoint d;
            d.timestampMs = bucket / 1000;
            d.sampleCount = double(values.size());
            d.minimum = *std::min_element(values.begin(), values.end());
            d.maximum = *std::max_element(values.begin(), values.end());
            for (double v : values) {
                d.sum += v;
            }
            if (metricKind(q.metric) == MetricKind::Count) {
                // Each occurrence is a datapoint of 1, whether stored alone or compacted
                // into one point of value N.
                d.sampleCount = d.sum;
                d.minimum = d.maximum = 1;
            }
            d.average = d.sum / d.sampleCount;
            if (metricKind(q.metric) == MetricKind::Sample) {
                std::sort(values.begin(), values.end());
                d.p50 = percentile(values, 50);
                d.p90 = percentile(values, 90);
                d.p99 = percentile(values, 99);
            }
            result.push_back(d);
        }
        return result;
    }

    // A gauge is a step function: the level at the window's start is the last change before it.
    double level = first == s.begin() ? 0.0 : std::prev(first)->value;
    qint64 bucket = floorDiv(startUs, periodUs) * periodUs;
    auto p = first;
    while (bucket < endUs) {
        if (level == 0 && (p == last || p->timeUs >= bucket + periodUs)) {
            if (p == last) {
                break;
            }
            bucket = floorDiv(p->timeUs, periodUs) * periodUs; // skip idle periods
            continue;
        }
        const qint64 from = std::max(bucket, startUs);
        const qint64 to = std::min(bucket + periodUs, endUs);
        MetricDatapoint d;
        d.timestampMs = bucket / 1000;
        d.minimum = level;
        d.maximum = level;
        double area = 0;
        qint64 at = from;
        int changes = 0;
        for (; p != last && p->timeUs < bucket + periodUs; ++p) {
            area += level * double(p->timeUs - at);
            at = p->timeUs;
            level = p->value;
            d.minimum = std::min(d.minimum, level);
            d.maximum = std::max(d.maximum, level);
            ++changes;
        }
        area += level * double(to - at);
        d.sampleCount = std::max(1, changes);
        d.sum = d.maximum;
        d.average = to > from ? area / double(to - from) : level;
        result.push_back(d);
        bucket += periodUs;
    }
    return result;
}

QStringList MetricStore::functions() const
{
    std::set<QString> names;
    for (const auto &[key, samples] : m_series) {
        if (!std::get<1>(key).isEmpty()) {
            names.insert(std::get<1>(key));
        }
    }
    return {names.begin(), names.end()};
}

QStringList MetricStore::qualifiers(const QString &functionName) const
{
    std::set<QString> names;
    for (const auto &[key, samples] : m_series) {
        if (std::get<1>(key) == functionName) {
            names.insert(std::get<2>(key));
        }
    }
    return {names.begin(), names.end()};
}

} // namespace Lwb
