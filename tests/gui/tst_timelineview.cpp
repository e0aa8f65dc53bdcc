// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinerecords.h"
#include "timelineview.h"

#include "telemetry/timelinemodel.h"

#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QToolTip>

using namespace Qt::StringLiterals;
using Lwb::TimelineModel;
using Lwb::TimelineView;

namespace {

constexpr qint64 kT0 = 1'750'000'000'000'000; // µs
constexpr qint64 kMs = 1000;

void sendWheel(QWidget *widget, const QPoint &pos, QPoint angleDelta,
               Qt::KeyboardModifiers modifiers)
{
    QWheelEvent event(pos, widget->mapToGlobal(pos), QPoint(), angleDelta, Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

void sendMove(QWidget *widget, const QPoint &pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(QEvent::MouseMove, pos, widget->mapToGlobal(pos), Qt::NoButton, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT

private:
    TimelineModel m_model;
    std::unique_ptr<TimelineView> m_view;

    void fill(TimelineModel &model)
    {
        Lwb::Test::TimelineRecords r;
        r.coldInvocation(u"fn"_s, u"env-a"_s, u"r1"_s, kT0, 100 * kMs, 200 * kMs);
        r.frozen(u"fn"_s, u"env-a"_s, kT0 + 400 * kMs);
        r.warmInvocation(u"fn"_s, u"env-a"_s, u"r2"_s, kT0 + 1000 * kMs, 200 * kMs, "success",
                         true);
        r.coldInvocation(u"fn"_s, u"env-b"_s, u"r3"_s, kT0 + 1100 * kMs, 50 * kMs, 300 * kMs,
                         "error");
        r.throttled(u"fn"_s, u"r4"_s, kT0 + 1200 * kMs);
        model.ingest(r.inTimeOrder());
    }

private Q_SLOTS:
    void init()
    {
        m_model.clear();
        fill(m_model);
        m_view = std::make_unique<TimelineView>();
        m_view->setModel(&m_model);
        m_view->resize(1000, 400);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        // 2 ms a pixel from 100 ms before the first record: kT0 is at x = 250.
        m_view->setView(kT0 - 100 * kMs, 2000);
        QCOMPARE(m_view->timeToX(kT0), TimelineView::kLabelWidth + 50);
    }

    void cleanup() { m_view.reset(); }

    void paintsBarsInTheirColours()
    {
        const QImage image = m_view->viewport()->grab().toImage();
        const QPalette palette = m_view->palette();
        const QPoint warm = m_view->invocationPoint(u"r2"_s);
        const QPoint cold = m_view->invocationPoint(u"r1"_s);
        const QPoint error = m_view->invocationPoint(u"r3"_s);
        QCOMPARE(warm, QPoint(800, m_view->laneRect(0).center().y()));
        QCOMPARE(image.pixelColor(warm), palette.color(QPalette::Highlight));
        const QColor coldColour = image.pixelColor(cold);
        QVERIFY(coldColour != palette.color(QPalette::Highlight));
        QVERIFY(coldColour != palette.color(QPalette::Base));
        const QColor errorColour = image.pixelColor(error);
        QVERIFY2(errorColour.red() > errorColour.green() + 60, qPrintable(errorColour.name()));
        // The init before r1 has a colour of its own; so has the frozen stretch.
        const int laneY = m_view->laneRect(0).center().y();
        const QColor initColour = image.pixelColor(m_view->timeToX(kT0 + 50 * kMs), laneY);
        QVERIFY(initColour != coldColour && initColour != palette.color(QPalette::Base));
        const QColor frozenColour = image.pixelColor(m_view->timeToX(kT0 + 700 * kMs), laneY);
        QVERIFY(frozenColour != initColour && frozenColour != palette.color(QPalette::Base));
        // The throttle's mark on the function's header row.
        const QColor mark = image.pixelColor(m_view->timeToX(kT0 + 1200 * kMs),
                                             m_view->groupRect(0).center().y() - 2);
        QVERIFY2(mark.red() > mark.green() + 60, qPrintable(mark.name()));
        // Nothing is drawn where the lane had no life yet.
        QCOMPARE(image.pixelColor(m_view->timeToX(kT0 - 50 * kMs), laneY),
                 palette.color(QPalette::Base));

        // A dark palette: the same bars over a dark base.
        QPalette dark = palette;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
        m_view->setPalette(dark);
        const QImage darkImage = m_view->viewport()->grab().toImage();
        QCOMPARE(darkImage.pixelColor(warm), QColor(42, 130, 218));
        QCOMPARE(darkImage.pixelColor(m_view->timeToX(kT0 - 50 * kMs), laneY), QColor(30, 30, 30));
    }

    void pausedGateIsShownOverTheLanes()
    {
        const QPoint banner(TimelineView::kLabelWidth + 12,
                            TimelineView::kAxisHeight + TimelineView::kLegendHeight + 10);
        const QColor highlight = m_view->palette().color(QPalette::Highlight);
        QVERIFY(m_view->viewport()->grab().toImage().pixelColor(banner) != highlight);
        m_view->setGateState(true, 2, u"admit"_s);
        QCOMPARE(m_view->viewport()->grab().toImage().pixelColor(banner), highlight);
        m_view->setGateState(false, 0, {});
        QVERIFY(m_view->viewport()->grab().toImage().pixelColor(banner) != highlight);
    }

    void hoverTellsWhatIsThere()
    {
        const QPoint r1 = m_view->invocationPoint(u"r1"_s);
        const QString text = m_view->toolTipAt(r1);
        QVERIFY2(text.contains(u"r1"_s) && text.contains(u"cold start"_s) &&
                     text.contains(u"200 ms"_s) && text.contains(u"success"_s),
                 qPrintable(text));
        QVERIFY(m_view->toolTipAt(m_view->invocationPoint(u"r3"_s))
                    .contains(u"error (Runtime.Unhandled)"_s));
        QVERIFY(m_view->toolTipAt(m_view->invocationPoint(u"r2"_s)).contains(u"warm"_s));

        // A real tooltip event shows it.
        QHelpEvent help(QEvent::ToolTip, r1, m_view->viewport()->mapToGlobal(r1));
        QApplication::sendEvent(m_view->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(u"r1"_s));

        // The throttle mark on the function's header row.
        const QPoint mark(m_view->timeToX(kT0 + 1200 * kMs), m_view->groupRect(0).center().y());
        const QString throttle = m_view->toolTipAt(mark);
        QVERIFY2(throttle.contains(u"Throttled"_s) && throttle.contains(u"r4"_s) &&
                     throttle.contains(u"ReservedFunctionConcurrentInvocationLimitExceeded"_s),
                 qPrintable(throttle));
        // The concurrency strip: two run at once at 1175 ms.
        const QPoint strip(m_view->timeToX(kT0 + 1175 * kMs), m_view->viewport()->height() - 20);
        QVERIFY2(m_view->toolTipAt(strip).contains(u"Concurrency: 2"_s),
                 qPrintable(m_view->toolTipAt(strip)));
        // Init and frozen spans say what they are.
        const int laneY = m_view->laneRect(0).center().y();
        QVERIFY(m_view->toolTipAt({m_view->timeToX(kT0 + 50 * kMs), laneY})
                    .startsWith(u"Init (cold start): 100 ms"_s));
        QVERIFY(
            m_view->toolTipAt({m_view->timeToX(kT0 + 700 * kMs), laneY}).startsWith(u"Frozen"_s));
        QVERIFY(m_view->toolTipAt({m_view->timeToX(kT0 - 50 * kMs), laneY}).isEmpty());
    }

    void clickActivatesAnInvocation()
    {
        QSignalSpy spy(m_view.get(), &TimelineView::invocationActivated);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->invocationPoint(u"r2"_s));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), u"r2"_s);
        QCOMPARE(m_view->selectedRequestId(), u"r2"_s);
        // Empty space and the labels activate nothing.
        QTest::mouseClick(
            m_view->viewport(), Qt::LeftButton, {},
            QPoint(m_view->timeToX(kT0 - 50 * kMs), m_view->laneRect(0).center().y()));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                          QPoint(20, m_view->laneRect(0).center().y()));
        QCOMPARE(spy.count(), 1);
    }

