// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelstudiodatasetwriter_p.h"

#include "core/io/exportfiles.h"

#include <nlohmann/json.hpp>

namespace concord::core {

std::string LabelStudioDatasetWriter::imagePath(const ExportDataset &, const ExportItem &item) const
{
    return "images/" + item.exportName;
}

void LabelStudioDatasetWriter::write(const ExportDataset &dataset, ExportOutput &out) const
{
    nlohmann::json tasks = nlohmann::json::array();
    std::int64_t id = 0;
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        ++id;
        nlohmann::json result = nlohmann::json::array();
        if (!item.finalClass.empty())
            result.push_back({{"id", "c" + std::to_string(id)},
                              {"from_name", "choice"},
                              {"to_name", "image"},
                              {"type", "choices"},
                              {"value", {{"choices", {item.finalClass}}}}});
        const double w = item.image.width;
        const double h = item.image.height;
        int n = 0;
        for (const auto &b : item.boxes) {
            if (w <= 0 || h <= 0)
                break;
            result.push_back({{"id", "r" + std::to_string(id) + "_" + std::to_string(++n)},
                              {"from_name", "label"},
                              {"to_name", "image"},
                              {"type", "rectanglelabels"},
                              {"original_width", item.image.width},
                              {"original_height", item.image.height},
                              {"image_rotation", 0},
                              {"value",
                               {{"x", b.x1 / w * 100.0},
                                {"y", b.y1 / h * 100.0},
                                {"width", (b.x2 - b.x1) / w * 100.0},
                                {"height", (b.y2 - b.y1) / h * 100.0},
                                {"rotation", 0},
                                {"rectanglelabels", {b.className}}}}});
        }
        for (const auto &poly : item.polygons) {
            if (w <= 0 || h <= 0)
                break;
            nlohmann::json points = nlohmann::json::array();
            for (const auto &[x, y] : poly.points)
                points.push_back({x / w * 100.0, y / h * 100.0});
            result.push_back({{"id", "r" + std::to_string(id) + "_" + std::to_string(++n)},
                              {"from_name", "label"},
                              {"to_name", "image"},
                              {"type", "polygonlabels"},
                              {"original_width", item.image.width},
                              {"original_height", item.image.height},
                              {"image_rotation", 0},
                              {"value", {{"points", points}, {"closed", true}, {"polygonlabels", {poly.className}}}}});
        }
        tasks.push_back(
            {{"id", id},
             {"data", {{"image", imagePath(dataset, item)}}},
             {"annotations", {{{"id", id}, {"result", result}, {"was_cancelled", false}, {"ground_truth", false}}}},
             {"meta", {{"concord_source", std::string(toString(item.source))}}}});
    }
    out.writeFile("labelstudio.json", tasks.dump(2) + "\n");
}

} // namespace concord::core
