// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "apidescription.h"

#include "openapidefinition.h"

#include "project/yamldocument.h"

#include <QtCore/QDir>

using namespace Qt::StringLiterals;

namespace Lwb::HttpApi {

namespace {

QString str(const nlohmann::json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

} // namespace

bool ApiDescription::addDefinition(const QString &apiId, const nlohmann::json &body,
                                   const nlohmann::json &location, const QString &templateDir,
                                   QStringList *warnings, QString *error)
{
    nlohmann::json document = body;
    nlohmann::json file = location;
    if (body.is_object() && body.size() == 1 && body.contains("Fn::Transform")) {
        const nlohmann::json &transform = body["Fn::Transform"];
        if (!transform.is_object() ||
            str(transform.value("Name", nlohmann::json())) != u"AWS::Include"_s) {
            *error = u"%1: the definition's Fn::Transform must be AWS::Include"_s.arg(apiId);
            return false;
        }
        const nlohmann::json parameters = transform.value("Parameters", nlohmann::json());
        file = parameters.is_object() ? parameters.value("Location", nlohmann::json())
                                      : nlohmann::json();
        document = nullptr;
    }
    if (document.is_null()) {
        if (file.is_object()) {
            *error = u"%1: a definition on S3 (%2) is not supported locally; name a local file "
                     "instead (DefinitionUri: api.yaml)"_s.arg(apiId,
                                                               QString::fromStdString(file.dump()));
            return false;
        }
        const QString path = str(file);
        if (path.isEmpty()) {
            *error = u"%1: the definition's location must be a file name"_s.arg(apiId);
            return false;
        }
        if (path.startsWith(u"s3://"_s)) {
            *error = u"%1: a definition on S3 (%2) is not supported locally; name a local file "
                     "instead"_s.arg(apiId, path);
            return false;
        }
        QString why;
        const std::optional<nlohmann::json> read =
            YamlDocument::read(QDir(templateDir).absoluteFilePath(path), &why);
        if (!read) {
            *error = u"%1: %2"_s.arg(apiId, why);
            return false;
        }
        document = *read;
    }
    QStringList problems;
    QString why;
    const std::optional<OpenApiDefinition> definition =
        OpenApiDefinition::parse(document, kind == ApiKind::Http, &problems, &why);
    for (const QString &p : std::as_const(problems)) {
        *warnings << apiId + u": "_s + p;
    }
    if (!definition) {
        *error = u"%1: %2"_s.arg(apiId, why);
        return false;
    }
    binaryMediaTypes << definition->binaryMediaTypes;
    for (auto it = definition->authorizers.cbegin(); it != definition->authorizers.cend(); ++it) {
        if (!authorizers.contains(it.key())) {
            authorizers.insert(it.key(), it.value());
        }
    }
    if (defaultAuthorizer.isEmpty()) {
        defaultAuthorizer = definition->defaultAuthorizer;
    }
    for (const OpenApiDefinition::Operation &op : definition->operations) {
        ApiRoute r;
        r.route.kind = kind;
        r.route.method = op.method;
        r.route.path = op.path;
        r.route.functionLogicalId = op.function;
        r.route.eventName = apiId;
        r.route.apiId = apiId;
        r.route.payloadFormat = op.payloadFormat;
        r.authorizer = op.authorizer;
        r.scopes = op.scopes;
        routes.push_back(r);
    }
    return true;
}

} // namespace Lwb::HttpApi
