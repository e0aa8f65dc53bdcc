// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginehost.h"
#include "stepcontrols.h"

#include "enginefixtures.h"

#include <QtGui/QAction>
#include <QtTest/QtTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

class TestStepControls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pauseStepAndResumeDriveTheEngine()
    {
        QTemporaryDir project;
        QVERIFY(project.isValid());
        Lwb::EngineHost host;
        host.start({Lwb::Test::fixture(u"python-hello"_s, u"python3.12"_s, u"app.handler"_s)},
                   project.filePath(u"template.yaml"_s));
        Lwb::StepControls controls(&host);
        controls.show();
        QVERIFY(QTest::qWaitForWindowExposed(&controls));
        QCOMPARE(controls.waitingLabel()->text(), u"Running"_s);
        QVERIFY(!controls.stepAction()->isEnabled());

        std::vector<std::pair<QString, Lwb::InvokeResult>> finished;
        connect(&host, &Lwb::EngineHost::invocationFinished, this,
                [&finished](const Lwb::InvokeRequest &request, const Lwb::InvokeResult &result) {
                    finished.emplace_back(request.requestId, result);
                });
        std::vector<std::vector<Lwb::JournalRecord>> batches;
        connect(&host, &Lwb::EngineHost::recordsAppended, this,
                [&batches](const std::vector<Lwb::JournalRecord> &records) {
                    batches.push_back(records);
                });

        QTest::mouseClick(controls.pauseButton(), Qt::LeftButton);
        QTRY_VERIFY(host.isPaused());
        QCOMPARE(controls.waitingLabel()->text(), u"Paused · nothing waiting"_s);
        QVERIFY(!controls.pauseAction()->isEnabled());
        QVERIFY(controls.resumeAction()->isEnabled());
        QVERIFY(!controls.stepAction()->isEnabled()); // nothing to step yet

        Lwb::InvokeRequest request;
        request.functionName = u"python-hello"_s;
        request.payload = R"({"n": 1})";
        const QString first = host.invoke(request);
        QTRY_COMPARE(host.waiting(), 1);
        QCOMPARE(host.next(), u"admit"_s);
        QCOMPARE(controls.waitingLabel()->text(), u"Paused · 1 waiting · next: admit"_s);
        QVERIFY(controls.stepAction()->isEnabled());
        QTest::qWait(300);
        QVERIFY(finished.empty()); // held at the gate
        // While paused the journal says what waits.
        QTRY_VERIFY(std::any_of(batches.begin(), batches.end(), [&first](const auto &batch) {
            return std::any_of(batch.begin(), batch.end(), [&first](const Lwb::JournalRecord &r) {
                return r.kind == Lwb::JournalKind::RequestQueued && r.requestId == first;
            });
        }));

        // One click, one transition: admit, then the environment's own (invoke after init,
        // report), until the invocation is done — never all at once.
        QStringList steps;
        for (int i = 0; i < 10 && finished.empty(); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(host.waiting() > 0 || !finished.empty(), 20000);
            if (!finished.empty()) {
                break;
            }
            steps << host.next();
            const int before = host.waiting();
            QTest::mouseClick(controls.stepButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(host.waiting() != before || host.next() != steps.back() ||
                                         !finished.empty(),
                                     20000);
            QVERIFY(host.isPaused());
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(finished.size()), 1, 20000);
        QVERIFY2(steps.size() >= 3, qPrintable(steps.join(u", "_s)));
        QCOMPARE(steps.front(), u"admit"_s);
        QVERIFY2(steps.contains(u"invoke"_s) && steps.contains(u"report"_s),
                 qPrintable(steps.join(u", "_s)));
        QCOMPARE(finished[0].first, first);
        QCOMPARE(finished[0].second.httpStatus, 200);
        QVERIFY(finished[0].second.payload.contains(R"("n": 1)"));

        // Resume lets what waits go and runs freely again.
        const QString second = host.invoke(request);
        QTRY_COMPARE(host.waiting(), 1);
        QTest::mouseClick(controls.resumeButton(), Qt::LeftButton);
        QTRY_VERIFY(!host.isPaused());
        QTRY_COMPARE_WITH_TIMEOUT(int(finished.size()), 2, 20000);
        QCOMPARE(finished[1].first, second);
        QCOMPARE(finished[1].second.httpStatus, 200);
        QCOMPARE(controls.waitingLabel()->text(), u"Running"_s);
        QVERIFY(controls.pauseAction()->isEnabled());
        QVERIFY(!controls.resumeAction()->isEnabled());

        // The shortcuts are the same actions.
        QCOMPARE(controls.pauseAction()->shortcut(), QKeySequence(Qt::Key_F7));
        QCOMPARE(controls.stepAction()->shortcut(), QKeySequence(Qt::Key_F8));
        QCOMPARE(controls.resumeAction()->shortcut(), QKeySequence(Qt::Key_F9));
        controls.pauseAction()->trigger();
        QTRY_VERIFY(host.isPaused());
        controls.resumeAction()->trigger();
        QTRY_VERIFY(!host.isPaused());
        host.stop();
        QVERIFY(!host.isRunning());
    }

    void withoutAnEngineRequestsAreRefused()
    {
        Lwb::EngineHost host;
        std::optional<Lwb::InvokeResult> result;
        connect(&host, &Lwb::EngineHost::invocationFinished, this,
                [&result](const Lwb::InvokeRequest &, const Lwb::InvokeResult &r) { result = r; });
        Lwb::InvokeRequest request;
        request.functionName = u"nothing"_s;
        host.invoke(request);
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->httpStatus, 503);
        QVERIFY(result->isServiceError());
    }
};

QTEST_MAIN(TestStepControls)
#include "tst_stepcontrols.moc"
