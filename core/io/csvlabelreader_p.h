// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

namespace concord::core {

/// CSV with a header row: `image,labeler,label` (`labeler` optional when --labeler is given). Extra columns are
/// ignored, so Concord's own CSV export reads back. See docs/FORMATS.md for the exact rules and the errors.
class CsvLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "csv"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

} // namespace concord::core
