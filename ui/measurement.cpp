// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/measurement.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace concord::ui {

double effectivePxPerMm(const core::ImageRecord &image, const core::ProjectSettings &settings)
{
    if (image.pxPerMm > 0.0)
        return image.pxPerMm;
    return settings.pxPerMm > 0.0 ? settings.pxPerMm : 0.0;
}

double lengthPx(const Segment &s)
{
    return std::hypot(s.x2 - s.x1, s.y2 - s.y1);
}

std::optional<double> pxToMm(double px, double pxPerMm)
{
    if (pxPerMm <= 0.0)
        return std::nullopt;
    return px / pxPerMm;
}

namespace {

std::string toJson(const Segment &s)
{
    const nlohmann::json j{{"x1", s.x1}, {"y1", s.y1}, {"x2", s.x2}, {"y2", s.y2}};
    return j.dump();
}

} // namespace

core::Annotation makeLineAnnotation(const Segment &s, double pxPerMm)
{
    core::Annotation a;
    a.kind = core::AnnotationKind::Line;
    a.geometry = toJson(s);
    a.lengthPx = lengthPx(s);
    a.lengthMm = pxToMm(a.lengthPx, pxPerMm);
    return a;
}

core::Annotation makeBoxAnnotation(const Segment &s, double pxPerMm)
{
    const Segment n{std::min(s.x1, s.x2), std::min(s.y1, s.y2), std::max(s.x1, s.x2),
                    std::max(s.y1, s.y2)};
    core::Annotation a;
    a.kind = core::AnnotationKind::Box;
    a.geometry = toJson(n);
    a.lengthPx = lengthPx(n);
    a.lengthMm = pxToMm(a.lengthPx, pxPerMm);
    a.area = (n.x2 - n.x1) * (n.y2 - n.y1);
    return a;
}

core::Annotation withSegment(const core::Annotation &a, const Segment &s, double pxPerMm)
{
    core::Annotation out = a.kind == core::AnnotationKind::Box ? makeBoxAnnotation(s, pxPerMm)
                                                               : makeLineAnnotation(s, pxPerMm);
    out.id = a.id;
    out.label = a.label;
    return out;
}

std::optional<Segment> segmentOf(const core::Annotation &a)
{
    if (a.kind != core::AnnotationKind::Box && a.kind != core::AnnotationKind::Line)
        return std::nullopt;
    const auto j = nlohmann::json::parse(a.geometry, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    Segment s;
    for (auto [key, field] : {std::pair{"x1", &s.x1}, std::pair{"y1", &s.y1}, std::pair{"x2", &s.x2},
                              std::pair{"y2", &s.y2}}) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_number())
            return std::nullopt;
        *field = it->get<double>();
    }
    return s;
}

} // namespace concord::ui
