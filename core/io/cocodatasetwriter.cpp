// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/cocodatasetwriter_p.h"

#include "core/io/exportfiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace concord::core {

std::string CocoDatasetWriter::imagePath(const ExportDataset &, const ExportItem &item) const
{
    return "images/" + item.exportName;
}

void CocoDatasetWriter::write(const ExportDataset &dataset, ExportOutput &out) const
{
    nlohmann::json j;
    j["info"] = {{"description", dataset.projectName + " (exported by Concord)"}, {"date_created", dataset.createdAt}};
    j["licenses"] = nlohmann::json::array();
    j["categories"] = nlohmann::json::array();
    std::map<std::string, int> categoryId;
    for (std::size_t i = 0; i < dataset.classes.size(); ++i) {
        categoryId[dataset.classes[i]] = static_cast<int>(i) + 1;
        j["categories"].push_back({{"id", i + 1}, {"name", dataset.classes[i]}, {"supercategory", ""}});
    }
    j["images"] = nlohmann::json::array();
    j["annotations"] = nlohmann::json::array();
    std::int64_t imageId = 0;
    std::int64_t annotationId = 0;
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        ++imageId;
        j["images"].push_back({{"id", imageId},
                               {"file_name", item.exportName},
                               {"width", item.image.width},
                               {"height", item.image.height}});
        std::map<std::string, int> votes;
        for (const auto &b : item.boxes) {
            ++votes[b.className];
            j["annotations"].push_back({{"id", ++annotationId},
                                        {"image_id", imageId},
                                        {"category_id", categoryId[b.className]},
                                        {"bbox", {b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1}},
                                        {"area", (b.x2 - b.x1) * (b.y2 - b.y1)},
                                        {"iscrowd", 0}});
        }
        for (const auto &poly : item.polygons) {
            // COCO's polygon: segmentation [[x1, y1, x2, y2, …]], bbox its bounding box, area
            // the outline's own (shoelace).
            ++votes[poly.className];
            std::vector<double> flat;
            double x1 = poly.points.front().first, y1 = poly.points.front().second, x2 = x1, y2 = y1, twice = 0.0;
            for (std::size_t k = 0; k < poly.points.size(); ++k) {
                const auto &[x, y] = poly.points[k];
                const auto &[nx, ny] = poly.points[(k + 1) % poly.points.size()];
                flat.push_back(x);
                flat.push_back(y);
                x1 = std::min(x1, x);
                y1 = std::min(y1, y);
                x2 = std::max(x2, x);
                y2 = std::max(y2, y);
                twice += x * ny - nx * y;
            }
            j["annotations"].push_back({{"id", ++annotationId},
                                        {"image_id", imageId},
                                        {"category_id", categoryId[poly.className]},
                                        {"segmentation", {flat}},
                                        {"bbox", {x1, y1, x2 - x1, y2 - y1}},
                                        {"area", std::fabs(twice) / 2.0},
                                        {"iscrowd", 0}});
        }
        if (item.finalClass.empty())
            continue;
        // The importer takes the majority box class when there is no image-level class; write
        // one whenever that would not give the final class back.
        const auto finalVotes = votes.count(item.finalClass) ? votes.at(item.finalClass) : 0;
        bool majorityIsFinal = finalVotes > 0;
        for (const auto &[name, n] : votes)
            if (name != item.finalClass && n >= finalVotes)
                majorityIsFinal = false;
        if (!majorityIsFinal)
            j["annotations"].push_back(
                {{"id", ++annotationId}, {"image_id", imageId}, {"category_id", categoryId[item.finalClass]}});
    }
    out.writeFile("annotations.json", j.dump(2) + "\n");
}

} // namespace concord::core
