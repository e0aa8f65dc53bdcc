// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinemodel.h"

#include "journalfields.h"

#include "engine/journal.h"
#include "model/functionconfig.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

// Lane rows carry their group + 1 as internal id; group rows carry 0.
constexpr quintptr kGroupRowId = 0;

QString groupKey(const QString &functionName, const QString &version)
{
    return functionName + u'\n' + version;
}

} // namespace

TimelineModel::TimelineModel(QObject *parent) : QAbstractItemModel(parent) {}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setAccountConcurrency(int limit)
{
    m_accountConcurrency = limit;
    Q_EMIT timelineChanged();
}

void TimelineModel::setFunctionLimits(const std::vector<FunctionConfig> &functions)
{
    m_limits.clear();
    for (const FunctionConfig &f : functions) {
        m_limits.insert(f.functionName, {f.reservedConcurrency, f.provisionedConcurrency});
    }
    for (Function &f : m_functions) {
        const auto limits = m_limits.value(f.name);
        f.reservedConcurrency = limits.first;
        f.provisionedConcurrency = limits.second;
    }
    Q_EMIT timelineChanged();
}

void TimelineModel::clear()
{
    beginResetModel();
    m_groups.clear();
    m_lanes.clear();
    m_functions.clear();
    m_invocations.clear();
    m_running.clear();
    m_functionIndex.clear();
    m_groupIndex.clear();
    m_laneIndex.clear();
    m_invocationIndex.clear();
    m_waiting.clear();
    m_dirtyLanes.clear();
    m_dirtyGroups.clear();
    m_throttles = 0;
    m_peak = 0;
    m_startUs = 0;
    m_endUs = 0;
    endResetModel();
    Q_EMIT timelineChanged();
}

void TimelineModel::ingest(const JournalRecord &record)
{
    ingest(std::vector<JournalRecord>{record});
}

void TimelineModel::ingest(const std::vector<JournalRecord> &records)
{
    for (const JournalRecord &record : records) {
        apply(record);
    }
    // One dataChanged per changed row, whatever the number of records that changed it.
    for (int lane : std::as_const(m_dirtyLanes)) {
        Q_EMIT dataChanged(laneIndex(lane, 0), laneIndex(lane, ColumnCount - 1));
    }
    for (int group : std::as_const(m_dirtyGroups)) {
        Q_EMIT dataChanged(groupIndex(group, 0), groupIndex(group, ColumnCount - 1));
    }
    m_dirtyLanes.clear();
    m_dirtyGroups.clear();
    if (!records.empty()) {
        Q_EMIT timelineChanged();
    }
}

