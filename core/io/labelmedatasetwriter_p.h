// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// labelme: `images/` with a JSON beside each image (`flags` with the final class set, rectangles for the boxes).
class LabelmeDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "labelme"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
