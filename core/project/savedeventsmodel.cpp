// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/savedeventsmodel.h"

#include <QtCore/QDir>

using namespace Qt::StringLiterals;

namespace Lwb {

SavedEventsModel::SavedEventsModel(QObject *parent)
    : QAbstractListModel(parent), m_events(QDir::currentPath())
{
}

void SavedEventsModel::setFunction(const QString &projectDir, const QString &functionLogicalId)
{
    beginResetModel();
    m_events = SavedEvents(projectDir);
    m_function = functionLogicalId;
    m_names = m_events.names(m_function);
    endResetModel();
}

void SavedEventsModel::refresh()
{
    const QStringList names = m_events.names(m_function);
    if (names == m_names) {
        return;
    }
    // Rows go and come one at a time, so that views keep their selection where they can.
    for (int i = int(m_names.size()) - 1; i >= 0; --i) {
        if (!names.contains(m_names.at(i))) {
            beginRemoveRows({}, i, i);
            m_names.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < names.size(); ++i) {
        if (i >= m_names.size() || m_names.at(i) != names.at(i)) {
            beginInsertRows({}, i, i);
            m_names.insert(i, names.at(i));
            endInsertRows();
        }
    }
}

int SavedEventsModel::row(const QString &name) const
{
    return int(m_names.indexOf(name));
}

QString SavedEventsModel::name(int row) const
{
    return m_names.value(row);
}

bool SavedEventsModel::save(const QString &name, const QByteArray &json, QString *error)
{
    const bool ok = m_events.save(m_function, name, json, error);
    refresh();
    return ok;
}

bool SavedEventsModel::remove(const QString &name, QString *error)
{
    const bool ok = m_events.remove(m_function, name, error);
    refresh();
    return ok;
}

bool SavedEventsModel::rename(const QString &from, const QString &to, QString *error)
{
    if (from == to) {
        return true;
    }
    if (m_events.contains(m_function, to)) {
        if (error) {
            *error = tr("An event named '%1' already exists.").arg(to);
        }
        return false;
    }
    const auto bytes = m_events.load(m_function, from, error);
    if (!bytes || !m_events.save(m_function, to, *bytes, error)) {
        return false;
    }
    return remove(from, error);
}

int SavedEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant SavedEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const QString &name = m_names.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return name;
    case Qt::ToolTipRole:
        return QDir::toNativeSeparators(m_events.filePath(m_function, name));
    case FileRole:
        return m_events.filePath(m_function, name);
    default:
        return {};
    }
}

QHash<int, QByteArray> SavedEventsModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(FileRole, "file");
    return roles;
}

} // namespace Lwb
