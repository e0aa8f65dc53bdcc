// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plugin SDK's sample. A trigger plugin is a QObject that implements Lwb::TriggerFactory
// and carries JSON metadata (example-trigger.json: Id, Name, Version, CompatVersion,
// TriggerTypes) that the workbench checks before loading it. This one handles SAM events
//
//     Events:
//       Ticks:
//         Type: ExampleInterval
//         Properties:
//           IntervalSeconds: 10
//
// by invoking the function asynchronously every IntervalSeconds with {"tick": n}.
#include <engine/engine.h>
#include <triggers/triggerfactory.h>

#include <QtCore/QObject>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace {

/** A running source: lives on the engine's thread, submits InvokeRequests until stopped. */
class IntervalSource : public Lwb::TriggerSource
{
public:
    explicit IntervalSource(const Lwb::TriggerContext &context)
        : m_context(context)
    {
        m_timer.setInterval(std::chrono::seconds(context.properties.value("IntervalSeconds", 60)));
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    bool start(QString *) override
    {
        m_timer.start();
        return true;
    }

    void stop() override { m_timer.stop(); }

private:
    void tick()
    {
        Lwb::InvokeRequest request;
        request.functionName = m_context.functionLogicalId;
        request.type = Lwb::InvocationType::Event;
        request.source = u"example-trigger"_s;
        request.payload = QByteArray::fromStdString(nlohmann::json{{"tick", ++m_ticks}}.dump());
        m_context.engine->invoke(request, [this](const Lwb::InvokeResult &result) {
            if (result.isServiceError()) {
                Q_EMIT problem(result.serviceErrorMessage);
            }
        });
    }

    Lwb::TriggerContext m_context;
    QTimer m_timer;
    int m_ticks = 0;
};

} // namespace

class ExampleTrigger : public QObject, public Lwb::TriggerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerFactory_iid FILE "example-trigger.json")
    Q_INTERFACES(Lwb::TriggerFactory)

public:
    QStringList eventTypes() const override { return {u"ExampleInterval"_s}; }
    QString displayName() const override { return u"Example interval"_s; }

    nlohmann::json validate(const QString &, const nlohmann::json &properties, QStringList *errors) const override
    {
        nlohmann::json normalised = properties.is_object() ? properties : nlohmann::json::object();
        const nlohmann::json interval = normalised.value("IntervalSeconds", nlohmann::json(60));
        if (!interval.is_number_integer() || interval.get<int>() < 1) {
            errors->append(u"IntervalSeconds must be a positive whole number"_s);
            return nullptr;
        }
        normalised["IntervalSeconds"] = interval;
        return normalised;
    }

    std::vector<Lwb::TriggerEventTemplate> eventTemplates() const override
    {
        return {{u"example-tick"_s, u"Example tick"_s, nlohmann::json{{"tick", 1}}}};
    }

    std::unique_ptr<Lwb::TriggerSource> createSource(const Lwb::TriggerContext &context, QString *) const override
    {
        return std::make_unique<IntervalSource>(context);
    }
};

#include "exampletrigger.moc"
