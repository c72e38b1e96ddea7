// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/project/project_agreement.h"
#include "core/project/project_consistency.h"
#include "core/project/project_objects.h"
#include "core/report/svgcharts.h"
#include "core/standards/standardagreement.h"
#include "core/store/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace concord::ui {

/// Everything the dashboard shows, computed in one pass on a worker thread.
struct DashboardData
{
    std::int64_t images = 0;
    std::int64_t labels = 0;
    std::int64_t conflicts = 0; ///< core::Store::conflictImages(): disputed, undecided
    /// Human labels only, and the data set as exported once a standard wrote labels; with the
    /// bootstrap of `concord-cli agreement` (1000 resamples, seed 1): same numbers.
    core::ProjectAgreement agreement;
    std::vector<core::VersionAgreement> versions;
    /// Each labeler against their own repeats and gold (`concord-cli agreement --self`).
    core::ProjectConsistency consistency;
    /// Agreement on objects (`concord-cli agreement --objects`, the report's "Agreement on
    /// objects"): the same call with the same defaults. No shapes: objects.shapes is 0.
    core::ObjectAgreement objects;
    std::string objectsError; ///< why the object figures could not be computed, if so
};

/// The dashboard's figures from `store`: a worker's own connection (ProjectAccess). Its
/// profile charts come with the clusters (ClusterData::profiles), computed once for both pages.
DashboardData computeDashboardData(const core::Store &store);

} // namespace concord::ui
