// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/imagefolderdatasetwriter_p.h"

#include "core/io/exportnames.h"

namespace concord::core {

std::string ImageFolderDatasetWriter::imagePath(const ExportDataset &dataset, const ExportItem &item) const
{
    const std::string folder =
        item.finalClass.empty() ? std::string(kUnresolvedFolder) : dataset.classFolders.at(item.finalClass);
    return folder + "/" + item.exportName;
}

void ImageFolderDatasetWriter::write(const ExportDataset &, ExportOutput &) const
{
    // The layout is the data set: the exporter has already placed every image in its class
    // folder. provenance.json beside it keeps the labels' history.
}

} // namespace concord::core
