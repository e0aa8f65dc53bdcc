// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/jsontreemodel.h"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

using Json = nlohmann::ordered_json;
constexpr int kNoParent = -1;
constexpr int kRoot = 0;

JsonTreeModel::Type typeOf(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return JsonTreeModel::Type::Object;
    case Json::value_t::array:
        return JsonTreeModel::Type::Array;
    case Json::value_t::string:
        return JsonTreeModel::Type::String;
    case Json::value_t::boolean:
        return JsonTreeModel::Type::Boolean;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return JsonTreeModel::Type::Number;
    default:
        return JsonTreeModel::Type::Null;
    }
}

QString typeName(JsonTreeModel::Type type)
{
    switch (type) {
    case JsonTreeModel::Type::Object:
        return u"object"_s;
    case JsonTreeModel::Type::Array:
        return u"array"_s;
    case JsonTreeModel::Type::String:
        return u"string"_s;
    case JsonTreeModel::Type::Number:
        return u"number"_s;
    case JsonTreeModel::Type::Boolean:
        return u"boolean"_s;
    case JsonTreeModel::Type::Null:
        break;
    }
    return u"null"_s;
}

bool isContainer(JsonTreeModel::Type type)
{
    return type == JsonTreeModel::Type::Object || type == JsonTreeModel::Type::Array;
}

/** @p value as a JSON number: text that parses as one, or a finite numeric QVariant. */
std::optional<Json> toNumber(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QString: {
        const std::string text = value.toString().trimmed().toStdString();
        Json parsed = Json::parse(text, nullptr, false);
        if (parsed.is_number()) {
            return parsed;
        }
        return std::nullopt;
    }
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return Json(value.toLongLong());
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return Json(value.toULongLong());
    case QMetaType::Float:
    case QMetaType::Double:
        if (std::isfinite(value.toDouble())) {
            return Json(value.toDouble());
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

/** @p value for a node of @p type, or nullopt when it is not a value of that type. */
std::optional<Json> toScalar(JsonTreeModel::Type type, const QVariant &value)
{
    const bool isText = value.typeId() == QMetaType::QString;
    switch (type) {
    case JsonTreeModel::Type::String:
        if (isText) {
            return Json(value.toString().toStdString());
        }
        return std::nullopt;
    case JsonTreeModel::Type::Number:
        return toNumber(value);
    case JsonTreeModel::Type::Boolean:
        if (value.typeId() == QMetaType::Bool) {
            return Json(value.toBool());
        }
        if (isText && (value.toString() == u"true"_s || value.toString() == u"false"_s)) {
            return Json(value.toString() == u"true"_s);
        }
        return std::nullopt;
    case JsonTreeModel::Type::Null:
        if (value.isNull() || (isText && value.toString() == u"null"_s)) {
            return Json(nullptr);
        }
        return std::nullopt;
    case JsonTreeModel::Type::Object:
    case JsonTreeModel::Type::Array:
        break;
    }
    return std::nullopt;
}

/** "1 key", "3 keys", "1 item", "0 items": what a container row shows as its value. */
QString countText(std::size_t count, bool keys)
{
    if (count == 1) {
        return keys ? JsonTreeModel::tr("1 key") : JsonTreeModel::tr("1 item");
    }
    return (keys ? JsonTreeModel::tr("%1 keys") : JsonTreeModel::tr("%1 items")).arg(count);
}

/** One reference token of a JSON pointer, escaped (RFC 6901: "~" → "~0", "/" → "~1"). */
QString escapeToken(QString token)
{
    return token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

QString unescapeToken(QString token)
{
    return token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}

} // namespace

/**
 * A node of the tree. Nodes live in one flat vector (index 0 is the document) and refer to each
 * other by position, so that neither building, reading nor destroying a deeply nested document
 * recurses.
 */
struct JsonTreeModel::Node
{
    int parent = kNoParent;
    int row = 0;
    std::string key; ///< the member name, for members of an object
    Type type = Type::Object;
    Json scalar;               ///< the value, for scalars
    std::vector<int> children; ///< for objects and arrays
};

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    setJson(Json::object());
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const nlohmann::ordered_json &document)
{
    beginResetModel();
    m_nodes.clear();
    m_nodes.push_back(Node{});
    // Depth first with an explicit stack: (the value, the node it becomes).
    std::vector<std::pair<const Json *, int>> pending{{&document, kRoot}};
    while (!pending.empty()) {
        const auto [value, id] = pending.back();
        pending.pop_back();
        const Type type = typeOf(*value);
        m_nodes[id].type = type;
        if (!isContainer(type)) {
            m_nodes[id].scalar = *value;
            continue;
        }
        int row = 0;
        for (auto it = value->begin(); it != value->end(); ++it, ++row) {
            const int child = int(m_nodes.size());
            Node node;
            node.parent = id;
            node.row = row;
            if (type == Type::Object) {
                node.key = it.key();
            }
            m_nodes.push_back(std::move(node));
            m_nodes[id].children.push_back(child);
            pending.emplace_back(&*it, child);
        }
    }
    endResetModel();
}

nlohmann::ordered_json JsonTreeModel::json() const
{
    Json document;
    // Top down: each container gets all its members first, so that the pointers taken to them
    // afterwards stay valid while their own members are filled in.
    std::vector<std::pair<int, Json *>> pending{{kRoot, &document}};
    while (!pending.empty()) {
        const auto [id, target] = pending.back();
        pending.pop_back();
        const Node &node = m_nodes[id];
        if (!isContainer(node.type)) {
            *target = node.scalar;
            continue;
        }
        if (node.type == Type::Object) {
            *target = Json::object();
            for (int child : node.children) {
                target->emplace(m_nodes[child].key, nullptr);
            }
            // Keys are unique and kept in insertion order: the members line up with the children.
            auto member = target->begin();
            for (int child : node.children) {
                pending.emplace_back(child, &*member++);
            }
        } else {
            *target = Json::array();
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                target->push_back(nullptr);
            }
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                pending.emplace_back(node.children[i], &(*target)[i]);
            }
        }
    }
    return document;
}

