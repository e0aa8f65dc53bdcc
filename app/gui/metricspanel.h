// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/journal.h"
#include "model/functionconfig.h"
#include "telemetry/metricstore.h"

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <vector>

class QAbstractButton;
class QButtonGroup;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace Lwb {

class EngineHost;

/**
 * The "Metrics" panel, the Lambda console's Monitor tab over the running engine's journal: a
 * grid of CloudWatch charts (Invocations, Duration min/avg/p99/max, Errors and success rate,
 * Throttles, ConcurrentExecutions, async events, AsyncEventAge, async delivery failures), for
 * one function or all of them (the account-level series, like AWS/Lambda without a
 * FunctionName), over the last 5 min, 15 min, 1 h or since the engine started, at 1 s or 1 min.
 * Records go into a MetricStore as they come; the charts are redrawn at most every
 * kRedrawIntervalMs, and only from the first period that changed. GUI thread.
 */
class MetricsPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Range { Last5Minutes, Last15Minutes, LastHour, SinceStart };
    /** What a line of a chart shows of its metric's datapoints. */
    enum class Statistic { Sum, Average, Minimum, Maximum, P99, SuccessRate };

    static constexpr int kRedrawIntervalMs = 250;

    explicit MetricsPanel(QWidget *parent = nullptr);
    ~MetricsPanel() override;

    /** Follows @p host's journal (recordsAppended); starts over with host->functions(). */
    void setEngine(EngineHost *host);
    /** Starts over for a newly opened project: no data, these functions in the selector. */
    void setFunctions(const std::vector<FunctionConfig> &functions);
    /** Takes a batch of journal records; the charts follow within kRedrawIntervalMs. */
    void addRecords(const std::vector<JournalRecord> &records);
    /** Forgets the data (the functions stay in the selector). */
    void clear();

    /** The function shown; empty for all functions. */
    QString function() const;
    void setFunction(const QString &functionName);
    Range range() const { return m_range; }
    void setRange(Range range);
    int periodSeconds() const { return m_periodSeconds; }
    void setPeriodSeconds(int seconds);

    /** Redraws now what changed since the last redraw. */
    void refresh();
    /** How many redraws happened (they are throttled to a few a second). */
    int redrawCount() const { return m_redraws; }

    const MetricStore &store() const { return m_store; }
    QComboBox *functionBox() const { return m_functionBox; }
    QAbstractButton *rangeButton(Range range) const;
    QAbstractButton *periodButton(int seconds) const;
    /** The line showing @p statistic of @p metric; nullptr when no chart has one. */
    QLineSeries *series(Metric metric, Statistic statistic) const;
    /** The chart whose first line shows @p metric. */
    QChartView *chartView(Metric metric) const;
    QList<QChartView *> chartViews() const;

    /** Gives @p view the colours and fonts of @p from: a light or dark theme after its palette,
     *  its base colour behind the plot (no fixed white), its text colour on labels. */
    static void styleChart(QChartView *view, const QWidget *from);
    /**
     * Sets @p axis from 0 to a little above @p maximum in about four steps of 1, 2 or 5 × a
     * power of ten (whole numbers when @p whole); returns the step.
     */
    static double fitAxis(QValueAxis *axis, double maximum, bool whole);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Line
    {
        Metric metric;
        Statistic statistic;
        QLineSeries *series = nullptr;
    };
    struct Chart
    {
        QChartView *view = nullptr;
        QDateTimeAxis *timeAxis = nullptr;
        QValueAxis *valueAxis = nullptr;
        QValueAxis *percentAxis = nullptr; ///< success rate, on the right
        std::vector<Line> lines;
    };

    void addChart(const QString &title, const std::vector<std::pair<Metric, Statistic>> &lines);
    void addFunction(const QString &functionName);
    void applyPalette();
    void tick();
    /** Redraws from @p fromMs on (everything when @p full). */
    void redraw(bool full);
    void redrawLine(const Line &line, qint64 fromMs, qint64 rangeStartMs, qint64 endMs);
    qint64 rangeStartMs(qint64 nowMs) const;

    MetricStore m_store;
    std::vector<FunctionConfig> m_functions;
    std::vector<Chart> m_charts;
    QComboBox *m_functionBox;
    QButtonGroup *m_rangeGroup;
    QButtonGroup *m_periodGroup;
    QLabel *m_status;
    QTimer m_timer;
    Range m_range = Range::Last15Minutes;
    int m_periodSeconds = MetricStore::kFinePeriodSeconds;
    qint64 m_firstRecordMs = 0; ///< since-start's beginning; 0 before any record
    qint64 m_dirtyFromMs = -1;  ///< earliest metric point not drawn yet; -1 when none
    qint64 m_drawnToMs = 0;     ///< end of the periods drawn at the last redraw
    qint64 m_lastRedrawMs = 0;
    bool m_needsFullRedraw = true;
    int m_redraws = 0;
};

} // namespace Lwb
