// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionlistmodel.h"

using namespace Qt::StringLiterals;

namespace Lwb {

FunctionListModel::FunctionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FunctionListModel::setFunctions(const std::vector<FunctionConfig> &functions)
{
    beginResetModel();
    m_functions = functions;
    endResetModel();
}

const FunctionConfig *FunctionListModel::functionAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount()) {
        return nullptr;
    }
    return &m_functions[static_cast<std::size_t>(index.row())];
}

QModelIndex FunctionListModel::indexOf(const QString &logicalId) const
{
    for (std::size_t row = 0; row < m_functions.size(); ++row) {
        if (m_functions[row].logicalId == logicalId) {
            return index(static_cast<int>(row), 0);
        }
    }
    return {};
}

int FunctionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_functions.size());
}

int FunctionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FunctionListModel::data(const QModelIndex &index, int role) const
{
    const FunctionConfig *f = functionAt(index);
    if (!f) {
        return {};
    }
    if (role == LogicalIdRole) {
        return f->logicalId;
    }
    if (role == Qt::ToolTipRole) {
        return f->warnings.isEmpty() ? f->codeDir : f->warnings.join(u'\n');
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case NameColumn: return f->logicalId;
    case RuntimeColumn: return f->runtime;
    case HandlerColumn: return f->handler;
    case MemoryColumn: return u"%1 MB"_s.arg(f->memoryMb);
    case TimeoutColumn: return u"%1 s"_s.arg(f->timeoutSeconds);
    default: return {};
    }
}

QVariant FunctionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn: return tr("Function");
    case RuntimeColumn: return tr("Runtime");
    case HandlerColumn: return tr("Handler");
    case MemoryColumn: return tr("Memory");
    case TimeoutColumn: return tr("Timeout");
    default: return {};
    }
}

} // namespace Lwb
