// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqsevent.h"

using namespace Qt::StringLiterals;

namespace Lwb::Sqs {

namespace {

std::string ss(const QString &s)
{
    return s.toStdString();
}

// SQS's API form {"DataType", "StringValue" | "BinaryValue"} → the event's lower-case form.
nlohmann::ordered_json eventAttribute(const nlohmann::json &a)
{
    nlohmann::ordered_json out;
    const std::string type = a.is_object() ? a.value("DataType", std::string("String")) : "String";
    if (a.is_object() && a.contains("BinaryValue")) {
        out["binaryValue"] = a.value("BinaryValue", std::string());
    } else {
        out["stringValue"] = a.is_object() ? a.value("StringValue", std::string()) : std::string();
    }
    out["stringListValues"] = nlohmann::ordered_json::array();
    out["binaryListValues"] = nlohmann::ordered_json::array();
    out["dataType"] = type;
    return out;
}

} // namespace

nlohmann::ordered_json record(const QueueMessage &message, const QueueDefinition &queue,
                              const QString &region, const QString &senderId)
{
    nlohmann::ordered_json attributes;
    attributes["ApproximateReceiveCount"] = std::to_string(message.receiveCount);
    attributes["SentTimestamp"] = std::to_string(message.sentMs);
    if (queue.fifo) {
        attributes["SequenceNumber"] = ss(message.sequenceNumber());
        attributes["MessageGroupId"] = ss(message.groupId);
    }
    attributes["SenderId"] = ss(senderId);
    if (queue.fifo) {
        attributes["MessageDeduplicationId"] = ss(message.deduplicationId);
    }
    attributes["ApproximateFirstReceiveTimestamp"] = std::to_string(message.firstReceiveMs);

    nlohmann::ordered_json messageAttributes = nlohmann::ordered_json::object();
    if (message.attributes.is_object()) {
        for (auto it = message.attributes.begin(); it != message.attributes.end(); ++it) {
            messageAttributes[it.key()] = eventAttribute(it.value());
        }
    }

    nlohmann::ordered_json r;
    r["messageId"] = ss(message.messageId);
    r["receiptHandle"] = ss(message.receiptHandle);
    r["body"] = message.body.toStdString();
    r["attributes"] = attributes;
    r["messageAttributes"] = messageAttributes;
    r["md5OfBody"] = ss(message.md5OfBody());
    r["eventSource"] = "aws:sqs";
    r["eventSourceARN"] = ss(queue.arn);
    r["awsRegion"] = ss(region);
    return r;
}

nlohmann::ordered_json event(const std::vector<QueueMessage> &messages,
                             const QueueDefinition &queue, const QString &region,
                             const QString &senderId)
{
    nlohmann::ordered_json records = nlohmann::ordered_json::array();
    for (const QueueMessage &m : messages) {
        records.push_back(record(m, queue, region, senderId));
    }
    return {{"Records", records}};
}

std::optional<QSet<QString>> failedItems(const QByteArray &response,
                                         const QSet<QString> &messageIds)
{
    const QByteArray trimmed = response.trimmed();
    if (trimmed.isEmpty()) {
        return QSet<QString>();
    }
    const nlohmann::json j = nlohmann::json::parse(trimmed.toStdString(), nullptr, false);
    if (j.is_discarded() || !(j.is_null() || j.is_object())) {
        return std::nullopt;
    }
    if (j.is_null() || !j.contains("batchItemFailures") || j["batchItemFailures"].is_null()) {
        return QSet<QString>();
    }
    const nlohmann::json &list = j["batchItemFailures"];
    if (!list.is_array()) {
        return std::nullopt;
    }
    QSet<QString> failed;
    for (const auto &item : list) {
        const nlohmann::json id =
            item.is_object() ? item.value("itemIdentifier", nlohmann::json()) : nlohmann::json();
        if (!id.is_string() || id.get<std::string>().empty() ||
            !messageIds.contains(QString::fromStdString(id.get<std::string>()))) {
            return std::nullopt;
        }
        failed.insert(QString::fromStdString(id.get<std::string>()));
    }
    return failed;
}

} // namespace Lwb::Sqs
