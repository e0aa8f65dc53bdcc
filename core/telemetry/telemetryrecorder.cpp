// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetryrecorder.h"

#include "api/engineextensions.h"
#include "engine/engine.h"
#include "engine/journal.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QThreadPool>

#include <memory>
#include <QtCore/QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTelemetry, "lwb.core.telemetry")

namespace Lwb {

namespace {

// Metric points of one batch are merged per 10 ms (MetricStore::compact); retention runs
// every so many batches (a batch is written every 100 ms or 5,000 records: one commit
// per batch is most of the writer's cost at thousands of invocations a second).
constexpr qint64 kCompactionBucketUs = 10'000;
constexpr int kBatchesPerPrune = 200;

} // namespace

TelemetryRecorder::TelemetryRecorder(Engine *engine, const QString &stateDir, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    for (const FunctionConfig &f : engine->functions()) {
        learnFunction(f.functionName);
    }
    attach(engine->journal(), stateDir);
}

TelemetryRecorder::TelemetryRecorder(Journal *journal, const QString &stateDir, QObject *parent)
    : QObject(parent)
{
    attach(journal, stateDir);
}

TelemetryRecorder::~TelemetryRecorder()
{
    flush();
}

void TelemetryRecorder::writeInBackground()
{
    m_timer.stop();
    if (m_batch.isEmpty() || !m_store.isOpen()) {
        return;
    }
    // The SQLite work runs on one writer thread, in order, off the engine's event loop; the
    // store is touched by that thread only from now on (flush() waits for it).
    auto batch = std::make_shared<TelemetryBatch>(std::move(m_batch));
    const int records = m_pendingRecords;
    m_batch = {};
    // The next batch is sized like this one: growing its vectors record by record moved every
    // invocation row log2(n) times (1 % of the engine thread at thousands a second).
    m_batch.logEvents.reserve(batch->logEvents.size());
    m_batch.logStreams.reserve(batch->logStreams.size());
    m_batch.metricPoints.reserve(batch->metricPoints.size());
    m_batch.invocations.reserve(batch->invocations.size());
    m_streamIndex.clear();
    m_pendingRecords = 0;
    QPointer<TelemetryRecorder> self(this);
    m_writer.start([this, self, batch, records] {
        MetricStore::compact(batch->metricPoints, kCompactionBucketUs);
        bool ok = m_store.write(*batch);
        if (ok && ++m_batchesSincePrune >= kBatchesPerPrune) {
            m_batchesSincePrune = 0;
            ok = m_store.prune(TelemetryStore::defaultMaxRows());
        }
        const QString error = ok ? QString() : m_store.lastError();
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, error, records] {
                if (!self) {
                    return;
                }
                if (!ok) {
                    self->m_error = error;
                    qCWarning(lcTelemetry, "cannot write %s: %s", qPrintable(self->m_path),
                              qPrintable(error));
                } else {
                    Q_EMIT self->flushed(records);
                }
            },
            Qt::QueuedConnection);
    });
}

void TelemetryRecorder::attach(Journal *journal, const QString &stateDir)
{
    m_metrics.setKeepPoints(false);
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &TelemetryRecorder::writeInBackground);
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(-1);
    m_path = TelemetryStore::pathForStateDir(stateDir);
    if (!m_store.open(m_path, &m_error)) {
        qCWarning(lcTelemetry, "cannot open %s: %s", qPrintable(m_path), qPrintable(m_error));
        return;
    }
    m_sessionId = m_store.beginSession(Journal::nowUs(), QCoreApplication::applicationPid());
    // Retention first, on the writer thread: a store left large by an older engine must not
    // hold up the start.
    m_writer.start([this] { m_store.prune(TelemetryStore::defaultMaxRows()); });
    connect(journal, &Journal::recordAppended, this, &TelemetryRecorder::record);
}

void TelemetryRecorder::setFunctionDefaults(const QString &functionName,
                                            const InvocationTracker::FunctionDefaults &defaults)
{
    m_knownFunctions.insert(functionName, true);
    m_metrics.tracker().setFunctionDefaults(functionName, defaults);
}

