// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The SQS trigger plugin: a thin adapter over sqsmapping/sqsevent (unit-tested on their own)
// and a poller that runs Lambda's SQS event source mapping over the project's local queues.
#include "sqsevent.h"
#include "sqsmapping.h"

#include "engine/engine.h"
#include "engine/timescale.h"
#include "store/asyncstore.h"
#include "triggers/eventcatalogue.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace Lwb::Sqs {

namespace {

/// Lambda's synchronous payload limit: a batch whose event is larger is split.
constexpr qsizetype kMaxPayloadBytes = 6 * 1024 * 1024;

/**
 * One SQS event source mapping: polls its queue in the project's store, hands batches to the
 * engine synchronously (at most the mapping's concurrency at once), deletes what succeeded and
 * leaves the rest to reappear after the queue's visibility timeout; the store moves a message
 * received maxReceiveCount times to the queue's dead-letter queue.
 */
class QueuePoller : public TriggerSource
{
public:
    QueuePoller(const TriggerContext &context, Mapping mapping)
        : m_context(context), m_mapping(std::move(mapping))
    {
        // Other processes (lwb local sqs send) write the queue too: look often, it is cheap.
        m_timer.setInterval(int(qBound(qint64(10), TimeScale::scaledMs(1000), qint64(100))));
        connect(&m_timer, &QTimer::timeout, this, [this] { poll(); });
    }

    bool start(QString *error) override
    {
        const QString storePath = QDir(m_context.projectDir).filePath(u".lwb/async.sqlite"_s);
        if (!m_store.open(storePath, error)) {
            return false;
        }
        const std::vector<QueueDefinition> queues = m_store.queueDefinitions();
        QString why;
        const QString name = QueueDefinition::resolve(queues, m_mapping.queue, &why);
        if (name.isEmpty()) {
            *error = u"Queue: "_s + why;
            return false;
        }
        m_queue = *std::find_if(queues.begin(), queues.end(),
                                [&](const QueueDefinition &q) { return q.logicalId == name; });
        if (m_queue.fifo && m_mapping.batchSize > Mapping::kMaxFifoBatchSize) {
            *error = u"BatchSize %1 is too large for the FIFO queue %2 (at most %3)"_s
                         .arg(m_mapping.batchSize)
                         .arg(name)
                         .arg(Mapping::kMaxFifoBatchSize);
            return false;
        }
        m_stopped = false;
        if (m_mapping.enabled) {
            m_timer.start();
            QTimer::singleShot(0, this, [this] { poll(); });
        }
        return true;
    }

