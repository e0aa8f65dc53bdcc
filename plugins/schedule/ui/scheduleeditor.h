// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "triggereditor.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace Lwb::Schedule {

/**
 * Edits a Schedule (EventBridge rule) or ScheduleV2 (EventBridge Scheduler) event: the
 * expression, with the next five fire times the core half previews, Enabled/State, the
 * ScheduleV2 time zone and the Input JSON. GUI thread.
 */
class ScheduleEditor : public TriggerEditor
{
    Q_OBJECT

public:
    ScheduleEditor(const TriggerFactory *factory, const QString &eventType,
                   QWidget *parent = nullptr);

    void setConfiguration(const nlohmann::json &properties) override;
    nlohmann::json configuration() const override;

protected:
    void eventTypeChanged() override;

private:
    void edited();
    void updatePreview();

    nlohmann::json m_base; ///< what setConfiguration() was given: keys without a field are kept
    bool m_loading = false;
    QFormLayout *m_form;
    QComboBox *m_kind;
    QLineEdit *m_expression;
    QCheckBox *m_enabled;
    QComboBox *m_zone;
    QPlainTextEdit *m_input;
    QListWidget *m_fireTimes;
};

} // namespace Lwb::Schedule
