// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace cv {
class Mat;
}

namespace concord::core {

/// Images larger than this many pixels are refused unless the caller raises the limit
/// (decompression-bomb guard; 20 000 × 20 000 fits, 100 000 × 100 000 does not).
inline constexpr std::int64_t kDefaultMaxPixels = 400'000'000;

/// Side of the square box thumbnails are fitted into.
inline constexpr int kThumbnailSize = 256;

/// What the importer learns about one file.
struct ImageProbe
{
    std::string hash; ///< XXH3-128 of the bytes
    std::int64_t bytes = 0;
    int width = 0; ///< after EXIF orientation
    int height = 0;
    std::string thumbnailJpeg; ///< fitted into kThumbnailSize, empty when not asked for
};

/// Reads, hashes and validates one image file: the header must declare a size within
/// `maxPixels`, a JPEG or PNG must reach its end marker (findTruncation()), and the pixels must
/// decode (a reduced-resolution decode, which is what makes
/// import fast on big JPEGs). Throws Error(Io) for unreadable files and Error(Invalid) for
/// empty, corrupt, non-image or oversized files, with the reason in words.
ImageProbe probeImage(const std::filesystem::path &file, std::int64_t maxPixels = kDefaultMaxPixels,
                      bool makeThumbnail = true);

/// Decodes a whole image for display or analysis (EXIF orientation applied, BGR 8-bit), after
/// the same size check. Throws like probeImage().
cv::Mat loadImage(const std::filesystem::path &file, std::int64_t maxPixels = kDefaultMaxPixels);

/// Reads a file's bytes; Error(Io) naming it on failure.
std::string readFileBytes(const std::filesystem::path &file);

} // namespace concord::core
