// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local generate-event <service> <event>`: a sample event from the trigger plugins'
// templates, shaped like SAM's `sam local generate-event` (template ids are "service-event").
#include "clicommand.h"

#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCommandLineParser>

#include <map>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int generateEvent(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print a sample event of a service, as the trigger plugins define it (e.g. `lwb local "
        "generate-event s3 put`, `apigateway aws-proxy`, `cloudwatch scheduled-event`). Without "
        "an event, lists what a service offers; without arguments, every service."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"service"_s, u"e.g. s3, apigateway, cloudwatch"_s);
    parser.addPositionalArgument(u"event"_s, u"e.g. put, aws-proxy, scheduled-event"_s);
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    PluginManager plugins;
    plugins.loadAll();
    // service → event → (title, body)
    std::map<QString, std::map<QString, std::pair<QString, nlohmann::json>>> catalogue;
    for (TriggerFactory *factory : plugins.factories()) {
        for (const TriggerEventTemplate &t : factory->eventTemplates()) {
            const qsizetype dash = t.id.indexOf(u'-');
            if (dash > 0) {
                catalogue[t.id.left(dash)][t.id.mid(dash + 1)] = {t.title, t.body};
            }
        }
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        for (const auto &[service, events] : catalogue) {
            printOut((service + u'\n').toUtf8());
        }
        return 0;
    }
    const auto service = catalogue.find(args.at(0));
    if (service == catalogue.end()) {
        printErr(u"Error: no service %1 (see `lwb local generate-event`)\n"_s.arg(args.at(0)));
        return 2;
    }
    if (args.size() == 1) {
        for (const auto &[event, template_] : service->second) {
            printOut(u"%1  %2\n"_s.arg(event, template_.first).toUtf8());
        }
        return 0;
    }
    const auto event = service->second.find(args.at(1));
    if (event == service->second.end()) {
        printErr(u"Error: %1 has no event %2 (see `lwb local generate-event %1`)\n"_s.arg(args.at(0), args.at(1)));
        return 2;
    }
    printOut(QByteArray::fromStdString(event->second.second.dump(2)) + '\n');
    return 0;
}

const CliCommandRegistration registration({
    u"local generate-event"_s,
    u"local generate-event [service [event]]"_s,
    u"Print a sample event of a service from the trigger plugins"_s,
    generateEvent,
});

} // namespace

} // namespace Lwb
