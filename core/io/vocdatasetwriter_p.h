// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// Pascal VOC: `JPEGImages/` and one `Annotations/<name>.xml` per image with its boxes (coordinates written as stored,
/// no 0/1-based shift).
class VocDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "voc"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
