// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "engine/journal.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtGui/QHelpEvent>
#include <QtGui/QKeyEvent>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Span = TimelineModel::Span;
using SpanKind = TimelineModel::SpanKind;
using MarkKind = TimelineModel::MarkKind;

constexpr double kMinUsPerPx = 10;                 // 10 µs a pixel
constexpr double kMaxUsPerPx = 3600.0 * 1e6 / 100; // an hour in 100 pixels
constexpr int kClickSlop = 4;
constexpr int kHitSlopPx = 3;
constexpr int kFar = 1 << 20; // further left than any pixel
constexpr int kMarkSpacingPx = 8;

/** The visualiser's colours, from the palette so that light and dark themes both read well. */
struct Colours
{
    QColor init, coldInvoke, warmInvoke, error, timeout, idle, frozen, shutdown;
    QColor throttle, queued, retry, dropped, grid, header, label, strip;

    explicit Colours(const QPalette &palette)
    {
        const bool dark = palette.color(QPalette::Base).lightness() < 128;
        auto tone = [dark](int hue, int saturation) {
            return QColor::fromHsl(hue, saturation, dark ? 160 : 105);
        };
        auto blend = [](const QColor &a, const QColor &b, double t) {
            return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                                    float(a.greenF() * (1 - t) + b.greenF() * t),
                                    float(a.blueF() * (1 - t) + b.blueF() * t));
        };
        const QColor base = palette.color(QPalette::Base);
        const QColor text = palette.color(QPalette::Text);
        warmInvoke = palette.color(QPalette::Highlight);
        coldInvoke = tone(275, 150);
        init = tone(32, 230);
        error = tone(0, 210);
        timeout = tone(320, 200);
        idle = blend(base, text, 0.35);
        frozen = blend(base, tone(200, 120), 0.55);
        shutdown = text;
        throttle = error;
        queued = warmInvoke;
        retry = tone(48, 230);
        dropped = text;
        grid = blend(base, text, 0.12);
        header = palette.color(QPalette::AlternateBase);
        label = text;
        strip = blend(base, text, 0.05);
    }
};

struct SpanStyle
{
    QColor colour;
    int priority = 0; ///< which colour a pixel shared by several spans shows
    int height = 0;   ///< 2: full bar, 1: medium (frozen), 0: thin (idle)
};

SpanStyle styleOf(const Span &span, const Colours &c)
{
    switch (span.kind) {
    case SpanKind::Invoke:
        if (span.flags & TimelineModel::Timeout) {
            return {c.timeout, 7, 2};
        }
        if (span.flags & TimelineModel::Error) {
            return {c.error, 6, 2};
        }
        return span.flags & TimelineModel::Cold ? SpanStyle{c.coldInvoke, 5, 2}
                                                : SpanStyle{c.warmInvoke, 4, 2};
    case SpanKind::Init:
        if (span.flags & (TimelineModel::Error | TimelineModel::Timeout)) {
            return {c.error, 6, 2};
        }
        return {c.init, 3, 2};
    case SpanKind::Frozen:
        return {c.frozen, 2, 1};
    case SpanKind::Idle:
        return {c.idle, 1, 0};
    case SpanKind::Shutdown:
        return {c.shutdown, 8, 2};
    }
    return {};
}

QRect barRect(int x0, int x1, int top, int height)
{
    const int h = height == 2 ? TimelineView::kLaneHeight - 5 : height == 1 ? 7 : 3;
    return QRect(x0, top + (TimelineView::kLaneHeight - h) / 2, std::max(1, x1 - x0), h);
}

qint64 niceStepUs(double targetUs)
{
    double magnitude = std::pow(10.0, std::floor(std::log10(std::max(1.0, targetUs))));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= targetUs) {
            return qint64(m * magnitude);
        }
    }
    return qint64(10 * magnitude);
}

QString formatDuration(double ms)
{
    if (ms >= 1000) {
        return QCoreApplication::translate("Lwb::TimelineView", "%1 s").arg(ms / 1000, 0, 'f', 2);
    }
    return QCoreApplication::translate("Lwb::TimelineView", "%1 ms")
        .arg(ms, 0, 'f', ms < 10 ? 2 : 0);
}

} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(u"timelineView"_s);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(kLaneHeight);
    setMinimumSize(kLabelWidth + 200, rowsTop() + kStripHeight + 3 * kLaneHeight);
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(16);
    connect(&m_repaint, &QTimer::timeout, this, [this] {
        if (m_rowsDirty) {
            rebuildRows();
        }
        if (m_following) {
            followNow();
        }
        viewport()->update();
    });
    m_tick.setInterval(33);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_model || m_model->runningCount() == 0 || !m_following || !m_live) {
            m_tick.stop();
        }
        scheduleUpdate();
    });
}

