// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/clusterfinder.h"

#include "core/clusters/logisticfit.h"
#include "core/clusters/statstests.h"
#include "core/common/numbertext.h"
#include "core/common/error.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace concord::core {

std::string_view toString(ClusterKind kind)
{
    switch (kind) {
    case ClusterKind::Band: return "band";
    case ClusterKind::Categorical: return "categorical";
    case ClusterKind::Visual: return "visual";
    }
    return "band";
}

namespace {

/// Attribute values in words: as many decimals as their size needs.
std::string number(double v)
{
    return formatMeasure(v);
}

std::string pct(double f)
{
    return formatShare(f, 0);
}

struct Flags
{
    std::vector<std::uint8_t> eligible; ///< ≥ 2 labels
    std::vector<std::uint8_t> disagree; ///< eligible and not unanimous
    std::int64_t items = 0, disagreeing = 0;
};

Flags flagsOf(const ClusterInput &in)
{
    Flags f;
    f.eligible.assign(in.items.size(), 0);
    f.disagree.assign(in.items.size(), 0);
    for (std::size_t i = 0; i < in.items.size(); ++i) {
        const auto &v = in.items[i].votes;
        if (v.size() < 2)
            continue;
        f.eligible[i] = 1;
        ++f.items;
        const bool unanimous = std::all_of(v.begin(), v.end(), [&](const auto &x) { return x.cls == v.front().cls; });
        if (!unanimous) {
            f.disagree[i] = 1;
            ++f.disagreeing;
        }
    }
    return f;
}

/// Most frequent pair of different classes given by two labelers to one member.
std::pair<int, int> dominantConfusion(const ClusterInput &in, const std::vector<std::size_t> &members)
{
    const std::size_t k = in.classNames.size();
    std::vector<std::int64_t> pairs(k * k, 0);
    for (std::size_t i : members) {
        const auto &v = in.items[i].votes;
        for (std::size_t a = 0; a < v.size(); ++a)
            for (std::size_t b = a + 1; b < v.size(); ++b)
                if (v[a].cls != v[b].cls) {
                    const auto lo = static_cast<std::size_t>(std::min(v[a].cls, v[b].cls));
                    const auto hi = static_cast<std::size_t>(std::max(v[a].cls, v[b].cls));
                    ++pairs[lo * k + hi];
                }
    }
    const auto best = std::max_element(pairs.begin(), pairs.end());
    if (best == pairs.end() || *best == 0)
        return {-1, -1};
    const auto idx = static_cast<std::size_t>(best - pairs.begin());
    return {static_cast<int>(idx / k), static_cast<int>(idx % k)};
}

/// Fills rates, p-value (unadjusted), score and confusion of a cluster from its members.
void measure(const ClusterInput &in, const Flags &f, Cluster &c)
{
    std::int64_t inside = 0, dis = 0;
    for (std::size_t i : c.members) {
        ++inside;
        dis += f.disagree[i];
    }
    const std::int64_t outside = f.items - inside;
    const std::int64_t disOut = f.disagreeing - dis;
    c.disagreeInside = dis;
    c.rateInside = inside > 0 ? double(dis) / double(inside) : 0.0;
    c.rateOutside = outside > 0 ? double(disOut) / double(outside) : 0.0;
    c.pValue = fisherGreater(dis, inside - dis, disOut, outside - disOut);
    c.score = double(dis) - double(inside) * c.rateOutside;
    const auto [a, b] = dominantConfusion(in, c.members);
    if (a >= 0) {
        c.confusionA = in.classNames[static_cast<std::size_t>(a)];
        c.confusionB = in.classNames[static_cast<std::size_t>(b)];
    }
}

/// Up to `count` disagreeing members spread evenly over `ordered` (falls back to any member).
std::vector<std::size_t> spreadExamples(const std::vector<std::size_t> &ordered, const Flags &f, int count)
{
    std::vector<std::size_t> pool;
    for (std::size_t i : ordered)
        if (f.disagree[i])
            pool.push_back(i);
    if (pool.empty())
        pool = ordered;
    std::vector<std::size_t> out;
    const std::size_t want = std::min(pool.size(), static_cast<std::size_t>(std::max(count, 0)));
    for (std::size_t j = 0; j < want; ++j)
        out.push_back(pool[(2 * j + 1) * pool.size() / (2 * want)]);
    return out;
}

std::string rates(const Cluster &c)
{
    std::string s = ": " + pct(c.rateInside) + " disagree vs " + pct(c.rateOutside) + " outside";
    if (!c.confusionA.empty())
        s += "; " + c.confusionA + "↔" + c.confusionB;
    return s;
}

// --- bands and thresholds ------------------------------------------------------------------

void findBands(const ClusterInput &in, const Flags &f, const ClusterOptions &o, ClusterReport &report,
               const ProgressFn &progress)
{
    std::size_t step = 0;
    for (const auto &[key, values] : in.numeric) {
        if (!reportProgress(progress, step++, in.numeric.size(), "bands"))
            throw Error(ErrorCode::Cancelled, "cluster search cancelled");
        std::vector<double> x(values);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!f.eligible[i])
                x[i] = std::numeric_limits<double>::quiet_NaN();
        const Band band = findBand(x, f.disagree, o.band);
        if (!band.found)
            continue;
        Cluster c;
        c.kind = ClusterKind::Band;
        c.attribute = key;
        c.lo = band.lo;
        c.hi = band.hi;
        c.members = band.members;
        measure(in, f, c);
        c.pValue = band.pValue;

        const auto [ca, cb] = dominantConfusion(in, c.members);
        if (ca >= 0) {
            // The "defect" class: the one of the pair chosen at higher values on average.
            double sum[2] = {0, 0};
            double cnt[2] = {0, 0};
            for (std::size_t i = 0; i < in.items.size(); ++i) {
                if (!std::isfinite(values[i]))
                    continue;
                for (const auto &v : in.items[i].votes) {
                    const int side = v.cls == ca ? 0 : v.cls == cb ? 1 : -1;
                    if (side >= 0) {
                        sum[side] += values[i];
                        cnt[side] += 1;
                    }
                }
            }
            const bool aHigher = cnt[0] > 0 && cnt[1] > 0 && sum[0] / cnt[0] > sum[1] / cnt[1];
            const int pos = aHigher ? ca : cb;
            const int neg = aHigher ? cb : ca;
            c.positiveClass = in.classNames[static_cast<std::size_t>(pos)];
            c.confusionA = c.positiveClass;
            c.confusionB = in.classNames[static_cast<std::size_t>(neg)];

            // Per labeler: P(chose pos | value) over the items where they chose pos or neg.
            std::vector<std::vector<double>> xs(in.labelerNames.size());
            std::vector<std::vector<std::uint8_t>> ys(in.labelerNames.size());
            for (std::size_t i = 0; i < in.items.size(); ++i) {
                if (!std::isfinite(values[i]))
                    continue;
                for (const auto &v : in.items[i].votes)
                    if (v.cls == pos || v.cls == neg) {
                        xs[static_cast<std::size_t>(v.labeler)].push_back(values[i]);
                        ys[static_cast<std::size_t>(v.labeler)].push_back(v.cls == pos ? 1 : 0);
                    }
            }
            auto &list = report.labelerThresholds[key];
            std::vector<double> fitted;
            for (std::size_t l = 0; l < in.labelerNames.size(); ++l) {
                if (xs[l].empty())
                    continue;
                const LogisticFit fit = fitLogistic(xs[l], ys[l], LogisticMethod::Firth, o.minThresholdItems, o.lapse);
                LabelerThreshold t;
                t.labeler = in.labelerNames[l];
                t.n = fit.n;
                t.ok = fit.ok;
                t.threshold = fit.threshold;
                t.standardError = fit.standardError;
                t.note = fit.note;
                if (fit.ok) {
                    fitted.push_back(fit.threshold);
                } else if (fit.n >= o.minThresholdItems) {
                    const int negatives = fit.n - fit.positives;
                    if (negatives < 2 && fit.positives > 0) {
                        double m = std::numeric_limits<double>::infinity();
                        for (std::size_t j = 0; j < xs[l].size(); ++j)
                            if (ys[l][j])
                                m = std::min(m, xs[l][j]);
                        t.boundKind = "at_most";
                        t.bound = m;
                        t.note += "; switches at or below " + number(m) + ", the lowest value where they chose " +
                                  c.positiveClass + " (nothing below it was measured)";
                    } else if (fit.positives < 2 && negatives > 0) {
                        double m = -std::numeric_limits<double>::infinity();
                        for (std::size_t j = 0; j < xs[l].size(); ++j)
                            if (!ys[l][j])
                                m = std::max(m, xs[l][j]);
                        t.boundKind = "at_least";
                        t.bound = m;
                        t.note +=
                            "; switches above " + number(m) + ", the highest value where they chose " + c.confusionB;
                    }
                }
                list.push_back(std::move(t));
            }
            if (!fitted.empty()) {
                std::sort(fitted.begin(), fitted.end());
                const std::size_t k = fitted.size();
                c.suggestedThreshold = k % 2 ? fitted[k / 2] : (fitted[k / 2 - 1] + fitted[k / 2]) / 2.0;
            }
        }
        c.examples = spreadExamples(c.members, f, o.maxExamples);
        c.description = c.attribute + " between " + number(c.lo) + " and " + number(c.hi) + rates(c);
        if (c.suggestedThreshold)
            c.description += "; suggested threshold " + number(*c.suggestedThreshold);
        report.clusters.push_back(std::move(c));
    }
}