QModelIndex JsonTreeModel::indexOf(const QString &pointer, int column) const
{
    if (!pointer.isEmpty() && !pointer.startsWith(u'/')) {
        return {};
    }
    int id = kRoot;
    const QStringList tokens = pointer.split(u'/');
    for (qsizetype i = 1; i < tokens.size(); ++i) {
        const Node &node = m_nodes[id];
        const QString token = unescapeToken(tokens.at(i));
        int found = kNoParent;
        if (node.type == Type::Object) {
            const std::string key = token.toStdString();
            for (int child : node.children) {
                if (m_nodes[child].key == key) {
                    found = child;
                    break;
                }
            }
        } else if (node.type == Type::Array) {
            bool ok = false;
            const int row = token.toInt(&ok);
            if (ok && row >= 0 && row < int(node.children.size()) &&
                token == QString::number(row)) {
                found = node.children[row];
            }
        }
        if (found == kNoParent) {
            return {};
        }
        id = found;
    }
    return indexOf(id, column);
}

QModelIndex JsonTreeModel::indexOf(int node, int column) const
{
    if (node == kRoot && isContainer(m_nodes[kRoot].type)) {
        return {}; // the document itself is the invisible root
    }
    return createIndex(m_nodes[node].row, column, quintptr(node));
}

JsonTreeModel::Node *JsonTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return nullptr;
    }
    return const_cast<Node *>(&m_nodes[index.internalId()]);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        const Node &root = m_nodes[kRoot];
        return createIndex(row, column,
                           quintptr(isContainer(root.type) ? root.children[row] : kRoot));
    }
    return createIndex(row, column, quintptr(nodeAt(parent)->children[row]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    if (!node || node->parent == kNoParent) {
        return {};
    }
    return indexOf(node->parent, KeyColumn);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) {
        return 0;
    }
    if (!parent.isValid()) {
        const Node &root = m_nodes[kRoot];
        return isContainer(root.type) ? int(root.children.size()) : 1;
    }
    return int(nodeAt(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node) {
        return {};
    }
    if (role == TypeRole) {
        return QVariant::fromValue(node->type);
    }
    if (role == PointerRole) {
        QStringList tokens;
        for (const Node *n = node; n->parent != kNoParent; n = &m_nodes[n->parent]) {
            tokens.prepend(m_nodes[n->parent].type == Type::Object
                               ? escapeToken(QString::fromStdString(n->key))
                               : QString::number(n->row));
        }
        return tokens.isEmpty() ? QString() : u'/' + tokens.join(u'/');
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole) {
        return {};
    }
    switch (index.column()) {
    case KeyColumn:
        if (role == Qt::EditRole || node->parent == kNoParent) {
            return {};
        }
        return m_nodes[node->parent].type == Type::Object ? QString::fromStdString(node->key)
                                                          : QString::number(node->row);
    case ValueColumn:
        switch (node->type) {
        case Type::Object:
            return role == Qt::DisplayRole ? QVariant(countText(node->children.size(), true))
                                           : QVariant();
        case Type::Array:
            return role == Qt::DisplayRole ? QVariant(countText(node->children.size(), false))
                                           : QVariant();
        case Type::String:
            return QString::fromStdString(node->scalar.get_ref<const std::string &>());
        case Type::Boolean:
            return role == Qt::DisplayRole ? QVariant(QString::fromStdString(node->scalar.dump()))
                                           : QVariant(node->scalar.get<bool>());
        case Type::Number:
            return QString::fromStdString(node->scalar.dump());
        case Type::Null:
            return role == Qt::DisplayRole ? QVariant(u"null"_s) : QVariant();
        }
        break;
    case TypeColumn:
        return role == Qt::DisplayRole ? QVariant(typeName(node->type)) : QVariant();
    default:
        break;
    }
    return {};
}

bool JsonTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    Node *node = nodeAt(index);
    if (!node || role != Qt::EditRole || index.column() != ValueColumn) {
        return false;
    }
    const std::optional<Json> scalar = toScalar(node->type, value);
    if (!scalar) {
        return false;
    }
    // Compared as text: 1 and 1.0 are equal numbers but not the same document.
    if (scalar->dump() != node->scalar.dump()) {
        node->scalar = *scalar;
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    }
    return true;
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!isContainer(node->type)) {
        flags |= Qt::ItemNeverHasChildren;
        if (index.column() == ValueColumn && node->type != Type::Null) {
            flags |= Qt::ItemIsEditable;
        }
    }
    return flags;
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

} // namespace Lwb
