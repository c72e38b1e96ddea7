// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

namespace concord::core {

/// COCO object-detection JSON (images, categories, annotations). An annotation with a `bbox` [x, y, width, height]
/// becomes a box; one without `bbox` (Datumaro's COCO *labels* task) gives the image-level class. See docs/FORMATS.md
/// for the exact rules and the errors.
class CocoLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "coco"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

} // namespace concord::core
