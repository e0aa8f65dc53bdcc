// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QDateTime>
#include <QtCore/QMap>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb {

class PluginManager;

/**
 * A value an event template refers to as `${name}`: an option the user may set (`--name value`)
 * or a value computed from another one (an S3 eTag from the object's body, a size, a UUID).
 */
struct LWB_CORE_EXPORT EventValue
{
    QString name;         ///< e.g. "bucket", "etag"
    QString type;         ///< string, integer, number, boolean, json or timestamp (options)
    QString defaultValue; ///< as typed on the command line; "now" for a timestamp
    QString help;
    /**
     * How the value goes into the event: plain, text, json-string, base64, gzip-base64, url,
     * md5, size, uuid, or for timestamps iso8601, iso8601-ms, epoch-seconds,
     * epoch-seconds-fraction, epoch-millis, epoch-millis-text, clf, http-date.
     */
    QString encoding;
    QString from; ///< computed: the value (option or earlier computed) it encodes
    nlohmann::ordered_json fromTemplate; ///< computed: or a JSON template rendered, then encoded
    QString onlyIf; ///< computed: a boolean option; when false the value passes plain
    bool computed = false;
};

/** One event of a service: its template and the values it takes. */
struct LWB_CORE_EXPORT EventDefinition
{
    QString service; ///< e.g. "s3"
    QString name;    ///< e.g. "put"
    QString title;   ///< e.g. "S3 Put"
    QString help;
    QStringList aliases;              ///< other names, e.g. SAM's "http-api-proxy"
    std::vector<EventValue> options;  ///< what --name sets, in the order shown
    std::vector<EventValue> computed; ///< evaluated in order, after the options
    nlohmann::ordered_json body;      ///< the event with ${name} references

    const EventValue *option(const QString &optionName) const;
};

/** A service of resources/events/<service>/service.json. */
struct LWB_CORE_EXPORT EventService
{
    QString name;  ///< e.g. "s3"
    QString title; ///< e.g. "Amazon S3"
    std::vector<EventDefinition> events;
};

/**
 * The event-template catalogue: sample events of AWS services (the services and events of SAM's
 * `generate-event`, and more), loaded from a folder of `<service>/service.json` manifests and
 * `<service>/<event>.json` templates, rendered with option values (keys in the template's
 * order, as the service sends them). A template is the event as the service sends it, where a
 * string `"${name}"` becomes the value (typed: a number, a JSON object…) and `${name}` inside a
 * longer string its text.
 *
 * Each service is owned by the trigger plugin whose metadata lists it under `EventServices`,
 * or by the core catalogue when no loaded plugin does. A plain value type; QtCore only.
 */
class LWB_CORE_EXPORT EventCatalogue
{
public:
    /** The id reported for services no plugin claims. */
    static QString coreOwner();
    /** events/ in Engine::defaultResourcesDir(). */
    static QString defaultDirectory();

    /** Loads @p directory; problems (bad manifests or templates) are kept in errors(). */
    explicit EventCatalogue(const QString &directory = defaultDirectory());

    /** What could not be loaded, one message each ("s3/service.json: …"). */
    QStringList errors() const { return m_errors; }

    const std::vector<EventService> &services() const { return m_services; }
    const EventService *service(const QString &name) const;
    /** The event @p name (or an alias) of @p serviceName, or null. */
    const EventDefinition *event(const QString &serviceName, const QString &name) const;

    /**
     * The event with @p values (option name → text as typed) applied over the defaults, or
     * nullopt with @p error on an unknown option or a bad value (not a number, not JSON…).
     * @p now stands for "now" (the current time when invalid).
     */
    std::optional<nlohmann::ordered_json> render(const EventDefinition &event,
                                                 const QMap<QString, QString> &values,
                                                 QString *error, const QDateTime &now = {}) const;

    /** Every event of @p serviceName rendered with its defaults, as trigger event templates. */
    std::vector<TriggerEventTemplate> templates(const QString &serviceName) const;

    /** Reads the owners from @p plugins' EventServices (loaded plugins only). */
    void setOwners(const PluginManager &plugins);
    /** The id of the plugin owning @p serviceName, or coreOwner(). */
    QString owner(const QString &serviceName) const;

private:
    void loadService(const QString &directory);

    std::vector<EventService> m_services;
    QMap<QString, QString> m_owners;
    QStringList m_errors;
};

} // namespace Lwb
