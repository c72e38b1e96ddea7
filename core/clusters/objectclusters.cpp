// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/objectclusters.h"

#include "core/clusters/logisticfit.h"
#include "core/clusters/objectstats.h"
#include "core/common/numbertext.h"
#include "core/geometry/geometry.h"
#include "core/geometry/objectattributes.h"
#include "core/project/project_objects.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <unordered_map>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Attribute values in words, as the image clusters write them.
std::string number(double v)
{
    return formatMeasure(v);
}

std::string pct(double f)
{
    return formatShare(f, 0);
}

Shape geometryOf(const ObjectShape &s)
{
    switch (s.kind) {
    case ObjectKind::Box: return BoxShape{ordered({s.points[0].x, s.points[0].y, s.points[1].x, s.points[1].y})};
    case ObjectKind::Line: return LineShape{{s.points[0].x, s.points[0].y, s.points[1].x, s.points[1].y}};
    case ObjectKind::Point: return PointShape{{s.points[0].x, s.points[0].y}};
    case ObjectKind::Polygon: break;
    }
    PolygonShape p;
    for (const ObjectVertex &v : s.points)
        p.points.push_back({v.x, v.y});
    return p;
}

std::size_t attributeIndex(const std::string &name)
{
    const auto &names = objectClusterAttributes();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// "_mm"/"_mm2" ↔ "_px" twins; empty when the name has none.
std::string pxTwin(const std::string &name)
{
    if (name == "area_mm2")
        return "area_px";
    if (name.size() > 3 && name.ends_with("_mm"))
        return name.substr(0, name.size() - 3) + "_px";
    return {};
}

std::string mmTwin(const std::string &name)
{
    if (name == "area_px")
        return "area_mm2";
    if (name.size() > 3 && name.ends_with("_px"))
        return name.substr(0, name.size() - 3) + "_mm";
    return {};
}

/// The objects of one class that take part: on images with two or more labelers.
std::vector<std::size_t> eligibleOf(const ObjectClusterInput &in, std::int32_t cls)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < in.objects.size(); ++i)
        if (in.objects[i].cls == cls && in.objects[i].labelers >= 2)
            out.push_back(i);
    return out;
}

bool hasValue(const ObjectClusterInput &in, const std::vector<std::size_t> &objects, std::size_t attr)
{
    return std::any_of(objects.begin(), objects.end(),
                       [&](std::size_t i) { return std::isfinite(in.objects[i].values[attr]); });
}

/// The attributes a class is searched on: each px/mm pair once, in mm when every object of the
/// class that has the px value has the mm value too (one calibration or another, the unit a
/// rule is written in), else in px; aspect as it is.
std::vector<std::string> attributesOf(const ObjectClusterInput &in, const std::vector<std::size_t> &objects)
{
    std::vector<std::string> out;
    for (const std::string &name : objectClusterAttributes()) {
        const std::size_t a = attributeIndex(name);
        if (const std::string mm = mmTwin(name); !mm.empty()) {
            const std::size_t m = attributeIndex(mm);
            const bool allMm = std::all_of(objects.begin(), objects.end(), [&](std::size_t i) {
                return !std::isfinite(in.objects[i].values[a]) || std::isfinite(in.objects[i].values[m]);
            });
            if (!allMm && hasValue(in, objects, a))
                out.push_back(name);
        } else if (const std::string px = pxTwin(name); !px.empty()) {
            const std::size_t p = attributeIndex(px);
            const bool allMm = std::all_of(objects.begin(), objects.end(), [&](std::size_t i) {
                return !std::isfinite(in.objects[i].values[p]) || std::isfinite(in.objects[i].values[a]);
            });
            if (allMm && hasValue(in, objects, a))
                out.push_back(name);
        } else if (hasValue(in, objects, a)) {
            out.push_back(name);
        }
    }
    return out;
}

bool disputed(const ClusterObject &o)
{
    return o.support() < o.labelers;
}

std::vector<std::size_t> spreadExamples(const ObjectClusterInput &in, const std::vector<std::size_t> &ordered,
                                        int count)
{
    std::vector<std::size_t> pool;
    for (std::size_t i : ordered)
        if (disputed(in.objects[i]))
            pool.push_back(i);
    if (pool.empty())
        pool = ordered;
    std::vector<std::size_t> out;
    const std::size_t want = std::min(pool.size(), static_cast<std::size_t>(std::max(count, 0)));
    for (std::size_t j = 0; j < want; ++j)
        out.push_back(pool[(2 * j + 1) * pool.size() / (2 * want)]);
    return out;
}

