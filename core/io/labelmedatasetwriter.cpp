// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/labelmedatasetwriter_p.h"

#include "core/io/exportfiles.h"

#include <nlohmann/json.hpp>

namespace concord::core {

std::string LabelmeDatasetWriter::imagePath(const ExportDataset &, const ExportItem &item) const
{
    return "images/" + item.exportName;
}

void LabelmeDatasetWriter::write(const ExportDataset &dataset, ExportOutput &out) const
{
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        const std::filesystem::path rel = imagePath(dataset, item);
        nlohmann::json j;
        j["version"] = "5.2.1";
        j["flags"] = nlohmann::json::object();
        for (const auto &c : dataset.classes)
            j["flags"][c] = c == item.finalClass;
        j["shapes"] = nlohmann::json::array();
        for (const auto &b : item.boxes)
            j["shapes"].push_back({{"label", b.className},
                                   {"points", {{b.x1, b.y1}, {b.x2, b.y2}}},
                                   {"group_id", nullptr},
                                   {"description", ""},
                                   {"shape_type", "rectangle"},
                                   {"flags", nlohmann::json::object()}});
        for (const auto &poly : item.polygons) {
            nlohmann::json points = nlohmann::json::array();
            for (const auto &[x, y] : poly.points)
                points.push_back({x, y});
            j["shapes"].push_back({{"label", poly.className},
                                   {"points", points},
                                   {"group_id", nullptr},
                                   {"description", ""},
                                   {"shape_type", "polygon"},
                                   {"flags", nlohmann::json::object()}});
        }
        // labelme resolves imagePath against the JSON file's folder.
        j["imagePath"] = rel.filename().string();
        j["imageData"] = nullptr;
        j["imageHeight"] = item.image.height;
        j["imageWidth"] = item.image.width;
        out.writeFile(std::filesystem::path(rel).replace_extension(".json").generic_string(), j.dump(2) + "\n");
    }
}

} // namespace concord::core
