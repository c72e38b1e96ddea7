// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/csvdatasetwriter_p.h"

#include "core/common/csv.h"
#include "core/io/exportfiles.h"

#include <cmath>

namespace concord::core {

std::string CsvDatasetWriter::imagePath(const ExportDataset &, const ExportItem &) const
{
    return {};
}

void CsvDatasetWriter::write(const ExportDataset &dataset, ExportOutput &output) const
{
    std::string out = csvLine({"image", "label", "source", "consensus", "confidence", "agreement", "labels",
                               "decided_by", "standard", "standard_version", "exported_image"}) +
                      "\n";
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        out += csvLine({item.image.path, item.finalClass, std::string(toString(item.source)), item.consensusClass,
                        formatCoordinate(item.consensusConfidence),
                        std::isnan(item.agreement) ? std::string() : formatCoordinate(item.agreement),
                        std::to_string(item.labels.size()), item.decidedBy,
                        item.standard ? item.standard->title : std::string(),
                        item.standard ? std::to_string(item.standard->version) : std::string(), item.outputImage}) +
               "\n";
    }
    output.writeFile("labels.csv", out);
}

} // namespace concord::core
