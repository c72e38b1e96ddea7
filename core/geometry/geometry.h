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
/// its id, label, class (classId) and own-class hint are kept.
Annotation withSegment(const Annotation &a, const Segment &s, double pxPerMm);

/// The annotation with `shape` as its geometry (after an edit: a vertex dragged, the shape
/// moved), measurements recomputed; its id, label, class (classId) and own-class hint are kept.
/// The kind becomes the shape's.
Annotation withShape(const Annotation &a, const Shape &shape, double pxPerMm);

/// Area in px² as mm² (px² / pxPerMm²), or nothing when the calibration is unknown.
std::optional<double> pxAreaToMm2(double areaPx2, double pxPerMm);

/// The smallest box holding the shape, corners ordered (a point: an empty box at it; a
/// polygon without vertices: an empty box at the origin).
Segment boundsOf(const Shape &shape);

/// The points a person grabs to reshape a shape, in this order: a box's stored corners
/// (x1, y1) and (x2, y2), then (x2, y1) and (x1, y2); a line's two ends; a polygon's vertices;
/// a point itself.
std::vector<ShapePoint> handlesOf(const Shape &shape);

/// The shape with handle `handle` (handlesOf() order) moved to `to`. A box keeps the corner
/// opposite the one dragged, and may come out with its corners unordered (x1 > x2) while it
/// is dragged; encodeGeometry() and areaPx() order them. Unchanged for a handle out of range.
Shape withHandleMoved(const Shape &shape, std::size_t handle, const ShapePoint &to);

/// The shape moved by (dx, dy) pixels.
Shape translated(const Shape &shape, double dx, double dy);

} // namespace concord::core
