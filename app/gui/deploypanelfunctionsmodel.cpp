// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploypanelfunctionsmodel.h"

#include "project/functionlistmodel.h"

namespace Lwb {

DeployPanelFunctionsModel::DeployPanelFunctionsModel(FunctionListModel *functions, QObject *parent)
    : QIdentityProxyModel(parent), m_functions(functions)
{
    setSourceModel(functions);
}

QString DeployPanelFunctionsModel::logicalIdAt(const QModelIndex &index) const
{
    return index.siblingAtColumn(0).data(FunctionListModel::LogicalIdRole).toString();
}

QStringList DeployPanelFunctionsModel::checkedIds() const
{
    QStringList ids;
    for (const FunctionConfig &function : m_functions->functions()) {
        if (!m_unchecked.contains(function.logicalId)) {
            ids.append(function.logicalId);
        }
    }
    return ids;
}

void DeployPanelFunctionsModel::setChecked(const QString &logicalId, bool checked)
{
    const QModelIndex source = m_functions->indexOf(logicalId);
    if (source.isValid()) {
        setData(mapFromSource(source).siblingAtColumn(0), checked ? Qt::Checked : Qt::Unchecked,
                Qt::CheckStateRole);
    }
}

Qt::ItemFlags DeployPanelFunctionsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
    if (index.isValid() && index.column() == 0) {
        flags |= Qt::ItemIsUserCheckable;
    }
    return flags;
}

QVariant DeployPanelFunctionsModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::CheckStateRole && index.isValid() && index.column() == 0) {
        return m_unchecked.contains(logicalIdAt(index)) ? Qt::Unchecked : Qt::Checked;
    }
    return QIdentityProxyModel::data(index, role);
}

bool DeployPanelFunctionsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != 0) {
        return QIdentityProxyModel::setData(index, value, role);
    }
    const QString id = logicalIdAt(index);
    if (value.value<Qt::CheckState>() == Qt::Checked) {
        m_unchecked.remove(id);
    } else {
        m_unchecked.insert(id);
    }
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

} // namespace Lwb
