// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricspanel.h"

#include "enginehost.h"

#include "telemetry/functiondefaults.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtWidgets/QButtonGroup>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

qint64 floorTo(qint64 ms, qint64 periodMs)
{
    return (ms >= 0 ? ms / periodMs : -((-ms + periodMs - 1) / periodMs)) * periodMs;
}

QString statisticName(MetricsPanel::Statistic statistic)
{
    switch (statistic) {
    case MetricsPanel::Statistic::Sum:
        return QObject::tr("Sum");
    case MetricsPanel::Statistic::Average:
        return QObject::tr("Average");
    case MetricsPanel::Statistic::Minimum:
        return QObject::tr("Minimum");
    case MetricsPanel::Statistic::Maximum:
        return QObject::tr("Maximum");
    case MetricsPanel::Statistic::P99:
        return u"p99"_s;
    case MetricsPanel::Statistic::SuccessRate:
        return QObject::tr("Success rate (%)");
    }
    return {};
}

double valueOf(const MetricDatapoint &d, MetricsPanel::Statistic statistic)
{
    switch (statistic) {
    case MetricsPanel::Statistic::Sum:
        return d.sum;
    case MetricsPanel::Statistic::Average:
        return d.average;
    case MetricsPanel::Statistic::Minimum:
        return d.minimum;
    case MetricsPanel::Statistic::P99:
        return d.p99.value_or(d.maximum);
    case MetricsPanel::Statistic::Maximum:
    case MetricsPanel::Statistic::SuccessRate:
        return d.maximum;
    }
    return 0;
}

} // namespace

MetricsPanel::MetricsPanel(QWidget *parent)
    : QWidget(parent), m_functionBox(new QComboBox), m_rangeGroup(new QButtonGroup(this)),
      m_periodGroup(new QButtonGroup(this)), m_status(new QLabel)
{
    setObjectName(u"metricsPanel"_s);
    m_functionBox->setObjectName(u"metricsFunctionBox"_s);
    m_functionBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_functionBox->addItem(tr("All functions"), QString());
    m_status->setObjectName(u"metricsStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_functionBox);
    bar->addSpacing(12);
    auto addButton = [bar](QButtonGroup *group, const QString &text, int id, const QString &tip) {
        auto *button = new QToolButton;
        button->setText(text);
        button->setToolTip(tip);
        button->setCheckable(true);
        button->setAutoRaise(true);
        group->addButton(button, id);
        bar->addWidget(button);
    };
    addButton(m_rangeGroup, tr("5m"), int(Range::Last5Minutes), tr("The last 5 minutes"));
    addButton(m_rangeGroup, tr("15m"), int(Range::Last15Minutes), tr("The last 15 minutes"));
    addButton(m_rangeGroup, tr("1h"), int(Range::LastHour), tr("The last hour"));
    addButton(m_rangeGroup, tr("Since start"), int(Range::SinceStart),
              tr("Since the engine's first record (the last 3 hours are kept)"));
    bar->addSpacing(12);
    addButton(m_periodGroup, tr("1 s"), 1, tr("One datapoint a second"));
    addButton(m_periodGroup, tr("1 min"), 60,
              tr("One datapoint a minute, as CloudWatch keeps them"));
    m_rangeGroup->button(int(m_range))->setChecked(true);
    m_periodGroup->button(m_periodSeconds)->setChecked(true);
    bar->addSpacing(12);
    bar->addWidget(m_status, 1);

    connect(m_functionBox, &QComboBox::currentIndexChanged, this, [this] {
        m_needsFullRedraw = true;
        refresh();
    });
    connect(m_rangeGroup, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });
    connect(m_periodGroup, &QButtonGroup::idClicked, this, &MetricsPanel::setPeriodSeconds);

    auto *grid = new QGridLayout;
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(4);
    using S = Statistic;
    addChart(u"%1 (%2)"_s.arg(metricName(Metric::Invocations), metricUnit(Metric::Invocations)),
             {{Metric::Invocations, S::Sum}});
    addChart(u"%1 (%2)"_s.arg(metricName(Metric::Duration), metricUnit(Metric::Duration)),
             {{Metric::Duration, S::Minimum},
              {Metric::Duration, S::Average},
              {Metric::Duration, S::P99},
              {Metric::Duration, S::Maximum}});
    addChart(tr("%1 (%2) and success rate (%)")
                 .arg(metricName(Metric::Errors), metricUnit(Metric::Errors)),
             {{Metric::Errors, S::Sum}, {Metric::Invocations, S::SuccessRate}});
    addChart(u"%1 (%2)"_s.arg(metricName(Metric::Throttles), metricUnit(Metric::Throttles)),
             {{Metric::Throttles, S::Sum}});
    addChart(u"%1 (%2)"_s.arg(metricName(Metric::ConcurrentExecutions),
                              metricUnit(Metric::ConcurrentExecutions)),
             {{Metric::ConcurrentExecutions, S::Maximum}});
    addChart(tr("Async events (Count)"),
             {{Metric::AsyncEventsReceived, S::Sum}, {Metric::AsyncEventsDropped, S::Sum}});
    addChart(u"%1 (%2)"_s.arg(metricName(Metric::AsyncEventAge), metricUnit(Metric::AsyncEventAge)),
             {{Metric::AsyncEventAge, S::Average}, {Metric::AsyncEventAge, S::Maximum}});
    addChart(tr("Async delivery failures (Count)"),
             {{Metric::DestinationDeliveryFailures, S::Sum}, {Metric::DeadLetterErrors, S::Sum}});
    for (size_t i = 0; i < m_charts.size(); ++i) {
        grid->addWidget(m_charts[i].view, int(i / 2), int(i % 2));
    }
    auto *charts = new QWidget;
    charts->setLayout(grid);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(charts);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);

    m_timer.setInterval(kRedrawIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPanel::tick);
    applyPalette();
}

