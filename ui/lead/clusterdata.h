// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/objectclusters.h"
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
    /// The object finders' input and report (docs/CLUSTERS.md "Objects"); no objects when the
    /// project has no shapes.
    core::ObjectClusterInput objectInput;
    core::ObjectClusterReport objectReport;
    /// The image id of each objectInput.itemNames entry (0 for none).
    std::vector<core::Id> objectItemImages;
};

/// Runs the three finders on `store` (a worker's own connection, ProjectAccess) with the CLI's
/// defaults, visual features included, the profiles from them, and the object finders with
/// `clusters --objects`' defaults: computed once per change for the clusters page and the
/// dashboard.
ClusterData computeClusterData(const core::Store &store);

/// core::standardSeedFor() in the window's strings.
StandardSeed standardSeedFor(const core::ClusterInput &input, const core::Cluster &cluster);
/// The same for an object band of `data`.
StandardSeed standardSeedFor(const ClusterData &data, const core::ObjectBand &band);

} // namespace concord::ui
