// SPDX-License-Identifier: GPL-3.0-or-later
// "Consensus objects" (docs/AGREEMENT.md): complete-linkage clustering of matched shapes with
// one shape per labeler, the class vote and the geometry fusion. The match criterion and the
// shapes' IoU and distances are those of the pairwise agreement (objectshapes_p.h).
#include "core/agreement/objectconsensus.h"

#include "core/agreement/objectshapes_p.h"

#include "core/agreement/dawidskene.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/ratingtable.h"
#include "core/common/error.h"
#include "core/common/parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
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

using objectshapes::Prepared;

/// One shape of the image being clustered.
struct Node
{
    std::int32_t labeler = 0;
    std::int32_t shape = 0;
    const ObjectShape *source = nullptr;
    const std::string *labelerName = nullptr;
    Prepared prepared;
};

/// The order that makes the clustering independent of the table's order: labeler name, kind,
/// coordinates, class, and last the shape's index (only identical shapes of one labeler differ
/// by it alone).
bool nodeBefore(const Node &a, const Node &b)
{
    if (*a.labelerName != *b.labelerName)
        return *a.labelerName < *b.labelerName;
    if (a.source->kind != b.source->kind)
        return a.source->kind < b.source->kind;
    const auto &p = a.source->points, &q = b.source->points;
    const auto point = [](const ObjectVertex &v) { return std::pair{v.x, v.y}; };
    for (std::size_t i = 0; i < std::min(p.size(), q.size()); ++i)
        if (point(p[i]) != point(q[i]))
            return point(p[i]) < point(q[i]);
    if (p.size() != q.size())
        return p.size() < q.size();
    if (a.source->cls != b.source->cls)
        return a.source->cls < b.source->cls;
    return a.shape < b.shape;
}

/// How two shapes match, or not (`match` false).
struct Link
{
    bool match = false;
    double iou = kNaN;
    double distance = kNaN;
};

Link link(const Node &x, const Node &y, const ObjectConsensusOptions &o)
{
    Link l;
    if (x.labeler == y.labeler || x.prepared.kind != y.prepared.kind ||
        (o.classAware && x.prepared.cls != y.prepared.cls))
        return l;
    switch (x.prepared.kind) {
    case ObjectKind::Box:
    case ObjectKind::Polygon:
        l.iou = objectshapes::preparedIoU(x.prepared, y.prepared);
        l.match = l.iou >= o.iou;
        break;
    case ObjectKind::Line:
        l.distance = objectshapes::lineDistance(x.prepared, y.prepared, o.distancePx);
        l.match = !std::isnan(l.distance);
        break;
    case ObjectKind::Point:
        l.distance = objectshapes::distance(x.prepared.p1, y.prepared.p1);
        l.match = l.distance <= o.distancePx;
        break;
    }
    return l;
}

bool areaKind(ObjectKind k)
{
    return k == ObjectKind::Box || k == ObjectKind::Polygon;
}

/// A cluster before its class is voted: its members with their links.
struct Draft
{
    ConsensusObject object;
    std::vector<const ObjectShape *> shapes; ///< per member
    std::vector<Prepared> prepared;          ///< per member
};

