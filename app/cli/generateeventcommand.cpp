// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local generate-event [service [event [--option value…]]]`: sample events from the event
// catalogue (resources/events), shaped like SAM's `sam local generate-event`. A plugin's in-code
// templates ("service-event" ids) fill in events the catalogue does not have.
#include "clicommand.h"

#include "triggers/eventcatalogue.h"
#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCommandLineParser>

#include <map>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

QString describe(const EventValue &v)
{
    if (!v.from.isEmpty()) {
        return u"%1 of %2"_s.arg(v.encoding, v.from);
    }
    return v.fromTemplate.is_null() ? v.encoding : u"%1 of a JSON document"_s.arg(v.encoding);
}

int generateEvent(const QStringList &arguments)
{
    // The service and the event come first, as with SAM: the options after them are the event's.
    QStringList words;
    for (qsizetype i = 1;
         i < arguments.size() && words.size() < 2 && !arguments.at(i).startsWith(u'-'); ++i) {
        words << arguments.at(i);
    }

    PluginManager plugins;
    plugins.loadAll();
    EventCatalogue catalogue;
    catalogue.setOwners(plugins);
    for (const QString &problem : catalogue.errors()) {
        printErr(u"warning: event templates: %1\n"_s.arg(problem));
    }
    // Plugins' own templates, for what the catalogue lacks (its files win over a plugin's code).
    std::map<QString, std::map<QString, TriggerEventTemplate>> fromPlugins;
    std::map<QString, QString> pluginOfService;
    for (const PluginSpec &spec : plugins.plugins()) {
        if (!spec.factory) {
            continue;
        }
        for (const TriggerEventTemplate &t : spec.factory->eventTemplates()) {
            const qsizetype dash = t.id.indexOf(u'-');
            if (dash > 0 && !catalogue.event(t.id.left(dash), t.id.mid(dash + 1))) {
                fromPlugins[t.id.left(dash)][t.id.mid(dash + 1)] = t;
                pluginOfService.emplace(t.id.left(dash), spec.id);
            }
        }
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(u"service"_s,
                                 u"e.g. s3, apigateway, sqs (without: list the services)"_s);
    parser.addPositionalArgument(
        u"event"_s, u"e.g. put, aws-proxy, receive-message (without: list the events)"_s);
    const EventService *service = words.isEmpty() ? nullptr : catalogue.service(words.at(0));
    if (!words.isEmpty() && !service && !fromPlugins.count(words.at(0))) {
        printErr(u"Error: no service %1 (see `lwb local generate-event`)\n"_s.arg(words.at(0)));
        return 2;
    }
    const EventDefinition *event =
        words.size() < 2 ? nullptr : catalogue.event(words.at(0), words.at(1));
    const TriggerEventTemplate *pluginEvent = nullptr;
    if (words.size() == 2 && !event) {
        if (const auto s = fromPlugins.find(words.at(0)); s != fromPlugins.end()) {
            if (const auto e = s->second.find(words.at(1)); e != s->second.end()) {
                pluginEvent = &e->second;
            }
        }
        if (!pluginEvent) {
            printErr(u"Error: %1 has no event %2 (see `lwb local generate-event %1`)\n"_s.arg(
                words.at(0), words.at(1)));
            return 2;
        }
    }

    if (event) {
        QString description = event->title + u".\n"_s + event->help;
        for (const EventValue &o : event->options) {
            // "[integer, base64, default: 1]": what it takes and how it goes into the event.
            QStringList notes;
            if (o.type != u"string"_s) {
                notes << o.type;
            }
            if (o.encoding != u"plain"_s && o.encoding != u"text"_s) {
                notes << o.encoding;
            }
            notes << u"default: "_s + (o.defaultValue.isEmpty() ? u"empty"_s : o.defaultValue);
            parser.addOption(QCommandLineOption(o.name,
                                                u"%1 [%2]"_s.arg(o.help, notes.join(u", "_s)),
                                                o.type == u"string"_s ? u"value"_s : o.type));
        }
        if (!event->computed.empty()) {
            description += u"\nComputed:"_s;
            for (const EventValue &c : event->computed) {
                description += u"\n  %1: %2"_s.arg(c.name, describe(c));
            }
        }
        parser.setApplicationDescription(description);
    } else {
        parser.setApplicationDescription(
            u"Print a sample event of a service, as the service sends it (e.g. `lwb local "
            u"generate-event s3 put "
            "--bucket photos --key 'a b.jpg'`, `apigateway aws-proxy --body '{}'`, `sqs "
            "receive-message`). "
            "Without an event, lists what a service offers; without arguments, every service. "
            "`<service> <event> --help` lists the event's options."_s);
    }
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    if (parser.positionalArguments().size() > 2) {
        printErr(u"Error: unexpected argument %1\n"_s.arg(parser.positionalArguments().at(2)));
        return 2;
    }

    if (words.isEmpty()) {
        std::map<QString, std::pair<QString, QString>> rows; // service → (title, owner)
        for (const EventService &s : catalogue.services()) {
            const QString owner = catalogue.owner(s.name);
            rows[s.name] = {s.title, owner == EventCatalogue::coreOwner() ? u"core catalogue"_s
                                                                          : u"plugin "_s + owner};
        }
        for (const auto &[name, events] : fromPlugins) {
            rows.emplace(name, std::pair{QString(), u"plugin "_s + pluginOfService[name]});
        }
        for (const auto &[name, row] : rows) {
            printOut((name.leftJustified(20) + u' ' +
                      (row.first.isEmpty() ? QString() : row.first + u"  "_s) + u'[' + row.second +
                      u"]\n"_s)
                         .toUtf8());
        }
        return 0;
    }
    if (words.size() == 1) {
        std::map<QString, QString> rows; // event → title
        if (service) {
            for (const EventDefinition &e : service->events) {
                rows[e.name] = e.title;
            }
        }
        for (const auto &[name, t] : fromPlugins[words.at(0)]) {
            rows.emplace(name, t.title);
        }
        for (const auto &[name, title] : rows) {
            printOut(u"%1  %2\n"_s.arg(name, title).toUtf8());
        }
        return 0;
    }
    if (pluginEvent) {
        printOut(QByteArray::fromStdString(pluginEvent->body.dump(2)) + '\n');
        return 0;
    }
    QMap<QString, QString> values;
    for (const EventValue &o : event->options) {
        if (parser.isSet(o.name)) {
            values.insert(o.name, parser.value(o.name));
        }
    }
    QString error;
    const std::optional<nlohmann::ordered_json> body = catalogue.render(*event, values, &error);
    if (!body) {
        printErr(u"Error: %1\n"_s.arg(error));
        return 2;
    }
    printOut(QByteArray::fromStdString(body->dump(2)) + '\n');
    return 0;
}

const CliCommandRegistration registration({
    u"local generate-event"_s,
    u"local generate-event [service [event [opts]]]"_s,
    u"Print a sample event of an AWS service (options: <service> <event> --help)"_s,
    generateEvent,
});

} // namespace

} // namespace Lwb
