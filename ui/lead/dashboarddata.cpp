// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboarddata.h"

#include "core/clusters/clusterfinder.h"
#include "core/clusters/imageattributes.h"
#include "core/project/project_ratings.h"
#include "core/store/store.h"
#include "ui/lead/clusterdata.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace concord::ui {

namespace {

/// The share of disputed items in equal-width bins of one attribute, as the HTML report's
/// profile (core/report/reportdata.cpp builds it for the top band only, in a file-local
/// function, so the dashboard bins every attribute here) with the band and the markers.
core::ProfileChart profileOf(const core::ClusterInput &input, const std::string &attribute,
                             const core::Cluster *band, const std::vector<core::LabelerThreshold> &thresholds)
{
    core::ProfileChart chart;
    chart.attribute = attribute;
    const auto &x = input.numeric.at(attribute);
    std::vector<std::pair<double, bool>> known; // value, disputed
    for (std::size_t i = 0; i < input.items.size(); ++i) {
        const auto &votes = input.items[i].votes;
        if (votes.size() < 2 || !std::isfinite(x[i]))
            continue;
        const bool disputed = std::any_of(votes.begin(), votes.end(),
                                          [&](const auto &v) { return v.cls != votes.front().cls; });
        known.emplace_back(x[i], disputed);
    }
    if (known.empty())
        return chart;
    const auto [mn, mx] = std::minmax_element(known.begin(), known.end());
    const double lo = mn->first;
    const double hi = mx->first > lo ? mx->first : lo + 1.0;
    const int bins = std::clamp(static_cast<int>(std::lround(std::sqrt(static_cast<double>(known.size())))), 8, 30);
    const double width = (hi - lo) / bins;
    for (int b = 0; b < bins; ++b)
        chart.bins.push_back({lo + width * b, b + 1 == bins ? hi : lo + width * (b + 1), 0, 0});
    for (const auto &[v, disputed] : known) {
        auto &bin = chart.bins[std::min(static_cast<std::size_t>((v - lo) / width), chart.bins.size() - 1)];
        ++bin.items;
        bin.disagreeing += disputed ? 1 : 0;
    }
    if (band) {
        chart.band = true;
        chart.bandLo = band->lo;
        chart.bandHi = band->hi;
        for (const auto &t : thresholds)
            if (t.ok)
                chart.markers.push_back({t.labeler, t.threshold, false, false});
            else if (t.boundKind == "at_most" || t.boundKind == "at_least")
                chart.markers.push_back({t.labeler, t.bound, false, true});
        if (band->suggestedThreshold)
            chart.markers.push_back({"suggested", *band->suggestedThreshold, true, false});
    }
    return chart;
}

} // namespace

DashboardData computeDashboardData(const std::filesystem::path &project)
{
    const auto store = core::openProject(project, core::OpenMode::ReadOnly);
    DashboardData d;
    d.images = store->imageCount();
    d.labels = store->labelCount();
    d.conflicts = static_cast<std::int64_t>(store->conflictImages().size());
    d.agreement = core::computeAgreement(core::ratingTableFromStore(*store));
    d.versions = core::agreementPerStandardVersion(*store);

    // Bands and each labeler's switch point; the visual finder is left to the clusters page.
    const auto input = core::clusterInputFromStore(*store);
    const auto clusters = core::findClusters(input);
    std::set<std::string> done;
    for (const auto &c : clusters.clusters) {
        if (c.kind != core::ClusterKind::Band || !input.numeric.contains(c.attribute) || done.contains(c.attribute))
            continue;
        done.insert(c.attribute);
        const auto it = clusters.labelerThresholds.find(c.attribute);
        d.profiles.push_back(profileOf(input, c.attribute, &c,
                                       it == clusters.labelerThresholds.end() ? std::vector<core::LabelerThreshold>{}
                                                                               : it->second));
    }
    // Then the measured length (what the labelers' disagreement is usually about), then the rest.
    if (input.numeric.contains(core::kAttrLengthMm) && !done.contains(core::kAttrLengthMm)) {
        done.insert(core::kAttrLengthMm);
        d.profiles.push_back(profileOf(input, core::kAttrLengthMm, nullptr, {}));
    }
    for (const auto &[attribute, values] : input.numeric)
        if (!done.contains(attribute))
            d.profiles.push_back(profileOf(input, attribute, nullptr, {}));
    return d;
}

} // namespace concord::ui
