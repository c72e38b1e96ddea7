// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/objectshapes_p.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace concord::core::objectshapes {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

// --- shapes -----------------------------------------------------------------------------------

double cross(const ObjectVertex &o, const ObjectVertex &a, const ObjectVertex &b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

double distance(const ObjectVertex &a, const ObjectVertex &b)
{
    return std::hypot(b.x - a.x, b.y - a.y);
}

/// Twice the signed area (shoelace), positive counter-clockwise in a y-up frame.
double twiceSignedArea(std::span<const ObjectVertex> p)
{
    double twice = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const ObjectVertex &a = p[i], &b = p[(i + 1) % p.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return twice;
}

/// The vertices without consecutive repeats (the last one included, against the first).
std::vector<ObjectVertex> withoutRepeats(std::span<const ObjectVertex> p)
{
    std::vector<ObjectVertex> out;
    out.reserve(p.size());
    for (const ObjectVertex &v : p)
        if (out.empty() || v.x != out.back().x || v.y != out.back().y)
            out.push_back(v);
    while (out.size() > 1 && out.back().x == out.front().x && out.back().y == out.front().y)
        out.pop_back();
    return out;
}

bool onSegment(const ObjectVertex &a, const ObjectVertex &b, const ObjectVertex &p)
{
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

int sign(double x)
{
    return (x > 0.0) - (x < 0.0);
}

/// Whether the closed segments pq and rs have a point in common.
bool segmentsMeet(const ObjectVertex &p, const ObjectVertex &q, const ObjectVertex &r, const ObjectVertex &s)
{
    const int d1 = sign(cross(r, s, p)), d2 = sign(cross(r, s, q));
    const int d3 = sign(cross(p, q, r)), d4 = sign(cross(p, q, s));
    if (d1 * d2 < 0 && d3 * d4 < 0)
        return true;
    return (d1 == 0 && onSegment(r, s, p)) || (d2 == 0 && onSegment(r, s, q)) || (d3 == 0 && onSegment(p, q, r)) ||
           (d4 == 0 && onSegment(p, q, s));
}

/// Fewer than three vertices, or all of them on one line (after withoutRepeats).
bool collinear(std::span<const ObjectVertex> p)
{
    for (std::size_t i = 2; i < p.size(); ++i)
        if (cross(p[0], p[1], p[i]) != 0.0)
            return false;
    return true;
}

bool simple(std::span<const ObjectVertex> p)
{
    const std::size_t n = p.size();
    if (n < 3 || twiceSignedArea(p) == 0.0)
        return false;
    for (std::size_t i = 0; i < n; ++i) {
        const ObjectVertex &a = p[i], &b = p[(i + 1) % n], &c = p[(i + 2) % n];
        // Neighbouring edges a–b and b–c only share b, unless c turns back along a–b.
        if (cross(a, b, c) == 0.0 && (a.x - b.x) * (c.x - b.x) + (a.y - b.y) * (c.y - b.y) > 0.0)
            return false;
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1)
                continue; // the last edge neighbours the first
            if (segmentsMeet(a, b, p[j], p[(j + 1) % n]))
                return false;
        }
    }
    return true;
}

std::vector<FanTriangle> fanOf(std::span<const ObjectVertex> p)
{
    std::vector<FanTriangle> fan;
    for (std::size_t i = 1; i + 1 < p.size(); ++i) {
        FanTriangle t{{p[0], p[i], p[i + 1]}};
        const double twice = cross(t.v[0], t.v[1], t.v[2]);
        if (twice == 0.0)
            continue;
        if (twice < 0.0) {
            std::swap(t.v[1], t.v[2]);
            t.sign = -1.0;
        }
        t.x1 = std::min({t.v[0].x, t.v[1].x, t.v[2].x});
        t.y1 = std::min({t.v[0].y, t.v[1].y, t.v[2].y});
        t.x2 = std::max({t.v[0].x, t.v[1].x, t.v[2].x});
        t.y2 = std::max({t.v[0].y, t.v[1].y, t.v[2].y});
        fan.push_back(t);
    }
    return fan;
}

Prepared prepare(const ObjectShape &s)
{
    Prepared p;
    p.kind = s.kind;
    p.cls = s.cls;
    switch (s.kind) {
    case ObjectKind::Box:
        p.p1 = {std::min(s.points[0].x, s.points[1].x), std::min(s.points[0].y, s.points[1].y)};
        p.p2 = {std::max(s.points[0].x, s.points[1].x), std::max(s.points[0].y, s.points[1].y)};
        p.area = (p.p2.x - p.p1.x) * (p.p2.y - p.p1.y);
        break;
    case ObjectKind::Line:
        p.p1 = s.points[0];
        p.p2 = s.points[1];
        break;
    case ObjectKind::Point: p.p1 = s.points[0]; break;
    case ObjectKind::Polygon: {
        const std::vector<ObjectVertex> v = withoutRepeats(s.points);
        p.p1 = {v[0].x, v[0].y};
        p.p2 = p.p1;
        for (const ObjectVertex &q : v) {
            p.p1 = {std::min(p.p1.x, q.x), std::min(p.p1.y, q.y)};
            p.p2 = {std::max(p.p2.x, q.x), std::max(p.p2.y, q.y)};
        }
        if (collinear(v))
            break; // no area: IoU 0 with everything, like a box of zero area
        if (simple(v)) {
            p.area = std::fabs(twiceSignedArea(v)) / 2.0;
            p.fan = fanOf(v);
        } else {
            p.byBoundingBox = true;
            p.area = (p.p2.x - p.p1.x) * (p.p2.y - p.p1.y);
            const std::array<ObjectVertex, 4> box{
                {{p.p1.x, p.p1.y}, {p.p2.x, p.p1.y}, {p.p2.x, p.p2.y}, {p.p1.x, p.p2.y}}};
            p.fan = fanOf(box);
        }
        p.exact = p.area > 0.0;
        break;
    }
    }
    return p;
}

/// Area of the intersection of two counter-clockwise triangles (Sutherland–Hodgman: the
/// first clipped by each edge of the second, which is convex).
double triangleOverlap(const FanTriangle &a, const FanTriangle &b)
{
    if (a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1)
        return 0.0;
    std::array<ObjectVertex, 8> poly{}, next{};
    std::size_t n = 3;
    std::copy(a.v.begin(), a.v.end(), poly.begin());
    for (std::size_t e = 0; e < 3 && n > 0; ++e) {
        const ObjectVertex &c0 = b.v[e], &c1 = b.v[(e + 1) % 3];
        std::size_t m = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const ObjectVertex &s = poly[i], &t = poly[(i + 1) % n];
            const double ds = cross(c0, c1, s), dt = cross(c0, c1, t);
            if (ds >= 0.0)
                next[m++] = s;
            if ((ds >= 0.0) != (dt >= 0.0)) {
                const double k = ds / (ds - dt);
                next[m++] = {s.x + k * (t.x - s.x), s.y + k * (t.y - s.y)};
            }
        }
        poly = next;
        n = m;
    }
    return n < 3 ? 0.0 : std::fabs(twiceSignedArea(std::span<const ObjectVertex>(poly.data(), n))) / 2.0;
}

