// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatewayresponse.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

/** A header value as API Gateway renders it: strings as they are, numbers and bools as text. */
std::optional<QByteArray> headerValue(const nlohmann::json &v)
{
    if (v.is_string()) {
        return QByteArray::fromStdString(v.get<std::string>());
    }
    if (v.is_boolean()) {
        return v.get<bool>() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    }
    if (v.is_number_integer()) {
        return QByteArray::number(v.get<long long>());
    }
    if (v.is_number()) {
        return QByteArray::fromStdString(v.dump());
    }
    return std::nullopt;
}

std::optional<int> statusCode(const nlohmann::json &v)
{
    if (v.is_number_integer()) {
        return int(v.get<long long>());
    }
    if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()) {
        return int(v.get<double>());
    }
    if (v.is_string()) {
        bool ok = false;
        const int code = QString::fromStdString(v.get<std::string>()).toInt(&ok);
        if (ok) {
            return code;
        }
    }
    return std::nullopt;
}

bool hasHeader(const GatewayResponse &r, const QByteArray &name)
{
    return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

/** statusCode, headers, multiValueHeaders, cookies, body, isBase64Encoded; nullopt when malformed.
 */
std::optional<GatewayResponse> proxyResponse(const nlohmann::json &doc, bool v2)
{
    GatewayResponse r;
    const std::optional<int> code = statusCode(doc["statusCode"]);
    if (!code || *code < 100 || *code > 599) {
        return std::nullopt;
    }
    r.statusCode = *code;
    QList<QByteArray> single; // names set by "headers": multiValueHeaders may add to them
    if (doc.contains("headers") && !doc["headers"].is_null()) {
        if (!doc["headers"].is_object()) {
            return std::nullopt;
        }
        for (auto it = doc["headers"].begin(); it != doc["headers"].end(); ++it) {
            const std::optional<QByteArray> value = headerValue(it.value());
            if (!value) {
                return std::nullopt;
            }
            r.headers.append({QByteArray::fromStdString(it.key()), *value});
        }
    }
    if (!v2 && doc.contains("multiValueHeaders") && !doc["multiValueHeaders"].is_null()) {
        if (!doc["multiValueHeaders"].is_object()) {
            return std::nullopt;
        }
        for (auto it = doc["multiValueHeaders"].begin(); it != doc["multiValueHeaders"].end();
             ++it) {
            if (!it.value().is_array()) {
                return std::nullopt;
            }
            const QByteArray name = QByteArray::fromStdString(it.key());
            // A name in both maps: the multi-value list wins, as API Gateway merges them.
            r.headers.removeIf(
                [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
            for (const nlohmann::json &v : it.value()) {
                const std::optional<QByteArray> value = headerValue(v);
                if (!value) {
                    return std::nullopt;
                }
                r.headers.append({name, *value});
            }
        }
    }
    if (v2 && doc.contains("cookies") && !doc["cookies"].is_null()) {
        if (!doc["cookies"].is_array()) {
            return std::nullopt;
        }
        for (const nlohmann::json &c : doc["cookies"]) {
            if (!c.is_string()) {
                return std::nullopt;
            }
            r.headers.append(
                {QByteArrayLiteral("Set-Cookie"), QByteArray::fromStdString(c.get<std::string>())});
        }
    }
    bool base64 = false;
    if (doc.contains("isBase64Encoded") && !doc["isBase64Encoded"].is_null()) {
        if (!doc["isBase64Encoded"].is_boolean()) {
            return std::nullopt;
        }
        base64 = doc["isBase64Encoded"].get<bool>();
    }
    if (doc.contains("body") && !doc["body"].is_null()) {
        if (!doc["body"].is_string()) {
            return std::nullopt;
        }
        const QByteArray body = QByteArray::fromStdString(doc["body"].get<std::string>());
        if (base64) {
            const auto decoded =
                QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                return std::nullopt;
            }
            r.body = *decoded;
        } else {
            r.body = body;
        }
    }
    if (!hasHeader(r, "Content-Type")) {
        r.headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }
    return r;
}

} // namespace

QByteArray GatewayResponse::header(const QByteArray &name) const
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return {};
}

