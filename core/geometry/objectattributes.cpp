// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/geometry/objectattributes.h"

#include <algorithm>

namespace concord::core {

namespace {

Segment boundingBox(const Shape &shape)
{
    std::vector<ShapePoint> points;
    if (const auto *box = std::get_if<BoxShape>(&shape))
        points = {{box->corners.x1, box->corners.y1}, {box->corners.x2, box->corners.y2}};
    else if (const auto *line = std::get_if<LineShape>(&shape))
        points = {{line->ends.x1, line->ends.y1}, {line->ends.x2, line->ends.y2}};
    else if (const auto *poly = std::get_if<PolygonShape>(&shape))
        points = poly->points;
    else
        points = {std::get<PointShape>(shape).at};
    if (points.empty())
        return {};
    Segment b{points.front().x, points.front().y, points.front().x, points.front().y};
    for (const ShapePoint &p : points)
        b = {std::min(b.x1, p.x), std::min(b.y1, p.y), std::max(b.x2, p.x), std::max(b.y2, p.y)};
    return b;
}

} // namespace

const std::vector<std::string> &objectAttributeNames()
{
    static const std::vector<std::string> names{"kind",     "length_px", "length_mm", "width_px",
                                                "width_mm", "height_px", "height_mm", "area_px",
                                                "area_mm2", "aspect",    "border_px", "border_mm"};
    return names;
}

bool isTextObjectAttribute(std::string_view name)
{
    return name == "kind";
}

std::vector<std::pair<std::string, AttrValue>> objectAttributes(const Shape &shape, int width, int height,
                                                                double pxPerMm)
{
    std::vector<std::pair<std::string, AttrValue>> out;
    const bool mm = pxPerMm > 0.0;
    auto add = [&](const char *px, const char *inMm, double value) {
        out.emplace_back(px, value);
        if (mm)
            out.emplace_back(inMm, value / pxPerMm);
    };
    out.emplace_back("kind", std::string(toString(kindOf(shape))));
    const Segment b = boundingBox(shape); // corners ordered
    const double w = b.x2 - b.x1;
    const double h = b.y2 - b.y1;
    const bool isLine = std::holds_alternative<LineShape>(shape);
    const bool isPoint = std::holds_alternative<PointShape>(shape);
    if (isLine)
        add("length_px", "length_mm", lengthPx(std::get<LineShape>(shape).ends));
    else if (!isPoint)
        add("length_px", "length_mm", std::max(w, h));
    if (!isPoint) {
        add("width_px", "width_mm", w);
        add("height_px", "height_mm", h);
    }
    if (!isLine && !isPoint) {
        const double area = areaPx(shape);
        out.emplace_back("area_px", area);
        if (mm)
            out.emplace_back("area_mm2", area / (pxPerMm * pxPerMm));
        if (std::min(w, h) > 0.0)
            out.emplace_back("aspect", std::max(w, h) / std::min(w, h));
    }
    const double border =
        std::max(0.0, std::min({b.x1, b.y1, static_cast<double>(width) - b.x2, static_cast<double>(height) - b.y2}));
    add("border_px", "border_mm", border);
    return out;
}

} // namespace concord::core
