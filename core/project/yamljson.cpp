// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/yamljson.h"

#include "project/yamlwriter.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <regex>

namespace Lwb::Internal {

namespace {

bool isUserTag(const std::string &tag)
{
    return tag.size() > 1 && tag[0] == '!' && tag.find('!', 1) == std::string::npos;
}

std::string stripUnderscores(std::string s)
{
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    return s;
}

bool needsQuotes(const std::string &text)
{
    if (text.empty()) {
        return true;
    }
    const nlohmann::json typed = YamlJson::plainScalar(text);
    return !typed.is_string();
}

} // namespace

nlohmann::json YamlJson::plainScalar(const std::string &text)
{
    static const std::regex nullRe("^(~|null|Null|NULL)?$");
    static const std::regex trueRe("^(yes|Yes|YES|true|True|TRUE|on|On|ON)$");
    static const std::regex falseRe("^(no|No|NO|false|False|FALSE|off|Off|OFF)$");
    static const std::regex decRe("^[-+]?(0|[1-9][0-9_]*)$");
    static const std::regex octRe("^[-+]?0[0-7_]+$");
    static const std::regex hexRe("^[-+]?0x[0-9a-fA-F_]+$");
    static const std::regex binRe("^[-+]?0b[01_]+$");
    static const std::regex floatRe("^[-+]?([0-9][0-9_]*\\.[0-9_]*|\\.[0-9_]+)([eE][-+][0-9]+)?$");

    if (std::regex_match(text, nullRe)) {
        return nullptr;
    }
    if (std::regex_match(text, trueRe)) {
        return true;
    }
    if (std::regex_match(text, falseRe)) {
        return false;
    }
    auto parseInt = [&](int base) -> nlohmann::json {
        std::string digits = stripUnderscores(text);
        bool negative = false;
        if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
            negative = digits[0] == '-';
            digits.erase(0, 1);
        }
        if (base == 16 || base == 2) {
            digits.erase(0, 2);
        }
        errno = 0;
        const long long value = std::strtoll(digits.c_str(), nullptr, base);
        if (errno == ERANGE) {
            return text;
        }
        return negative ? -value : value;
    };
    if (std::regex_match(text, decRe)) {
        return parseInt(10);
    }
    if (std::regex_match(text, octRe)) {
        return parseInt(8);
    }
    if (std::regex_match(text, hexRe)) {
        return parseInt(16);
    }
    if (std::regex_match(text, binRe)) {
        return parseInt(2);
    }
    if (std::regex_match(text, floatRe)) {
        return std::strtod(stripUnderscores(text).c_str(), nullptr);
    }
    return text;
}

std::string YamlJson::intrinsicName(const std::string &tag)
{
    const std::string name = tag.substr(1);
    if (name == "Ref" || name == "Condition") {
        return name;
    }
    return "Fn::" + name;
}

bool YamlJson::isIntrinsic(const YAML::Node &node)
{
    if (!node.IsDefined()) {
        return false;
    }
    if (isUserTag(node.Tag())) {
        return true;
    }
    if (node.IsMap() && node.size() == 1) {
        const YAML::Node key = node.begin()->first;
        if (key.IsScalar()) {
            const std::string &k = key.Scalar();
            return k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0;
        }
    }
    return false;
}

std::string YamlJson::describe(const YAML::Node &node)
{
    if (!node.IsDefined()) {
        return {};
    }
    if (isUserTag(node.Tag())) {
        if (node.IsScalar()) {
            return node.Tag() + " " + node.Scalar();
        }
        return node.Tag() + " " + toJson(node).begin().value().dump();
    }
    if (node.IsMap() && node.size() == 1) {
        return node.begin()->first.Scalar() + ": " + toJson(node.begin()->second).dump();
    }
    return toJson(node).dump();
}

nlohmann::json YamlJson::toJson(const YAML::Node &node)
{
    if (!node.IsDefined()) {
        return nullptr;
    }
    const std::string &tag = node.Tag();
    nlohmann::json value;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        value = nullptr;
        break;
    case YAML::NodeType::Scalar:
        if (tag == "?" || tag.empty()) {
            value = plainScalar(node.Scalar());
        } else {
            value = node.Scalar();
        }
        break;
    case YAML::NodeType::Sequence:
        value = nlohmann::json::array();
        for (const YAML::Node &item : node) {
            value.push_back(toJson(item));
        }
        break;
    case YAML::NodeType::Map:
        value = nlohmann::json::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.IsScalar() ? it->first.Scalar()
                                                         : YamlWriter::write(it->first);
            if (!value.contains(key)) { // duplicate keys: the first wins, as on lookup
                value[key] = toJson(it->second);
            }
        }
        break;
    }
    if (!isUserTag(tag)) {
        return value;
    }
    const std::string name = intrinsicName(tag);
    if (name == "Fn::GetAtt" && value.is_string()) {
        // !GetAtt Resource.Attribute — split at the first dot, as CloudFormation does.
        const std::string text = value.get<std::string>();
        const auto dot = text.find('.');
        if (dot != std::string::npos) {
            value = nlohmann::json::array({text.substr(0, dot), text.substr(dot + 1)});
        }
    }
    return nlohmann::json{{name, value}};
}

YAML::Node YamlJson::fromJson(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
        return YAML::Node(YAML::NodeType::Null);
    case nlohmann::json::value_t::boolean:
        return YAML::Node(value.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
        return YAML::Node(value.dump());
    case nlohmann::json::value_t::string: {
        const std::string text = value.get<std::string>();
        YAML::Node node(text);
        if (needsQuotes(text)) {
            node.SetTag("!");
        }
        return node;
    }
    case nlohmann::json::value_t::array: {
        YAML::Node node(YAML::NodeType::Sequence);
        for (const auto &item : value) {
            node.push_back(fromJson(item));
        }
        return node;
    }
    case nlohmann::json::value_t::object:
        break;
    case nlohmann::json::value_t::binary:
        return YAML::Node(YAML::NodeType::Null);
    }
    if (value.size() == 1) {
        const std::string key = value.begin().key();
        const nlohmann::json &arg = value.begin().value();
        std::string tag;
        if (key == "Ref") {
            tag = "!Ref";
        } else if (key.rfind("Fn::", 0) == 0 && key.size() > 4) {
            tag = "!" + key.substr(4);
        }
        if (!tag.empty()) {
            YAML::Node node;
            if (tag == "!GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string()
                && arg[1].is_string()) {
                node = YAML::Node(arg[0].get<std::string>() + "." + arg[1].get<std::string>());
            } else if (arg.is_string()) {
                node = YAML::Node(arg.get<std::string>());
            } else {
                node = fromJson(arg);
            }
            node.SetTag(tag);
            return node;
        }
    }
    YAML::Node node(YAML::NodeType::Map);
    for (auto it = value.begin(); it != value.end(); ++it) {
        node[it.key()] = fromJson(it.value());
    }
    return node;
}

} // namespace Lwb::Internal
