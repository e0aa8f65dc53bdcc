// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <memory>
#include <vector>

namespace Lwb {

class Engine;
class PluginManager;
class TriggerSource;

/**
 * Runs the event sources of a project's functions: for every entry of a function's Events
 * whose type a loaded plugin handles, validates its Properties and starts a source that
 * submits invocations to the engine (schedules fire, watched folders notify…). Events no
 * plugin handles are left alone (the Invoke API still reaches the function).
 *
 * Hosts get one through EngineExtensions (`lwb local start-lambda`, the GUI) unless they
 * turn triggers off. Lives on the engine's thread; a child of the engine.
 */
class LWB_CORE_EXPORT TriggerHost : public QObject
{
    Q_OBJECT

public:
    TriggerHost(Engine *engine, const QString &projectDir, PluginManager *plugins);
    ~TriggerHost() override;

    /** Starts a source for every handled event of the engine's functions. */
    void startAll();
    void stopAll();

    /** "Function Event (Type): started" lines, and what could not start and why. */
    QStringList started() const { return m_started; }
    QStringList problems() const { return m_problems; }

private:
    Engine *m_engine;
    QString m_projectDir;
    PluginManager *m_plugins;
    std::vector<std::unique_ptr<TriggerSource>> m_sources;
    QStringList m_started;
    QStringList m_problems;
};

} // namespace Lwb
