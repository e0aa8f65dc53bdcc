// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginehost.h"
#include "loadrunner.h"
#include "metricspanel.h"
#include "theme.h"
#include "sampleproject.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtTest/QtTest>
#include <QtWidgets/QAbstractButton>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using Lwb::Metric;
using Lwb::MetricsPanel;
using Statistic = Lwb::MetricsPanel::Statistic;

namespace {

/**
 * The hello-world sample's Python function next to two of the runtime fixtures: one that
 * raises, and a slow one that reserves three environments (a load above that is throttled).
 */
class MetricsProject
{
public:
    MetricsProject()
    {
        const QString fixtures =
            QStringLiteral(LWB_SOURCE_DIR "/resources/samples/runtimes-fixtures");
        ok = !hello.isEmpty() &&
             SampleProject::copyTree(fixtures + u"/python-raise"_s, project + u"/failing"_s) &&
             SampleProject::copyTree(fixtures + u"/python-sleep"_s, project + u"/slow"_s) &&
             SampleProject::writeFile(project + u"/template.yaml"_s,
                                      "AWSTemplateFormatVersion: '2010-09-09'\n"
                                      "Transform: AWS::Serverless-2016-10-31\n"
                                      "Resources:\n"
                                      "  HelloWorldFunction:\n"
                                      "    Type: AWS::Serverless::Function\n"
                                      "    Properties:\n"
                                      "      CodeUri: hello-world/hello_world/\n"
                                      "      Handler: app.lambda_handler\n"
                                      "      Runtime: python3.12\n"
                                      "  FailingFunction:\n"
                                      "    Type: AWS::Serverless::Function\n"
                                      "    Properties:\n"
                                      "      CodeUri: failing/\n"
                                      "      Handler: app.handler\n"
                                      "      Runtime: python3.12\n"
                                      "  SlowFunction:\n"
                                      "    Type: AWS::Serverless::Function\n"
                                      "    Properties:\n"
                                      "      CodeUri: slow/\n"
                                      "      Handler: app.handler\n"
                                      "      Runtime: python3.12\n"
                                      "      ReservedConcurrentExecutions: 3\n");
        host.start(SampleProject::functions(project), project + u"/template.yaml"_s);
    }

    /** Invokes @p function @p times, one after the other; true when all of them ran. */
    bool invoke(const QString &function, int times, const QByteArray &payload = "{}")
    {
        QSignalSpy finished(&host, &Lwb::EngineHost::invocationFinished);
        for (int i = 0; i < times; ++i) {
            Lwb::InvokeRequest request;
            request.functionName = function;
            request.payload = payload;
            host.invoke(request);
        }
        return QTest::qWaitFor([&] { return finished.count() >= times; }, 60000);
    }

    /** Sends @p function @p times events (asynchronous invokes). */
    void invokeAsync(const QString &function, int times)
    {
        for (int i = 0; i < times; ++i) {
            Lwb::InvokeRequest request;
            request.functionName = function;
            request.type = Lwb::InvocationType::Event;
            host.invoke(request);
        }
    }

    /** Shows @p panel, of @p size, on this project's engine; true when it is on screen. */
    bool show(Lwb::MetricsPanel &panel, QSize size = {1000, 900})
    {
        panel.setEngine(&host);
        panel.resize(size);
        panel.show();
        return QTest::qWaitForWindowExposed(&panel);
    }

    QTemporaryDir dir;
    const QString project = dir.path();
    const QString hello = SampleProject::copyHelloWorld(dir);
    bool ok = false;
    Lwb::EngineHost host;
};

double sum(const QLineSeries *series)
{
    double total = 0;
    for (int i = 0; i < series->count(); ++i) {
        total += series->at(i).y();
    }
    return total;
}

/** Whether @p series has points and every one of them is @p value (as QCOMPARE compares). */
bool everyPointIs(const QLineSeries *series, double value)
{
    for (int i = 0; i < series->count(); ++i) {
        const double y = series->at(i).y();
        if (!(value == 0 ? qFuzzyIsNull(y) : qFuzzyCompare(y, value))) {
            return false;
        }
    }
    return series->count() > 0;
}

/** The points of @p series whose value is not 0, by time. */
QMap<qint64, double> nonZero(const QLineSeries *series)
{
    QMap<qint64, double> points;
    for (int i = 0; i < series->count(); ++i) {
        if (series->at(i).y() != 0) {
            points.insert(qint64(series->at(i).x()), series->at(i).y());
        }
    }
    return points;
}

/** `lwb metrics … -o json` on the project of @p templatePath; a null json on failure. */
nlohmann::json lwbMetrics(const QString &templatePath, const QString &function)
{
    QProcess lwb;
    lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
              {u"metrics"_s, u"-t"_s, templatePath, u"-n"_s, function, u"--period"_s, u"1"_s,
               u"--since"_s, u"15m"_s, u"-o"_s, u"json"_s});
    if (!lwb.waitForFinished(30000) || lwb.exitCode() != 0) {
        return {};
    }
    return nlohmann::json::parse(lwb.readAllStandardOutput().toStdString(), nullptr, false);
}

