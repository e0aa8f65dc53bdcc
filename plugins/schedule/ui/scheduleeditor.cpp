// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduleeditor.h"

#include "triggers/triggerfactory.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb::Schedule {

namespace {

constexpr int kPreviewCount = 5;
const QString kV2 = u"ScheduleV2"_s;

/** The keys the form edits, of both event types; configuration() rewrites them. */
constexpr const char *kEditedKeys[] = {
    "Schedule", "ScheduleExpression", "ScheduleExpressionTimezone", "Enabled", "State", "Input"};

QString text(const nlohmann::json &properties, const char *key)
{
    const auto it = properties.find(key);
    if (it == properties.end()) {
        return {};
    }
    return it->is_string() ? QString::fromStdString(it->get<std::string>())
                           : QString::fromStdString(it->dump());
}

} // namespace

ScheduleEditor::ScheduleEditor(const TriggerFactory *factory, const QString &eventType,
                               QWidget *parent)
    : TriggerEditor(factory, eventType, parent)
    , m_form(new QFormLayout)
    , m_kind(new QComboBox(this))
    , m_expression(new QLineEdit(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_zone(new QComboBox(this))
    , m_input(new QPlainTextEdit(this))
    , m_fireTimes(new QListWidget(this))
{
    m_kind->setObjectName(u"eventType"_s);
    m_kind->addItem(tr("EventBridge rule (Schedule)"), u"Schedule"_s);
    m_kind->addItem(tr("EventBridge Scheduler (ScheduleV2)"), kV2);
    m_expression->setObjectName(u"expression"_s);
    m_expression->setPlaceholderText(
        u"rate(5 minutes) · cron(0 12 ? * MON-FRI *) · at(2026-12-01T09:00:00)"_s);
    m_expression->setClearButtonEnabled(true);
    m_enabled->setObjectName(u"enabled"_s);
    m_zone->setObjectName(u"timezone"_s);
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    m_zone->addItem(QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        m_zone->addItem(QString::fromLatin1(id));
    }
    m_zone->lineEdit()->setPlaceholderText(tr("UTC"));
    m_input->setObjectName(u"input"_s);
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setPlaceholderText(tr("Optional: JSON sent instead of the Scheduled Event"));
    m_input->setTabChangesFocus(true);
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 4 + 12);
    m_fireTimes->setObjectName(u"nextFireTimes"_s);
    m_fireTimes->setFocusPolicy(Qt::NoFocus);
    m_fireTimes->setSelectionMode(QAbstractItemView::NoSelection);
    m_fireTimes->setFixedHeight(m_fireTimes->fontMetrics().lineSpacing() * kPreviewCount + 12);

    m_form->addRow(tr("Kind"), m_kind);
    m_form->addRow(tr("Expression"), m_expression);
    m_form->addRow(QString(), m_enabled);
    m_form->addRow(tr("Time zone"), m_zone);
    m_form->addRow(tr("Input"), m_input);
    m_form->addRow(tr("Next %1 fire times").arg(kPreviewCount), m_fireTimes);
    setForm(m_form);

    connect(m_kind, &QComboBox::currentIndexChanged, this,
            [this] { setEventType(m_kind->currentData().toString()); });
    connect(m_expression, &QLineEdit::textChanged, this, &ScheduleEditor::edited);
    connect(m_enabled, &QCheckBox::toggled, this, &ScheduleEditor::edited);
    connect(m_zone, &QComboBox::currentTextChanged, this, &ScheduleEditor::edited);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ScheduleEditor::edited);
    connect(this, &TriggerEditor::changed, this, &ScheduleEditor::updatePreview);

    eventTypeChanged();
    setConfiguration(nlohmann::json::object());
}

void ScheduleEditor::edited()
{
    if (!m_loading) {
        Q_EMIT changed();
    }
}

void ScheduleEditor::eventTypeChanged()
{
    const bool v2 = eventType() == kV2;
    m_kind->setCurrentIndex(m_kind->findData(eventType()));
    m_form->setRowVisible(m_zone, v2);
}

