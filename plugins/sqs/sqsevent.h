// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/asyncstore.h"

#include <QtCore/QSet>
#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::Sqs {

/**
 * One record of the event Lambda sends for SQS messages (lambda-reference §7.5): messageId,
 * receiptHandle, body, attributes (strings; FIFO keys for FIFO queues), messageAttributes in
 * the event's lower-case form, md5OfBody, eventSource, eventSourceARN, awsRegion — in that
 * order. @p senderId is the account that sent it.
 */
nlohmann::ordered_json record(const QueueMessage &message, const QueueDefinition &queue,
                              const QString &region, const QString &senderId);

/** The whole event: {"Records": [record…]}. */
nlohmann::ordered_json event(const std::vector<QueueMessage> &messages,
                             const QueueDefinition &queue, const QString &region,
                             const QString &senderId);

/**
 * Reads a partial batch response ({"batchItemFailures": [{"itemIdentifier": id}…]}) of a
 * batch of @p messageIds: the ids that failed (empty: all succeeded — an empty or null
 * response or list). nullopt when Lambda counts the whole batch as failed: invalid JSON, an
 * item without a non-empty string itemIdentifier, or one naming a message not in the batch.
 */
std::optional<QSet<QString>> failedItems(const QByteArray &response,
                                         const QSet<QString> &messageIds);

} // namespace Lwb::Sqs
