// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/consensus.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace concord::core {

class ItemCounts;

/// Agreement of two labelers over the items both labeled.
struct PairAgreement
{
    std::int32_t a = 0; ///< labeler index, a < b
    std::int32_t b = 0;
    double n = 0.0;         ///< shared items
    double agreement = 0.0; ///< share of shared items on which a and b gave the same class
    /// Cohen's κ of the pair's K × K contingency table (rows = a's class; cells are item
    /// counts, a labeler who rated an item r times contributes 1/r per response, so every
    /// shared item weighs 1). The table itself is not kept: with 5,005 labelers there are
    /// 12.5 million pairs, and with 200,000 classes a table would have 4·10¹⁰ cells.
    double cohenKappa = 0.0;
};

/// Classes up to which labelerAgreement() builds each labeler's K × K confusion matrix
/// (100 classes: 80 KB per labeler). Beyond, LabelerAgreement::confusion stays empty and its
/// κ against the consensus is computed from the matrix's non-zero cells alone.
inline constexpr std::int32_t kConfusionMatrixClassLimit = 100;

/// Per-labeler agreement figures (HLP in the seed's sense: "one disagreement with the other
/// labeler in 10 shared items is 90 %").
struct LabelerAgreement
{
    std::int32_t labeler = 0;
    std::int32_t items = 0;        ///< items this labeler labeled
    double compared = 0.0;         ///< sum over other labelers b of shared items n_ab
    double hlp = 0.0;              ///< sum_b agreements_ab / sum_b n_ab (NaN when compared = 0)
    double majorityCompared = 0.0; ///< items that had at least one other response
    /// Agreement with the majority of the *other* responses on each item; a tied majority
    /// counts as the expected agreement under a uniformly random tie-break (1/|tie| when the
    /// labeler's class is among the tied ones).
    double hlpVsMajority = 0.0;
    std::optional<double> hlpVsReference; ///< percent agreement with the reference labeler
    double referenceShared = 0.0;         ///< items shared with the reference labeler
    /// K × K counts of this labeler's responses (columns) against the consensus class (rows);
    /// a soft or tied consensus spreads a response over its classes. Empty without a consensus
    /// and beyond kConfusionMatrixClassLimit classes.
    std::vector<double> confusion;
    /// Cohen's κ of `confusion` (consensus against this labeler), also beyond the class limit;
    /// NaN without a consensus.
    double kappaVsConsensus = std::numeric_limits<double>::quiet_NaN();
};

/// Labelers up to which a pairwise grid (the report's κ heatmap, the dashboard's pair table)
/// shows everyone. Beyond, a grid shows this many and says so: 5,005 labelers made a
/// 25-million-cell grid (a 5 GB HTML page, 7.6 GB of table cells in the window). The pairs
/// themselves are all computed and all in `agreement --json`.
inline constexpr std::size_t kPairGridLabelers = 40;

/// The labelers a pairwise grid shows, in index order: all of them up to `limit`, else the
/// `limit` with the most items (ties: the lower index).
std::vector<std::int32_t> pairGridLabelers(const std::vector<LabelerAgreement> &labelers,
                                           std::size_t limit = kPairGridLabelers);

/// Every labeler pair that shares at least one item, in (a, b) order. Pairs that share no item
/// are left out, so sparse crowdsourcing data with thousands of labelers stays small.
std::vector<PairAgreement> pairwiseAgreement(const ItemCounts &counts);

/// Per-labeler HLP (pooled over `pairs`), agreement with the leave-one-out majority, with an
/// optional reference labeler, and the confusion matrix against `consensus` (for each item the
/// consensus distribution over classes; nullptr or an empty Consensus skips the confusion).
std::vector<LabelerAgreement> labelerAgreement(const ItemCounts &counts, const std::vector<PairAgreement> &pairs,
                                               std::optional<std::int32_t> reference, const Consensus *consensus);

} // namespace concord::core
