// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/exportdataset.h"
#include "core/io/exportfiles.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace concord::core {

/// One dataset format on the export side. The exporter decides the final labels and copies the
/// images (ExportItem::outputImage); a writer only lays out the label files of its format,
/// each written through ExportOutput (atomically, never two under one name), for the items
/// marked `included`. Names come from ExportItem::exportName and ExportDataset::classFolders,
/// which are unique, never from the project's names directly.
class DatasetWriter
{
public:
    virtual ~DatasetWriter() = default;
    /// Short name used on the command line ("coco").
    virtual std::string_view format() const = 0;
    /// Where the copy of an item's image goes, relative to the output folder; empty when the
    /// format needs no image copies (csv, json).
    virtual std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const = 0;
    /// Writes the format's label files.
    virtual void write(const ExportDataset &dataset, ExportOutput &out) const = 0;
};

/// The writer for a format name; Error(Invalid) listing the known names otherwise.
std::unique_ptr<DatasetWriter> makeDatasetWriter(std::string_view format);

/// Format names makeDatasetWriter() accepts, for help texts.
std::vector<std::string> datasetWriterFormats();

/// A coordinate as text: "15" for whole numbers, else up to 6 decimals ("15.25").
std::string formatCoordinate(double v);

} // namespace concord::core