/// The permutation test of a band found on (x, flag): Bonferroni-adjusted over `tests`.
double permutationP(const std::vector<double> &x, const std::vector<std::uint8_t> &flag, const Band &band,
                    std::size_t tests, std::uint64_t seed, const ObjectClusterOptions &o)
{
    const double t = static_cast<double>(std::max<std::size_t>(tests, 1));
    // Enough shuffles that a band no shuffle beats passes with room to spare, however many
    // searches there are: (1 + 0) / (1 + R) × tests ≤ familyAlpha / 4.
    const int r = std::max({o.permutations, 1, static_cast<int>(std::ceil(4.0 * t / o.familyAlpha)) - 1});
    // Largest k with (1 + k) / (1 + R) × tests ≤ familyAlpha; past it the band cannot pass.
    const auto allowed = static_cast<int>(std::floor(o.familyAlpha / t * double(r + 1) + 1e-9)) - 1;
    BandOptions any = o.band;
    any.alpha = 1.0;
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> shuffled = flag;
    int beat = 0, done = 0;
    for (; done < r && beat <= allowed; ++done) {
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const Band b = findBand(x, shuffled, any);
        if (b.found && b.pValue <= band.pValue)
            ++beat;
    }
    if (beat > allowed) // stopped early: the p it would reach is at least this
        return std::min(1.0, double(1 + beat) / double(1 + r) * t);
    return std::min(1.0, double(1 + beat) / double(1 + done) * t);
}

std::optional<ObjectBand> bandOf(const ObjectClusterInput &in, const std::vector<std::size_t> &objects,
                                 const std::string &className, const std::string &attribute, std::size_t tests,
                                 std::uint64_t seed, const ObjectClusterOptions &o)
{
    const std::size_t a = attributeIndex(attribute);
    std::vector<double> x;
    std::vector<std::uint8_t> flag;
    std::vector<std::size_t> index;
    for (std::size_t i : objects) {
        const double v = in.objects[i].values[a];
        if (!std::isfinite(v))
            continue;
        x.push_back(v);
        flag.push_back(disputed(in.objects[i]) ? 1 : 0);
        index.push_back(i);
    }
    const Band band = findBand(x, flag, o.band);
    if (!band.found)
        return std::nullopt;
    const double permP = permutationP(x, flag, band, tests, seed, o);
    if (permP > o.familyAlpha)
        return std::nullopt;
    ObjectBand b;
    b.permutationP = permP;
    b.className = className;
    b.attribute = attribute;
    b.lo = band.lo;
    b.hi = band.hi;
    b.first = std::numeric_limits<double>::infinity();
    b.last = -b.first;
    for (std::size_t m : band.members) {
        b.members.push_back(index[m]);
        b.first = std::min(b.first, x[m]);
        b.last = std::max(b.last, x[m]);
    }
    b.objects = static_cast<std::int64_t>(x.size());
    b.disputedInside = band.disagreeInside;
    b.outside = band.outside;
    b.disputedOutside = band.disagreeOutside;
    b.rateInside = band.rateInside;
    b.rateOutside = band.rateOutside;
    b.pValue = band.pValue;
    b.score = double(b.disputedInside) - double(b.members.size()) * b.rateOutside;

    std::vector<std::uint8_t> inside(x.size(), 0);
    for (std::size_t m : band.members)
        inside[m] = 1;
    std::int64_t below = 0, above = 0;
    for (std::size_t j = 0; j < x.size(); ++j)
        if (!inside[j])
            (x[j] < b.lo ? below : above) += 1;
    const double tail = 0.05 * double(b.outside);
    if (double(below) <= tail && below < above)
        b.end = ObjectBand::End::Low;
    else if (double(above) <= tail && above < below)
        b.end = ObjectBand::End::High;

    std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> supports;
    for (std::size_t i : b.members)
        ++supports[{in.objects[i].support(), in.objects[i].labelers}];
    std::int64_t best = 0;
    for (const auto &[key, count] : supports)
        if (count > best) {
            best = count;
            b.typicalSupport = key.first;
            b.typicalLabelers = key.second;
        }
    b.typicalShare = b.members.empty() ? 0.0 : double(best) / double(b.members.size());
    b.examples = spreadExamples(in, b.members, o.maxExamples);

    const std::string where = b.end == ObjectBand::End::Low    ? "below " + number(b.hi)
                              : b.end == ObjectBand::End::High ? "above " + number(b.lo)
                                                               : "between " + number(b.lo) + " and " + number(b.hi);
    b.description = className + " objects with " + attribute + " " + where + ": typically drawn by " +
                    std::to_string(b.typicalSupport) + " of " + std::to_string(b.typicalLabelers) + " labelers (" +
                    pct(b.typicalShare) + "); " + pct(b.rateInside) + " not drawn by every labeler vs " +
                    pct(b.rateOutside) + " outside";
    return b;
}

