// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/deployhistorymodel.h"

#include <QtCore/QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

DeployHistoryModel::DeployHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void DeployHistoryModel::reload(const QString &path)
{
    beginResetModel();
    m_records = DeployHistory::read(path);
    std::reverse(m_records.begin(), m_records.end());
    endResetModel();
}

const DeployRecord *DeployHistoryModel::record(int row) const
{
    return row >= 0 && row < int(m_records.size()) ? &m_records[size_t(row)] : nullptr;
}

int DeployHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int DeployHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeployHistoryModel::data(const QModelIndex &index, int role) const
{
    const DeployRecord *r = record(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount) {
        return {};
    }
    if (role == Qt::ToolTipRole) {
        return r->ok ? u"%1 %2 on %3 (%4)"_s.arg(r->operation, r->functionName, r->endpoint,
                                                 r->region)
                     : r->error;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Time: {
        const QDateTime time = QDateTime::fromString(r->time, Qt::ISODateWithMs);
        return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : r->time;
    }
    case Operation:
        return r->operation;
    case Function:
        return r->functionName;
    case Version:
        return r->version;
    case Alias: {
        if (r->alias.isEmpty()) {
            return QString();
        }
        QString text = u"%1 → %2"_s.arg(r->alias, r->aliasVersion);
        for (auto it = r->weights.cbegin(); it != r->weights.cend(); ++it) {
            text += u" (+%1 % to %2)"_s.arg(qRound(it.value() * 100)).arg(it.key());
        }
        return text;
    }
    case CodeSha256:
        return r->codeSha256.left(12);
    case Target:
        return u"%1 (%2)"_s.arg(r->endpoint, r->region);
    case Result:
        return r->ok ? u"ok"_s : r->error;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DeployHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const QStringList titles{u"Time"_s,  u"Operation"_s,  u"Function"_s, u"Version"_s,
                                    u"Alias"_s, u"CodeSha256"_s, u"Target"_s,   u"Result"_s};
    return section >= 0 && section < titles.size() ? titles.at(section) : QVariant();
}

} // namespace Lwb
