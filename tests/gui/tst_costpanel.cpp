// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "costpanel.h"
#include "enginehost.h"
#include "loadrunner.h"
#include "sampleproject.h"

#include "telemetry/costtablemodel.h"
#include "telemetry/functiondefaults.h"

#include <QtCharts/QLineSeries>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QTableView>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using Lwb::CostTableModel;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000'000; // µs

/** `lwb cost -o json` for the project of @p templatePath; a null json on failure. */
nlohmann::json lwbCost(const QString &templatePath)
{
    QProcess lwb;
    lwb.start(QStringLiteral(LWB_BINARY_DIR) + u"/app/cli/lwb"_s,
              {u"cost"_s, u"-t"_s, templatePath, u"-o"_s, u"json"_s});
    if (!lwb.waitForFinished(30000) || lwb.exitCode() != 0) {
        qWarning() << lwb.readAllStandardError();
        return {};
    }
    return nlohmann::json::parse(lwb.readAllStandardOutput().toStdString(), nullptr, false);
}

void compareTotals(const Lwb::CostTotals &actual, const Lwb::CostTotals &expected)
{
    QCOMPARE(actual.requests, expected.requests);
    QCOMPARE(actual.gbSeconds, expected.gbSeconds);
    QCOMPARE(actual.requestUsd, expected.requestUsd);
    QCOMPARE(actual.durationUsd, expected.durationUsd);
    QCOMPARE(actual.storageUsd, expected.storageUsd);
}

Lwb::JournalRecord record(Lwb::JournalKind kind, qint64 timeUs, const QString &environment,
                          nlohmann::json data = nlohmann::json::object())
{
    Lwb::JournalRecord r;
    r.kind = kind;
    r.timeUs = timeUs;
    r.functionName = u"fn"_s;
    r.environmentId = environment;
    r.data = std::move(data);
    return r;
}

/**
 * hello-world copied without any state a run in the source tree left in it (.lwb), so that
 * everything `lwb cost` finds in the copy was recorded by this engine.
 */
class Sample
{
public:
    Sample()
    {
        if (!project.isEmpty()) {
            QDir(project + u"/.lwb"_s).removeRecursively();
            host.start(SampleProject::functions(project), templatePath);
        }
    }

    QTemporaryDir dir;
    const QString project = SampleProject::copyHelloWorld(dir);
    const QString templatePath = project + u"/template.yaml"_s;
    Lwb::EngineHost host;
};

} // namespace

class TestCostPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableAgreesWithCostModelAndLwbCost()
    {
        std::vector<Lwb::JournalRecord> seen; // outlives the engine, which may still append
        Sample sample;
        QVERIFY(!sample.project.isEmpty());
        connect(&sample.host, &Lwb::EngineHost::recordsAppended, this,
                [&seen](const std::vector<Lwb::JournalRecord> &records) {
                    seen.insert(seen.end(), records.begin(), records.end());
                });
        Lwb::CostPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setEngine(&sample.host);
        panel.resize(1100, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        Lwb::LoadRunner python(&sample.host);
        Lwb::LoadRunner node(&sample.host);
        // Six waves a second apart, so that the cumulative cost climbs in steps.
        int completed = 0;
        for (int wave = 0; wave < 6; ++wave) {
            python.runLoad(u"HelloWorldFunction"_s, "{}", 5, 3);
            node.runLoad(u"HelloWorldNodeFunction"_s, "{}", 2, 2);
            QTRY_VERIFY_WITH_TIMEOUT(!python.isRunning() && !node.isRunning(), 120000);
            completed += python.completed() + node.completed();
            QTest::qWait(wave < 5 ? 1000 : 0);
        }
        QCOMPARE(completed, 42);
        CostTableModel *model = panel.model();
        QTRY_COMPARE(model->invocationTotal().requests, 42);
        QCOMPARE(model->rowCount(), 2);

        // The same records through a CostModel of our own: the same figures, to the bit.
        Lwb::CostModel reference;
        for (const Lwb::FunctionConfig &f : sample.host.functions()) {
            reference.tracker().setFunctionDefaults(f.functionName, Lwb::functionDefaults(f));
        }
        for (const Lwb::JournalRecord &r : seen) {
            reference.ingest(r);
        }
        compareTotals(model->invocationTotal(), reference.total());
        for (const QString &function : {u"HelloWorldFunction"_s, u"HelloWorldNodeFunction"_s}) {
            const int row = model->rowOf(function);
            QVERIFY(row >= 0);
            const Lwb::CostTotals t = reference.totals(function);
            auto cell = [model, row](int column) {
                return model->index(row, column).data(CostTableModel::ValueRole);
            };
            QCOMPARE(cell(CostTableModel::FunctionColumn).toString(), function);
            QCOMPARE(cell(CostTableModel::ArchitectureColumn).toString(), u"x86_64"_s);
            QCOMPARE(cell(CostTableModel::InvocationsColumn).toLongLong(), t.requests);
            QCOMPARE(cell(CostTableModel::GbSecondsColumn).toDouble(), t.gbSeconds);
            QCOMPARE(cell(CostTableModel::RequestUsdColumn).toDouble(), t.requestUsd);
            QCOMPARE(cell(CostTableModel::DurationUsdColumn).toDouble(), t.durationUsd);
            QCOMPARE(cell(CostTableModel::StorageUsdColumn).toDouble(), 0.0);
            QCOMPARE(cell(CostTableModel::ProvisionedUsdColumn).toDouble(), 0.0);
            QCOMPARE(cell(CostTableModel::TotalUsdColumn).toDouble(), t.totalUsd());
            QCOMPARE(cell(CostTableModel::AverageUsdColumn).toDouble(),
                     t.totalUsd() / double(t.requests));
            QCOMPARE(cell(CostTableModel::PerMillionUsdColumn).toDouble(),
                     t.totalUsd() / double(t.requests) * 1e6);
            // $0.20 per million requests; 128 MB × at least 1 ms each.
            QCOMPARE(model->index(row, CostTableModel::RequestUsdColumn).data().toString(),
                     CostTableModel::formatUsd(0.0000002 * double(t.requests)));
            QVERIFY(t.gbSeconds >= 0.125 * 0.001 * double(t.requests));
        }
        QCOMPARE(model->gbSecondsByArchitecture().size(), size_t(1));
        QCOMPARE(model->gbSecondsByArchitecture().at(u"x86_64"_s), reference.total().gbSeconds);

        // `lwb cost` reads what the engine recorded in the project: the same totals.
        nlohmann::json cost;
        QTRY_VERIFY_WITH_TIMEOUT((cost = lwbCost(sample.templatePath)).is_object() &&
                                     cost["sinceEngineStarted"]["requests"] == 42,
                                 20000);
        const auto &since = cost["sinceEngineStarted"];
        const Lwb::CostTotals total = model->invocationTotal();
        QVERIFY(qFuzzyCompare(since["totalUsd"].get<double>(), total.totalUsd()));
        QVERIFY(qFuzzyCompare(since["gbSeconds"].get<double>(), total.gbSeconds));
        QVERIFY(qFuzzyCompare(since["durationUsd"].get<double>(), total.durationUsd));
        for (const QString &function : {u"HelloWorldFunction"_s, u"HelloWorldNodeFunction"_s}) {
            const auto &f = cost["functions"][function.toStdString()];
            const Lwb::CostTotals t = model->rows()[size_t(model->rowOf(function))].invocations;
            QCOMPARE(f["requests"].get<qint64>(), t.requests);
            QVERIFY(qFuzzyCompare(f["totalUsd"].get<double>(), t.totalUsd()));
        }

        // The summary, the last invocation and the cumulative chart.
        panel.refresh();
        const QString summary = panel.summaryLabel()->text();
        QVERIFY2(summary.contains(CostTableModel::formatUsd(total.totalUsd())) &&
                     summary.contains(u"42 invocations"_s) && summary.contains(u"free tier"_s),
                 qPrintable(summary));
        const std::optional<Lwb::InvocationFacts> last = model->lastInvocation();
        QVERIFY(last);
        QVERIFY(panel.lastInvocationLabel()->text().contains(last->requestId));
        QVERIFY(panel.lastInvocationLabel()->text().contains(
            CostTableModel::formatUsd(model->lastInvocationCost().totalUsd())));
        const QLineSeries *series = panel.cumulativeSeries();
        QVERIFY(series->count() >= 2);
        QCOMPARE(series->at(0).y(), 0.0);
        QCOMPARE(series->at(series->count() - 1).y(), total.totalUsd());
        for (int i = 1; i < series->count(); ++i) {
            QVERIFY(series->at(i).x() >= series->at(i - 1).x());
            QVERIFY(series->at(i).y() >= series->at(i - 1).y());
        }

        const QString out = qEnvironmentVariable("LWB_SCREENSHOTS_DIR");
        if (!out.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(panel.grab().save(out + u"/cost-panel.png"_s));
        }
    }

    void provisionedConcurrencyOnStandbyIsPriced()
    {
        CostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.costModel().isValid());
        const double perGbSecond =
            model.pricing().prices(u"arm64"_s).provisionedConcurrencyPerGbSecond;
        // Two provisioned environments of 1 GB: one lives 10 s (billed 5 min), one 400 s
        // (billed 10 min); an on-demand one costs nothing on standby.
        model.ingest(std::vector<Lwb::JournalRecord>{
            record(Lwb::JournalKind::EnvironmentCreated, kT0, u"pc-1"_s,
                   {{"provisioned", true}, {"memoryMb", 1024}, {"architecture", "arm64"}}),
            record(Lwb::JournalKind::EnvironmentCreated, kT0, u"pc-2"_s,
                   {{"provisioned", true}, {"memoryMb", 1024}, {"architecture", "arm64"}}),
            record(Lwb::JournalKind::EnvironmentCreated, kT0, u"od-1"_s,
                   {{"provisioned", false}, {"memoryMb", 1024}}),
            record(Lwb::JournalKind::EnvironmentDestroyed, kT0 + 10'000'000, u"pc-1"_s),
        });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.provisionedUsd(u"fn"_s), 2 * 300 * perGbSecond); // pc-2 is still up
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.advanceTo(kT0 + 400'000'000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.provisionedUsd(u"fn"_s), (300 + 600) * perGbSecond);
        QCOMPARE(model.index(0, CostTableModel::ProvisionedUsdColumn)
                     .data(CostTableModel::ValueRole)
                     .toDouble(),
                 (300 + 600) * perGbSecond);
        QCOMPARE(model.totalUsd(), (300 + 600) * perGbSecond); // no invocations yet
        QCOMPARE(model.invocationTotal().requests, 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.provisionedUsd(), 0.0);
    }

    void ephemeralStorageAboveTheIncludedIsPriced()
    {
        CostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Lwb::InvocationTracker::FunctionDefaults defaults;
        defaults.ephemeralStorageMb = 10240;
        defaults.architecture = u"arm64"_s;
        model.setFunctionDefaults(u"fn"_s, defaults);
        Lwb::JournalRecord started = record(Lwb::JournalKind::InvokeStarted, kT0, u"env"_s);
        started.requestId = u"r1"_s;
        Lwb::JournalRecord finished =
            record(Lwb::JournalKind::InvokeFinished, kT0 + 1'000'000, u"env"_s,
                   {{"status", "success"},
                    {"durationMs", 999.2},
                    {"billedDurationMs", 1000},
                    {"memorySizeMb", 2048}});
        finished.requestId = u"r1"_s;
        QSignalSpy priced(&model, &CostTableModel::invocationsPriced);
        model.ingest(std::vector<Lwb::JournalRecord>{started, finished});
        QCOMPARE(priced.count(), 1);
        const Lwb::Pricing &p = model.pricing();
        const double storageGbSeconds = (10240.0 - 512.0) / 1024.0;
        QCOMPARE(model.storageGbSeconds(), storageGbSeconds);
        QCOMPARE(model.index(0, CostTableModel::StorageUsdColumn)
                     .data(CostTableModel::ValueRole)
                     .toDouble(),
                 storageGbSeconds * p.ephemeralPerGbSecond);
        QCOMPARE(model.index(0, CostTableModel::ArchitectureColumn).data().toString(), u"arm64"_s);
        QCOMPARE(model.index(0, CostTableModel::GbSecondsColumn).data().toString(), u"2.000000"_s);
        QCOMPARE(model.gbSecondsByArchitecture().at(u"arm64"_s), 2.0);
        QCOMPARE(model.lastInvocation()->requestId, u"r1"_s);
        QCOMPARE(model.lastInvocationCost().durationUsd,
                 2.0 * p.prices(u"arm64"_s).durationTiers.front().perGbSecond);
        QCOMPARE(model.cumulative().size(), size_t(1));
        QCOMPARE(model.cumulative().front().cumulativeUsd, model.invocationTotal().totalUsd());
    }

    void formatsLikeThePricingCalculator_data()
    {
        QTest::addColumn<double>("usd");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << u"$0.00"_s;
        QTest::newRow("one request") << 0.0000002 << u"$0.0000002"_s;
        QTest::newRow("1 ms at 128 MB") << 0.0000000020833375 << u"$0.00000000208"_s;
        QTest::newRow("a cent") << 0.01 << u"$0.01"_s;
        QTest::newRow("thousands") << 1234.5 << u"$1,234.50"_s;
        QTest::newRow("millions") << 2500000.0 << u"$2,500,000.00"_s;
        QTest::newRow("below a cent") << 0.0042 << u"$0.0042"_s;
    }

    void formatsLikeThePricingCalculator()
    {
        QFETCH(double, usd);
        QFETCH(QString, text);
        QCOMPARE(CostTableModel::formatUsd(usd), text);
    }
};

QTEST_MAIN(TestCostPanel)
#include "tst_costpanel.moc"
