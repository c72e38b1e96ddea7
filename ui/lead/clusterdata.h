// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/report/svgcharts.h"
#include "core/store/store.h"
#include "ui/lead/standardseed.h"

#include <vector>

namespace concord::ui {

/// The clusters of a project as the clusters page shows them: the finders' input (items with
/// every labeler's vote, attributes; the visual features dropped after use) and their report.
struct ClusterData
{
    core::ClusterInput input;
    core::ClusterReport report;
    /// The dashboard's disagreement profile along each numeric attribute: attributes with a
    /// band first (in the clusters' rank order) with each labeler's switch point, then the
    /// measured length_mm, then the others by name.
    std::vector<core::ProfileChart> profiles;
};

/// Runs the three finders on `store` (a worker's own connection, ProjectAccess) with the CLI's
/// defaults, visual features included, and the profiles from them: computed once per change
/// for the clusters page and the dashboard.
ClusterData computeClusterData(const core::Store &store);

/// core::standardSeedFor() in the window's strings.
StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster);

} // namespace concord::ui
