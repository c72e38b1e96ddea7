// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// COCO (`annotations.json` + `images/`): categories in project order with ids from 1, one box annotation per box; an
/// image without boxes, or whose boxes' majority class is not its final class, also gets an annotation without `bbox`
/// carrying the image-level class (Datumaro's COCO *labels* convention), so the import gives back the same labels.
class CocoDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "coco"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
