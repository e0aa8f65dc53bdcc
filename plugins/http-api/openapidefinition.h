// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizer.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace Lwb::HttpApi {

/**
 * What API Gateway reads from an OpenAPI 2.0 (swagger) or 3.x definition (DefinitionBody,
 * DefinitionUri, Body): the operations a Lambda proxy integration (`x-amazon-apigateway-
 * integration` of type aws_proxy) serves, `x-amazon-apigateway-binary-media-types`, and the
 * authorizers of its security schemes. A plain value type.
 */
struct OpenApiDefinition
{
    /** One path + method served by a function. */
    struct Operation
    {
        QString method;        ///< upper case; "ANY" for x-amazon-apigateway-any-method
        QString path;          ///< as written; "$default" for an HTTP API's default route
        QString function;      ///< the function name or logical id the integration names
        QString payloadFormat; ///< the integration's payloadFormatVersion; empty: the default
        std::optional<QString> authorizer; ///< nullopt: the API's default; empty: none
        QStringList scopes;                ///< the operation's security scopes
    };

    std::vector<Operation> operations;
    QStringList binaryMediaTypes;
    QHash<QString, Authorizer> authorizers;
    QString defaultAuthorizer; ///< the document's root `security`, if any

    /**
     * Reads @p document (for an HTTP API when @p httpApi). A document that is not an OpenAPI
     * definition, or is malformed where it matters, gives nullopt and @p error; what is merely not
     * served locally (other integration types, unsupported authorizers) goes to @p warnings.
     */
    static std::optional<OpenApiDefinition> parse(const nlohmann::json &document, bool httpApi,
                                                  QStringList *warnings, QString *error);
};

} // namespace Lwb::HttpApi
