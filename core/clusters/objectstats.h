// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/geometry/geometry.h"

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cv {
class Mat;
}

/// \file
/// What the pixels under an object say (issue #17): its local brightness and contrast, the one
/// place they are measured, so an object rule's preview, its apply and the object cluster
/// finders read the same numbers (docs/RULES.md "Object rules", docs/CLUSTERS.md "Objects").
///
/// Measured on the image's grey version as the image statistics are (imagestats.h: the decoded
/// image, greyImage(), shrunk to at most kStatsMaxSide on the long side; the shape is scaled
/// with it and every size below is in the pixels of that grey image, which are the image's own
/// for images up to 2048 px). A pixel (i, j) covers [i, i + 1) × [j, j + 1) in shape
/// coordinates, so its centre is (i + 0.5, j + 0.5).
///
///   under the shape  box, polygon: the pixels whose centre lies inside (even–odd rule; a box
///                    from (10, 20) to (30, 30) covers exactly its 20 × 10 pixels)
///                    line: the pixels whose centre lies within kObjectLineHalfWidthPx (2.5 px)
///                    of the segment, a band 5 px wide with round ends
///                    point: the pixels whose centre lies within kObjectPointRadiusPx (3 px) of
///                    it, a disc of 29 pixels
///   ring             the pixels not under the shape whose centre lies within r of the centre
///                    of a pixel under it (the mask dilated by a disc of radius r, minus the
///                    mask; computed with cv::distanceTransform, exact Euclidean), inside the
///                    image, r = max(3, round(0.25 × the shape's shorter side)): the shorter
///                    side of a box's or polygon's bounding box, a line's band width (5), a
///                    point's disc diameter (6); so lines and points get r = 3
///   brightness       mean grey level (0–255) of the pixels under the shape
///   contrast         brightness − the mean grey level of the ring: a scratch darker than the
///                    steel around it is negative, a bright speck positive
///   contrast_abs     |contrast|
/// A shape with no pixel inside the image has none of the three; one whose ring is empty (it
/// covers the whole image) has brightness only.

namespace concord::core {

inline constexpr double kObjectLineHalfWidthPx = 2.5; ///< a line's band: 5 px wide
inline constexpr double kObjectPointRadiusPx = 3.0;   ///< a point's disc
inline constexpr int kObjectRingMinPx = 3;            ///< the ring's radius at least…
inline constexpr double kObjectRingShare = 0.25;      ///< …and this share of the shorter side

/// Attribute names: brightness, contrast, contrast_abs.
inline constexpr const char *kObjectBrightness = "brightness";
inline constexpr const char *kObjectContrast = "contrast";
inline constexpr const char *kObjectContrastAbs = "contrast_abs";

/// The three names above, in that order: the object attributes that need the image's pixels.
const std::vector<std::string> &objectPixelAttributeNames();

/// True for one of objectPixelAttributeNames().
bool isObjectPixelAttribute(std::string_view name);

/// Every attribute an object has of its own, what an object rule reads before its image's:
/// objectAttributeNames() (the geometry, objectattributes.h), then objectPixelAttributeNames().
const std::vector<std::string> &allObjectAttributeNames();

/// One object's pixel measurements; NaN where a value does not exist.
struct ObjectPixelStats
{
    double brightness = std::numeric_limits<double>::quiet_NaN();
    double contrast = std::numeric_limits<double>::quiet_NaN(); ///< brightness − ring mean
    std::int64_t pixels = 0;                                    ///< under the shape
    std::int64_t ringPixels = 0;
    std::int32_t ringRadius = 0; ///< r, in analysed pixels

    /// brightness, contrast, contrast_abs as a rule reads them; the ones that do not exist are
    /// left out (unknown).
    std::vector<std::pair<std::string, AttrValue>> attributes() const;
};

/// Measures `shape` (in original image pixels) on a grey 8-bit image that is the original
/// shrunk by `scale` (original pixels per pixel of `grey`; 1 when not shrunk). Pure, any thread.
ObjectPixelStats objectPixelStats(const cv::Mat &grey, const Shape &shape, double scale = 1.0);

/// What measureObjectPixels() found, per image and shape in the order given.
struct ObjectPixelMeasurements
{
    std::vector<std::vector<ObjectPixelStats>> stats;          ///< [image][shape]; all NaN for a failed image
    std::vector<std::pair<std::size_t, std::string>> failures; ///< image index, reason: not read
    std::int64_t objectsWithout = 0;                           ///< shapes on images not read
};

/// Decodes each image once (loadImage(), statsImage()), on `threads` threads (0 = all cores),
/// and measures its shapes. An image that cannot be read (missing, corrupt, too large) is a
/// failure of its own, never an error: its shapes get no values. `progress` (phase "pixels")
/// returning false throws Error(Cancelled).
ObjectPixelMeasurements measureObjectPixels(const std::vector<std::filesystem::path> &files,
                                            const std::vector<std::vector<Shape>> &shapes,
                                            const ProgressFn &progress = {}, int threads = 0);

class Store;

/// measureObjectPixels() of a project's images (Store::resolveImagePath(); a path that cannot be
/// resolved, e.g. a server without the image's bytes, is a failure like an unreadable file).
ObjectPixelMeasurements measureObjectPixels(const Store &store, const std::vector<ImageRecord> &images,
                                            const std::vector<std::vector<Shape>> &shapes,
                                            const ProgressFn &progress = {}, int threads = 0);

} // namespace concord::core
