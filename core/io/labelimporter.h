// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace concord::core {

class Store;

/// What `import-labels` was asked to do.
struct ImportOptions
{
    std::string format;     ///< csv, coco, labelme, labelstudio, voc
    std::string labeler;    ///< labeler for records whose file names none (--labeler)
    bool addClasses = false; ///< create unknown classes instead of failing (--add-classes)
    /// Import the entries whose image is found and report the others, instead of failing.
    bool skipUnmatched = false;
    ProgressFn progress;
};

/// What an import did.
struct ImportReport
{
    std::int64_t labels = 0;     ///< labels written (new or replaced)
    std::int64_t annotations = 0;
    std::vector<std::string> labelers;     ///< labelers that received labels, sorted
    std::vector<std::string> classesAdded; ///< with --add-classes
    /// Entries whose image is not in the project ("file:line 'path': reference"), only with
    /// skipUnmatched (otherwise the import fails listing them).
    std::vector<std::string> unmatched;
};

/// Imports a foreign label file (or folder) into a project whose images are already imported:
/// one label per (image, labeler), with boxes and other shapes as annotations (source Import).
///
/// Everything is checked before anything is written, and the writing is one Store transaction,
/// so on any error the project is unchanged (DESIGN §9). Errors (Error):
///  - Parse: malformed file, naming file and line or JSON path;
///  - NotFound: images not in the project (all listed, unless skipUnmatched) or unknown classes
///    (all listed, unless addClasses);
///  - Invalid: an ambiguous file name, no labeler, two labels for one image by one labeler;
///  - Cancelled: progress returned false.
ImportReport importLabels(Store &store, const std::filesystem::path &input, const ImportOptions &options);

} // namespace concord::core