LabelerThreshold thresholdOf(const std::string &labeler, const std::vector<double> &x,
                             const std::vector<std::uint8_t> &y, const std::string &className,
                             const ObjectClusterOptions &o)
{
    const LogisticFit fit = fitLogistic(x, y, LogisticMethod::Firth, o.minThresholdItems, o.lapse);
    LabelerThreshold t;
    t.labeler = labeler;
    t.n = fit.n;
    t.ok = fit.ok;
    t.threshold = fit.threshold;
    t.standardError = fit.standardError;
    t.note = fit.note;
    if (fit.ok || fit.n < o.minThresholdItems)
        return t;
    const int missed = fit.n - fit.positives;
    if (missed < 2 && fit.positives > 0) {
        double m = std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < x.size(); ++j)
            if (y[j])
                m = std::min(m, x[j]);
        t.boundKind = "at_most";
        t.bound = m;
        t.note += "; starts drawing at or below " + number(m) + ", the smallest " + className +
                  " object they drew (others drew nothing smaller that they left out)";
    } else if (fit.positives < 2 && missed > 0) {
        double m = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < x.size(); ++j)
            if (!y[j])
                m = std::max(m, x[j]);
        t.boundKind = "at_least";
        t.bound = m;
        t.note += "; starts drawing above " + number(m) + ", the largest " + className + " object they left out";
    }
    return t;
}

ObjectThresholds thresholdsOf(const ObjectClusterInput &in, const std::vector<std::size_t> &objects,
                              const std::string &className, const std::string &attribute, const ObjectClusterOptions &o)
{
    const std::size_t a = attributeIndex(attribute);
    const std::size_t labelers = in.labelerNames.size();
    std::vector<std::vector<double>> xs(labelers);
    std::vector<std::vector<std::uint8_t>> ys(labelers);
    for (std::size_t i : objects) {
        const ClusterObject &obj = in.objects[i];
        const double v = obj.values[a];
        if (!std::isfinite(v))
            continue;
        for (const std::int32_t l : in.itemLabelers[static_cast<std::size_t>(obj.item)]) {
            const bool drew = std::find(obj.drawnBy.begin(), obj.drawnBy.end(), l) != obj.drawnBy.end();
            if (obj.support() - (drew ? 1 : 0) < 1)
                continue; // nobody else drew it: says nothing about what l leaves out
            xs[static_cast<std::size_t>(l)].push_back(v);
            ys[static_cast<std::size_t>(l)].push_back(drew ? 1 : 0);
        }
    }
    ObjectThresholds out;
    out.className = className;
    out.attribute = attribute;
    std::vector<double> fitted;
    for (std::size_t l = 0; l < labelers; ++l) {
        if (xs[l].empty())
            continue;
        out.labelers.push_back(thresholdOf(in.labelerNames[l], xs[l], ys[l], className, o));
        if (out.labelers.back().ok)
            fitted.push_back(out.labelers.back().threshold);
    }
    if (!fitted.empty()) {
        std::sort(fitted.begin(), fitted.end());
        const std::size_t k = fitted.size();
        out.medianThreshold = k % 2 ? fitted[k / 2] : (fitted[k / 2 - 1] + fitted[k / 2]) / 2.0;
    }
    return out;
}

} // namespace

const std::vector<std::string> &objectClusterAttributes()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const std::string &n : objectAttributeNames())
            if (!isTextObjectAttribute(n))
                out.push_back(n);
        for (const std::string &n : objectPixelAttributeNames())
            out.push_back(n);
        return out;
    }();
    return names;
}

