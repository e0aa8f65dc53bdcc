// SPDX-FileCopyrightText: 2026 Lambda Workbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <utility>

namespace Lwb {

namespace Internal {
inline void addJsonFields(nlohmann::json &) {}
template<typename Value, typename... Rest>
void addJsonFields(nlohmann::json &object, const char *key, Value &&value, Rest &&...rest)
{
    object.emplace(key, std::forward<Value>(value));
    addJsonFields(object, std::forward<Rest>(rest)...);
}
} // namespace Internal

/**
 * A JSON object from key, value, key, value…: what {{"key", value}, …} builds, without
 * nlohmann's initializer-list detour (every pair a two-element array first, then copied).
 * For the objects built on every invocation: journal records, gateway events.
 */
template<typename... KeyValues>
nlohmann::json jsonObject(KeyValues &&...keyValues)
{
    static_assert(sizeof...(KeyValues) % 2 == 0, "jsonObject takes key, value pairs");
    nlohmann::json object = nlohmann::json::object();
    Internal::addJsonFields(object, std::forward<KeyValues>(keyValues)...);
    return object;
}

} // namespace Lwb
