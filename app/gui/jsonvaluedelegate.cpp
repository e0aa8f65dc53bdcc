// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonvaluedelegate.h"

#include "project/jsontreemodel.h"

#include <QtCore/QRegularExpression>
#include <QtGui/QRegularExpressionValidator>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLineEdit>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

JsonTreeModel::Type typeAt(const QModelIndex &index)
{
    return index.data(JsonTreeModel::TypeRole).value<JsonTreeModel::Type>();
}

} // namespace

QWidget *JsonValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                         const QModelIndex &index) const
{
    switch (typeAt(index)) {
    case JsonTreeModel::Type::String: {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(u"stringEditor"_s);
        edit->setFrame(false);
        return edit;
    }
    case JsonTreeModel::Type::Number: {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(u"numberEditor"_s);
        edit->setFrame(false);
        // RFC 8259's number grammar; the validator anchors it to the whole text.
        static const QRegularExpression number(
            u"-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"_s);
        edit->setValidator(new QRegularExpressionValidator(number, edit));
        return edit;
    }
    case JsonTreeModel::Type::Boolean: {
        auto *box = new QComboBox(parent);
        box->setObjectName(u"booleanEditor"_s);
        box->addItems({u"true"_s, u"false"_s});
        return box;
    }
    case JsonTreeModel::Type::Null:
    case JsonTreeModel::Type::Object:
    case JsonTreeModel::Type::Array:
        break;
    }
    return nullptr;
}

void JsonValueDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        box->setCurrentIndex(index.data(Qt::EditRole).toBool() ? 0 : 1);
    } else if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        edit->setText(index.data(Qt::EditRole).toString());
    }
}

void JsonValueDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                     const QModelIndex &index) const
{
    // The model refuses what is not a value of the node's type; the old value then stays.
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, box->currentIndex() == 0);
    } else if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        model->setData(index, edit->text());
    }
}

void JsonValueDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const JsonTreeModel::Type type = typeAt(index);
    const bool summary = index.column() == JsonTreeModel::ValueColumn &&
                         (type == JsonTreeModel::Type::Object ||
                          type == JsonTreeModel::Type::Array || type == JsonTreeModel::Type::Null);
    if (summary || index.column() == JsonTreeModel::TypeColumn) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

} // namespace Lwb
