// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/shapeclass_p.h"

#include <nlohmann/json.hpp>

namespace concord::core::store_detail {

std::optional<std::string> geometryClassHint(std::string_view geometry)
{
    // Cheap test first: almost every shape a person draws names no class.
    if (geometry.find("\"class\"") == std::string_view::npos)
        return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(geometry, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
        return std::nullopt;
    const auto it = j.find("class");
    if (it == j.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

} // namespace concord::core::store_detail