MetricsPanel::~MetricsPanel() = default;

double MetricsPanel::fitAxis(QValueAxis *axis, double maximum, bool whole)
{
    // About four intervals of 1, 2 or 5 × a power of ten; whole numbers for counts.
    const double rough = std::max(maximum, 0.0) / 4;
    double step = 1; // nothing yet: 0 to 1
    if (rough > 0) {
        const double scale = std::pow(10.0, std::floor(std::log10(rough)));
        step = 10 * scale;
        for (double m : {1.0, 2.0, 5.0}) {
            if (m * scale >= rough) {
                step = m * scale;
                break;
            }
        }
    }
    if (whole) {
        step = std::max(step, 1.0);
    }
    const int intervals = std::max(1, int(std::ceil(maximum / step - 1e-9)));
    axis->setRange(0, step * intervals);
    axis->setTickCount(intervals + 1);
    return step;
}

void MetricsPanel::addChart(const QString &title,
                            const std::vector<std::pair<Metric, Statistic>> &lines)
{
    Chart c;
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(lines.size() > 1);
    c.timeAxis = new QDateTimeAxis;
    c.timeAxis->setTickCount(5);
    chart->addAxis(c.timeAxis, Qt::AlignBottom);
    c.valueAxis = new QValueAxis;
    c.valueAxis->setLabelFormat(u"%g"_s);
    c.valueAxis->setTickCount(5);
    c.valueAxis->setRange(0, 1);
    chart->addAxis(c.valueAxis, Qt::AlignLeft);
    const bool oneMetric = std::all_of(lines.begin(), lines.end(), [&lines](const auto &l) {
        return l.first == lines.front().first;
    });
    for (const auto &[metric, statistic] : lines) {
        auto *series = new QLineSeries;
        series->setName(oneMetric || statistic == Statistic::SuccessRate ? statisticName(statistic)
                                                                         : metricName(metric));
        chart->addSeries(series);
        series->attachAxis(c.timeAxis);
        if (statistic == Statistic::SuccessRate) {
            if (!c.percentAxis) {
                c.percentAxis = new QValueAxis;
                c.percentAxis->setRange(0, 100);
                c.percentAxis->setTickCount(5);
                c.percentAxis->setLabelFormat(u"%d%%"_s);
                chart->addAxis(c.percentAxis, Qt::AlignRight);
            }
            series->attachAxis(c.percentAxis);
        } else {
            series->attachAxis(c.valueAxis);
        }
        c.lines.push_back({metric, statistic, series});
    }
    c.view = new QChartView(chart);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(380, 230);
    c.view->setObjectName(u"chart"_s + metricName(lines.front().first));
    m_charts.push_back(c);
}

void MetricsPanel::styleChart(QChartView *view, const QWidget *from)
{
    const QPalette pal = from->palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    const QColor text = pal.color(QPalette::WindowText);
    const QColor grid = pal.color(QPalette::Mid);
    QChart *chart = view->chart();
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(text);
    QFont title = from->font();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(from->font());
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLabelsFont(from->font());
        axis->setTitleBrush(text);
        axis->setTitleFont(from->font());
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    view->setBackgroundBrush(pal.color(QPalette::Base));
}

void MetricsPanel::applyPalette()
{
    for (const Chart &c : m_charts) {
        styleChart(c.view, this);
    }
}

void MetricsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyPalette();
    }
}

void MetricsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_firstRecordMs > 0) {
        refresh();
        m_timer.start();
    }
}

void MetricsPanel::setEngine(EngineHost *host)
{
    connect(host, &EngineHost::recordsAppended, this, &MetricsPanel::addRecords,
            Qt::UniqueConnection);
    setFunctions(host->functions());
}