/// Clusters one image's shapes: every candidate link, strongest first (highest IoU, or
/// shortest distance; ties by the nodes' canonical order), joins the two clusters of its ends
/// when they have no labeler in common and every member of one matches every member of the
/// other.
void clusterImage(const ObjectTable &table, std::int32_t item, const ObjectConsensusOptions &o, std::vector<Draft> &out)
{
    const auto &drawings = table.drawingsOf(item);
    const auto labelers = static_cast<std::int32_t>(drawings.size());
    std::vector<Node> nodes;
    for (const auto &d : drawings)
        for (std::size_t s = 0; s < d.shapes.size(); ++s)
            nodes.push_back({d.labeler, static_cast<std::int32_t>(s), &d.shapes[s],
                             &table.labelerNames()[idx(d.labeler)], objectshapes::prepare(d.shapes[s])});
    std::sort(nodes.begin(), nodes.end(), nodeBefore);
    const std::size_t n = nodes.size();

    std::vector<Link> links(n * n);
    struct Edge
    {
        double strength = 0.0; ///< IoU, or −distance
        std::size_t i = 0, j = 0;
    };
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            const Link l = link(nodes[i], nodes[j], o);
            links[i * n + j] = links[j * n + i] = l;
            if (l.match)
                edges.push_back({areaKind(nodes[i].prepared.kind) ? l.iou : -l.distance, i, j});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) {
        if (a.strength != b.strength)
            return a.strength > b.strength;
        return std::pair{a.i, a.j} < std::pair{b.i, b.j};
    });

    std::vector<std::size_t> clusterOf(n);
    std::iota(clusterOf.begin(), clusterOf.end(), std::size_t{0});
    std::vector<std::vector<std::size_t>> members(n);
    for (std::size_t i = 0; i < n; ++i)
        members[i] = {i};
    for (const Edge &e : edges) {
        const std::size_t ci = clusterOf[e.i], cj = clusterOf[e.j];
        if (ci == cj)
            continue;
        bool joinable = true;
        for (const std::size_t x : members[ci])
            for (const std::size_t y : members[cj])
                joinable = joinable && nodes[x].labeler != nodes[y].labeler && links[x * n + y].match;
        if (!joinable)
            continue;
        const std::size_t keep = std::min(ci, cj), gone = std::max(ci, cj);
        for (const std::size_t y : members[gone])
            clusterOf[y] = keep;
        members[keep].insert(members[keep].end(), members[gone].begin(), members[gone].end());
        std::sort(members[keep].begin(), members[keep].end());
        members[gone].clear();
    }

    const std::int32_t quorum = o.quorum.required(labelers);
    for (const auto &m : members) {
        if (m.empty())
            continue;
        Draft d;
        d.object.item = item;
        d.object.kind = nodes[m.front()].prepared.kind;
        d.object.labelers = labelers;
        d.object.quorum = quorum;
        for (const std::size_t x : m) {
            d.object.members.push_back({nodes[x].labeler, nodes[x].shape, nodes[x].source->cls, kNaN});
            d.shapes.push_back(nodes[x].source);
            d.prepared.push_back(nodes[x].prepared);
        }
        for (std::size_t a = 0; a < m.size(); ++a)
            for (std::size_t b = a + 1; b < m.size(); ++b) {
                const Link &l = links[m[a] * n + m[b]];
                d.object.pairs.push_back(
                    {static_cast<std::int32_t>(a), static_cast<std::int32_t>(b), l.iou, l.distance});
            }
        out.push_back(std::move(d));
    }
}

/// Each member's mean IoU (boxes, polygons) or mean distance (lines, points) to the others.
void memberAgreement(ConsensusObject &c)
{
    const std::size_t k = c.members.size();
    if (k < 2)
        return;
    std::vector<double> sum(k, 0.0);
    for (const auto &p : c.pairs) {
        const double v = areaKind(c.kind) ? p.iou : p.distance;
        sum[idx(p.a)] += v;
        sum[idx(p.b)] += v;
    }
    for (std::size_t i = 0; i < k; ++i)
        c.members[i].agreement = sum[i] / static_cast<double>(k - 1);
}

ObjectShape orderedBox(const Prepared &p, std::int32_t cls)
{
    return ObjectShape::box(cls, p.p1.x, p.p1.y, p.p2.x, p.p2.y);
}

/// The fused geometry (docs/AGREEMENT.md): weighted box fusion for boxes, the medoid for the
/// other kinds, the shape itself for a cluster of one.
void fuse(Draft &d)
{
    ConsensusObject &c = d.object;
    const std::size_t k = c.members.size();
    if (k == 1) {
        c.fusion = ObjectFusion::Single;
        c.shape = c.kind == ObjectKind::Box ? orderedBox(d.prepared[0], c.cls) : *d.shapes[0];
        c.shape.cls = c.cls;
        return;
    }
    if (c.kind == ObjectKind::Box) {
        c.fusion = ObjectFusion::WeightedBoxFusion;
        double w = 0.0, x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0;
        for (std::size_t i = 0; i < k; ++i) {
            const double wi = c.members[i].agreement;
            const Prepared &p = d.prepared[i];
            w += wi;
            x1 += wi * p.p1.x;
            y1 += wi * p.p1.y;
            x2 += wi * p.p2.x;
            y2 += wi * p.p2.y;
        }
        c.shape = ObjectShape::box(c.cls, x1 / w, y1 / w, x2 / w, y2 / w);
        return;
    }
    c.fusion = ObjectFusion::Medoid;
    // Highest mean IoU, or least mean distance; a tie goes to the member first in labeler-name
    // order.
    std::size_t best = 0;
    for (std::size_t i = 1; i < k; ++i) {
        const double a = c.members[i].agreement, b = c.members[best].agreement;
        if (areaKind(c.kind) ? a > b : a < b)
            best = i;
    }
    c.medoid = static_cast<std::int32_t>(best);
    c.shape = *d.shapes[best];
    c.shape.cls = c.cls;
}

