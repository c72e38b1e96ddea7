// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/geometry/geometry.h"

#include "core/common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

using nlohmann::json;

template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

[[noreturn]] void malformed(AnnotationKind kind, const std::string &why)
{
    throw Error(ErrorCode::Invalid, std::string("a ") + std::string(toString(kind)) + "'s geometry " + why, {}, 0,
                "geometry");
}

double number(const json &j, const char *key, AnnotationKind kind)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number())
        malformed(kind, std::string("has no number \"") + key + "\"");
    const double v = it->get<double>();
    if (!std::isfinite(v))
        malformed(kind, std::string("has a \"") + key + "\" that is not finite");
    return v;
}

Segment segmentFrom(const json &j, AnnotationKind kind)
{
    return {number(j, "x1", kind), number(j, "y1", kind), number(j, "x2", kind), number(j, "y2", kind)};
}

json segmentJson(const Segment &s)
{
    return {{"x1", s.x1}, {"y1", s.y1}, {"x2", s.x2}, {"y2", s.y2}};
}

} // namespace

AnnotationKind kindOf(const Shape &shape)
{
    return std::visit(Overloaded{[](const BoxShape &) { return AnnotationKind::Box; },
                                 [](const LineShape &) { return AnnotationKind::Line; },
                                 [](const PolygonShape &) { return AnnotationKind::Polygon; },
                                 [](const PointShape &) { return AnnotationKind::Point; }},
                      shape);
}

double effectivePxPerMm(const ImageRecord &image, const ProjectSettings &settings)
{
    if (image.pxPerMm > 0.0)
        return image.pxPerMm;
    return settings.pxPerMm > 0.0 ? settings.pxPerMm : 0.0;
}

std::optional<double> pxToMm(double px, double pxPerMm)
{
    if (!(pxPerMm > 0.0))
        return std::nullopt;
    return px / pxPerMm;
}

double lengthPx(const Segment &s)
{
    return std::hypot(s.x2 - s.x1, s.y2 - s.y1);
}

Segment ordered(const Segment &s)
{
    return {std::min(s.x1, s.x2), std::min(s.y1, s.y2), std::max(s.x1, s.x2), std::max(s.y1, s.y2)};
}

double areaPx(const Shape &shape)
{
    return std::visit(Overloaded{[](const BoxShape &b) {
                                     const Segment c = ordered(b.corners);
                                     return (c.x2 - c.x1) * (c.y2 - c.y1);
                                 },
                                 [](const PolygonShape &p) {
                                     double twice = 0.0;
                                     const std::size_t n = p.points.size();
                                     for (std::size_t i = 0; i < n; ++i) {
                                         const ShapePoint &a = p.points[i], &b = p.points[(i + 1) % n];
                                         twice += a.x * b.y - b.x * a.y;
                                     }
                                     return std::fabs(twice) / 2.0;
                                 },
                                 [](const auto &) { return 0.0; }},
                      shape);
}

double boxIoU(const Segment &a, const Segment &b)
{
    const Segment p = ordered(a), q = ordered(b);
    const double iw = std::max(0.0, std::min(p.x2, q.x2) - std::max(p.x1, q.x1));
    const double ih = std::max(0.0, std::min(p.y2, q.y2) - std::max(p.y1, q.y1));
    const double inter = iw * ih;
    const double uni = (p.x2 - p.x1) * (p.y2 - p.y1) + (q.x2 - q.x1) * (q.y2 - q.y1) - inter;
    return uni > 0.0 ? inter / uni : 0.0;
}

double distancePx(const ShapePoint &a, const ShapePoint &b)
{
    return std::hypot(b.x - a.x, b.y - a.y);
}

std::string encodeGeometry(const Shape &shape, const std::string &ownClass)
{
    json g = std::visit(Overloaded{[](const BoxShape &b) { return segmentJson(ordered(b.corners)); },
                                   [](const LineShape &l) { return segmentJson(l.ends); },
                                   [](const PolygonShape &p) {
                                       json points = json::array();
                                       for (const auto &v : p.points)
                                           points.push_back({v.x, v.y});
                                       return json{{"points", std::move(points)}};
                                   },
                                   [](const PointShape &p) {
                                       return json{{"x", p.at.x}, {"y", p.at.y}};
                                   }},
                        shape);
    if (!ownClass.empty())
        g["class"] = ownClass;
    return g.dump();
}

Shape decodeGeometry(AnnotationKind kind, std::string_view text)
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        malformed(kind, "is not a JSON object");
    switch (kind) {
    case AnnotationKind::Box: return BoxShape{ordered(segmentFrom(j, kind))};
    case AnnotationKind::Line: return LineShape{segmentFrom(j, kind)};
    case AnnotationKind::Point: return PointShape{{number(j, "x", kind), number(j, "y", kind)}};
    case AnnotationKind::Polygon: {
        const auto it = j.find("points");
        if (it == j.end() || !it->is_array() || it->size() < 3)
            malformed(kind, "has no \"points\" array of at least 3 vertices");
        PolygonShape p;
        for (const auto &v : *it) {
            if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
                malformed(kind, "has a vertex that is not [x, y]");
            const double x = v[0].get<double>(), y = v[1].get<double>();
            if (!std::isfinite(x) || !std::isfinite(y))
                malformed(kind, "has a vertex that is not finite");
            p.points.push_back({x, y});
        }
        return p;
    }
    }
    malformed(kind, "is of an unknown kind");
}

