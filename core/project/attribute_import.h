// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <filesystem>
#include <string>
#include <vector>

namespace concord::core {

struct AttributeImportResult
{
    std::int64_t images = 0; ///< rows applied
    std::int64_t values = 0; ///< attribute values written
    std::vector<std::string> numericKeys;
    std::vector<std::string> textKeys;
};

/// Imports a wide CSV of image metadata: an `image` column (relative path or file name) and one
/// column per attribute. A column whose non-empty cells all parse as numbers is numeric,
/// otherwise text; empty cells are skipped. One transaction: an unknown image or a malformed
/// row fails the whole import with file, line and column named, and nothing is written.
AttributeImportResult importAttributesCsv(Store &store, const std::filesystem::path &csv);

} // namespace concord::core