void TimelineModel::apply(const JournalRecord &record)
{
    switch (record.kind) {
    case JournalKind::EnvironmentCreated:
    case JournalKind::InitStarted:
    case JournalKind::InitFinished:
    case JournalKind::InvokeStarted:
    case JournalKind::InvokeFinished:
    case JournalKind::EnvironmentFrozen:
    case JournalKind::EnvironmentThawed:
    case JournalKind::EnvironmentDestroyed:
    case JournalKind::RequestThrottled:
    case JournalKind::RequestQueued:
    case JournalKind::AsyncRetryScheduled:
    case JournalKind::AsyncEventDropped:
        break;
    default:
        return;
    }
    // Spans must not overlap even if the wall clock steps back.
    const qint64 t = std::max(record.timeUs, m_endUs);
    if (m_startUs == 0) {
        m_startUs = t;
    }
    m_endUs = t;
    const nlohmann::json &data = record.data;

    switch (record.kind) {
    case JournalKind::EnvironmentCreated: {
        const int lane = laneFor(record, JournalFields::string(data, "version"));
        Lane &l = m_lanes[lane];
        l.createdUs = t;
        l.provisioned = JournalFields::boolean(data, "provisioned").value_or(false);
        break;
    }
    case JournalKind::InitStarted:
        // A suppressed init (phase "invoke") runs inside its invocation's span.
        if (JournalFields::string(data, "phase") != u"invoke"_s) {
            const int lane = laneFor(record);
            closeSpan(lane, t);
            openSpan(lane, t, SpanKind::Init);
            // An init for a request holds a unit of concurrency already (not a provisioned one).
            Lane &l = m_lanes[lane];
            if (!record.requestId.isEmpty() && !l.counted) {
                l.counted = true;
                changeConcurrency(m_groups[l.group].function, t, +1);
            }
        }
        break;
    case JournalKind::InitFinished:
        if (JournalFields::string(data, "phase") != u"invoke"_s) {
            const int lane = laneFor(record);
            Span *span = closeSpan(lane, t);
            const QString status = JournalFields::string(data, "status");
            if (span && status == u"timeout"_s) {
                span->flags |= Timeout;
            } else if (span && !status.isEmpty() && status != u"success"_s) {
                span->flags |= Error;
            }
            // Initialised ahead of any request (provisioned): it idles until one comes.
            if (record.requestId.isEmpty() && (status.isEmpty() || status == u"success"_s)) {
                openSpan(lane, t, SpanKind::Idle);
            }
        }
        break;
    case JournalKind::InvokeStarted: {
        const int lane = laneFor(record, JournalFields::string(data, "version"));
        Lane &l = m_lanes[lane];
        if (l.running >= 0) {
            break; // already started (a record seen twice)
        }
        closeSpan(lane, t);
        Invocation inv;
        inv.requestId = record.requestId;
        inv.lane = lane;
        inv.startUs = t;
        inv.coldStart = JournalFields::boolean(data, "coldStart").value_or(false);
        const int index = int(m_invocations.size());
        m_invocations.push_back(inv);
        if (!record.requestId.isEmpty()) {
            m_invocationIndex.insert(record.requestId, index);
            if (m_waiting.remove(record.requestId)) {
                m_dirtyGroups.insert(m_functions[m_groups[l.group].function].groups.front());
            }
        }
        l.running = index;
        ++l.invocations;
        if (inv.coldStart) {
            ++l.coldStarts;
        }
        openSpan(lane, t, SpanKind::Invoke, inv.coldStart ? Cold : 0, index);
        if (!l.counted) {
            l.counted = true;
            changeConcurrency(m_groups[l.group].function, t, +1);
        }
        break;
    }
    case JournalKind::InvokeFinished: {
        const auto it = m_laneIndex.constFind(record.environmentId);
        if (it == m_laneIndex.cend() || m_lanes[*it].running < 0) {
            break; // its start is older than what this model saw
        }
        const QString status = JournalFields::string(data, "status");
        finishInvocation(*it, t,
                         status == u"timeout"_s ? Status::Timeout
                         : status == u"error"_s ? Status::Error
                                                : Status::Success,
                         JournalFields::string(data, "errorType"),
                         JournalFields::number(data, "durationMs"),
                         JournalFields::number(data, "initDurationMs"));
        openSpan(*it, t, SpanKind::Idle);
        break;
    }
    case JournalKind::EnvironmentFrozen: {
        const int lane = laneFor(record);
        if (m_lanes[lane].running >= 0) {
            break; // a busy environment is never frozen: a record out of place
        }
        closeSpan(lane, t);
        openSpan(lane, t, SpanKind::Frozen);
        break;
    }
    case JournalKind::EnvironmentThawed:
        closeSpan(laneFor(record), t);
        break;
    case JournalKind::EnvironmentDestroyed: {
        const int lane = laneFor(record);
        Lane &l = m_lanes[lane];
        const QString reason = JournalFields::string(data, "reason");
        if (l.running >= 0) {
            // Shut down under a running invocation: it ends as Lambda reports it, failed.
            finishInvocation(lane, t, reason == u"timeout"_s ? Status::Timeout : Status::Error,
                             u"Sandbox.Failure"_s, std::nullopt, std::nullopt);
        } else if (Span *span = closeSpan(lane, t); span && span->kind == SpanKind::Init) {
            span->flags |= Error;
        }
        if (l.counted) {
            l.counted = false;
            changeConcurrency(m_groups[l.group].function, t, -1);
        }
        l.destroyedUs = t;
        l.destroyReason = reason;
        Span shutdown;
        shutdown.startUs = t;
        shutdown.endUs = t;
        shutdown.kind = SpanKind::Shutdown;
        l.spans.push_back(shutdown);
        m_dirtyLanes.insert(lane);
        break;
    }
    case JournalKind::RequestThrottled:
        m_waiting.remove(record.requestId);
        addMark(record, MarkKind::Throttle, JournalFields::string(data, "reason"));
        ++m_throttles;
        ++m_functions[functionFor(record.functionName)].throttles;
        break;
    case JournalKind::RequestQueued:
        if (!record.requestId.isEmpty()) {
            m_waiting.insert(record.requestId);
        }
        addMark(record, MarkKind::Queued,
                tr("waiting at the step gate, position %1")
                    .arg(JournalFields::number(data, "position").value_or(0)));
        break;
    case JournalKind::AsyncRetryScheduled:
        addMark(record, MarkKind::AsyncRetry,
                tr("retry attempt %1 in %2 ms (%3)")
                    .arg(JournalFields::number(data, "attempt").value_or(0))
                    .arg(JournalFields::number(data, "delayMs").value_or(0))
                    .arg(JournalFields::string(data, "cause")));
        break;
    case JournalKind::AsyncEventDropped:
        addMark(record, MarkKind::AsyncDropped,
                tr("event dropped: %1").arg(JournalFields::string(data, "reason")));
        break;
    default:
        break;
    }
}

