// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

#include <nlohmann/json.hpp>

namespace concord::core {

/// `provenance.json`: for every image, every labeler's raw label and annotations, the item agreement, the consensus and
/// its confidence, the decision and who made it, the standard and its version, the final label, and faces blurred, and
/// the list of the data set's files. The exporter writes it for every format, as the last file of the data set.
class JsonDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "json"; }
    std::string imagePath(const ExportDataset &dataset, const ExportItem &item) const override;
    void write(const ExportDataset &dataset, ExportOutput &out) const override;
};

/// The provenance document of an export (documented in docs/FORMATS.md). `files` are the
/// data set's other files, relative to its folder: its manifest, from which a later export
/// with `--replace` removes exactly these files.
nlohmann::json provenanceJson(const ExportDataset &dataset, const std::vector<std::string> &files);

} // namespace concord::core
