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
    /// has no response). Used for confusion matrices and expected accuracy. The majority vote
    /// fills it only while items × classes ≤ kDenseConsensusCells; beyond (1,000 items of
    /// 200,000 classes were 1.6 GB of zeros) it is empty and the same shares are in `shares`.
    /// Read it through forEachShare() / share(), which serve both forms.
    std::vector<double> distribution;
    /// One non-zero share of an item's distribution.
    struct Share
    {
        std::int32_t cls = 0;
        double p = 0.0;
    };
    /// The sparse form: item i's non-zero shares are shares[shareStart[i] … shareStart[i + 1]),
    /// in class order. Empty while `distribution` is used.
    std::vector<std::int64_t> shareStart;
    std::vector<Share> shares;
    std::int32_t classes = 0;
    std::int64_t ties = 0; ///< items left undecided because of a tie (majority vote only)

    /// True when neither form holds a distribution (a default-constructed Consensus).
    bool empty() const noexcept { return distribution.empty() && shareStart.empty(); }
    /// Calls fn(cls, p) for every class with a non-zero share of item i, in class order.
    template <typename Fn>
    void forEachShare(std::size_t i, Fn &&fn) const
    {
        if (!shareStart.empty()) {
            for (auto s = shareStart[i]; s < shareStart[i + 1]; ++s)
                fn(shares[static_cast<std::size_t>(s)].cls, shares[static_cast<std::size_t>(s)].p);
            return;
        }
        const auto k = static_cast<std::size_t>(classes);
        for (std::size_t c = 0; c < k; ++c)
            if (distribution[i * k + c] != 0.0)
                fn(static_cast<std::int32_t>(c), distribution[i * k + c]);
    }
    /// Share of class `cls` in item i's distribution.
    double share(std::size_t i, std::int32_t cls) const;
};

/// Items × classes up to which majorityVote() fills the dense `distribution` (2²⁴ doubles,
/// 128 MB); beyond, the sparse `shares`.
inline constexpr std::int64_t kDenseConsensusCells = std::int64_t{1} << 24;

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
