// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/objectconsensus.h"
#include "core/clusters/bandfinder.h"
#include "core/clusters/clusterfinder.h"
#include "core/common/progress.h"
#include "core/geometry/geometry.h"
#include "core/store/store.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// \file
/// The cluster finders on objects (issue #17, docs/CLUSTERS.md "Objects"): which marks do the
/// labelers not all draw, and where does each labeler start drawing a mark at all? Every shape
/// of every labeler is clustered across the image's labelers (objectconsensus.h, quorum 1, so
/// every drawn mark is an object), each object is measured once (objectattributes.h) and the
/// image finders' band search, Fisher test and logistic fit (bandfinder.h, logisticfit.h) run on
/// the objects of each class. Pure on an ObjectClusterInput; objectClusterInputFromStore() reads
/// a project.

namespace concord::core {

/// What the measurements of an object need from its image. A width or height ≤ 0 (unknown)
/// leaves the border distances out; pxPerMm ≤ 0 leaves the millimetre values out.
struct ObjectImageSize
{
    int width = 0;
    int height = 0;
    double pxPerMm = 0.0;
};

/// One object: a consensus cluster of the shapes drawn on one image.
struct ClusterObject
{
    std::int32_t item = 0; ///< index into ObjectClusterInput::itemNames
    std::int32_t cls = 0;  ///< the members' majority class (objectconsensus.h)
    ObjectKind kind = ObjectKind::Box;
    std::int32_t labelers = 0; ///< L: labelers of the image (who drew nothing count)
    /// Labelers who drew it **with its class**, in labeler-name order. A labeler whose shape in
    /// the cluster has another class did not draw this class's object (they saw a mark and
    /// called it something else); `members` has everyone with a shape in the cluster.
    std::vector<std::int32_t> drawnBy;
    std::vector<std::int32_t> members;
    /// The numeric measurements of the fused (or medoid) shape at the image's calibration, one
    /// per objectClusterAttributes() name; NaN where the attribute does not exist. brightness,
    /// contrast and contrast_abs (objectstats.h) only when the image's pixels were read.
    std::vector<double> values;
    Shape shape; ///< the fused box or the medoid shape, as measured

