// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmentvariablesmodel.h"

#include <QtGui/QFont>
#include <QtGui/QPalette>
#include <QtWidgets/QApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

EnvironmentVariablesModel::EnvironmentVariablesModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void EnvironmentVariablesModel::setVariables(const QMap<QString, QString> &own,
                                             const QMap<QString, QString> &inherited)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = own.cbegin(); it != own.cend(); ++it) {
        m_rows.append({it.key(), it.value(), false});
    }
    for (auto it = inherited.cbegin(); it != inherited.cend(); ++it) {
        if (!own.contains(it.key())) {
            m_rows.append({it.key(), it.value(), true});
        }
    }
    endResetModel();
}

void EnvironmentVariablesModel::setRevealed(bool revealed)
{
    if (m_revealed == revealed) {
        return;
    }
    m_revealed = revealed;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, ValueColumn), index(int(m_rows.size()) - 1, ValueColumn),
                           {Qt::DisplayRole});
    }
}

QString EnvironmentVariablesModel::key(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

bool EnvironmentVariablesModel::isInherited(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).inherited;
}

int EnvironmentVariablesModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == key) {
            return row;
        }
    }
    return -1;
}

bool EnvironmentVariablesModel::isSecretName(const QString &key)
{
    static const QStringList words{u"SECRET"_s,     u"PASSWORD"_s, u"PASSWD"_s, u"TOKEN"_s,
                                   u"CREDENTIAL"_s, u"PRIVATE"_s,  u"KEY"_s};
    const QString upper = key.toUpper();
    return std::any_of(words.cbegin(), words.cend(),
                       [&upper](const QString &word) { return upper.contains(word); });
}

QString EnvironmentVariablesModel::mask()
{
    return QString(8, QChar(0x2022)); // the same length whatever the value's
}

int EnvironmentVariablesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EnvironmentVariablesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvironmentVariablesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn) {
            return row.key;
        }
        return !m_revealed && isSecretName(row.key) ? mask() : row.value;
    case Qt::EditRole:
        return index.column() == KeyColumn ? row.key : row.value;
    case Qt::ToolTipRole:
        if (row.inherited) {
            return tr("Inherited from Globals; editing the value overrides it for this function");
        }
        if (index.column() == ValueColumn && !m_revealed && isSecretName(row.key)) {
            return tr("Masked because the name looks like a secret; choose Show values to see it");
        }
        return {};
    case Qt::ForegroundRole:
        if (row.inherited) {
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case Qt::FontRole:
        if (row.inherited) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant EnvironmentVariablesModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == KeyColumn ? tr("Key") : tr("Value");
}

Qt::ItemFlags EnvironmentVariablesModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // A Globals variable cannot be renamed from one function; its value can be overridden.
    if (index.column() == ValueColumn || !m_rows.at(index.row()).inherited) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

bool EnvironmentVariablesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) {
        return false;
    }
    // Copies: the receiver's edit resets the model, and with it the rows.
    const Row row = m_rows.at(index.row());
    const QString text = value.toString();
    if (index.column() == KeyColumn) {
        if (text == row.key) {
            return false;
        }
        Q_EMIT editRequested(row.key, text, row.value);
    } else {
        if (text == row.value && !row.inherited) {
            return false;
        }
        Q_EMIT editRequested(row.key, row.key, text);
    }
    return true;
}

} // namespace Lwb