/** Opens @p box's list with a click and clicks the entry @p text, as a user does. */
bool chooseByClicks(QComboBox *box, const QString &text)
{
    const int row = box->findText(text);
    if (row < 0) {
        return false;
    }
    QTest::mouseClick(box, Qt::LeftButton);
    QAbstractItemView *view = box->view();
    if (!QTest::qWaitFor([view] { return view->isVisible(); }, 5000)) {
        return false;
    }
    // The list ignores a release that comes within a double-click of its opening.
    QTest::qWait(QApplication::doubleClickInterval() + 100);
    const QRect item = view->visualRect(box->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, item.center());
    return QTest::qWaitFor([box, &text] { return box->currentText() == text; }, 5000);
}

} // namespace

class TestMetricsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invocationsSumToTheInvokesAndRedrawsAreThrottled()
    {
        MetricsProject p;
        QVERIFY(p.ok);
        MetricsPanel panel;
        QVERIFY(p.show(panel));
        QCOMPARE(panel.functionBox()->count(), 4); // All + the three functions
        QCOMPARE(panel.chartViews().size(), 8);
        QCOMPARE(panel.chartView(Metric::Invocations)->chart()->title(), u"Invocations (Count)"_s);
        QCOMPARE(panel.chartView(Metric::Duration)->chart()->title(), u"Duration (Milliseconds)"_s);

        QElapsedTimer elapsed;
        elapsed.start();
        const int redrawsBefore = panel.redrawCount();
        Lwb::LoadRunner load(&p.host);
        load.runLoad(u"HelloWorldFunction"_s, "{}", 200, 4);
        QTRY_VERIFY_WITH_TIMEOUT(!load.isRunning(), 120000);
        QCOMPARE(load.completed(), 200);
        QCOMPARE(load.failed(), 0);
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 200.0);
        // A few redraws a second, not one per batch of records.
        const int redraws = panel.redrawCount() - redrawsBefore;
        QVERIFY2(redraws <= elapsed.elapsed() / MetricsPanel::kRedrawIntervalMs + 3,
                 qPrintable(u"%1 redraws in %2 ms"_s.arg(redraws).arg(elapsed.elapsed())));

        // The same for the function itself; no errors; durations drawn for each second.
        QVERIFY(chooseByClicks(panel.functionBox(), u"HelloWorldFunction"_s));
        QCOMPARE(panel.function(), u"HelloWorldFunction"_s);
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 200.0);
        QCOMPARE(sum(panel.series(Metric::Errors, Statistic::Sum)), 0.0);
        const QLineSeries *average = panel.series(Metric::Duration, Statistic::Average);
        const QLineSeries *p99 = panel.series(Metric::Duration, Statistic::P99);
        QVERIFY(average->count() > 0);
        QCOMPARE(p99->count(), average->count());
        for (int i = 0; i < average->count(); ++i) {
            QVERIFY(average->at(i).y() > 0);
            QVERIFY(p99->at(i).y() >= average->at(i).y() * 0.999);
        }
        QVERIFY(everyPointIs(panel.series(Metric::Invocations, Statistic::SuccessRate), 100.0));
        QVERIFY(sum(panel.series(Metric::ConcurrentExecutions, Statistic::Maximum)) >= 1);
        QVERIFY2(
            panel.findChild<QLabel *>(u"metricsStatus"_s)->text().contains(u"200 invocations"_s),
            qPrintable(panel.findChild<QLabel *>(u"metricsStatus"_s)->text()));

        // `lwb metrics` reads what the engine recorded: the same datapoints, second by second.
        const QMap<qint64, double> drawn =
            nonZero(panel.series(Metric::Invocations, Statistic::Sum));
        QMap<qint64, double> recorded;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const nlohmann::json m =
                    lwbMetrics(p.project + u"/template.yaml"_s, u"HelloWorldFunction"_s);
                recorded.clear();
                if (!m.is_object()) {
                    return false;
                }
                for (const auto &d : m["functions"]["HelloWorldFunction"]["Invocations"][""]) {
                    recorded.insert(d["timestampMs"].get<qint64>(), d["sum"].get<double>());
                }
                return recorded == drawn;
            }(),
            20000);
        QCOMPARE(recorded, drawn);

        // A function that did not run has nothing.
        QVERIFY(chooseByClicks(panel.functionBox(), u"SlowFunction"_s));
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 0.0);
        QCOMPARE(panel.series(Metric::Duration, Statistic::Average)->count(), 0);
    }

    void errorsOfAFailingHandlerAreCounted()
    {
        MetricsProject p;
        QVERIFY(p.ok);
        MetricsPanel panel;
        QVERIFY(p.show(panel));
        QVERIFY(p.invoke(u"FailingFunction"_s, 3));
        QVERIFY(p.invoke(u"HelloWorldFunction"_s, 2));

        // All functions: the account-level series.
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 5.0);
        QCOMPARE(sum(panel.series(Metric::Errors, Statistic::Sum)), 3.0);

        QVERIFY(chooseByClicks(panel.functionBox(), u"FailingFunction"_s));
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 3.0);
        QCOMPARE(sum(panel.series(Metric::Errors, Statistic::Sum)), 3.0);
        QVERIFY(everyPointIs(panel.series(Metric::Invocations, Statistic::SuccessRate), 0.0));

        QVERIFY(chooseByClicks(panel.functionBox(), u"HelloWorldFunction"_s));
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 2.0);
        QCOMPARE(sum(panel.series(Metric::Errors, Statistic::Sum)), 0.0);
    }

    void asyncEventsAreCharted()
    {
        MetricsProject p;
        QVERIFY(p.ok);
        MetricsPanel panel;
        QVERIFY(p.show(panel));
        p.invokeAsync(u"HelloWorldFunction"_s, 5);
        QTRY_COMPARE_WITH_TIMEOUT(sum(panel.series(Metric::Invocations, Statistic::Sum)), 5.0,
                                  30000);
        QTRY_COMPARE(sum(panel.series(Metric::AsyncEventsReceived, Statistic::Sum)), 5.0);
        QCOMPARE(sum(panel.series(Metric::AsyncEventsDropped, Statistic::Sum)), 0.0);
        QCOMPARE(panel.chartView(Metric::AsyncEventAge)->chart()->title(),
                 u"AsyncEventAge (Milliseconds)"_s);
        // Each delivery says how long its event waited in the queue.
        QTRY_VERIFY(!panel.series(Metric::AsyncEventAge, Statistic::Maximum)->points().isEmpty());
        QCOMPARE(panel.store()
                     .query({Metric::AsyncEventAge, u"HelloWorldFunction"_s, {}, 60, 0,
                             QDateTime::currentMSecsSinceEpoch() + 60000})
                     .front()
                     .sampleCount,
                 5.0);
    }

    void rangeAndResolutionButtonsChangeTheSeries()
    {
        MetricsProject p;
        QVERIFY(p.ok);
        MetricsPanel panel;
        QVERIFY(p.show(panel));
        QVERIFY(p.invoke(u"HelloWorldFunction"_s, 4));
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), 4.0);
        const QLineSeries *invocations = panel.series(Metric::Invocations, Statistic::Sum);
        auto *axis = qobject_cast<QDateTimeAxis *>(
            panel.chartView(Metric::Invocations)->chart()->axes(Qt::Horizontal).constFirst());
        QVERIFY(axis);
        auto span = [axis] { return axis->min().msecsTo(axis->max()); };

        // The default: the last 15 minutes, one point a second (zeros where nothing ran).
        QCOMPARE(panel.range(), MetricsPanel::Range::Last15Minutes);
        QVERIFY(qAbs(span() - 15 * 60'000) <= 2000);
        QVERIFY(invocations->count() >= 15 * 60);
        QCOMPARE(invocations->at(1).x() - invocations->at(0).x(), 1000.0);

        QTest::mouseClick(panel.periodButton(60), Qt::LeftButton);
        QCOMPARE(panel.periodSeconds(), 60);
        QCOMPARE(invocations->at(1).x() - invocations->at(0).x(), 60000.0);
        QVERIFY(invocations->count() <= 17);
        QCOMPARE(sum(invocations), 4.0);

        QTest::mouseClick(panel.rangeButton(MetricsPanel::Range::LastHour), Qt::LeftButton);
        QCOMPARE(panel.range(), MetricsPanel::Range::LastHour);
        QVERIFY(qAbs(span() - 60 * 60'000) <= 61'000);
        QVERIFY(invocations->count() >= 60);
        QCOMPARE(sum(invocations), 4.0);

        QTest::mouseClick(panel.periodButton(1), Qt::LeftButton);
        QTest::mouseClick(panel.rangeButton(MetricsPanel::Range::Last5Minutes), Qt::LeftButton);
        QVERIFY(qAbs(span() - 5 * 60'000) <= 2000);
        QCOMPARE(sum(invocations), 4.0);

        // Since start: from the engine's first record, however recent
        QTest::mouseClick(panel.rangeButton(MetricsPanel::Range::SinceStart), Qt::LeftButton);
        QCOMPARE(panel.range(), MetricsPanel::Range::SinceStart);
        // (at least the last minute, so that its first seconds are not stretched across).
        QVERIFY2(span() >= 60'000 && span() <= 62'000, qPrintable(QString::number(span())));
        QCOMPARE(sum(invocations), 4.0);

        // New invocations are appended to the series drawn, within a redraw interval or two.
        const int redraws = panel.redrawCount();
        QVERIFY(p.invoke(u"HelloWorldFunction"_s, 2));
        QTRY_COMPARE(sum(invocations), 6.0);
        QVERIFY(panel.redrawCount() > redraws);
    }

    void followsThePalette()
    {
        MetricsPanel panel;
        panel.resize(900, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QChart *chart = panel.chartView(Metric::Invocations)->chart();
        QCOMPARE(chart->backgroundBrush().color(), panel.palette().color(QPalette::Base));
        const QPalette dark = Lwb::ThemeManager::darkPalette(); // the workbench's Dark theme
        panel.setPalette(dark);
        QCOMPARE(chart->theme(), QChart::ChartThemeDark);
        QCOMPARE(chart->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(chart->titleBrush().color(), dark.color(QPalette::WindowText));
        // No white left behind the charts: nearly every pixel is the dark base or darker text.
        const QImage image = panel.chartView(Metric::Invocations)->grab().toImage();
        qint64 white = 0;
        qint64 base = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                white += c.lightness() > 240 ? 1 : 0;
                base += c == dark.color(QPalette::Base) ? 1 : 0;
            }
        }
        const qint64 pixels = qint64(image.width()) * image.height();
        QVERIFY2(white * 100 < pixels,
                 qPrintable(u"%1 of %2 pixels white"_s.arg(white).arg(pixels)));
        QVERIFY2(base * 2 > pixels, qPrintable(u"%1 of %2 pixels base"_s.arg(base).arg(pixels)));
    }

    void screenshotAfterALoad()
    {
        // A load of 1,000 invocations, one of a failing handler and one above a reservation.
        // Run with LWB_SCREENSHOTS_DIR set, it saves metrics-panel.png (and -dark) there.
        MetricsProject p;
        QVERIFY(p.ok);
        MetricsPanel panel;
        QVERIFY(p.show(panel, {1100, 1150}));
        panel.setRange(MetricsPanel::Range::SinceStart);
        Lwb::LoadRunner hello(&p.host);
        Lwb::LoadRunner failing(&p.host);
        Lwb::LoadRunner slow(&p.host);
        // 1,000 invocations in waves a second apart, rising and falling; the failing handler
        // and the reserved function join in the middle.
        const int waves[] = {20, 30, 45, 60, 70, 70, 60, 55, 50, 45,
                             50, 60, 70, 65, 55, 45, 40, 40, 35, 35};
        int helloDone = 0;
        for (int i = 0; i < int(std::size(waves)); ++i) {
            QElapsedTimer second;
            second.start();
            hello.runLoad(u"HelloWorldFunction"_s, "{}", waves[i], 5);
            if (i >= 6 && i < 11) {
                failing.runLoad(u"FailingFunction"_s, "{}", 8, 2);
            }
            if (i == 13) {
                p.invokeAsync(u"HelloWorldFunction"_s, 20);
            }
            if (i == 9) {
                slow.runLoad(u"SlowFunction"_s, R"({"seconds": 0.3})", 40, 6);
            }
            QTRY_VERIFY_WITH_TIMEOUT(!hello.isRunning() && !failing.isRunning(), 60000);
            helloDone += hello.completed();
            QTest::qWait(int(std::max<qint64>(0, 1000 - second.elapsed())));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!slow.isRunning(), 60000);
        QCOMPARE(helloDone, 1000);
        QVERIFY(slow.throttled() > 0);
        QTRY_COMPARE(sum(panel.series(Metric::AsyncEventsReceived, Statistic::Sum)), 20.0);
        const double ran = 1000 + 40 + (40 - slow.throttled()) + 20;
        QTRY_COMPARE(sum(panel.series(Metric::Invocations, Statistic::Sum)), ran);
        QCOMPARE(sum(panel.series(Metric::Errors, Statistic::Sum)), 40.0);
        QCOMPARE(sum(panel.series(Metric::Throttles, Statistic::Sum)), double(slow.throttled()));

        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (out.isEmpty()) {
            return;
        }
        QTest::qWait(300);
        QVERIFY(panel.grab().save(out + u"/metrics-panel.png"_s));
        panel.setPalette(Lwb::ThemeManager::darkPalette());
        QTest::qWait(300);
        QVERIFY(panel.grab().save(out + u"/metrics-panel-dark.png"_s));
    }
};

QTEST_MAIN(TestMetricsPanel)
#include "tst_metricspanel.moc"
