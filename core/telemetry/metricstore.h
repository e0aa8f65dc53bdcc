// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/invocationtracker.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace Lwb {

struct JournalRecord;

/** The CloudWatch metrics of AWS/Lambda that the workbench computes (reference §6). */
enum class Metric {
    Invocations,
    Errors,
    Throttles,
    Duration,
    ConcurrentExecutions,
    UnreservedConcurrentExecutions,
    ProvisionedConcurrentExecutions,
    ProvisionedConcurrencyUtilization,
    ProvisionedConcurrencySpilloverInvocations,
    AsyncEventsReceived,
    AsyncEventAge,
    AsyncEventsDropped,
    DeadLetterErrors,
    DestinationDeliveryFailures,
};

/** How a metric's points are aggregated over a period. */
enum class MetricKind {
    Count,  ///< each point is an occurrence (value 1): Sum is the figure
    Sample, ///< each point is a measurement (Duration, AsyncEventAge): avg/min/max/percentiles
    Gauge,  ///< points are the changes of a level (concurrency): Maximum is the figure
};

LWB_CORE_EXPORT QString metricName(Metric metric);
LWB_CORE_EXPORT std::optional<Metric> metricFromName(const QString &name);
LWB_CORE_EXPORT MetricKind metricKind(Metric metric);
/** CloudWatch's unit: Count, Milliseconds or None (ProvisionedConcurrencyUtilization, a ratio). */
LWB_CORE_EXPORT QString metricUnit(Metric metric);
LWB_CORE_EXPORT std::vector<Metric> allMetrics();

/**
 * One observation of a metric series. Series are (metric, function, qualifier): qualifier is
 * empty for the function as a whole, else the alias or published version; function is empty
 * for the account-level series (ConcurrentExecutions, UnreservedConcurrentExecutions).
 */
struct LWB_CORE_EXPORT MetricPoint
{
    Metric metric = Metric::Invocations;
    QString functionName;
    QString qualifier;
    qint64 timeUs = 0;
    double value = 1;
};

/** One period of a series, like a CloudWatch GetMetricStatistics datapoint. */
struct LWB_CORE_EXPORT MetricDatapoint
{
    qint64 timestampMs = 0;  ///< start of the period (aligned to the epoch)
    double sampleCount = 0;
    double sum = 0;
    double average = 0;      ///< gauges: the time-weighted average level over the period
    double minimum = 0;
    double maximum = 0;
    std::optional<double> p50; ///< Sample metrics only; exact nearest-rank over the period
    std::optional<double> p90;
    std::optional<double> p99;
};

/** Metric × function × period × time range (start inclusive, end exclusive). */
struct LWB_CORE_EXPORT MetricQuery
{
    Metric metric = Metric::Invocations;
    QString functionName;   ///< empty: the account-level series
    QString qualifier;      ///< empty: the whole function
    int periodSeconds = 60; ///< 1 (the GUI's fine resolution), 60 (CloudWatch's), or any multiple
    qint64 startMs = 0;
    qint64 endMs = 0;
};

/**
 * CloudWatch-style Lambda metrics computed from Journal records. ingest() turns each record
 * into metric points (Invocations/Errors/Duration at the invocation's start, concurrency as
 * level changes at InvokeStarted/InvokeFinished, throttles, async and destination counts);
 * query() aggregates them into periods of any whole number of seconds, so the same points
 * serve the 1 s view of the GUI and CloudWatch's 1 minute. Percentiles are exact (nearest
 * rank over all samples of the period). Points older than the retention are dropped.
 * A plain object; not thread-safe: feed it from one thread (a queued connection to the
 * Journal when it lives on another thread than the engine).
 */
class LWB_CORE_EXPORT MetricStore
{
public:
    static constexpr int kFinePeriodSeconds = 1;
    static constexpr int kStandardPeriodSeconds = 60;

    MetricStore();

    /**
     * Takes one record; returns the points it produced (already stored when keeping points).
     * When the record finished an invocation, @p facts (if given) receives its facts.
     */
    std::vector<MetricPoint> ingest(const JournalRecord &record,
                                    std::optional<InvocationFacts> *facts = nullptr);
    /** Adds a point read back from a store. Points of one series may come in any order. */
    void addPoint(const MetricPoint &point);

    std::vector<MetricDatapoint> query(const MetricQuery &query) const;

    /** Functions with at least one point (the account-level "" excluded), sorted. */
    QStringList functions() const;
    /** Qualifiers of @p functionName with points, "" first. */
    QStringList qualifiers(const QString &functionName) const;

    /** How long points are kept, counted back from the newest point; 0 keeps all. Default 3 h. */
    void setRetentionSeconds(int seconds) { m_retentionSeconds = seconds; }
    /** false: ingest() only returns points (a recorder writing them elsewhere). */
    void setKeepPoints(bool keep) { m_keepPoints = keep; }

    InvocationTracker &tracker() { return m_tracker; }

    /** Nearest-rank percentile (0 < p ≤ 100) of @p sorted (ascending, non-empty). */
    static double percentile(const std::vector<double> &sorted, double p);
    /**
     * Merges the gauge points (concurrency levels, most of the volume: several changes per
     * invocation) per series and @p bucketUs: each bucket keeps its highest level and its last
     * one, so maxima and the level carried on are exact at that resolution. Counts become
     * one point per bucket whose value is the number of occurrences (query() counts by
     * value); samples are kept one by one (percentiles stay exact). Order of the result: by
     * series, then time.
     */
    static void compact(std::vector<MetricPoint> &points, qint64 bucketUs);

private:
    using SeriesKey = std::tuple<int, QString, QString>;
    struct Sample
    {
        qint64 timeUs;
        double value;
    };

    void produce(std::vector<MetricPoint> &out, Metric metric, const QString &function,
              const QString &qualifier, qint64 timeUs, double value);
    void changeLevel(std::vector<MetricPoint> &out, Metric metric, const QString &function,
                     const QString &qualifier, qint64 timeUs, int delta);
    void emitUtilization(std::vector<MetricPoint> &out, const QString &function,
                         const QString &qualifier, qint64 timeUs);
    void prune(qint64 newestUs);

    InvocationTracker m_tracker;
    std::map<SeriesKey, std::vector<Sample>> m_series;
    std::map<SeriesKey, int> m_levels;               ///< gauge levels now
    std::map<std::pair<QString, QString>, int> m_provisioned; ///< allocated PC per function/qualifier
    QHash<QString, qint64> m_asyncQueuedUs;          ///< eventId → AsyncEventQueued time
    QHash<QString, bool> m_ageEmitted;               ///< requestIds whose AsyncEventAge was taken
    int m_retentionSeconds = 3 * 3600;
    bool m_keepPoints = true;
    qint64 m_newestUs = 0;
    qint64 m_lastPruneUs = 0;
};

} // namespace Lwb
