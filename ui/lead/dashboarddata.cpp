// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/dashboarddata.h"

#include "core/common/error.h"
#include "core/project/project_agreement.h"
#include "core/store/store.h"

namespace concord::ui {

DashboardData computeDashboardData(const core::Store &store)
{
    DashboardData d;
    d.images = store.imageCount();
    d.labels = store.labelCount();
    d.conflicts = static_cast<std::int64_t>(store.conflictImages().size());
    d.agreement = core::computeProjectAgreement(store);
    d.versions = core::agreementPerStandardVersion(store);
    d.consistency = core::computeProjectConsistency(store, {}, &d.agreement);
    try {
        d.objects = core::computeProjectObjectAgreement(store);
    } catch (const core::Error &e) {
        if (e.code() != core::ErrorCode::Invalid)
            throw;
        d.objectsError = e.what(); // as the report: said, not thrown
    }

    return d;
}

} // namespace concord::ui
