// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <functional>
#include <memory>
#include <vector>

class QPluginLoader;

namespace Lwb {

class TriggerFactory;

/** What a plugin file declares (its JSON metadata) and what became of it. */
struct LWB_CORE_EXPORT PluginSpec
{
    QString fileName;      ///< absolute path of the module
    QString iid;           ///< the interface it was built against
    QString id;            ///< MetaData.Id, e.g. "http-api"
    QString name;          ///< MetaData.Name
    QString version;       ///< MetaData.Version: the workbench version it was built for
    QString compatVersion; ///< MetaData.CompatVersion: the oldest workbench it works with
    QString description;
    QStringList triggerTypes; ///< SAM event types it handles, e.g. {"Api", "HttpApi"}
    QStringList eventServices; ///< MetaData.EventServices: event-catalogue services it owns, e.g. {"s3"}
    QString error;         ///< why it was rejected or failed to load; empty when loaded
    TriggerFactory *factory = nullptr; ///< the instance, owned by its loader; null unless loaded
    QObject *instance = nullptr; ///< the plugin object of any interface (the GUI's editor halves too)

    bool isLoaded() const { return instance != nullptr; }
};

/**
 * Finds trigger plugins, checks their JSON metadata *before* loading them (interface id,
 * required fields and types, version range, duplicate ids, trigger types and EventServices),
 * and loads the valid ones. Problems are recorded per plugin, for an "About Plugins" view and
 * `lwb plugins`; nothing is fatal. An ordinary object: hosts (the CLI, the GUI, tests) own one each.
 *
 * Load order is deterministic: search paths in order, file names sorted within each; the first
 * plugin with an id wins. Use from one thread.
 */
class LWB_CORE_EXPORT PluginManager : public QObject
{
    Q_OBJECT

public:
    /** The workbench version plugins are checked against (the project version). */
    static QString hostVersion();
    /** Plugins built for a workbench older than this are rejected (ABI policy, CONTRIBUTING.md). */
    static QString oldestCompatibleVersion();

    explicit PluginManager(QObject *parent = nullptr);
    /**
     * Loads modules built for @p interfaceId instead of LwbTriggerFactory_iid: the GUI's trigger
     * editor halves (app/gui/triggereditormanager.h) reuse the search and the checks this way.
     * Either kind skips the workbench's other plugin kinds in the same folder without an error
     * (an IID "org.lambdaworkbench.<Other>/…"); other IIDs, other versions of its own included,
     * are rejected.
     */
    explicit PluginManager(const QString &interfaceId, QObject *parent = nullptr);
    ~PluginManager() override;

    QString interfaceId() const { return m_interfaceId; }
    /**
     * A further check of each module's metadata, after the built-in ones and before the module is
     * loaded: returns why @p spec is rejected, or an empty string. The editor halves use it to
     * require their core half.
     */
    void setMetadataCheck(std::function<QString(const PluginSpec &spec)> check)
    {
        m_metadataCheck = std::move(check);
    }

    /**
     * LWB_PLUGIN_PATH (colon-separated) first, then the build tree's plugin folder when
     * running uninstalled, then the plugin folder of the running program's installation
     * (relative to its bin/), then the configured install prefix's.
     */
    static QStringList defaultSearchPaths();
    void setSearchPaths(const QStringList &paths) { m_searchPaths = paths; }
    QStringList searchPaths() const { return m_searchPaths; }

    /** Scans the search paths and loads what is valid; calling it again rescans. */
    void loadAll();

    const std::vector<PluginSpec> &plugins() const { return m_plugins; }
    /** "file: reason" for every plugin that was rejected or failed to load. */
    QStringList errors() const;
    /** Factories of the loaded plugins, in load order. */
    std::vector<TriggerFactory *> factories() const;
    /** The factory that handles SAM event type @p eventType, or null. */
    TriggerFactory *factoryForEventType(const QString &eventType) const;
    /** The loaded plugin whose EventServices lists @p service (EventCatalogue), or null. */
    const PluginSpec *pluginForEventService(const QString &service) const;

private:
    void consider(const QString &fileName);

    QString m_interfaceId;
    std::function<QString(const PluginSpec &)> m_metadataCheck;
    QStringList m_searchPaths;
    std::vector<PluginSpec> m_plugins;
    std::vector<std::unique_ptr<QPluginLoader>> m_loaders;
};

} // namespace Lwb
