// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "telemetry/costmodel.h"
#include "telemetry/invocationtracker.h"
#include "telemetry/metricstore.h"
#include "telemetry/telemetrystore.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>

namespace Lwb {

class Engine;
class Journal;
struct JournalRecord;

/**
 * Writes what a Journal says into the project's `.lwb/telemetry.sqlite` (TelemetryStore):
 * log events and streams, metric points and per-invocation facts with their cost. Records are
 * batched and written in one transaction every flushIntervalMs (100 ms) or maxBatchRecords
 * (500), whichever comes first, by a writer thread of its own, so readers in other processes (`lwb logs --tail`) see them
 * within a fraction of a second and 10,000 records a second cost little. Flushes when
 * destroyed. Lives on the Journal's thread (it connects with Qt::AutoConnection: direct when
 * it shares the engine's thread, as with `new TelemetryRecorder(&engine, stateDir, &engine)`).
 * Failures to open or write are reported by errorString(), never thrown.
 */
class LWB_CORE_EXPORT TelemetryRecorder : public QObject
{
    Q_OBJECT

public:
    /** Records @p engine's Journal into `<stateDir>/telemetry.sqlite`; reads function defaults
     *  (architecture, ephemeral storage) from @p engine for records that do not carry them. */
    TelemetryRecorder(Engine *engine, const QString &stateDir, QObject *parent = nullptr);
    /** Records @p journal (the simulator's, a test's) into `<stateDir>/telemetry.sqlite`. */
    TelemetryRecorder(Journal *journal, const QString &stateDir, QObject *parent = nullptr);
    ~TelemetryRecorder() override;

    bool isOpen() const { return m_store.isOpen(); }
    QString errorString() const { return m_error; }
    QString databasePath() const { return m_path; }
    qint64 sessionId() const { return m_sessionId; }

    void setFlushIntervalMs(int ms) { m_timer.setInterval(ms); }
    int flushIntervalMs() const { return m_timer.interval(); }
    void setMaxBatchRecords(int records) { m_maxBatchRecords = records; }

    /** The function defaults used when records say nothing of architecture or storage. */
    void setFunctionDefaults(const QString &functionName, const InvocationTracker::FunctionDefaults &defaults);

    /** Totals since this recorder started (its CostModel). */
    const CostModel &costs() const { return m_costs; }

    /** Takes one record (connected to Journal::recordAppended). */
    void record(const Lwb::JournalRecord &record);
    /** Writes what is pending now, and waits for earlier background writes. */
    bool flush();

Q_SIGNALS:
    /** A batch of @p records journal records reached the database. */
    void flushed(int records);

private:
    void attach(Journal *journal, const QString &stateDir);
    /** Hands the pending batch to the writer thread (the timer's and the batch limit's path). */
    void writeInBackground();
    void learnFunction(const QString &functionName);

    QPointer<Engine> m_engine;
    QString m_path;
    QString m_error;
    TelemetryStore m_store;
    qint64 m_sessionId = 0;
    MetricStore m_metrics;
    CostModel m_costs;
    TelemetryBatch m_batch;
    QHash<QString, int> m_streamIndex; ///< function + '\n' + stream → index in m_batch.logStreams
    QHash<QString, bool> m_knownFunctions;
    int m_pendingRecords = 0;
    int m_maxBatchRecords = 5000;
    int m_batchesSincePrune = 0; ///< touched by the writer thread only
    QTimer m_timer;
    QThreadPool m_writer;      ///< one thread: batches reach SQLite in order, off the engine's loop
};

} // namespace Lwb
