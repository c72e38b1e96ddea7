// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clusters/bandfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/common/progress.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

/// \file
/// Disagreement clusters (DESIGN §5): sets of items whose disagreement has one explanation,
/// from three finders (attribute band, categorical value, visual group), ranked together.
/// docs/CLUSTERS.md describes every method and the ranking score.

namespace concord::core {

enum class ClusterKind : std::uint8_t
{
    Band,
    Categorical,
    Visual
};
std::string_view toString(ClusterKind kind);

/// One cluster. Rates are over items with at least two labels.
struct Cluster
{
    ClusterKind kind = ClusterKind::Band;
    std::string attribute;            ///< empty for visual clusters
    double lo = 0.0, hi = 0.0;        ///< band bounds (inclusive)
    std::string value;                ///< categorical value, or "group N" for a visual cluster
    std::vector<std::size_t> members; ///< indices into ClusterInput::items
    std::int64_t disagreeInside = 0;
    double rateInside = 0.0;
    double rateOutside = 0.0;
    double pValue = 1.0;                ///< one-sided Fisher (Bonferroni-adjusted for categorical and visual)
    std::string confusionA, confusionB; ///< dominant confusion pair (empty when none)
    std::vector<std::size_t> examples;  ///< representative members (medoids for visual)
    /// Disagreeing items beyond what the outside rate predicts:
    /// disagreeInside − |members| × rateOutside. The ranking key.
    double score = 0.0;
    std::string description;                  ///< one line in words
    std::optional<double> suggestedThreshold; ///< bands: median of the labelers' fitted thresholds
    std::string positiveClass;                ///< bands: the class chosen more at high values
};

/// One labeler's switch point on a band's attribute.
struct LabelerThreshold
{
    std::string labeler;
    bool ok = false;
    double threshold = 0.0;
    double standardError = 0.0;
    std::int32_t n = 0;
    std::string note;
    /// When there is no fit because the answers are one-sided, the bound the data does give:
    /// "at_most" x (chose the class on everything measured, from x up) or "at_least" x.
    std::string boundKind;
    double bound = 0.0;
};

struct ClusterOptions
{
    BandOptions band;
    int minThresholdItems = 8; ///< fewest answers for a labeler's fit
    /// Share of answers taken to be slips in the labelers' threshold fits (see fitLogistic):
    /// 2 %, within the 0–6 % that Wichmann & Hill found harmless; without it one slip far from
    /// a labeler's switch drags their fitted threshold by more than its width.
    double lapse = 0.02;
    int minCategoryItems = 5; ///< fewest items for a categorical value to be tested
    double alpha = 0.05;      ///< family-wise level after Bonferroni (categorical, visual)
    int visualClusters = 0;   ///< k; 0 = ⌊√(n/2)⌋ clamped to 2..16
    int pcaComponents = 16;
    std::uint64_t seed = 1; ///< k-means seed: same data, same clusters
    int maxExamples = 4;
};

struct ClusterReport
{
    std::vector<Cluster> clusters;                                          ///< by score, best first
    std::map<std::string, std::vector<LabelerThreshold>> labelerThresholds; ///< per band attribute
    std::int64_t items = 0;                                                 ///< items with at least two labels
    std::int64_t disagreeing = 0;                                           ///< of those, not unanimous
};

/// Runs the three finders. `progress` phases "bands", "categories", "visual".
ClusterReport findClusters(const ClusterInput &input, const ClusterOptions &options = {},
                           const ProgressFn &progress = {});

/// The `clusters --json` document: {items, disagreeing, clusters: [...], labeler_thresholds,
/// suggested_thresholds}. Examples are image paths.
nlohmann::json clusterReportJson(const ClusterInput &input, const ClusterReport &report);

} // namespace concord::core
