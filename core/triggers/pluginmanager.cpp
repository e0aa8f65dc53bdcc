// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pluginmanager.h"

#include "triggerfactory.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QLibrary>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPluginLoader>
#include <QtCore/QRegularExpression>
#include <QtCore/QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPlugins, "lwb.core.plugins")

namespace Lwb {

namespace {

/** A required string field of the metadata; empty and an error when missing or not a string. */
QString requiredString(const QJsonObject &meta, const QString &key, QStringList *problems)
{
    const QJsonValue value = meta.value(key);
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        problems->append(value.isUndefined() ? u"MetaData.%1 is missing"_s.arg(key)
                                             : u"MetaData.%1 must be a non-empty string"_s.arg(key));
        return {};
    }
    return value.toString();
}

QVersionNumber parseVersion(const QString &text, const QString &key, QStringList *problems)
{
    if (text.isEmpty()) {
        return {};
    }
    qsizetype suffix = 0;
    const QVersionNumber v = QVersionNumber::fromString(text, &suffix);
    if (v.isNull() || suffix != text.size()) {
        problems->append(u"MetaData.%1 \"%2\" is not a version (like 1.2.0)"_s.arg(key, text));
        return {};
    }
    return v;
}

} // namespace

QString PluginManager::hostVersion()
{
    return QStringLiteral(LWB_VERSION);
}

QString PluginManager::oldestCompatibleVersion()
{
    return u"0.1.0"_s;
}

PluginManager::PluginManager(QObject *parent)
    : PluginManager(QStringLiteral(LwbTriggerFactory_iid), parent)
{
}

PluginManager::PluginManager(const QString &interfaceId, QObject *parent)
    : QObject(parent)
    , m_interfaceId(interfaceId)
    , m_searchPaths(defaultSearchPaths())
{
}

// Loaders are not unloaded: a plugin's code may still be referenced (its factories, the
// sources they made, static data) until the process ends.
PluginManager::~PluginManager() = default;

QStringList PluginManager::defaultSearchPaths()
{
    QStringList paths;
    const QString fromEnvironment = qEnvironmentVariable("LWB_PLUGIN_PATH");
    for (const QString &p : fromEnvironment.split(u':', Qt::SkipEmptyParts)) {
        paths << QDir(p).absolutePath();
    }
    // The build tree's plugins, for programs running from that build tree (not once installed).
    const QString buildTree = QStringLiteral(LWB_BUILD_PLUGIN_DIR);
    const QString buildRoot = QFileInfo(buildTree).absolutePath() + u'/';
    const bool runningFromBuildTree = !QCoreApplication::instance() ||
                                      (QCoreApplication::applicationDirPath() + u'/').startsWith(buildRoot);
    if (runningFromBuildTree && QFileInfo(buildTree).isDir()) {
        paths << buildTree;
    }
    // Installed: next to the running program's own installation, wherever its prefix is
    // (bin/lwb → lib/…/lambda-workbench/plugins), then the configured prefix.
    if (QCoreApplication::instance()) {
        const QString relative = QCoreApplication::applicationDirPath() + u"/../"_s +
                                 QStringLiteral(LWB_INSTALL_LIBDIR) + u"/lambda-workbench/plugins"_s;
        if (QFileInfo(relative).isDir()) {
            paths << QDir::cleanPath(relative);
        }
    }
    paths << QStringLiteral(LWB_INSTALLED_PLUGIN_DIR);
    paths.removeDuplicates();
    return paths;
}

void PluginManager::loadAll()
{
    m_plugins.clear();
    for (const QString &path : std::as_const(m_searchPaths)) {
        const QDir dir(path);
        if (!dir.exists()) {
            continue;
        }
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QString fileName = dir.absoluteFilePath(file);
            if (QLibrary::isLibrary(fileName)) {
                consider(fileName);
            }
        }
    }
}

