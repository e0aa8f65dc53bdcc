// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuedefinition.h"

#include "asyncstore.h"

#include "api/engineextensions.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "project/samtemplate.h"

#include <QtCore/QFileInfo>
#include <QtCore/QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcQueues, "lwb.core.queues")

namespace Lwb {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/** A whole number in [min, max] from a JSON number or numeric string (CloudFormation takes both).
 */
bool intValue(const nlohmann::json &v, int min, int max, int *out)
{
    qint64 n = 0;
    if (v.is_number_integer()) {
        n = v.get<qint64>();
    } else if (v.is_string()) {
        bool ok = false;
        n = qs(v.get<std::string>()).toLongLong(&ok);
        if (!ok) {
            return false;
        }
    } else {
        return false;
    }
    if (n < min || n > max) {
        return false;
    }
    *out = int(n);
    return true;
}

bool boolValue(const nlohmann::json &v, bool *out)
{
    if (v.is_boolean()) {
        *out = v.get<bool>();
        return true;
    }
    if (v.is_string() && (v == "true" || v == "false")) {
        *out = v == "true";
        return true;
    }
    return false;
}

/** The logical id a {"Fn::GetAtt": [Id, Attr]} or {"Ref": Id} names, else empty. */
QString referencedId(const nlohmann::json &reference)
{
    if (!reference.is_object() || reference.size() != 1) {
        return {};
    }
    if (reference.contains("Ref") && reference["Ref"].is_string()) {
        return qs(reference["Ref"].get<std::string>());
    }
    const nlohmann::json &getAtt = reference.value("Fn::GetAtt", nlohmann::json());
    if (getAtt.is_array() && getAtt.size() == 2 && getAtt[0].is_string() && getAtt[1] == "Arn") {
        return qs(getAtt[0].get<std::string>());
    }
    return {};
}

// Hosts that set up an engine (lwb local start-lambda, the GUI) write the template's queues
// into the project's store first, so that event sources and destinations use their rules.
void attachQueueDefinitions(Engine &engine, const EngineExtensionContext &context)
{
    if (context.templatePath.isEmpty()) {
        return;
    }
    std::vector<QueueDefinition> queues;
    QStringList errors;
    const bool loaded = QueueDefinition::loadTemplate(context.templatePath, engine.options().region,
                                                      engine.options().accountId, &queues, &errors);
    for (const QString &e : std::as_const(errors)) {
        qCWarning(lcQueues, "%s", qPrintable(e));
        JournalRecord rec;
        rec.kind = JournalKind::Warning;
        rec.data = {{"message", e.toStdString()}};
        engine.journal()->append(std::move(rec));
    }
    const QString storePath = AsyncStore::pathForTemplate(context.templatePath);
    if (!loaded || (queues.empty() && !QFileInfo::exists(storePath))) {
        return;
    }
    AsyncStore store;
    QString error;
    if (!store.open(storePath, &error) || !store.defineQueues(queues)) {
        qCWarning(lcQueues, "cannot record the template's queues in %s: %s", qPrintable(storePath),
                  qPrintable(error.isEmpty() ? store.lastError() : error));
    }
}

// Before the async queue (0) and the trigger sources (10), which read the definitions.
const EngineExtensionRegistration queuesRegistration({u"queue-definitions"_s, -10,
                                                      attachQueueDefinitions});

} // namespace

nlohmann::json QueueDefinition::toJson() const
{
    return {{"logicalId", logicalId.toStdString()},
            {"queueName", queueName.toStdString()},
            {"arn", arn.toStdString()},
            {"visibilityTimeoutSeconds", visibilityTimeoutSeconds},
            {"delaySeconds", delaySeconds},
            {"messageRetentionSeconds", messageRetentionSeconds},
            {"maximumMessageSizeBytes", maximumMessageSizeBytes},
            {"fifo", fifo},
            {"contentBasedDeduplication", contentBasedDeduplication},
            {"deadLetterQueue", deadLetterQueue.toStdString()},
            {"maxReceiveCount", maxReceiveCount}};
}

