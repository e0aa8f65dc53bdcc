// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "costpanel.h"

#include "enginehost.h"
#include "metricspanel.h"

#include "telemetry/costtablemodel.h"
#include "telemetry/functiondefaults.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

// The cumulative chart keeps one point per this much time of a busy load.
constexpr qint64 kChartResolutionUs = 100'000;

QString usd(double value)
{
    return CostTableModel::formatUsd(value);
}

QString gbSeconds(double value)
{
    return QLocale().toString(value, 'f', 6);
}

} // namespace

CostPanel::CostPanel(QWidget *parent)
    : QWidget(parent), m_model(new CostTableModel(this)), m_table(new QTableView),
      m_summary(new QLabel), m_last(new QLabel), m_chartView(new QChartView),
      m_series(new QLineSeries), m_timeAxis(new QDateTimeAxis), m_valueAxis(new QValueAxis)
{
    setObjectName(u"costPanel"_s);
    m_table->setObjectName(u"costTable"_s);
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CostTableModel::FunctionColumn,
                                                      QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_summary->setObjectName(u"costSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_last->setObjectName(u"lastInvocationCost"_s);
    m_last->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_last->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *chart = new QChart;
    chart->setTitle(tr("Cumulative cost of the invocations (USD)"));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->hide();
    chart->addSeries(m_series);
    m_timeAxis->setFormat(u"HH:mm:ss"_s);
    m_timeAxis->setTickCount(5);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_valueAxis->setTickCount(5);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_valueAxis);
    m_series->setName(tr("Cumulative cost"));
    m_chartView->setChart(chart);
    m_chartView->setObjectName(u"costChart"_s);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(360, 220);

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_last);
    bottom->addWidget(m_chartView);
    bottom->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(bottom);
    split->setStretchFactor(1, 1);
    split->setSizes({160, 400});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    m_timer.setInterval(kRedrawIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CostPanel::tick);
    connect(m_model, &CostTableModel::invocationsPriced, this, [this] { m_dirty = true; });
    MetricsPanel::styleChart(m_chartView, this);
    refresh();
}

CostPanel::~CostPanel() = default;

void CostPanel::setEngine(EngineHost *host)
{
    connect(host, &EngineHost::recordsAppended, this, &CostPanel::addRecords, Qt::UniqueConnection);
    setFunctions(host->functions());
}

void CostPanel::setFunctions(const std::vector<FunctionConfig> &functions)
{
    for (const FunctionConfig &f : functions) {
        m_model->setFunctionDefaults(f.functionName, functionDefaults(f));
    }
    clear();
}

void CostPanel::clear()
{
    m_model->clear();
    m_series->clear();
    m_charted = 0;
    m_lastChartedUs = 0;
    m_dirty = true;
    refresh();
}

void CostPanel::addRecords(const std::vector<JournalRecord> &records)
{
    m_model->ingest(records);
    if (isVisible() && !m_timer.isActive()) {
        m_timer.start();
    }
}

void CostPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        MetricsPanel::styleChart(m_chartView, this);
    }
}

void CostPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void CostPanel::tick()
{
    if (!isVisible()) {
        m_timer.stop(); // showEvent() starts it again
        return;
    }
    // Provisioned environments cost by the second even when nothing runs.
    m_model->advanceTo(QDateTime::currentMSecsSinceEpoch() * 1000);
    refresh();
}

void CostPanel::refresh()
{
    updateSummary();
    if (!m_dirty) {
        return;
    }
    m_dirty = false;
    updateLastInvocation();
    updateChart();
}

void CostPanel::updateSummary()
{
    const Pricing &p = m_model->pricing();
    if (!m_model->costModel().isValid()) {
        m_summary->setText(tr("No price list: %1 could not be read, so nothing can be priced.")
                               .arg(Pricing::defaultPath()));
        return;
    }
    const CostTotals t = m_model->invocationTotal();
    QStringList architectures;
    for (const auto &[arch, gbs] : m_model->gbSecondsByArchitecture()) {
        architectures << tr("%1 %2").arg(arch, gbSeconds(gbs));
    }
    const QLocale locale;
    QString text =
        tr("<b>Since the engine started: %1</b> — %2 invocations · %3 GB-s%4 · "
           "ephemeral storage above %5 MB %6 GB-s · provisioned concurrency %7")
            .arg(usd(m_model->totalUsd()), locale.toString(t.requests), gbSeconds(t.gbSeconds),
                 architectures.isEmpty() ? QString() : u" ("_s + architectures.join(u", "_s) + u')')
            .arg(p.ephemeralIncludedMb)
            .arg(gbSeconds(m_model->storageGbSeconds()), usd(m_model->provisionedUsd()));
    text += u"<br>"_s + tr("Requests %1 · duration %2 · ephemeral storage %3")
                            .arg(usd(t.requestUsd), usd(t.durationUsd), usd(t.storageUsd));
    text += u"<br><small>"_s +
            tr("AWS Lambda list prices, %1, as of %2, billed per %3 ms. The monthly free tier "
               "(%4 requests and %5 GB-s, not applied here) would cover %6 of this.")
                .arg(p.region, p.asOf)
                .arg(p.billingGranularityMs)
                .arg(locale.toString(p.freeRequestsPerMonth, 'f', 0),
                     locale.toString(p.freeGbSecondsPerMonth, 'f', 0),
                     usd(m_model->costModel().freeTierCreditUsd())) +
            u"</small>"_s;
    m_summary->setText(text);
}