void MetricsPanel::setFunctions(const std::vector<FunctionConfig> &functions)
{
    const QSignalBlocker blocker(m_functionBox);
    while (m_functionBox->count() > 1) {
        m_functionBox->removeItem(1);
    }
    m_functionBox->setCurrentIndex(0);
    m_functions = functions;
    for (const FunctionConfig &f : functions) {
        addFunction(f.functionName);
    }
    clear();
}

void MetricsPanel::addFunction(const QString &functionName)
{
    if (m_functionBox->findData(functionName) < 0) {
        m_functionBox->addItem(functionName, functionName);
    }
}

void MetricsPanel::clear()
{
    m_store = MetricStore();
    for (const FunctionConfig &f : m_functions) {
        m_store.tracker().setFunctionDefaults(f.functionName, functionDefaults(f));
    }
    m_firstRecordMs = 0;
    m_dirtyFromMs = -1;
    m_needsFullRedraw = true;
    refresh();
}

void MetricsPanel::addRecords(const std::vector<JournalRecord> &records)
{
    QString lastFunction;
    for (const JournalRecord &record : records) {
        if (m_firstRecordMs == 0) {
            m_firstRecordMs = record.timeUs / 1000;
        }
        if (!record.functionName.isEmpty() && record.functionName != lastFunction) {
            lastFunction = record.functionName;
            addFunction(lastFunction);
        }
        for (const MetricPoint &p : m_store.ingest(record)) {
            const qint64 ms = p.timeUs / 1000;
            m_dirtyFromMs = m_dirtyFromMs < 0 ? ms : std::min(m_dirtyFromMs, ms);
            // "All functions" is the account-level series, as CloudWatch publishes AWS/Lambda
            // without a FunctionName; the store keeps it for the concurrency gauges only.
            if (!p.functionName.isEmpty() && p.qualifier.isEmpty() &&
                metricKind(p.metric) != MetricKind::Gauge) {
                MetricPoint all = p;
                all.functionName.clear();
                m_store.addPoint(all);
            }
        }
    }
    if (isVisible() && !m_timer.isActive()) {
        m_timer.start();
    }
}

QString MetricsPanel::function() const
{
    return m_functionBox->currentData().toString();
}

void MetricsPanel::setFunction(const QString &functionName)
{
    addFunction(functionName);
    m_functionBox->setCurrentIndex(functionName.isEmpty() ? 0
                                                          : m_functionBox->findData(functionName));
}

void MetricsPanel::setRange(Range range)
{
    m_rangeGroup->button(int(range))->setChecked(true);
    if (range != m_range) {
        m_range = range;
        m_needsFullRedraw = true;
        refresh();
    }
}

void MetricsPanel::setPeriodSeconds(int seconds)
{
    QAbstractButton *button = m_periodGroup->button(seconds);
    if (!button) {
        return;
    }
    button->setChecked(true);
    if (seconds != m_periodSeconds) {
        m_periodSeconds = seconds;
        m_needsFullRedraw = true;
        refresh();
    }
}

QAbstractButton *MetricsPanel::rangeButton(Range range) const
{
    return m_rangeGroup->button(int(range));
}

QAbstractButton *MetricsPanel::periodButton(int seconds) const
{
    return m_periodGroup->button(seconds);
}

QLineSeries *MetricsPanel::series(Metric metric, Statistic statistic) const
{
    for (const Chart &c : m_charts) {
        for (const Line &line : c.lines) {
            if (line.metric == metric && line.statistic == statistic) {
                return line.series;
            }
        }
    }
    return nullptr;
}

QChartView *MetricsPanel::chartView(Metric metric) const
{
    for (const Chart &c : m_charts) {
        if (c.lines.front().metric == metric) {
            return c.view;
        }
    }
    return nullptr;
}

QList<QChartView *> MetricsPanel::chartViews() const
{
    QList<QChartView *> views;
    for (const Chart &c : m_charts) {
        views << c.view;
    }
    return views;
}

void MetricsPanel::tick()
{
    if (!isVisible()) {
        m_timer.stop(); // showEvent() starts it again
        return;
    }
    // New records are drawn within one interval; without any, the window still slides.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_needsFullRedraw || m_dirtyFromMs >= 0 || now - m_lastRedrawMs >= 1000) {
        refresh();
    }
}

void MetricsPanel::refresh()
{
    redraw(m_needsFullRedraw);
}

