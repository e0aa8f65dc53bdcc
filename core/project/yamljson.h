// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to lwb_core: includes yaml-cpp, which must stay out of public headers.
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>

namespace Lwb::Internal {

/**
 * Converts between yaml-cpp nodes and CloudFormation's JSON form. Plain scalars are typed the
 * way PyYAML (which SAM uses) types them: true/yes/on are booleans, 12 an integer, 1.5 a
 * float, null/~ null; quoted scalars are always strings. Short-form intrinsics become their
 * long form ({"Ref": "X"}, {"Fn::GetAtt": ["A", "B"]}, {"Fn::Sub": …}); fromJson() turns the
 * long form back into short tags.
 */
class YamlJson
{
public:
    static nlohmann::json toJson(const YAML::Node &node);
    static YAML::Node fromJson(const nlohmann::json &value);

    /** The typed value of a plain scalar's text (PyYAML 1.1 rules). */
    static nlohmann::json plainScalar(const std::string &text);

    /** The CloudFormation function name for a short tag: "!Ref" → "Ref", "!Sub" → "Fn::Sub". */
    static std::string intrinsicName(const std::string &tag);

    /** True for a tag like !Ref/!Sub, or a map whose only key is Ref, Condition or Fn::*. */
    static bool isIntrinsic(const YAML::Node &node);

    /** A short human form of an intrinsic for messages, e.g. "!GetAtt Table.Arn". */
    static std::string describe(const YAML::Node &node);
};

} // namespace Lwb::Internal
