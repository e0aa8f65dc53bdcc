// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"

#include <QtCore/QAbstractTableModel>

#include <vector>

namespace Lwb {

/**
 * The functions of a project as a table: logical id, runtime, handler, memory, timeout.
 * Holds a copy of the configurations; setFunctions() resets it. GUI thread (or any one thread).
 */
class LWB_CORE_EXPORT FunctionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, RuntimeColumn, HandlerColumn, MemoryColumn, TimeoutColumn, ColumnCount };
    enum Role { LogicalIdRole = Qt::UserRole + 1 };

    explicit FunctionListModel(QObject *parent = nullptr);

    void setFunctions(const std::vector<FunctionConfig> &functions);
    const std::vector<FunctionConfig> &functions() const { return m_functions; }
    const FunctionConfig *functionAt(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &logicalId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<FunctionConfig> m_functions;
};

} // namespace Lwb
