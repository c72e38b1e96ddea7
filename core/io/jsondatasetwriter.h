// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/datasetwriter.h"

#include <nlohmann/json.hpp>

namespace concord::core {

/// `provenance.json`: for every image, every labeler's raw label and annotations, the item agreement, the consensus and its confidence, the decision and who made it, the standard and its version, the final label, and faces blurred. The exporter writes it beside every other format too.
class JsonDatasetWriter final : public DatasetWriter
{
public:
    std::string_view format() const override { return "json"; }
    std::string imagePath(const ExportItem &item) const override;
    void write(const ExportDataset &dataset, const std::filesystem::path &outDir) const override;
};

/// The provenance document that JsonDatasetWriter writes (documented in docs/FORMATS.md).
nlohmann::json provenanceJson(const ExportDataset &dataset);

} // namespace concord::core
