// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayrequest.h"

#include "model/jsonobject.h"

#include <QtCore/QLocale>
#include <QtCore/QStringDecoder>

#include <limits>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

std::string str(const QString &s)
{
    return s.toStdString();
}

/**
 * "09/Apr/2015:12:34:56 +0000", API Gateway's requestTime (English month names). Formatted
 * once a second: formatting costs more than the rest of the event.
 */
std::string requestTime(const QDateTime &t)
{
    thread_local qint64 second = std::numeric_limits<qint64>::min();
    thread_local std::string text;
    const qint64 now = t.toSecsSinceEpoch();
    if (now != second) {
        second = now;
        text = str(QLocale::c().toString(t.toUTC(), u"dd/MMM/yyyy:HH:mm:ss"_s) + u" +0000"_s);
    }
    return text;
}

bool matchesMediaType(const QString &contentType, const QStringList &patterns)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type.isEmpty()) {
        return false;
    }
    for (const QString &p : patterns) {
        if (p == u"*/*"_s || p == type) {
            return true;
        }
        if (p.endsWith(u"/*"_s) && type.startsWith(p.chopped(1))) {
            return true;
        }
    }
    return false;
}

bool isTextType(const QString &contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    return type.startsWith(u"text/"_s) || type.endsWith(u"+json"_s) || type.endsWith(u"+xml"_s) ||
           type == u"application/json"_s || type == u"application/xml"_s ||
           type == u"application/javascript"_s || type == u"application/x-www-form-urlencoded"_s;
}

bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    [[maybe_unused]] const QString s = decoder(bytes);
    return !decoder.hasError();
}

nlohmann::json bodyValue(const GatewayRequest &r, bool binary)
{
    if (r.body.isEmpty()) {
        return nullptr;
    }
    return binary ? r.body.toBase64().toStdString() : r.body.toStdString();
}

nlohmann::json stringMap(const QHash<QString, QString> &map)
{
    if (map.isEmpty()) {
        return nullptr;
    }
    nlohmann::json out = nlohmann::json::object();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        out[str(it.key())] = str(it.value());
    }
    return out;
}

} // namespace

QString GatewayRequest::header(const QString &name) const
{
    QString value;
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0) {
            value = v;
        }
    }
    return value;
}

bool GatewayRequest::bodyIsBinary(const Route &route) const
{
    if (body.isEmpty()) {
        return false;
    }
    const QString contentType = header(u"content-type"_s);
    if (route.kind == ApiKind::Rest) {
        return matchesMediaType(contentType, route.binaryMediaTypes);
    }
    // HTTP APIs pass text as text and base64-encode everything else.
    if (contentType.isEmpty()) {
        return !isUtf8(body);
    }
    return !isTextType(contentType) || matchesMediaType(contentType, route.binaryMediaTypes);
}

