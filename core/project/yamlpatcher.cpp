// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/yamlpatcher.h"

#include "project/yamljson.h"
#include "project/yamlwriter.h"

#include <algorithm>
#include <climits>
#include <exception>
#include <map>
#include <set>
#include <vector>

namespace Lwb::Internal {

namespace {

// The original text as lines without their terminators; joined again with the same line
// ending, so that untouched lines come out byte for byte.
struct Lines
{
    std::vector<std::string> lines;
    std::string eol = "\n";
    bool finalNewline = false;

    static Lines split(const std::string &text)
    {
        Lines out;
        size_t start = 0;
        while (start < text.size()) {
            const size_t nl = text.find('\n', start);
            if (nl == std::string::npos) {
                out.lines.push_back(text.substr(start));
                break;
            }
            out.lines.push_back(text.substr(start, nl - start));
            start = nl + 1;
            out.finalNewline = start == text.size();
        }
        const size_t terminated = out.finalNewline ? out.lines.size() : out.lines.size() - 1;
        bool crlf = terminated > 0 && !out.lines.empty();
        for (size_t i = 0; crlf && i < terminated; ++i) {
            crlf = !out.lines[i].empty() && out.lines[i].back() == '\r';
        }
        if (crlf) {
            out.eol = "\r\n";
            for (size_t i = 0; i < terminated; ++i) {
                out.lines[i].pop_back();
            }
        }
        return out;
    }

    std::string join() const
    {
        std::string text;
        for (size_t i = 0; i < lines.size(); ++i) {
            text += lines[i];
            if (i + 1 < lines.size() || finalNewline) {
                text += eol;
            }
        }
        return text;
    }
};

bool isBlank(const std::string &line)
{
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

bool isComment(const std::string &line)
{
    const size_t first = line.find_first_not_of(" \t");
    return first != std::string::npos && line[first] == '#';
}

bool isContent(const std::string &line)
{
    return !isBlank(line) && !isComment(line);
}

bool onlySpaces(const std::string &text)
{
    return text.find_first_not_of(' ') == std::string::npos;
}

// No tag beyond "plain" or "quoted": a map we may patch key by key.
bool untagged(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    return tag.empty() || tag == "?" || tag == "!";
}

// The comment at the end of @p line ("  # MB"), with the blanks before it; quoted scalars
// from @p from on are skipped, so a '#' inside quotes is not taken for one.
std::string trailingComment(const std::string &line, size_t from)
{
    char quote = 0;
    bool tokenStart = true;
    for (size_t i = from; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '\'') {
            if (c == '\'') {
                if (i + 1 < line.size() && line[i + 1] == '\'') {
                    ++i;
                } else {
                    quote = 0;
                }
            }
            continue;
        }
        if (quote == '"') {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                quote = 0;
            }
            continue;
        }
        if (c == '#' && i > from && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
            size_t start = i;
            while (start > from && (line[start - 1] == ' ' || line[start - 1] == '\t')) {
                --start;
            }
            std::string comment = line.substr(start);
            if (!comment.empty() && comment.back() == '\r') {
                comment.pop_back();
            }
            return comment;
        }
        if ((c == '\'' || c == '"') && tokenStart) {
            quote = c;
        }
        tokenStart = c == ' ' || c == '\t' || c == ':' || c == '-' || c == '[' || c == '{' ||
                     c == ',' || c == '?';
    }
    return {};
}

struct Entry
{
    std::string key;
    YAML::Node keyNode;
    YAML::Node value;
    int line = -1;
    int column = -1;
    int last = -1; ///< the entry's last content line
};

// The entries of a map with scalar, distinct keys; false for anything else.
bool entriesOf(const YAML::Node &map, std::vector<Entry> *out)
{
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar() || !seen.insert(it->first.Scalar()).second) {
            return false;
        }
        Entry e;
        e.key = it->first.Scalar();
        e.keyNode = it->first;
        e.value = it->second;
        e.line = it->first.Mark().line;
        e.column = it->first.Mark().column;
        out->push_back(e);
    }
    return true;
}

class Patcher
{
public:
    // Replaces lines [first, last] (an insertion before first when last < first).
    struct Edit
    {
        int first = 0;
        int last = -1;
        std::vector<std::string> lines;
    };

    explicit Patcher(const Lines &text) : m_text(text) {}

