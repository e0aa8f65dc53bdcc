// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apidescription.h"

#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <nlohmann/json.hpp>

namespace Lwb::HttpApi {

/**
 * The APIs a template declares with plain CloudFormation resources, as SAM CLI reads them:
 * AWS::ApiGateway::RestApi (Body, BodyS3Location, BinaryMediaTypes) with its Resource tree
 * (ParentId/PathPart), Methods (AWS_PROXY integrations), Stage or Deployment and Authorizers;
 * AWS::ApiGatewayV2::Api (Body, or quick create with Target) with its Routes, Integrations,
 * Stage and Authorizers. Stateless.
 */
class CloudFormationApis
{
public:
    /**
     * Adds the APIs of @p resources (the template's Resources) to @p apis, keyed by logical id.
     * What makes the template unservable (a Resource cycle, a Method or Route pointing nowhere,
     * an unreadable Body) goes to @p errors; what is merely not served locally to @p warnings.
     */
    static void read(const nlohmann::json &resources, const QString &templateDir,
                     QHash<QString, ApiDescription> *apis, QStringList *warnings,
                     QStringList *errors);
};

} // namespace Lwb::HttpApi
