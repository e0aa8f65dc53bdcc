// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `lwb local start-lambda`: the Lambda Invoke API on a local port, SAM CLI's shape and
// defaults, so that `aws lambda invoke --endpoint-url http://127.0.0.1:3001` and boto3 work
// unchanged.
#include "clicommand.h"

#include "api/engineextensions.h"
#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "project/envvarsfile.h"
#include "project/samtemplate.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QSocketNotifier>

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
    QString templatePath;
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    QString hostText = u"127.0.0.1"_s;
    quint16 port = 3001;
    QString envVarsPath;
    QMap<QString, QString> parameterOverrides;
};

QString defaultTemplatePath()
{
    for (const QString &name : {u"template.yaml"_s, u"template.yml"_s}) {
        if (QFileInfo::exists(name)) {
            return name;
        }
    }
    return u"template.yaml"_s;
}

/**
 * Turns SIGINT and SIGTERM into a call on the event loop's thread (the self-pipe trick: a
 * signal handler may only write to a file descriptor).
 */
class SignalQuitter
{
public:
    SignalQuitter()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_fds) != 0) {
            return;
        }
        m_notifier = std::make_unique<QSocketNotifier>(s_fds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] {
            char byte = 0;
            [[maybe_unused]] const ssize_t n = ::read(s_fds[1], &byte, 1);
            m_notifier->setEnabled(false);
            QCoreApplication::quit();
        });
        struct sigaction action = {};
        action.sa_handler = &SignalQuitter::onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, nullptr);
        ::sigaction(SIGTERM, &action, nullptr);
    }

    ~SignalQuitter()
    {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        m_notifier.reset();
        ::close(s_fds[0]);
        ::close(s_fds[1]);
    }

private:
    static void onSignal(int)
    {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1);
    }

    static inline int s_fds[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

/**
 * Prints each invocation's log to stderr in one piece when it completes — sync, Event and
 * queued retries alike — by collecting the engine journal's log lines per request id. Lines
 * outside any invocation (INIT_START before the first START, …) are printed at once.
 */
class LogPrinter
{
public:
    explicit LogPrinter(Engine &engine)
    {
        QObject::connect(engine.journal(), &Journal::recordAppended, engine.journal(),
                         [this](const JournalRecord &record) { onRecord(record); });
    }

    void flush(const QString &requestId)
    {
        const auto it = m_pending.find(requestId);
        if (it != m_pending.end()) {
            printErr(QString::fromUtf8(*it));
            m_pending.erase(it);
        }
    }

private:
    void onRecord(const JournalRecord &record)
    {
        if (record.kind == JournalKind::LogLine) {
            const QByteArray line =
                QByteArray::fromStdString(record.data.value("message", std::string())) + '\n';
            if (record.requestId.isEmpty()) {
                printErr(QString::fromUtf8(line));
            } else {
                m_pending[record.requestId] += line;
            }
        } else if (record.kind == JournalKind::InvokeFinished) {
            flush(record.requestId);
        }
    }

    QHash<QString, QByteArray> m_pending;
};

std::optional<StartLambdaOptions> parseOptions(const QStringList &arguments, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serve the Lambda Invoke API for the functions of a SAM template, as `sam local "
        "start-lambda` does, so that the AWS CLI and SDKs invoke them with --endpoint-url. "
        "Every invocation's log goes to stderr. Stop with Ctrl+C."_s);
    parser.addHelpOption();
    const QCommandLineOption templateOption(
        {u"t"_s, u"template"_s, u"template-file"_s},
        u"The SAM template (default: template.yaml in the current folder)."_s, u"template"_s);
    const QCommandLineOption hostOption(
        u"host"_s, u"The address to bind to (default: 127.0.0.1)."_s, u"host"_s, u"127.0.0.1"_s);
    const QCommandLineOption portOption(
        {u"p"_s, u"port"_s}, u"The port to listen on (default: 3001; 0 picks a free one)."_s,
        u"port"_s, u"3001"_s);
    const QCommandLineOption envVarsOption(
        {u"n"_s, u"env-vars"_s},
        u"JSON file overriding environment variables, as for sam local: "
        "{\"Function\": {\"VAR\": \"v\"}, \"Parameters\": {\"VAR\": \"v\"}}."_s,
        u"env.json"_s);
    const QCommandLineOption parameterOption(
        u"parameter-overrides"_s,
        u"Template parameter values: Key=Value, several separated by spaces."_s, u"overrides"_s);
    parser.addOptions({templateOption, hostOption, portOption, envVarsOption, parameterOption});
    if (!parser.parse(arguments)) {
        printErr(u"Error: "_s + parser.errorText() + u"\n\n"_s + parser.helpText());
        *exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(u"help"_s)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        *exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(u"Error: unexpected argument %1\n"_s.arg(parser.positionalArguments().first()));
        *exitCode = 2;
        return std::nullopt;
    }

    StartLambdaOptions options;
    options.templatePath =
        parser.isSet(templateOption) ? parser.value(templateOption) : defaultTemplatePath();
    options.hostText = parser.value(hostOption);
    if (options.hostText == u"localhost"_s) {
        options.host = QHostAddress(QHostAddress::LocalHost);
    } else if (!options.host.setAddress(options.hostText)) {
        printErr(u"Error: --host must be an IP address, not %1\n"_s.arg(options.hostText));
        *exitCode = 2;
        return std::nullopt;
    }
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        printErr(u"Error: --port must be a number from 0 to 65535, not %1\n"_s.arg(
            parser.value(portOption)));
        *exitCode = 2;
        return std::nullopt;
    }
    options.port = quint16(port);
    options.envVarsPath = parser.value(envVarsOption);
    const QStringList pairs = parser.value(parameterOption).split(u' ', Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0) {
            options.parameterOverrides.insert(pair.left(eq), pair.mid(eq + 1));
        }
    }
    return options;
}