    std::int32_t support() const noexcept { return static_cast<std::int32_t>(drawnBy.size()); }
};

/// Everything the object finders read.
struct ObjectClusterInput
{
    std::vector<std::string> itemNames; ///< image paths (a table's items)
    std::vector<std::string> labelerNames;
    std::vector<std::string> classNames;
    std::vector<std::vector<std::int32_t>> itemLabelers; ///< per item: who labeled it
    std::vector<ClusterObject> objects;                  ///< by item, then as the consensus orders them
    /// Whether the images' pixels were read for brightness and contrast
    /// (objectClusterInputFromStore() with pixels), and the images that could not be: their
    /// objects have none of the pixel attributes.
    bool pixelsRead = false;
    std::vector<std::pair<std::string, std::string>> unreadableImages; ///< image path, reason
    std::int64_t objectsWithoutPixels = 0;                             ///< objects on those images
};

/// The numeric object attributes, in objectAttributeNames() order without "kind": length_px,
/// length_mm, width_px, width_mm, height_px, height_mm, area_px, area_mm2, aspect, border_px,
/// border_mm; then the pixel ones, objectPixelAttributeNames(): brightness, contrast,
/// contrast_abs.
const std::vector<std::string> &objectClusterAttributes();

/// Clusters every image's shapes with `consensus` (its quorum is replaced by 1: every mark is an
/// object) and measures each object. `sizes[i]` is item i's size and calibration (missing
/// entries: unknown).
ObjectClusterInput objectClusterInput(const ObjectTable &table, const std::vector<ObjectImageSize> &sizes,
                                      ObjectConsensusOptions consensus = {});

/// objectClusterInput() of the project's human labels (objectTableFromStore()), each image at
/// its own size and calibration (effectivePxPerMm()). With `pixels`, every image with an object
/// is decoded once (in parallel, measureObjectPixels()) and each object gets its brightness,
/// contrast and contrast_abs; an image that cannot be read is listed in unreadableImages, never
/// an error. `progress` (phase "pixels") returning false throws Error(Cancelled).
ObjectClusterInput objectClusterInputFromStore(const Store &store, const ObjectConsensusOptions &consensus = {},
                                               bool pixels = true, const ProgressFn &progress = {});

/// A band of one attribute within one class, where objects are not drawn by every labeler.
struct ObjectBand
{
    /// Where the band lies among the class's values: at the low end (nothing, or at most 5 % of
    /// the objects outside it, lie below it), at the high end, or in between.
    enum class End : std::uint8_t
    {
        Low,
        High,
        Middle
    };
    std::string className;
    std::string attribute;
    double lo = 0.0, hi = 0.0;      ///< bounds in the attribute's unit (inclusive)
    double first = 0.0, last = 0.0; ///< the smallest and largest member's value
    End end = End::Middle;
    std::vector<std::size_t> members; ///< indices into ObjectClusterInput::objects, by value
    std::int64_t objects = 0;         ///< objects of the class with a value (on images with ≥ 2 labelers)
    std::int64_t disputedInside = 0;  ///< members not drawn by every labeler of their image
    std::int64_t outside = 0;
    std::int64_t disputedOutside = 0;
    double rateInside = 0.0;
    double rateOutside = 0.0;
    double pValue = 1.0; ///< one-sided Fisher exact (findBand), nominal
    /// The share of permutations of the disputed flags (among the class's objects) whose band
    /// has a Fisher p at most `pValue`, (1 + k) / (1 + R), times the number of class × attribute
    /// searches (Bonferroni), at most 1. The interval was chosen by looking at the data, so the
    /// nominal p is far too small: on random patterns the image rule alone (p ≤ 0.001) flagged
    /// a band in 14 of 100 synthetic projects.
    double permutationP = 1.0;
    /// disputedInside − members × rateOutside: the disputes beyond the outside rate (as for
    /// image clusters). The ranking key.
    double score = 0.0;
    /// The most common support among the members, "drawnBy of labelers" (1 of 3), and the share
    /// of members with it.
    std::int32_t typicalSupport = 0;
    std::int32_t typicalLabelers = 0;
    double typicalShare = 0.0;
    std::vector<std::size_t> examples; ///< disputed members spread over the band
    std::string description;
};

/// Each labeler's switch point for drawing objects of one class, along one attribute.
struct ObjectThresholds
{
    std::string className;
    std::string attribute;
    std::vector<LabelerThreshold> labelers; ///< every labeler with an answer, in table order
    std::optional<double> medianThreshold;  ///< of the fitted thresholds
};

struct ObjectClusterOptions
{
    BandOptions band; ///< the image finder's defaults: ≥ 8 members, Fisher p ≤ 0.001
    int minThresholdItems = 8;
    double lapse = 0.02; ///< as ClusterOptions::lapse
    int maxExamples = 4;
    /// Permutations R of the permutation test (at least this, and at least 4 × searches /
    /// familyAlpha − 1 so that a clear band can pass whatever the number of searches), and the
    /// family-wise level its Bonferroni-adjusted p must meet. The test stops as soon as the band
    /// cannot pass any more.
    int permutations = 399;
    double familyAlpha = 0.05;
    std::uint64_t seed = 1; ///< of the permutations: same data, same answer
    /// The attributes every labeler's threshold is fitted on, per class (when the class's objects
    /// have them), besides the attribute of each band found. A "_mm" name falls back to its
    /// "_px" twin for a class whose objects are not all calibrated.
    std::vector<std::string> thresholdAttributes{"length_mm", "area_mm2"};
};

struct ObjectClusterReport
{
    std::int64_t objects = 0;                 ///< objects on images with two or more labelers
    std::int64_t disputed = 0;                ///< of those, not drawn (with their class) by every labeler
    std::vector<ObjectBand> bands;            ///< by score, best first
    std::vector<ObjectThresholds> thresholds; ///< by class order, then attribute
};

/// Runs the band finder on every class × numeric attribute and fits every labeler's threshold
/// (docs/CLUSTERS.md "Objects").
ObjectClusterReport findObjectClusters(const ObjectClusterInput &input, const ObjectClusterOptions &options = {});

/// "low", "high", "middle".
std::string_view toString(ObjectBand::End end);

/// The `objects` part of `concord-cli clusters --objects --json`: {objects, disputed, bands:
/// [...], labeler_thresholds: [...]}, and when pixels were read, objects_without_pixels and
/// unreadable_images: [{image, reason}]; examples are "image path #n" (n: the object's place
/// among the image's objects, from 1).
nlohmann::json objectClusterReportJson(const ObjectClusterInput &input, const ObjectClusterReport &report);

} // namespace concord::core
