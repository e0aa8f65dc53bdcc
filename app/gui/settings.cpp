// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QtCore/QFileInfo>
#include <QtCore/QSettings>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace Internal {

QVariant settingsValue(const QString &key, const QVariant &defaultValue)
{
    return QSettings().value(key, defaultValue);
}

void setSettingsValue(const QString &key, const QVariant &value)
{
    QSettings().setValue(key, value);
}

} // namespace Internal

namespace {
const Preference<QStringList> recent(u"project/recent"_s);
} // namespace

QStringList Settings::recentProjects()
{
    QStringList existing;
    for (const QString &path : recent.get()) {
        if (QFileInfo::exists(path)) {
            existing.append(path);
        }
    }
    return existing;
}

void Settings::addRecentProject(const QString &templatePath)
{
    const QString path = QFileInfo(templatePath).absoluteFilePath();
    QStringList list = recent.get();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > maxRecentProjects) {
        list.removeLast();
    }
    recent.set(list);
}

void Settings::clearRecentProjects()
{
    recent.set({});
}

} // namespace Lwb
