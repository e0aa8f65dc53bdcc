// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The schedule trigger plugin: a thin adapter over ScheduleExpression (unit-tested on its own)
// and a timer that fires the function asynchronously, as EventBridge does.
#include "scheduleexpression.h"

#include "engine/engine.h"
#include "engine/ids.h"
#include "triggers/eventcatalogue.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtCore/QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSchedule, "lwb.plugins.schedule")

namespace Lwb::Schedule {

namespace {

/** One schedule's settings, from a Schedule (EventBridge rule) or ScheduleV2 (Scheduler) event. */
struct Settings
{
    ScheduleExpression expression;
    bool enabled = true;
    std::optional<std::string> input; ///< Input: a JSON text sent instead of the scheduled event
    QString name;
    QDateTime startDate; ///< ScheduleV2 StartDate/EndDate (UTC)
    QDateTime endDate;
};

std::string text(const nlohmann::json &properties, const char *key)
{
    const auto it = properties.find(key);
    return it != properties.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Settings> settingsFrom(const QString &eventType, const nlohmann::json &properties,
                                     QStringList *errors)
{
    if (!properties.is_object()) {
        errors->append(u"Properties must be a map"_s);
        return std::nullopt;
    }
    const bool v2 = eventType == u"ScheduleV2"_s;
    const char *expressionKey = v2 ? "ScheduleExpression" : "Schedule";
    const QString expressionText = QString::fromStdString(text(properties, expressionKey));
    if (expressionText.isEmpty()) {
        errors->append(u"%1 is required (a rate(), cron() or at() expression)"_s.arg(
            QLatin1StringView(expressionKey)));
        return std::nullopt;
    }
    QTimeZone zone = QTimeZone::utc();
    if (v2 && properties.contains("ScheduleExpressionTimezone")) {
        const QByteArray zoneId = QByteArray::fromStdString(text(properties, "ScheduleExpressionTimezone"));
        zone = QTimeZone(zoneId);
        if (!zone.isValid()) {
            errors->append(u"ScheduleExpressionTimezone \"%1\" is not a known time zone"_s.arg(
                QString::fromLatin1(zoneId)));
            return std::nullopt;
        }
    }
    QString why;
    std::optional<ScheduleExpression> expression = ScheduleExpression::parse(expressionText, &why, zone);
    if (!expression) {
        errors->append(u"Parameter ScheduleExpression is not valid: %1: %2"_s.arg(expressionText, why));
        return std::nullopt;
    }
    if (!v2 && expression->kind() == ScheduleExpression::Kind::At) {
        errors->append(u"at() expressions need a ScheduleV2 event (EventBridge Scheduler)"_s);
        return std::nullopt;
    }
    Settings s{*expression};
    if (properties.contains("Enabled")) {
        if (!properties["Enabled"].is_boolean()) {
            errors->append(u"Enabled must be true or false"_s);
            return std::nullopt;
        }
        s.enabled = properties["Enabled"].get<bool>();
    }
    if (properties.contains("State")) {
        const std::string state = text(properties, "State");
        if (state != "ENABLED" && state != "DISABLED") {
            errors->append(u"State must be ENABLED or DISABLED"_s);
            return std::nullopt;
        }
        s.enabled = state == "ENABLED";
    }
    if (properties.contains("Input")) {
        const std::string input = text(properties, "Input");
        if (!nlohmann::json::accept(input)) {
            errors->append(u"Input must be a string holding valid JSON"_s);
            return std::nullopt;
        }
        s.input = input;
    }
    s.name = QString::fromStdString(text(properties, "Name"));
    for (auto [key, target] : {std::pair{"StartDate", &s.startDate}, std::pair{"EndDate", &s.endDate}}) {
        if (properties.contains(key)) {
            *target = QDateTime::fromString(QString::fromStdString(text(properties, key)), Qt::ISODate);
            if (!target->isValid()) {
                errors->append(u"%1 must be an ISO 8601 date and time"_s.arg(QLatin1StringView(key)));
                return std::nullopt;
            }
            *target = target->toUTC();
        }
    }
    return s;
}

/** The Scheduled Event EventBridge sends (lambda-reference §7.7). */
nlohmann::json scheduledEvent(const QDateTime &time, const QString &region, const QString &account,
                              const QString &ruleName)
{
    return {{"version", "0"},
            {"id", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()},
            {"detail-type", "Scheduled Event"},
            {"source", "aws.events"},
            {"account", account.toStdString()},
            {"time", time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toStdString()},
            {"region", region.toStdString()},
            {"resources", {u"arn:aws:events:%1:%2:rule/%3"_s.arg(region, account, ruleName).toStdString()}},
            {"detail", nlohmann::json::object()}};
}

class ScheduleSource : public TriggerSource
{
public:
    ScheduleSource(const TriggerContext &context, Settings settings)
        : m_context(context)
        , m_settings(std::move(settings))
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] { fire(); });
        if (m_settings.name.isEmpty()) {
            m_settings.name = context.functionLogicalId + context.eventName;
        }
    }

