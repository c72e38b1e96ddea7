// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/progress.h"
#include "core/common/text.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace concord::core {

class Store;

/// How far (as a share of the image's width or height) a coordinate may lie outside the image
/// and still be imported, clipped onto the edge: tools round, and Label Studio lets a box
/// overhang a little. Further out is an error (a box at −50 % or 500 % is not a box on this
/// image). docs/FORMATS.md "Coordinates".
inline constexpr double kClipTolerance = 0.05;

/// What `import-labels` was asked to do.
struct ImportOptions
{
    std::string format;      ///< csv, coco, labelme, labelstudio, voc
    std::string labeler;     ///< labeler for records whose file names none (--labeler)
    bool addClasses = false; ///< create unknown classes instead of failing (--add-classes)
    /// Import the entries whose image is found and report the others, instead of failing.
    bool skipUnmatched = false;
    /// Encoding of the input (--encoding); the default UTF-8 is validated, never guessed.
    TextEncoding encoding = TextEncoding::Utf8;
    ProgressFn progress;
};

/// What an import did.
struct ImportReport
{
    std::int64_t labels = 0; ///< labels written (new or replaced)
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
///  - Invalid: an ambiguous file name, no labeler, two labels for one image by one labeler, a
///    labeler or class name that checkName() refuses, a coordinate that is not finite or lies
///    outside the image by more than kClipTolerance of its side (smaller overhangs are
///    clipped onto the edge);
///  - Cancelled: progress returned false.
ImportReport importLabels(Store &store, const std::filesystem::path &input, const ImportOptions &options);

} // namespace concord::core
