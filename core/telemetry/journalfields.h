// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading a journal record's optional data fields: telemetry must cope with records written
// by any version of the engine, so every field may be absent or of another type.

#include <QtCore/QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace Lwb::JournalFields {

inline QString string(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_string()) {
        return QString::fromStdString(it->get<std::string>());
    }
    return {};
}

inline std::optional<double> number(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_number()) {
        return it->get<double>();
    }
    return std::nullopt;
}

inline std::optional<bool> boolean(const nlohmann::json &data, const char *key)
{
    const auto it = data.find(key);
    if (it != data.end() && it->is_boolean()) {
        return it->get<bool>();
    }
    return std::nullopt;
}

/** The alias or version the caller named ("qualifier", else "alias"); empty for $LATEST. */
inline QString qualifier(const nlohmann::json &data)
{
    QString q = string(data, "qualifier");
    if (q.isEmpty()) {
        q = string(data, "alias");
    }
    return q == QStringLiteral("$LATEST") ? QString() : q;
}

} // namespace Lwb::JournalFields
