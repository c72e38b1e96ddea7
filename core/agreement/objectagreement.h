// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/bootstrap.h"
#include "core/agreement/coverage.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

/// \file
/// Agreement per object (issue #17, docs/AGREEMENT.md "Agreement on objects"): for every image
/// and every pair of labelers who both labeled it, their shapes are matched one to one and the
/// matches pooled into F1, mean IoU, per-labeler misses and extras, and class agreement.
/// Pure: no store, no geometry JSON (core/project/project_objects.h reads a project, objectcsv.h
/// a CSV). Coordinates are image pixels.

namespace concord::core {

/// The kinds of shape; shapes of different kinds never match.
enum class ObjectKind : std::uint8_t
{
    Box,
    Line,
    Polygon,
    Point
};

struct ObjectVertex
{
    double x = 0.0;
    double y = 0.0;
};

/// One shape one labeler drew on one image, with its class (an index into ObjectTable's
/// classes).
struct ObjectShape
{
    ObjectKind kind = ObjectKind::Box;
    std::int32_t cls = 0;
    /// Box: two opposite corners, in any order. Line: its two ends. Point: one vertex.
    /// Polygon: at least three vertices, not closed (the first is not repeated).
    std::vector<ObjectVertex> points;

    static ObjectShape box(std::int32_t cls, double x1, double y1, double x2, double y2);
    static ObjectShape line(std::int32_t cls, double x1, double y1, double x2, double y2);
    static ObjectShape point(std::int32_t cls, double x, double y);
    static ObjectShape polygon(std::int32_t cls, std::vector<ObjectVertex> points);
};

/// The shapes of every (image, labeler) who labeled the image. A labeler who labeled an image
/// and drew nothing is there with no shapes (markLabeled): all the other labeler's shapes on
/// it are then misses. Names get indices in order of first appearance.
class ObjectTable
{
public:
    /// What one labeler drew on one image.
    struct Drawing
    {
        std::int32_t labeler = 0;
        std::vector<ObjectShape> shapes;
    };

    std::int32_t item(std::string_view name);
    std::int32_t labeler(std::string_view name);
    std::int32_t cls(std::string_view name);

    /// Records that `labeler` labeled `item`, whether or not they drew anything on it.
    void markLabeled(std::int32_t item, std::int32_t labeler);
    /// Adds a shape (and marks the image labeled by the labeler). Throws Error(Invalid) for a
    /// shape with the wrong number of points for its kind, a non-finite coordinate or a class
    /// index out of range.
    void add(std::int32_t item, std::int32_t labeler, ObjectShape shape);

    std::int32_t itemCount() const noexcept { return static_cast<std::int32_t>(m_itemNames.size()); }
    std::int32_t labelerCount() const noexcept { return static_cast<std::int32_t>(m_labelerNames.size()); }
    std::int32_t classCount() const noexcept { return static_cast<std::int32_t>(m_classNames.size()); }
    std::int64_t shapeCount() const noexcept { return m_shapes; }
    const std::vector<std::string> &itemNames() const noexcept { return m_itemNames; }
    const std::vector<std::string> &labelerNames() const noexcept { return m_labelerNames; }
    const std::vector<std::string> &classNames() const noexcept { return m_classNames; }
    /// The labelers of an image with their shapes, in order of first appearance.
    const std::vector<Drawing> &drawingsOf(std::int32_t item) const;

private:
    Drawing &drawing(std::int32_t item, std::int32_t labeler);

