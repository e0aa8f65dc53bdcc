// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The API Gateway plugin's GUI half: a thin adapter that makes HttpApiEditors.
#include "httpapieditor.h"

#include "triggereditorfactory.h"

#include <QtCore/QObject>

namespace Lwb::HttpApi {

class HttpApiEditorPlugin : public QObject, public TriggerEditorFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerEditorFactory_iid FILE "http-api-ui.json")
    Q_INTERFACES(Lwb::TriggerEditorFactory)

public:
    TriggerEditor *createEditor(const TriggerFactory *factory, const QString &eventType,
                                QWidget *parent) const override
    {
        return new HttpApiEditor(factory, eventType, parent);
    }
};

} // namespace Lwb::HttpApi

#include "httpapieditorplugin.moc"
