// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace concord::core {

class ItemCounts;

/// One consensus label per item, the common shape of majority vote and Dawid–Skene so that the
/// CLI, the export and the GUI handle both the same way.
struct Consensus
{
    /// Consensus class per item; −1 when undecided (a majority tie, or an item nobody labeled).
    std::vector<std::int32_t> label;
    /// Majority vote: share of the item's responses in the winning class (0 for a tie).
    /// Dawid–Skene: posterior probability of the MAP class.
    std::vector<double> confidence;
    /// N × K row-major distribution over classes per item: the posterior for Dawid–Skene, the
    /// uniform distribution over the tied top classes for majority vote (all zero when the item
    /// has no response). Used for confusion matrices and expected accuracy.
    std::vector<double> distribution;
    std::int32_t classes = 0;
    std::int64_t ties = 0; ///< items left undecided because of a tie (majority vote only)
};

/// Majority vote over every response (a labeler's repeats each count, as in Dawid & Skene
/// 1979). Ties stay unresolved: the label is −1 and the tie is counted, never broken silently.
Consensus majorityVote(const ItemCounts &counts);

/// Expected accuracy of a consensus against known true classes (truth[i] < 0: unknown, the
/// item is skipped). A decided item scores 1 when its label is right; an undecided one scores
/// the probability its distribution gives the true class. For majority vote this is the
/// accuracy under a uniformly random tie-break, the convention of the crowdsourcing literature (e.g.
/// Zhang et al. 2016, who report 24.07 % majority-vote error on the bluebirds data).
double expectedAccuracy(const Consensus &consensus, std::span<const std::int32_t> truth);

} // namespace concord::core
