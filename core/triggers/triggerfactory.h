// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QtPlugin>

#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace Lwb {

class Engine;

/** A sample event a trigger type offers (the Lambda console's "event templates"). */
struct LWB_CORE_EXPORT TriggerEventTemplate
{
    QString id;          ///< stable, e.g. "s3-put"
    QString title;       ///< shown in the event designer, e.g. "S3 Put"
    nlohmann::json body; ///< the event, as the service sends it
};

/** What a running event source needs from its host. */
struct LWB_CORE_EXPORT TriggerContext
{
    Engine *engine = nullptr;      ///< where InvokeRequests go; the source lives on its thread
    QString projectDir;            ///< the SAM project's folder (state goes under .lwb/)
    QString functionLogicalId;     ///< the function the trigger belongs to
    QString eventName;             ///< the key under the function's Events
    QString eventType;             ///< its Type, e.g. "Schedule"
    nlohmann::json properties;     ///< the Events entry's Properties, as validated
};

/**
 * A running event source: an HTTP listener, a watched folder, a timer… It submits
 * InvokeRequests to TriggerContext::engine with the service's semantics until stop() or its
 * destruction. Lives on the engine's thread.
 */
class LWB_CORE_EXPORT TriggerSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~TriggerSource() override;

    /** Starts delivering events; false with @p error when it cannot (port taken, …). */
    virtual bool start(QString *error) = 0;
    /** Stops delivering; in-flight invocations finish. Idempotent. */
    virtual void stop() = 0;

Q_SIGNALS:
    /** Something the user should see (a delivery that failed, a rejected request…). */
    void problem(const QString &message);
};

/**
 * One trigger type, provided by a plugin: describes the type, validates and normalises its
 * configuration (the `Properties` of a SAM `Events` entry), lists event templates, and
 * creates running sources. Pure-abstract, no QObject: the plugin's QObject is a thin adapter
 * that also implements this interface. Not thread-bound; sources are.
 */
class LWB_CORE_EXPORT TriggerFactory
{
public:
    virtual ~TriggerFactory();

    /** The SAM event types this factory handles, e.g. {"Api", "HttpApi"} or {"S3"}. */
    virtual QStringList eventTypes() const = 0;
    /** A short human name ("HTTP API", "S3 bucket"). */
    virtual QString displayName() const = 0;
    /**
     * Checks @p properties of an event of type @p eventType; returns the normalised form
     * (defaults filled in) or appends messages to @p errors and returns null.
     */
    virtual nlohmann::json validate(const QString &eventType, const nlohmann::json &properties,
                                    QStringList *errors) const = 0;
    /** Sample events, for the event designer and `lwb local generate-event`. */
    virtual std::vector<TriggerEventTemplate> eventTemplates() const = 0;
    /**
     * What a configured trigger will do, for display: e.g. a schedule's next @p count fire
     * times as ISO 8601 strings ({"nextFireTimes": […]}). Null when the type has nothing to
     * preview; on a bad configuration null with @p error set.
     */
    virtual nlohmann::json preview(const QString &eventType, const nlohmann::json &properties, int count,
                                   QString *error) const;
    /** A source for one configured trigger; the caller owns it. Null when not runnable. */
    virtual std::unique_ptr<TriggerSource> createSource(const TriggerContext &context,
                                                        QString *error) const = 0;
    /**
     * True when the type's sources serve a network port (the API Gateway plugin's local
     * gateway, run by `lwb local start-api`): TriggerHost then leaves its events alone.
     */
    virtual bool servesNetwork() const { return false; }
};

} // namespace Lwb

/** The interface id; bump the major version on every ABI break (CONTRIBUTING.md). */
#define LwbTriggerFactory_iid "org.lambdaworkbench.TriggerFactory/1.0"
Q_DECLARE_INTERFACE(Lwb::TriggerFactory, LwbTriggerFactory_iid)