    void zoomsWithCtrlWheelAndKeys()
    {
        const QPoint anchor(600, 90);
        const qint64 before = m_view->xToTime(anchor.x());
        sendWheel(m_view->viewport(), anchor, QPoint(0, 120), Qt::ControlModifier);
        QCOMPARE(m_view->usPerPixel(), 1600.0);
        QVERIFY(qAbs(m_view->xToTime(anchor.x()) - before) <= 1600);
        sendWheel(m_view->viewport(), anchor, QPoint(0, -120), Qt::ControlModifier);
        QCOMPARE(m_view->usPerPixel(), 2000.0);

        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Plus);
        QVERIFY(qFuzzyCompare(m_view->usPerPixel(), 2000.0 / 1.5));
        QTest::keyClick(m_view.get(), Qt::Key_Minus);
        QVERIFY(qFuzzyCompare(m_view->usPerPixel(), 2000.0));
        QVERIFY(!m_view->isFollowing());
    }

    void pansWithDragWheelAndKeys()
    {
        QWidget *vp = m_view->viewport();
        qint64 start = m_view->viewStartUs();
        QTest::mousePress(vp, Qt::LeftButton, {}, QPoint(600, 90));
        for (int x = 590; x >= 500; x -= 10) {
            sendMove(vp, QPoint(x, 90), Qt::LeftButton);
        }
        QSignalSpy activated(m_view.get(), &TimelineView::invocationActivated);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, QPoint(500, 90));
        QCOMPARE(m_view->viewStartUs(), start + 100 * 2000); // dragged 100 px to the left
        QCOMPARE(activated.count(), 0);                      // a drag is no click

        start = m_view->viewStartUs();
        const int width = vp->width() - TimelineView::kLabelWidth;
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Right);
        QCOMPARE(m_view->viewStartUs(), start + (width / 10) * 2000);
        QTest::keyClick(m_view.get(), Qt::Key_Left);
        QCOMPARE(m_view->viewStartUs(), start);

        sendWheel(vp, QPoint(600, 90), QPoint(0, -120), Qt::ShiftModifier);
        QCOMPARE(m_view->viewStartUs(), start + qint64(120 * width / 1200) * 2000);
        sendWheel(vp, QPoint(600, 90), QPoint(120, 0), Qt::NoModifier);
        QCOMPARE(m_view->viewStartUs(), start);
    }

    void homeEndAndFitAll()
    {
        QSignalSpy following(m_view.get(), &TimelineView::followingChanged);
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_End);
        QVERIFY(m_view->isFollowing());
        QCOMPARE(following.count(), 1);
        QVERIFY(m_view->viewEndUs() >= m_model.endUs());
        QVERIFY(m_view->viewStartUs() < m_model.endUs());

        QTest::keyClick(m_view.get(), Qt::Key_Home);
        QVERIFY(!m_view->isFollowing());
        QVERIFY(m_view->viewStartUs() <= m_model.startUs());
        QVERIFY(m_view->timeToX(m_model.startUs()) - TimelineView::kLabelWidth < 40);

        m_view->setView(kT0 + 10'000 * kMs, 50);
        QTest::keyClick(m_view.get(), Qt::Key_0);
        QVERIFY(m_view->viewStartUs() <= m_model.startUs());
        QVERIFY(m_view->viewEndUs() >= m_model.endUs());
        QVERIFY(m_view->invocationPoint(u"r1"_s).x() > 0);
    }

    void followsNewRecords()
    {
        m_view->setFollowing(true);
        Lwb::Test::TimelineRecords later;
        later.coldInvocation(u"fn"_s, u"env-c"_s, u"r5"_s, kT0 + 60'000 * kMs, 100 * kMs,
                             100 * kMs);
        m_model.ingest(later.inTimeOrder());
        QTRY_VERIFY(m_view->viewEndUs() >= kT0 + 60'200 * kMs);
        QTRY_VERIFY(m_view->invocationPoint(u"r5"_s).x() > 0);
        QVERIFY(m_view->invocationPoint(u"r1"_s).x() < 0); // long out of sight
    }

    void scrollsManyLanes()
    {
        Lwb::Test::TimelineRecords many;
        for (int i = 0; i < 60; ++i) {
            many.coldInvocation(u"wide"_s, u"w%1"_s.arg(i), u"w-r%1"_s.arg(i), kT0 + i * kMs, kMs,
                                kMs);
        }
        m_model.ingest(many.inTimeOrder());
        QTRY_VERIFY(m_view->verticalScrollBar()->maximum() > 0);
        QCOMPARE(m_view->verticalScrollBar()->value(), 0);
        sendWheel(m_view->viewport(), QPoint(600, 90), QPoint(0, -120), Qt::NoModifier);
        const int afterWheel = m_view->verticalScrollBar()->value();
        QVERIFY(afterWheel > 0);
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Down);
        QCOMPARE(m_view->verticalScrollBar()->value(), afterWheel + TimelineView::kLaneHeight);
        // Lanes scrolled out of the rows area are not hit.
        m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
        QCOMPARE(m_view->invocationPoint(u"r1"_s), QPoint(-1, -1));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