// --- categorical ---------------------------------------------------------------------------

void findCategories(const ClusterInput &in, const Flags &f, const ClusterOptions &o, ClusterReport &report)
{
    std::vector<Cluster> candidates;
    std::size_t tests = 0;
    for (const auto &[key, values] : in.text) {
        std::map<std::string, std::vector<std::size_t>> groups;
        for (std::size_t i = 0; i < values.size(); ++i)
            if (f.eligible[i] && !values[i].empty())
                groups[values[i]].push_back(i);
        if (groups.size() < 2)
            continue;
        for (auto &[value, members] : groups) {
            if (static_cast<int>(members.size()) < o.minCategoryItems ||
                static_cast<std::int64_t>(members.size()) >= f.items)
                continue;
            ++tests;
            Cluster c;
            c.kind = ClusterKind::Categorical;
            c.attribute = key;
            c.value = value;
            c.members = std::move(members);
            measure(in, f, c);
            candidates.push_back(std::move(c));
        }
    }
    for (auto &c : candidates) {
        c.pValue = std::min(1.0, c.pValue * double(tests)); // Bonferroni over every value tested
        if (c.pValue > o.alpha || c.rateInside <= c.rateOutside)
            continue;
        c.examples = spreadExamples(c.members, f, o.maxExamples);
        c.description = c.attribute + " = " + c.value + rates(c);
        report.clusters.push_back(std::move(c));
    }
}

