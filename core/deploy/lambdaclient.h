// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/sigv4.h"
#include "lwb_core_export.h"

#include <QtCore/QMap>
#include <QtCore/QObject>
#include <QtCore/QUrl>

#include <nlohmann/json.hpp>

#include <functional>

class QNetworkAccessManager;

namespace Lwb {

/** Where a LambdaClient sends its calls and how it signs them. */
struct LWB_CORE_EXPORT LambdaEndpoint
{
    QUrl url;       ///< e.g. http://127.0.0.1:3001, or awsUrl(region)
    QString region; ///< the SigV4 signing region
    SigV4Credentials credentials;

    /** The Lambda service endpoint of @p region: https://lambda.<region>.amazonaws.com. */
    static QUrl awsUrl(const QString &region);
};

/** The outcome of one Lambda API call. */
struct LWB_CORE_EXPORT LambdaResult
{
    QString operation;   ///< e.g. "UpdateFunctionCode"
    int httpStatus = 0;  ///< 0: no answer (connection refused, timeout)
    nlohmann::json body; ///< the decoded JSON answer (null when none)
    QString errorType;   ///< x-amzn-ErrorType (or __type), without its ":…" suffix
    QString message;     ///< AWS's Message / message, or why there was no answer

    bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
    /** "<Operation>: <ErrorType>: <message>" as AWS wrote them. */
    QString errorText() const;
    /** A string member of a JSON object (of body, or a part of it); empty when absent. */
    static QString string(const nlohmann::json &object, const char *member);
};

/**
 * An asynchronous Lambda API client (rest-json, 2015-03-31) over QNetworkAccessManager, every
 * request signed with SigV4 (service lambda) the way botocore signs it. One client serves the
 * local engine (`lwb local start-lambda`) and the AWS service alike. Throttling answers (429,
 * TooManyRequestsException, ThrottlingException) are retried up to three times with backoff.
 *
 * Each call takes a callback run once, in the client's thread, with the result. Lives in one
 * thread (a QObject owning its network manager).
 */
class LWB_CORE_EXPORT LambdaClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const LambdaResult &)>;
    using Weights = QMap<QString, double>; ///< RoutingConfig.AdditionalVersionWeights

    explicit LambdaClient(const LambdaEndpoint &endpoint, QObject *parent = nullptr);
    ~LambdaClient() override;

    const LambdaEndpoint &endpoint() const { return m_endpoint; }
    /** Time between two polls of waitUntilUpdated() (default 1000 ms). */
    void setPollIntervalMs(int ms) { m_pollIntervalMs = ms; }

    void getFunction(const QString &name, Callback done);
    void getFunctionConfiguration(const QString &name, Callback done);
    /** @p request: CreateFunction's body (FunctionName, Runtime, Role, Handler, Code, …). */
    void createFunction(const nlohmann::json &request, Callback done);
    void updateFunctionCode(const QString &name, const QByteArray &zip, Callback done);
    void updateFunctionConfiguration(const QString &name, const nlohmann::json &request,
                                     Callback done);
    /**
     * Polls GetFunctionConfiguration until State is not Pending and LastUpdateStatus is
     * Successful (done with that result), Failed (an error with LastUpdateStatusReason) or
     * @p timeoutMs passed. @p progress gets each status seen.
     */
    void waitUntilUpdated(const QString &name, int timeoutMs,
                          std::function<void(const QString &status)> progress, Callback done);
    void publishVersion(const QString &name, const QString &codeSha256, const QString &description,
                        Callback done);
    void getAlias(const QString &name, const QString &alias, Callback done);
    void createAlias(const QString &name, const QString &alias, const QString &version,
                     const Weights &weights, Callback done);
    void updateAlias(const QString &name, const QString &alias, const QString &version,
                     const Weights &weights, Callback done);

    /** PublishLayerVersion (2018-10-31): @p zip as Content.ZipFile, with @p runtimes. */
    void publishLayerVersion(const QString &layerName, const QByteArray &zip,
                             const QString &description, const QStringList &runtimes,
                             Callback done);
    /** ListLayerVersions: the newest version only (MaxItems=1), or none. */
    void latestLayerVersion(const QString &layerName, Callback done);
    void getLayerVersion(const QString &layerName, qint64 version, Callback done);

    /**
     * Downloads a function's code from GetFunction's Code.Location (a presigned https URL on
     * AWS; a file:// URL on the local engine), unsigned. @p done gets the bytes, or an error.
     */
    void fetch(const QUrl &location,
               std::function<void(const QByteArray &bytes, const QString &error)> done);

private:
    void send(const QString &operation, const QByteArray &method, const QByteArray &path,
              const QByteArray &body, Callback done, int attempt = 1);
    void poll(const QString &name, qint64 deadlineMs, std::function<void(const QString &)> progress,
              Callback done);

    LambdaEndpoint m_endpoint;
    QNetworkAccessManager *m_network;
    int m_pollIntervalMs = 1000;
};

} // namespace Lwb
