// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/timelinemodel.h"

#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtWidgets/QAbstractScrollArea>

#include <vector>

namespace Lwb {

/**
 * The concurrency visualiser: one swimlane per execution environment under a header per
 * function/version, bars for init, invoke (cold and warm apart), errors and timeouts, idle,
 * frozen and shutdown, marks for throttles, queued requests and async retries, and a strip
 * of concurrency over time with the account, reserved and provisioned limits drawn over it.
 *
 * Follows the present by default (End; F toggles); zoom with Ctrl+wheel or +/-, pan with a drag,
 * Shift+wheel or the arrow keys, Home shows the beginning, 0 fits everything. The wheel and
 * Up/Down scroll the lanes. Hovering shows what a bar or mark is; clicking an invocation emits
 * invocationActivated(). Paints only the visible time range and rows, at most one span per
 * pixel column, and coalesces repaints to 60 Hz. Colours come from the palette. GUI thread.
 */
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    /** Shows @p model (not owned). */
    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }

    qint64 viewStartUs() const { return m_startUs; }
    qint64 viewEndUs() const;
    double usPerPixel() const { return m_usPerPx; }
    /** Shows time from @p startUs on at @p usPerPixel; stops following. */
    void setView(qint64 startUs, double usPerPixel);
    /** Zooms by @p factor (> 1: in) keeping the time under @p anchorX where it is. */
    void zoom(double factor, int anchorX);
    /** Moves the view by @p dx pixels of time (positive: later). */
    void pan(int dx);
    /** Shows everything recorded. */
    void fitAll();

    bool isFollowing() const { return m_following; }
    void setFollowing(bool following);
    /** Whether the present moves on by itself (an engine is running): open spans then grow. */
    void setLive(bool live);

    /** What the engine's step gate holds, shown over the lanes while paused. */
    void setGateState(bool paused, int waiting, const QString &next);

    QString selectedRequestId() const { return m_selected; }

    /** Where things are, in viewport coordinates: for tests and accessibility. */
    int timeToX(qint64 timeUs) const;
    qint64 xToTime(int x) const;
    QRect laneRect(int lane) const;
    QRect groupRect(int group) const;
    /** The middle of an invocation's bar; (-1, -1) when it is not in view. */
    QPoint invocationPoint(const QString &requestId) const;
    /** The request id of the invocation at @p pos (viewport coordinates); empty if none. */
    QString requestIdAt(const QPoint &pos) const;
    /** What the tooltip at @p pos says; empty when nothing is there. */
    QString toolTipAt(const QPoint &pos) const;

    static constexpr int kLabelWidth = 200;
    static constexpr int kAxisHeight = 22;
    static constexpr int kLegendHeight = 20;
    static constexpr int kGroupHeight = 22;
    static constexpr int kLaneHeight = 18;
    static constexpr int kStripHeight = 96;

Q_SIGNALS:
    void invocationActivated(const QString &requestId);
    void followingChanged(bool following);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Row
    {
        int group = -1;
        int lane = -1; ///< -1: the group's header
        int y = 0;     ///< top, in content coordinates
    };
    struct Hit
    {
        int group = -1;
        int lane = -1;
        const TimelineModel::Span *span = nullptr;
        const TimelineModel::Mark *mark = nullptr;
        int marks = 0; ///< marks within reach of the pointer
        bool inStrip = false;
    };

    void modelChanged();
    void rowsChanged();
    void scheduleUpdate();
    void rebuildRows();
    void updateScrollBar();
    void followNow();
    qint64 nowUs() const;
    int rowsTop() const { return kAxisHeight + kLegendHeight; }
    int rowsBottom() const;
    int rowAt(int y) const; ///< index into m_rows, -1 when none
    Hit hitTest(const QPoint &pos) const;
    void setViewInternal(qint64 startUs, double usPerPixel);

    qint64 tickStepUs() const;
    void paintGrid(QPainter &p, qint64 fromUs, qint64 toUs);
    void paintAxis(QPainter &p, qint64 fromUs, qint64 toUs);
    void paintLegend(QPainter &p);
    void paintRows(QPainter &p, qint64 fromUs, qint64 toUs);
    void paintLane(QPainter &p, const Row &row, int top, qint64 fromUs, qint64 toUs);
    void paintMarks(QPainter &p, int function, int top, qint64 fromUs, qint64 toUs);
    void paintStrip(QPainter &p, qint64 fromUs, qint64 toUs);
    void paintGateBanner(QPainter &p);

    QPointer<TimelineModel> m_model;
    std::vector<Row> m_rows;
    int m_contentHeight = 0;
    bool m_rowsDirty = true;
    qint64 m_startUs = 0;
    double m_usPerPx = 10000; ///< 10 ms a pixel
    bool m_following = true;
    bool m_live = false;
    bool m_paused = false;
    int m_waiting = 0;
    QString m_next;
    QString m_selected;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragging = false;
    QTimer m_repaint; ///< coalesces repaints to 60 Hz
    QTimer m_tick;    ///< moves the present on while invocations run
};

} // namespace Lwb
