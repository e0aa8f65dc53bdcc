// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "localstack.h"

#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace Lwb {

LocalStack::LocalStack(Engine *engine, QObject *parent) : QObject(parent), m_engine(engine) {}

LocalStack::~LocalStack()
{
    stop();
}

bool LocalStack::start(const QString &templatePath, const LocalStackSettings &settings,
                       QString *error)
{
    m_context.templatePath = QFileInfo(templatePath).absoluteFilePath();
    m_context.projectDir = QFileInfo(templatePath).absolutePath();
    m_context.startTriggers = settings.startTriggers;

    // Components other areas own attach through EngineExtensions (core/api/engineextensions.h):
    // the persistent async queue, the telemetry recorder, the plugins' event sources.
    EngineExtensions::attachAll(*m_engine, m_context);
    if (settings.invokeApi && !startInvokeApi(settings, error)) {
        stop();
        return false;
    }
    if (settings.httpApi && !startGateway(settings, error)) {
        stop();
        return false;
    }
    return true;
}

bool LocalStack::startInvokeApi(const LocalStackSettings &settings, QString *error)
{
    m_invokeApi = std::make_unique<InvokeApiServer>(m_engine);
    settings.auth.applyTo(*m_invokeApi);
    EngineExtensions::attachAllApi(*m_invokeApi, m_context);
    QString why;
    if (m_invokeApi->listen(settings.host, settings.lambdaPort, &why)) {
        return true;
    }
    if (settings.fallBackToFreePorts && settings.lambdaPort != 0
        && m_invokeApi->listen(settings.host, 0, &why)) {
        return true;
    }
    *error = u"cannot listen on %1:%2: %3"_s.arg(settings.hostText).arg(settings.lambdaPort).arg(why);
    return false;
}

bool LocalStack::startGateway(const LocalStackSettings &settings, QString *error)
{
    // The gateway is the http-api plugin's: without it there is no HTTP API to serve.
    m_plugins = std::make_unique<PluginManager>();
    m_plugins->loadAll();
    TriggerFactory *factory = m_plugins->factoryForEventType(u"Api"_s);
    if (!factory || !factory->servesNetwork()) {
        *error = u"the http-api plugin is not installed (see `lwb plugins`)"_s;
        for (const QString &e : m_plugins->errors()) {
            *error += u"\n  "_s + e;
        }
        return false;
    }
    auto gatewayFor = [&](quint16 port, QString *why) -> std::unique_ptr<TriggerSource> {
        TriggerContext context;
        context.engine = m_engine;
        context.projectDir = m_context.projectDir;
        context.eventType = u"Api"_s;
        context.properties = {{"gateway",
                               {{"templatePath", m_context.templatePath.toStdString()},
                                {"host", settings.hostText.toStdString()},
                                {"port", port},
                                {"jwks", settings.jwksPath.toStdString()}}}};
        std::unique_ptr<TriggerSource> gateway = factory->createSource(context, why);
        if (!gateway || !gateway->start(why)) {
            return nullptr;
        }
        return gateway;
    };
    QString why;
    m_gateway = gatewayFor(settings.apiPort, &why);
    if (!m_gateway && settings.fallBackToFreePorts && settings.apiPort != 0) {
        m_gateway = gatewayFor(0, &why);
    }
    if (!m_gateway) {
        *error = u"cannot serve the API on %1:%2: %3"_s.arg(settings.hostText).arg(settings.apiPort).arg(why);
        return false;
    }
    connect(m_gateway.get(), &TriggerSource::problem, this, &LocalStack::problem);
    return true;
}

void LocalStack::stop()
{
    if (m_gateway) {
        m_gateway->stop();
        m_gateway.reset();
    }
    if (m_invokeApi) {
        m_invokeApi->close();
    }
}

QString LocalStack::lambdaUrl() const
{
    return m_invokeApi && m_invokeApi->isListening() ? m_invokeApi->baseUrl() : QString();
}

QString LocalStack::apiUrl() const
{
    return m_gateway ? m_gateway->property("baseUrl").toString() : QString();
}

QStringList LocalStack::apiRoutes() const
{
    return m_gateway ? m_gateway->property("routes").toStringList() : QStringList();
}

} // namespace Lwb
