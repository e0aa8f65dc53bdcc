// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "costtablemodel.h"

#include "journalfields.h"

#include "engine/journal.h"

#include <QtCore/QLocale>

#include <algorithm>
#include <cmath>
#include <set>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/** The C locale with thousands separators (1,234.56), as the AWS pricing calculator writes. */
QLocale groupedLocale()
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

} // namespace

CostTableModel::CostTableModel(QObject *parent) : QAbstractTableModel(parent) {}

CostTableModel::CostTableModel(const Pricing &pricing, QObject *parent)
    : QAbstractTableModel(parent), m_costs(pricing)
{
}

void CostTableModel::setFunctionDefaults(const QString &functionName,
                                         const InvocationTracker::FunctionDefaults &defaults)
{
    m_defaults.insert(functionName, defaults);
    m_costs.tracker().setFunctionDefaults(functionName, defaults);
}

int CostTableModel::ensureRow(const QString &functionName)
{
    const auto it = m_rowIndex.constFind(functionName);
    if (it != m_rowIndex.cend()) {
        return *it;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Row r;
    r.functionName = functionName;
    r.architecture = m_defaults.value(functionName).architecture;
    m_rows.push_back(r);
    m_rowIndex.insert(functionName, row);
    endInsertRows();
    return row;
}

int CostTableModel::rowOf(const QString &functionName) const
{
    return m_rowIndex.value(functionName, -1);
}

double CostTableModel::standbyUsd(const ProvisionedEnvironment &env, qint64 endUs) const
{
    const double seconds = double(std::max<qint64>(0, endUs - env.startUs)) / 1e6;
    return m_costs.provisionedConcurrencyCost(env.architecture, env.memoryMb, 1, seconds);
}

int CostTableModel::take(const JournalRecord &record)
{
    m_nowUs = std::max(m_nowUs, record.timeUs);
    switch (record.kind) {
    case JournalKind::EnvironmentCreated: {
        m_costs.tracker().ingest(record);
        if (!JournalFields::boolean(record.data, "provisioned").value_or(false)) {
            return -1;
        }
        const InvocationTracker::FunctionDefaults def = m_defaults.value(record.functionName);
        ProvisionedEnvironment env;
        env.functionName = record.functionName;
        env.architecture = JournalFields::string(record.data, "architecture");
        if (env.architecture.isEmpty()) {
            env.architecture = def.architecture;
        }
        env.memoryMb = int(JournalFields::number(record.data, "memoryMb").value_or(def.memoryMb));
        env.startUs = record.timeUs;
        m_provisioned.insert(record.environmentId, env);
        return ensureRow(record.functionName);
    }
    case JournalKind::EnvironmentDestroyed: {
        m_costs.tracker().ingest(record);
        const auto it = m_provisioned.find(record.environmentId);
        if (it == m_provisioned.end()) {
            return -1;
        }
        const int row = ensureRow(it->functionName);
        m_rows[size_t(row)].provisionedClosedUsd += standbyUsd(*it, record.timeUs);
        m_provisioned.erase(it);
        return row;
    }
    default:
        break;
    }
    // CostModel::ingest() with the facts kept: the same tracker, then add().
    const std::optional<InvocationFacts> facts = m_costs.tracker().ingest(record);
    if (!facts) {
        return -1;
    }
    const InvocationCost cost = m_costs.add(*facts);
    const int row = ensureRow(facts->functionName);
    Row &r = m_rows[size_t(row)];
    r.architecture = facts->architecture;
    r.invocations = m_costs.totals(facts->functionName);
    r.storageGbSeconds += cost.storageGbSeconds;
    m_gbSecondsByArch[facts->architecture] += cost.gbSeconds;
    m_last = facts;
    m_lastCost = cost;
    m_cumulative.push_back({facts->endUs, m_costs.total().totalUsd()});
    return row;
}

void CostTableModel::ingest(const JournalRecord &record)
{
    ingest(std::vector<JournalRecord>{record});
}

void CostTableModel::ingest(const std::vector<JournalRecord> &records)
{
    const size_t pricedBefore = m_cumulative.size();
    std::set<int> changed;
    for (const JournalRecord &record : records) {
        const int row = take(record);
        if (row >= 0) {
            changed.insert(row);
        }
    }
    for (int row : changed) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (m_cumulative.size() != pricedBefore) {
        Q_EMIT invocationsPriced();
    }
}

void CostTableModel::advanceTo(qint64 nowUs)
{
    if (nowUs <= m_nowUs) {
        return;
    }
    m_nowUs = nowUs;
    std::set<int> changed;
    for (const ProvisionedEnvironment &env : std::as_const(m_provisioned)) {
        changed.insert(rowOf(env.functionName));
    }
    for (int row : changed) {
        Q_EMIT dataChanged(index(row, ProvisionedUsdColumn), index(row, TotalUsdColumn));
    }
}

void CostTableModel::clear()
{
    beginResetModel();
    m_costs = CostModel(m_costs.pricing());
    for (auto it = m_defaults.cbegin(); it != m_defaults.cend(); ++it) {
        m_costs.tracker().setFunctionDefaults(it.key(), it.value());
    }
    m_rows.clear();
    m_rowIndex.clear();
    m_provisioned.clear();
    m_gbSecondsByArch.clear();
    m_last.reset();
    m_lastCost = {};
    m_cumulative.clear();
    m_nowUs = 0;
    endResetModel();
}

double CostTableModel::provisionedUsd(const QString &functionName) const
{
    const int row = rowOf(functionName);
    if (row < 0) {
        return 0;
    }
    double usd = m_rows[size_t(row)].provisionedClosedUsd;
    for (const ProvisionedEnvironment &env : m_provisioned) {
        if (env.functionName == functionName) {
            usd += standbyUsd(env, m_nowUs);
        }
    }
    return usd;
}

double CostTableModel::provisionedUsd() const
{
    double usd = 0;
    for (const Row &row : m_rows) {
        usd += provisionedUsd(row.functionName);
    }
    return usd;
}

double CostTableModel::storageGbSeconds() const
{
    double sum = 0;
    for (const Row &row : m_rows) {
        sum += row.storageGbSeconds;
    }
    return sum;
}

int CostTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CostTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CostTableModel::value(const Row &row, int column) const
{
    const CostTotals &t = row.invocations;
    const double average = t.requests > 0 ? t.totalUsd() / double(t.requests) : 0.0;
    switch (column) {
    case FunctionColumn:
        return row.functionName;
    case ArchitectureColumn:
        return row.architecture;
    case InvocationsColumn:
        return t.requests;
    case GbSecondsColumn:
        return t.gbSeconds;
    case RequestUsdColumn:
        return t.requestUsd;
    case DurationUsdColumn:
        return t.durationUsd;
    case StorageUsdColumn:
        return t.storageUsd;
    case ProvisionedUsdColumn:
        return provisionedUsd(row.functionName);
    case TotalUsdColumn:
        return t.totalUsd() + provisionedUsd(row.functionName);
    case AverageUsdColumn:
        return average;
    case PerMillionUsdColumn:
        return average * 1e6;
    default:
        return {};
    }
}

QVariant CostTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case ValueRole:
        return value(row, column);
    case Qt::DisplayRole: {
        const QVariant v = value(row, column);
        switch (column) {
        case FunctionColumn:
        case ArchitectureColumn:
            return v;
        case InvocationsColumn:
            return groupedLocale().toString(v.toLongLong());
        case GbSecondsColumn:
            return QString::number(v.toDouble(), 'f', 6);
        default:
            return formatUsd(v.toDouble());
        }
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column <= ArchitectureColumn
                                       ? Qt::AlignLeft | Qt::AlignVCenter
                                       : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == StorageUsdColumn) {
            return tr("%1 GB-s of ephemeral storage above %2 MB")
                .arg(row.storageGbSeconds, 0, 'g', 6)
                .arg(pricing().ephemeralIncludedMb);
        }
        if (column == ProvisionedUsdColumn) {
            return tr("Provisioned concurrency on standby, from allocation to release, each "
                      "environment rounded up to %1 s")
                .arg(pricing().provisionedBillingIncrementSeconds);
        }
        if (column == PerMillionUsdColumn) {
            return tr("A million invocations like the average one so far");
        }
        return {};
    default:
        return {};
    }
}

