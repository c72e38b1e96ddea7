// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/imaging/image_probe.h"
#include "core/store/store.h"

#include <filesystem>
#include <string>
#include <vector>

namespace concord::core {

struct ImageImportOptions
{
    double pxPerMm = 0.0; ///< 0 = the project's default calibration
    std::int64_t maxPixels = kDefaultMaxPixels;
    unsigned threads = 0;   ///< 0 = all cores
    bool thumbnails = true; ///< cache a thumbnail per new image
};

/// A file that was not imported, and why (in words, for the user).
struct ImageImportIssue
{
    std::string path;
    std::string reason;
};

struct ImageImportResult
{
    std::int64_t added = 0;
    std::vector<ImageImportIssue> skipped; ///< already in the project (same path or same content)
    std::vector<ImageImportIssue> failed;  ///< unreadable, corrupt, not an image, too large
    std::vector<Id> addedIds;
};

/// File extensions the importer looks at (lower case, with the dot).
const std::vector<std::string> &imageExtensions();

/// Imports every image below `dir` (recursive; jpg, jpeg, png, bmp, tif, tiff, webp): content
/// hash, size, calibration, path relative to the project folder, cached thumbnail. A server
/// project (Store::holdsImageContent) also receives the bytes, once per content hash, and
/// stores paths relative to the folder above `dir` ("shots/a.jpg"). Files are
/// probed on all cores; the database is written in one transaction at the end, so a cancel
/// (progress returning false → Error(Cancelled)) or an error leaves the project unchanged.
/// Corrupt files do not stop the import: they are listed in `failed`. Re-importing adds
/// nothing twice: a path already present, or content (hash) already present, is skipped.
ImageImportResult importImageFolder(Store &store, const std::filesystem::path &dir,
                                    const ImageImportOptions &options = {}, const ProgressFn &progress = {});

/// Path to store for `file`: relative to the project folder ('/' separators) when the file is
/// below it or near it, absolute otherwise.
std::string storedImagePath(const Store &store, const std::filesystem::path &file);

} // namespace concord::core
