// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggereditormanager.h"

#include "triggereditorfactory.h"
#include "triggereditorfallback.h"

using namespace Qt::StringLiterals;

namespace Lwb {

TriggerEditorManager::TriggerEditorManager(const PluginManager &core)
    : m_core(core)
    , m_ui(QStringLiteral(LwbTriggerEditorFactory_iid))
{
    m_ui.setMetadataCheck([this](const PluginSpec &spec) { return checkJoin(spec); });
}

TriggerEditorManager::~TriggerEditorManager() = default;

void TriggerEditorManager::loadAll()
{
    m_ui.loadAll();
}

QString TriggerEditorManager::checkJoin(const PluginSpec &spec) const
{
    for (const PluginSpec &core : m_core.plugins()) {
        if (core.id != spec.id || !core.isLoaded()) {
            continue;
        }
        for (const QString &type : spec.triggerTypes) {
            if (!core.triggerTypes.contains(type)) {
                return u"edits trigger type \"%1\", which its core half %2 does not handle"_s.arg(
                    type, core.fileName);
            }
        }
        return {};
    }
    return u"no core half: no trigger plugin with id \"%1\" is loaded"_s.arg(spec.id);
}

TriggerEditorFactory *
TriggerEditorManager::editorFactoryForEventType(const QString &eventType) const
{
    for (const PluginSpec &spec : m_ui.plugins()) {
        if (spec.isLoaded() && spec.triggerTypes.contains(eventType)) {
            return qobject_cast<TriggerEditorFactory *>(spec.instance);
        }
    }
    return nullptr;
}

TriggerEditor *TriggerEditorManager::createEditor(const QString &eventType, QWidget *parent) const
{
    const TriggerFactory *factory = m_core.factoryForEventType(eventType);
    if (!factory) {
        return nullptr;
    }
    if (const TriggerEditorFactory *editors = editorFactoryForEventType(eventType)) {
        return editors->createEditor(factory, eventType, parent);
    }
    return new TriggerEditorFallback(factory, eventType, parent);
}

} // namespace Lwb
