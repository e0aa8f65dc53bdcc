// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "triggerdesignermodel.h"

#include "project/samtemplate.h"

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/** A property value in a few words: "Queue" for !GetAtt Queue.Arn, "X" for !Ref X. */
QString describe(const nlohmann::json &value)
{
    if (value.is_string()) {
        return qs(value.get<std::string>());
    }
    if (value.is_object() && value.size() == 1) {
        const std::string key = value.begin().key();
        const nlohmann::json &arg = value.begin().value();
        if (key == "Ref" && arg.is_string()) {
            return qs(arg.get<std::string>());
        }
        if (key == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
            arg[1].is_string()) {
            const QString attribute = qs(arg[1].get<std::string>());
            const QString resource = qs(arg[0].get<std::string>());
            return attribute == u"Arn"_s ? resource : resource + u'.' + attribute;
        }
        if (key == "Fn::Sub" && arg.is_string()) {
            return qs(arg.get<std::string>());
        }
    }
    return qs(value.dump());
}

/** The line under a trigger's name: its schedule, route, bucket or queue… */
QString triggerDetail(const nlohmann::json &properties)
{
    if (!properties.is_object()) {
        return {};
    }
    for (const char *key : {"Schedule", "ScheduleExpression"}) {
        if (properties.contains(key)) {
            const bool off = properties.value("Enabled", nlohmann::json(true)) == false ||
                             properties.value("State", nlohmann::json()) == "DISABLED";
            return describe(properties[key]) + (off ? u" (disabled)"_s : QString());
        }
    }
    if (properties.contains("Path") || properties.contains("Method")) {
        const QString method =
            properties.contains("Method") ? describe(properties["Method"]).toUpper() : u"ANY"_s;
        return method + u' ' +
               (properties.contains("Path") ? describe(properties["Path"]) : u"/"_s);
    }
    for (const char *key : {"Bucket", "Queue", "Stream", "Topic", "EventBusName"}) {
        if (properties.contains(key)) {
            return describe(properties[key]);
        }
    }
    QStringList parts;
    for (auto it = properties.begin(); it != properties.end() && parts.size() < 2; ++it) {
        if (it.value().is_primitive()) {
            parts << qs(it.key()) + u": "_s + describe(it.value());
        }
    }
    return parts.join(u", "_s);
}

QString destinationTypeName(const QString &type)
{
    if (type == u"SQS"_s) {
        return TriggerDesignerModel::tr("SQS queue");
    }
    if (type == u"SNS"_s) {
        return TriggerDesignerModel::tr("SNS topic");
    }
    if (type == u"Lambda"_s) {
        return TriggerDesignerModel::tr("Lambda function");
    }
    if (type == u"EventBridge"_s) {
        return TriggerDesignerModel::tr("EventBridge event bus");
    }
    return type;
}

} // namespace

TriggerDesignerModel::TriggerDesignerModel(QObject *parent) : QAbstractListModel(parent) {}

void TriggerDesignerModel::setFunction(const SamTemplate *samTemplate, const QString &logicalId)
{
    m_template = samTemplate;
    m_functionId = logicalId;
    reload();
}

void TriggerDesignerModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const std::optional<FunctionConfig> function =
        m_template && !m_functionId.isEmpty() ? m_template->function(m_functionId) : std::nullopt;
    if (function) {
        const nlohmann::json &events = function->events;
        if (events.is_object()) {
            for (auto it = events.begin(); it != events.end(); ++it) {
                const nlohmann::json &event = it.value();
                Row row{Kind::Trigger, qs(it.key()), u"Events."_s + qs(it.key())};
                row.title = row.key;
                row.type = event.is_object() ? describe(event.value("Type", nlohmann::json("")))
                                             : QString();
                row.detail = event.is_object()
                                 ? triggerDetail(event.value("Properties", nlohmann::json()))
                                 : QString();
                m_rows.push_back(row);
            }
        }

        Row self{Kind::Function, m_functionId, QString()};
        self.title = m_functionId;
        self.type = function->runtime;
        self.detail =
            tr("%1 · %2 MB · %3 s")
                .arg(function->runtime.isEmpty() ? function->packageType : function->runtime)
                .arg(function->memoryMb)
                .arg(function->timeoutSeconds);
        for (const LayerConfig &layer : function->layers) {
            self.layers << layer.name;
        }
        m_rows.push_back(self);

        const struct
        {
            const char *key;
            QString path;
            QString condition;
            const char *targetKey;
        } destinations[] = {
            {"OnSuccess", u"EventInvokeConfig.DestinationConfig.OnSuccess"_s, tr("On success"),
             "Destination"},
            {"OnFailure", u"EventInvokeConfig.DestinationConfig.OnFailure"_s, tr("On failure"),
             "Destination"},
            {"DeadLetterQueue", u"DeadLetterQueue"_s, tr("Dead-letter queue"), "TargetArn"},
        };
        for (const auto &d : destinations) {
            const std::optional<nlohmann::json> value =
                m_template->functionProperty(m_functionId, d.path);
            if (!value) {
                continue;
            }
            Row row{Kind::Destination, QString::fromLatin1(d.key), d.path};
            row.condition = d.condition;
            if (value->is_object()) {
                row.type = describe(value->value("Type", nlohmann::json("")));
                const auto target = value->find(d.targetKey);
                if (target != value->end()) {
                    const QString text = describe(*target);
                    row.title = text.startsWith(u"arn:"_s) ? text.section(u':', -1) : text;
                } else if (row.type == u"SQS"_s || row.type == u"SNS"_s) {
                    row.title = tr("Created by SAM");
                }
            }
            row.detail = destinationTypeName(row.type);
            m_rows.push_back(row);
        }
    }
    endResetModel();
}

int TriggerDesignerModel::rowOf(const QString &id) const
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (data(index(row), IdRole).toString() == id) {
            return row;
        }
    }
    return -1;
}

int TriggerDesignerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TriggerDesignerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return row.title;
    case Qt::ToolTipRole:
        return row.detail.isEmpty() ? row.title : row.title + u'\n' + row.detail;
    case KindRole:
        return QVariant::fromValue(row.kind);
    case IdRole:
        switch (row.kind) {
        case Kind::Trigger:
            return triggerId(row.key);
        case Kind::Function:
            return functionRowId();
        case Kind::Destination:
            return destinationId(row.key);
        }
        return {};
    case KeyRole:
        return row.key;
    case PathRole:
        return row.path;
    case TypeRole:
        return row.type;
    case DetailRole:
        return row.detail;
    case ConditionRole:
        return row.condition;
    case LayersRole:
        return row.layers;
    default:
        return {};
    }
}

QHash<int, QByteArray> TriggerDesignerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IdRole, "id");
    names.insert(KeyRole, "key");
    names.insert(PathRole, "path");
    names.insert(TypeRole, "type");
    names.insert(DetailRole, "detail");
    names.insert(ConditionRole, "condition");
    names.insert(LayersRole, "layers");
    return names;
}

} // namespace Lwb
