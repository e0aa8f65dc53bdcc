// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "localservices.h"

#include "servesupport.h"

#include "api/invokeapiserver.h"
#include "api/localstack.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "sandbox/forkserver.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QFileInfo>
#include <QtCore/QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

/// How long start-up waits for the fork servers before it says the services run.
constexpr int kForkServerWaitMs = 5000;

bool serves(LocalServices::Parts parts, LocalServices::Part part)
{
    return parts.testFlag(part);
}

/**
 * Prints what the gateway serves — the functions' events, the APIs' definitions and
 * resources — as `sam local start-api` does; how many routes.
 */
qsizetype printRoutes(const QStringList &routes, const QString &baseUrl)
{
    for (const QString &route : routes) {
        const QStringList parts = route.split(u'\t'); // function, method, path
        const QString path = parts.value(2);
        printErr(u"Mounting %1 at %2%3 [%4]\n"_s.arg(
            parts.value(0), baseUrl, path == u"$default"_s ? u"/ ($default)"_s : path, parts.value(1)));
    }
    return routes.size();
}

} // namespace

LocalServices::LocalServices(Parts parts)
    : m_parts(parts)
    , m_host(u"host"_s, u"The address to bind to (default: 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s)
    , m_port({u"p"_s, u"port"_s},
             serves(parts, Part::HttpApi)
                 ? u"The HTTP API's port (default: 3000; 0 picks a free one)."_s
                 : u"The port to listen on (default: 3001; 0 picks a free one)."_s,
             u"port"_s, serves(parts, Part::HttpApi) ? u"3000"_s : u"3001"_s)
    , m_lambdaPort(u"lambda-port"_s,
                   u"The Lambda Invoke API's port (default: 3001; 0 picks a free one)."_s,
                   u"port"_s, u"3001"_s)
    , m_allowRemote(u"allow-remote"_s,
                    u"Allow a --host other than loopback (the services are then reachable from "
                    "other machines)."_s)
    , m_accountConcurrency(u"account-concurrency"_s,
                           u"The account's concurrency limit (default: 1000)."_s, u"n"_s, u"1000"_s)
    , m_scalingLimit(u"scaling-limit"_s,
                     u"New environments a function may start per 10 s (default: 1000; a "
                     "classroom shows scaling with 5)."_s,
                     u"n"_s, u"1000"_s)
    , m_noAuth(u"no-auth"_s,
               u"Accept unsigned Lambda API requests: no SigV4 check and no IAM policies."_s)
    , m_credential(u"credential"_s,
                   u"Another administrator key pair KEY:SECRET, besides test:test (repeatable)."_s,
                   u"KEY:SECRET"_s)
    , m_credentialsFile(u"credentials-file"_s,
                        u"Administrator key pairs from a file: AWS shared-credentials format, or "
                        "KEY:SECRET lines."_s,
                        u"file"_s)
    , m_noTriggers(u"no-triggers"_s,
                   u"Do not run the functions' event sources from plugins (S3 folders, "
                   "schedules, SQS queues; see `lwb plugins`)."_s)
    , m_jwks(u"jwks"_s,
             u"A JSON Web Key Set file (the issuer's jwks_uri document) that JWT authorizers "
             "check token signatures against; without it, signatures are not verified."_s,
             u"file"_s)
{
}

void LocalServices::addOptions(QCommandLineParser &parser) const
{
    m_projectOptions.addTo(parser);
    parser.addOptions({m_host, m_port, m_allowRemote, m_accountConcurrency, m_scalingLimit});
    if (serves(m_parts, Part::InvokeApi)) {
        if (serves(m_parts, Part::HttpApi)) {
            parser.addOption(m_lambdaPort);
        }
        parser.addOptions({m_noAuth, m_credential, m_credentialsFile});
    }
    if (serves(m_parts, Part::HttpApi)) {
        parser.addOption(m_jwks);
    }
    if (serves(m_parts, Part::Triggers)) {
        parser.addOption(m_noTriggers);
    }
}

std::optional<int> LocalServices::parse(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty()) {
        printErr(u"Error: unexpected argument %1\n"_s.arg(parser.positionalArguments().first()));
        return 2;
    }
    const bool api = serves(m_parts, Part::HttpApi);
    const bool lambda = serves(m_parts, Part::InvokeApi);
    for (const auto &[wanted, portOption, target, what] :
         {std::tuple{api, &m_port, &m_apiAddress, u"API"_s},
          std::tuple{lambda, api ? &m_lambdaPort : &m_port, &m_lambdaAddress, u"Lambda API"_s}}) {
        if (!wanted) {
            continue;
        }
        const std::optional<ListenAddress> address =
            ListenAddress::parse(parser, m_host, *portOption, m_allowRemote, what);
        if (!address) {
            return 2;
        }
        *target = {address->host, address->hostText, address->port};
    }
    if (api && lambda && m_apiAddress.port != 0 && m_apiAddress.port == m_lambdaAddress.port) {
        printErr(u"Error: --port and --lambda-port must differ (both are %1)\n"_s.arg(m_apiAddress.port));
        return 2;
    }
    m_startTriggers = serves(m_parts, Part::Triggers) && !parser.isSet(m_noTriggers);
    if (api && parser.isSet(m_jwks)) {
        m_jwksPath = QFileInfo(parser.value(m_jwks)).absoluteFilePath();
    }

    if (lambda) {
        // Requests are signed with SigV4 by default: test:test, plus the pairs given here.
        m_auth.enabled = !parser.isSet(m_noAuth);
        for (const QString &text : parser.values(m_credential)) {
            QString error;
            const std::optional<SigV4Credentials> pair = ApiAuthSettings::parseCredential(text, &error);
            if (!pair) {
                printErr(u"Error: --credential: %1\n"_s.arg(error));
                return 2;
            }
            m_auth.credentials.append(*pair);
        }
        if (parser.isSet(m_credentialsFile)) {
            QString error;
            const auto pairs = ApiAuthSettings::readCredentialsFile(parser.value(m_credentialsFile), &error);
            if (!pairs) {
                printErr(u"Error: --credentials-file: %1\n"_s.arg(error));
                return 2;
            }
            m_auth.credentials.append(*pairs);
        }
    }
    for (const auto &[option, target] : {std::pair{&m_accountConcurrency, &m_engine.accountConcurrency},
                                         std::pair{&m_scalingLimit, &m_engine.scalingLimit}}) {
        bool ok = false;
        const int value = parser.value(*option).toInt(&ok);
        if (!ok || value < 1) {
            printErr(u"Error: --%1 must be a positive number, not %2\n"_s.arg(option->names().constFirst(),
                                                                             parser.value(*option)));
            return 2;
        }
        *target = value;
    }
    m_engine.unreservedMinimum = std::min(m_engine.unreservedMinimum, m_engine.accountConcurrency);

    // The template and the functions: a broken template is not served.
    std::optional<LoadedProject> project = m_projectOptions.load(parser);
    if (!project || project->hasErrors) {
        return 1;
    }
    m_project = std::move(*project);
    return std::nullopt;
}

