// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "versions/restjson.h"

#include "api/invokeapiserver.h"
#include "engine/engine.h"
#include "engine/ids.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"

using namespace Qt::StringLiterals;

namespace Lwb {

QStringList RestJson::segments(const HttpRequest &request)
{
    QStringList parts = request.path.split(u'/');
    if (!parts.isEmpty() && parts.constFirst().isEmpty()) {
        parts.removeFirst();
    }
    while (!parts.isEmpty() && parts.constLast().isEmpty()) {
        parts.removeLast();
    }
    return parts;
}

HttpResponse RestJson::ok(int status, const nlohmann::ordered_json &body)
{
    HttpResponse response = HttpResponse::json(status, QByteArray::fromStdString(body.dump()));
    response.setHeader("x-amzn-RequestId", Ids::requestId().toUtf8());
    return response;
}

HttpResponse RestJson::noContent()
{
    HttpResponse response(204);
    response.setHeader("x-amzn-RequestId", Ids::requestId().toUtf8());
    return response;
}

HttpResponse RestJson::error(int status, const QString &code, const QString &message)
{
    return InvokeApiServer::errorResponse(status, code, message, Ids::requestId());
}

HttpResponse RestJson::error(const VersionError &e)
{
    return error(e.httpStatus(), e.awsErrorType(), e.message);
}

std::optional<nlohmann::json> RestJson::body(const HttpRequest &request, HttpResponder &responder,
                                             const QString &operation)
{
    if (request.bodyTooLarge) {
        responder.send(error(413, u"RequestEntityTooLargeException"_s,
                             u"Request must be smaller than %1 bytes for the %2 operation"_s
                                 .arg(request.declaredBodyBytes > 0 ? request.declaredBodyBytes
                                                                    : request.receivedBodyBytes)
                                 .arg(operation)));
        return std::nullopt;
    }
    if (request.body.trimmed().isEmpty()) {
        return nlohmann::json::object();
    }
    nlohmann::json value =
        nlohmann::json::parse(request.body.constBegin(), request.body.constEnd(), nullptr, false);
    if (!value.is_object()) {
        responder.send(error(400, u"InvalidRequestContentException"_s,
                             u"Could not parse request body into json: the body is not a JSON "
                             "object"_s));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> RestJson::string(const nlohmann::json &object, const char *member,
                                        const QString &fallback)
{
    const auto it = object.find(member);
    if (it == object.end() || it->is_null()) {
        return fallback;
    }
    if (!it->is_string()) {
        return std::nullopt;
    }
    return QString::fromStdString(it->get<std::string>());
}

std::optional<RestJson::Page> RestJson::page(const HttpRequest &request, HttpResponder &responder,
                                             qsizetype total, int maxItems, int defaultItems)
{
    Page page;
    page.count = std::min(maxItems, defaultItems);
    const QString max = request.queryItemValue(u"MaxItems"_s);
    if (!max.isNull()) {
        bool ok = false;
        const int value = max.toInt(&ok);
        if (!ok || value < 1 || value > maxItems) {
            responder.send(error(
                400, u"InvalidParameterValueException"_s,
                u"1 validation error detected: Value '%1' at 'maxItems' failed to satisfy "
                "constraint: Member must have value less than or equal to %2 and greater than "
                "or equal to 1"_s.arg(max)
                    .arg(maxItems)));
            return std::nullopt;
        }
        page.count = value;
    }
    const QString marker = request.queryItemValue(u"Marker"_s);
    if (!marker.isEmpty()) {
        bool ok = false;
        const qsizetype first = marker.toLongLong(&ok);
        if (!ok || first < 0 || first > total) {
            responder.send(error(400, u"InvalidParameterValueException"_s,
                                 u"Invalid Marker: %1"_s.arg(marker)));
            return std::nullopt;
        }
        page.first = first;
    }
    page.count = std::min(page.count, total - page.first);
    return page;
}

void RestJson::setNextMarker(nlohmann::ordered_json &body, const Page &page, qsizetype total)
{
    if (page.first + page.count < total) {
        body["NextMarker"] = std::to_string(page.first + page.count);
    }
}

} // namespace Lwb
