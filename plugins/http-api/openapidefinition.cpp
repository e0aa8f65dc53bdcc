// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "openapidefinition.h"

#include "integrationuri.h"

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString str(const nlohmann::json &v)
{
    if (v.is_number_float()) { // payloadFormatVersion: 2.0 unquoted
        return QString::number(v.get<double>(), 'f', 1);
    }
    if (v.is_number()) {
        return QString::fromStdString(v.dump());
    }
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

const QStringList kOperations{
    u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
    u"options"_s, u"head"_s, u"patch"_s, u"x-amazon-apigateway-any-method"_s};

/**
 * A `security` requirement list: nullopt when absent; the authorizer's name (empty for `[]`,
 * which turns authorization off) and its scopes otherwise.
 */
std::optional<std::pair<QString, QStringList>> securityOf(const nlohmann::json &value,
                                                          const QString &where, QString *error)
{
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_array()) {
        *error = u"%1: security must be a list"_s.arg(where);
        return std::nullopt;
    }
    if (value.empty()) {
        return std::pair<QString, QStringList>{};
    }
    if (value.size() > 1 || !value[0].is_object() || value[0].size() != 1) {
        *error = u"%1: security must name one authorizer (locally, a route has one)"_s.arg(where);
        return std::nullopt;
    }
    std::pair<QString, QStringList> out;
    out.first = QString::fromStdString(value[0].begin().key());
    for (const nlohmann::json &scope : value[0].begin().value()) {
        out.second << str(scope);
    }
    return out;
}

} // namespace

std::optional<OpenApiDefinition> OpenApiDefinition::parse(const nlohmann::json &document,
                                                          bool httpApi, QStringList *warnings,
                                                          QString *error)
{
    if (!document.is_object()) {
        *error = u"the definition is not an OpenAPI document (not a mapping)"_s;
        return std::nullopt;
    }
    const QString swagger = str(document.value("swagger", nlohmann::json()));
    const QString openapi = str(document.value("openapi", nlohmann::json()));
    const QString version = swagger.isEmpty() ? openapi : swagger;
    if (!version.startsWith(u"2."_s) && !version.startsWith(u"3."_s)) {
        *error = version.isEmpty()
                     ? u"the definition has neither `swagger: '2.0'` nor `openapi: 3.x`"_s
                     : u"unsupported OpenAPI version %1 (2.x or 3.x)"_s.arg(version);
        return std::nullopt;
    }
    const nlohmann::json paths = document.value("paths", nlohmann::json::object());
    if (!paths.is_object()) {
        *error = u"`paths` must be a mapping"_s;
        return std::nullopt;
    }

    OpenApiDefinition d;
    const nlohmann::json binary =
        document.value("x-amazon-apigateway-binary-media-types", nlohmann::json::array());
    for (const nlohmann::json &type : binary.is_array() ? binary : nlohmann::json::array()) {
        d.binaryMediaTypes << str(type).replace(u"~1"_s, u"/"_s).toLower();
    }

    const nlohmann::json schemes =
        version.startsWith(u"2."_s)
            ? document.value("securityDefinitions", nlohmann::json::object())
        : document.value("components", nlohmann::json()).is_object()
            ? document["components"].value("securitySchemes", nlohmann::json::object())
            : nlohmann::json();
    for (auto it = schemes.begin(); schemes.is_object() && it != schemes.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        QString why;
        if (std::optional<Authorizer> a =
                Authorizer::parseOpenApi(name, it.value(), httpApi, &why)) {
            d.authorizers.insert(name, *a);
        } else {
            *warnings << why;
        }
    }
    QString fail;
    const auto root =
        securityOf(document.value("security", nlohmann::json()), u"the root"_s, &fail);
    if (!fail.isEmpty()) {
        *error = fail;
        return std::nullopt;
    }
    if (root) {
        d.defaultAuthorizer = root->first;
    }

    for (auto p = paths.begin(); p != paths.end(); ++p) {
        QString path = QString::fromStdString(p.key());
        if (!p.value().is_object()) {
            *error = u"path %1 must be a mapping of methods"_s.arg(path);
            return std::nullopt;
        }
        if (path == u"/$default"_s) {
            path = u"$default"_s; // how an HTTP API's export names its default route
        }
        for (auto m = p.value().begin(); m != p.value().end(); ++m) {
            const QString key = QString::fromStdString(m.key()).toLower();
            if (!kOperations.contains(key)) {
                continue; // parameters, summary, servers, trace …
            }
            const QString where = u"%1 %2"_s.arg(key.toUpper(), path);
            if (!m.value().is_object()) {
                *error = u"%1: the operation must be a mapping"_s.arg(where);
                return std::nullopt;
            }
            const nlohmann::json integration =
                m.value().value("x-amazon-apigateway-integration", nlohmann::json());
            if (integration.is_null()) {
                continue; // nothing for API Gateway to do here
            }
            if (!integration.is_object()) {
                *error = u"%1: x-amazon-apigateway-integration must be a mapping"_s.arg(where);
                return std::nullopt;
            }
            const QString type = str(integration.value("type", nlohmann::json())).toLower();
            if (type != u"aws_proxy"_s) {
                if (type != u"mock"_s) {
                    *warnings << u"%1: integration type %2 is not served locally (only aws_proxy "
                                 "is)"_s.arg(where, type.isEmpty() ? u"(none)"_s : type);
                }
                continue;
            }
            Operation op;
            op.method = key == u"x-amazon-apigateway-any-method"_s ? u"ANY"_s : key.toUpper();
            op.path = path;
            QString why;
            op.function =
                IntegrationUri::functionName(integration.value("uri", nlohmann::json()), &why);
            if (op.function.isEmpty()) {
                *warnings << u"%1: %2; the route is not served"_s.arg(where, why);
                continue;
            }
            op.payloadFormat = str(integration.value("payloadFormatVersion", nlohmann::json()));
            if (!op.payloadFormat.isEmpty() && op.payloadFormat != u"1.0"_s &&
                op.payloadFormat != u"2.0"_s) {
                *error = u"%1: payloadFormatVersion must be 1.0 or 2.0, not %2"_s.arg(
                    where, op.payloadFormat);
                return std::nullopt;
            }
            const auto security =
                securityOf(m.value().value("security", nlohmann::json()), where, &fail);
            if (!fail.isEmpty()) {
                *error = fail;
                return std::nullopt;
            }
            if (security) {
                op.authorizer = security->first;
                op.scopes = security->second;
            }
            d.operations.push_back(op);
        }
    }
    return d;
}

} // namespace Lwb::HttpApi
