// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/agreementreport.h"
#include "core/clusters/clusterfinder.h"
#include "core/common/progress.h"
#include "core/project/project_agreement.h"
#include "core/project/project_consistency.h"
#include "core/project/project_objects.h"
#include "core/report/svgcharts.h"
#include "core/standards/standardagreement.h"
#include "core/standards/standardbook.h"
#include "core/store/store.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

/// \file
/// Everything the HTML report shows, gathered from a project in one read-only pass. Kept apart
/// from the rendering so that the numbers can be checked without parsing HTML and so that
/// another front end (the GUI's report preview) can show the same data.

namespace concord::core {

/// What the report computes.
struct ReportOptions
{
    /// Intervals of the headline figures: the defaults of `concord-cli agreement` (1000
    /// resamples, seed 1), so both show the same numbers.
    BootstrapOptions bootstrap;
    bool visualClusters = true; ///< run the visual finder (reads every image's feature thumbnail)
    ClusterOptions clusters;
    int maxClusters = 8; ///< clusters shown, best first
    int profileBins = 0; ///< bins of the attribute profile; 0 = √(items) clamped to 8..30
};

/// An image shown in the report.
struct ReportImage
{
    Id image = 0;
    std::string path;
    std::string dataUri; ///< empty when the file could not be read
    std::string note;
};

struct ReportCluster
{
    Cluster cluster;
    std::vector<ReportImage> examples;
};

/// One application of a standard, from the audit log (figures as previewStandard computed them).
struct StandardApplication
{
    std::string at;
    std::string actor;
    AgreementFigures before;
    AgreementFigures after;
    bool undone = false;
};

struct ReportStandard
{
    StandardSummary summary;
    std::vector<std::pair<ExampleRole, ReportImage>> examples; ///< by role, then image
    std::vector<StandardApplication> applications;
};

struct ReportData
{
    std::string projectName;
    std::string generatedAt; ///< UTC, ISO 8601
    std::int64_t images = 0;
    std::int64_t labels = 0;
    std::int64_t conflicts = 0; ///< Store::conflictImages(): disputed and undecided
    /// The headline figures: human labels only, and the data set as exported after an apply
    /// (computeProjectAgreement(), as `concord-cli agreement` computes them).
    ProjectAgreement agreement;
    /// Each labeler against their own repeats and the lead's gold, beside their agreement with
    /// the others (computeProjectConsistency(), as `concord-cli agreement --self` computes
    /// them), with the bootstrap of the headline figures.
    ProjectConsistency consistency;
    /// Agreement on objects: the labelers' shapes matched one to one per image
    /// (computeProjectObjectAgreement(), as `concord-cli agreement --objects` computes them,
    /// with the default IoU threshold and distance and the bootstrap of the headline figures).
    ObjectAgreement objects;
    /// Why `objects` could not be computed (malformed geometry, Error Invalid); empty when it
    /// was. The rest of the report does not depend on it and is still written.
    std::string objectsError;

    std::int64_t clusterItems = 0;       ///< items with at least two labels
    std::int64_t clusterDisagreeing = 0; ///< of those, not unanimous
    std::vector<ReportCluster> clusters; ///< best first, at most maxClusters
    std::optional<ProfileChart> profile; ///< the top band cluster's attribute
    std::string profilePositiveClass;
    std::vector<LabelerThreshold> thresholds; ///< of the profile's attribute

    std::vector<ReportStandard> standards;
    std::vector<VersionAgreement> versions;

    std::int64_t decisions = 0;
    std::map<std::string, std::int64_t> decisionsByMethod; ///< "adjudicated", "consensus", …
    std::map<std::string, std::int64_t> decisionsBy;       ///< decider's name ("—" for none)
    std::map<std::string, std::int64_t> auditActions;      ///< audit entries per action
    std::vector<std::string> notes;                        ///< things the reader should know (unreadable images, …)
};

/// The disputed share of the items with two or more labels in equal-width bins of a numeric
/// attribute (`bins` ≤ 0: √items clamped to 8..30). With a band cluster of that attribute, the
/// band and each labeler's switch point from `thresholds` as markers (a one-sided labeler at
/// the bound their answers give, named "raj ≤ 1.03"), and the suggested threshold. The report
/// draws it for the top band; the GUI's dashboard for any attribute. Empty bins when no item
/// with two labels has a value; an unknown attribute gives an empty chart.
ProfileChart profileChart(const ClusterInput &input, const std::string &attribute, const Cluster *band,
                          const std::vector<LabelerThreshold> &thresholds, int bins = 0);

/// Gathers the report from the project; reads only. Computes agreement, the consistency checks
/// and the agreement on objects (all with options.bootstrap), the clusters (the measured
/// length_mm is derived from the line annotations in memory when the project has no stored
/// value yet) and the per-version figures. `progress` phases "agreement" (which includes the
/// consistency checks and the objects), "features", "bands", "categories", "visual",
/// "thumbnails"; false cancels (Error Cancelled).
ReportData gatherReportData(const Store &store, const ReportOptions &options = {}, const ProgressFn &progress = {});

} // namespace concord::core
