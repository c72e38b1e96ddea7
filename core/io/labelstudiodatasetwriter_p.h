// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// Label Studio JSON (`labelstudio.json` + `images/`): one task per image with a `choices` result for the final class
/// and `rectanglelabels` in percent for the boxes.
class LabelStudioDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "labelstudio"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