int TimelineModel::functionFor(const QString &name)
{
    const auto it = m_functionIndex.constFind(name);
    if (it != m_functionIndex.cend()) {
        return *it;
    }
    Function f;
    f.name = name;
    const auto limits = m_limits.value(name);
    f.reservedConcurrency = limits.first;
    f.provisionedConcurrency = limits.second;
    m_functions.push_back(std::move(f));
    m_functionIndex.insert(name, int(m_functions.size()) - 1);
    return int(m_functions.size()) - 1;
}

int TimelineModel::groupFor(const QString &functionName, const QString &version)
{
    const QString key = groupKey(functionName, version);
    const auto it = m_groupIndex.constFind(key);
    if (it != m_groupIndex.cend()) {
        return *it;
    }
    const int function = functionFor(functionName);
    const int row = int(m_groups.size());
    beginInsertRows({}, row, row);
    Group g;
    g.functionName = functionName;
    g.version = version;
    g.function = function;
    m_groups.push_back(std::move(g));
    m_functions[function].groups.push_back(row);
    m_groupIndex.insert(key, row);
    endInsertRows();
    return row;
}

int TimelineModel::laneFor(const JournalRecord &record, const QString &version)
{
    const auto it = m_laneIndex.constFind(record.environmentId);
    if (it != m_laneIndex.cend()) {
        return *it;
    }
    // Normally EnvironmentCreated comes first; a lane is made from any record otherwise.
    const int group = groupFor(record.functionName, version.isEmpty() ? u"$LATEST"_s : version);
    const int lane = int(m_lanes.size());
    const int row = int(m_groups[group].lanes.size());
    beginInsertRows(groupIndex(group), row, row);
    Lane l;
    l.environmentId = record.environmentId;
    l.group = group;
    l.row = row;
    l.createdUs = std::max(record.timeUs, m_endUs);
    m_lanes.push_back(std::move(l));
    m_groups[group].lanes.push_back(lane);
    m_laneIndex.insert(record.environmentId, lane);
    endInsertRows();
    m_dirtyGroups.insert(group);
    return lane;
}

void TimelineModel::openSpan(int lane, qint64 timeUs, SpanKind kind, quint8 flags, int invocation)
{
    Span span;
    span.startUs = timeUs;
    span.kind = kind;
    span.flags = flags;
    span.invocation = invocation;
    m_lanes[lane].spans.push_back(span);
    m_dirtyLanes.insert(lane);
}

TimelineModel::Span *TimelineModel::closeSpan(int lane, qint64 timeUs)
{
    std::vector<Span> &spans = m_lanes[lane].spans;
    if (spans.empty() || spans.back().endUs != kOpenUs) {
        return nullptr;
    }
    Span &span = spans.back();
    if (span.startUs == timeUs && (span.kind == SpanKind::Idle || span.kind == SpanKind::Frozen)) {
        spans.pop_back(); // idle for no time at all: nothing to draw
        return nullptr;
    }
    span.endUs = timeUs;
    m_dirtyLanes.insert(lane);
    return &span;
}

