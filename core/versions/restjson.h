// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/httpresponse.h"
#include "lwb_core_export.h"
#include "versions/versionerror.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb {

struct HttpRequest;
class HttpResponder;

/**
 * Small pieces every rest-json operation of the Lambda API served beside Invoke needs: the
 * path's segments, the JSON body, Marker/MaxItems paging and answers in AWS's wire format
 * (x-amzn-RequestId on every answer, errors through InvokeApiServer::errorResponse()).
 * Stateless; thread-agnostic.
 */
class LWB_CORE_EXPORT RestJson
{
public:
    /** The decoded path split on '/', without the empty segments a trailing '/' leaves. */
    static QStringList segments(const HttpRequest &request);
    /** A JSON answer with a fresh x-amzn-RequestId. */
    static HttpResponse ok(int status, const nlohmann::ordered_json &body);
    /** An empty answer (204) with a fresh x-amzn-RequestId. */
    static HttpResponse noContent();
    static HttpResponse error(int status, const QString &code, const QString &message);
    static HttpResponse error(const VersionError &error);
    /**
     * The body as a JSON object (an empty body is {}); nullopt after answering the request with
     * InvalidRequestContentException (or RequestEntityTooLargeException for @p operation).
     */
    static std::optional<nlohmann::json> body(const HttpRequest &request, HttpResponder &responder,
                                              const QString &operation);
    /** A string member, or @p fallback when absent; nullopt when present but not a string. */
    static std::optional<QString> string(const nlohmann::json &object, const char *member,
                                         const QString &fallback = {});

    /** One page of a list: the first index and how many, from ?Marker and ?MaxItems. */
    struct Page
    {
        qsizetype first = 0;
        qsizetype count = 0;
    };
    /**
     * The page of a list of @p total items, MaxItems within 1..@p maxItems (Lambda's pages hold
     * 50 items when MaxItems is not given); nullopt after answering with
     * InvalidParameterValueException.
     */
    static std::optional<Page> page(const HttpRequest &request, HttpResponder &responder,
                                    qsizetype total, int maxItems, int defaultItems = 50);
    /** Sets NextMarker in @p body when @p page does not reach the end of @p total. */
    static void setNextMarker(nlohmann::ordered_json &body, const Page &page, qsizetype total);
};

} // namespace Lwb
