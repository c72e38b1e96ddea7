// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/labelreader.h"

namespace concord::core {

/// Label Studio JSON export (an array of tasks): `choices` give the image-level class, `rectanglelabels` and
/// `polygonlabels` become annotations (percent coordinates), `completed_by` names the labeler. See docs/FORMATS.md for
/// the exact rules and the errors.
class LabelStudioLabelReader final : public LabelReader
{
public:
    std::string_view format() const override { return "labelstudio"; }
    std::vector<ImportedLabel> read(const std::filesystem::path &path, const ReadOptions &options) const override;
};

} // namespace concord::core
