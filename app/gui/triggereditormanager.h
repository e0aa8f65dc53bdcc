// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "triggers/pluginmanager.h"

#include <QtCore/QStringList>

#include <vector>

class QWidget;

namespace Lwb {

class TriggerEditor;
class TriggerEditorFactory;

/**
 * Loads the plugins' GUI halves (`lwb_trigger_<id>_ui`, TriggerEditorFactory) from the core
 * plugins' search path, with the core PluginManager's metadata checks, and joins each to the
 * core half with the same `Id` in @p core. A UI half is rejected, without being loaded, when
 * its core half is not loaded or does not handle one of its TriggerTypes; other problems (wrong
 * IID, too old, malformed metadata) are the core manager's. An ordinary object: each window
 * or test owns one. GUI thread.
 */
class TriggerEditorManager
{
public:
    /** @p core holds the loaded core halves; not owned, it outlives this manager. */
    explicit TriggerEditorManager(const PluginManager &core);
    ~TriggerEditorManager();

    /** PluginManager::defaultSearchPaths() unless set. */
    void setSearchPaths(const QStringList &paths) { m_ui.setSearchPaths(paths); }
    QStringList searchPaths() const { return m_ui.searchPaths(); }

    /** Scans the search paths and loads the UI halves that are valid and joined; rescans. */
    void loadAll();

    /** The UI halves found, loaded or not (PluginSpec::error says why not). */
    const std::vector<PluginSpec> &plugins() const { return m_ui.plugins(); }
    /** "file: reason" for every UI half that was rejected or failed to load. */
    QStringList errors() const { return m_ui.errors(); }
    /** The loaded UI half with editors for @p eventType, or null. */
    TriggerEditorFactory *editorFactoryForEventType(const QString &eventType) const;

    /**
     * An editor for an event of type @p eventType: its plugin's own, or a JSON editor when the
     * plugin has no UI half; null when no loaded core half handles the type. The caller (or
     * @p parent) owns it.
     */
    TriggerEditor *createEditor(const QString &eventType, QWidget *parent = nullptr) const;

private:
    QString checkJoin(const PluginSpec &spec) const;

    const PluginManager &m_core;
    PluginManager m_ui;
};

} // namespace Lwb
