// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <vector>

namespace Lwb {

/**
 * An `AWS::SQS::Queue` of a SAM template as a local queue: the attributes the local queues of
 * AsyncStore honour (visibility timeout, delay, FIFO, redrive to a dead-letter queue). The
 * store keeps it as the queue's definition, so that every process using the project's store
 * (`lwb local start-lambda`, `lwb local sqs …`) applies the same rules. A plain value type.
 */
struct LWB_CORE_EXPORT QueueDefinition
{
    QString logicalId; ///< the local queue's name in the store
    QString queueName; ///< QueueName, or the logical id (+ ".fifo" for FIFO queues)
    QString arn;       ///< arn:aws:sqs:<region>:<account>:<queueName>
    int visibilityTimeoutSeconds = 30;
    int delaySeconds = 0;
    int messageRetentionSeconds = 345600;
    int maximumMessageSizeBytes = 262144;
    bool fifo = false;
    bool contentBasedDeduplication = false;
    QString deadLetterQueue; ///< RedrivePolicy.deadLetterTargetArn as a local queue name
    int maxReceiveCount = 0; ///< RedrivePolicy.maxReceiveCount; 0 = no redrive

    nlohmann::json toJson() const;
    /** The inverse of toJson(); missing keys keep their defaults. */
    static QueueDefinition fromJson(const nlohmann::json &json);

    /**
     * Every `AWS::SQS::Queue` of @p cfnTemplate (a template in CloudFormation JSON form, as
     * SamTemplate::toJson() gives it), by logical id. What is wrong (out-of-range values,
     * a redrive target that is not a queue, a FIFO name without ".fifo" …) is appended to
     * @p errors as "Resources.<Id>.Properties.<Key>: …"; such queues are left out.
     */
    static std::vector<QueueDefinition> fromTemplate(const nlohmann::json &cfnTemplate,
                                                     const QString &region,
                                                     const QString &accountId, QStringList *errors);

    /**
     * The logical id of the queue in @p queues that @p reference names: {"Fn::GetAtt": [Id,
     * "Arn"]}, {"Ref": Id} (SQS's Ref is the URL, but SAM users write both), an ARN, a queue
     * URL or a plain name or logical id. Empty (with @p error) when it names none of them.
     */
    static QString resolve(const std::vector<QueueDefinition> &queues,
                           const nlohmann::json &reference, QString *error);

    /**
     * Loads the SAM template at @p templatePath and fills @p queues with its queues. False
     * when the template cannot be read; problems (also of single queues) go to @p errors.
     */
    static bool loadTemplate(const QString &templatePath, const QString &region,
                             const QString &accountId, std::vector<QueueDefinition> *queues,
                             QStringList *errors);
};

} // namespace Lwb