/**
 * Everything that turns loaded functions into a serving engine. Components other areas own
 * attach here, through EngineExtensions (core/api/engineextensions.h): the persistent async
 * queue installs Engine::setAsyncSink(), the telemetry recorder listens to the journal. Both
 * register themselves; nothing in this file needs to change for them.
 */
void setUpEngine(Engine &engine, const std::vector<FunctionConfig> &functions,
                 const QString &templatePath)
{
    QObject::connect(&engine, &Engine::warningRaised,
                     [](const QString &message) { printErr(u"Warning: "_s + message + u'\n'); });
    engine.setFunctions(functions);

    EngineExtensionContext context;
    context.templatePath = QFileInfo(templatePath).absoluteFilePath();
    context.projectDir = QFileInfo(templatePath).absolutePath();
    EngineExtensions::attachAll(engine, context);
}

int startLambda(const QStringList &arguments)
{
    int exitCode = 0;
    const std::optional<StartLambdaOptions> options = parseOptions(arguments, &exitCode);
    if (!options) {
        return exitCode;
    }

    // The template and the functions.
    SamTemplate sam;
    sam.setParameterOverrides(options->parameterOverrides);
    const bool loaded = sam.load(options->templatePath);
    for (const Problem &problem : sam.problems()) {
        printErr(problem.toString() + u'\n');
    }
    if (!loaded || hasErrors(sam.problems())) {
        return 1;
    }
    std::vector<FunctionConfig> functions = sam.functions();
    if (functions.empty()) {
        printErr(u"Error: the template %1 defines no function.\n"_s.arg(options->templatePath));
        return 1;
    }
    if (!options->envVarsPath.isEmpty()) {
        Problem problem;
        const std::optional<EnvVarsFile> envVars =
            EnvVarsFile::load(options->envVarsPath, &problem);
        if (!envVars) {
            printErr(problem.toString() + u'\n');
            return 1;
        }
        for (FunctionConfig &f : functions) {
            envVars->applyTo(f);
        }
    }
    for (const FunctionConfig &f : functions) {
        for (const QString &warning : f.warnings) {
            printErr(u"Warning: %1: %2\n"_s.arg(f.logicalId, warning));
        }
    }

    Engine engine;
    setUpEngine(engine, functions, options->templatePath);
    LogPrinter logPrinter(engine);

    InvokeApiServer server(&engine);
    QObject::connect(&server, &InvokeApiServer::invocationFinished,
                     [&logPrinter](const InvokeRequest &request, const InvokeResult &result) {
                         if (result.isServiceError()) {
                             printErr(u"%1 %2: %3\n"_s.arg(request.functionName,
                                                           result.serviceErrorCode,
                                                           result.serviceErrorMessage));
                         }
                         logPrinter.flush(result.requestId);
                     });
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
    u"local start-lambda [-t template.yaml] [--host H] [-p 3001]"_s,
    u"Serve the Lambda Invoke API for aws lambda invoke and the SDKs"_s,
    startLambda,
});

} // namespace

} // namespace Lwb
