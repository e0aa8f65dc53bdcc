// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "projectoptions.h"

#include "auth/apiauthorizer.h"
#include "engine/engine.h"

#include <QtCore/QCommandLineOption>
#include <QtCore/QCommandLineParser>
#include <QtCore/QFlags>
#include <QtNetwork/QHostAddress>

#include <optional>

namespace Lwb {

/**
 * The local services the serving commands run on one engine: `local start-lambda` (the Invoke
 * API and the plugins' event sources), `local start-api` (the HTTP API gateway) and
 * `local start` (all of them). Adds the options the chosen parts take, parses them, and serves
 * until Ctrl+C. One object per command run, on the main thread.
 */
class LocalServices
{
public:
    enum class Part {
        InvokeApi = 0x1, ///< the Lambda Invoke and control-plane API (3001)
        HttpApi = 0x2,   ///< the API Gateway routes of Api and HttpApi events (3000)
        Triggers = 0x4,  ///< every other event source of the plugins (S3, Schedule, SQS…)
    };
    Q_DECLARE_FLAGS(Parts, Part)

    explicit LocalServices(Parts parts);

    /** Adds the options of the chosen parts (and the project's) to @p parser. */
    void addOptions(QCommandLineParser &parser) const;

    /**
     * Reads the options and loads the project; nullopt when everything is ready to serve,
     * otherwise the exit status (after printing why).
     */
    std::optional<int> parse(const QCommandLineParser &parser);

    /** Starts the services, serves until SIGINT/SIGTERM, shuts down; the exit status. */
    int serve();

    /**
     * A whole serving command: parses @p arguments (help text @p description) for @p parts,
     * then serves; the exit status.
     */
    static int run(Parts parts, const QString &description, const QStringList &arguments);

private:
    struct Address
    {
        QHostAddress host;
        QString hostText;
        quint16 port = 0;
    };

    Parts m_parts;
    ProjectOptions m_projectOptions;
    QCommandLineOption m_host;
    QCommandLineOption m_port;       ///< the HTTP API's when served, else the Invoke API's
    QCommandLineOption m_lambdaPort; ///< the Invoke API's beside the HTTP API
    QCommandLineOption m_allowRemote;
    QCommandLineOption m_accountConcurrency;
    QCommandLineOption m_scalingLimit;
    QCommandLineOption m_noAuth;
    QCommandLineOption m_credential;
    QCommandLineOption m_credentialsFile;
    QCommandLineOption m_noTriggers;
    QCommandLineOption m_jwks;

    LoadedProject m_project;
    EngineOptions m_engine;
    ApiAuthSettings m_auth;
    Address m_apiAddress;
    Address m_lambdaAddress;
    bool m_startTriggers = false;
    QString m_jwksPath; ///< absolute; empty: JWT signatures are not verified
};

Q_DECLARE_OPERATORS_FOR_FLAGS(LocalServices::Parts)

} // namespace Lwb