void ScheduleEditor::setConfiguration(const nlohmann::json &properties)
{
    m_base = properties.is_object() ? properties : nlohmann::json::object();
    m_loading = true;
    const bool v2 = eventType() == kV2;
    const char *expressionKey = v2 ? "ScheduleExpression" : "Schedule";
    const char *otherKey = v2 ? "Schedule" : "ScheduleExpression";
    m_expression->setText(text(m_base, m_base.contains(expressionKey) ? expressionKey : otherKey));
    // Enabled: !If […] and the like are the template's to decide: shown, kept, not editable.
    const nlohmann::json state = m_base.value("State", nlohmann::json());
    const nlohmann::json enabled = m_base.value("Enabled", nlohmann::json());
    const bool editable =
        (state.is_null() || state.is_string()) && (enabled.is_null() || enabled.is_boolean());
    m_enabled->setEnabled(editable);
    m_enabled->setToolTip(editable ? QString()
                                   : tr("Set by an intrinsic function in the template"));
    m_enabled->setChecked(state.is_string() ? state.get<std::string>() == "ENABLED"
                                            : !enabled.is_boolean() || enabled.get<bool>());
    m_zone->setCurrentText(text(m_base, "ScheduleExpressionTimezone"));
    m_input->setPlainText(text(m_base, "Input"));
    m_loading = false;
    Q_EMIT changed();
}

nlohmann::json ScheduleEditor::configuration() const
{
    nlohmann::json c = m_base;
    for (const char *key : kEditedKeys) {
        c.erase(key);
    }
    const bool v2 = eventType() == kV2;
    const QString expression = m_expression->text().trimmed();
    if (!expression.isEmpty()) {
        c[v2 ? "ScheduleExpression" : "Schedule"] = expression.toStdString();
    }
    // On is the default: written when off, or when the template spelled it out.
    const bool on = m_enabled->isChecked();
    const bool hadState = m_base.contains("State");
    const bool hadEnabled = m_base.contains("Enabled");
    if (!m_enabled->isEnabled()) {
        for (const char *key : {"State", "Enabled"}) {
            if (m_base.contains(key)) {
                c[key] = m_base[key];
            }
        }
    } else if (v2) {
        if (hadState || !on) {
            c["State"] = on ? "ENABLED" : "DISABLED";
        }
    } else {
        if (hadEnabled || (!hadState && !on)) {
            c["Enabled"] = on;
        }
        if (hadState) {
            c["State"] = on ? "ENABLED" : "DISABLED";
        }
    }
    const QString zone = m_zone->currentText().trimmed();
    if (v2 && !zone.isEmpty()) {
        c["ScheduleExpressionTimezone"] = zone.toStdString();
    }
    const QString input = m_input->toPlainText().trimmed();
    if (!input.isEmpty()) {
        c["Input"] = input.toStdString();
    }
    return c;
}

void ScheduleEditor::updatePreview()
{
    m_fireTimes->clear();
    QString error;
    const nlohmann::json preview =
        factory()->preview(eventType(), configuration(), kPreviewCount, &error);
    if (!preview.is_object()) {
        return; // the validation message says why
    }
    if (!preview.value("enabled", true)) {
        m_fireTimes->addItem(tr("Disabled: it does not fire"));
        return;
    }
    const QString zoneId = m_zone->currentText().trimmed();
    const QTimeZone zone =
        eventType() == kV2 && !zoneId.isEmpty() ? QTimeZone(zoneId.toLatin1()) : QTimeZone::utc();
    for (const nlohmann::json &t : preview.value("nextFireTimes", nlohmann::json::array())) {
        const QDateTime utc =
            QDateTime::fromString(QString::fromStdString(t.get<std::string>()), Qt::ISODate);
        const QString format = u"ddd yyyy-MM-dd HH:mm"_s;
        QString line = utc.toTimeZone(zone).toString(format) + u' ' + zone.abbreviation(utc);
        if (zone != QTimeZone::utc()) {
            line += u"  (%1 UTC)"_s.arg(utc.toUTC().toString(u"HH:mm"_s));
        }
        m_fireTimes->addItem(line);
    }
    if (m_fireTimes->count() == 0) {
        m_fireTimes->addItem(tr("None: the schedule has no fire time left"));
    }
}

} // namespace Lwb::Schedule
