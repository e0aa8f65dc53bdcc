// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/costmodel.h"
#include "telemetry/invocationfacts.h"
#include "telemetry/invocationtracker.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QHash>
#include <QtCore/QString>

#include <map>
#include <optional>
#include <vector>

namespace Lwb {

struct JournalRecord;

/**
 * What the functions of a running engine have cost since it started, one row per function,
 * built from Journal records: the invocations priced by a CostModel (so its totals are the
 * CostModel's, and `lwb cost`'s), plus provisioned concurrency on standby, priced from the
 * provisioned environments' lives (EnvironmentCreated with "provisioned" until
 * EnvironmentDestroyed, each rounded up to the billing increment). Also keeps the last
 * invocation's breakdown and the cumulative invocation cost over time. Display text follows
 * the AWS pricing calculator (USD, enough decimals to be non-zero); ValueRole gives the
 * numbers. GUI thread (or whichever thread owns it); feed it records in journal order.
 */
class LWB_CORE_EXPORT CostTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        FunctionColumn,
        ArchitectureColumn,
        InvocationsColumn,
        GbSecondsColumn,
        RequestUsdColumn,
        DurationUsdColumn,
        StorageUsdColumn,
        ProvisionedUsdColumn,
        TotalUsdColumn,
        AverageUsdColumn,    ///< total of the invocations / invocations
        PerMillionUsdColumn, ///< the average invocation × 1,000,000
        ColumnCount
    };
    enum Role {
        ValueRole = Qt::UserRole + 1, ///< the cell as a number (qint64 or double), or the name
    };

    /** One function's figures. */
    struct Row
    {
        QString functionName;
        QString architecture = QStringLiteral("x86_64");
        CostTotals invocations;          ///< the CostModel's totals of the function
        double storageGbSeconds = 0;     ///< ephemeral storage above 512 MB, GB × billed s
        double provisionedClosedUsd = 0; ///< standby of provisioned environments that ended
    };

    /** The running sum of the invocations' cost after each invocation. */
    struct CostPoint
    {
        qint64 timeUs = 0; ///< when the invocation finished
        double cumulativeUsd = 0;
    };

    /** Prices from Pricing::defaultPath(); all zero when they cannot be read. */
    explicit CostTableModel(QObject *parent = nullptr);
    CostTableModel(const Pricing &pricing, QObject *parent = nullptr);

    /** What a function's configuration says, for records that do not carry it. */
    void setFunctionDefaults(const QString &functionName,
                             const InvocationTracker::FunctionDefaults &defaults);

    void ingest(const JournalRecord &record);
    /** Takes a batch; one signal per changed row for the whole batch. */
    void ingest(const std::vector<JournalRecord> &records);
    /** Standby cost of provisioned environments still alive is counted up to @p nowUs. */
    void advanceTo(qint64 nowUs);
    /** Forgets everything (a new engine); the function defaults are kept. */
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const CostModel &costModel() const { return m_costs; }
    const Pricing &pricing() const { return m_costs.pricing(); }
    const std::vector<Row> &rows() const { return m_rows; }
    /** The row of @p functionName, or -1. */
    int rowOf(const QString &functionName) const;

    /** The invocations' total since the start (CostModel::total()). */
    CostTotals invocationTotal() const { return m_costs.total(); }
    /** Provisioned concurrency on standby of @p functionName up to advanceTo()'s time. */
    double provisionedUsd(const QString &functionName) const;
    double provisionedUsd() const;
    /** Invocations plus provisioned concurrency on standby. */
    double totalUsd() const { return invocationTotal().totalUsd() + provisionedUsd(); }
    /** On-demand and provisioned GB-s of the invocations, by architecture. */
    const std::map<QString, double> &gbSecondsByArchitecture() const { return m_gbSecondsByArch; }
    double storageGbSeconds() const;

    std::optional<InvocationFacts> lastInvocation() const { return m_last; }
    InvocationCost lastInvocationCost() const { return m_lastCost; }
    const std::vector<CostPoint> &cumulative() const { return m_cumulative; }

    /** $1,234.56 from a cent up; below it, enough decimals for three significant digits. */
    static QString formatUsd(double usd);

Q_SIGNALS:
    /** Invocations were priced (once per ingested batch that had any). */
    void invocationsPriced();

private:
    struct ProvisionedEnvironment
    {
        QString functionName;
        QString architecture;
        int memoryMb = 128;
        qint64 startUs = 0;
    };

    /** The row of @p functionName, appended when new (rows are never reordered). */
    int ensureRow(const QString &functionName);
    /** Prices one record; returns the row it changed, or -1. */
    int take(const JournalRecord &record);
    double standbyUsd(const ProvisionedEnvironment &environment, qint64 endUs) const;
    QVariant value(const Row &row, int column) const;

    CostModel m_costs;
    QHash<QString, InvocationTracker::FunctionDefaults> m_defaults;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowIndex;
    QHash<QString, ProvisionedEnvironment> m_provisioned; ///< by environment id, still alive
    std::map<QString, double> m_gbSecondsByArch;
    std::optional<InvocationFacts> m_last;
    InvocationCost m_lastCost;
    std::vector<CostPoint> m_cumulative;
    qint64 m_nowUs = 0;
};

} // namespace Lwb
