// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// \file
/// The one home of shape geometry (issue #16, #17): the typed shapes, the JSON stored in
/// Annotation::geometry, their measurements (length, area, IoU) and the px → mm calibration.
/// The canvas, the importers, the exporters, the demo and the engines all go through it, so a
/// drawn box and an imported box store the same fields.
///
/// Coordinates are image pixels (double), origin at the top-left corner of the decoded image.
/// Stored JSON, by kind:
///   box      {"x1":…, "y1":…, "x2":…, "y2":…}  corners ordered (x1 ≤ x2, y1 ≤ y2)
///   line     {"x1":…, "y1":…, "x2":…, "y2":…}  the two ends, in drawing order
///   polygon  {"points":[[x,y], …]}             at least 3 vertices, not closed (no repeat)
///   point    {"x":…, "y":…}
/// plus an optional "class": a writer's hint of the shape's class by name (multi-class detection
/// sets imported from COCO, VOC, …), which the store resolves into Annotation::classId.
///
/// Measurements, by kind: a line has a length (lengthPx, and lengthMm when calibrated) and no
/// area; a box and a polygon have an area in px² and no length; a point has neither. (The
/// window used to store a box's diagonal as its length, the importers 0; a box's measures are
/// its width and height, shown as such.)

namespace concord::core {

/// Two points: the ends of a line, or two opposite corners of a box.
struct Segment
{
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;
};

struct ShapePoint
{
    double x = 0.0;
    double y = 0.0;
};

struct BoxShape
{
    Segment corners; ///< ordered: x1 ≤ x2, y1 ≤ y2
};
struct LineShape
{
    Segment ends;
};
struct PolygonShape
{
    std::vector<ShapePoint> points;
};
struct PointShape
{
    ShapePoint at;
};
using Shape = std::variant<BoxShape, LineShape, PolygonShape, PointShape>;

AnnotationKind kindOf(const Shape &shape);

/// Calibration that applies to an image: its own px_per_mm when known, else the project's
/// default; 0 when neither is known (lengths then stay in pixels).
double effectivePxPerMm(const ImageRecord &image, const ProjectSettings &settings);

/// Pixels to millimetres, or nothing when the calibration is unknown (pxPerMm ≤ 0).
std::optional<double> pxToMm(double px, double pxPerMm);

/// Euclidean length of a segment in pixels.
double lengthPx(const Segment &s);

/// The corners ordered so that x1 ≤ x2 and y1 ≤ y2.
Segment ordered(const Segment &s);

/// Area in px² (box: width × height; polygon: the shoelace formula, absolute; else 0).
double areaPx(const Shape &shape);

/// Intersection over union of two boxes (0 when both are empty).
double boxIoU(const Segment &a, const Segment &b);

/// Distance between two points in pixels.
double distancePx(const ShapePoint &a, const ShapePoint &b);

/// The stored JSON of a shape; `ownClass` is written as "class" when not empty.
std::string encodeGeometry(const Shape &shape, const std::string &ownClass = {});

/// A shape read from its stored JSON. Error(Invalid) naming the field "geometry" when the
/// JSON is not the form of `kind` (above) or holds a number that is not finite.
Shape decodeGeometry(AnnotationKind kind, std::string_view json);

/// The shape of an annotation, or nothing for malformed geometry (never throws).
std::optional<Shape> shapeOf(const Annotation &a);

/// The two points of a box or a line, or nothing for other kinds or malformed geometry.
std::optional<Segment> segmentOf(const Annotation &a);

/// The class name the geometry carries ("class"), else nothing. This is only the hint a writer
/// that knows class names (an importer) leaves for the store, which turns it into the shape's
/// class (Annotation::classId) on write; read a stored shape's class from classId.
std::optional<std::string> ownClassOf(const Annotation &a);

/// An annotation of `shape` with its geometry and every measurement filled in (above); a box
/// is stored with ordered corners.
Annotation makeAnnotation(const Shape &shape, double pxPerMm, const std::string &ownClass = {});

/// A measuring line (the ends as given) with its length in px and mm.
Annotation makeLineAnnotation(const Segment &s, double pxPerMm);

/// A box (corners ordered) with its area.
Annotation makeBoxAnnotation(const Segment &s, double pxPerMm);

/// The annotation of the same kind with new points (after an edit), measurements recomputed;
/// its id, label and own class are kept.
Annotation withSegment(const Annotation &a, const Segment &s, double pxPerMm);

} // namespace concord::core
