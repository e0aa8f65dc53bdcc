// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "deploy/lambdaclient.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Lwb {

namespace {

constexpr int kMaxAttempts = 3;
constexpr int kTransferTimeoutMs = 120000;

QByteArray functionPath(const QString &name, const QByteArray &suffix = {})
{
    return "/2015-03-31/functions/" + QUrl::toPercentEncoding(name) + suffix;
}

QByteArray layerPath(const QString &name, const QByteArray &suffix = {})
{
    return "/2018-10-31/layers/" + QUrl::toPercentEncoding(name) + "/versions" + suffix;
}

QByteArray toBody(const nlohmann::json &json)
{
    return QByteArray::fromStdString(json.dump());
}

nlohmann::json routing(const LambdaClient::Weights &weights)
{
    nlohmann::json additional = nlohmann::json::object();
    for (auto it = weights.cbegin(); it != weights.cend(); ++it) {
        additional[it.key().toStdString()] = it.value();
    }
    return {{"AdditionalVersionWeights", additional}};
}

bool isThrottling(const LambdaResult &result)
{
    return result.httpStatus == 429 || result.errorType == u"TooManyRequestsException"_s ||
           result.errorType == u"ThrottlingException"_s;
}

/** Host as QNetworkAccessManager sends it: the port only when it is not the scheme's. */
QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    const int defaultPort = url.scheme() == u"https"_s ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort) {
        host += ':' + QByteArray::number(url.port());
    }
    return host;
}

} // namespace

QUrl LambdaEndpoint::awsUrl(const QString &region)
{
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(u"lambda.%1.amazonaws.com"_s.arg(region));
    return url;
}

QString LambdaResult::string(const nlohmann::json &object, const char *member)
{
    if (object.is_object() && object.contains(member) && object[member].is_string()) {
        return QString::fromStdString(object[member].get<std::string>());
    }
    return {};
}

QString LambdaResult::errorText() const
{
    if (errorType.isEmpty()) {
        return u"%1: %2"_s.arg(operation, message);
    }
    return u"%1: %2: %3"_s.arg(operation, errorType, message);
}

