// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-lambda`: the Lambda Invoke API on a local port, SAM CLI's shape and
// defaults, so that `aws lambda invoke --endpoint-url http://127.0.0.1:3001` and boto3 work
// unchanged.
#include "clicommand.h"
#include "projectoptions.h"
#include "servesupport.h"

#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "auth/apiauthorizer.h"
#include "engine/engine.h"
#include "engine/journal.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <csignal>
#include <cstdio>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

struct StartLambdaOptions
{
    LoadedProject project;
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    QString hostText = u"127.0.0.1"_s;
    quint16 port = 3001;
    EngineOptions engine;
    ApiAuthSettings auth;
    bool startTriggers = true;
};



std::optional<StartLambdaOptions> parseOptions(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serve the Lambda Invoke API for the functions of a SAM template, as `sam local "
        "start-lambda` does, so that the AWS CLI and SDKs invoke them with --endpoint-url. "
        "Every invocation's log goes to stderr. Stop with Ctrl+C.\n\n"
        "Every request must be signed with AWS Signature Version 4 (service lambda, the engine's "
        "region us-east-1) by an administrator key pair: access key test / secret test, or one "
        "given with --credential or --credentials-file. Each function's sandbox gets temporary "
        "credentials of its own role, allowed what its Policies (or Role) allow, and the API's "
        "address as LWB_LAMBDA_ENDPOINT. --no-auth turns all of this off."_s);
    parser.addHelpOption();
    const QCommandLineOption hostOption(
        u"host"_s, u"The address to bind to (default: 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s);
    const QCommandLineOption portOption(
        {u"p"_s, u"port"_s}, u"The port to listen on (default: 3001; 0 picks a free one)."_s,
        u"port"_s, u"3001"_s);
    const QCommandLineOption accountOption(
        u"account-concurrency"_s, u"The account's concurrency limit (default: 1000)."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption scalingOption(
        u"scaling-limit"_s,
        u"New environments a function may start per 10 s (default: 1000; a classroom shows "
        "scaling with 5)."_s,
        u"n"_s, u"1000"_s);
    const QCommandLineOption allowRemoteOption(
        u"allow-remote"_s,
        u"Allow a --host other than loopback (the API is then reachable from other machines)."_s);
    const QCommandLineOption noAuthOption(
        u"no-auth"_s, u"Accept unsigned requests: no SigV4 check and no IAM policies."_s);
    const QCommandLineOption credentialOption(
        u"credential"_s,
        u"Another administrator key pair KEY:SECRET, besides test:test (repeatable)."_s,
        u"KEY:SECRET"_s);
    const QCommandLineOption credentialsFileOption(
        u"credentials-file"_s,
        u"Administrator key pairs from a file: AWS shared-credentials format, or KEY:SECRET "
        "lines."_s,
        u"file"_s);
    const QCommandLineOption noTriggersOption(
        u"no-triggers"_s,
        u"Do not run the functions' event sources from plugins (Schedule events fire by default; "
        "see `lwb plugins`)."_s);
    const ProjectOptions projectOptions;
    projectOptions.addTo(parser);
    parser.addOptions({hostOption, portOption, accountOption, scalingOption, allowRemoteOption,
                       noAuthOption, credentialOption, credentialsFileOption, noTriggersOption});
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        *exitCode = *done;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(u"Error: unexpected argument %1\n"_s.arg(parser.positionalArguments().first()));
        *exitCode = 2;
        return std::nullopt;
    }

    StartLambdaOptions options;
    const std::optional<ListenAddress> address =
        ListenAddress::parse(parser, hostOption, portOption, allowRemoteOption, u"Lambda API"_s);
    if (!address) {
        *exitCode = 2;
        return std::nullopt;
    }
    options.host = address->host;
    options.hostText = address->hostText;
    options.port = address->port;
    options.startTriggers = !parser.isSet(noTriggersOption);
    // Requests are signed with SigV4 by default: test:test, plus the pairs given here.
    options.auth.enabled = !parser.isSet(noAuthOption);
    for (const QString &text : parser.values(credentialOption)) {
        QString error;
        const std::optional<SigV4Credentials> pair = ApiAuthSettings::parseCredential(text, &error);
        if (!pair) {
            printErr(u"Error: --credential: %1\n"_s.arg(error));
            *exitCode = 2;
            return std::nullopt;
        }
        options.auth.credentials.append(*pair);
    }
    if (parser.isSet(credentialsFileOption)) {
        QString error;
        const auto pairs =
            ApiAuthSettings::readCredentialsFile(parser.value(credentialsFileOption), &error);
        if (!pairs) {
            printErr(u"Error: --credentials-file: %1\n"_s.arg(error));
            *exitCode = 2;
            return std::nullopt;
        }
        options.auth.credentials.append(*pairs);
    }
    bool ok = false;
    for (const auto &[option, target] : {std::pair{&accountOption, &options.engine.accountConcurrency},
                                         std::pair{&scalingOption, &options.engine.scalingLimit}}) {
        const int value = parser.value(*option).toInt(&ok);
        if (!ok || value < 1) {
            printErr(u"Error: --%1 must be a positive number, not %2\n"_s.arg(option->names().constFirst(),
                                                                             parser.value(*option)));
            *exitCode = 2;
            return std::nullopt;
        }
        *target = value;
    }
    options.engine.unreservedMinimum = std::min(options.engine.unreservedMinimum,
                                                options.engine.accountConcurrency);

    // The template and the functions: a broken template is not served.
    std::optional<LoadedProject> project = projectOptions.load(parser);
    if (!project || project->hasErrors) {
        *exitCode = 1;
        return std::nullopt;
    }
    options.project = std::move(*project);
    return options;
}