QueueDefinition QueueDefinition::fromJson(const nlohmann::json &json)
{
    QueueDefinition d;
    if (!json.is_object()) {
        return d;
    }
    d.logicalId = qs(json.value("logicalId", std::string()));
    d.queueName = qs(json.value("queueName", std::string()));
    d.arn = qs(json.value("arn", std::string()));
    d.visibilityTimeoutSeconds = json.value("visibilityTimeoutSeconds", d.visibilityTimeoutSeconds);
    d.delaySeconds = json.value("delaySeconds", d.delaySeconds);
    d.messageRetentionSeconds = json.value("messageRetentionSeconds", d.messageRetentionSeconds);
    d.maximumMessageSizeBytes = json.value("maximumMessageSizeBytes", d.maximumMessageSizeBytes);
    d.fifo = json.value("fifo", false);
    d.contentBasedDeduplication = json.value("contentBasedDeduplication", false);
    d.deadLetterQueue = qs(json.value("deadLetterQueue", std::string()));
    d.maxReceiveCount = json.value("maxReceiveCount", 0);
    return d;
}

std::vector<QueueDefinition> QueueDefinition::fromTemplate(const nlohmann::json &cfnTemplate,
                                                           const QString &region,
                                                           const QString &accountId,
                                                           QStringList *errors)
{
    const nlohmann::json resources = cfnTemplate.value("Resources", nlohmann::json::object());
    if (!resources.is_object()) {
        return {};
    }
    // First pass: names and ARNs, so that a redrive policy may name a queue defined later.
    std::vector<QueueDefinition> all;
    std::vector<nlohmann::json> properties;
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        if (!it.value().is_object() ||
            it.value().value("Type", std::string()) != "AWS::SQS::Queue") {
            continue;
        }
        QueueDefinition d;
        d.logicalId = qs(it.key());
        const nlohmann::json props = it.value().value("Properties", nlohmann::json::object());
        properties.push_back(props.is_object() ? props : nlohmann::json::object());
        const nlohmann::json &p = properties.back();
        if (p.contains("FifoQueue")) {
            boolValue(p["FifoQueue"], &d.fifo); // checked in the second pass
        }
        const nlohmann::json name = p.value("QueueName", nlohmann::json());
        d.queueName = name.is_string() ? qs(name.get<std::string>())
                                       : d.logicalId + (d.fifo ? u".fifo"_s : QString());
        d.arn = u"arn:aws:sqs:%1:%2:%3"_s.arg(region, accountId, d.queueName);
        all.push_back(d);
    }

    std::vector<QueueDefinition> out;
    for (size_t i = 0; i < all.size(); ++i) {
        QueueDefinition d = all[i];
        const nlohmann::json &p = properties[i];
        QStringList problems;
        const QString at = u"Resources.%1.Properties."_s.arg(d.logicalId);
        auto number = [&](const char *key, int min, int max, int *target) {
            if (p.contains(key) && !intValue(p[key], min, max, target)) {
                problems << at + qs(key) +
                                u": must be a whole number from %1 to %2, not %3"_s.arg(min)
                                    .arg(max)
                                    .arg(qs(p[key].dump()));
            }
        };
        number("VisibilityTimeout", 0, 43200, &d.visibilityTimeoutSeconds);
        number("DelaySeconds", 0, 900, &d.delaySeconds);
        number("MessageRetentionPeriod", 60, 1209600, &d.messageRetentionSeconds);
        number("MaximumMessageSize", 1024, 1048576, &d.maximumMessageSizeBytes);
        if (p.contains("FifoQueue") && !boolValue(p["FifoQueue"], &d.fifo)) {
            problems << at + u"FifoQueue: must be true or false"_s;
        }
        if (p.contains("ContentBasedDeduplication") &&
            !boolValue(p["ContentBasedDeduplication"], &d.contentBasedDeduplication)) {
            problems << at + u"ContentBasedDeduplication: must be true or false"_s;
        }
        if (p.contains("QueueName") && !p["QueueName"].is_string()) {
            problems << at + u"QueueName: must be a plain string here (intrinsics are not "
                             "evaluated for queues)"_s;
        } else if (d.fifo != d.queueName.endsWith(u".fifo")) {
            problems << at + (d.fifo ? u"QueueName: a FIFO queue's name must end in .fifo"_s
                                     : u"QueueName: only a FIFO queue's name may end in .fifo"_s);
        }
        if (p.contains("RedrivePolicy")) {
            nlohmann::json redrive = p["RedrivePolicy"];
            if (redrive.is_string()) { // CloudFormation also takes the policy as a JSON string
                redrive = nlohmann::json::parse(redrive.get<std::string>(), nullptr, false);
            }
            if (!redrive.is_object()) {
                problems << at + u"RedrivePolicy: must be an object with deadLetterTargetArn and "
                                 "maxReceiveCount"_s;
            } else {
                QString error;
                const QString target = redrive.contains("deadLetterTargetArn")
                                           ? resolve(all, redrive["deadLetterTargetArn"], &error)
                                           : QString();
                if (!redrive.contains("deadLetterTargetArn")) {
                    problems << at + u"RedrivePolicy.deadLetterTargetArn: missing"_s;
                } else if (target.isEmpty()) {
                    problems << at + u"RedrivePolicy.deadLetterTargetArn: "_s + error;
                } else if (target == d.logicalId) {
                    problems << at + u"RedrivePolicy.deadLetterTargetArn: a queue cannot be its "
                                     "own dead-letter queue"_s;
                } else {
                    d.deadLetterQueue = target;
                    const auto dlq =
                        std::find_if(all.begin(), all.end(), [&](const QueueDefinition &q) {
                            return q.logicalId == target;
                        });
                    if (dlq != all.end() && dlq->fifo != d.fifo) {
                        problems << at +
                                        u"RedrivePolicy.deadLetterTargetArn: the dead-letter queue "
                                        "of a %1 queue must be a %1 queue too"_s.arg(
                                            d.fifo ? u"FIFO"_s : u"standard"_s);
                    }
                }
                if (!redrive.contains("maxReceiveCount") ||
                    !intValue(redrive["maxReceiveCount"], 1, 1000, &d.maxReceiveCount)) {
                    problems << at +
                                    u"RedrivePolicy.maxReceiveCount: must be a whole number from 1 "
                                    "to 1000"_s;
                }
            }
        }
        if (problems.isEmpty()) {
            out.push_back(d);
        } else if (errors) {
            *errors << problems;
        }
    }
    return out;
}