void TimelineModel::finishInvocation(int lane, qint64 timeUs, Status status,
                                     const QString &errorType, std::optional<double> durationMs,
                                     std::optional<double> initMs)
{
    Lane &l = m_lanes[lane];
    Invocation &inv = m_invocations[l.running];
    l.running = -1;
    inv.endUs = timeUs;
    inv.status = status;
    inv.errorType = errorType;
    inv.durationMs = durationMs.value_or((timeUs - inv.startUs) / 1000.0);
    inv.initDurationMs = initMs;
    if (Span *span = closeSpan(lane, timeUs)) {
        if (status == Status::Timeout) {
            span->flags |= Timeout;
        } else if (status == Status::Error) {
            span->flags |= Error;
        }
    }
    if (l.counted) {
        l.counted = false;
        changeConcurrency(m_groups[l.group].function, timeUs, -1);
    }
}

void TimelineModel::changeConcurrency(int function, qint64 timeUs, int delta)
{
    auto step = [timeUs, delta](std::vector<ConcurrencyPoint> &series) {
        const int value = std::max(0, (series.empty() ? 0 : series.back().value) + delta);
        if (!series.empty() && series.back().timeUs == timeUs) {
            series.back().value = value;
        } else {
            series.push_back({timeUs, value});
        }
        return value;
    };
    m_peak = std::max(m_peak, step(m_running));
    Function &f = m_functions[function];
    f.peakConcurrency = std::max(f.peakConcurrency, step(f.concurrency));
}

void TimelineModel::addMark(const JournalRecord &record, MarkKind kind, const QString &detail)
{
    const int function = functionFor(record.functionName);
    Function &f = m_functions[function];
    if (f.groups.empty()) {
        // Refused before any environment ran it: the function still needs a row for its marks.
        groupFor(record.functionName, QString());
    }
    Mark mark;
    mark.timeUs = m_endUs;
    mark.kind = kind;
    mark.requestId = record.requestId;
    mark.detail = detail;
    f.marks.push_back(std::move(mark));
    m_dirtyGroups.insert(f.groups.front());
}

const TimelineModel::Invocation *TimelineModel::invocation(int index) const
{
    return index >= 0 && index < int(m_invocations.size()) ? &m_invocations[index] : nullptr;
}

const TimelineModel::Invocation *TimelineModel::invocation(const QString &requestId) const
{
    return invocation(m_invocationIndex.value(requestId, -1));
}

std::span<const TimelineModel::Span> TimelineModel::spans(int lane, qint64 fromUs,
                                                          qint64 toUs) const
{
    if (lane < 0 || lane >= int(m_lanes.size())) {
        return {};
    }
    const std::vector<Span> &all = m_lanes[lane].spans;
    // Spans follow one another, so both their starts and their ends are sorted.
    const auto first = std::partition_point(all.begin(), all.end(),
                                            [fromUs](const Span &s) { return s.endUs < fromUs; });
    const auto last =
        std::partition_point(first, all.end(), [toUs](const Span &s) { return s.startUs <= toUs; });
    return {first, last};
}

std::span<const TimelineModel::Mark> TimelineModel::marks(int function, qint64 fromUs,
                                                          qint64 toUs) const
{
    if (function < 0 || function >= int(m_functions.size())) {
        return {};
    }
    const std::vector<Mark> &all = m_functions[function].marks;
    const auto first = std::partition_point(all.begin(), all.end(),
                                            [fromUs](const Mark &m) { return m.timeUs < fromUs; });
    const auto last =
        std::partition_point(first, all.end(), [toUs](const Mark &m) { return m.timeUs <= toUs; });
    return {first, last};
}

std::span<const TimelineModel::ConcurrencyPoint>
TimelineModel::concurrency(int function, qint64 fromUs, qint64 toUs) const
{
    if (function >= int(m_functions.size())) {
        return {};
    }
    const std::vector<ConcurrencyPoint> &all =
        function < 0 ? m_running : m_functions[function].concurrency;
    auto first = std::partition_point(
        all.begin(), all.end(), [fromUs](const ConcurrencyPoint &p) { return p.timeUs <= fromUs; });
    if (first != all.begin()) {
        --first; // the step in force at fromUs
    }
    const auto last = std::partition_point(
        first, all.end(), [toUs](const ConcurrencyPoint &p) { return p.timeUs <= toUs; });
    return {first, last};
}

QModelIndex TimelineModel::laneIndex(int lane, int column) const
{
    if (lane < 0 || lane >= int(m_lanes.size())) {
        return {};
    }
    return createIndex(m_lanes[lane].row, column, quintptr(m_lanes[lane].group) + 1);
}

