// SPDX-License-Identifier: GPL-3.0-or-later
// "Agreement on objects" (docs/AGREEMENT.md): the exact assignment and the pooled figures. The
// shapes' geometry (IoU, distances, polygon checks) is in objectshapes_p.h.
#include "core/agreement/objectagreement.h"

#include "core/agreement/objectshapes_p.h"

#include "core/agreement/coefficients.h"
#include "core/common/error.h"
#include "core/common/parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <utility>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

using objectshapes::distance;
using objectshapes::lineDistance;
using objectshapes::prepare;
using objectshapes::Prepared;
using objectshapes::preparedIoU;

// --- assignment -------------------------------------------------------------------------------

/// A cost compared lexicographically: first `primary`, then `secondary`. Boxes and polygons
/// cost (−IoU, −1): most total IoU, then most matches; lines and points (−1, distance): most
/// matches, then least total distance. Not matching costs (0, 0).
struct LexCost
{
    double primary = 0.0;
    double secondary = 0.0;
};

LexCost operator+(LexCost a, LexCost b)
{
    return {a.primary + b.primary, a.secondary + b.secondary};
}
LexCost operator-(LexCost a, LexCost b)
{
    return {a.primary - b.primary, a.secondary - b.secondary};
}
bool operator<(LexCost a, LexCost b)
{
    return a.primary < b.primary || (a.primary == b.primary && a.secondary < b.secondary);
}