double boxIoU(const Prepared &a, const Prepared &b)
{
    // The formula of core/geometry's boxIoU, so that both give the same bits.
    const double iw = std::max(0.0, std::min(a.p2.x, b.p2.x) - std::max(a.p1.x, b.p1.x));
    const double ih = std::max(0.0, std::min(a.p2.y, b.p2.y) - std::max(a.p1.y, b.p1.y));
    const double inter = iw * ih;
    const double uni = (a.p2.x - a.p1.x) * (a.p2.y - a.p1.y) + (b.p2.x - b.p1.x) * (b.p2.y - b.p1.y) - inter;
    return uni > 0.0 ? inter / uni : 0.0;
}

double polygonIoU(const Prepared &a, const Prepared &b)
{
    if (!a.exact || !b.exact || a.p2.x <= b.p1.x || b.p2.x <= a.p1.x || a.p2.y <= b.p1.y || b.p2.y <= a.p1.y)
        return 0.0;
    // The fan triangles' signed indicators sum to the winding number, ±1 inside a simple
    // polygon and 0 outside, so Σ_ij s_i s_j |T_i ∩ T_j| = ± |A ∩ B| exactly.
    double inter = 0.0;
    for (const FanTriangle &s : a.fan)
        for (const FanTriangle &t : b.fan)
            inter += s.sign * t.sign * triangleOverlap(s, t);
    inter = std::min(std::fabs(inter), std::min(a.area, b.area));
    const double uni = a.area + b.area - inter;
    return uni > 0.0 ? inter / uni : 0.0;
}

double preparedIoU(const Prepared &a, const Prepared &b)
{
    if (a.kind != b.kind)
        return kNaN;
    if (a.kind == ObjectKind::Box)
        return boxIoU(a, b);
    if (a.kind == ObjectKind::Polygon)
        return polygonIoU(a, b);
    return kNaN;
}

double lineDistance(const Prepared &a, const Prepared &b, double d)
{
    double best = kNaN;
    const double s1 = distance(a.p1, b.p1), s2 = distance(a.p2, b.p2);
    if (s1 <= d && s2 <= d)
        best = (s1 + s2) / 2.0;
    const double r1 = distance(a.p1, b.p2), r2 = distance(a.p2, b.p1);
    if (r1 <= d && r2 <= d && !((r1 + r2) / 2.0 >= best))
        best = (r1 + r2) / 2.0;
    return best;
}

bool isSimpleOutline(std::span<const ObjectVertex> points)
{
    return simple(withoutRepeats(points));
}

} // namespace concord::core::objectshapes
