// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QIdentityProxyModel>
#include <QtCore/QSet>
#include <QtCore/QStringList>

namespace Lwb {

class FunctionListModel;

/**
 * The project's functions (a FunctionListModel) with a check box in the name column: the
 * functions the deploy panel deploys. Every function starts checked. GUI thread.
 */
class DeployPanelFunctionsModel : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit DeployPanelFunctionsModel(FunctionListModel *functions, QObject *parent = nullptr);

    /** The logical ids checked, in the source's order. */
    QStringList checkedIds() const;
    void setChecked(const QString &logicalId, bool checked);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    QString logicalIdAt(const QModelIndex &index) const;

    FunctionListModel *m_functions;
    QSet<QString> m_unchecked; ///< new functions are checked by default
};

} // namespace Lwb
