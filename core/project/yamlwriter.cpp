// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/yamlwriter.h"

namespace Lwb::Internal {

namespace {

constexpr std::string_view kCoreSchemaPrefix = "tag:yaml.org,2002:";

void writeTag(YAML::Emitter &out, const std::string &tag)
{
    // "?" is a plain untagged node, "!" a quoted (non-specific) scalar: neither is written.
    if (tag.empty() || tag == "?" || tag == "!") {
        return;
    }
    if (tag.rfind(kCoreSchemaPrefix, 0) == 0) {
        out << YAML::SecondaryTag(tag.substr(kCoreSchemaPrefix.size()));
    } else if (tag.size() > 1 && tag[0] == '!' && tag.find('!', 1) == std::string::npos) {
        out << YAML::LocalTag(tag.substr(1));
    } else {
        out << YAML::VerbatimTag(tag);
    }
}

// A literal block reloads to the same value only when the text ends in exactly one newline
// (the default "clip" chomping) and no line starts with a space that would be read as
// indentation.
bool fitsLiteralBlock(const std::string &value)
{
    if (value.size() < 2 || value.back() != '\n' || value[value.size() - 2] == '\n') {
        return false;
    }
    if (value.front() == ' ' || value.front() == '\t' || value.front() == '\n') {
        return false;
    }
    for (char c : value) {
        if (c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')) {
            return false;
        }
    }
    return true;
}

bool isSimpleWord(const std::string &value)
{
    if (value.empty()) {
        return false;
    }
    for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == '-' || c == ':' || c == '/';
        if (!ok) {
            return false;
        }
    }
    return true;
}

void writeNode(YAML::Emitter &out, const YAML::Node &node)
{
    if (!node.IsDefined()) {
        out << YAML::Null;
        return;
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        writeTag(out, node.Tag());
        out << YAML::Null;
        return;
    case YAML::NodeType::Scalar: {
        const std::string &tag = node.Tag();
        const std::string &value = node.Scalar();
        writeTag(out, tag);
        if (tag == "!") {
            // Quoted (or block) in the source: keep it a string whatever it looks like.
            if (value.find('\n') != std::string::npos && fitsLiteralBlock(value)) {
                out << YAML::Literal << value;
            } else {
                out << YAML::DoubleQuoted << value;
            }
        } else if (tag != "?" && !tag.empty() && !isSimpleWord(value)) {
            // A tagged scalar (!Sub "https://${Api}…") loses its quoting in yaml-cpp; quote
            // anything beyond a plain word, as people write these.
            out << YAML::DoubleQuoted << value;
        } else {
            // Plain in the source: the emitter keeps it plain unless it cannot be.
            out << value;
        }
        return;
    }
    case YAML::NodeType::Sequence:
        writeTag(out, node.Tag());
        if (node.Style() == YAML::EmitterStyle::Flow || node.size() == 0) {
            out << YAML::Flow;
        }
        out << YAML::BeginSeq;
        for (const YAML::Node &item : node) {
            writeNode(out, item);
        }
        out << YAML::EndSeq;
        return;
    case YAML::NodeType::Map:
        writeTag(out, node.Tag());
        if (node.Style() == YAML::EmitterStyle::Flow || node.size() == 0) {
            out << YAML::Flow;
        }
        out << YAML::BeginMap;
        for (auto it = node.begin(); it != node.end(); ++it) {
            out << YAML::Key;
            writeNode(out, it->first);
            out << YAML::Value;
            writeNode(out, it->second);
        }
        out << YAML::EndMap;
        return;
    }
}

} // namespace

std::string YamlWriter::write(const YAML::Node &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetOutputCharset(YAML::EmitNonAscii);
    writeNode(out, root);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n') {
        text += '\n';
    }
    return text;
}

} // namespace Lwb::Internal
