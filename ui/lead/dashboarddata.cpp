// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboarddata.h"

#include "core/clusters/clusterfinder.h"
#include "core/clusters/imageattributes.h"
#include "core/project/project_agreement.h"
#include "core/report/reportdata.h"
#include "core/store/store.h"
#include "ui/lead/clusterdata.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace concord::ui {

DashboardData computeDashboardData(const core::Store &store)
{
    DashboardData d;
    d.images = store.imageCount();
    d.labels = store.labelCount();
    d.conflicts = static_cast<std::int64_t>(store.conflictImages().size());
    d.agreement = core::computeProjectAgreement(store);
    d.versions = core::agreementPerStandardVersion(store);

    // Bands and each labeler's switch point; the visual finder is left to the clusters page.
    const auto input = core::clusterInputFromStore(store);
    const auto clusters = core::findClusters(input);
    std::set<std::string> done;
    for (const auto &c : clusters.clusters) {
        if (c.kind != core::ClusterKind::Band || !input.numeric.contains(c.attribute) || done.contains(c.attribute))
            continue;
        done.insert(c.attribute);
        const auto it = clusters.labelerThresholds.find(c.attribute);
        d.profiles.push_back(core::profileChart(input, c.attribute, &c,
                                       it == clusters.labelerThresholds.end() ? std::vector<core::LabelerThreshold>{}
                                                                               : it->second));
    }
    // Then the measured length (what the labelers' disagreement is usually about), then the rest.
    if (input.numeric.contains(core::kAttrLengthMm) && !done.contains(core::kAttrLengthMm)) {
        done.insert(core::kAttrLengthMm);
        d.profiles.push_back(core::profileChart(input, core::kAttrLengthMm, nullptr, {}));
    }
    for (const auto &[attribute, values] : input.numeric)
        if (!done.contains(attribute))
            d.profiles.push_back(core::profileChart(input, attribute, nullptr, {}));
    return d;
}

} // namespace concord::ui
