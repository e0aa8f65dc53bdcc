// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "projecttreemodel.h"

#include "project/samtemplate.h"
#include "project/savedevents.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Lwb {

struct ProjectTreeModel::Node
{
    Kind kind = Kind::Group;
    QString name;
    QString detail;
    QString logicalId;
    Kind groupOf = Kind::Group; ///< for groups: the kind of their items
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(Kind childKind, const QString &childName, const QString &childDetail,
              const QString &id)
    {
        auto node = std::make_unique<Node>();
        node->kind = childKind;
        node->name = childName;
        node->detail = childDetail;
        node->logicalId = id;
        node->parent = this;
        node->row = int(children.size());
        children.push_back(std::move(node));
        return children.back().get();
    }
};

namespace {

/** Which group a template resource type belongs to. */
ProjectTreeModel::Kind kindOfResource(const QString &type)
{
    using Kind = ProjectTreeModel::Kind;
    if (type == u"AWS::Serverless::Function"_s || type == u"AWS::Lambda::Function"_s) {
        return Kind::Function;
    }
    if (type == u"AWS::Serverless::LayerVersion"_s || type == u"AWS::Lambda::LayerVersion"_s) {
        return Kind::Layer;
    }
    if (type == u"AWS::Serverless::Api"_s || type == u"AWS::Serverless::HttpApi"_s ||
        type.startsWith(u"AWS::ApiGateway"_s)) {
        return Kind::Api;
    }
    if (type == u"AWS::SQS::Queue"_s) {
        return Kind::Queue;
    }
    if (type == u"AWS::S3::Bucket"_s) {
        return Kind::Bucket;
    }
    return Kind::Resource;
}

} // namespace

ProjectTreeModel::ProjectTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

ProjectTreeModel::~ProjectTreeModel() = default;

void ProjectTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void ProjectTreeModel::setProject(const SamTemplate &project)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    const std::vector<std::pair<Kind, QString>> groups = {
        {Kind::Function, tr("Functions")}, {Kind::Layer, tr("Layers")},
        {Kind::Api, tr("APIs")},           {Kind::Queue, tr("Queues")},
        {Kind::Bucket, tr("Buckets")},     {Kind::Resource, tr("Other resources")},
    };
    std::vector<Node *> groupNodes;
    for (const auto &[kind, title] : groups) {
        Node *group = m_root->add(Kind::Group, title, QString(), QString());
        group->groupOf = kind;
        groupNodes.push_back(group);
    }
    auto groupFor = [&](Kind kind) {
        for (Node *group : groupNodes) {
            if (group->groupOf == kind) {
                return group;
            }
        }
        return groupNodes.back();
    };

    const SavedEvents saved(project.directory());
    for (const FunctionConfig &function : project.functions()) {
        Node *node = groupFor(Kind::Function)->add(Kind::Function, function.logicalId,
                                                   function.runtime, function.logicalId);
        if (function.events.is_object()) {
            for (const auto &[name, event] : function.events.items()) {
                const QString type = event.contains("Type") && event["Type"].is_string()
                                         ? QString::fromStdString(event["Type"].get<std::string>())
                                         : QString();
                node->add(Kind::Trigger, QString::fromStdString(name), type, function.logicalId);
            }
        }
        for (const QString &name : saved.names(function.logicalId)) {
            node->add(Kind::TestEvent, name, tr("test event"), function.logicalId);
        }
    }
    for (const QString &id : project.resourceIds()) {
        const QString type = project.resourceType(id);
        const Kind kind = kindOfResource(type);
        if (kind == Kind::Function) {
            continue; // listed above, with what the template says about them
        }
        groupFor(kind)->add(kind, id, type, id);
    }
    // Groups with nothing in them stay out of the way.
    auto &top = m_root->children;
    top.erase(std::remove_if(top.begin(), top.end(),
                             [](const std::unique_ptr<Node> &group) {
                                 return group->children.empty() && group->groupOf != Kind::Function;
                             }),
              top.end());
    for (int row = 0; row < int(top.size()); ++row) {
        top[row]->row = row;
    }
    endResetModel();
}

ProjectTreeModel::Node *ProjectTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ProjectTreeModel::functionIndex(const QString &logicalId) const
{
    const QModelIndex functions = groupIndex(Kind::Function);
    Node *group = nodeAt(functions);
    if (!functions.isValid()) {
        return {};
    }
    for (const auto &child : group->children) {
        if (child->logicalId == logicalId) {
            return createIndex(child->row, 0, child.get());
        }
    }
    return {};
}

QModelIndex ProjectTreeModel::groupIndex(Kind kind) const
{
    for (const auto &group : m_root->children) {
        if (group->groupOf == kind) {
            return createIndex(group->row, 0, group.get());
        }
    }
    return {};
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    Node *node = nodeAt(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex ProjectTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    Node *node = nodeAt(child);
    Node *parentNode = node->parent;
    if (!parentNode || parentNode == m_root.get()) {
        return {};
    }
    return createIndex(parentNode->row, 0, parentNode);
}

int ProjectTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) {
        return 0;
    }
    return int(nodeAt(parent)->children.size());
}

int ProjectTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant ProjectTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == 1) {
            return node->kind == Kind::Group ? QVariant(int(node->children.size()))
                                             : QVariant(node->detail);
        }
        return node->name;
    case Qt::ToolTipRole:
        return node->kind == Kind::Group ? QVariant()
                                         : QVariant(u"%1 — %2"_s.arg(node->name, node->detail));
    case KindRole:
        return QVariant::fromValue(node->kind);
    case LogicalIdRole:
        return node->logicalId;
    case NameRole:
        return node->name;
    default:
        return {};
    }
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == 0 ? tr("Name") : tr("Detail");
}

} // namespace Lwb
