// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/agreement: the geometry of the shapes that agreement on objects matches
// (objectagreement.cpp): boxes, simple polygons by their exact outline, lines, points.

#include "core/agreement/objectagreement.h"

#include <array>
#include <span>
#include <vector>

namespace concord::core::objectshapes {

/// A triangle of a polygon's fan, counter-clockwise, with the sign of its orientation in the
/// fan and its bounding box.
struct FanTriangle
{
    std::array<ObjectVertex, 3> v;
    double sign = 1.0;
    double x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0;
};

/// A shape ready for matching: ordered box corners or a polygon's bounding box, its area, a
/// polygon's fan.
struct Prepared
{
    ObjectKind kind = ObjectKind::Box;
    std::int32_t cls = 0;
    ObjectVertex p1, p2; ///< box: ordered corners (also a polygon's bounding box); line: ends; point: p1
    double area = 0.0;
    bool exact = false; ///< a polygon matched by its own outline (else by its box, or area 0)
    bool byBoundingBox = false;
    std::vector<FanTriangle> fan;
};

double distance(const ObjectVertex &a, const ObjectVertex &b);
/// The outline without repeated vertices is simple: at least three vertices, some area, and no
/// two edges meeting except neighbours at their shared vertex.
bool isSimpleOutline(std::span<const ObjectVertex> points);
Prepared prepare(const ObjectShape &s);
/// IoU of two boxes or two polygons; NaN for other kinds or different kinds.
double preparedIoU(const Prepared &a, const Prepared &b);
/// Lines: the mean distance of the ends, in the orientation (as drawn or reversed) where both
/// ends are within d and the mean is smaller; NaN when neither orientation has both within d.
double lineDistance(const Prepared &a, const Prepared &b, double d);

} // namespace concord::core::objectshapes
