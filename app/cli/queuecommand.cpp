// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local queue …`: the local queues that SQS/SNS/EventBridge destinations and DLQs of
// asynchronous invocations write to, kept in the project's .lwb/async.sqlite.
#include "clicommand.h"
#include "projectoptions.h"

#include "engine/engine.h"
#include "store/asyncstore.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

enum class QueueAction { List, Receive, Purge };

int queueCommand(QueueAction action, const QStringList &arguments)
{
    QCommandLineParser parser;
    switch (action) {
    case QueueAction::List:
        parser.setApplicationDescription(
            u"List the local queues (destinations and dead-letter queues of asynchronous "
            "invocations) of a project, with how many messages each holds: one line per queue, "
            "NAME<TAB>TYPE<TAB>MESSAGES."_s);
        break;
    case QueueAction::Receive:
        parser.setApplicationDescription(
            u"Print messages of a local queue, oldest first, as aws sqs receive-message does "
            "({\"Messages\": [...]}). Messages stay in the queue unless --delete is given."_s);
        parser.addPositionalArgument(u"name"_s,
                                     u"The queue (last part of its ARN, or its logical id)."_s);
        break;
    case QueueAction::Purge:
        parser.setApplicationDescription(u"Delete every message of a local queue."_s);
        parser.addPositionalArgument(u"name"_s,
                                     u"The queue (last part of its ARN, or its logical id)."_s);
        break;
    }
    parser.addHelpOption();
    const ProjectOptions projectOptions(false);
    projectOptions.addTo(parser);
    const QCommandLineOption maxOption(u"max"_s, u"At most this many messages (default 10)."_s,
                                       u"N"_s, u"10"_s);
    const QCommandLineOption deleteOption(u"delete"_s, u"Delete the messages printed."_s);
    if (action == QueueAction::Receive) {
        parser.addOptions({maxOption, deleteOption});
    }
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    const QStringList positional = parser.positionalArguments();
    const qsizetype wanted = action == QueueAction::List ? 0 : 1;
    if (positional.size() != wanted) {
        printErr(wanted ? u"Error: give the name of one queue.\n"_s
                        : u"Error: unexpected argument '%1'.\n"_s.arg(positional.value(0)));
        return 2;
    }
    int max = 10;
    if (action == QueueAction::Receive) {
        bool ok = false;
        max = parser.value(maxOption).toInt(&ok);
        if (!ok || max < 1) {
            printErr(u"Error: --max must be a whole number of at least 1.\n"_s);
            return 2;
        }
    }

    const QString templatePath = projectOptions.templatePath(parser);
    if (!QFileInfo::exists(templatePath)) {
        printErr(u"Error: the template %1 does not exist (give it with -t).\n"_s.arg(templatePath));
        return 1;
    }
    const QString storePath = AsyncStore::pathForTemplate(templatePath);
    if (!QFileInfo::exists(storePath)) {
        // Nothing was ever queued in this project.
        if (action == QueueAction::Receive) {
            printOut("{\"Messages\": []}\n");
        } else if (action == QueueAction::Purge) {
            printErr(u"Error: the queue %1 does not exist.\n"_s.arg(positional.first()));
            return 1;
        }
        return 0;
    }
    AsyncStore store;
    QString error;
    if (!store.open(storePath, &error)) {
        printErr(u"Error: cannot open %1: %2\n"_s.arg(storePath, error));
        return 1;
    }

    const std::vector<QueueInfo> queues = store.queues();
    if (action == QueueAction::List) {
        for (const QueueInfo &q : queues) {
            printOut(q.name.toUtf8() + '\t' + q.kind.toUtf8() + '\t' +
                     QByteArray::number(q.messages) + '\n');
        }
        return 0;
    }
    const QString name = positional.first();
    const bool known = std::any_of(queues.begin(), queues.end(),
                                   [&](const QueueInfo &q) { return q.name == name; });
    if (!known) {
        printErr(u"Error: the queue %1 does not exist. Queues: %2\n"_s.arg(name, [&] {
            QStringList names;
            for (const QueueInfo &q : queues) {
                names << q.name;
            }
            return names.isEmpty() ? u"(none)"_s : names.join(u", "_s);
        }()));
        return 1;
    }
    if (action == QueueAction::Purge) {
        const int purged = store.purge(name);
        if (purged < 0) {
            printErr(u"Error: %1\n"_s.arg(store.lastError()));
            return 1;
        }
        printErr(u"Purged %1 message(s) from %2.\n"_s.arg(purged).arg(name));
        return 0;
    }

    const std::vector<QueueMessage> messages = store.receive(name, max, parser.isSet(deleteOption));
    printOut(QByteArray::fromStdString(
                 QueueMessage::receiveMessageResponse(messages, EngineOptions().accountId).dump(2))
             + '\n');
    return 0;
}

const CliCommandRegistration listRegistration({
    u"local queue list"_s,
    u"local queue list [-t template.yaml]"_s,
    u"List the local destination queues and their message counts"_s,
    [](const QStringList &arguments) { return queueCommand(QueueAction::List, arguments); },
});

const CliCommandRegistration receiveRegistration({
    u"local queue receive"_s,
    u"local queue receive <name> [--max N] [--delete]"_s,
    u"Print messages of a local queue"_s,
    [](const QStringList &arguments) { return queueCommand(QueueAction::Receive, arguments); },
});

const CliCommandRegistration purgeRegistration({
    u"local queue purge"_s,
    u"local queue purge <name>"_s,
    u"Delete every message of a local queue"_s,
    [](const QStringList &arguments) { return queueCommand(QueueAction::Purge, arguments); },
});

} // namespace

} // namespace Lwb
