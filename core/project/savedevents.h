// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace Lwb {

/**
 * A project's saved test events (the Lambda console's "saved test events"), kept as files
 * next to the template:
 *   events/<FunctionLogicalId>/<name>.json   — events saved for one function
 *   events/<name>.json                       — shared events, like sam init's events/event.json
 * An empty function id everywhere below means the shared folder. Event names are 1–25
 * letters, digits, '.', '-' or '_' (the console's rule); logical ids are letters and digits.
 * Content must be valid JSON and is stored byte for byte as given.
 *
 * A small value type holding only the project folder; thread-agnostic (the file system is
 * the state).
 */
class LWB_CORE_EXPORT SavedEvents
{
public:
    /** @p projectDir: the folder that holds template.yaml. */
    explicit SavedEvents(const QString &projectDir);

    QString projectDir() const;
    QString eventsDir() const;

    /** Names (without .json), sorted, of the events saved for a function. */
    QStringList names(const QString &functionLogicalId) const;

    /** The file an event lives in (whether or not it exists); empty for invalid ids/names. */
    QString filePath(const QString &functionLogicalId, const QString &name) const;

    bool contains(const QString &functionLogicalId, const QString &name) const;

    /** The event's bytes; nullopt with @p error set when missing, unreadable or not JSON. */
    std::optional<QByteArray> load(const QString &functionLogicalId, const QString &name,
                                   QString *error = nullptr) const;

    /** Writes (atomically, creating folders) or replaces an event. */
    bool save(const QString &functionLogicalId, const QString &name, const QByteArray &json,
              QString *error = nullptr) const;

    bool remove(const QString &functionLogicalId, const QString &name,
                QString *error = nullptr) const;

    static bool isValidName(const QString &name);
    static bool isValidLogicalId(const QString &logicalId);

private:
    QString folder(const QString &functionLogicalId) const;

    QString m_projectDir;
};

} // namespace Lwb
