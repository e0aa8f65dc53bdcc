// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/journal.h"
#include "model/functionconfig.h"

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <vector>

class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableView;
class QValueAxis;

namespace Lwb {

class CostTableModel;
class EngineHost;

/**
 * The "Cost" panel: what the running engine's invocations would have cost on AWS Lambda
 * (CostTableModel: per function, requests, duration by architecture, ephemeral storage,
 * provisioned concurrency on standby, per invocation and per million), the total since the
 * engine started with the free tier it would use, the last invocation's breakdown and the
 * cumulative cost over time. The table follows each batch of records; the labels and the
 * chart are redrawn at most every kRedrawIntervalMs. GUI thread.
 */
class CostPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kRedrawIntervalMs = 250;

    explicit CostPanel(QWidget *parent = nullptr);
    ~CostPanel() override;

    /** Follows @p host's journal (recordsAppended); starts over with host->functions(). */
    void setEngine(EngineHost *host);
    /** Starts over for a newly opened project: no costs, these functions' configurations. */
    void setFunctions(const std::vector<FunctionConfig> &functions);
    /** Takes a batch of journal records. */
    void addRecords(const std::vector<JournalRecord> &records);
    void clear();
    /** Updates the summary, the last invocation and the chart now. */
    void refresh();

    CostTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *lastInvocationLabel() const { return m_last; }
    QChartView *chartView() const { return m_chartView; }
    QLineSeries *cumulativeSeries() const { return m_series; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void tick();
    void updateSummary();
    void updateLastInvocation();
    void updateChart();

    CostTableModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_last;
    QChartView *m_chartView;
    QLineSeries *m_series;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QTimer m_timer;
    size_t m_charted = 0; ///< points of the model's cumulative() already in m_series
    qint64 m_lastChartedUs = 0;
    bool m_dirty = true;
};

} // namespace Lwb