QVariant CostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case StorageUsdColumn:
            return tr("Ephemeral storage above %1 MB").arg(pricing().ephemeralIncludedMb);
        case ProvisionedUsdColumn:
            return tr("Provisioned concurrency on standby");
        case PerMillionUsdColumn:
            return tr("A million invocations like the average one so far");
        default:
            return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case FunctionColumn:
        return tr("Function");
    case ArchitectureColumn:
        return tr("Architecture");
    case InvocationsColumn:
        return tr("Invocations");
    case GbSecondsColumn:
        return tr("GB-s");
    case RequestUsdColumn:
        return tr("Requests");
    case DurationUsdColumn:
        return tr("Duration");
    case StorageUsdColumn:
        return tr("Storage");
    case ProvisionedUsdColumn:
        return tr("Provisioned");
    case TotalUsdColumn:
        return tr("Total");
    case AverageUsdColumn:
        return tr("Per invocation");
    case PerMillionUsdColumn:
        return tr("Per 1M");
    default:
        return {};
    }
}

QString CostTableModel::formatUsd(double usd)
{
    const double magnitude = std::abs(usd);
    if (magnitude == 0) {
        return u"$0.00"_s;
    }
    const QString sign = usd < 0 ? u"-"_s : QString();
    if (magnitude >= 0.01) {
        return sign + u"$"_s + groupedLocale().toString(magnitude, 'f', 2);
    }
    const int decimals = std::min(12, int(std::ceil(-std::log10(magnitude))) + 2);
    QString text = QString::number(magnitude, 'f', decimals);
    while (text.endsWith(u'0')) {
        text.chop(1);
    }
    return sign + u"$"_s + text;
}

} // namespace Lwb