QString QueueDefinition::resolve(const std::vector<QueueDefinition> &queues,
                                 const nlohmann::json &reference, QString *error)
{
    auto find = [&](auto pred) {
        const auto it = std::find_if(queues.begin(), queues.end(), pred);
        return it == queues.end() ? QString() : it->logicalId;
    };
    const QString id = referencedId(reference);
    if (!id.isEmpty()) {
        const QString found = find([&](const QueueDefinition &q) { return q.logicalId == id; });
        if (found.isEmpty() && error) {
            *error = u"'%1' is not an AWS::SQS::Queue of this template"_s.arg(id);
        }
        return found;
    }
    if (!reference.is_string()) {
        if (error) {
            *error =
                u"must be a queue ARN or !GetAtt Queue.Arn, not %1"_s.arg(qs(reference.dump()));
        }
        return {};
    }
    const QString text = qs(reference.get<std::string>()).trimmed();
    QString found;
    if (text.startsWith(u"arn:")) {
        const QStringList parts = text.split(u':');
        if (parts.size() != 6 || parts.at(2) != u"sqs" || parts.at(5).isEmpty()) {
            if (error) {
                *error =
                    u"'%1' is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)"_s.arg(text);
            }
            return {};
        }
        found = find(
            [&](const QueueDefinition &q) { return q.arn == text || q.queueName == parts.at(5); });
    } else if (text.startsWith(u"https://") || text.startsWith(u"http://")) {
        const QString name = text.mid(text.lastIndexOf(u'/') + 1);
        found = find([&](const QueueDefinition &q) { return q.queueName == name; });
    } else {
        found = find(
            [&](const QueueDefinition &q) { return q.logicalId == text || q.queueName == text; });
    }
    if (found.isEmpty() && error) {
        *error = u"'%1' is not an AWS::SQS::Queue of this template"_s.arg(text);
    }
    return found;
}

bool QueueDefinition::loadTemplate(const QString &templatePath, const QString &region,
                                   const QString &accountId, std::vector<QueueDefinition> *queues,
                                   QStringList *errors)
{
    SamTemplate sam;
    if (!sam.load(templatePath)) {
        for (const Problem &p : sam.problems()) {
            *errors << p.toString();
        }
        return false;
    }
    QStringList problems;
    *queues = fromTemplate(sam.toJson(), region, accountId, &problems);
    for (const QString &p : std::as_const(problems)) {
        *errors << QFileInfo(templatePath).fileName() + u": error: "_s + p;
    }
    return true;
}

} // namespace Lwb
