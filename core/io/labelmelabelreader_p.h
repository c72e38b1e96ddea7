// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

namespace concord::core {

/// labelme JSON, one file per image (a folder or one file): `flags` set to true give the image-level class, `shapes`
/// (rectangle, line, point, polygon) become annotations. See docs/FORMATS.md for the exact rules and the errors.
class LabelmeLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "labelme"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

} // namespace concord::core