std::optional<Shape> shapeOf(const Annotation &a)
{
    try {
        return decodeGeometry(a.kind, a.geometry);
    } catch (const Error &) {
        return std::nullopt;
    }
}

std::optional<Segment> segmentOf(const Annotation &a)
{
    const auto shape = shapeOf(a);
    if (!shape)
        return std::nullopt;
    if (const auto *b = std::get_if<BoxShape>(&*shape))
        return b->corners;
    if (const auto *l = std::get_if<LineShape>(&*shape))
        return l->ends;
    return std::nullopt;
}

std::optional<std::string> ownClassOf(const Annotation &a)
{
    const json j = json::parse(a.geometry, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    const auto it = j.find("class");
    if (it == j.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

Annotation makeAnnotation(const Shape &shape, double pxPerMm, const std::string &ownClass)
{
    Annotation a;
    a.kind = kindOf(shape);
    a.geometry = encodeGeometry(shape, ownClass);
    a.area = areaPx(shape);
    if (const auto *l = std::get_if<LineShape>(&shape)) {
        a.lengthPx = lengthPx(l->ends);
        a.lengthMm = pxToMm(a.lengthPx, pxPerMm);
    }
    return a;
}

Annotation makeLineAnnotation(const Segment &s, double pxPerMm)
{
    return makeAnnotation(LineShape{s}, pxPerMm);
}

Annotation makeBoxAnnotation(const Segment &s, double pxPerMm)
{
    return makeAnnotation(BoxShape{ordered(s)}, pxPerMm);
}

Annotation withSegment(const Annotation &a, const Segment &s, double pxPerMm)
{
    return a.kind == AnnotationKind::Box ? withShape(a, BoxShape{ordered(s)}, pxPerMm)
                                         : withShape(a, LineShape{s}, pxPerMm);
}

Annotation withShape(const Annotation &a, const Shape &shape, double pxPerMm)
{
    Annotation out = makeAnnotation(shape, pxPerMm, ownClassOf(a).value_or(std::string()));
    out.id = a.id;
    out.label = a.label;
    out.classId = a.classId;
    return out;
}

std::optional<double> pxAreaToMm2(double areaPx2, double pxPerMm)
{
    if (!(pxPerMm > 0.0))
        return std::nullopt;
    return areaPx2 / (pxPerMm * pxPerMm);
}

Segment boundsOf(const Shape &shape)
{
    const std::vector<ShapePoint> points = handlesOf(shape);
    if (points.empty())
        return {};
    Segment b{points.front().x, points.front().y, points.front().x, points.front().y};
    for (const ShapePoint &p : points) {
        b.x1 = std::min(b.x1, p.x);
        b.y1 = std::min(b.y1, p.y);
        b.x2 = std::max(b.x2, p.x);
        b.y2 = std::max(b.y2, p.y);
    }
    return b;
}

std::vector<ShapePoint> handlesOf(const Shape &shape)
{
    return std::visit(
        Overloaded{[](const BoxShape &b) {
                       const Segment &c = b.corners;
                       return std::vector<ShapePoint>{{c.x1, c.y1}, {c.x2, c.y2}, {c.x2, c.y1}, {c.x1, c.y2}};
                   },
                   [](const LineShape &l) {
                       return std::vector<ShapePoint>{{l.ends.x1, l.ends.y1}, {l.ends.x2, l.ends.y2}};
                   },
                   [](const PolygonShape &p) { return p.points; },
                   [](const PointShape &p) { return std::vector<ShapePoint>{p.at}; }},
        shape);
}

Shape withHandleMoved(const Shape &shape, std::size_t handle, const ShapePoint &to)
{
    const auto moveSegment = [handle, &to](Segment s) {
        switch (handle) {
        case 0:
            s.x1 = to.x;
            s.y1 = to.y;
            break;
        case 1:
            s.x2 = to.x;
            s.y2 = to.y;
            break;
        case 2: // (x2, y1): the opposite corner (x1, y2) stays
            s.x2 = to.x;
            s.y1 = to.y;
            break;
        case 3: // (x1, y2)
            s.x1 = to.x;
            s.y2 = to.y;
            break;
        default: break;
        }
        return s;
    };
    return std::visit(
        Overloaded{[&](const BoxShape &b) -> Shape { return BoxShape{moveSegment(b.corners)}; },
                   [&](const LineShape &l) -> Shape { return LineShape{handle < 2 ? moveSegment(l.ends) : l.ends}; },
                   [&](const PolygonShape &p) -> Shape {
                       PolygonShape out = p;
                       if (handle < out.points.size())
                           out.points[handle] = to;
                       return out;
                   },
                   [&](const PointShape &p) -> Shape { return PointShape{handle == 0 ? to : p.at}; }},
        shape);
}

Shape translated(const Shape &shape, double dx, double dy)
{
    const auto move = [dx, dy](const Segment &s) { return Segment{s.x1 + dx, s.y1 + dy, s.x2 + dx, s.y2 + dy}; };
    return std::visit(Overloaded{[&](const BoxShape &b) -> Shape { return BoxShape{move(b.corners)}; },
                                 [&](const LineShape &l) -> Shape { return LineShape{move(l.ends)}; },
                                 [&](const PolygonShape &p) -> Shape {
                                     PolygonShape out = p;
                                     for (ShapePoint &v : out.points) {
                                         v.x += dx;
                                         v.y += dy;
                                     }
                                     return out;
                                 },
                                 [&](const PointShape &p) -> Shape {
                                     return PointShape{{p.at.x + dx, p.at.y + dy}};
                                 }},
                      shape);
}

} // namespace concord::core