/// The majority class of a cluster: most members; a tie to the first class in table order.
void majorityClass(ConsensusObject &c)
{
    std::vector<std::pair<std::int32_t, std::int32_t>> votes; // class, count
    for (const auto &m : c.members) {
        auto it = std::find_if(votes.begin(), votes.end(), [&](const auto &v) { return v.first == m.cls; });
        if (it == votes.end())
            votes.emplace_back(m.cls, 1);
        else
            ++it->second;
    }
    std::sort(votes.begin(), votes.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    c.cls = votes[0].first;
    c.classTie = votes.size() > 1 && votes[1].second == votes[0].second;
}

void validate(const ObjectConsensusOptions &o)
{
    if (!(o.iou > 0.0 && o.iou <= 1.0))
        throw Error(ErrorCode::Invalid, "the IoU threshold must be in (0, 1]", {}, 0, std::to_string(o.iou));
    if (!(o.distancePx >= 0.0) || !std::isfinite(o.distancePx))
        throw Error(ErrorCode::Invalid, "the distance must be a number of pixels ≥ 0", {}, 0,
                    std::to_string(o.distancePx));
    if (o.quorum.kind == ObjectQuorum::Kind::Count &&
        !(o.quorum.value >= 1.0 && std::floor(o.quorum.value) == o.quorum.value))
        throw Error(ErrorCode::Invalid, "a quorum count must be a whole number ≥ 1", {}, 0,
                    std::to_string(o.quorum.value));
    if (o.quorum.kind == ObjectQuorum::Kind::Fraction && !(o.quorum.value > 0.0 && o.quorum.value <= 1.0))
        throw Error(ErrorCode::Invalid, "a quorum fraction must be in (0, 1]", {}, 0, std::to_string(o.quorum.value));
}

nlohmann::json numberOrNull(double v)
{
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

std::string_view kindName(ObjectKind k)
{
    switch (k) {
    case ObjectKind::Box: return "box";
    case ObjectKind::Line: return "line";
    case ObjectKind::Polygon: return "polygon";
    case ObjectKind::Point: return "point";
    }
    return "box";
}

} // namespace

std::int32_t ObjectQuorum::required(std::int32_t labelers) const
{
    switch (kind) {
    case Kind::Majority: return labelers / 2 + 1;
    case Kind::Count: return std::max(1, static_cast<std::int32_t>(value));
    case Kind::Fraction:
        return std::max(1, static_cast<std::int32_t>(std::ceil(value * static_cast<double>(labelers) - 1e-9)));
    }
    return labelers / 2 + 1;
}

std::string ObjectQuorum::describe() const
{
    switch (kind) {
    case Kind::Majority: return "majority";
    case Kind::Count: {
        const auto n = static_cast<std::int64_t>(value);
        return std::to_string(n) + (n == 1 ? " labeler" : " labelers");
    }
    case Kind::Fraction: {
        std::string s = std::to_string(value * 100.0);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.')
            s.pop_back();
        return s + " % of labelers";
    }
    }
    return "majority";
}

ObjectQuorum parseObjectQuorum(std::string_view text)
{
    const auto bad = [&] {
        return Error(ErrorCode::Invalid,
                     "a quorum is 'majority', a count of labelers (e.g. 2) or a fraction (e.g. 0.5 or 50%)", {}, 0,
                     std::string(text));
    };
    if (text == "majority")
        return ObjectQuorum::majority();
    if (text.empty())
        throw bad();
    const bool percent = text.back() == '%';
    const std::string number(percent ? text.substr(0, text.size() - 1) : text);
    if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos ||
        std::count(number.begin(), number.end(), '.') > 1 || number == ".")
        throw bad();
    const double v = std::stod(number);
    if (!percent && number.find('.') == std::string::npos) {
        if (v < 1.0 || v > 1e6)
            throw bad();
        return ObjectQuorum::count(static_cast<std::int32_t>(v));
    }
    const double f = percent ? v / 100.0 : v;
    if (!(f > 0.0 && f <= 1.0))
        throw bad();
    return ObjectQuorum::fraction(f);
}

