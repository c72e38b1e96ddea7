// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <cstdint>
#include <filesystem>
#include <string>

/// \file
/// Re-pointing image paths after their folder moved, shared by `concord-cli relink` and the
/// window's *File → Relink images…*: both preview with the same count before anything is
/// written, and both write through Store::relinkImages (one transaction, audited).

namespace concord::core {

/// What a relink from `oldPrefix` to `newPrefix` would do.
struct RelinkPlan
{
    std::string oldPrefix;             ///< stored path prefix to replace ("images/", or "" for all relative paths)
    std::string newPrefix;             ///< its replacement (relative to the project folder, or absolute)
    std::int64_t images = 0;           ///< stored paths that start with oldPrefix: the ones a relink changes
    std::int64_t found = 0;            ///< of those, how many files exist at the new path
    std::int64_t missingNow = 0;       ///< of those, how many files are missing at the old path
    std::int64_t missingInProject = 0; ///< images of the whole project whose file is missing now
};

/// Counts what relinking would change (a stat per image; nothing written). Error(Invalid)
/// when the request would break paths (see relinkImages()).
RelinkPlan previewRelink(const Store &store, const std::string &oldPrefix, const std::string &newPrefix);

/// For a folder the user says the images are in now: the stored prefix whose replacement by
/// that folder finds the most of the missing images (ties: the longest prefix), with its
/// counts. The new prefix is relative to the project folder when the folder lies inside it,
/// absolute otherwise. With no image missing, or none found there, the plan has found == 0.
RelinkPlan planRelinkToFolder(const Store &store, const std::filesystem::path &folder);

/// Re-points every stored path that starts with `oldPrefix` (Store::relinkImages, one audited
/// transaction); returns how many changed. Error(Invalid) for an empty new prefix, and for an
/// empty old prefix while some stored paths are absolute (they would be made relative).
std::int64_t relinkImages(Store &store, const std::string &oldPrefix, const std::string &newPrefix);

} // namespace concord::core
