// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// \file
/// The measured attributes of one object (issue #17, docs/RULES.md "Object rules"): what an
/// object rule reads and what the object cluster finders group by. Computed here only, from
/// the shape and its image, so a rule, a cluster and the window show the same number.
///
///   kind               text: box, line, polygon, point
///   length_px, _mm     line: its length; box and polygon: the longer side of the bounding box
///   width_px, _mm      the bounding box's width (a line's too); height_px, _mm likewise
///   area_px, area_mm2  box and polygon (shoelace); a line and a point have none
///   aspect             box and polygon: longer / shorter side of the bounding box (≥ 1)
///   border_px, _mm     the distance from the bounding box to the nearest image border (0 when
///                      it touches or crosses it)
/// Millimetre values exist only when the image is calibrated (pxPerMm > 0); a value that does
/// not exist is absent, so a rule that reads it cannot decide that object.

namespace concord::core {

/// The names above, in that order.
const std::vector<std::string> &objectAttributeNames();

/// True for a name above whose value is a text (only "kind").
bool isTextObjectAttribute(std::string_view name);

/// The attributes of `shape` on an image of `width` × `height` pixels at `pxPerMm`.
std::vector<std::pair<std::string, AttrValue>> objectAttributes(const Shape &shape, int width, int height,
                                                                double pxPerMm);

} // namespace concord::core
