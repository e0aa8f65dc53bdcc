// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QAbstractItemModel>
#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtCore/QString>

#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace Lwb {

struct FunctionConfig;
struct JournalRecord;

/**
 * What the concurrency visualiser shows, built incrementally from Journal records: a tree of
 * function/version groups whose children are execution-environment lanes. Each lane holds its
 * life as time-ordered, non-overlapping spans (init, invoke, idle, frozen, shutdown); each
 * function holds marks (throttles, requests queued at the step gate, async retries and drops)
 * and a concurrency-over-time series; the limits (account, reserved, provisioned) come from the
 * configuration. Queries over a time range use binary search, so a painter touches only what
 * is visible. Columns: name, invocations, state. GUI thread (or whichever thread owns it);
 * feed it records in journal order.
 */
class LWB_CORE_EXPORT TimelineModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    static constexpr qint64 kOpenUs = std::numeric_limits<qint64>::max(); ///< a span still running

    /** What an environment was doing over a span of time; Shutdown is an instant. */
    enum class SpanKind : quint8 { Init, Invoke, Idle, Frozen, Shutdown };
    enum SpanFlag : quint8 {
        Cold = 0x1,    ///< an invoke that followed a cold init
        Error = 0x2,   ///< the invoke or init failed (function error, crash, init error)
        Timeout = 0x4, ///< the invoke or init timed out
    };
    /** One stretch of a lane; spans of a lane follow one another without overlapping. */
    struct Span
    {
        qint64 startUs = 0;
        qint64 endUs = kOpenUs;
        SpanKind kind = SpanKind::Invoke;
        quint8 flags = 0;
        qint32 invocation = -1; ///< index for invocation() with Invoke spans
    };

    /** Instants of a function that belong to no environment. */
    enum class MarkKind : quint8 { Throttle, Queued, AsyncRetry, AsyncDropped };
    /** One such instant, with the request it concerns. */
    struct Mark
    {
        qint64 timeUs = 0;
        MarkKind kind = MarkKind::Throttle;
        QString requestId;
        QString detail; ///< the throttle reason, the retry's attempt and cause, …
    };

    enum class Status : quint8 { Running, Success, Error, Timeout };
    /** One invocation: where and when it ran and how it ended (from its journal records). */
    struct Invocation
    {
        QString requestId;
        int lane = -1;
        qint64 startUs = 0;
        qint64 endUs = kOpenUs;
        double durationMs = 0;
        std::optional<double> initDurationMs;
        bool coldStart = false;
        Status status = Status::Running;
        QString errorType;
    };

    /** A step of the concurrency series. */
    struct ConcurrencyPoint
    {
        qint64 timeUs = 0;
        int value =
            0; ///< requests in environments from timeUs on (init included, as Lambda counts)
    };

    /** One execution environment's swimlane. */
    struct Lane
    {
        QString environmentId;
        int group = -1;
        int row = -1; ///< within its group
        bool provisioned = false;
        qint64 createdUs = 0;
        qint64 destroyedUs = kOpenUs;
        QString destroyReason;
        std::vector<Span> spans;
        int invocations = 0;
        int coldStarts = 0;
        int running = -1;     ///< the invocation now running here
        bool counted = false; ///< its request counts towards concurrency (from its init on)
    };

    /** The lanes of one function version (a top-level row). */
    struct Group
    {
        QString functionName;
        QString version; ///< empty for a function's requests that never reached an environment
        int function = -1;
        std::vector<int> lanes;
    };

    /** What the model knows of one function: its limits, marks and concurrency. */
    struct Function
    {
        QString name;
        std::optional<int> reservedConcurrency;
        int provisionedConcurrency = 0;
        std::vector<int> groups;
        std::vector<Mark> marks;
        std::vector<ConcurrencyPoint> concurrency;
        int throttles = 0;
        int peakConcurrency = 0;
    };

    enum Roles {
        LaneRole = Qt::UserRole + 1, ///< int: the lane index (lane rows), -1 for group rows
        GroupRole,                   ///< int: the group index
        FunctionNameRole,
        VersionRole,
        EnvironmentIdRole,
        ProvisionedRole,
        InvocationCountRole,
        ColdStartCountRole,
        SpanCountRole,
        ThrottleCountRole, ///< group rows: throttles of the function
        DestroyedRole,     ///< bool: the environment has ended
    };
    enum Column { NameColumn, InvocationsColumn, StateColumn, ColumnCount };

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    /** The account's concurrency limit (EngineOptions::accountConcurrency). */
    void setAccountConcurrency(int limit);
    int accountConcurrency() const { return m_accountConcurrency; }
    /** Reserved and provisioned concurrency of each function, from its configuration. */
    void setFunctionLimits(const std::vector<FunctionConfig> &functions);

    /** Takes records in journal order; views are told once per call. */
    void ingest(const JournalRecord &record);
    void ingest(const std::vector<JournalRecord> &records);
    /** Forgets everything but the limits. */
    void clear();

    const std::vector<Group> &groups() const { return m_groups; }
    const std::vector<Lane> &lanes() const { return m_lanes; }
    const std::vector<Function> &functions() const { return m_functions; }
    const Invocation *invocation(int index) const;
    const Invocation *invocation(const QString &requestId) const;
    int invocationCount() const { return int(m_invocations.size()); }
    int throttleCount() const { return m_throttles; }
    int runningCount() const { return m_running.empty() ? 0 : m_running.back().value; }
    int peakConcurrency() const { return m_peak; }
    /** The requests queued (at the paused step gate) that have neither started nor been refused. */
    int waitingCount() const { return int(m_waiting.size()); }
    bool isWaiting(const QString &requestId) const { return m_waiting.contains(requestId); }

    /** The spans of @p lane that intersect [@p fromUs, @p toUs]. */
    std::span<const Span> spans(int lane, qint64 fromUs, qint64 toUs) const;
    /** The marks of @p function within [@p fromUs, @p toUs]. */
    std::span<const Mark> marks(int function, qint64 fromUs, qint64 toUs) const;
    /**
     * The concurrency steps of @p function (-1: all functions) that matter for
     * [@p fromUs, @p toUs]: the last one at or before @p fromUs, then those inside.
     */
    std::span<const ConcurrencyPoint> concurrency(int function, qint64 fromUs, qint64 toUs) const;
    int functionIndex(const QString &name) const { return m_functionIndex.value(name, -1); }

    qint64 startUs() const { return m_startUs; } ///< time of the first record; 0 when empty
    qint64 endUs() const { return m_endUs; }     ///< time of the latest record

    /** The index of a lane's row (column @p column). */
    QModelIndex laneIndex(int lane, int column = 0) const;
    QModelIndex groupIndex(int group, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /** Something was added or changed; emitted once per ingest() call. */
    void timelineChanged();

private:
    void apply(const JournalRecord &record);
    int functionFor(const QString &name);
    int groupFor(const QString &functionName, const QString &version);
    int laneFor(const JournalRecord &record, const QString &version = {});
    void openSpan(int lane, qint64 timeUs, SpanKind kind, quint8 flags = 0, int invocation = -1);
    /** Ends the lane's open span at @p timeUs; returns it (nullptr when none was open). */
    Span *closeSpan(int lane, qint64 timeUs);
    void finishInvocation(int lane, qint64 timeUs, Status status, const QString &errorType,
                          std::optional<double> durationMs, std::optional<double> initMs);
    void changeConcurrency(int function, qint64 timeUs, int delta);
    void addMark(const JournalRecord &record, MarkKind kind, const QString &detail);
    QString laneState(const Lane &lane) const;

    std::vector<Group> m_groups;
    std::vector<Lane> m_lanes;
    std::vector<Function> m_functions;
    std::vector<Invocation> m_invocations;
    std::vector<ConcurrencyPoint> m_running; ///< all functions
    QHash<QString, int> m_functionIndex;
    QHash<QString, int> m_groupIndex;      ///< function + '\n' + version
    QHash<QString, int> m_laneIndex;       ///< environment id
    QHash<QString, int> m_invocationIndex; ///< request id
    QSet<QString> m_waiting;
    QSet<int> m_dirtyLanes;
    QSet<int> m_dirtyGroups;
    QHash<QString, std::pair<std::optional<int>, int>>
        m_limits; ///< function → reserved, provisioned
    int m_accountConcurrency = 1000;
    int m_throttles = 0;
    int m_peak = 0;
    qint64 m_startUs = 0;
    qint64 m_endUs = 0;
};

} // namespace Lwb
