// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>
#include <string>
#include <string_view>

/// \file
/// How both backends write a shape's class (Annotation::classId, schema 4): the id when set,
/// else the class the geometry names, else the label's (or check's) class. The lookup of the
/// name and the fallback run in the INSERT itself, so a save stays one statement per shape.

namespace concord::core::store_detail {

/// The class name a shape's stored geometry names ("class", core/geometry), or nothing when
/// it names none or the geometry is not a JSON object (never throws).
std::optional<std::string> geometryClassHint(std::string_view geometry);

/// A class id to bind: nothing (NULL) for 0.
inline std::optional<Id> boundClass(Id id)
{
    return id != 0 ? std::optional<Id>(id) : std::nullopt;
}

} // namespace concord::core::store_detail