    bool start(QString *error) override
    {
        if (!m_context.engine) {
            *error = u"no engine to deliver to"_s;
            return false;
        }
        m_started = QDateTime::currentDateTimeUtc();
        if (m_settings.enabled) {
            armAfter(m_started);
        }
        return true;
    }

    void stop() override { m_timer.stop(); }

private:
    void armAfter(const QDateTime &after)
    {
        QDateTime from = after;
        if (m_settings.startDate.isValid() && m_settings.startDate > from) {
            from = m_settings.startDate.addSecs(-1);
        }
        m_next = m_settings.expression.next(from, m_started);
        if (!m_next.isValid() || (m_settings.endDate.isValid() && m_next > m_settings.endDate)) {
            return; // nothing left to fire
        }
        // Schedules are wall-clock times: not time-scaled, and re-armed from the clock after
        // each fire so a slow machine does not drift.
        const qint64 delayMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_next));
        m_timer.start(std::chrono::milliseconds(std::min<qint64>(delayMs, std::numeric_limits<int>::max())));
    }

    void fire()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (now < m_next) {
            // A delay longer than a timer can hold: wait again.
            armAfter(m_next.addSecs(-1));
            return;
        }
        InvokeRequest request;
        request.functionName = m_context.functionLogicalId;
        request.type = InvocationType::Event;
        request.source = u"schedule"_s;
        const EngineOptions &options = m_context.engine->options();
        request.payload = m_settings.input
                              ? QByteArray::fromStdString(*m_settings.input)
                              : QByteArray::fromStdString(
                                    scheduledEvent(m_next, options.region, options.accountId, m_settings.name).dump());
        m_context.engine->invoke(request, [this](const InvokeResult &result) {
            if (result.isServiceError()) {
                Q_EMIT problem(u"%1: %2"_s.arg(result.serviceErrorCode, result.serviceErrorMessage));
            }
        });
        armAfter(m_next);
    }

    TriggerContext m_context;
    Settings m_settings;
    QTimer m_timer;
    QDateTime m_started;
    QDateTime m_next;
};

} // namespace

class SchedulePlugin : public QObject, public TriggerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerFactory_iid FILE "schedule.json")
    Q_INTERFACES(Lwb::TriggerFactory)

public:
    QStringList eventTypes() const override { return {u"Schedule"_s, u"ScheduleV2"_s}; }
    QString displayName() const override { return u"Schedule (EventBridge)"_s; }

    nlohmann::json validate(const QString &eventType, const nlohmann::json &properties,
                            QStringList *errors) const override
    {
        const std::optional<Settings> s = settingsFrom(eventType, properties, errors);
        if (!s) {
            return nullptr;
        }
        nlohmann::json normalised = properties;
        if (!normalised.contains("Enabled") && !normalised.contains("State")) {
            normalised[eventType == u"ScheduleV2"_s ? "State" : "Enabled"] =
                eventType == u"ScheduleV2"_s ? nlohmann::json("ENABLED") : nlohmann::json(true);
        }
        return normalised;
    }

    std::vector<TriggerEventTemplate> eventTemplates() const override
    {
        const EventCatalogue catalogue;
        std::vector<TriggerEventTemplate> templates = catalogue.templates(u"cloudwatch"_s);
        for (TriggerEventTemplate &t : catalogue.templates(u"eventbridge"_s)) {
            templates.push_back(std::move(t));
        }
        return templates;
    }

    nlohmann::json preview(const QString &eventType, const nlohmann::json &properties, int count,
                           QString *error) const override
    {
        QStringList errors;
        const std::optional<Settings> s = settingsFrom(eventType, properties, &errors);
        if (!s) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        nlohmann::json times = nlohmann::json::array();
        if (s->enabled) {
            QDateTime from = QDateTime::currentDateTimeUtc();
            if (s->startDate.isValid() && s->startDate > from) {
                from = s->startDate.addSecs(-1);
            }
            for (const QDateTime &t : s->expression.nextFireTimes(from, count)) {
                if (s->endDate.isValid() && t > s->endDate) {
                    break;
                }
                times.push_back(t.toString(Qt::ISODate).toStdString());
            }
        }
        return {{"expression", s->expression.text().toStdString()},
                {"enabled", s->enabled},
                {"nextFireTimes", times}};
    }

    std::unique_ptr<TriggerSource> createSource(const TriggerContext &context, QString *error) const override
    {
        QStringList errors;
        std::optional<Settings> s = settingsFrom(context.eventType, context.properties, &errors);
        if (!s) {
            *error = errors.join(u"; "_s);
            return nullptr;
        }
        return std::make_unique<ScheduleSource>(context, std::move(*s));
    }
};

} // namespace Lwb::Schedule

#include "scheduleplugin.moc"