// --- visual --------------------------------------------------------------------------------

void findVisual(const ClusterInput &in, const Flags &f, const ClusterOptions &o, ClusterReport &report)
{
    if (in.features.empty() || in.features.rows != static_cast<int>(in.items.size()))
        return;
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < in.items.size(); ++i)
        if (f.eligible[i])
            rows.push_back(i);
    const int n = static_cast<int>(rows.size());
    if (n < 4 * std::max(o.minCategoryItems, 2))
        return;
    cv::Mat data(n, in.features.cols, CV_32F);
    for (int r = 0; r < n; ++r)
        in.features.row(static_cast<int>(rows[static_cast<std::size_t>(r)])).copyTo(data.row(r));
    const int comps = std::max(1, std::min({o.pcaComponents, n - 1, data.cols}));
    cv::PCA pca(data, cv::noArray(), cv::PCA::DATA_AS_ROW, comps);
    cv::Mat projected = pca.project(data);
    const int k = o.visualClusters > 0 ? o.visualClusters : std::clamp(static_cast<int>(std::sqrt(n / 2.0)), 2, 16);
    if (k >= n)
        return;
    cv::Mat labels, centers;
    cv::theRNG().state = o.seed ? o.seed : 1; // kmeans++ seeding draws from the thread's RNG
    cv::kmeans(projected, k, labels, cv::TermCriteria(cv::TermCriteria::EPS + cv::TermCriteria::COUNT, 100, 1e-4), 3,
               cv::KMEANS_PP_CENTERS, centers);

    std::vector<std::vector<int>> groups(static_cast<std::size_t>(k));
    for (int r = 0; r < n; ++r)
        groups[static_cast<std::size_t>(labels.at<int>(r))].push_back(r);
    std::vector<Cluster> candidates;
    for (int g = 0; g < k; ++g) {
        const auto &members = groups[static_cast<std::size_t>(g)];
        if (static_cast<int>(members.size()) < o.minCategoryItems)
            continue;
        Cluster c;
        c.kind = ClusterKind::Visual;
        c.value = "group " + std::to_string(g + 1);
        for (int r : members)
            c.members.push_back(rows[static_cast<std::size_t>(r)]);
        measure(in, f, c);
        // Medoid first, then the members nearest to it: the images that look most typical.
        std::vector<std::pair<double, int>> byCentre;
        for (int r : members)
            byCentre.emplace_back(cv::norm(projected.row(r), centers.row(g), cv::NORM_L2), r);
        std::sort(byCentre.begin(), byCentre.end());
        if (byCentre.empty())
            continue; // cannot happen (members ≥ minCategoryItems); tells the optimiser so
        const std::size_t cand = std::min<std::size_t>(byCentre.size(), 200);
        int medoid = byCentre.front().second;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t a = 0; a < cand; ++a) {
            double sum = 0;
            for (int r : members)
                sum += cv::norm(projected.row(byCentre[a].second), projected.row(r), cv::NORM_L2);
            if (sum < best) {
                best = sum;
                medoid = byCentre[a].second;
            }
        }
        std::vector<std::pair<double, int>> byMedoid;
        for (int r : members)
            byMedoid.emplace_back(cv::norm(projected.row(r), projected.row(medoid), cv::NORM_L2), r);
        std::sort(byMedoid.begin(), byMedoid.end());
        for (std::size_t j = 0; j < byMedoid.size() && static_cast<int>(j) < o.maxExamples; ++j)
            c.examples.push_back(rows[static_cast<std::size_t>(byMedoid[j].second)]);
        candidates.push_back(std::move(c));
    }
    for (auto &c : candidates) {
        c.pValue = std::min(1.0, c.pValue * double(k));
        if (c.pValue > o.alpha || c.rateInside <= c.rateOutside)
            continue;
        c.description = "visual " + c.value + " (" + std::to_string(c.members.size()) + " images like " +
                        in.items[c.examples.front()].path + ")" + rates(c);
        report.clusters.push_back(std::move(c));
    }
}

} // namespace