    std::vector<std::string> m_itemNames;
    std::vector<std::string> m_labelerNames;
    std::vector<std::string> m_classNames;
    std::unordered_map<std::string, std::int32_t> m_itemIndex;
    std::unordered_map<std::string, std::int32_t> m_labelerIndex;
    std::unordered_map<std::string, std::int32_t> m_classIndex;
    std::vector<std::vector<Drawing>> m_drawings; ///< per item
    std::int64_t m_shapes = 0;
};

/// How shapes are matched and what is reported.
struct ObjectAgreementOptions
{
    /// t: a box or polygon pair is a candidate match when its IoU ≥ t (0 < t ≤ 1). The
    /// per-labeler figures, mean_matched_iou, `f1` and the class κ use t; f1_iou50 and f1_iou75
    /// always use 0.5 and 0.75.
    double iou = 0.5;
    /// d: two points, or two lines' ends, are close enough to match within d pixels (d ≥ 0).
    double distancePx = 10.0;
    /// The images of the whole project for the "too few compared" test (0: the table's items).
    std::int64_t totalItems = 0;
    /// The interval of f1_iou50, over compared images (resamples = 0: none).
    BootstrapOptions bootstrap;
    /// Worker threads for the matching (0: all cores); results do not depend on it.
    unsigned threads = 0;
};

/// One matched pair: shape `a` of the first list with shape `b` of the second. `iou` for boxes
/// and polygons (NaN for lines and points), `distance` in pixels for lines (the mean of the two
/// end distances) and points (NaN for boxes and polygons).
struct ObjectMatch
{
    std::int32_t a = 0;
    std::int32_t b = 0;
    double iou = std::numeric_limits<double>::quiet_NaN();
    double distance = std::numeric_limits<double>::quiet_NaN();
};

/// Intersection over union of two boxes, or of two polygons; NaN for any other pair of kinds.
/// Error(Invalid) for a shape ObjectTable::add() would refuse (matchObjects() too).
/// A box with zero area has IoU 0 with everything (also with itself). A polygon whose edges
/// cross (isSimplePolygon false) is taken as its bounding box, on both sides of the pair.
double objectIoU(const ObjectShape &a, const ObjectShape &b);

/// True when no two edges of the polygon touch except neighbours at their shared vertex (and
/// the polygon has at least three vertices and a non-zero area).
bool isSimplePolygon(std::span<const ObjectVertex> points);

/// The one-to-one matching of two labelers' shapes on one image (docs/AGREEMENT.md): only
/// shapes of one kind, and with `classAware` of one class, can match. Boxes and polygons: the
/// assignment of maximum total IoU among pairs with IoU ≥ `iouThreshold` (on a tie in total
/// IoU, the one with more matches). Lines and points: the most pairs within `distancePx`, and
/// among those the least total distance. Solved exactly (Hungarian algorithm, per connected
/// group of candidate pairs). Matches are in order of `a`.
std::vector<ObjectMatch> matchObjects(std::span<const ObjectShape> a, std::span<const ObjectShape> b,
                                      double iouThreshold, double distancePx, bool classAware = true);

/// Per labeler, pooled over the image-pairs they are part of (at t).
struct ObjectLabelerAgreement
{
    std::int32_t labeler = 0;
    std::int64_t images = 0;   ///< images the labeler labeled
    std::int64_t shapes = 0;   ///< shapes drawn on them
    std::int64_t compared = 0; ///< Σ over image-pairs with the labeler of their own shapes
    std::int64_t matched = 0;  ///< Σ over image-pairs of matches
    double matchedShare = std::numeric_limits<double>::quiet_NaN(); ///< matched / compared
    std::int64_t misses = 0; ///< Σ over image-pairs of the other's shapes left unmatched
    std::int64_t extras = 0; ///< Σ over image-pairs of the labeler's own shapes left unmatched
};

/// The object figures of docs/AGREEMENT.md, "Agreement on objects". Undefined figures are NaN.
struct ObjectAgreement
{
    double iou = 0.5;         ///< t
    double distancePx = 10.0; ///< d
    std::int64_t images = 0;  ///< images in the table
    std::int32_t labelers = 0;
    std::int64_t shapes = 0;
    Coverage coverage;             ///< compared images (two or more labelers) of the total
    std::int64_t imagePairs = 0;   ///< Σ over images of C(labelers of the image, 2)
    std::int64_t pairedShapes = 0; ///< Σ over image-pairs of |A| + |B|
    std::int64_t matchesIou50 = 0;
    std::int64_t matchesIou75 = 0;
    std::int64_t matches = 0; ///< at t
    double f1Iou50 = std::numeric_limits<double>::quiet_NaN();
    double f1Iou75 = std::numeric_limits<double>::quiet_NaN();
    double f1 = std::numeric_limits<double>::quiet_NaN(); ///< at t
    ConfidenceInterval f1Iou50Ci;
    BootstrapOptions bootstrap;
    std::int64_t iouMatches = 0; ///< box and polygon matches at t
    double meanMatchedIou = std::numeric_limits<double>::quiet_NaN();
    /// The class-agnostic matching at t: its matched pairs, the share of them whose two classes
    /// agree, and Cohen's κ of the symmetrised class table.
    std::int64_t classPairs = 0;
    double classAgreement = std::numeric_limits<double>::quiet_NaN();
    double classKappa = std::numeric_limits<double>::quiet_NaN();
    /// Polygons whose edges cross, compared by their bounding box (objectIoU).
    std::int64_t polygonsByBoundingBox = 0;
    std::vector<std::string> labelerNames;
    std::vector<std::string> classNames;
    std::vector<ObjectLabelerAgreement> perLabeler; ///< every labeler, in table order
};

/// Computes every figure. Throws Error(Invalid) for t outside (0, 1] or a negative or
/// non-finite d.
ObjectAgreement computeObjectAgreement(const ObjectTable &table, const ObjectAgreementOptions &options = {});

/// The `objects` object of `concord-cli agreement --objects --json`: iou, distance_px, images,
/// compared_images, project_images, too_few_compared, warning, labelers, shapes, image_pairs,
/// paired_shapes, matches_iou50, matches_iou75, matches, f1_iou50, f1_iou75, f1,
/// f1_iou50_ci95 [lo, hi], bootstrap {resamples, seed, level}, mean_matched_iou, iou_matches,
/// class_pairs, class_agreement, class_kappa, polygons_by_bounding_box, classes, per_labeler
/// [{labeler, images, shapes, compared, matched, matched_share, misses, extras}]. NaN → null.
/// `itemNoun` names the images in `warning`.
nlohmann::json toJson(const ObjectAgreement &agreement, const std::string &itemNoun = "images");

} // namespace concord::core
