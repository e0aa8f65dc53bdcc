// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QAbstractTableModel>
#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QString>

namespace Lwb {

/**
 * A function's environment variables as a two-column table (Key, Value): its own variables
 * and, marked, those it inherits from the template's Globals. Values of keys that look like
 * secrets (…SECRET…, …PASSWORD…, …TOKEN…, …KEY…) are shown masked until revealed; the edit
 * role always holds the real value. Edits are not applied here: setData() asks for them with
 * editRequested(), and the owner writes them to the document and calls setVariables() again.
 */
class EnvironmentVariablesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    explicit EnvironmentVariablesModel(QObject *parent = nullptr);

    /** Replaces the rows: @p own first, then the @p inherited keys the function does not set. */
    void setVariables(const QMap<QString, QString> &own, const QMap<QString, QString> &inherited);
    void setRevealed(bool revealed);

    QString key(int row) const;
    bool isInherited(int row) const;
    int rowOf(const QString &key) const;

    /** True for names that usually hold credentials, whose values are masked. */
    static bool isSecretName(const QString &key);
    /** What a masked value shows. */
    static QString mask();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /** The user edited a cell: the variable @p oldKey should become @p key = @p value. */
    void editRequested(const QString &oldKey, const QString &key, const QString &value);

private:
    struct Row
    {
        QString key;
        QString value;
        bool inherited = false;
    };
    QList<Row> m_rows;
    bool m_revealed = false;
};

} // namespace Lwb
