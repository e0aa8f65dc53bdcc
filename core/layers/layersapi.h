// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "layers/layerstore.h"
#include "lwb_core_export.h"

#include <nlohmann/json.hpp>

namespace Lwb {

struct HttpRequest;
class HttpResponder;

/**
 * The layer operations of the Lambda API (rest-json, 2018-10-31 paths) on a LayerStore:
 * PublishLayerVersion (Content.ZipFile, base64 in JSON), GetLayerVersion,
 * GetLayerVersionByArn, ListLayers, ListLayerVersions and DeleteLayerVersion, with botocore's
 * paths (a trailing '/' accepted), status codes, fields and error shapes. `lwb local
 * start-lambda` serves them through the "layers" engine extension, which keeps the store in
 * `<project>/.lwb/layers` and makes the engine mount layers named by ARN. Stateless; use on the
 * engine's thread.
 */
class LWB_CORE_EXPORT LayersApi
{
public:
    /** Largest PublishLayerVersion request Lambda accepts (a 50 MB zip, base64 in JSON). */
    static constexpr qint64 kMaxRequestBytes = 70167211;

    /** Answers @p request if it is one of the operations above; false leaves it to others. */
    static bool handle(LayerStore &store, const HttpRequest &request, HttpResponder &responder);

    /** GetLayerVersion's and PublishLayerVersion's answer. */
    static nlohmann::ordered_json layerVersion(const LayerStore &store,
                                               const LayerVersion &version);
    /** One LayerVersionsListItem (ListLayerVersions, ListLayers' LatestMatchingVersion). */
    static nlohmann::ordered_json listItem(const LayerStore &store, const LayerVersion &version);
};

} // namespace Lwb