ObjectClusterInput objectClusterInput(const ObjectTable &table, const std::vector<ObjectImageSize> &sizes,
                                      ObjectConsensusOptions consensus)
{
    consensus.quorum = ObjectQuorum::count(1);
    const ObjectConsensus c = computeObjectConsensus(table, consensus);
    ObjectClusterInput in;
    in.itemNames = table.itemNames();
    in.labelerNames = table.labelerNames();
    in.classNames = table.classNames();
    in.itemLabelers.resize(in.itemNames.size());
    for (std::int32_t item = 0; item < table.itemCount(); ++item)
        for (const auto &d : table.drawingsOf(item))
            in.itemLabelers[static_cast<std::size_t>(item)].push_back(d.labeler);
    const auto &names = objectClusterAttributes();
    for (const ConsensusObject &object : c.objects) {
        ClusterObject o;
        o.item = object.item;
        o.cls = object.cls;
        o.kind = object.kind;
        o.labelers = object.labelers;
        for (const ConsensusMember &m : object.members) {
            o.members.push_back(m.labeler);
            if (m.cls == object.cls)
                o.drawnBy.push_back(m.labeler);
        }
        const std::size_t item = static_cast<std::size_t>(object.item);
        const ObjectImageSize size = item < sizes.size() ? sizes[item] : ObjectImageSize{};
        o.values.assign(names.size(), kNaN);
        o.shape = geometryOf(object.shape);
        for (const auto &[key, value] : objectAttributes(o.shape, size.width, size.height, size.pxPerMm)) {
            const double *v = std::get_if<double>(&value);
            const std::size_t a = attributeIndex(key);
            if (v && a < names.size())
                o.values[a] = *v;
        }
        if (size.width <= 0 || size.height <= 0) {
            o.values[attributeIndex("border_px")] = kNaN;
            o.values[attributeIndex("border_mm")] = kNaN;
        }
        in.objects.push_back(std::move(o));
    }
    return in;
}

ObjectClusterInput objectClusterInputFromStore(const Store &store, const ObjectConsensusOptions &consensus, bool pixels,
                                               const ProgressFn &progress)
{
    const ObjectTable table = objectTableFromStore(store);
    const ProjectSettings settings = store.settings();
    std::unordered_map<std::string, ImageRecord> byPath;
    for (ImageRecord &image : store.images())
        byPath.emplace(image.path, std::move(image));
    std::vector<ObjectImageSize> sizes;
    for (const std::string &path : table.itemNames()) {
        const auto it = byPath.find(path);
        sizes.push_back(it != byPath.end() ? ObjectImageSize{it->second.width, it->second.height,
                                                             effectivePxPerMm(it->second, settings)}
                                           : ObjectImageSize{});
    }
    ObjectClusterInput in = objectClusterInput(table, sizes, consensus);
    if (!pixels)
        return in;

    // Each image with an object is decoded once; its objects are measured on it.
    std::vector<ImageRecord> images(in.itemNames.size());
    std::vector<std::vector<Shape>> shapes(in.itemNames.size());
    std::vector<std::vector<std::size_t>> objectsOf(in.itemNames.size());
    for (std::size_t i = 0; i < in.objects.size(); ++i) {
        const auto item = static_cast<std::size_t>(in.objects[i].item);
        shapes[item].push_back(in.objects[i].shape);
        objectsOf[item].push_back(i);
    }
    for (std::size_t item = 0; item < in.itemNames.size(); ++item) {
        const auto it = byPath.find(in.itemNames[item]);
        if (it != byPath.end())
            images[item] = it->second;
        else
            images[item].path = in.itemNames[item]; // cannot happen: the labels' images exist
    }
    const ObjectPixelMeasurements measured = measureObjectPixels(store, images, shapes, progress);
    for (std::size_t item = 0; item < objectsOf.size(); ++item)
        for (std::size_t k = 0; k < objectsOf[item].size(); ++k)
            for (const auto &[key, value] : measured.stats[item][k].attributes())
                in.objects[objectsOf[item][k]].values[attributeIndex(key)] = std::get<double>(value);
    in.pixelsRead = true;
    for (const auto &[item, reason] : measured.failures)
        in.unreadableImages.emplace_back(in.itemNames[item], reason);
    in.objectsWithoutPixels = measured.objectsWithout;
    return in;
}

std::string_view toString(ObjectBand::End end)
{
    switch (end) {
    case ObjectBand::End::Low: return "low";
    case ObjectBand::End::High: return "high";
    case ObjectBand::End::Middle: return "middle";
    }
    return "middle";
}

