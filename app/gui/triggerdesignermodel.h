// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtCore/QAbstractListModel>
#include <QtCore/QStringList>

#include <vector>

namespace Lwb {

class SamTemplate;

/**
 * The boxes of one function's diagram in the trigger designer, as the Lambda console's function
 * overview shows them: its triggers (the SAM `Events`, in the map's order), the function itself,
 * and its asynchronous destinations (`EventInvokeConfig.DestinationConfig.OnSuccess|OnFailure`,
 * `DeadLetterQueue`). Read from the template as written, so that a `!GetAtt Queue.Arn` shows
 * as "Queue". Call reload() after every edit of the template. GUI thread.
 */
class TriggerDesignerModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind { Trigger, Function, Destination };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        IdRole,     ///< unique per row: "trigger:<Name>", "function", "destination:<Key>"
        KeyRole,    ///< the event name, the function's logical id, or
                    ///< OnSuccess/OnFailure/DeadLetterQueue
        PathRole,   ///< the Properties path of the row: "Events.<Name>", "", "EventInvokeConfig…"
        TypeRole,   ///< an event's Type, the runtime, or a destination's Type (SQS, SNS…)
        DetailRole, ///< one line under the title: the schedule, route, bucket, queue…
        ConditionRole, ///< a destination's "On success", "On failure" or "Dead-letter queue"
        LayersRole,    ///< the function's layers (QStringList)
    };

    explicit TriggerDesignerModel(QObject *parent = nullptr);

    /** Shows function @p logicalId of @p samTemplate (not owned; it outlives the model). */
    void setFunction(const SamTemplate *samTemplate, const QString &logicalId);
    /** Re-reads the function from the template. */
    void reload();

    QString functionId() const { return m_functionId; }
    /** The row whose IdRole is @p id, or -1. */
    int rowOf(const QString &id) const;

    static QString triggerId(const QString &eventName)
    {
        return QStringLiteral("trigger:") + eventName;
    }
    static QString destinationId(const QString &key)
    {
        return QStringLiteral("destination:") + key;
    }
    static QString functionRowId() { return QStringLiteral("function"); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        Row(Kind kind, const QString &key, const QString &path) : kind(kind), key(key), path(path)
        {
        }

        Kind kind;
        QString key;
        QString path;
        QString title;
        QString type;
        QString detail;
        QString condition;
        QStringList layers;
    };

    const SamTemplate *m_template = nullptr;
    QString m_functionId;
    std::vector<Row> m_rows;
};

} // namespace Lwb