/**
 * Everything that turns loaded functions into a serving engine. Components other areas own
 * attach here, through EngineExtensions (core/api/engineextensions.h): the persistent async
 * queue installs Engine::setAsyncSink(), the telemetry recorder listens to the journal. Both
 * register themselves; nothing in this file needs to change for them.
 */
EngineExtensionContext setUpEngine(Engine &engine, const std::vector<FunctionConfig> &functions,
                                   const QString &templatePath, bool startTriggers)
{
    QObject::connect(&engine, &Engine::warningRaised,
                     [](const QString &message) { printErr(u"Warning: "_s + message + u'\n'); });
    engine.setFunctions(functions);

    EngineExtensionContext context;
    context.templatePath = QFileInfo(templatePath).absoluteFilePath();
    context.projectDir = QFileInfo(templatePath).absolutePath();
    context.startTriggers = startTriggers;
    EngineExtensions::attachAll(engine, context);
    return context;
}

int startLambda(const QStringList &arguments)
{
    int exitCode = 0;
    const std::optional<StartLambdaOptions> options = parseOptions(arguments, &exitCode);
    if (!options) {
        return exitCode;
    }

    const std::vector<FunctionConfig> &functions = options->project.functions;

    Engine engine(options->engine);
    const EngineExtensionContext context =
        setUpEngine(engine, functions, options->project.templatePath, options->startTriggers);
    LogPrinter logPrinter(engine);

    InvokeApiServer server(&engine);
    QObject::connect(&server, &InvokeApiServer::invocationFinished,
                     [&logPrinter](const InvokeRequest &request, const InvokeResult &result) {
                         if (result.isServiceError()) {
                             logPrinter.print(u"%1 %2: %3\n"_s
                                                  .arg(request.functionName, result.serviceErrorCode,
                                                       result.serviceErrorMessage)
                                                  .toUtf8());
                         }
                         logPrinter.flush(result.requestId);
                     });
    options->auth.applyTo(server);
    EngineExtensions::attachAllApi(server, context);
    QString error;
    if (!server.listen(options->host, options->port, &error)) {
        printErr(u"Error: cannot listen on %1:%2: %3\n"_s.arg(options->hostText)
                     .arg(options->port)
                     .arg(error));
        return 1;
    }

    for (const FunctionConfig &f : functions) {
        printErr(
            u"Mounting %1 at %2 [POST]\n"_s.arg(f.logicalId, server.invocationUrl(f.logicalId)));
    }
    printErr(u"Starting the Local Lambda Service. You can now invoke your Lambda Functions defined "
             "in your template through the endpoint.\n"_s);
    if (!options->host.isLoopback()) {
        printErr(u"Warning: listening on %1, reachable from other machines%2\n"_s.arg(
            options->hostText, options->auth.enabled
                                   ? u"; anyone who knows a key pair can run your functions"_s
                                   : u" WITHOUT authentication (--no-auth)"_s));
    }
    if (!options->auth.enabled) {
        printErr(u"Warning: --no-auth: requests are not authenticated and IAM policies are "
                 "not enforced\n"_s);
    }
    printErr(u"Running on %1 (Press CTRL+C to quit)\n"_s.arg(server.baseUrl()));

    {
        SignalQuitter quitter;
        QCoreApplication::exec();
    }
    printErr(u"Shutting down the Local Lambda Service.\n"_s);
    server.close();
    engine.shutdownAll();
    return 0;
}

const CliCommandRegistration registration({
    u"local start-lambda"_s,
    u"local start-lambda [-t template.yaml] [--host H [--allow-remote]] [-p 3001] [--no-auth]"_s,
    u"Serve the Lambda Invoke API for aws lambda invoke and the SDKs"_s,
    startLambda,
});

} // namespace

} // namespace Lwb
