// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/yolodatasetwriter_p.h"

#include "core/common/error.h"
#include "core/io/exportfiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace concord::core {

std::string YoloDatasetWriter::imagePath(const ExportDataset &, const ExportItem &item) const
{
    return "images/" + item.exportName;
}

void YoloDatasetWriter::write(const ExportDataset &dataset, ExportOutput &out) const
{
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < dataset.classes.size(); ++i)
        index[dataset.classes[i]] = i;
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        const double w = item.image.width;
        const double h = item.image.height;
        std::string lines;
        for (const auto &b : item.boxes) {
            if (w <= 0 || h <= 0)
                throw Error(ErrorCode::Invalid, "YOLO needs the image size, which the project does not know",
                            item.image.path);
            const auto cx = std::clamp((b.x1 + b.x2) / 2.0 / w, 0.0, 1.0);
            const auto cy = std::clamp((b.y1 + b.y2) / 2.0 / h, 0.0, 1.0);
            const auto bw = std::clamp((b.x2 - b.x1) / w, 0.0, 1.0);
            const auto bh = std::clamp((b.y2 - b.y1) / h, 0.0, 1.0);
            lines += std::to_string(index.at(b.className)) + " " + formatCoordinate(cx) + " " + formatCoordinate(cy) +
                     " " + formatCoordinate(bw) + " " + formatCoordinate(bh) + "\n";
        }
        const auto name = std::filesystem::path(item.exportName).replace_extension(".txt");
        out.writeFile("labels/" + name.generic_string(), lines);
    }
    // data.yaml as Ultralytics reads it; names are JSON strings, which YAML accepts as quoted
    // scalars, so a class called "yes" or "1: x" stays a string.
    std::string yaml = "# Exported by Concord from " + nlohmann::json(dataset.projectName).dump() +
                       "\npath: .\ntrain: images\nval: images\nnc: " + std::to_string(dataset.classes.size()) +
                       "\nnames:\n";
    for (std::size_t i = 0; i < dataset.classes.size(); ++i)
        yaml += "  " + std::to_string(i) + ": " + nlohmann::json(dataset.classes[i]).dump() + "\n";
    out.writeFile("data.yaml", yaml);
}

} // namespace concord::core
