// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// \file
/// The attributes the cluster finders explain disagreement with (issue 4): measured ones from
/// the labelers' own line annotations, computed ones from the pixels. Both are written to
/// image_attr with their source, so imported metadata, measurements and OpenCV figures are
/// browsed, filtered and used by standards the same way.

namespace concord::core {

/// Attribute keys written here.
inline constexpr const char *kAttrLengthMm = "length_mm";          ///< measured
inline constexpr const char *kAttrBrightness = "brightness";       ///< computed
inline constexpr const char *kAttrContrast = "contrast";           ///< computed
inline constexpr const char *kAttrSharpness = "sharpness";         ///< computed
inline constexpr const char *kAttrLineLengthMm = "line_length_mm"; ///< computed (LSD)

/// One labeler's measurement of one image: the longest line they drew on it, in mm.
struct LabelerMeasurement
{
    Id image = 0;
    Id labeler = 0;
    double lengthMm = 0.0;
    int lines = 0; ///< line annotations on that label
};

/// Every labeler's line measurement, one per (image, labeler), ordered by image then labeler.
/// Why the longest line: a labeler who draws several lines on one image measures several
/// marks, and the longest is the one a "length ≥ x" standard decides on. Lines without a
/// length in mm (image without calibration) are skipped.
std::vector<LabelerMeasurement> labelerMeasurements(const Store &store);

/// Per image, the median of labelerMeasurements() over its labelers (mean of the two middle
/// values for an even count): robust to one labeler's sloppy line.
std::vector<std::pair<Id, double>> medianMeasurements(const std::vector<LabelerMeasurement> &m);

/// The values of attribute `key` as every engine reads them (rule checks, standard previews and
/// applies, the cluster finders): the stored ones, except for the measured `length_mm`: on every
/// image with a measured line it is the median of the labelers' *current* lines
/// (medianMeasurements), so it is never stale after labels change and needs no `attributes
/// --compute`; an image without lines keeps its stored value, if any. A project that imported
/// its own `length_mm` (AttrSource::Imported) keeps those values throughout.
std::vector<ImageAttribute> attributeValues(const Store &store, const std::string &key);

/// attributeValues() of only `images` (in the order of their ids), reading only those images'
/// labels and lines: what a caption under a few example images needs, where attributeValues()
/// would read every line of the project (10^5 images: every label's shapes). The same values
/// as attributeValues() gives those images; tst_teaching compares the two.
std::vector<ImageAttribute> attributeValuesOf(const Store &store, const std::string &key,
                                              const std::vector<Id> &images);

/// The attribute keys attributeValues() knows: the stored ones, and `length_mm` as soon as some
/// label carries a measured line. Sorted.
std::vector<std::string> knownAttributeKeys(const Store &store);

/// Replaces the measured `length_mm` attribute by medianMeasurements(), in one transaction.
/// Images nobody measured get no value (unknown, not 0). Returns the number of images written.
std::int64_t fillMeasuredAttributes(Store &store);

/// What fillComputedAttributes() did.
struct ComputeSummary
{
    std::int64_t images = 0;   ///< images analysed
    std::int64_t computed = 0; ///< images whose attributes were written
    std::int64_t measured = 0; ///< images with a measured length_mm
    /// Images that could not be read, with the reason (the others are still written).
    std::vector<std::pair<std::string, std::string>> failures;
    bool lineLengthInMm = true; ///< false when some image had no calibration (no line_length_mm)
};

/// Computes brightness, contrast, sharpness and line_length_mm (LSD's longest segment divided
/// by the image's px_per_mm, or the project's when the image has none; skipped when neither is
/// known) for every image, on `threads` threads (0 = all cores), then replaces the computed
/// attributes in one transaction. Also caches a kFeatureImageSize thumbnail per image for the
/// visual cluster finder and refreshes the measured length_mm. `progress` is called from the
/// workers (phase "attributes"); returning false stops and throws Error(Cancelled) with the
/// project unchanged.
ComputeSummary fillComputedAttributes(Store &store, const ProgressFn &progress = {}, int threads = 0);

/// One attribute key as `attributes PROJECT` lists it.
struct AttributeSummary
{
    std::string key;
    std::string source;             ///< imported, computed, measured (or "mixed")
    std::int64_t numeric = 0;       ///< images with a number
    std::int64_t text = 0;          ///< images with a text
    std::optional<double> min, max; ///< of the numbers
    std::int64_t distinct = 0;      ///< distinct texts
};

/// Every attribute key with its counts and range, ordered by key.
std::vector<AttributeSummary> summarizeAttributes(const Store &store);

/// Key of the cached feature thumbnail in the thumbnail table (size argument).
inline constexpr int kFeatureThumbnailKey = 64;

} // namespace concord::core