qint64 MetricsPanel::rangeStartMs(qint64 nowMs) const
{
    qint64 start = nowMs;
    switch (m_range) {
    case Range::Last5Minutes:
        start = nowMs - 5 * 60'000;
        break;
    case Range::Last15Minutes:
        start = nowMs - 15 * 60'000;
        break;
    case Range::LastHour:
        start = nowMs - 60 * 60'000;
        break;
    case Range::SinceStart:
        // At least a minute, so that a young engine's first seconds are not stretched across.
        start = std::min(m_firstRecordMs > 0 ? m_firstRecordMs : nowMs, nowMs - 60'000);
        break;
    }
    return floorTo(start, qint64(m_periodSeconds) * 1000);
}

void MetricsPanel::redraw(bool full)
{
    const qint64 periodMs = qint64(m_periodSeconds) * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = rangeStartMs(now);
    const qint64 end = floorTo(now, periodMs) + periodMs;
    qint64 from = start;
    if (!full) {
        // The last period drawn was still filling; and records may reach back further.
        from = m_drawnToMs - periodMs;
        if (m_dirtyFromMs >= 0) {
            from = std::min(from, floorTo(m_dirtyFromMs, periodMs));
        }
        from = std::max(from, start);
    }
    for (const Chart &c : m_charts) {
        double top = 0;
        for (const Line &line : c.lines) {
            if (full) {
                line.series->clear();
            }
            redrawLine(line, from, start, end);
            if (line.statistic != Statistic::SuccessRate) {
                for (int i = 0; i < line.series->count(); ++i) {
                    top = std::max(top, line.series->at(i).y());
                }
            }
        }
        c.timeAxis->setFormat(end - start <= 15 * 60'000 + periodMs ? u"HH:mm:ss"_s : u"HH:mm"_s);
        c.timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(start),
                             QDateTime::fromMSecsSinceEpoch(end));
        fitAxis(c.valueAxis, top, metricUnit(c.lines.front().metric) == u"Count"_s);
    }
    m_dirtyFromMs = -1;
    m_drawnToMs = end;
    m_lastRedrawMs = now;
    m_needsFullRedraw = false;
    ++m_redraws;

    auto total = [](QLineSeries *series) {
        double sum = 0;
        for (int i = 0; i < series->count(); ++i) {
            sum += series->at(i).y();
        }
        return sum;
    };
    const QLocale locale;
    m_status->setText(
        tr("In range: %1 invocations · %2 errors · %3 throttles")
            .arg(locale.toString(total(series(Metric::Invocations, Statistic::Sum)), 'f', 0),
                 locale.toString(total(series(Metric::Errors, Statistic::Sum)), 'f', 0),
                 locale.toString(total(series(Metric::Throttles, Statistic::Sum)), 'f', 0)));
}

void MetricsPanel::redrawLine(const Line &line, qint64 fromMs, qint64 rangeStartMs, qint64 endMs)
{
    QLineSeries *s = line.series;
    int keep = s->count();
    while (keep > 0 && s->at(keep - 1).x() >= double(fromMs)) {
        --keep;
    }
    if (keep < s->count()) {
        s->removePoints(keep, s->count() - keep);
    }
    int old = 0;
    while (old < s->count() && s->at(old).x() < double(rangeStartMs)) {
        ++old;
    }
    if (old > 0) {
        s->removePoints(0, old);
    }

    const QString fn = function();
    const qint64 periodMs = qint64(m_periodSeconds) * 1000;
    const std::vector<MetricDatapoint> data =
        m_store.query({line.metric, fn, {}, m_periodSeconds, fromMs, endMs});
    QList<QPointF> points;
    if (line.statistic == Statistic::SuccessRate) {
        std::map<qint64, double> errors;
        for (const MetricDatapoint &d :
             m_store.query({Metric::Errors, fn, {}, m_periodSeconds, fromMs, endMs})) {
            errors[d.timestampMs] = d.sum;
        }
        for (const MetricDatapoint &d : data) {
            if (d.sum > 0) {
                const auto e = errors.find(d.timestampMs);
                const double failed = e == errors.end() ? 0.0 : e->second;
                points.append(QPointF(double(d.timestampMs), 100.0 * (1.0 - failed / d.sum)));
            }
        }
    } else if (line.statistic == Statistic::Sum || metricKind(line.metric) == MetricKind::Gauge) {
        // Counts and levels are 0 where nothing happened: a continuous line, not gaps.
        auto d = data.begin();
        for (qint64 t = fromMs; t < endMs; t += periodMs) {
            double y = 0;
            while (d != data.end() && d->timestampMs < t) {
                ++d;
            }
            if (d != data.end() && d->timestampMs == t) {
                y = valueOf(*d, line.statistic);
                ++d;
            }
            points.append(QPointF(double(t), y));
        }
    } else {
        for (const MetricDatapoint &d : data) {
            points.append(QPointF(double(d.timestampMs), valueOf(d, line.statistic)));
        }
    }
    s->append(points);
}

} // namespace Lwb