LambdaClient::LambdaClient(const LambdaEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_network(new QNetworkAccessManager(this))
{
}

LambdaClient::~LambdaClient() = default;

void LambdaClient::send(const QString &operation, const QByteArray &method, const QByteArray &path,
                        const QByteArray &body, Callback done, int attempt)
{
    SigV4Request toSign;
    toSign.method = method;
    toSign.target = path;
    toSign.headers = {{"Host", hostHeader(m_endpoint.url)}};
    if (!body.isEmpty()) {
        toSign.headers.append(HttpHeader{"Content-Type", "application/json"});
    }
    toSign.body = body;
    SigV4SigningParams params;
    params.credentials = m_endpoint.credentials;
    params.region = m_endpoint.region;
    params.service = u"lambda"_s;
    params.time = QDateTime::currentDateTimeUtc();
    const SigV4Signature signature = SigV4::sign(toSign, params);

    QByteArray base = m_endpoint.url.toEncoded(QUrl::RemovePath | QUrl::RemoveQuery |
                                               QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    QNetworkRequest request(QUrl::fromEncoded(base + path, QUrl::StrictMode));
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("User-Agent", "lambda-workbench");
    for (const HttpHeader &header : toSign.headers + signature.headers) {
        if (header.first != "Host") {
            request.setRawHeader(header.first, header.second);
        }
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, operation, method, path, body, done = std::move(done), attempt] {
                reply->deleteLater();
                LambdaResult result;
                result.operation = operation;
                result.httpStatus =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray answer = reply->readAll();
                if (result.httpStatus == 0) {
                    result.message = u"no answer from %1: %2"_s.arg(
                        m_endpoint.url.toDisplayString(), reply->errorString());
                } else {
                    result.body = nlohmann::json::parse(answer.toStdString(), nullptr, false);
                    if (result.body.is_discarded()) {
                        result.body = nullptr;
                    }
                }
                if (result.httpStatus != 0 && !result.ok()) {
                    QString type = QString::fromUtf8(reply->rawHeader("x-amzn-ErrorType"));
                    if (type.isEmpty()) {
                        type = LambdaResult::string(result.body, "__type");
                        type = type.section(u'#', -1);
                    }
                    result.errorType = type.section(u':', 0, 0);
                    for (const char *member : {"Message", "message", "errorMessage"}) {
                        if (result.message.isEmpty()) {
                            result.message = LambdaResult::string(result.body, member);
                        }
                    }
                    if (result.message.isEmpty()) {
                        result.message = answer.isEmpty() ? u"HTTP %1"_s.arg(result.httpStatus)
                                                          : QString::fromUtf8(answer.left(500));
                    }
                    if (isThrottling(result) && attempt < kMaxAttempts) {
                        QTimer::singleShot(500 << attempt, this, [=, this] {
                            send(operation, method, path, body, done, attempt + 1);
                        });
                        return;
                    }
                }
                done(result);
            });
}

void LambdaClient::getFunction(const QString &name, Callback done)
{
    send(u"GetFunction"_s, "GET", functionPath(name), {}, std::move(done));
}

void LambdaClient::getFunctionConfiguration(const QString &name, Callback done)
{
    send(u"GetFunctionConfiguration"_s, "GET", functionPath(name, "/configuration"), {},
         std::move(done));
}

void LambdaClient::createFunction(const nlohmann::json &request, Callback done)
{
    send(u"CreateFunction"_s, "POST", "/2015-03-31/functions", toBody(request), std::move(done));
}

void LambdaClient::updateFunctionCode(const QString &name, const QByteArray &zip, Callback done)
{
    const nlohmann::json request = {{"ZipFile", zip.toBase64().toStdString()}};
    send(u"UpdateFunctionCode"_s, "PUT", functionPath(name, "/code"), toBody(request),
         std::move(done));
}

void LambdaClient::updateFunctionConfiguration(const QString &name, const nlohmann::json &request,
                                               Callback done)
{
    send(u"UpdateFunctionConfiguration"_s, "PUT", functionPath(name, "/configuration"),
         toBody(request), std::move(done));
}

void LambdaClient::waitUntilUpdated(const QString &name, int timeoutMs,
                                    std::function<void(const QString &)> progress, Callback done)
{
    poll(name, QDateTime::currentMSecsSinceEpoch() + timeoutMs, std::move(progress),
         std::move(done));
}

void LambdaClient::poll(const QString &name, qint64 deadlineMs,
                        std::function<void(const QString &)> progress, Callback done)
{
    getFunctionConfiguration(name, [=, this](const LambdaResult &result) {
        if (!result.ok()) {
            done(result);
            return;
        }
        const QString state = LambdaResult::string(result.body, "State");
        const QString status = LambdaResult::string(result.body, "LastUpdateStatus");
        if (progress) {
            progress(state == u"Pending"_s ? state : status);
        }
        if (status == u"Failed"_s || state == u"Failed"_s) {
            LambdaResult failed = result;
            failed.httpStatus = 0;
            failed.errorType = LambdaResult::string(result.body, "LastUpdateStatusReasonCode");
            failed.message = LambdaResult::string(result.body, "LastUpdateStatusReason");
            if (failed.message.isEmpty()) {
                failed.message = LambdaResult::string(result.body, "StateReason");
            }
            done(failed);
            return;
        }
        if (state != u"Pending"_s && (status.isEmpty() || status == u"Successful"_s)) {
            done(result);
            return;
        }
        if (QDateTime::currentMSecsSinceEpoch() + m_pollIntervalMs > deadlineMs) {
            LambdaResult late = result;
            late.httpStatus = 0;
            late.message = u"LastUpdateStatus still %1 when the wait timed out"_s.arg(status);
            done(late);
            return;
        }
        QTimer::singleShot(m_pollIntervalMs, this,
                           [=, this] { poll(name, deadlineMs, progress, done); });
    });
}

void LambdaClient::publishVersion(const QString &name, const QString &codeSha256,
                                  const QString &description, Callback done)
{
    nlohmann::json request = nlohmann::json::object();
    if (!codeSha256.isEmpty()) {
        request["CodeSha256"] = codeSha256.toStdString();
    }
    if (!description.isEmpty()) {
        request["Description"] = description.toStdString();
    }
    send(u"PublishVersion"_s, "POST", functionPath(name, "/versions"), toBody(request),
         std::move(done));
}

void LambdaClient::getAlias(const QString &name, const QString &alias, Callback done)
{
    send(u"GetAlias"_s, "GET", functionPath(name, "/aliases/" + QUrl::toPercentEncoding(alias)), {},
         std::move(done));
}

void LambdaClient::createAlias(const QString &name, const QString &alias, const QString &version,
                               const Weights &weights, Callback done)
{
    const nlohmann::json request = {{"Name", alias.toStdString()},
                                    {"FunctionVersion", version.toStdString()},
                                    {"RoutingConfig", routing(weights)}};
    send(u"CreateAlias"_s, "POST", functionPath(name, "/aliases"), toBody(request),
         std::move(done));
}

void LambdaClient::updateAlias(const QString &name, const QString &alias, const QString &version,
                               const Weights &weights, Callback done)
{
    const nlohmann::json request = {{"FunctionVersion", version.toStdString()},
                                    {"RoutingConfig", routing(weights)}};
    send(u"UpdateAlias"_s, "PUT", functionPath(name, "/aliases/" + QUrl::toPercentEncoding(alias)),
         toBody(request), std::move(done));
}

void LambdaClient::publishLayerVersion(const QString &layerName, const QByteArray &zip,
                                       const QString &description, const QStringList &runtimes,
                                       Callback done)
{
    nlohmann::json request = {{"Content", {{"ZipFile", zip.toBase64().toStdString()}}}};
    if (!description.isEmpty()) {
        request["Description"] = description.toStdString();
    }
    if (!runtimes.isEmpty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const QString &runtime : runtimes) {
            list.push_back(runtime.toStdString());
        }
        request["CompatibleRuntimes"] = list;
    }
    send(u"PublishLayerVersion"_s, "POST", layerPath(layerName), toBody(request), std::move(done));
}

void LambdaClient::latestLayerVersion(const QString &layerName, Callback done)
{
    send(u"ListLayerVersions"_s, "GET", layerPath(layerName, "?MaxItems=1"), {}, std::move(done));
}

void LambdaClient::getLayerVersion(const QString &layerName, qint64 version, Callback done)
{
    send(u"GetLayerVersion"_s, "GET", layerPath(layerName, '/' + QByteArray::number(version)), {},
         std::move(done));
}

void LambdaClient::fetch(const QUrl &location,
                         std::function<void(const QByteArray &, const QString &)> done)
{
    QNetworkRequest request(location);
    request.setTransferTimeout(kTransferTimeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, location, done = std::move(done)] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            done({}, u"the deployed code at %1 could not be read: %2"_s.arg(
                         location.toDisplayString(), reply->errorString()));
            return;
        }
        done(reply->readAll(), {});
    });
}

} // namespace Lwb
