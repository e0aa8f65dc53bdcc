// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QAbstractItemModel>

#include <nlohmann/json.hpp>

#include <vector>

namespace Lwb {

/**
 * A JSON document as an editable tree, for editing a test event as a form. Three columns: the
 * key (an object member's name, an array element's index), the value and its JSON type.
 * Objects and arrays are rows with children, in the document's order; the top-level rows are
 * the root's members (or the root itself when it is a scalar).
 *
 * Only scalar values are editable, and only within their type: setData() on a string takes
 * any text, on a number text that parses as a JSON number (or a numeric QVariant), on a
 * boolean true/false (a bool or the text), on null only null. Anything else is refused
 * (returns false), so json() is always a valid document with the same keys in the same order.
 * QtCore only; the GUI adds editors and colours. Thread of its user.
 */
class LWB_CORE_EXPORT JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };

    enum class Type { Null, Boolean, Number, String, Object, Array };
    Q_ENUM(Type)

    enum Role {
        TypeRole = Qt::UserRole + 1, ///< Type
        PointerRole,                 ///< the node's JSON pointer (RFC 6901), e.g. "/headers/Host"
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /** Shows @p document (resets the model). */
    void setJson(const nlohmann::ordered_json &document);
    /** The document with every edit applied, keys in their original order. */
    nlohmann::ordered_json json() const;

    /** The row of the node at @p pointer (RFC 6901) in @p column, or an invalid index. */
    QModelIndex indexOf(const QString &pointer, int column = ValueColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(int node, int column) const;

    std::vector<Node> m_nodes; ///< m_nodes[0] is the document
};

} // namespace Lwb
