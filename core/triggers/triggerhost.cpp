// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggerhost.h"

#include "pluginmanager.h"
#include "triggerfactory.h"

#include "api/engineextensions.h"
#include "engine/engine.h"

#include <QtCore/QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTriggers, "lwb.core.triggers")

namespace Lwb {

TriggerHost::TriggerHost(Engine *engine, const QString &projectDir, PluginManager *plugins)
    : QObject(engine)
    , m_engine(engine)
    , m_projectDir(projectDir)
    , m_plugins(plugins)
{
}

TriggerHost::~TriggerHost()
{
    stopAll();
}

void TriggerHost::startAll()
{
    stopAll();
    for (const FunctionConfig &f : m_engine->functions()) {
        for (auto it = f.events.begin(); it != f.events.end(); ++it) {
            const QString type = QString::fromStdString(it.value().value("Type", std::string()));
            TriggerFactory *factory = m_plugins->factoryForEventType(type);
            if (!factory || factory->servesNetwork()) {
                continue; // network sources (start-api's gateway) are started by their command
            }
            const QString where = u"%1 %2 (%3)"_s.arg(f.logicalId, QString::fromStdString(it.key()), type);
            QStringList errors;
            const nlohmann::json properties =
                factory->validate(type, it.value().value("Properties", nlohmann::json::object()), &errors);
            if (properties.is_null()) {
                m_problems << where + u": "_s + errors.join(u"; "_s);
                continue;
            }
            TriggerContext context;
            context.engine = m_engine;
            context.projectDir = m_projectDir;
            context.functionLogicalId = f.logicalId;
            context.eventName = QString::fromStdString(it.key());
            context.eventType = type;
            context.properties = properties;
            QString error;
            std::unique_ptr<TriggerSource> source = factory->createSource(context, &error);
            if (!source || !source->start(&error)) {
                m_problems << where + u": "_s + error;
                continue;
            }
            connect(source.get(), &TriggerSource::problem, this, [where](const QString &message) {
                qCWarning(lcTriggers, "%s: %s", qPrintable(where), qPrintable(message));
            });
            m_started << where;
            m_sources.push_back(std::move(source));
        }
    }
    for (const QString &p : std::as_const(m_problems)) {
        qCWarning(lcTriggers, "%s", qPrintable(p));
    }
}

void TriggerHost::stopAll()
{
    for (const auto &source : m_sources) {
        source->stop();
    }
    m_sources.clear();
    m_started.clear();
    m_problems.clear();
}

namespace {

void attachTriggers(Engine &engine, const EngineExtensionContext &context)
{
    if (!context.startTriggers) {
        return;
    }
    auto *plugins = new PluginManager(&engine);
    plugins->loadAll();
    for (const QString &e : plugins->errors()) {
        qCWarning(lcTriggers, "plugin rejected: %s", qPrintable(e));
    }
    auto *host = new TriggerHost(&engine, context.projectDir, plugins);
    host->setObjectName(u"triggers"_s);
    host->startAll();
    for (const QString &s : host->started()) {
        qCInfo(lcTriggers, "trigger started: %s", qPrintable(s));
    }
}

// After the async queue (order 0): sources deliver Event invocations through it.
const EngineExtensionRegistration triggersRegistration({u"triggers"_s, 10, attachTriggers});

} // namespace

} // namespace Lwb
