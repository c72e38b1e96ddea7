// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

namespace concord::core {

/// ImageFolder (torchvision): one folder per class holding the images of that final class (copies or hard links);
/// unresolved images, when included, go to `_unresolved/`.
class ImageFolderDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "imagefolder"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

} // namespace concord::core
