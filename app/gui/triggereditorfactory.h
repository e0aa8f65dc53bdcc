// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QString>
#include <QtCore/QtPlugin>

class QWidget;

namespace Lwb {

class TriggerEditor;
class TriggerFactory;

/**
 * The GUI half of a trigger plugin (module `lwb_trigger_<id>_ui`): editor widgets for the trigger
 * types of its core half, the `lwb_trigger_<id>` module with the same JSON `Id`. Its metadata
 * (`Id`, `Name`, `Version`, `CompatVersion`, `TriggerTypes`: the types it has editors for) is
 * checked like a core half's before it is loaded, and its core half must be loaded first
 * (TriggerEditorManager). Pure-abstract, no QObject: the plugin's QObject is a thin adapter
 * that also implements this interface. Used on the GUI thread only.
 */
class TriggerEditorFactory
{
public:
    virtual ~TriggerEditorFactory() = default;

    /**
     * A new editor for an event of type @p eventType (one of the metadata's TriggerTypes),
     * validating with @p factory, the plugin's core half (not owned; it outlives the editor).
     * The editor starts with an empty configuration; the caller (or @p parent) owns it.
     * GUI thread.
     */
    virtual TriggerEditor *createEditor(const TriggerFactory *factory, const QString &eventType,
                                        QWidget *parent) const = 0;
};

} // namespace Lwb

/** The interface id; bump the major version on every ABI break (CONTRIBUTING.md). */
#define LwbTriggerEditorFactory_iid "org.lambdaworkbench.TriggerEditorFactory/1.0"
Q_DECLARE_INTERFACE(Lwb::TriggerEditorFactory, LwbTriggerEditorFactory_iid)