std::string_view toString(ObjectFusion f)
{
    switch (f) {
    case ObjectFusion::Single: return "single";
    case ObjectFusion::WeightedBoxFusion: return "weighted-box-fusion";
    case ObjectFusion::Medoid: return "medoid";
    }
    return "single";
}

std::string_view toString(ObjectClassVote v)
{
    return v == ObjectClassVote::Majority ? "majority" : "dawid-skene";
}

ObjectClassVote parseObjectClassVote(std::string_view s)
{
    if (s == "majority")
        return ObjectClassVote::Majority;
    if (s == "dawid-skene")
        return ObjectClassVote::DawidSkene;
    throw Error(ErrorCode::Invalid, "unknown class vote (expected majority or dawid-skene)", {}, 0, std::string(s));
}

ObjectConsensus computeObjectConsensus(const ObjectTable &table, const ObjectConsensusOptions &options)
{
    validate(options);
    ObjectConsensus r;
    r.iou = options.iou;
    r.distancePx = options.distancePx;
    r.quorum = options.quorum;
    r.classAware = options.classAware;
    r.classVote = options.classVote;
    r.images = table.itemCount();
    r.shapes = table.shapeCount();
    r.itemNames = table.itemNames();
    r.labelerNames = table.labelerNames();
    r.classNames = table.classNames();

    // Images are independent: each is clustered on its own worker, and the drafts are then
    // gathered in image order, so the result is the same for any number of threads.
    ParallelOptions parallel;
    parallel.threads = options.threads;
    std::vector<std::vector<Draft>> perImage(static_cast<std::size_t>(table.itemCount()));
    static_cast<void>(parallelFor(
        perImage.size(),
        [&](std::size_t i, std::size_t) {
            clusterImage(table, static_cast<std::int32_t>(i), options, perImage[i]);
            for (Draft &d : perImage[i]) {
                memberAgreement(d.object);
                majorityClass(d.object);
            }
        },
        parallel));
    std::vector<Draft> drafts;
    std::size_t count = 0;
    for (const auto &v : perImage)
        count += v.size();
    drafts.reserve(count);
    for (auto &v : perImage)
        for (Draft &d : v)
            drafts.push_back(std::move(d));
    perImage = {};
    if (options.classVote == ObjectClassVote::DawidSkene && !drafts.empty()) {
        RatingTable ratings;
        for (const auto &name : table.labelerNames())
            ratings.labeler(name);
        for (const auto &name : table.classNames())
            ratings.cls(name);
        for (std::size_t k = 0; k < drafts.size(); ++k) {
            const std::int32_t item = ratings.item(std::to_string(k));
            for (const auto &m : drafts[k].object.members)
                ratings.add(item, m.labeler, m.cls);
        }
        const DawidSkeneResult ds = dawidSkene(ItemCounts(ratings));
        for (std::size_t k = 0; k < drafts.size(); ++k) {
            const std::int32_t c = ds.consensus.label[k];
            if (c >= 0) {
                drafts[k].object.cls = c;
                drafts[k].object.classTie = false;
            }
        }
    }
    static_cast<void>(parallelFor(
        drafts.size(),
        [&](std::size_t k, std::size_t) {
            Draft &d = drafts[k];
            ConsensusObject &c = d.object;
            const auto agreeing = std::count_if(c.members.begin(), c.members.end(),
                                                [&](const ConsensusMember &m) { return m.cls == c.cls; });
            c.classShare = static_cast<double>(agreeing) / static_cast<double>(c.members.size());
            fuse(d);
        },
        parallel));

    const auto order = [](const ConsensusObject &a, const ConsensusObject &b) {
        if (a.item != b.item)
            return a.item < b.item;
        if (a.kind != b.kind)
            return a.kind < b.kind;
        const auto &p = a.shape.points, &q = b.shape.points;
        for (std::size_t i = 0; i < std::min(p.size(), q.size()); ++i) {
            if (p[i].x != q[i].x)
                return p[i].x < q[i].x;
            if (p[i].y != q[i].y)
                return p[i].y < q[i].y;
        }
        if (p.size() != q.size())
            return p.size() < q.size();
        return a.members.size() > b.members.size();
    };
    for (Draft &d : drafts) {
        const bool reached = static_cast<std::int32_t>(d.object.members.size()) >= d.object.quorum;
        if (reached) {
            r.singleMemberObjects += d.object.members.size() == 1 ? 1 : 0;
            r.classTies += d.object.classTie ? 1 : 0;
        }
        (reached ? r.objects : r.unresolved).push_back(std::move(d.object));
    }
    std::stable_sort(r.objects.begin(), r.objects.end(), order);
    std::stable_sort(r.unresolved.begin(), r.unresolved.end(), order);
    return r;
}

