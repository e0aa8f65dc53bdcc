// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariant>

namespace Lwb {

/** The workbench's colour theme: the system's (the platform palette), or a fixed one. */
enum class Theme {
    System,
    Light,
    Dark,
};

namespace Internal {
QVariant settingsValue(const QString &key, const QVariant &defaultValue);
void setSettingsValue(const QString &key, const QVariant &value);
} // namespace Internal

/**
 * One typed, persistent preference (Tiled's Preference<T>): the workbench's user settings,
 * stored by QSettings under the application's organisation and name. GUI thread.
 */
template<typename T>
class Preference
{
public:
    Preference(QString key, T defaultValue = T()) : m_key(std::move(key)), m_default(defaultValue) {}

    T get() const
    {
        return Internal::settingsValue(m_key, QVariant::fromValue(m_default)).template value<T>();
    }
    void set(const T &value) const { Internal::setSettingsValue(m_key, QVariant::fromValue(value)); }

private:
    QString m_key;
    T m_default;
};

/** The workbench's settings; the only place that knows their keys. GUI thread. */
struct Settings
{
    static inline const int maxRecentProjects = 10;

    /** Most recent first; only templates that still exist. */
    static QStringList recentProjects();
    /** Moves @p templatePath to the top of the recent projects. */
    static void addRecentProject(const QString &templatePath);
    static void clearRecentProjects();

    static Preference<QByteArray> windowGeometry() { return {QStringLiteral("window/geometry")}; }
    static Preference<QByteArray> windowState() { return {QStringLiteral("window/state")}; }
    static Preference<int> theme() { return {QStringLiteral("appearance/theme"), int(Theme::System)}; }
};

} // namespace Lwb
