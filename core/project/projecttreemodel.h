// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QAbstractItemModel>

#include <memory>

namespace Lwb {

class SamTemplate;

/**
 * The project as a tree: its functions (each with its triggers and saved test events), layers,
 * APIs, queues, buckets and the template's other resources, grouped like the SAM template's
 * resource types. Two columns: the name and a detail (runtime, resource type, trigger type).
 * Rebuilt by setProject(); only QtCore, the GUI adds icons. Thread of its user.
 */
class LWB_CORE_EXPORT ProjectTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Kind {
        Group,
        Function,
        Trigger,
        TestEvent,
        Layer,
        Api,
        Queue,
        Bucket,
        Resource,
    };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        LogicalIdRole,               ///< the resource (for triggers and test events: the function)
        NameRole,                    ///< the trigger's or test event's own name
    };

    explicit ProjectTreeModel(QObject *parent = nullptr);
    ~ProjectTreeModel() override;

    /** Shows @p project; its test events come from <template folder>/events/<Function>/. */
    void setProject(const SamTemplate &project);
    void clear();

    /** The function's row, or an invalid index. */
    QModelIndex functionIndex(const QString &logicalId) const;
    /** The top-level group of @p kind (Function, Layer, Api, Queue, Bucket, Resource). */
    QModelIndex groupIndex(Kind kind) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeAt(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
};

} // namespace Lwb
