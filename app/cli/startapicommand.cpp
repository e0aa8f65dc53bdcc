// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-api`: the template's API Gateway routes (`Api` and `HttpApi` events, OpenAPI
// definitions, AWS::ApiGateway(V2) resources) on one local port, SAM CLI's shape and defaults.
// The gateway itself is the http-api plugin's; this command loads the project, runs the engine
// and hosts the plugin's gateway source.
#include "clicommand.h"
#include "projectoptions.h"
#include "servesupport.h"

#include "api/engineextensions.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "triggers/pluginmanager.h"
#include "triggers/triggerfactory.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>

#include <csignal>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

int startApi(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serve the API Gateway routes of a SAM template's functions (Api events: REST APIs, "
        "payload format 1.0; HttpApi events: HTTP APIs, payload format 2.0), of its APIs' OpenAPI "
        "definitions and of plain AWS::ApiGateway / AWS::ApiGatewayV2 resources on one local "
        "port, as `sam local start-api` does. Each request invokes its function; an edited "
        "handler is used by the next request. Stop with Ctrl+C."_s);
    parser.addHelpOption();
    const QCommandLineOption hostOption(
        u"host"_s, u"The address to bind to (default: 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s);
    const QCommandLineOption portOption(
        {u"p"_s, u"port"_s}, u"The port to listen on (default: 3000; 0 picks a free one)."_s,
        u"port"_s, u"3000"_s);
    const QCommandLineOption allowRemoteOption(
        u"allow-remote"_s,
        u"Allow a --host other than loopback (the API is then reachable from other machines)."_s);
    const QCommandLineOption accountOption(u"account-concurrency"_s,
                                           u"The account's concurrency limit (default: 1000)."_s,
                                           u"n"_s, u"1000"_s);
    const QCommandLineOption jwksOption(
        u"jwks"_s,
        u"A JSON Web Key Set file (the issuer's jwks_uri document) that JWT authorizers check "
        "token signatures against; without it, signatures are not verified."_s,
        u"file"_s);
    const ProjectOptions projectOptions;
    projectOptions.addTo(parser);
    parser.addOptions({hostOption, portOption, allowRemoteOption, accountOption, jwksOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(u"Error: unexpected argument %1\n"_s.arg(parser.positionalArguments().first()));
        return 2;
    }
    const std::optional<ListenAddress> address =
        ListenAddress::parse(parser, hostOption, portOption, allowRemoteOption, u"API"_s);
    if (!address) {
        return 2;
    }
    const QHostAddress host = address->host;
    const QString hostText = address->hostText;
    const uint port = address->port;
    bool ok = false;
    EngineOptions engineOptions;
    engineOptions.accountConcurrency = parser.value(accountOption).toInt(&ok);
    if (!ok || engineOptions.accountConcurrency < 1) {
        printErr(u"Error: --account-concurrency must be a positive number\n"_s);
        return 2;
    }
    engineOptions.unreservedMinimum =
        std::min(engineOptions.unreservedMinimum, engineOptions.accountConcurrency);

    std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project || project->hasErrors) {
        return 1;
    }

    PluginManager plugins;
    plugins.loadAll();
    TriggerFactory *factory = plugins.factoryForEventType(u"Api"_s);
    if (!factory || !factory->servesNetwork()) {
        printErr(u"Error: the http-api plugin is not installed (see `lwb plugins`)\n"_s);
        for (const QString &e : plugins.errors()) {
            printErr(u"  %1\n"_s.arg(e));
        }
        return 1;
    }

    Engine engine(engineOptions);
    QObject::connect(&engine, &Engine::warningRaised,
                     [](const QString &message) { printErr(u"Warning: "_s + message + u'\n'); });
    engine.setFunctions(project->functions);
    EngineExtensionContext extensionContext;
    extensionContext.templatePath = QFileInfo(project->templatePath).absoluteFilePath();
    extensionContext.projectDir = QFileInfo(project->templatePath).absolutePath();
    extensionContext.startTriggers = false; // like SAM's start-api: the API only
    EngineExtensions::attachAll(engine, extensionContext);
    LogPrinter logPrinter(engine);

    TriggerContext context;
    context.engine = &engine;
    context.projectDir = extensionContext.projectDir;
    context.eventType = u"Api"_s;
    context.properties = {
        {"gateway",
         {{"templatePath", extensionContext.templatePath.toStdString()},
          {"host", hostText.toStdString()},
          {"port", port},
          {"jwks", parser.isSet(jwksOption)
                       ? QFileInfo(parser.value(jwksOption)).absoluteFilePath().toStdString()
                       : std::string()}}}};
    QString error;
    std::unique_ptr<TriggerSource> gateway = factory->createSource(context, &error);
    if (!gateway || !gateway->start(&error)) {
        printErr(
            u"Error: cannot serve the API on %1:%2: %3\n"_s.arg(hostText).arg(port).arg(error));
        return 1;
    }
    QObject::connect(gateway.get(), &TriggerSource::problem,
                     [](const QString &message) { printErr(message + u'\n'); });
    const QString baseUrl = gateway->property("baseUrl").toString();

    // What the gateway serves: the functions' events, the APIs' definitions and resources.
    const QStringList routes = gateway->property("routes").toStringList();
    for (const QString &route : routes) {
        const QStringList parts = route.split(u'\t');
        const QString path = parts.value(2);
        printErr(u"Mounting %1 at %2%3 [%4]\n"_s.arg(
            parts.value(0), baseUrl, path == u"$default"_s ? u"/ ($default)"_s : path,
            parts.value(1)));
    }
    if (routes.isEmpty()) {
        printErr(u"Warning: the template has no API routes (Api or HttpApi events, API "
                 "definitions or resources); every request gets an error\n"_s);
    }
    printErr(u"You can now browse to the above endpoints to invoke your functions. You do not need "
             "to restart/reload while working on your functions: changes are used by the next "
             "request.\n"_s);
    printErr(u"Running on %1 (Press CTRL+C to quit)\n"_s.arg(baseUrl));
    {
        SignalQuitter quitter;
        QCoreApplication::exec();
    }
    printErr(u"Shutting down the local API.\n"_s);
    gateway->stop();
    gateway.reset();
    engine.shutdownAll();
    return 0;
}

const CliCommandRegistration registration({
    u"local start-api"_s,
    u"local start-api [-t template.yaml] [--host 127.0.0.1] [-p 3000] [--jwks keys.json]"_s,
    u"Serve the template's API Gateway routes (Api, HttpApi) locally"_s,
    startApi,
});

} // namespace

} // namespace Lwb