/// Minimum-cost assignment of every row to a distinct column (rows ≤ cols), the Hungarian
/// algorithm with potentials in O(rows² · cols) (Kuhn 1955, Munkres 1957; the shortest
/// augmenting path form of Jonker & Volgenant). Returns the column of each row.
std::vector<std::size_t> hungarian(const std::vector<LexCost> &cost, std::size_t rows, std::size_t cols)
{
    const LexCost inf{std::numeric_limits<double>::infinity(), 0.0};
    std::vector<LexCost> u(rows + 1), v(cols + 1), minv(cols + 1);
    std::vector<std::size_t> p(cols + 1, 0), way(cols + 1, 0);
    std::vector<char> used(cols + 1);
    for (std::size_t i = 1; i <= rows; ++i) {
        p[0] = i;
        std::size_t j0 = 0;
        std::fill(minv.begin(), minv.end(), inf);
        std::fill(used.begin(), used.end(), 0);
        do {
            used[j0] = 1;
            const std::size_t i0 = p[j0];
            LexCost delta = inf;
            std::size_t j1 = 0;
            for (std::size_t j = 1; j <= cols; ++j) {
                if (used[j])
                    continue;
                const LexCost cur = cost[(i0 - 1) * cols + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (std::size_t j = 0; j <= cols; ++j) {
                if (used[j]) {
                    u[p[j]] = u[p[j]] + delta;
                    v[j] = v[j] - delta;
                } else {
                    minv[j] = minv[j] - delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const std::size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<std::size_t> out(rows);
    for (std::size_t j = 1; j <= cols; ++j)
        if (p[j] != 0)
            out[p[j] - 1] = j - 1;
    return out;
}

/// A candidate pair: shapes of one kind close enough at the loosest threshold asked for.
struct Candidate
{
    std::int32_t a = 0;
    std::int32_t b = 0;
    double iou = kNaN;      ///< boxes, polygons
    double distance = kNaN; ///< lines, points
    bool sameClass = true;
};

std::vector<Candidate> candidates(const std::vector<Prepared> &a, const std::vector<Prepared> &b, double minIou,
                                  double d)
{
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t j = 0; j < b.size(); ++j) {
            const Prepared &x = a[i], &y = b[j];
            if (x.kind != y.kind)
                continue;
            Candidate c{static_cast<std::int32_t>(i), static_cast<std::int32_t>(j), kNaN, kNaN, x.cls == y.cls};
            switch (x.kind) {
            case ObjectKind::Box:
            case ObjectKind::Polygon:
                c.iou = preparedIoU(x, y);
                if (!(c.iou >= minIou))
                    continue;
                break;
            case ObjectKind::Line:
                c.distance = lineDistance(x, y, d);
                if (std::isnan(c.distance))
                    continue;
                break;
            case ObjectKind::Point:
                c.distance = distance(x.p1, y.p1);
                if (!(c.distance <= d))
                    continue;
                break;
            }
            out.push_back(c);
        }
    }
    return out;
}

std::size_t findRoot(std::vector<std::size_t> &parent, std::size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/// The optimal matching among `edges` (docs/AGREEMENT.md), solved per connected group of
/// candidate pairs: shapes in different groups cannot compete, so the groups' optima add up.
std::vector<ObjectMatch> solve(const std::vector<Candidate> &edges, std::size_t na, std::size_t nb)
{
    std::vector<ObjectMatch> out;
    if (edges.empty())
        return out;
    std::vector<std::size_t> parent(na + nb);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    for (const Candidate &e : edges) {
        const std::size_t x = findRoot(parent, idx(e.a)), y = findRoot(parent, na + idx(e.b));
        if (x != y)
            parent[std::max(x, y)] = std::min(x, y);
    }
    std::vector<std::vector<std::size_t>> groups(na + nb);
    for (std::size_t e = 0; e < edges.size(); ++e)
        groups[findRoot(parent, idx(edges[e].a))].push_back(e);
    const auto matchOf = [](const Candidate &c) { return ObjectMatch{c.a, c.b, c.iou, c.distance}; };
    for (const auto &group : groups) {
        if (group.empty())
            continue;
        if (group.size() == 1) {
            out.push_back(matchOf(edges[group[0]]));
            continue;
        }
        std::vector<std::int32_t> rowsOf, colsOf;
        for (const std::size_t e : group) {
            rowsOf.push_back(edges[e].a);
            colsOf.push_back(edges[e].b);
        }
        std::sort(rowsOf.begin(), rowsOf.end());
        rowsOf.erase(std::unique(rowsOf.begin(), rowsOf.end()), rowsOf.end());
        std::sort(colsOf.begin(), colsOf.end());
        colsOf.erase(std::unique(colsOf.begin(), colsOf.end()), colsOf.end());
        const bool transposed = rowsOf.size() > colsOf.size();
        const std::size_t rows = transposed ? colsOf.size() : rowsOf.size();
        const std::size_t cols = transposed ? rowsOf.size() : colsOf.size();
        std::vector<LexCost> cost(rows * cols);
        std::vector<std::size_t> edgeAt(rows * cols, edges.size());
        for (const std::size_t e : group) {
            const Candidate &c = edges[e];
            const auto r =
                static_cast<std::size_t>(std::lower_bound(rowsOf.begin(), rowsOf.end(), c.a) - rowsOf.begin());
            const auto k =
                static_cast<std::size_t>(std::lower_bound(colsOf.begin(), colsOf.end(), c.b) - colsOf.begin());
            const std::size_t cell = transposed ? k * cols + r : r * cols + k;
            cost[cell] = std::isnan(c.iou) ? LexCost{-1.0, c.distance} : LexCost{-c.iou, -1.0};
            edgeAt[cell] = e;
        }
        const std::vector<std::size_t> assigned = hungarian(cost, rows, cols);
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t e = edgeAt[r * cols + assigned[r]];
            if (e < edges.size())
                out.push_back(matchOf(edges[e]));
        }
    }
    std::sort(out.begin(), out.end(), [](const ObjectMatch &x, const ObjectMatch &y) { return x.a < y.a; });
    return out;
}

std::vector<ObjectMatch> solveFiltered(const std::vector<Candidate> &all, std::size_t na, std::size_t nb, double t,
                                       bool classAware)
{
    std::vector<Candidate> edges;
    edges.reserve(all.size());
    for (const Candidate &c : all)
        if ((!classAware || c.sameClass) && (std::isnan(c.iou) || c.iou >= t))
            edges.push_back(c);
    return solve(edges, na, nb);
}

/// The points a shape of its kind needs, all finite; Error(Invalid) otherwise.
void checkShape(const ObjectShape &shape)
{
    const std::size_t need = shape.kind == ObjectKind::Point ? 1 : 2;
    const bool polygon = shape.kind == ObjectKind::Polygon;
    if (polygon ? shape.points.size() < 3 : shape.points.size() != need)
        throw Error(ErrorCode::Invalid, polygon ? "a polygon needs at least 3 vertices"
                                                : "a shape has the wrong number of points for its kind");
    for (const ObjectVertex &v : shape.points)
        if (!std::isfinite(v.x) || !std::isfinite(v.y))
            throw Error(ErrorCode::Invalid, "a shape has a coordinate that is not a finite number");
}

void checkOptions(double t, double d)
{
    if (!(t > 0.0 && t <= 1.0))
        throw Error(ErrorCode::Invalid, "the IoU threshold must be greater than 0 and at most 1", {}, 0, "--iou");
    if (!(d >= 0.0) || !std::isfinite(d))
        throw Error(ErrorCode::Invalid, "the distance must be a finite number of pixels, 0 or more", {}, 0,
                    "--distance");
}

// --- the figures ------------------------------------------------------------------------------

/// What one labeler of an image pair adds to their per-labeler figures.
struct LabelerPart
{
    std::int32_t labeler = 0;
    std::int64_t compared = 0;
    std::int64_t matched = 0;
    std::int64_t misses = 0;
    std::int64_t extras = 0;
};

/// The sums one image adds.
struct ImageSums
{
    std::int64_t pairs = 0;
    std::int64_t shapes = 0; ///< Σ |A| + |B|
    std::int64_t m50 = 0;
    std::int64_t m75 = 0;
    std::int64_t mt = 0;
    double iouSum = 0.0;
    std::int64_t iouMatches = 0;
    std::vector<LabelerPart> parts;
    std::vector<std::pair<std::int32_t, std::int32_t>> classPairs;
};

ImageSums imageSums(const std::vector<ObjectTable::Drawing> &drawings, const ObjectAgreementOptions &o)
{
    ImageSums s;
    std::vector<std::vector<Prepared>> prepared(drawings.size());
    for (std::size_t x = 0; x < drawings.size(); ++x)
        for (const ObjectShape &shape : drawings[x].shapes)
            prepared[x].push_back(prepare(shape));
    const double loosest = std::min(0.5, o.iou);
    for (std::size_t x = 0; x < drawings.size(); ++x) {
        for (std::size_t y = x + 1; y < drawings.size(); ++y) {
            const std::vector<Prepared> &a = prepared[x], &b = prepared[y];
            const auto na = static_cast<std::int64_t>(a.size()), nb = static_cast<std::int64_t>(b.size());
            const std::vector<Candidate> all = candidates(a, b, loosest, o.distancePx);
            const auto at = [&](double t) { return solveFiltered(all, a.size(), b.size(), t, true); };
            const std::vector<ObjectMatch> matches = at(o.iou);
            const auto count = [](const std::vector<ObjectMatch> &m) { return static_cast<std::int64_t>(m.size()); };
            const std::int64_t m = count(matches);
            ++s.pairs;
            s.shapes += na + nb;
            s.mt += m;
            s.m50 += o.iou == 0.5 ? m : count(at(0.5));
            s.m75 += o.iou == 0.75 ? m : count(at(0.75));
            for (const ObjectMatch &match : matches) {
                if (!std::isnan(match.iou)) {
                    s.iouSum += match.iou;
                    ++s.iouMatches;
                }
            }
            s.parts.push_back({drawings[x].labeler, na, m, nb - m, na - m});
            s.parts.push_back({drawings[y].labeler, nb, m, na - m, nb - m});
            for (const ObjectMatch &match : solveFiltered(all, a.size(), b.size(), o.iou, false))
                s.classPairs.emplace_back(a[idx(match.a)].cls, b[idx(match.b)].cls);
        }
    }
    return s;
}

nlohmann::json number(double x)
{
    return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

double ratio(double num, double den)
{
    return den > 0.0 ? num / den : kNaN;
}

} // namespace

// --- ObjectShape, ObjectTable ---------------------------------------------------------------------

ObjectShape ObjectShape::box(std::int32_t cls, double x1, double y1, double x2, double y2)
{
    return {ObjectKind::Box, cls, {{x1, y1}, {x2, y2}}};
}

ObjectShape ObjectShape::line(std::int32_t cls, double x1, double y1, double x2, double y2)
{
    return {ObjectKind::Line, cls, {{x1, y1}, {x2, y2}}};
}

ObjectShape ObjectShape::point(std::int32_t cls, double x, double y)
{
    return {ObjectKind::Point, cls, {{x, y}}};
}

ObjectShape ObjectShape::polygon(std::int32_t cls, std::vector<ObjectVertex> points)
{
    return {ObjectKind::Polygon, cls, std::move(points)};
}

namespace {

std::int32_t intern(std::string_view name, std::vector<std::string> &names,
                    std::unordered_map<std::string, std::int32_t> &index)
{
    std::string key(name);
    const auto it = index.find(key);
    if (it != index.end())
        return it->second;
    const auto i = static_cast<std::int32_t>(names.size());
    names.push_back(key);
    index.emplace(std::move(key), i);
    return i;
}

} // namespace

std::int32_t ObjectTable::item(std::string_view name)
{
    const std::int32_t i = intern(name, m_itemNames, m_itemIndex);
    if (m_drawings.size() < m_itemNames.size())
        m_drawings.resize(m_itemNames.size());
    return i;
}

std::int32_t ObjectTable::labeler(std::string_view name)
{
    return intern(name, m_labelerNames, m_labelerIndex);
}

std::int32_t ObjectTable::cls(std::string_view name)
{
    return intern(name, m_classNames, m_classIndex);
}

ObjectTable::Drawing &ObjectTable::drawing(std::int32_t item, std::int32_t labeler)
{
    if (item < 0 || item >= itemCount() || labeler < 0 || labeler >= labelerCount())
        throw Error(ErrorCode::Invalid, "object table: item or labeler index out of range");
    auto &drawings = m_drawings[idx(item)];
    for (Drawing &d : drawings)
        if (d.labeler == labeler)
            return d;
    drawings.push_back({labeler, {}});
    return drawings.back();
}

void ObjectTable::markLabeled(std::int32_t item, std::int32_t labeler)
{
    static_cast<void>(drawing(item, labeler));
}

void ObjectTable::add(std::int32_t item, std::int32_t labeler, ObjectShape shape)
{
    checkShape(shape);
    if (shape.cls < 0 || shape.cls >= classCount())
        throw Error(ErrorCode::Invalid, "a shape's class index is out of range");
    drawing(item, labeler).shapes.push_back(std::move(shape));
    ++m_shapes;
}

const std::vector<ObjectTable::Drawing> &ObjectTable::drawingsOf(std::int32_t item) const
{
    return m_drawings.at(idx(item));
}

// --- public functions -------------------------------------------------------------------------

bool isSimplePolygon(std::span<const ObjectVertex> points)
{
    return objectshapes::isSimpleOutline(points);
}

double objectIoU(const ObjectShape &a, const ObjectShape &b)
{
    checkShape(a);
    checkShape(b);
    return preparedIoU(prepare(a), prepare(b));
}

std::vector<ObjectMatch> matchObjects(std::span<const ObjectShape> a, std::span<const ObjectShape> b,
                                      double iouThreshold, double distancePx, bool classAware)
{
    checkOptions(iouThreshold, distancePx);
    std::vector<Prepared> pa, pb;
    for (const ObjectShape &s : a) {
        checkShape(s);
        pa.push_back(prepare(s));
    }
    for (const ObjectShape &s : b) {
        checkShape(s);
        pb.push_back(prepare(s));
    }
    return solveFiltered(candidates(pa, pb, iouThreshold, distancePx), pa.size(), pb.size(), iouThreshold, classAware);
}

ObjectAgreement computeObjectAgreement(const ObjectTable &table, const ObjectAgreementOptions &options)
{
    checkOptions(options.iou, options.distancePx);
    ObjectAgreement r;
    r.iou = options.iou;
    r.distancePx = options.distancePx;
    r.images = table.itemCount();
    r.labelers = table.labelerCount();
    r.shapes = table.shapeCount();
    r.bootstrap = options.bootstrap;
    r.labelerNames = table.labelerNames();
    r.classNames = table.classNames();
    r.perLabeler.resize(idx(table.labelerCount()));
    for (std::int32_t l = 0; l < table.labelerCount(); ++l)
        r.perLabeler[idx(l)].labeler = l;

    std::vector<std::int32_t> compared; // images with two or more labelers
    for (std::int32_t i = 0; i < table.itemCount(); ++i) {
        const auto &drawings = table.drawingsOf(i);
        for (const auto &d : drawings) {
            auto &l = r.perLabeler[idx(d.labeler)];
            ++l.images;
            l.shapes += static_cast<std::int64_t>(d.shapes.size());
            for (const ObjectShape &s : d.shapes)
                if (s.kind == ObjectKind::Polygon && prepare(s).byBoundingBox)
                    ++r.polygonsByBoundingBox;
        }
        if (drawings.size() >= 2)
            compared.push_back(i);
    }
    r.coverage = assessCoverage(static_cast<std::int64_t>(compared.size()),
                                options.totalItems > 0 ? options.totalItems : table.itemCount());

    std::vector<ImageSums> sums(compared.size());
    ParallelOptions parallel;
    parallel.threads = options.threads;
    static_cast<void>(parallelFor(
        compared.size(),
        [&](std::size_t k, std::size_t) { sums[k] = imageSums(table.drawingsOf(compared[k]), options); }, parallel));

    const auto k = idx(table.classCount());
    std::vector<double> classTable(k * k, 0.0);
    std::int64_t sameClass = 0;
    double iouSum = 0.0;
    for (const ImageSums &s : sums) {
        r.imagePairs += s.pairs;
        r.pairedShapes += s.shapes;
        r.matchesIou50 += s.m50;
        r.matchesIou75 += s.m75;
        r.matches += s.mt;
        iouSum += s.iouSum;
        r.iouMatches += s.iouMatches;
        for (const LabelerPart &p : s.parts) {
            auto &l = r.perLabeler[idx(p.labeler)];
            l.compared += p.compared;
            l.matched += p.matched;
            l.misses += p.misses;
            l.extras += p.extras;
        }
        for (const auto &[ca, cb] : s.classPairs) {
            classTable[idx(ca) * k + idx(cb)] += 1.0;
            classTable[idx(cb) * k + idx(ca)] += 1.0;
            sameClass += ca == cb ? 1 : 0;
            ++r.classPairs;
        }
    }
    const auto shapes = static_cast<double>(r.pairedShapes);
    r.f1Iou50 = ratio(2.0 * static_cast<double>(r.matchesIou50), shapes);
    r.f1Iou75 = ratio(2.0 * static_cast<double>(r.matchesIou75), shapes);
    r.f1 = ratio(2.0 * static_cast<double>(r.matches), shapes);
    r.meanMatchedIou = ratio(iouSum, static_cast<double>(r.iouMatches));
    for (auto &l : r.perLabeler)
        l.matchedShare = ratio(static_cast<double>(l.matched), static_cast<double>(l.compared));
    if (r.classPairs > 0) {
        r.classAgreement = static_cast<double>(sameClass) / static_cast<double>(r.classPairs);
        r.classKappa = cohenKappa(classTable, table.classCount());
    }

    const auto ci = bootstrapItems(
        static_cast<std::int32_t>(compared.size()), 1,
        [&sums](ItemWeights w, std::span<double> out) {
            double matched = 0.0, drawn = 0.0;
            for (std::size_t i = 0; i < sums.size(); ++i) {
                matched += w[i] * static_cast<double>(sums[i].m50);
                drawn += w[i] * static_cast<double>(sums[i].shapes);
            }
            out[0] = ratio(2.0 * matched, drawn);
        },
        options.bootstrap);
    r.f1Iou50Ci = ci[0];
    return r;
}

nlohmann::json toJson(const ObjectAgreement &r, const std::string &itemNoun)
{
    using nlohmann::json;
    json j;
    j["iou"] = r.iou;
    j["distance_px"] = r.distancePx;
    j["images"] = r.images;
    j["compared_images"] = r.coverage.compared;
    j["project_images"] = r.coverage.total;
    j["too_few_compared"] = r.coverage.tooFew();
    const std::string warning = coverageWarning(r.coverage, itemNoun);
    j["warning"] = warning.empty() ? json(nullptr) : json(warning);
    j["labelers"] = r.labelers;
    j["shapes"] = r.shapes;
    j["image_pairs"] = r.imagePairs;
    j["paired_shapes"] = r.pairedShapes;
    j["matches_iou50"] = r.matchesIou50;
    j["matches_iou75"] = r.matchesIou75;
    j["matches"] = r.matches;
    j["f1_iou50"] = number(r.f1Iou50);
    j["f1_iou75"] = number(r.f1Iou75);
    j["f1"] = number(r.f1);
    j["f1_iou50_ci95"] = json::array({number(r.f1Iou50Ci.lo), number(r.f1Iou50Ci.hi)});
    j["bootstrap"] = {{"resamples", r.bootstrap.resamples}, {"seed", r.bootstrap.seed}, {"level", r.bootstrap.level}};
    j["mean_matched_iou"] = number(r.meanMatchedIou);
    j["iou_matches"] = r.iouMatches;
    j["class_pairs"] = r.classPairs;
    j["class_agreement"] = number(r.classAgreement);
    j["class_kappa"] = number(r.classKappa);
    j["polygons_by_bounding_box"] = r.polygonsByBoundingBox;
    j["classes"] = r.classNames;
    json labelers = json::array();
    for (const auto &l : r.perLabeler)
        labelers.push_back({{"labeler", r.labelerNames[idx(l.labeler)]},
                            {"images", l.images},
                            {"shapes", l.shapes},
                            {"compared", l.compared},
                            {"matched", l.matched},
                            {"matched_share", number(l.matchedShare)},
                            {"misses", l.misses},
                            {"extras", l.extras}});
    j["per_labeler"] = std::move(labelers);
    return j;
}

} // namespace concord::core
