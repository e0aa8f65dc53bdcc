// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace Lwb {

/**
 * Edits the values of a JsonTreeModel by their JSON type: a line edit for strings, a line edit
 * that accepts only JSON number syntax for numbers (keeping 1.0, exponents and 64-bit integers
 * exactly as typed), a true/false combo box for booleans. Objects, arrays and the type and
 * summary columns are drawn dimmed. GUI thread.
 */
class JsonValueDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Lwb