TimelineView::~TimelineView() = default;

void TimelineView::setModel(TimelineModel *model)
{
    if (m_model) {
        disconnect(m_model, nullptr, this, nullptr);
    }
    m_model = model;
    if (m_model) {
        connect(m_model, &TimelineModel::timelineChanged, this, &TimelineView::modelChanged);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &TimelineView::rowsChanged);
        connect(m_model, &QAbstractItemModel::modelReset, this, &TimelineView::rowsChanged);
    }
    rowsChanged();
}

void TimelineView::modelChanged()
{
    if (m_live && m_following && m_model && m_model->runningCount() > 0 && !m_tick.isActive()) {
        m_tick.start();
    }
    scheduleUpdate();
}

void TimelineView::rowsChanged()
{
    m_rowsDirty = true;
    scheduleUpdate();
}

void TimelineView::scheduleUpdate()
{
    if (!m_repaint.isActive()) {
        m_repaint.start();
    }
}

void TimelineView::rebuildRows()
{
    m_rows.clear();
    int y = 0;
    if (m_model) {
        const auto &groups = m_model->groups();
        for (int g = 0; g < int(groups.size()); ++g) {
            m_rows.push_back({g, -1, y});
            y += kGroupHeight;
            for (int lane : groups[g].lanes) {
                m_rows.push_back({g, lane, y});
                y += kLaneHeight;
            }
        }
    }
    m_contentHeight = y;
    m_rowsDirty = false;
    updateScrollBar();
}

void TimelineView::updateScrollBar()
{
    const int visible = std::max(0, rowsBottom() - rowsTop());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - visible));
}

int TimelineView::rowsBottom() const
{
    return viewport()->height() - kStripHeight;
}

qint64 TimelineView::viewEndUs() const
{
    return m_startUs + qint64((viewport()->width() - kLabelWidth) * m_usPerPx);
}

qint64 TimelineView::nowUs() const
{
    const qint64 recorded = m_model ? m_model->endUs() : 0;
    return m_live ? std::max(recorded, Journal::nowUs()) : recorded;
}

void TimelineView::followNow()
{
    const qint64 now = nowUs();
    if (now > 0) {
        // The present sits a little in from the right edge.
        const int width = viewport()->width() - kLabelWidth;
        m_startUs = now - qint64(width * 0.95 * m_usPerPx);
    }
}

