// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginehost.h"

#include "engine/ids.h"
#include "engine/stepgate.h"

#include <QtCore/QFileInfo>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kBatchIntervalMs = 16;

} // namespace

EngineHost::EngineHost(QObject *parent) : QObject(parent) {}

EngineHost::~EngineHost()
{
    stop();
}

void EngineHost::start(const std::vector<FunctionConfig> &functions, const QString &templatePath,
                       const EngineOptions &options)
{
    stop();
    m_options = options;
    m_functions = functions;
    m_thread = new QThread(this);
    m_thread->setObjectName(u"engine"_s);
    m_engine = new Engine(options);
    m_engine->moveToThread(m_thread);
    m_thread->start();
    const QString path = QFileInfo(templatePath).absoluteFilePath();
    Engine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [this, engine, functions, path, services = m_services] {
            setUp(engine, functions, path, services);
        },
        Qt::QueuedConnection);
}

LocalStackSettings EngineHost::defaultServices()
{
    LocalStackSettings services;
    services.fallBackToFreePorts = true;
    return services;
}

void EngineHost::setUp(Engine *engine, const std::vector<FunctionConfig> &functions,
                       const QString &templatePath, const LocalStackSettings &services)
{
    // The engine's thread from here on: `this` is only posted to.
    connect(engine, &Engine::warningRaised, engine, [this](const QString &message) {
        QMetaObject::invokeMethod(
            this, [this, message] { Q_EMIT warningRaised(message); }, Qt::QueuedConnection);
    });
    // The window gets every record through recordsAppended(); the journal keeps none.
    engine->journal()->setCapacity(0);
    engine->setFunctions(functions);
    // What `lwb local start` runs, on this engine; deleted before it in stop().
    auto *stack = new LocalStack(engine, engine);
    QString error;
    const bool started = stack->start(templatePath, services, &error);
    const QString apiUrl = stack->apiUrl();
    const QString lambdaUrl = stack->lambdaUrl();
    QMetaObject::invokeMethod(
        this,
        [this, apiUrl, lambdaUrl, error = started ? QString() : error] {
            m_apiUrl = apiUrl;
            m_lambdaUrl = lambdaUrl;
            Q_EMIT servicesStarted(apiUrl, lambdaUrl, error);
        },
        Qt::QueuedConnection);

    // Records are collected on the engine's thread and handed over in batches.
    auto *timer = new QTimer(engine);
    timer->setSingleShot(true);
    timer->setInterval(kBatchIntervalMs);
    auto pending = std::make_shared<std::vector<JournalRecord>>();
    connect(engine->journal(), &Journal::recordAppended, engine,
            [timer, pending](const JournalRecord &record) {
                pending->push_back(record);
                if (!timer->isActive()) {
                    timer->start();
                }
            });
    connect(timer, &QTimer::timeout, engine, [this, pending] {
        std::vector<JournalRecord> batch;
        batch.swap(*pending);
        QMetaObject::invokeMethod(
            this, [this, batch = std::move(batch)] { Q_EMIT recordsAppended(batch); },
            Qt::QueuedConnection);
    });

    StepGate *gate = engine->stepGate();
    auto report = [this, gate] {
        const bool paused = gate->isPaused();
        const int waiting = gate->waiting();
        const QString next = gate->next();
        QMetaObject::invokeMethod(
            this,
            [this, paused, waiting, next] {
                m_paused = paused;
                m_waiting = waiting;
                m_next = next;
                Q_EMIT stepGateChanged(paused, waiting, next);
            },
            Qt::QueuedConnection);
    };
    connect(gate, &StepGate::pausedChanged, engine, report);
    connect(gate, &StepGate::waitingChanged, engine, report);
}

void EngineHost::stop()
{
    if (!m_engine) {
        return;
    }
    Engine *engine = m_engine;
    m_engine = nullptr;
    // Environments end and the extensions flush on the engine's own thread.
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->stepGate()->resume();
            delete engine->findChild<LocalStack *>(QString(), Qt::FindDirectChildrenOnly);
            engine->shutdownAll();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_apiUrl.clear();
    m_lambdaUrl.clear();
    if (m_paused || m_waiting > 0) {
        m_paused = false;
        m_waiting = 0;
        m_next.clear();
        Q_EMIT stepGateChanged(false, 0, {});
    }
}

QString EngineHost::invoke(InvokeRequest request)
{
    if (request.requestId.isEmpty()) {
        request.requestId = Ids::requestId();
    }
    if (request.source.isEmpty()) {
        request.source = u"gui"_s;
    }
    if (!m_engine) {
        InvokeResult refused = InvokeResult::serviceError(
            request.requestId, 503, u"ServiceException"_s, tr("No project is open."));
        QMetaObject::invokeMethod(
            this, [this, request, refused] { Q_EMIT invocationFinished(request, refused); },
            Qt::QueuedConnection);
        return request.requestId;
    }
    Engine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [this, engine, request] {
            engine->invoke(request, [this, request](const InvokeResult &result) {
                QMetaObject::invokeMethod(
                    this, [this, request, result] { Q_EMIT invocationFinished(request, result); },
                    Qt::QueuedConnection);
            });
        },
        Qt::QueuedConnection);
    return request.requestId;
}

void EngineHost::pause()
{
    if (m_engine) {
        QMetaObject::invokeMethod(m_engine->stepGate(), &StepGate::pause, Qt::QueuedConnection);
    }
}

void EngineHost::step()
{
    if (m_engine) {
        QMetaObject::invokeMethod(m_engine->stepGate(), &StepGate::step, Qt::QueuedConnection);
    }
}

void EngineHost::resume()
{
    if (m_engine) {
        QMetaObject::invokeMethod(m_engine->stepGate(), &StepGate::resume, Qt::QueuedConnection);
    }
}

} // namespace Lwb
