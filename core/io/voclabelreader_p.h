// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

namespace concord::core {

/// Pascal VOC XML, one file per image (a folder or one file): each `<object>` with `<name>` and `<bndbox>` becomes a
/// box. The image is matched by the XML's own file name, since `<filename>` is unreliable in real data (NEU-DET). See
/// docs/FORMATS.md for the exact rules and the errors.
class VocLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "voc"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

} // namespace concord::core
