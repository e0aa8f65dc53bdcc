// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to lwb_core: includes yaml-cpp, which must stay out of public headers.
#include <yaml-cpp/yaml.h>

#include <string>

namespace Lwb::Internal {

/**
 * Writes a yaml-cpp node tree back as YAML text that reloads to the same tree: short-form
 * intrinsic tags (!Ref, !Sub …) are written as local tags (yaml-cpp's own emitter writes
 * them as verbatim "!<!Ref>"), scalars that were quoted stay quoted (so "128" stays a string)
 * and multi-line strings are written as literal blocks. Comments and anchors are not kept:
 * yaml-cpp's node API does not record them.
 */
class YamlWriter
{
public:
    static std::string write(const YAML::Node &root);
};

} // namespace Lwb::Internal
