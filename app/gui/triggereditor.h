// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_triggereditor_export.h"

#include <QtCore/QStringList>
#include <QtWidgets/QWidget>

#include <nlohmann/json.hpp>

class QLabel;
class QLayout;

namespace Lwb {

class TriggerFactory;

/**
 * Edits the configuration of one trigger: the `Properties` of a SAM `Events` entry of type
 * eventType(). The plugins' UI halves subclass it (TriggerEditorFactory::createEditor()); the
 * workbench falls back to a JSON text editor for plugins without one. Validation is always the
 * core half's (TriggerFactory::validate()); the editor shows its messages under the form.
 *
 * Properties the editor has no field for are kept: configuration() is what setConfiguration()
 * was given, with the edited keys changed. GUI thread.
 */
class LWB_TRIGGEREDITOR_EXPORT TriggerEditor : public QWidget
{
    Q_OBJECT

public:
    /** @p factory is the core half of the plugin; not owned, it outlives the editor. */
    TriggerEditor(const TriggerFactory *factory, const QString &eventType,
                  QWidget *parent = nullptr);
    ~TriggerEditor() override;

    const TriggerFactory *factory() const { return m_factory; }
    /** The SAM event type being edited, e.g. "Schedule". */
    QString eventType() const { return m_eventType; }
    /** Switches to another type of the same plugin (Schedule ↔ ScheduleV2, Api ↔ HttpApi). */
    void setEventType(const QString &eventType);

    /** Shows @p properties (an Events entry's Properties) in the form; emits changed(). */
    virtual void setConfiguration(const nlohmann::json &properties) = 0;
    /** The Properties as the form says, as SAM writes them in a template. */
    virtual nlohmann::json configuration() const = 0;
    /** What is wrong with configuration(): the editor's own input errors, else the core half's. */
    QStringList validationErrors() const;

Q_SIGNALS:
    /** The configuration or the event type changed (by the user or a setter). */
    void changed();

protected:
    /** Lays out @p form above the validation messages; once, from the subclass's constructor. */
    void setForm(QLayout *form);
    /** Input the form cannot turn into a configuration (unparsable JSON…); none by default. */
    virtual QStringList inputErrors() const;
    /** Called after setEventType(): show the new type's fields. */
    virtual void eventTypeChanged();

private:
    void showValidation();

    const TriggerFactory *m_factory;
    QString m_eventType;
    QLabel *m_messages;
};

} // namespace Lwb
