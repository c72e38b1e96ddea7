// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
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
    double cohenKappa = 0.0;
    /// K × K contingency table, row-major, rows = a's class. Cells are item counts; a labeler
    /// who rated an item r times contributes 1/r per response, so every shared item weighs 1.
    std::vector<double> table;
};

/// Per-labeler agreement figures (HLP in the seed's sense: "one disagreement with the other
/// labeler in 10 shared items is 90 %").
struct LabelerAgreement
{
    std::int32_t labeler = 0;
    std::int32_t items = 0;      ///< items this labeler labeled
    double compared = 0.0;       ///< sum over other labelers b of shared items n_ab
    double hlp = 0.0;            ///< sum_b agreements_ab / sum_b n_ab (NaN when compared = 0)
    double majorityCompared = 0.0; ///< items that had at least one other response
    /// Agreement with the majority of the *other* responses on each item; a tied majority
    /// counts as the expected agreement under a uniformly random tie-break (1/|tie| when the
    /// labeler's class is among the tied ones).
    double hlpVsMajority = 0.0;
    std::optional<double> hlpVsReference; ///< percent agreement with the reference labeler
    double referenceShared = 0.0;         ///< items shared with the reference labeler
    /// K × K counts of this labeler's responses (columns) against the consensus class (rows);
    /// a soft or tied consensus spreads a response over its classes.
    std::vector<double> confusion;
};

/// Every labeler pair that shares at least one item, in (a, b) order. Pairs that share no item
/// are left out, so sparse crowdsourcing data with thousands of labelers stays small.
std::vector<PairAgreement> pairwiseAgreement(const ItemCounts &counts);

/// Per-labeler HLP (pooled over `pairs`), agreement with the leave-one-out majority, with an
/// optional reference labeler, and the confusion matrix against `consensus` (N × K, row-major:
/// for each item the consensus distribution over classes; empty skips the confusion).
std::vector<LabelerAgreement> labelerAgreement(const ItemCounts &counts,
                                               const std::vector<PairAgreement> &pairs,
                                               std::optional<std::int32_t> reference,
                                               std::span<const double> consensus);

} // namespace concord::core