nlohmann::json GatewayRequest::restEvent(const RouteMatch &match) const
{
    const Route &route = *match.route;
    nlohmann::json headerMap = nlohmann::json::object();
    nlohmann::json multiHeaders = nlohmann::json::object();
    for (const auto &[n, v] : headers) {
        headerMap[str(n)] = str(v);
        multiHeaders[str(n)].push_back(str(v));
    }
    nlohmann::json query = nullptr;
    nlohmann::json multiQuery = nullptr;
    for (const auto &[k, v] : queryItems) {
        query[str(k)] = str(v);
        multiQuery[str(k)].push_back(str(v));
    }
    const bool binary = bodyIsBinary(route);
    const QString resource = route.isDefaultRoute() ? u"/{proxy+}"_s : route.path;
    nlohmann::json identity = jsonObject(
        "cognitoIdentityPoolId", nullptr, "accountId", nullptr, "cognitoIdentityId", nullptr,
        "caller", nullptr, "accessKey", nullptr, "sourceIp", str(sourceIp),
        "cognitoAuthenticationType", nullptr, "cognitoAuthenticationProvider", nullptr,
        "userArn", nullptr, "userAgent", str(header(u"user-agent"_s)), "user", nullptr);
    nlohmann::json context = jsonObject(
        "accountId", str(accountId), "resourceId", "123456", "stage", str(route.stage),
        "requestId", str(requestId), "extendedRequestId", str(requestId),
        "requestTime", requestTime(time), "requestTimeEpoch", time.toMSecsSinceEpoch(),
        "identity", std::move(identity), "path", str(u'/' + route.stage + path),
        "resourcePath", str(resource), "httpMethod", str(method), "apiId", "1234567890",
        "protocol", "HTTP/1.1", "domainName", str(header(u"host"_s)));
    return jsonObject("resource", str(resource), "path", str(path), "httpMethod", str(method),
                      "headers", std::move(headerMap), "multiValueHeaders", std::move(multiHeaders),
                      "queryStringParameters", std::move(query),
                      "multiValueQueryStringParameters", std::move(multiQuery),
                      "pathParameters", stringMap(match.pathParameters),
                      "stageVariables", stringMap(route.stageVariables),
                      "requestContext", std::move(context), "body", bodyValue(*this, binary),
                      "isBase64Encoded", binary);
}

nlohmann::json GatewayRequest::httpApiEvent(const RouteMatch &match) const
{
    const Route &route = *match.route;
    nlohmann::json headerMap = nlohmann::json::object();
    nlohmann::json cookies = nlohmann::json::array();
    for (const auto &[n, v] : headers) {
        const std::string name = str(n.toLower());
        if (name == "cookie") {
            for (const QString &c : v.split(u';', Qt::SkipEmptyParts)) {
                cookies.push_back(str(c.trimmed()));
            }
            continue;
        }
        if (headerMap.contains(name)) {
            headerMap[name] = headerMap[name].get<std::string>() + "," + str(v);
        } else {
            headerMap[name] = str(v);
        }
    }
    nlohmann::json query = nlohmann::json::object();
    for (const auto &[k, v] : queryItems) {
        const std::string key = str(k);
        query[key] = query.contains(key) ? query[key].get<std::string>() + "," + str(v) : str(v);
    }
    const bool binary = bodyIsBinary(route);
    nlohmann::json event = jsonObject("version", "2.0", "routeKey", str(route.routeKey()), "rawPath",
                                      str(path), "rawQueryString", rawQueryString.toStdString(),
                                      "headers", std::move(headerMap));
    if (!cookies.empty()) {
        event["cookies"] = std::move(cookies);
    }
    if (!query.empty()) {
        event["queryStringParameters"] = std::move(query);
    }
    if (!match.pathParameters.isEmpty()) {
        event["pathParameters"] = stringMap(match.pathParameters);
    }
    if (!route.stageVariables.isEmpty()) {
        event["stageVariables"] = stringMap(route.stageVariables);
    }
    const QString host = header(u"host"_s);
    event["requestContext"] = jsonObject(
        "accountId", str(accountId), "apiId", "1234567890", "domainName", str(host),
        "domainPrefix", str(host.section(u'.', 0, 0).section(u':', 0, 0)), "http",
        jsonObject("method", str(method), "path", str(path), "protocol", "HTTP/1.1", "sourceIp",
                   str(sourceIp), "userAgent", str(header(u"user-agent"_s))),
        "requestId", str(requestId), "routeKey", str(route.routeKey()), "stage", str(route.stage),
        "time", requestTime(time), "timeEpoch", time.toMSecsSinceEpoch());
    if (!body.isEmpty()) {
        event["body"] = bodyValue(*this, binary);
    }
    event["isBase64Encoded"] = binary;
    return event;
}

nlohmann::json GatewayRequest::event(const RouteMatch &match) const
{
    return match.route->payloadFormat == u"2.0"_s ? httpApiEvent(match) : restEvent(match);
}

} // namespace Lwb::HttpApi
