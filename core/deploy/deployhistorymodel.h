// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deploy/deployhistory.h"
#include "lwb_core_export.h"

#include <QtCore/QAbstractTableModel>

#include <vector>

namespace Lwb {

/**
 * The deploy history (DeployHistory) as a table, newest first: time, operation, function,
 * version, alias → version (with its traffic weights), CodeSha256, target, result. Read-only;
 * reload() after a deploy. Lives in the GUI thread of whoever shows it.
 */
class LWB_CORE_EXPORT DeployHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Time,
        Operation,
        Function,
        Version,
        Alias,
        CodeSha256,
        Target,
        Result,
        ColumnCount
    };

    explicit DeployHistoryModel(QObject *parent = nullptr);

    /** Reads @p path (a project's `.lwb/deployments.json`) again. */
    void reload(const QString &path);
    /** The record shown in @p row (newest first); nullptr when out of range. */
    const DeployRecord *record(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<DeployRecord> m_records; ///< newest first
};

} // namespace Lwb
