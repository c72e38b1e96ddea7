// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/text.h"
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
/// row fails the whole import with file, line and column named, and nothing is written. So
/// does text that is not UTF-8 (unless `encoding` declares what it is), a column name that
/// checkName() refuses, two columns of one name, and two rows for one image (which of them
/// would hold?).
AttributeImportResult importAttributesCsv(Store &store, const std::filesystem::path &csv,
                                          TextEncoding encoding = TextEncoding::Utf8);

} // namespace concord::core