QModelIndex TimelineModel::groupIndex(int group, int column) const
{
    if (group < 0 || group >= int(m_groups.size())) {
        return {};
    }
    return createIndex(group, column, kGroupRowId);
}

QModelIndex TimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0) {
        return {};
    }
    if (!parent.isValid()) {
        return row < int(m_groups.size()) ? createIndex(row, column, kGroupRowId) : QModelIndex();
    }
    if (parent.internalId() != kGroupRowId || parent.row() >= int(m_groups.size())) {
        return {};
    }
    const Group &g = m_groups[parent.row()];
    return row < int(g.lanes.size()) ? createIndex(row, column, quintptr(parent.row()) + 1)
                                     : QModelIndex();
}

QModelIndex TimelineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupRowId) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, kGroupRowId);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_groups.size());
    }
    if (parent.column() != 0 || parent.internalId() != kGroupRowId) {
        return 0;
    }
    return int(m_groups[parent.row()].lanes.size());
}

int TimelineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString TimelineModel::laneState(const Lane &lane) const
{
    if (lane.destroyedUs != kOpenUs) {
        return tr("ended (%1)").arg(lane.destroyReason);
    }
    if (lane.spans.empty() || lane.spans.back().endUs != kOpenUs) {
        return tr("waiting");
    }
    switch (lane.spans.back().kind) {
    case SpanKind::Init:
        return tr("initializing");
    case SpanKind::Invoke:
        return tr("busy");
    case SpanKind::Idle:
        return tr("idle");
    case SpanKind::Frozen:
        return tr("frozen");
    case SpanKind::Shutdown:
        break;
    }
    return {};
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const bool isGroup = index.internalId() == kGroupRowId;
    const int groupRow = isGroup ? index.row() : int(index.internalId() - 1);
    const Group &g = m_groups[groupRow];
    const Function &f = m_functions[g.function];
    const Lane *lane = isGroup ? nullptr : &m_lanes[g.lanes[index.row()]];

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            if (lane) {
                return lane->provisioned ? tr("%1 (provisioned)").arg(lane->environmentId)
                                         : lane->environmentId;
            }
            return g.version.isEmpty() ? g.functionName : g.functionName + u':' + g.version;
        case InvocationsColumn: {
            if (lane) {
                return lane->invocations;
            }
            int sum = 0;
            for (int l : g.lanes) {
                sum += m_lanes[l].invocations;
            }
            return sum;
        }
        case StateColumn:
            if (lane) {
                return laneState(*lane);
            }
            return f.throttles > 0 && g.function >= 0 && f.groups.front() == groupRow
                       ? tr("%n environment(s), %1 throttled", nullptr, int(g.lanes.size()))
                             .arg(f.throttles)
                       : tr("%n environment(s)", nullptr, int(g.lanes.size()));
        }
        return {};
    case LaneRole:
        return lane ? g.lanes[index.row()] : -1;
    case GroupRole:
        return groupRow;
    case FunctionNameRole:
        return g.functionName;
    case VersionRole:
        return g.version;
    case EnvironmentIdRole:
        return lane ? lane->environmentId : QString();
    case ProvisionedRole:
        return lane && lane->provisioned;
    case InvocationCountRole:
        return index.siblingAtColumn(InvocationsColumn).data();
    case ColdStartCountRole: {
        if (lane) {
            return lane->coldStarts;
        }
        int sum = 0;
        for (int l : g.lanes) {
            sum += m_lanes[l].coldStarts;
        }
        return sum;
    }
    case SpanCountRole:
        return lane ? int(lane->spans.size()) : 0;
    case ThrottleCountRole:
        return f.throttles;
    case DestroyedRole:
        return lane && lane->destroyedUs != kOpenUs;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Function / environment");
    case InvocationsColumn:
        return tr("Invocations");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(LaneRole, "lane");
    names.insert(GroupRole, "group");
    names.insert(FunctionNameRole, "functionName");
    names.insert(VersionRole, "version");
    names.insert(EnvironmentIdRole, "environmentId");
    names.insert(ProvisionedRole, "provisioned");
    names.insert(InvocationCountRole, "invocations");
    names.insert(ColdStartCountRole, "coldStarts");
    names.insert(SpanCountRole, "spans");
    names.insert(ThrottleCountRole, "throttles");
    names.insert(DestroyedRole, "destroyed");
    return names;
}

} // namespace Lwb