    void stop() override
    {
        m_stopped = true;
        m_timer.stop();
    }

private:
    void poll()
    {
        if (m_stopped) {
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 windowMs =
            TimeScale::scaledMs(qint64(m_mapping.maximumBatchingWindowSeconds) * 1000);
        while (m_inFlight < m_mapping.concurrency()) {
            const QueueInfo info = m_store.queueInfo(m_queue.logicalId, now);
            if (info.available == 0) {
                m_windowStartMs = 0;
                return;
            }
            // The batching window: wait for a full batch, at most the window from the first
            // message.
            if (windowMs > 0 && info.available < m_mapping.batchSize) {
                if (m_windowStartMs == 0) {
                    m_windowStartMs = now;
                }
                if (now - m_windowStartMs < windowMs) {
                    return;
                }
            }
            m_windowStartMs = 0;
            int redriven = 0;
            std::vector<QueueMessage> messages = m_store.receiveMessages(
                m_queue.logicalId, m_mapping.batchSize,
                TimeScale::scaledMs(qint64(m_queue.visibilityTimeoutSeconds) * 1000), now,
                &redriven);
            if (messages.empty()) {
                if (redriven == 0) {
                    return; // what is visible belongs to FIFO groups in flight
                }
                continue;
            }
            deliver(filtered(std::move(messages)));
        }
    }

    // Messages FilterCriteria lets through; Lambda deletes the others from the queue.
    std::vector<QueueMessage> filtered(std::vector<QueueMessage> messages)
    {
        if (m_mapping.filters.empty()) {
            return messages;
        }
        const EngineOptions &o = m_context.engine->options();
        std::vector<QueueMessage> kept;
        QStringList dropped;
        for (QueueMessage &m : messages) {
            if (m_mapping.passes(Sqs::record(m, m_queue, o.region, o.accountId))) {
                kept.push_back(std::move(m));
            } else {
                dropped << m.receiptHandle;
            }
        }
        if (!dropped.isEmpty() && m_store.deleteMessages(m_queue.logicalId, dropped) < 0) {
            Q_EMIT problem(u"cannot delete filtered messages: "_s + m_store.lastError());
        }
        return kept;
    }

    void deliver(std::vector<QueueMessage> messages)
    {
        if (messages.empty()) {
            return;
        }
        const EngineOptions &o = m_context.engine->options();
        QByteArray payload =
            QByteArray::fromStdString(Sqs::event(messages, m_queue, o.region, o.accountId).dump());
        if (payload.size() > kMaxPayloadBytes && messages.size() > 1) {
            std::vector<QueueMessage> second(
                std::make_move_iterator(messages.begin() + messages.size() / 2),
                std::make_move_iterator(messages.end()));
            messages.resize(messages.size() / 2);
            deliver(std::move(messages));
            deliver(std::move(second));
            return;
        }
        QHash<QString, QString> handles; // messageId → receipt handle
        for (const QueueMessage &m : messages) {
            handles.insert(m.messageId, m.receiptHandle);
        }
        InvokeRequest request;
        request.functionName = m_context.functionLogicalId;
        request.type = InvocationType::RequestResponse; // Lambda polls and invokes synchronously
        request.source = u"sqs"_s;
        request.payload = std::move(payload);
        ++m_inFlight;
        QPointer<QueuePoller> self(this);
        m_context.engine->invoke(request, [self, handles](const InvokeResult &result) {
            if (self) {
                self->finished(handles, result);
            }
        });
    }

    void finished(const QHash<QString, QString> &handles, const InvokeResult &result)
    {
        --m_inFlight;
        // Not deleted: throttles, errors and failed items come back after the visibility timeout.
        QStringList done;
        if (result.isServiceError()) {
            Q_EMIT problem(
                u"%1: %2 (the batch of %3 message(s) becomes visible again after the "
                "visibility timeout)"_s.arg(result.serviceErrorCode, result.serviceErrorMessage)
                    .arg(handles.size()));
        } else if (!result.functionError) {
            std::optional<QSet<QString>> failed = QSet<QString>();
            if (m_mapping.reportBatchItemFailures) {
                const QStringList ids = handles.keys();
                failed = failedItems(result.payload, QSet<QString>(ids.begin(), ids.end()));
                if (!failed) {
                    Q_EMIT problem(
                        u"the function's partial batch response is not a valid "
                        "{\"batchItemFailures\": [{\"itemIdentifier\": messageId}]}: the "
                        "whole batch counts as failed"_s);
                }
            }
            if (failed) {
                for (auto it = handles.begin(); it != handles.end(); ++it) {
                    if (!failed->contains(it.key())) {
                        done << it.value();
                    }
                }
            }
        }
        if (!done.isEmpty() && m_store.deleteMessages(m_queue.logicalId, done) < 0) {
            Q_EMIT problem(u"cannot delete processed messages: "_s + m_store.lastError());
        }
        QTimer::singleShot(0, this, [this] { poll(); });
    }

    TriggerContext m_context;
    Mapping m_mapping;
    QueueDefinition m_queue;
    AsyncStore m_store;
    QTimer m_timer;
    int m_inFlight = 0;
    qint64 m_windowStartMs = 0;
    bool m_stopped = true;
};

} // namespace

class SqsPlugin : public QObject, public TriggerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerFactory_iid FILE "sqs.json")
    Q_INTERFACES(Lwb::TriggerFactory)

public:
    QStringList eventTypes() const override { return {u"SQS"_s}; }
    QString displayName() const override { return u"SQS queue (local)"_s; }

    nlohmann::json validate(const QString &, const nlohmann::json &properties,
                            QStringList *errors) const override
    {
        const std::optional<Mapping> m = Mapping::parse(properties, errors);
        return m ? m->toJson() : nlohmann::json();
    }

    // The sqs templates live in resources/events/ (the event catalogue).
    std::vector<TriggerEventTemplate> eventTemplates() const override
    {
        return EventCatalogue().templates(u"sqs"_s);
    }

    std::unique_ptr<TriggerSource> createSource(const TriggerContext &context,
                                                QString *error) const override
    {
        QStringList errors;
        std::optional<Mapping> m = Mapping::parse(context.properties, &errors);
        if (!m) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        if (context.projectDir.isEmpty() || !context.engine) {
            *error = u"no project folder to keep the queue in"_s;
            return nullptr;
        }
        return std::make_unique<QueuePoller>(context, std::move(*m));
    }
};

} // namespace Lwb::Sqs

#include "sqsplugin.moc"
