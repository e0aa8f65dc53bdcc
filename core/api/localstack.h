// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include "api/engineextensions.h"
#include "auth/apiauthorizer.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtNetwork/QHostAddress>

#include <memory>

namespace Lwb {

class Engine;
class InvokeApiServer;
class PluginManager;
class TriggerSource;

/** What LocalStack serves, and where. */
struct LWB_CORE_EXPORT LocalStackSettings
{
    bool invokeApi = true;  ///< the Lambda Invoke and control-plane API
    bool httpApi = true;    ///< the API Gateway routes (the http-api plugin's gateway)
    bool startTriggers = true; ///< the plugins' other event sources (S3, Schedule, SQS…)
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    QString hostText = QStringLiteral("127.0.0.1");
    quint16 lambdaPort = 3001; ///< 0: a free port
    quint16 apiPort = 3000;    ///< 0: a free port
    /** When a port is taken, take a free one instead of failing (the GUI; not the CLI). */
    bool fallBackToFreePorts = false;
    QString jwksPath; ///< a JSON Web Key Set for JWT authorizers; empty: signatures unchecked
    ApiAuthSettings auth;
};

/**
 * The whole local stack of a project on one engine, as `lwb local start` and the workbench
 * window run it: attaches the engine extensions (async queue, telemetry, the plugins' event
 * sources…), then serves the Invoke API and the HTTP API gateway. Lives on the engine's
 * thread and does not own the engine, which must outlive it.
 */
class LWB_CORE_EXPORT LocalStack : public QObject
{
    Q_OBJECT

public:
    explicit LocalStack(Engine *engine, QObject *parent = nullptr);
    ~LocalStack() override;

    /**
     * Attaches the extensions for the template at @p templatePath and starts what @p settings
     * ask for; false with @p error (nothing left listening, the extensions still attached)
     * when a service cannot.
     * Call once, after Engine::setFunctions().
     */
    bool start(const QString &templatePath, const LocalStackSettings &settings, QString *error);
    /** Stops listening; in-flight requests are answered. Idempotent. */
    void stop();

    const EngineExtensionContext &context() const { return m_context; }
    /** The Invoke API, or null when not served. */
    InvokeApiServer *invokeApi() const { return m_invokeApi.get(); }
    /** "http://127.0.0.1:3001", empty when not served. */
    QString lambdaUrl() const;
    /** "http://127.0.0.1:3000", empty when not served. */
    QString apiUrl() const;
    /** The gateway's routes, "Function\tMETHOD\tpath" each. */
    QStringList apiRoutes() const;

Q_SIGNALS:
    /** Something the user should see from the gateway (a rejected request…). */
    void problem(const QString &message);

private:
    bool startInvokeApi(const LocalStackSettings &settings, QString *error);
    bool startGateway(const LocalStackSettings &settings, QString *error);

    Engine *m_engine;
    EngineExtensionContext m_context;
    std::unique_ptr<InvokeApiServer> m_invokeApi;
    std::unique_ptr<PluginManager> m_plugins;
    std::unique_ptr<TriggerSource> m_gateway;
};

} // namespace Lwb