void CostPanel::updateLastInvocation()
{
    const std::optional<InvocationFacts> f = m_model->lastInvocation();
    if (!f) {
        m_last->setText(tr("<b>Last invocation</b><br>None yet: invoke a function."));
        return;
    }
    const InvocationCost c = m_model->lastInvocationCost();
    const Pricing &p = m_model->pricing();
    const ArchitecturePrices &prices = p.prices(f->architecture);
    QString html = tr("<b>Last invocation</b>") + u"<table cellspacing=3>"_s;
    auto row = [&html](const QString &key, const QString &value) {
        html += u"<tr><td>%1</td><td align=right>%2</td></tr>"_s.arg(key.toHtmlEscaped(),
                                                                     value.toHtmlEscaped());
    };
    row(tr("Request ID"), f->requestId);
    row(tr("Function"), f->functionName);
    row(tr("Architecture"), f->architecture);
    row(tr("Memory"), tr("%1 MB").arg(f->memorySizeMb));
    row(tr("Billed duration"), tr("%1 ms").arg(f->billedDurationMs));
    row(tr("GB-s"), gbSeconds(c.gbSeconds));
    row(tr("Request"), usd(c.requestUsd));
    row(f->onProvisionedConcurrency()
            ? tr("Duration (provisioned, %1 per GB-s)")
                  .arg(usd(prices.provisionedDurationPerGbSecond))
            : tr("Duration (%1 per GB-s)")
                  .arg(usd(prices.durationTiers.empty()
                               ? 0.0
                               : prices.durationTiers.front().perGbSecond)),
        usd(c.durationUsd));
    row(tr("Ephemeral storage (%1 MB)").arg(f->ephemeralStorageMb), usd(c.storageUsd));
    html += u"<tr><td><b>%1</b></td><td align=right><b>%2</b></td></tr></table>"_s.arg(
        tr("Total"), usd(c.totalUsd()));
    m_last->setText(html);
}

void CostPanel::updateChart()
{
    const std::vector<CostTableModel::CostPoint> &points = m_model->cumulative();
    QList<QPointF> added;
    // A staircase from zero: the total holds between invocations.
    double previous = m_series->count() > 0 ? m_series->at(m_series->count() - 1).y() : 0.0;
    for (size_t i = m_charted; i < points.size(); ++i) {
        const CostTableModel::CostPoint &p = points[i];
        if (p.timeUs >= m_lastChartedUs + kChartResolutionUs || i + 1 == points.size()) {
            const double x = double(p.timeUs / 1000);
            added.append(QPointF(x, previous));
            added.append(QPointF(x, p.cumulativeUsd));
            previous = p.cumulativeUsd;
            m_lastChartedUs = p.timeUs;
        }
    }
    m_charted = points.size();
    m_series->append(added);
    if (m_series->count() == 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - 60'000),
                             QDateTime::fromMSecsSinceEpoch(now));
        m_valueAxis->setRange(0, 1);
        m_valueAxis->setLabelFormat(u"$%.2f"_s);
        return;
    }
    const qint64 first = qint64(m_series->at(0).x());
    const qint64 last = std::max(qint64(m_series->at(m_series->count() - 1).x()), first + 1000);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(first),
                         QDateTime::fromMSecsSinceEpoch(last));
    m_timeAxis->setFormat(last - first > 3'600'000 ? u"HH:mm"_s
                          : last - first < 20'000  ? u"HH:mm:ss.zzz"_s
                                                   : u"HH:mm:ss"_s);
    const double step =
        MetricsPanel::fitAxis(m_valueAxis, m_series->at(m_series->count() - 1).y(), false);
    // Enough decimals for the ticks of a tiny total ($0.000005) to differ.
    m_valueAxis->setLabelFormat(
        u"$%.%1f"_s.arg(std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 2, 12)));
}

} // namespace Lwb