ClusterReport findClusters(const ClusterInput &input, const ClusterOptions &options, const ProgressFn &progress)
{
    ClusterReport report;
    const Flags f = flagsOf(input);
    report.items = f.items;
    report.disagreeing = f.disagreeing;
    if (f.disagreeing == 0)
        return report;
    findBands(input, f, options, report, progress);
    if (!reportProgress(progress, 1, 3, "categories"))
        throw Error(ErrorCode::Cancelled, "cluster search cancelled");
    findCategories(input, f, options, report);
    if (!reportProgress(progress, 2, 3, "visual"))
        throw Error(ErrorCode::Cancelled, "cluster search cancelled");
    findVisual(input, f, options, report);
    std::stable_sort(report.clusters.begin(), report.clusters.end(),
                     [](const Cluster &a, const Cluster &b) { return a.score > b.score; });
    return report;
}

nlohmann::json clusterReportJson(const ClusterInput &input, const ClusterReport &report)
{
    using nlohmann::json;
    json j;
    j["items"] = report.items;
    j["disagreeing"] = report.disagreeing;
    j["clusters"] = json::array();
    json suggested = json::object();
    for (const auto &c : report.clusters) {
        json e;
        e["kind"] = std::string(toString(c.kind));
        e["attribute"] = c.attribute.empty() ? json(nullptr) : json(c.attribute);
        e["lo"] = c.kind == ClusterKind::Band ? json(c.lo) : json(nullptr);
        e["hi"] = c.kind == ClusterKind::Band ? json(c.hi) : json(nullptr);
        e["value"] = c.kind == ClusterKind::Band ? json(nullptr) : json(c.value);
        e["members"] = c.members.size();
        e["disagreeing"] = c.disagreeInside;
        e["disagreement_inside"] = c.rateInside;
        e["disagreement_outside"] = c.rateOutside;
        e["p_value"] = c.pValue;
        e["confusion"] = c.confusionA.empty() ? json::array() : json::array({c.confusionA, c.confusionB});
        e["examples"] = json::array();
        for (std::size_t i : c.examples)
            e["examples"].push_back(input.items[i].path);
        e["description"] = c.description;
        e["score"] = c.score;
        if (c.kind == ClusterKind::Band) {
            e["positive_class"] = c.positiveClass;
            e["suggested_threshold"] = c.suggestedThreshold ? json(*c.suggestedThreshold) : json(nullptr);
            if (c.suggestedThreshold)
                suggested[c.attribute] = *c.suggestedThreshold;
        }
        j["clusters"].push_back(std::move(e));
    }
    j["labeler_thresholds"] = json::object();
    for (const auto &[key, list] : report.labelerThresholds) {
        json arr = json::array();
        for (const auto &t : list) {
            json e{{"labeler", t.labeler}, {"n", t.n}};
            if (t.ok) {
                e["threshold"] = t.threshold;
                e["stderr"] = t.standardError;
            }
            if (!t.note.empty())
                e["note"] = t.note;
            if (!t.boundKind.empty())
                e[t.boundKind] = t.bound;
            arr.push_back(std::move(e));
        }
        j["labeler_thresholds"][key] = std::move(arr);
    }
    j["suggested_thresholds"] = suggested;
    return j;
}

} // namespace concord::core