nlohmann::json objectJson(const ObjectConsensus &consensus, const ConsensusObject &c)
{
    const auto &labelers = consensus.labelerNames;
    const auto &classes = consensus.classNames;
    nlohmann::json points = nlohmann::json::array();
    for (const auto &p : c.shape.points)
        points.push_back({p.x, p.y});
    nlohmann::json members = nlohmann::json::array();
    for (const auto &m : c.members)
        members.push_back({{"labeler", labelers[idx(m.labeler)]},
                           {"shape", m.shape},
                           {"class", classes[idx(m.cls)]},
                           {"agreement", numberOrNull(m.agreement)}});
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto &p : c.pairs)
        pairs.push_back({{"a", labelers[idx(c.members[idx(p.a)].labeler)]},
                         {"b", labelers[idx(c.members[idx(p.b)].labeler)]},
                         {"iou", numberOrNull(p.iou)},
                         {"distance", numberOrNull(p.distance)}});
    return {{"item", consensus.itemNames[idx(c.item)]},
            {"kind", std::string(kindName(c.kind))},
            {"class", classes[idx(c.cls)]},
            {"class_tie", c.classTie},
            {"class_share", c.classShare},
            {"shape", points},
            {"method", std::string(toString(c.fusion))},
            {"medoid_labeler",
             c.medoid < 0 ? nlohmann::json() : nlohmann::json(labelers[idx(c.members[idx(c.medoid)].labeler)])},
            {"labelers", c.labelers},
            {"quorum", c.quorum},
            {"members", members},
            {"pairs", pairs}};
}

nlohmann::json toJson(const ObjectConsensus &consensus, bool withObjects)
{
    nlohmann::json byKind = nlohmann::json::object();
    for (const ObjectKind k : {ObjectKind::Box, ObjectKind::Line, ObjectKind::Polygon, ObjectKind::Point}) {
        const auto of = [&](const std::vector<ConsensusObject> &v) {
            return std::count_if(v.begin(), v.end(), [&](const ConsensusObject &c) { return c.kind == k; });
        };
        byKind[std::string(kindName(k))] = {{"consensus", of(consensus.objects)},
                                            {"unresolved", of(consensus.unresolved)}};
    }
    nlohmann::json j{{"iou", consensus.iou},
                     {"distance_px", consensus.distancePx},
                     {"quorum", consensus.quorum.describe()},
                     {"class_aware", consensus.classAware},
                     {"class_vote", std::string(toString(consensus.classVote))},
                     {"consensus_objects", consensus.objects.size()},
                     {"unresolved_objects", consensus.unresolved.size()},
                     {"single_member_objects", consensus.singleMemberObjects},
                     {"class_ties", consensus.classTies},
                     {"by_kind", byKind}};
    if (withObjects) {
        j["objects"] = nlohmann::json::array();
        for (const auto &c : consensus.objects)
            j["objects"].push_back(objectJson(consensus, c));
        j["unresolved"] = nlohmann::json::array();
        for (const auto &c : consensus.unresolved)
            j["unresolved"].push_back(objectJson(consensus, c));
    }
    return j;
}

} // namespace concord::core
