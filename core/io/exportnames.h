// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

/// \file
/// Unique, safe names for an export's image files and class folders (docs/FORMATS.md, "Names").
/// Sanitising maps several project names onto one ("a:b.png", "a?b.png" and "a_b.png" all give
/// "a_b.png"; classes "x/y" and "x_y" both give the folder "x_y"), and a data set in which two
/// images share a file, or two classes a folder, silently loses data. These functions keep
/// every name distinct, and stable: a name depends on the project name alone, not on the order
/// of images, unless two names still clash.

namespace concord::core {

/// The suffix a changed or clashing name gets: "~" and the first 8 hex digits of the XXH3-128
/// hash of the name as the project stores it ("a:b.png" → "~" + 8 hex digits).
std::string exportNameSuffix(const std::string &original);

/// `paths` with the folder that all absolute ones share removed from those ("/home/ann/lot7/a/x.png"
/// and "/home/ann/lot7/b/y.png" become "a/x.png" and "b/y.png"; a single one its file name), so
/// that an export of images outside the project folder does not copy the machine's directory
/// tree. Relative paths (below the project file's folder) are returned as they are.
std::vector<std::string> withoutCommonRoot(const std::vector<std::string> &paths);

/// One export name per project image path, in the same order. Absolute paths are first made
/// relative to their common folder (withoutCommonRoot); a path that sanitizeRelativePath then
/// leaves unchanged keeps it; a changed one gets exportNameSuffix() before its extension
/// ("imgs/a:b.png" → "imgs/a_b~1234abcd.png"). Names that still clash when compared without
/// their extension and ignoring case (YOLO, VOC and labelme write one label file per name
/// without extension, and Windows and macOS ignore case) are told apart: the first in byte
/// order keeps its name, the others get the suffix, and a counter ("~2") should even that clash.
std::vector<std::string> uniqueExportPaths(const std::vector<std::string> &paths);

/// One folder name per class (the imagefolder format), the same way with sanitizeFileName.
/// "_unresolved" is taken by the folder of unresolved images, so a class of that name gets the
/// suffix too.
std::vector<std::string> uniqueClassFolders(const std::vector<std::string> &classes);

/// The folder of unresolved images in the imagefolder format.
inline constexpr const char *kUnresolvedFolder = "_unresolved";

} // namespace concord::core