GatewayResponse GatewayResponse::fromFunction(const QByteArray &payload,
                                              const QString &payloadFormat)
{
    const bool v2 = payloadFormat == u"2.0"_s;
    const nlohmann::json doc = nlohmann::json::parse(payload.toStdString(), nullptr, false);
    if (doc.is_discarded()) {
        return internalServerError();
    }
    if (doc.is_object() && doc.contains("statusCode")) {
        return proxyResponse(doc, v2).value_or(internalServerError());
    }
    if (!v2) {
        return internalServerError(); // 1.0 needs a statusCode
    }
    // 2.0 without statusCode: API Gateway assumes 200 and sends the result as the body.
    GatewayResponse r;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = doc.is_string() ? QByteArray::fromStdString(doc.get<std::string>())
                             : QByteArray::fromStdString(doc.dump());
    return r;
}

GatewayResponse GatewayResponse::error(int statusCode, const QString &message)
{
    GatewayResponse r;
    r.statusCode = statusCode;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = QByteArray::fromStdString(nlohmann::json{{"message", message.toStdString()}}.dump());
    return r;
}

GatewayResponse GatewayResponse::preflight(const std::vector<const Route *> &routes,
                                           const QString &origin)
{
    GatewayResponse r;
    r.statusCode = routes.front()->kind == ApiKind::Http ? 204 : 200;
    const CorsConfig &cors = *routes.front()->cors;
    QStringList methods = cors.allowMethods;
    if (methods.isEmpty()) {
        for (const Route *route : routes) {
            if (route->method == u"ANY"_s) {
                methods = QStringList{u"DELETE"_s, u"GET"_s,  u"HEAD"_s, u"OPTIONS"_s,
                                      u"PATCH"_s,  u"POST"_s, u"PUT"_s};
                break;
            }
            if (!methods.contains(route->method)) {
                methods << route->method;
            }
        }
        if (!methods.contains(u"OPTIONS"_s)) {
            methods << u"OPTIONS"_s;
        }
    }
    const QString allowOrigin = cors.allowOriginFor(origin);
    if (!allowOrigin.isEmpty()) {
        r.headers.append({"Access-Control-Allow-Origin", allowOrigin.toUtf8()});
        r.headers.append({"Access-Control-Allow-Methods", methods.join(u',').toUtf8()});
        if (!cors.allowHeaders.isEmpty()) {
            r.headers.append(
                {"Access-Control-Allow-Headers", cors.allowHeaders.join(u',').toUtf8()});
        }
        if (cors.maxAgeSeconds >= 0) {
            r.headers.append({"Access-Control-Max-Age", QByteArray::number(cors.maxAgeSeconds)});
        }
        if (cors.allowCredentials) {
            r.headers.append(
                {QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
        }
    }
    return r;
}

void GatewayResponse::addCorsHeaders(const CorsConfig &cors, const QString &origin)
{
    const QString allowOrigin = cors.allowOriginFor(origin);
    if (allowOrigin.isEmpty() || hasHeader(*this, "Access-Control-Allow-Origin")) {
        return;
    }
    headers.append({"Access-Control-Allow-Origin", allowOrigin.toUtf8()});
    if (cors.allowCredentials) {
        headers.append(
            {QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
    }
    if (!cors.exposeHeaders.isEmpty()) {
        headers.append({"Access-Control-Expose-Headers", cors.exposeHeaders.join(u',').toUtf8()});
    }
}

GatewayResponse GatewayResponse::noRoute(bool httpApi)
{
    return httpApi ? error(404, u"Not Found"_s) : error(403, u"Missing Authentication Token"_s);
}

} // namespace Lwb::HttpApi
