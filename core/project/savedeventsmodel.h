// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "project/savedevents.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QStringList>

namespace Lwb {

/**
 * The saved test events of one function (SavedEvents: events/<Function>/<name>.json), one row
 * each, sorted by name: DisplayRole is the name, ToolTipRole the file, FileRole the path.
 * The file system is the state; refresh() re-reads it (the mutations here refresh themselves).
 * Lives on the thread that uses it (the GUI).
 */
class LWB_CORE_EXPORT SavedEventsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { FileRole = Qt::UserRole + 1 };

    explicit SavedEventsModel(QObject *parent = nullptr);

    /** Shows the events of @p functionLogicalId in the project folder @p projectDir. */
    void setFunction(const QString &projectDir, const QString &functionLogicalId);
    QString functionLogicalId() const { return m_function; }
    const SavedEvents &events() const { return m_events; }

    /** Re-reads the folder. */
    void refresh();
    /** The row of @p name, or -1. */
    int row(const QString &name) const;
    QString name(int row) const;

    bool save(const QString &name, const QByteArray &json, QString *error = nullptr);
    bool remove(const QString &name, QString *error = nullptr);
    /** Moves @p from to @p to; refuses to replace an existing event. */
    bool rename(const QString &from, const QString &to, QString *error = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    SavedEvents m_events;
    QString m_function;
    QStringList m_names;
};

} // namespace Lwb