    // Patches the map @p orig whose text lies in lines [regionStart, regionEnd].
    bool patchMap(const YAML::Node &orig, const YAML::Node &edited, int regionStart, int regionEnd,
                  int depth, std::vector<Edit> *out) const
    {
        if (!orig.IsMap() || orig.Style() == YAML::EmitterStyle::Flow || orig.size() == 0 ||
            !edited.IsMap() || edited.size() == 0) {
            return false;
        }
        std::vector<Entry> origEntries;
        std::vector<Entry> editedEntries;
        if (!entriesOf(orig, &origEntries) || !entriesOf(edited, &editedEntries)) {
            return false;
        }
        const int column = origEntries.front().column;
        const auto &lines = m_text.lines;
        std::map<std::string, size_t> origIndex;
        for (size_t i = 0; i < origEntries.size(); ++i) {
            Entry &e = origEntries[i];
            if (e.column != column || e.line < 0 || e.line >= int(lines.size()) ||
                (i > 0 && e.line <= origEntries[i - 1].line) ||
                int(lines[size_t(e.line)].size()) < column) {
                return false;
            }
            const int bound = i + 1 < origEntries.size() ? origEntries[i + 1].line - 1 : regionEnd;
            e.last = lastContent(e.line, std::min(bound, int(lines.size()) - 1));
            origIndex[e.key] = i;
        }
        std::map<std::string, size_t> editedIndex;
        for (size_t i = 0; i < editedEntries.size(); ++i) {
            editedIndex[editedEntries[i].key] = i;
        }
        // Keys both sides have must keep their order: we only replace, delete and insert.
        std::vector<std::string> commonInOrig;
        std::vector<std::string> commonInEdited;
        for (const Entry &e : origEntries) {
            if (editedIndex.count(e.key)) {
                commonInOrig.push_back(e.key);
            }
        }
        for (const Entry &e : editedEntries) {
            if (origIndex.count(e.key)) {
                commonInEdited.push_back(e.key);
            }
        }
        if (commonInOrig != commonInEdited) {
            return false;
        }

        std::vector<Edit> edits;
        for (size_t i = 0; i < origEntries.size(); ++i) {
            const Entry &e = origEntries[i];
            const std::string prefix = lines[size_t(e.line)].substr(0, size_t(column));
            const auto found = editedIndex.find(e.key);
            if (found == editedIndex.end()) {
                if (!onlySpaces(prefix)) {
                    return false; // the first key after "- ": deleting it would break the item
                }
                edits.push_back(removal(origEntries, i, regionStart));
                continue;
            }
            const YAML::Node &value = editedEntries[found->second].value;
            if (YamlPatcher::equivalent(e.value, value)) {
                continue;
            }
            if (depth > 0 && canDescend(e, value)) {
                std::vector<Edit> inner;
                if (patchMap(e.value, value, e.line + 1, e.last, depth - 1, &inner)) {
                    edits.insert(edits.end(), inner.begin(), inner.end());
                    continue;
                }
            }
            edits.push_back({e.line, e.last,
                             entryLines(editedEntries[found->second].keyNode, value, column, prefix,
                                        trailingComment(lines[size_t(e.line)], size_t(column)))});
        }

        // Added keys go after the entry that precedes them in the edited map.
        int anchor = -1;
        std::vector<std::string> pending;
        auto flush = [&]() {
            if (pending.empty()) {
                return true;
            }
            int at = 0;
            if (anchor < 0) {
                const Entry &first = origEntries.front();
                if (!onlySpaces(lines[size_t(first.line)].substr(0, size_t(column)))) {
                    return false;
                }
                at = first.line;
            } else {
                at = origEntries[size_t(anchor)].last + 1;
            }
            edits.push_back({at, at - 1, pending});
            pending.clear();
            return true;
        };
        for (const Entry &e : editedEntries) {
            const auto found = origIndex.find(e.key);
            if (found == origIndex.end()) {
                const std::vector<std::string> added =
                    entryLines(e.keyNode, e.value, column, std::string(size_t(column), ' '), {});
                pending.insert(pending.end(), added.begin(), added.end());
                continue;
            }
            if (!flush()) {
                return false;
            }
            anchor = int(found->second);
        }
        if (!flush()) {
            return false;
        }
        out->insert(out->end(), edits.begin(), edits.end());
        return true;
    }

    std::string apply(std::vector<Edit> edits) const
    {
        // Bottom-up, so that earlier line numbers stay valid. At one position: removals
        // before insertions, and an outer map's insertion before an inner one's (edits of
        // inner maps come first in the list), so that the inner map's new keys end up above.
        std::vector<size_t> order(edits.size());
        for (size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            if (edits[a].first != edits[b].first) {
                return edits[a].first > edits[b].first;
            }
            if (edits[a].last != edits[b].last) {
                return edits[a].last > edits[b].last;
            }
            return a > b;
        });
        Lines result = m_text;
        for (size_t index : order) {
            const Edit &edit = edits[index];
            auto begin = result.lines.begin() + edit.first;
            begin = result.lines.erase(begin, begin + (edit.last - edit.first + 1));
            result.lines.insert(begin, edit.lines.begin(), edit.lines.end());
        }
        return result.join();
    }