void TelemetryRecorder::learnFunction(const QString &functionName)
{
    if (m_knownFunctions.contains(functionName)) {
        return;
    }
    m_knownFunctions.insert(functionName, true);
    const FunctionConfig *f = m_engine ? m_engine->function(functionName) : nullptr;
    if (!f) {
        return;
    }
    InvocationTracker::FunctionDefaults d;
    d.architecture = f->architecture;
    d.ephemeralStorageMb = f->ephemeralStorageMb;
    d.memoryMb = f->memoryMb;
    d.reservedConcurrency = f->reservedConcurrency.has_value();
    d.provisionedConcurrency = f->provisionedConcurrency;
    setFunctionDefaults(functionName, d);
}

void TelemetryRecorder::record(const JournalRecord &record)
{
    if (!m_store.isOpen()) {
        return;
    }
    if (!record.functionName.isEmpty()) {
        learnFunction(record.functionName);
    }
    // One tracker (the metric store's) follows the invocations for the points, the
    // invocation rows and the log streams alike.
    std::optional<InvocationFacts> facts;
    std::vector<MetricPoint> points = m_metrics.ingest(record, &facts);
    if (facts) {
        m_batch.invocations.push_back({*facts, m_costs.add(*facts), m_sessionId});
    }
    // Duration is one point per invocation, and the invocation row holds it already:
    // TelemetryStore::loadMetrics() rebuilds the points from there (one row less each).
    std::erase_if(points, [](const MetricPoint &p) { return p.metric == Metric::Duration; });
    m_batch.metricPoints.insert(m_batch.metricPoints.end(), std::make_move_iterator(points.begin()),
                                std::make_move_iterator(points.end()));
    const InvocationTracker &tracker = m_metrics.tracker();

    auto touchStream = [this](const QString &function, const QString &stream, const QString &environmentId,
                              qint64 timeUs, int events) {
        const QString key = function + u'\n' + stream;
        auto it = m_streamIndex.constFind(key);
        if (it == m_streamIndex.cend()) {
            it = m_streamIndex.insert(key, int(m_batch.logStreams.size()));
            m_batch.logStreams.push_back({function, stream, environmentId, timeUs, timeUs, 0});
        }
        LogStreamInfo &info = m_batch.logStreams[size_t(*it)];
        info.firstEventUs = std::min(info.firstEventUs, timeUs);
        info.lastEventUs = std::max(info.lastEventUs, timeUs);
        info.eventCount += events;
    };

    if (record.kind == JournalKind::EnvironmentCreated) {
        const QString stream = tracker.logStream(record.environmentId);
        if (!stream.isEmpty()) {
            touchStream(record.functionName, stream, record.environmentId, record.timeUs, 0);
        }
    } else if (record.kind == JournalKind::LogLine) {
        LogEvent e = logEventFromRecord(record, tracker.logStreamOf(record));
        touchStream(e.functionName, e.logStream, record.environmentId, e.timeUs, 1);
        m_batch.logEvents.push_back(std::move(e));
    }

    if (m_batch.isEmpty()) {
        return;
    }
    ++m_pendingRecords;
    if (m_pendingRecords >= m_maxBatchRecords) {
        writeInBackground();
    } else if (!m_timer.isActive()) {
        m_timer.start();
    }
}

bool TelemetryRecorder::flush()
{
    m_timer.stop();
    m_writer.waitForDone();
    if (m_batch.isEmpty() || !m_store.isOpen()) {
        return true;
    }
    const bool ok = m_store.write(m_batch);
    if (!ok) {
        m_error = m_store.lastError();
        qCWarning(lcTelemetry, "cannot write %s: %s", qPrintable(m_path), qPrintable(m_error));
    }
    const int records = m_pendingRecords;
    m_batch = {};
    m_streamIndex.clear();
    m_pendingRecords = 0;
    if (ok) {
        Q_EMIT flushed(records);
    }
    return ok;
}

namespace {

// Every served engine records its telemetry into the project's .lwb/telemetry.sqlite, where
// `lwb logs`, `lwb metrics` and `lwb cost` read it, also while the engine runs.
const EngineExtensionRegistration telemetryRegistration({
    u"telemetry"_s,
    10,
    [](Engine &engine, const EngineExtensionContext &context) {
        new TelemetryRecorder(&engine, context.projectDir + u"/.lwb"_s, &engine);
    },
});

} // namespace

} // namespace Lwb
