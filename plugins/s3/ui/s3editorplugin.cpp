// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The S3 plugin's GUI half: a thin adapter that makes S3Editors.
#include "s3editor.h"

#include "triggereditorfactory.h"

#include <QtCore/QObject>

namespace Lwb::S3 {

class S3EditorPlugin : public QObject, public TriggerEditorFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LwbTriggerEditorFactory_iid FILE "s3-ui.json")
    Q_INTERFACES(Lwb::TriggerEditorFactory)

public:
    TriggerEditor *createEditor(const TriggerFactory *factory, const QString &eventType,
                                QWidget *parent) const override
    {
        return new S3Editor(factory, eventType, parent);
    }
};

} // namespace Lwb::S3

#include "s3editorplugin.moc"
