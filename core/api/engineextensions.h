// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>

#include <functional>
#include <vector>

namespace Lwb {

class Engine;
class InvokeApiServer;

/** What an engine extension is told when `lwb local start-lambda` (or another host) sets up. */
struct LWB_CORE_EXPORT EngineExtensionContext
{
    QString templatePath; ///< the SAM template the functions came from (absolute)
    QString projectDir;   ///< the folder of the template (where .aws-sam/ and local state go)
    bool startTriggers = true; ///< run the functions' event sources (schedules, …) from plugins
};

/**
 * Components that attach themselves to an Engine before it serves requests: the persistent
 * async queue (Engine::setAsyncSink), the telemetry recorder (journal listeners), …
 *
 * Each extension registers once, at static-initialisation time, with an
 * EngineExtensionRegistration in its own .cpp (like the CLI's commands). A host calls
 * attachAll() once per Engine, after Engine::setFunctions() and before listening. Whatever an
 * extension creates should be parented to the Engine (or otherwise end with it): the host
 * destroys the engine last. Attach functions run on the engine's thread, in registration
 * order, sorted by @c order (lower first).
 */
class LWB_CORE_EXPORT EngineExtensions
{
public:
    using Attach = std::function<void(Engine &engine, const EngineExtensionContext &context)>;
    /** The second phase, once the host has its Invoke API server: add routes and filters. */
    using AttachApi =
        std::function<void(InvokeApiServer &server, const EngineExtensionContext &context)>;

    struct Extension
    {
        QString name; ///< for diagnostics, e.g. "async-queue", "telemetry"
        int order = 0;
        Attach attach;
        AttachApi attachApi = {}; ///< optional: for extensions that serve HTTP operations
    };

    static void add(Extension extension);
    static const std::vector<Extension> &all();
    /** Calls every registered extension's attach() on @p engine. */
    static void attachAll(Engine &engine, const EngineExtensionContext &context);
    /**
     * Calls every registered extension's attachApi() on @p server (a host that serves the
     * Lambda API calls it after attachAll() and before listening).
     */
    static void attachAllApi(InvokeApiServer &server, const EngineExtensionContext &context);
};

/** `static const EngineExtensionRegistration r({u"telemetry"_s, 0, attachTelemetry});` */
struct EngineExtensionRegistration
{
    explicit EngineExtensionRegistration(EngineExtensions::Extension extension)
    {
        EngineExtensions::add(std::move(extension));
    }
};

} // namespace Lwb
