// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The schedule plugin's GUI half: a thin adapter that makes ScheduleEditors.
#include "scheduleeditor.h"

#include "triggereditorfactory.h"

#include <QtCore/QObject>

namespace Lwb::Schedule {

class ScheduleEditorPlugin : public QObject, public TriggerEditorFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerEditorFactory_iid FILE "schedule-ui.json")
    Q_INTERFACES(Lwb::TriggerEditorFactory)

public:
    TriggerEditor *createEditor(const TriggerFactory *factory, const QString &eventType,
                                QWidget *parent) const override
    {
        return new ScheduleEditor(factory, eventType, parent);
    }
};

} // namespace Lwb::Schedule

#include "scheduleeditorplugin.moc"