private:
    int lastContent(int first, int bound) const
    {
        for (int i = bound; i > first; --i) {
            if (isContent(m_text.lines[size_t(i)])) {
                return i;
            }
        }
        return first;
    }

    // A removed entry takes the comment lines right above it along, and one of the blank
    // lines around it, so that no double gap is left.
    Edit removal(const std::vector<Entry> &entries, size_t index, int regionStart) const
    {
        const auto &lines = m_text.lines;
        const Entry &e = entries[index];
        int first = e.line;
        {
            const int floor = index > 0 ? entries[index - 1].last + 1 : regionStart;
            while (first - 1 >= floor && isComment(lines[size_t(first - 1)]) &&
                   int(lines[size_t(first - 1)].find('#')) == e.column) {
                --first;
            }
            const bool blankAfter =
                e.last + 1 >= int(lines.size()) || isBlank(lines[size_t(e.last + 1)]);
            if (first - 1 >= floor && isBlank(lines[size_t(first - 1)]) && blankAfter) {
                --first;
            }
        }
        return {first, e.last, {}};
    }

    static bool canDescend(const Entry &e, const YAML::Node &edited)
    {
        return e.value.IsMap() && e.value.Style() != YAML::EmitterStyle::Flow &&
               e.value.size() > 0 && edited.IsMap() && untagged(e.value) && untagged(edited) &&
               e.value.begin()->first.Mark().line > e.line;
    }

    // "key: value" as YamlWriter writes it, at @p column; the first line starts with @p prefix
    // (spaces, or the "- " of a sequence item) and ends with the kept @p comment.
    static std::vector<std::string> entryLines(const YAML::Node &key, const YAML::Node &value,
                                               int column, const std::string &prefix,
                                               const std::string &comment)
    {
        YAML::Node map(YAML::NodeType::Map);
        map.force_insert(key, value);
        const Lines written = Lines::split(YamlWriter::write(map));
        std::vector<std::string> out;
        for (const std::string &line : written.lines) {
            if (out.empty()) {
                out.push_back(prefix + line + comment);
            } else if (line.empty()) {
                out.push_back(line);
            } else {
                out.push_back(std::string(size_t(column), ' ') + line);
            }
        }
        return out;
    }

    const Lines &m_text;
};

bool reloadsTo(const std::string &text, const YAML::Node &edited)
{
    try {
        return YamlPatcher::equivalent(YAML::Load(text), edited);
    } catch (const std::exception &) {
        return false;
    }
}

// The last line of the first document (before a "---" or "..." marker that ends it).
int documentEnd(const Lines &text, int firstLine)
{
    for (size_t i = size_t(std::max(firstLine, 0)) + 1; i < text.lines.size(); ++i) {
        const std::string &line = text.lines[i];
        if ((line.rfind("---", 0) == 0 || line.rfind("...", 0) == 0) &&
            (line.size() == 3 || line[3] == ' ' || line[3] == '\t')) {
            return int(i) - 1;
        }
    }
    return int(text.lines.size()) - 1;
}

} // namespace

bool YamlPatcher::equivalent(const YAML::Node &a, const YAML::Node &b)
{
    return YamlJson::toJson(a) == YamlJson::toJson(b);
}

std::string YamlPatcher::patch(const std::string &original, const YAML::Node &edited)
{
    try {
        const YAML::Node orig = YAML::Load(original);
        if (equivalent(orig, edited)) {
            return original;
        }
        if (orig.IsMap() && orig.size() > 0) {
            const Lines text = Lines::split(original);
            const Patcher patcher(text);
            const int end = documentEnd(text, orig.begin()->first.Mark().line);
            // Finest first; then whole resources, then whole top-level sections.
            for (const int depth : {INT_MAX, 1, 0}) {
                std::vector<Patcher::Edit> edits;
                // The root's first key: comments above it are the file's, not the key's.
                if (!patcher.patchMap(orig, edited, orig.begin()->first.Mark().line, end, depth,
                                      &edits)) {
                    break;
                }
                const std::string patched = patcher.apply(edits);
                if (reloadsTo(patched, edited)) {
                    return patched;
                }
            }
        }
    } catch (const std::exception &) {
        // Unparsable original: nothing to patch.
    }
    return YamlWriter::write(edited);
}

} // namespace Lwb::Internal
