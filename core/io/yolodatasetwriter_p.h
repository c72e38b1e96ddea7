// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// YOLO (Ultralytics layout): `images/`, `labels/<name>.txt` with `class cx cy w h` normalised to the image size, and
/// `data.yaml` naming the classes.
class YoloDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "yolo"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
