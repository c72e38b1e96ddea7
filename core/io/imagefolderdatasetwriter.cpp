// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/imagefolderdatasetwriter.h"

#include "core/io/exportfiles.h"

namespace concord::core {

std::string ImageFolderDatasetWriter::imagePath(const ExportItem &item) const
{
    const std::string folder = item.finalClass.empty() ? "_unresolved" : sanitizeFileName(item.finalClass);
    return folder + "/" + exportImageName(item.image);
}

void ImageFolderDatasetWriter::write(const ExportDataset &, const std::filesystem::path &) const
{
    // The layout is the data set: the exporter has already placed every image in its class
    // folder. provenance.json beside it keeps the labels' history.
}

} // namespace concord::core