void TimelineView::setViewInternal(qint64 startUs, double usPerPixel)
{
    m_usPerPx = std::clamp(usPerPixel, kMinUsPerPx, kMaxUsPerPx);
    m_startUs = startUs;
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::setView(qint64 startUs, double usPerPixel)
{
    setFollowing(false);
    setViewInternal(startUs, usPerPixel);
}

void TimelineView::zoom(double factor, int anchorX)
{
    if (factor <= 0) {
        return;
    }
    const double anchorTime = m_startUs + (anchorX - kLabelWidth) * m_usPerPx;
    const double usPerPx = std::clamp(m_usPerPx / factor, kMinUsPerPx, kMaxUsPerPx);
    if (m_following) {
        m_usPerPx = usPerPx;
        followNow();
        viewport()->update();
        Q_EMIT viewChanged();
        return;
    }
    setViewInternal(qint64(anchorTime - (anchorX - kLabelWidth) * usPerPx), usPerPx);
}

void TimelineView::pan(int dx)
{
    setFollowing(false);
    setViewInternal(m_startUs + qint64(dx * m_usPerPx), m_usPerPx);
}

void TimelineView::fitAll()
{
    if (!m_model || m_model->startUs() == 0) {
        return;
    }
    const qint64 from = m_model->startUs();
    const qint64 to = std::max(nowUs(), from + 1000);
    const int width = std::max(1, viewport()->width() - kLabelWidth);
    setFollowing(false);
    setViewInternal(from - qint64((to - from) * 0.02), (to - from) * 1.04 / width);
}

void TimelineView::setFollowing(bool following)
{
    if (m_following == following) {
        return;
    }
    m_following = following;
    if (m_following) {
        followNow();
        modelChanged();
    }
    viewport()->update();
    Q_EMIT followingChanged(m_following);
}

void TimelineView::setLive(bool live)
{
    m_live = live;
    modelChanged();
}

void TimelineView::setGateState(bool paused, int waiting, const QString &next)
{
    m_paused = paused;
    m_waiting = waiting;
    m_next = next;
    scheduleUpdate();
}

int TimelineView::timeToX(qint64 timeUs) const
{
    const double x = kLabelWidth + (timeUs - m_startUs) / m_usPerPx;
    return int(std::floor(std::clamp(x, -1e6, 1e6)));
}

qint64 TimelineView::xToTime(int x) const
{
    return m_startUs + qint64((x - kLabelWidth) * m_usPerPx);
}

QRect TimelineView::laneRect(int lane) const
{
    const int offset = verticalScrollBar()->value();
    for (const Row &row : m_rows) {
        if (row.lane == lane) {
            return QRect(0, rowsTop() + row.y - offset, viewport()->width(), kLaneHeight);
        }
    }
    return {};
}

QRect TimelineView::groupRect(int group) const
{
    const int offset = verticalScrollBar()->value();
    for (const Row &row : m_rows) {
        if (row.group == group && row.lane < 0) {
            return QRect(0, rowsTop() + row.y - offset, viewport()->width(), kGroupHeight);
        }
    }
    return {};
}

QPoint TimelineView::invocationPoint(const QString &requestId) const
{
    const TimelineModel::Invocation *inv = m_model ? m_model->invocation(requestId) : nullptr;
    if (!inv) {
        return {-1, -1};
    }
    const QRect lane = laneRect(inv->lane);
    const int x0 = std::max(kLabelWidth, timeToX(inv->startUs));
    const int x1 = std::min(viewport()->width() - 1, timeToX(std::min(inv->endUs, nowUs())));
    if (lane.isNull() || x1 < x0 || lane.top() < rowsTop() || lane.bottom() > rowsBottom()) {
        return {-1, -1};
    }
    return {(x0 + x1 + 1) / 2, lane.center().y()};
}

int TimelineView::rowAt(int y) const
{
    if (y < rowsTop() || y >= rowsBottom()) {
        return -1;
    }
    const int contentY = y - rowsTop() + verticalScrollBar()->value();
    const auto it = std::partition_point(m_rows.begin(), m_rows.end(),
                                         [contentY](const Row &r) { return r.y <= contentY; });
    if (it == m_rows.begin()) {
        return -1;
    }
    const auto row = std::prev(it);
    const int height = row->lane < 0 ? kGroupHeight : kLaneHeight;
    return contentY < row->y + height ? int(row - m_rows.begin()) : -1;
}

TimelineView::Hit TimelineView::hitTest(const QPoint &pos) const
{
    Hit hit;
    if (!m_model || pos.x() < kLabelWidth) {
        return hit;
    }
    if (pos.y() >= rowsBottom()) {
        hit.inStrip = true;
        return hit;
    }
    const int index = rowAt(pos.y());
    if (index < 0) {
        return hit;
    }
    const Row &row = m_rows[index];
    hit.group = row.group;
    hit.lane = row.lane;
    const qint64 t = m_startUs + qint64((pos.x() + 0.5 - kLabelWidth) * m_usPerPx); // mid-pixel
    const qint64 slop = qint64(kHitSlopPx * m_usPerPx);
    const qint64 now = nowUs();
    if (row.lane >= 0) {
        // An invocation within a few pixels (they may be narrower than one), else the span
        // under the pointer.
        qint64 bestInvoke = slop + 1;
        qint64 bestOther = slop + 1;
        const TimelineModel::Span *other = nullptr;
        for (const Span &span : m_model->spans(row.lane, t - slop, t + slop)) {
            const qint64 end = std::min(span.endUs, now);
            const qint64 distance = t < span.startUs ? span.startUs - t : t > end ? t - end : 0;
            if (span.kind == SpanKind::Invoke && distance < bestInvoke) {
                bestInvoke = distance;
                hit.span = &span;
            } else if (span.kind != SpanKind::Invoke && distance < bestOther) {
                bestOther = distance;
                other = &span;
            }
        }
        if (!hit.span) {
            hit.span = other;
        }
        return hit;
    }
    const TimelineModel::Group &group = m_model->groups()[row.group];
    const TimelineModel::Function &function = m_model->functions()[group.function];
    if (function.groups.front() == row.group) {
        const qint64 spacing = qint64(kMarkSpacingPx * m_usPerPx);
        const auto marks = m_model->marks(group.function, t - spacing, t + spacing);
        if (!marks.empty()) {
            hit.mark = &marks[marks.size() / 2];
            hit.marks = int(marks.size());
        }
    }
    return hit;
}

QString TimelineView::requestIdAt(const QPoint &pos) const
{
    const Hit hit = hitTest(pos);
    if (hit.span && hit.span->kind == SpanKind::Invoke) {
        if (const TimelineModel::Invocation *inv = m_model->invocation(hit.span->invocation)) {
            return inv->requestId;
        }
    }
    return {};
}

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    const Hit hit = hitTest(pos);
    if (hit.inStrip && m_model) {
        const qint64 t = xToTime(pos.x());
        const auto points = m_model->concurrency(-1, t, t);
        const int value = points.empty() || points.front().timeUs > t ? 0 : points.front().value;
        return tr("Concurrency: %1 running\nPeak: %2").arg(value).arg(m_model->peakConcurrency());
    }
    if (hit.mark) {
        const TimelineModel::Mark &m = *hit.mark;
        QString what;
        switch (m.kind) {
        case MarkKind::Throttle:
            what = tr("Throttled (429 TooManyRequestsException): %1").arg(m.detail);
            break;
        case MarkKind::Queued:
            what = tr("Queued: %1").arg(m.detail);
            break;
        case MarkKind::AsyncRetry:
        case MarkKind::AsyncDropped:
            what = tr("Async %1").arg(m.detail);
            break;
        }
        if (!m.requestId.isEmpty()) {
            what += u'\n' + tr("Request %1").arg(m.requestId);
        }
        if (hit.marks > 1) {
            what += u'\n' +
                    tr("(one of %n marks here: zoom in to tell them apart)", nullptr, hit.marks);
        }
        return what;
    }
    if (!hit.span) {
        return {};
    }
    const Span &s = *hit.span;
    const qint64 end = std::min(s.endUs, nowUs());
    const double ms = (end - s.startUs) / 1000.0;
    const QString running = s.endUs == TimelineModel::kOpenUs ? tr(" (running)") : QString();
    switch (s.kind) {
    case SpanKind::Invoke: {
        const TimelineModel::Invocation *inv = m_model->invocation(s.invocation);
        if (!inv) {
            return {};
        }
        QString status;
        switch (inv->status) {
        case TimelineModel::Status::Running:
            status = tr("running");
            break;
        case TimelineModel::Status::Success:
            status = tr("success");
            break;
        case TimelineModel::Status::Error:
            status = tr("error");
            break;
        case TimelineModel::Status::Timeout:
            status = tr("timeout");
            break;
        }
        if (!inv->errorType.isEmpty()) {
            status += u" ("_s + inv->errorType + u')';
        }
        QString text = tr("Request %1\nDuration: %2 · %3\nStatus: %4")
                           .arg(inv->requestId,
                                inv->status == TimelineModel::Status::Running
                                    ? formatDuration(ms) + running
                                    : formatDuration(inv->durationMs),
                                inv->coldStart ? tr("cold start") : tr("warm"), status);
        if (inv->initDurationMs) {
            text += u'\n' + tr("Init duration: %1").arg(formatDuration(*inv->initDurationMs));
        }
        return text;
    }
    case SpanKind::Init:
        return tr("Init (cold start): %1%2%3")
            .arg(formatDuration(ms), running,
                 s.flags & TimelineModel::Timeout ? tr(", timed out")
                 : s.flags & TimelineModel::Error ? tr(", failed")
                                                  : QString());
    case SpanKind::Idle:
        return tr("Idle (warm): %1%2").arg(formatDuration(ms), running);
    case SpanKind::Frozen:
        return tr("Frozen: %1%2").arg(formatDuration(ms), running);
    case SpanKind::Shutdown:
        return tr("Shut down: %1").arg(m_model->lanes()[hit.lane].destroyReason);
    }
    return {};
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
    if (m_following) {
        followNow();
    }
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = delta.y() / 120.0;
        zoom(std::pow(1.25, steps), int(event->position().x()));
        event->accept();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) || delta.x() != 0) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        pan(-d * (viewport()->width() - kLabelWidth) / 1200);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_lastDragPos = m_pressPos;
        m_dragging = false;
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        const QPoint pos = event->position().toPoint();
        if (!m_dragging && (pos - m_pressPos).manhattanLength() >= kClickSlop) {
            m_dragging = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            const QPoint d = pos - m_lastDragPos;
            m_lastDragPos = pos;
            if (d.x() != 0) {
                pan(-d.x());
            }
            if (d.y() != 0) {
                verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
            }
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    if (m_dragging) {
        m_dragging = false;
        viewport()->unsetCursor();
    } else {
        const QString requestId = requestIdAt(event->position().toPoint());
        if (!requestId.isEmpty()) {
            m_selected = requestId;
            viewport()->update();
            Q_EMIT invocationActivated(requestId);
        }
    }
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const int width = viewport()->width() - kLabelWidth;
    const int center = kLabelWidth + width / 2;
    const bool big = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Left:
        pan(-(big ? width / 2 : width / 10));
        break;
    case Qt::Key_Right:
        pan(big ? width / 2 : width / 10);
        break;
    case Qt::Key_Up:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Down:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    case Qt::Key_PageUp:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub);
        break;
    case Qt::Key_PageDown:
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(1.5, center);
        break;
    case Qt::Key_Minus:
        zoom(1 / 1.5, center);
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_F:
        setFollowing(!m_following);
        break;
    case Qt::Key_Home:
        if (m_model && m_model->startUs() > 0) {
            setView(m_model->startUs() - qint64(width * 0.02 * m_usPerPx), m_usPerPx);
        }
        break;
    case Qt::Key_End:
        setFollowing(true);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    if (m_rowsDirty) {
        rebuildRows();
    }
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    const qint64 from = m_startUs;
    const qint64 to = viewEndUs();
    paintGrid(p, from, to);
    paintRows(p, from, to);
    paintStrip(p, from, to);
    paintAxis(p, from, to);
    paintLegend(p);
    if (m_paused) {
        paintGateBanner(p);
    }
}