void PluginManager::consider(const QString &fileName)
{
    PluginSpec spec;
    spec.fileName = fileName;
    auto reject = [&](const QString &why) {
        spec.error = why;
        qCWarning(lcPlugins, "%s: %s", qPrintable(fileName), qPrintable(why));
        m_plugins.push_back(spec);
    };

    // Everything below is read from the file without loading (and running) its code.
    auto loader = std::make_unique<QPluginLoader>(fileName);
    const QJsonObject data = loader->metaData();
    if (data.isEmpty()) {
        reject(u"not a Qt plugin (no plugin metadata)"_s);
        return;
    }
    spec.iid = data.value(u"IID"_s).toString();
    if (spec.iid != m_interfaceId) {
        // Core and editor halves share one folder: the other kind is not ours, and not an error.
        const QString interfaceName = spec.iid.section(u'/', 0, 0);
        if (interfaceName.startsWith(u"org.lambdaworkbench."_s) &&
            interfaceName != m_interfaceId.section(u'/', 0, 0)) {
            return;
        }
        reject(u"built for interface \"%1\"; this workbench loads \"%2\""_s.arg(spec.iid, m_interfaceId));
        return;
    }
    const QJsonValue metaValue = data.value(u"MetaData"_s);
    if (!metaValue.isObject() || metaValue.toObject().isEmpty()) {
        reject(u"malformed metadata: the plugin's JSON (MetaData) is missing or not an object"_s);
        return;
    }
    const QJsonObject meta = metaValue.toObject();
    QStringList problems;
    spec.id = requiredString(meta, u"Id"_s, &problems);
    spec.name = requiredString(meta, u"Name"_s, &problems);
    spec.version = requiredString(meta, u"Version"_s, &problems);
    spec.compatVersion = requiredString(meta, u"CompatVersion"_s, &problems);
    if (meta.contains(u"Description"_s) && !meta.value(u"Description"_s).isString()) {
        problems << u"MetaData.Description must be a string"_s;
    }
    spec.description = meta.value(u"Description"_s).toString();
    static const QRegularExpression idPattern(u"^[a-z0-9][a-z0-9-]*$"_s);
    if (!spec.id.isEmpty() && !idPattern.match(spec.id).hasMatch()) {
        problems << u"MetaData.Id \"%1\" must be lowercase letters, digits and dashes"_s.arg(spec.id);
    }
    const QJsonValue types = meta.value(u"TriggerTypes"_s);
    if (!types.isArray() || types.toArray().isEmpty()) {
        problems << u"MetaData.TriggerTypes must be a non-empty array of strings"_s;
    } else {
        for (const QJsonValue &t : types.toArray()) {
            if (!t.isString() || t.toString().isEmpty()) {
                problems << u"MetaData.TriggerTypes must be a non-empty array of strings"_s;
                break;
            }
            spec.triggerTypes << t.toString();
        }
    }
    // EventServices (optional): the event-catalogue services whose templates the plugin owns.
    const QJsonValue services = meta.value(u"EventServices"_s);
    if (!services.isUndefined()) {
        static const QRegularExpression servicePattern(u"^[a-z0-9][a-z0-9-]*$"_s);
        const auto bad = [&](const QJsonValue &s) {
            return !s.isString() || !servicePattern.match(s.toString()).hasMatch();
        };
        if (!services.isArray() || std::any_of(services.toArray().begin(), services.toArray().end(), bad)) {
            problems << u"MetaData.EventServices must be an array of service names (lowercase letters, digits "
                        "and dashes, e.g. \"s3\")"_s;
        } else {
            for (const QJsonValue &s : services.toArray()) {
                spec.eventServices << s.toString();
            }
            if (spec.eventServices.removeDuplicates() > 0) {
                problems << u"MetaData.EventServices lists a service twice"_s;
            }
        }
    }
    const QVersionNumber version = parseVersion(spec.version, u"Version"_s, &problems);
    const QVersionNumber compat = parseVersion(spec.compatVersion, u"CompatVersion"_s, &problems);
    if (!problems.isEmpty()) {
        reject(u"malformed metadata: "_s + problems.join(u"; "_s));
        return;
    }
    const QVersionNumber host = QVersionNumber::fromString(hostVersion());
    if (version < QVersionNumber::fromString(oldestCompatibleVersion())) {
        reject(u"too old: built for workbench %1, this workbench (%2) loads plugins built for %3 or later"_s
                   .arg(spec.version, hostVersion(), oldestCompatibleVersion()));
        return;
    }
    if (compat > host || compat > version) {
        reject(u"needs workbench %1 or later (this is %2)"_s.arg(spec.compatVersion, hostVersion()));
        return;
    }
    for (const PluginSpec &other : m_plugins) {
        if (!other.isLoaded()) {
            continue;
        }
        if (other.id == spec.id) {
            reject(u"duplicate id \"%1\": already provided by %2"_s.arg(spec.id, other.fileName));
            return;
        }
        for (const QString &type : std::as_const(spec.triggerTypes)) {
            if (other.triggerTypes.contains(type)) {
                reject(u"trigger type \"%1\" is already handled by plugin \"%2\""_s.arg(type, other.id));
                return;
            }
        }
        for (const QString &service : std::as_const(spec.eventServices)) {
            if (other.eventServices.contains(service)) {
                reject(u"event service \"%1\" is already owned by plugin \"%2\""_s.arg(service, other.id));
                return;
            }
        }
    }

    if (m_metadataCheck) {
        const QString why = m_metadataCheck(spec);
        if (!why.isEmpty()) {
            reject(why);
            return;
        }
    }

    // Valid: now load it.
    QObject *instance = loader->instance();
    if (!instance) {
        reject(u"cannot load: "_s + loader->errorString());
        return;
    }
    if (!instance->qt_metacast(m_interfaceId.toLatin1().constData())) {
        reject(u"the plugin object does not implement %1"_s.arg(m_interfaceId));
        return;
    }
    spec.instance = instance;
    spec.factory = qobject_cast<TriggerFactory *>(instance);
    m_loaders.push_back(std::move(loader));
    m_plugins.push_back(spec);
}

QStringList PluginManager::errors() const
{
    QStringList result;
    for (const PluginSpec &spec : m_plugins) {
        if (!spec.error.isEmpty()) {
            result << u"%1: %2"_s.arg(spec.fileName, spec.error);
        }
    }
    return result;
}

std::vector<TriggerFactory *> PluginManager::factories() const
{
    std::vector<TriggerFactory *> result;
    for (const PluginSpec &spec : m_plugins) {
        if (spec.factory) {
            result.push_back(spec.factory);
        }
    }
    return result;
}

TriggerFactory *PluginManager::factoryForEventType(const QString &eventType) const
{
    for (const PluginSpec &spec : m_plugins) {
        if (spec.factory && spec.triggerTypes.contains(eventType)) {
            return spec.factory;
        }
    }
    return nullptr;
}

const PluginSpec *PluginManager::pluginForEventService(const QString &service) const
{
    for (const PluginSpec &spec : m_plugins) {
        if (spec.isLoaded() && spec.eventServices.contains(service)) {
            return &spec;
        }
    }
    return nullptr;
}

} // namespace Lwb
