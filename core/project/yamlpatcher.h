// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to lwb_core: includes yaml-cpp, which must stay out of public headers.
#include <yaml-cpp/yaml.h>

#include <string>

namespace Lwb::Internal {

/**
 * Saves an edited YAML tree by patching the text it was loaded from, so that comments, blank
 * lines, anchors, quoting and folded scalars outside the edited entries stay byte for byte.
 *
 * The original text is parsed again (yaml-cpp gives each key's line and column) and compared
 * with the edited tree in CloudFormation's JSON form. In block mappings, a changed entry's
 * lines (from its key line to its last content line before the next key) are replaced with
 * YamlWriter's text at the key's column — or, when both sides are block mappings, patched
 * recursively —, removed keys' lines are deleted and added keys are inserted after the entry
 * that precedes them at the mapping's indentation. A trailing comment on a rewritten key line
 * is kept. What cannot be placed (flow collections, JSON documents, keys after "- ",
 * duplicate or complex keys) is replaced as part of the nearest enclosing block entry.
 *
 * The patched text is parsed again and must equal the edited tree; if it does not, a coarser
 * patch (whole top-level sections) is tried, and in the end YamlWriter's full rewrite.
 * Stateless.
 */
class YamlPatcher
{
public:
    /** The text of @p edited, written as @p original with only the differing entries changed. */
    static std::string patch(const std::string &original, const YAML::Node &edited);

    /** True when @p a and @p b are the same document in CloudFormation's JSON form. */
    static bool equivalent(const YAML::Node &a, const YAML::Node &b);
};

} // namespace Lwb::Internal
