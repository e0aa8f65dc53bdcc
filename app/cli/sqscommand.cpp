// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local sqs send|receive|list`: the template's AWS::SQS::Queue resources as local queues
// (the project's .lwb/async.sqlite, shared with a running `lwb local start-lambda`), with SQS's
// rules: delays, visibility timeouts, receipt handles, FIFO groups, redrive.
#include "clicommand.h"
#include "projectoptions.h"

#include "engine/engine.h"
#include "engine/timescale.h"
#include "store/asyncstore.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

enum class SqsAction { Send, Receive, List };

std::string ss(const QString &s)
{
    return s.toStdString();
}

/** JSON as the AWS CLI prints it: four spaces of indentation. */
void printJson(const nlohmann::ordered_json &j)
{
    printOut(QByteArray::fromStdString(j.dump(4)) + '\n');
}

/** SQS accepts only these characters in a body or attribute value (XML 1.0's). */
bool validSqsText(const QString &text)
{
    for (const char32_t c : text.toUcs4()) {
        const bool ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                        (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
        if (!ok) {
            return false;
        }
    }
    return true;
}

/** "Name=Value" or "Name:Type=Value" → SQS's {"DataType", "StringValue"}; error text on failure. */
QString parseAttribute(const QString &spec, nlohmann::json *attributes)
{
    const qsizetype eq = spec.indexOf(u'=');
    if (eq <= 0) {
        return u"--attribute '%1': write Name=Value (or Name:Number=42)"_s.arg(spec);
    }
    QString name = spec.left(eq);
    QString type = u"String"_s;
    if (const qsizetype colon = name.indexOf(u':'); colon > 0) {
        type = name.mid(colon + 1);
        name = name.left(colon);
    }
    const QString value = spec.mid(eq + 1);
    static const QRegularExpression validName(u"^[A-Za-z0-9_.-]{1,256}$"_s);
    if (!validName.match(name).hasMatch() || name.startsWith(u'.') || name.endsWith(u'.') ||
        name.contains(u".."_s) || name.startsWith(u"AWS."_s, Qt::CaseInsensitive) ||
        name.startsWith(u"Amazon."_s, Qt::CaseInsensitive)) {
        return u"--attribute '%1': the name may have letters, digits, _ - . (not at its ends, "
               "not twice in a row), at most 256 of them, and must not start with AWS. or Amazon."_s
                   .arg(name);
    }
    if (type != u"String" && type != u"Number" && !type.startsWith(u"String.") &&
        !type.startsWith(u"Number.")) {
        return u"--attribute '%1': the data type must be String or Number (optionally with a "
               ".label), not %2"_s.arg(name, type);
    }
    bool numeric = true;
    value.toDouble(&numeric);
    if (type.startsWith(u"Number") && !numeric) {
        return u"--attribute '%1': '%2' is not a number"_s.arg(name, value);
    }
    if (value.isEmpty() || !validSqsText(value)) {
        return u"--attribute '%1': the value must be non-empty text SQS accepts"_s.arg(name);
    }
    (*attributes)[ss(name)] = {{"DataType", ss(type)}, {"StringValue", ss(value)}};
    return {};
}

int sqsCommand(SqsAction action, const QStringList &arguments)
{
    QCommandLineParser parser;
    switch (action) {
    case SqsAction::Send:
        parser.setApplicationDescription(
            u"Send a message to a queue of the template (an AWS::SQS::Queue) and print what "
            "aws sqs send-message prints. Works whether or not lwb local start-lambda runs: "
            "its SQS event sources pick the message up."_s);
        parser.addPositionalArgument(u"queue"_s, u"The queue's logical id (or its name or ARN)."_s);
        parser.addPositionalArgument(u"body"_s, u"The message body."_s);
        break;
    case SqsAction::Receive:
        parser.setApplicationDescription(
            u"Receive messages of a queue of the template as aws sqs receive-message does: "
            "they become invisible for the visibility timeout (the queue's VisibilityTimeout "
            "unless given) and count a receive, so redrive to a dead-letter queue applies. "
            "Prints nothing when no message is available."_s);
        parser.addPositionalArgument(u"queue"_s, u"The queue's logical id (or its name or ARN)."_s);
        break;
    case SqsAction::List:
        parser.setApplicationDescription(
            u"List the template's queues, one line each: "
            "LOGICAL_ID<TAB>AVAILABLE<TAB>IN_FLIGHT<TAB>DELAYED<TAB>ARN."_s);
        break;
    }
    parser.addHelpOption();
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    const QCommandLineOption delayOption(u"delay-seconds"_s,
                                         u"Deliver the message after N seconds (0-900; default: "
                                         "the queue's DelaySeconds)."_s,
                                         u"N"_s);
    const QCommandLineOption attributeOption(
        u"attribute"_s,
        u"A message attribute Name=Value (String), Name:Number=42 (Number); repeatable."_s,
        u"Name=Value"_s);
    const QCommandLineOption groupOption(u"message-group-id"_s,
                                         u"FIFO queues: the message group."_s, u"id"_s);
    const QCommandLineOption dedupOption(u"message-deduplication-id"_s,
                                         u"FIFO queues: the deduplication id (default: the body's "
                                         "SHA-256 when ContentBasedDeduplication is on)."_s,
                                         u"id"_s);
    const QCommandLineOption maxOption(u"max"_s, u"At most N messages, 1-10 (default 10)."_s,
                                       u"N"_s, u"10"_s);
    const QCommandLineOption deleteOption(u"delete"_s, u"Delete the messages received."_s);
    const QCommandLineOption visibilityOption(
        u"visibility-timeout"_s,
        u"Keep the messages invisible for N seconds, 0-43200 (default: the queue's VisibilityTimeout)."_s,
        u"N"_s);
    if (action == SqsAction::Send) {
        parser.addOptions({delayOption, attributeOption, groupOption, dedupOption});
    } else if (action == SqsAction::Receive) {
        parser.addOptions({maxOption, deleteOption, visibilityOption});
    }
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    const QStringList positional = parser.positionalArguments();
    const qsizetype wanted = action == SqsAction::Send ? 2 : action == SqsAction::Receive ? 1 : 0;
    if (positional.size() != wanted) {
        printErr(action == SqsAction::Send ? u"Error: give a queue and a message body.\n"_s
                 : action == SqsAction::Receive
                     ? u"Error: give the queue to receive from.\n"_s
                     : u"Error: unexpected argument '%1'.\n"_s.arg(positional.value(0)));
        return 2;
    }
    auto number = [&](const QCommandLineOption &option, int min, int max, int *out) {
        bool ok = false;
        const int n = parser.value(option).toInt(&ok);
        if (!ok || n < min || n > max) {
            printErr(
                u"Error: --%1 must be a whole number from %2 to %3.\n"_s.arg(option.names().first())
                    .arg(min)
                    .arg(max));
            return false;
        }
        *out = n;
        return true;
    };

    // The template's queues, recorded in the store so that every process applies their rules.
    const QString templatePath = projectOptions.templatePath(parser);
    if (!QFileInfo::exists(templatePath)) {
        printErr(u"Error: the template %1 does not exist (give it with -t).\n"_s.arg(templatePath));
        return 1;
    }
    const EngineOptions defaults;
    std::vector<QueueDefinition> queues;
    QStringList errors;
    const bool loaded = QueueDefinition::loadTemplate(templatePath, defaults.region,
                                                      defaults.accountId, &queues, &errors);
    for (const QString &e : std::as_const(errors)) {
        printErr(e + u'\n');
    }
    if (!loaded || !errors.isEmpty()) {
        return 1;
    }
    AsyncStore store;
    QString error;
    const QString storePath = AsyncStore::pathForTemplate(templatePath);
    if (!store.open(storePath, &error) || !store.defineQueues(queues)) {
        printErr(u"Error: cannot open %1: %2\n"_s.arg(storePath,
                                                      error.isEmpty() ? store.lastError() : error));
        return 1;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    if (action == SqsAction::List) {
        for (const QueueDefinition &q : queues) {
            const QueueInfo info = store.queueInfo(q.logicalId, now);
            printOut(u"%1\t%2\t%3\t%4\t%5\n"_s.arg(q.logicalId)
                         .arg(info.available)
                         .arg(info.inFlight)
                         .arg(info.delayed)
                         .arg(q.arn)
                         .toUtf8());
        }
        if (queues.empty()) {
            printErr(u"No AWS::SQS::Queue in %1\n"_s.arg(templatePath));
        }
        return 0;
    }

    const QString name =
        QueueDefinition::resolve(queues, nlohmann::json(ss(positional.first())), nullptr);
    if (name.isEmpty()) {
        QStringList names;
        for (const QueueDefinition &q : queues) {
            names << q.logicalId;
        }
        printErr(u"Error: the queue %1 is not an AWS::SQS::Queue of %2. Queues: %3\n"_s.arg(
            positional.first(), QFileInfo(templatePath).fileName(),
            names.isEmpty() ? u"(none)"_s : names.join(u", "_s)));
        return 2;
    }
    const QueueDefinition &queue =
        *std::find_if(queues.begin(), queues.end(),
                      [&](const QueueDefinition &q) { return q.logicalId == name; });

    if (action == SqsAction::Send) {
        QueueMessage message;
        message.queue = queue.logicalId;
        message.kind = u"SQS"_s;
        const QString body = positional.at(1);
        message.body = body.toUtf8();
        if (body.isEmpty() || !validSqsText(body)) {
            printErr(u"Error: InvalidMessageContents: the body must be 1 or more characters SQS "
                     "accepts (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF).\n"_s);
            return 2;
        }
        if (message.body.size() > queue.maximumMessageSizeBytes) {
            printErr(u"Error: InvalidParameterValue: the message is %1 bytes, longer than the "
                     "queue's MaximumMessageSize of %2 bytes.\n"_s.arg(message.body.size())
                         .arg(queue.maximumMessageSizeBytes));
            return 2;
        }
        for (const QString &spec : parser.values(attributeOption)) {
            const QString problem = parseAttribute(spec, &message.attributes);
            if (!problem.isEmpty()) {
                printErr(u"Error: InvalidParameterValue: "_s + problem + u'\n');
                return 2;
            }
        }
        if (message.attributes.size() > 10) {
            printErr(u"Error: InvalidParameterValue: at most 10 message attributes.\n"_s);
            return 2;
        }
        int delaySeconds = queue.delaySeconds;
        if (parser.isSet(delayOption)) {
            if (queue.fifo) {
                printErr(u"Error: InvalidParameterValue: FIFO queues take no per-message "
                         "--delay-seconds (set the queue's DelaySeconds).\n"_s);
                return 2;
            }
            if (!number(delayOption, 0, 900, &delaySeconds)) {
                return 2;
            }
        }
        if (queue.fifo) {
            message.groupId = parser.value(groupOption);
            message.deduplicationId = parser.value(dedupOption);
            if (message.groupId.isEmpty()) {
                printErr(u"Error: MissingParameter: a FIFO queue needs --message-group-id.\n"_s);
                return 2;
            }
            if (message.deduplicationId.isEmpty()) {
                if (!queue.contentBasedDeduplication) {
                    printErr(u"Error: InvalidParameterValue: the queue has no "
                             "ContentBasedDeduplication: give --message-deduplication-id.\n"_s);
                    return 2;
                }
                message.deduplicationId = QString::fromLatin1(
                    QCryptographicHash::hash(message.body, QCryptographicHash::Sha256).toHex());
            }
        } else if (parser.isSet(groupOption) || parser.isSet(dedupOption)) {
            printErr(u"Error: InvalidParameterValue: --message-group-id and "
                     "--message-deduplication-id are for FIFO queues only.\n"_s);
            return 2;
        }
        if (!store.sendMessage(message, TimeScale::scaledMs(qint64(delaySeconds) * 1000))) {
            printErr(u"Error: cannot send: %1\n"_s.arg(store.lastError()));
            return 1;
        }
        nlohmann::ordered_json out;
        out["MD5OfMessageBody"] = ss(message.md5OfBody());
        if (!message.attributes.empty()) {
            out["MD5OfMessageAttributes"] = ss(message.md5OfMessageAttributes());
        }
        out["MessageId"] = ss(message.messageId);
        if (queue.fifo) {
            out["SequenceNumber"] = ss(message.sequenceNumber());
        }
        printJson(out);
        return 0;
    }

    int max = 10;
    int visibilitySeconds = queue.visibilityTimeoutSeconds;
    if (!number(maxOption, 1, 10, &max) ||
        (parser.isSet(visibilityOption) &&
         !number(visibilityOption, 0, 43200, &visibilitySeconds))) {
        return 2;
    }
    const std::vector<QueueMessage> messages = store.receiveMessages(
        queue.logicalId, max, TimeScale::scaledMs(qint64(visibilitySeconds) * 1000), now);
    if (parser.isSet(deleteOption) && !messages.empty()) {
        QStringList handles;
        for (const QueueMessage &m : messages) {
            handles << m.receiptHandle;
        }
        if (store.deleteMessages(queue.logicalId, handles) < 0) {
            printErr(u"Error: cannot delete the messages: %1\n"_s.arg(store.lastError()));
            return 1;
        }
    }
    if (messages.empty()) {
        return 0; // the AWS CLI prints nothing for an empty receive
    }
    printJson(QueueMessage::receiveMessageResponse(messages, defaults.accountId));
    return 0;
}

const CliCommandRegistration sendRegistration({
    u"local sqs send"_s,
    u"local sqs send [-t template.yaml] <Queue> <body> [--delay-seconds N] [--attribute Name=Value…]"_s,
    u"Send a message to a queue of the template"_s,
    [](const QStringList &arguments) { return sqsCommand(SqsAction::Send, arguments); },
});

const CliCommandRegistration receiveRegistration({
    u"local sqs receive"_s,
    u"local sqs receive [-t template.yaml] <Queue> [--max N] [--delete] [--visibility-timeout N]"_s,
    u"Receive messages of a queue of the template"_s,
    [](const QStringList &arguments) { return sqsCommand(SqsAction::Receive, arguments); },
});

const CliCommandRegistration listRegistration({
    u"local sqs list"_s,
    u"local sqs list [-t template.yaml]"_s,
    u"List the template's queues with their message counts"_s,
    [](const QStringList &arguments) { return sqsCommand(SqsAction::List, arguments); },
});

} // namespace

} // namespace Lwb
