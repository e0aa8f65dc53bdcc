// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lwb_core_export.h"
#include "model/functionconfig.h"
#include "versions/aliasconfig.h"
#include "versions/publishedversion.h"

#include <nlohmann/json.hpp>

namespace Lwb {

class Engine;
struct HttpRequest;
class HttpResponder;

/**
 * The version and alias operations of the Lambda API (rest-json 2015-03-31) on an Engine:
 * PublishVersion, ListVersionsByFunction, CreateAlias, GetAlias, ListAliases, UpdateAlias and
 * DeleteAlias, with botocore's paths (a trailing '/' accepted), status codes, fields and error
 * shapes. `lwb local start-lambda` serves them through the "versions" engine extension, which
 * also opens the project's `.lwb/versions.git` as the engine's store. Stateless; use on the
 * engine's thread.
 */
class LWB_CORE_EXPORT VersionsApi
{
public:
    /** Answers @p request if it is one of the operations above; false leaves it to others. */
    static bool handle(Engine &engine, const HttpRequest &request, HttpResponder &responder);

    /** Lambda's FunctionConfiguration of a published version. */
    static nlohmann::ordered_json functionConfiguration(const Engine &engine,
                                                        const FunctionConfig &config,
                                                        const PublishedVersion &version);
    /** Lambda's FunctionConfiguration of $LATEST (CodeSha256 computed from the code folder). */
    static nlohmann::ordered_json latestConfiguration(const Engine &engine,
                                                      const FunctionConfig &config);
    /** Lambda's AliasConfiguration. */
    static nlohmann::ordered_json aliasConfiguration(const Engine &engine,
                                                     const AliasConfig &alias);
};

} // namespace Lwb
