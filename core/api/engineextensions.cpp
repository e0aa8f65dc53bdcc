// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineextensions.h"

#include <algorithm>

namespace Lwb {

namespace {

std::vector<EngineExtensions::Extension> &registry()
{
    static std::vector<EngineExtensions::Extension> extensions;
    return extensions;
}

} // namespace

void EngineExtensions::add(Extension extension)
{
    std::vector<Extension> &extensions = registry();
    extensions.push_back(std::move(extension));
    std::stable_sort(extensions.begin(), extensions.end(),
                     [](const Extension &a, const Extension &b) { return a.order < b.order; });
}

const std::vector<EngineExtensions::Extension> &EngineExtensions::all()
{
    return registry();
}

void EngineExtensions::attachAll(Engine &engine, const EngineExtensionContext &context)
{
    for (const Extension &extension : registry()) {
        if (extension.attach) {
            extension.attach(engine, context);
        }
    }
}

void EngineExtensions::attachAllApi(InvokeApiServer &server, const EngineExtensionContext &context)
{
    for (const Extension &extension : registry()) {
        if (extension.attachApi) {
            extension.attachApi(server, context);
        }
    }
}

} // namespace Lwb