ObjectClusterReport findObjectClusters(const ObjectClusterInput &input, const ObjectClusterOptions &options)
{
    ObjectClusterReport report;
    for (const ClusterObject &o : input.objects)
        if (o.labelers >= 2) {
            ++report.objects;
            report.disputed += disputed(o) ? 1 : 0;
        }
    // Every class × attribute searched counts as one test of the permutation test's Bonferroni.
    std::vector<std::vector<std::size_t>> objectsOf(input.classNames.size());
    std::vector<std::vector<std::string>> attributesOfClass(input.classNames.size());
    std::size_t tests = 0;
    for (std::size_t c = 0; c < input.classNames.size(); ++c) {
        objectsOf[c] = eligibleOf(input, static_cast<std::int32_t>(c));
        if (!objectsOf[c].empty())
            attributesOfClass[c] = attributesOf(input, objectsOf[c]);
        tests += attributesOfClass[c].size();
    }
    std::uint64_t search = 0;
    for (std::size_t c = 0; c < input.classNames.size(); ++c) {
        const std::vector<std::size_t> &objects = objectsOf[c];
        if (objects.empty())
            continue;
        const std::string &className = input.classNames[c];
        const std::vector<std::string> &attributes = attributesOfClass[c];
        std::vector<std::string> fitOn;
        for (const std::string &want : options.thresholdAttributes) {
            for (const std::string &name : {want, pxTwin(want)})
                if (std::find(attributes.begin(), attributes.end(), name) != attributes.end()) {
                    fitOn.push_back(name);
                    break;
                }
        }
        for (const std::string &attribute : attributes) {
            auto band = bandOf(input, objects, className, attribute, tests, options.seed + search++, options);
            if (!band)
                continue;
            if (std::find(fitOn.begin(), fitOn.end(), attribute) == fitOn.end())
                fitOn.push_back(attribute);
            report.bands.push_back(std::move(*band));
        }
        for (const std::string &attribute : fitOn) {
            ObjectThresholds t = thresholdsOf(input, objects, className, attribute, options);
            if (!t.labelers.empty())
                report.thresholds.push_back(std::move(t));
        }
    }
    std::stable_sort(report.bands.begin(), report.bands.end(),
                     [](const ObjectBand &a, const ObjectBand &b) { return a.score > b.score; });
    return report;
}

nlohmann::json objectClusterReportJson(const ObjectClusterInput &input, const ObjectClusterReport &report)
{
    using nlohmann::json;
    json j;
    j["objects"] = report.objects;
    j["disputed"] = report.disputed;
    j["bands"] = json::array();
    for (const ObjectBand &b : report.bands) {
        json e{{"class", b.className},
               {"attribute", b.attribute},
               {"lo", b.lo},
               {"hi", b.hi},
               {"end", std::string(toString(b.end))},
               {"members", b.members.size()},
               {"objects", b.objects},
               {"disputed", b.disputedInside},
               {"outside", b.outside},
               {"disputed_outside", b.disputedOutside},
               {"disputed_inside_share", b.rateInside},
               {"disputed_outside_share", b.rateOutside},
               {"p_value", b.pValue},
               {"permutation_p", b.permutationP},
               {"score", b.score},
               {"typical_support",
                {{"drawn_by", b.typicalSupport}, {"labelers", b.typicalLabelers}, {"share", b.typicalShare}}},
               {"description", b.description}};
        std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> supports;
        for (std::size_t i : b.members)
            ++supports[{input.objects[i].support(), input.objects[i].labelers}];
        e["support"] = json::array();
        for (const auto &[key, count] : supports)
            e["support"].push_back({{"drawn_by", key.first}, {"labelers", key.second}, {"objects", count}});
        e["examples"] = json::array();
        for (std::size_t i : b.examples)
            e["examples"].push_back(input.itemNames[static_cast<std::size_t>(input.objects[i].item)]);
        j["bands"].push_back(std::move(e));
    }
    if (input.pixelsRead) {
        j["objects_without_pixels"] = input.objectsWithoutPixels;
        j["unreadable_images"] = json::array();
        for (const auto &[image, reason] : input.unreadableImages)
            j["unreadable_images"].push_back({{"image", image}, {"reason", reason}});
    }
    j["labeler_thresholds"] = json::array();
    for (const ObjectThresholds &t : report.thresholds) {
        json arr = json::array();
        for (const LabelerThreshold &l : t.labelers) {
            json e{{"labeler", l.labeler}, {"n", l.n}};
            if (l.ok) {
                e["threshold"] = l.threshold;
                e["stderr"] = l.standardError;
            }
            if (!l.note.empty())
                e["note"] = l.note;
            if (!l.boundKind.empty())
                e[l.boundKind] = l.bound;
            arr.push_back(std::move(e));
        }
        j["labeler_thresholds"].push_back(
            {{"class", t.className},
             {"attribute", t.attribute},
             {"median_threshold", t.medianThreshold ? json(*t.medianThreshold) : json(nullptr)},
             {"labelers", std::move(arr)}});
    }
    return j;
}

} // namespace concord::core