int LocalServices::run(Parts parts, const QString &description, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    LocalServices services(parts);
    services.addOptions(parser);
    if (const std::optional<int> done = parseCommandLine(parser, arguments)) {
        return *done;
    }
    if (const std::optional<int> failed = services.parse(parser)) {
        return *failed;
    }
    return services.serve();
}

int LocalServices::serve()
{
    const bool api = serves(m_parts, Part::HttpApi);
    const bool lambda = serves(m_parts, Part::InvokeApi);

    Engine engine(m_engine);
    // The servers read the Journal as it is written (logs, telemetry, metrics); nothing here
    // reads back old records, so none is kept in memory.
    engine.journal()->setCapacity(0);
    QObject::connect(&engine, &Engine::warningRaised,
                     [](const QString &message) { printErr(u"Warning: "_s + message + u'\n'); });
    engine.setFunctions(m_project.functions);
    LogPrinter logPrinter(engine);

    LocalStackSettings settings;
    settings.invokeApi = lambda;
    settings.httpApi = api;
    settings.startTriggers = m_startTriggers;
    settings.host = lambda ? m_lambdaAddress.host : m_apiAddress.host;
    settings.hostText = lambda ? m_lambdaAddress.hostText : m_apiAddress.hostText;
    settings.lambdaPort = m_lambdaAddress.port;
    settings.apiPort = m_apiAddress.port;
    settings.jwksPath = m_jwksPath;
    settings.auth = m_auth;
    LocalStack stack(&engine);
    QObject::connect(&stack, &LocalStack::problem,
                     [](const QString &message) { printErr(message + u'\n'); });
    QString error;
    if (!stack.start(m_project.templatePath, settings, &error)) {
        printErr(u"Error: "_s + error + u'\n');
        return 1;
    }

    if (lambda) {
        InvokeApiServer *server = stack.invokeApi();
        QObject::connect(server, &InvokeApiServer::invocationFinished,
                         [&logPrinter](const InvokeRequest &request, const InvokeResult &result) {
                             if (result.isServiceError()) {
                                 logPrinter.print(u"%1 %2: %3\n"_s
                                                      .arg(request.functionName, result.serviceErrorCode,
                                                           result.serviceErrorMessage)
                                                      .toUtf8());
                             }
                             logPrinter.flush(result.requestId);
                         });
        for (const FunctionConfig &f : m_project.functions) {
            printErr(u"Mounting %1 at %2 [POST]\n"_s.arg(f.logicalId, server->invocationUrl(f.logicalId)));
        }
        printErr(u"Starting the Local Lambda Service. You can now invoke your Lambda Functions "
                 "defined in your template through the endpoint.\n"_s);
        if (!m_lambdaAddress.host.isLoopback()) {
            printErr(u"Warning: listening on %1, reachable from other machines%2\n"_s.arg(
                m_lambdaAddress.hostText, m_auth.enabled
                                              ? u"; anyone who knows a key pair can run your functions"_s
                                              : u" WITHOUT authentication (--no-auth)"_s));
        }
        if (!m_auth.enabled) {
            printErr(u"Warning: --no-auth: requests are not authenticated and IAM policies are "
                     "not enforced\n"_s);
        }
    }
    if (api) {
        if (printRoutes(stack.apiRoutes(), stack.apiUrl()) == 0) {
            printErr(u"Warning: the template has no API routes (Api or HttpApi events, API "
                     "definitions or resources); every request gets an error\n"_s);
        }
        printErr(u"You can now browse to the above endpoints to invoke your functions. You do "
                 "not need to restart/reload while working on your functions: changes are used "
                 "by the next request.\n"_s);
    }

    // The fork servers of Python functions (~20 ms each) are up before we say we run: a burst
    // right after that line is forked, not started afresh. Bounded, as a slow host still serves.
    {
        QEventLoop loop;
        QTimer::singleShot(kForkServerWaitMs, &loop, &QEventLoop::quit);
        QObject::connect(engine.forkServers(), &ForkServerPool::settled, &loop, &QEventLoop::quit);
        // Queued after the engine's own deferred start of the servers.
        QTimer::singleShot(0, &loop, [&loop, &engine] {
            if (engine.forkServers()->startingServerCount() == 0) {
                loop.quit();
            }
        });
        loop.exec();
    }

    // One "Running on" line per service: scripts and tests wait for them.
    if (api && lambda) {
        printErr(u"HTTP API running on %1\n"_s.arg(stack.apiUrl()));
        printErr(u"Lambda API running on %1\n"_s.arg(stack.lambdaUrl()));
        printErr(u"Event sources %1 (Press CTRL+C to quit)\n"_s.arg(
            m_startTriggers ? u"running"_s : u"off (--no-triggers)"_s));
    } else {
        printErr(u"Running on %1 (Press CTRL+C to quit)\n"_s.arg(api ? stack.apiUrl() : stack.lambdaUrl()));
    }
    {
        // From here on, the main thread's Qt log messages leave in batches too: the start-up's
        // went out at once, in order with the lines above.
        const BatchedMessages batchedMessages(logPrinter);
        SignalQuitter quitter;
        QCoreApplication::exec();
    }
    printErr(api && !lambda ? u"Shutting down the local API.\n"_s
                            : u"Shutting down the Local Lambda Service.\n"_s);
    stack.stop();
    engine.shutdownAll();
    return 0;
}

} // namespace Lwb
