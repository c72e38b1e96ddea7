// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/vocdatasetwriter_p.h"

#include "core/io/exportfiles.h"

namespace concord::core {

namespace {

std::string xmlEscape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

std::string VocDatasetWriter::imagePath(const ExportDataset &, const ExportItem &item) const
{
    return "JPEGImages/" + item.exportName;
}

void VocDatasetWriter::write(const ExportDataset &dataset, ExportOutput &out) const
{
    for (const auto &item : dataset.items) {
        if (!item.included)
            continue;
        const std::string name = item.exportName;
        const std::string fileName = std::filesystem::path(name).filename().string();
        std::string x = "<annotation>\n  <folder>JPEGImages</folder>\n  <filename>" + xmlEscape(fileName) +
                        "</filename>\n  <source>\n    <database>" + xmlEscape(dataset.projectName) +
                        "</database>\n    <annotation>Concord</annotation>\n  </source>\n  <size>\n    <width>" +
                        std::to_string(item.image.width) + "</width>\n    <height>" +
                        std::to_string(item.image.height) +
                        "</height>\n    <depth>3</depth>\n  </size>\n  <segmented>0</segmented>\n";
        for (const auto &b : item.boxes)
            x += "  <object>\n    <name>" + xmlEscape(b.className) +
                 "</name>\n    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n    "
                 "<difficult>0</difficult>\n    <bndbox>\n      <xmin>" +
                 formatCoordinate(b.x1) + "</xmin>\n      <ymin>" + formatCoordinate(b.y1) + "</ymin>\n      <xmax>" +
                 formatCoordinate(b.x2) + "</xmax>\n      <ymax>" + formatCoordinate(b.y2) +
                 "</ymax>\n    </bndbox>\n  </object>\n";
        x += "</annotation>\n";
        out.writeFile("Annotations/" + std::filesystem::path(name).replace_extension(".xml").generic_string(), x);
    }
}

} // namespace concord::core