qint64 TimelineView::tickStepUs() const
{
    return niceStepUs(110 * m_usPerPx);
}

void TimelineView::paintGrid(QPainter &p, qint64 fromUs, qint64 toUs)
{
    const qint64 step = tickStepUs();
    p.setPen(Colours(palette()).grid);
    for (qint64 t = (fromUs / step) * step; t <= toUs; t += step) {
        const int x = timeToX(t);
        if (x >= kLabelWidth) {
            p.drawLine(x, rowsTop(), x, viewport()->height());
        }
    }
}

void TimelineView::paintAxis(QPainter &p, qint64 fromUs, qint64 toUs)
{
    const Colours c(palette());
    const QRect axis(0, 0, viewport()->width(), kAxisHeight);
    p.fillRect(axis, palette().color(QPalette::Window));
    const qint64 step = tickStepUs();
    const QString format = step >= 1000000 ? u"HH:mm:ss"_s : u"HH:mm:ss.zzz"_s;
    p.setPen(palette().color(QPalette::WindowText));
    const qint64 first = (fromUs / step) * step;
    for (qint64 t = first; t <= toUs; t += step) {
        const int x = timeToX(t);
        if (x < kLabelWidth) {
            continue;
        }
        p.drawLine(x, kAxisHeight - 5, x, kAxisHeight);
        const QString label = QDateTime::fromMSecsSinceEpoch(t / 1000).toString(format);
        p.drawText(QRect(x + 3, 0, 200, kAxisHeight - 3), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    QRect corner(0, 0, kLabelWidth, kAxisHeight);
    p.fillRect(corner, palette().color(QPalette::Window));
    const QString scale = tr("%1/px").arg(formatDuration(m_usPerPx / 1000));
    p.drawText(corner.adjusted(6, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
               m_following ? tr("%1 · following").arg(scale) : scale);
    p.setPen(c.grid);
    p.drawLine(0, kAxisHeight - 1, viewport()->width(), kAxisHeight - 1);
}

void TimelineView::paintLegend(QPainter &p)
{
    const Colours c(palette());
    const QRect legend(0, kAxisHeight, viewport()->width(), kLegendHeight);
    p.fillRect(legend, palette().color(QPalette::Window));
    struct Entry
    {
        QColor colour;
        QString name;
        int height;
    };
    const Entry entries[] = {
        {c.init, tr("init (cold start)"), 2}, {c.coldInvoke, tr("cold invoke"), 2},
        {c.warmInvoke, tr("warm invoke"), 2}, {c.error, tr("error"), 2},
        {c.timeout, tr("timeout"), 2},        {c.idle, tr("idle"), 0},
        {c.frozen, tr("frozen"), 1},          {c.shutdown, tr("shutdown"), 2},
    };
    int x = 6;
    const QFontMetrics fm = p.fontMetrics();
    for (const Entry &e : entries) {
        const QRect bar = barRect(x, x + 14, kAxisHeight + 1, e.height);
        p.fillRect(bar, e.colour);
        x += 18;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPoint(x, kAxisHeight + 14), e.name);
        x += fm.horizontalAdvance(e.name) + 12;
    }
    auto mark = [&](MarkKind kind, const QColor &colour, const QString &name) {
        QPainterPath path;
        const QPointF at(x + 5, kAxisHeight + 10);
        switch (kind) {
        case MarkKind::Throttle:
            path.moveTo(at + QPointF(-5, -5));
            path.lineTo(at + QPointF(5, -5));
            path.lineTo(at + QPointF(0, 5));
            path.closeSubpath();
            p.fillPath(path, colour);
            break;
        case MarkKind::AsyncRetry:
            path.moveTo(at + QPointF(0, -5));
            path.lineTo(at + QPointF(5, 0));
            path.lineTo(at + QPointF(0, 5));
            path.lineTo(at + QPointF(-5, 0));
            path.closeSubpath();
            p.fillPath(path, colour);
            break;
        case MarkKind::Queued:
            p.setPen(QPen(colour, 2));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(at, 4, 4);
            break;
        case MarkKind::AsyncDropped:
            p.setPen(QPen(colour, 2));
            p.drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
            p.drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
            break;
        }
        x += 14;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPoint(x, kAxisHeight + 14), name);
        x += fm.horizontalAdvance(name) + 12;
    };
    mark(MarkKind::Throttle, c.throttle, tr("throttle"));
    mark(MarkKind::Queued, c.queued, tr("queued"));
    mark(MarkKind::AsyncRetry, c.retry, tr("async retry"));
    mark(MarkKind::AsyncDropped, c.dropped, tr("dropped"));
    p.setPen(c.grid);
    p.drawLine(0, rowsTop() - 1, viewport()->width(), rowsTop() - 1);
}

void TimelineView::paintRows(QPainter &p, qint64 fromUs, qint64 toUs)
{
    if (!m_model) {
        return;
    }
    const Colours c(palette());
    const int top = rowsTop();
    const int bottom = rowsBottom();
    const int offset = verticalScrollBar()->value();
    const int width = viewport()->width();
    p.save();
    p.setClipRect(QRect(0, top, width, bottom - top));
    const auto first = std::partition_point(m_rows.begin(), m_rows.end(), [offset](const Row &r) {
        return r.y + std::max(kGroupHeight, kLaneHeight) <= offset;
    });
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(font());
    const QFontMetrics boldMetrics(bold);
    for (auto it = first; it != m_rows.end(); ++it) {
        const int y = top + it->y - offset;
        if (y >= bottom) {
            break;
        }
        const TimelineModel::Group &group = m_model->groups()[it->group];
        if (it->lane < 0) {
            p.fillRect(QRect(0, y, width, kGroupHeight), c.header);
            p.setFont(bold);
            p.setPen(c.label);
            const QString name = group.version.isEmpty()
                                     ? group.functionName
                                     : group.functionName + u" : "_s + group.version;
            p.drawText(QRect(6, y, kLabelWidth - 10, kGroupHeight),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       boldMetrics.elidedText(name, Qt::ElideMiddle, kLabelWidth - 12));
            p.setFont(font());
            const TimelineModel::Function &function = m_model->functions()[group.function];
            if (function.groups.front() == it->group) {
                paintMarks(p, group.function, y, fromUs, toUs);
            }
            continue;
        }
        paintLane(p, *it, y, fromUs, toUs);
        const TimelineModel::Lane &lane = m_model->lanes()[it->lane];
        p.fillRect(QRect(0, y, kLabelWidth, kLaneHeight), palette().color(QPalette::Base));
        p.setPen(lane.destroyedUs == TimelineModel::kOpenUs ? c.label : c.idle);
        QString label = lane.environmentId.left(12);
        if (lane.provisioned) {
            label += tr(" · provisioned");
        }
        p.drawText(QRect(18, y, kLabelWidth - 22, kLaneHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label, Qt::ElideRight, kLabelWidth - 24));
    }
    p.setPen(c.grid);
    p.drawLine(kLabelWidth - 1, top, kLabelWidth - 1, bottom);
    p.restore();
}

void TimelineView::paintLane(QPainter &p, const Row &row, int top, qint64 fromUs, qint64 toUs)
{
    const Colours c(palette());
    const qint64 now = nowUs();
    const int right = viewport()->width();
    const auto spans = m_model->spans(row.lane, fromUs, toUs);
    // Spans narrower than a pixel share it: one rectangle per run of them, coloured by the
    // most telling one (an error before an invoke before idling).
    int runX0 = -1;
    int runX1 = -1;
    SpanStyle runStyle;
    auto flush = [&] {
        if (runX0 >= 0) {
            p.fillRect(barRect(runX0, runX1, top, runStyle.height), runStyle.colour);
            runX0 = -1;
        }
    };
    const TimelineModel::Span *selected = nullptr;
    for (const Span &span : spans) {
        const SpanStyle style = styleOf(span, c);
        const int x0 = std::max(kLabelWidth - 1, timeToX(span.startUs));
        if (span.kind == SpanKind::Shutdown) {
            flush();
            p.fillRect(QRect(x0 - 1, top + 2, 2, kLaneHeight - 4), style.colour);
            continue;
        }
        const int x1 = std::min(right, std::max(x0 + 1, timeToX(std::min(span.endUs, now))));
        if (!m_selected.isEmpty() && span.kind == SpanKind::Invoke) {
            if (const auto *inv = m_model->invocation(span.invocation);
                inv && inv->requestId == m_selected) {
                selected = &span;
            }
        }
        if (x1 - x0 <= 1 && runX0 >= 0 && x0 <= runX1) {
            runX1 = std::max(runX1, x1);
            if (style.priority > runStyle.priority) {
                runStyle.colour = style.colour;
                runStyle.priority = style.priority;
            }
            runStyle.height = std::max(runStyle.height, style.height);
            continue;
        }
        flush();
        if (x1 - x0 <= 1) {
            runX0 = x0;
            runX1 = x1;
            runStyle = style;
            continue;
        }
        p.fillRect(barRect(x0, x1, top, style.height), style.colour);
    }
    flush();
    if (selected) {
        const int x0 = std::max(kLabelWidth, timeToX(selected->startUs));
        const int x1 = std::max(x0 + 2, timeToX(std::min(selected->endUs, now)));
        p.setPen(QPen(palette().color(QPalette::Text), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRect(x0 - 1, top + 1, x1 - x0 + 2, kLaneHeight - 3));
    }
}

void TimelineView::paintMarks(QPainter &p, int function, int top, qint64 fromUs, qint64 toUs)
{
    const Colours c(palette());
    const qint64 slop = qint64(kMarkSpacingPx * m_usPerPx);
    // A run of marks of a kind each closer than kMarkSpacingPx to the one before reads as one,
    // with its count after it.
    int lastX[4] = {-kFar, -kFar, -kFar, -kFar};
    int merged[4] = {0, 0, 0, 0};
    const double mid = top + kGroupHeight / 2.0;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(QRect(kLabelWidth, top, viewport()->width() - kLabelWidth, kGroupHeight));
    auto count = [&](int kind) {
        if (merged[kind] > 1) {
            p.setPen(c.label);
            p.drawText(QRect(lastX[kind] + 6, top, 60, kGroupHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, u"×%1"_s.arg(merged[kind]));
        }
    };
    for (const TimelineModel::Mark &m : m_model->marks(function, fromUs - slop, toUs + slop)) {
        const int x = timeToX(m.timeUs);
        const int kind = int(m.kind);
        if (x - lastX[kind] < kMarkSpacingPx) {
            ++merged[kind];
            lastX[kind] = x;
            continue;
        }
        count(kind);
        lastX[kind] = x;
        merged[kind] = 1;
        QPainterPath path;
        const QPointF at(x, mid);
        switch (m.kind) {
        case MarkKind::Throttle:
            path.moveTo(at + QPointF(-4, -6));
            path.lineTo(at + QPointF(4, -6));
            path.lineTo(at + QPointF(0, 5));
            path.closeSubpath();
            p.fillPath(path, c.throttle);
            break;
        case MarkKind::AsyncRetry:
            path.moveTo(at + QPointF(0, -6));
            path.lineTo(at + QPointF(5, 0));
            path.lineTo(at + QPointF(0, 6));
            path.lineTo(at + QPointF(-5, 0));
            path.closeSubpath();
            p.fillPath(path, c.retry);
            break;
        case MarkKind::Queued:
            p.setPen(QPen(c.queued, 2));
            p.setBrush(m_model->isWaiting(m.requestId) ? QBrush(c.queued) : QBrush(Qt::NoBrush));
            p.drawEllipse(at, 4, 4);
            break;
        case MarkKind::AsyncDropped:
            p.setPen(QPen(c.dropped, 2));
            p.drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
            p.drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
            break;
        }
    }
    for (int kind = 0; kind < 4; ++kind) {
        count(kind);
    }
    p.restore();
}

void TimelineView::paintStrip(QPainter &p, qint64 fromUs, qint64 toUs)
{
    const Colours c(palette());
    const int width = viewport()->width();
    const QRect strip(0, rowsBottom(), width, kStripHeight);
    p.fillRect(strip, c.strip);
    p.setPen(c.grid);
    p.drawLine(0, strip.top(), width, strip.top());
    p.setPen(c.label);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(strip.adjusted(6, 4, -4, 0), Qt::AlignLeft | Qt::AlignTop, tr("Concurrency"));
    p.setFont(font());
    if (!m_model) {
        return;
    }
    const int plotTop = strip.top() + 8;
    const int plotBottom = strip.bottom() - 4;
    const int plotHeight = plotBottom - plotTop;

    // The scale fits the peak and the function limits; the account's may lie far above them.
    int scale = std::max(1, m_model->peakConcurrency());
    for (const TimelineModel::Function &f : m_model->functions()) {
        scale = std::max({scale, f.reservedConcurrency.value_or(0), f.provisionedConcurrency});
    }
    const bool accountInScale = m_model->accountConcurrency() <= scale * 2;
    if (accountInScale) {
        scale = std::max(scale, m_model->accountConcurrency());
    }
    scale = int(std::ceil(scale * 1.15));
    auto yOf = [&](double value) {
        return plotBottom - int(std::round(value * plotHeight / scale));
    };

    // The running count's maximum per pixel column over the visible steps.
    const int columns = width - kLabelWidth;
    std::vector<int> peak(std::max(0, columns), -1);
    const auto points = m_model->concurrency(-1, fromUs, toUs);
    const qint64 now = nowUs();
    for (std::size_t i = 0; i < points.size(); ++i) {
        const qint64 start = std::max(points[i].timeUs, fromUs);
        const qint64 end = i + 1 < points.size() ? points[i + 1].timeUs : std::min(now, toUs);
        if (end < fromUs || start > toUs) {
            continue;
        }
        const int c0 = std::clamp(timeToX(start) - kLabelWidth, 0, columns - 1);
        const int c1 = std::clamp(timeToX(end) - kLabelWidth, 0, columns - 1);
        for (int col = c0; col <= c1; ++col) {
            peak[col] = std::max(peak[col], points[i].value);
        }
    }
    QPolygon area;
    area.reserve(columns * 2 + 2);
    int startCol = -1;
    auto closeArea = [&](int endCol) {
        if (startCol >= 0) {
            area << QPoint(kLabelWidth + endCol, plotBottom)
                 << QPoint(kLabelWidth + startCol, plotBottom);
            QColor fill = c.warmInvoke;
            fill.setAlpha(110);
            p.setPen(QPen(c.warmInvoke, 1));
            p.setBrush(fill);
            p.drawPolygon(area);
            area.clear();
            startCol = -1;
        }
    };
    for (int col = 0; col < columns; ++col) {
        if (peak[col] < 0) {
            closeArea(col - 1);
            continue;
        }
        if (startCol < 0) {
            startCol = col;
        }
        area << QPoint(kLabelWidth + col, yOf(peak[col]));
        area << QPoint(kLabelWidth + col + 1, yOf(peak[col]));
    }
    closeArea(columns - 1);

    // Limit lines, labelled at their right end.
    const QFontMetrics fm = p.fontMetrics();
    auto limitLine = [&](double value, const QColor &colour, Qt::PenStyle style,
                         const QString &label) {
        const int y = yOf(value);
        p.setPen(QPen(colour, 1.5, style));
        p.drawLine(kLabelWidth, y, width, y);
        p.setPen(colour);
        const int w = fm.horizontalAdvance(label) + 8;
        p.drawText(QRect(width - w - 4, y - fm.height() - 1, w, fm.height()),
                   Qt::AlignRight | Qt::AlignBottom, label);
    };
    p.setPen(c.label);
    p.drawText(strip.adjusted(6, 6 + fm.height(), -4, 0), Qt::AlignLeft | Qt::AlignTop,
               tr("now %1 · peak %2").arg(m_model->runningCount()).arg(m_model->peakConcurrency()));
    if (accountInScale) {
        limitLine(m_model->accountConcurrency(), c.label, Qt::SolidLine,
                  tr("account limit %1").arg(m_model->accountConcurrency()));
    } else {
        p.drawText(strip.adjusted(6, 8 + 2 * fm.height(), -4, 0), Qt::AlignLeft | Qt::AlignTop,
                   tr("account limit %1 (off scale)").arg(m_model->accountConcurrency()));
    }
    for (const TimelineModel::Function &f : m_model->functions()) {
        if (f.reservedConcurrency) {
            limitLine(*f.reservedConcurrency, c.error, Qt::DashLine,
                      tr("%1 reserved %2").arg(f.name).arg(*f.reservedConcurrency));
        }
        if (f.provisionedConcurrency > 0) {
            limitLine(f.provisionedConcurrency, c.init, Qt::DotLine,
                      tr("%1 provisioned %2").arg(f.name).arg(f.provisionedConcurrency));
        }
    }
    p.setPen(c.label);
    p.drawText(QRect(kLabelWidth - 40, plotTop - 8, 34, 16), Qt::AlignRight | Qt::AlignVCenter,
               QString::number(scale));
    p.drawText(QRect(kLabelWidth - 40, plotBottom - 8, 34, 16), Qt::AlignRight | Qt::AlignVCenter,
               u"0"_s);
}

void TimelineView::paintGateBanner(QPainter &p)
{
    const QString text =
        m_waiting > 0
            ? tr("Paused — %n transition(s) waiting at the step gate; next: %1", nullptr, m_waiting)
                  .arg(m_next)
            : tr("Paused — nothing waiting at the step gate");
    const QFontMetrics fm = p.fontMetrics();
    const QRect banner(kLabelWidth + 8, rowsTop() + 6, fm.horizontalAdvance(text) + 20,
                       fm.height() + 8);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Highlight));
    p.drawRoundedRect(banner, 4, 4);
    p.setPen(palette().color(QPalette::HighlightedText));
    p.drawText(banner, Qt::AlignCenter, text);
}

} // namespace Lwb
