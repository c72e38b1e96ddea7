// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/consensus.h"

#include <cstdint>
#include <vector>

namespace concord::core {

class ItemCounts;

/// Settings of the Dawid–Skene EM. The defaults reproduce Dawid & Skene (1979).
struct DawidSkeneOptions
{
    /// How the first M-step gets its item posteriors.
    enum class Init : std::uint8_t
    {
        /// Each item's vote shares: the "soft" majority vote that Dawid & Skene (1979) and the
        /// MV-D&S of Zhang et al. (2016) start from; reproduces both papers' numbers.
        VoteFractions,
        /// One-hot on the majority class, a tie split evenly. Kept for comparison: EM from this
        /// start ends in a worse local optimum on both reference data sets (bluebirds: 13
        /// wrong instead of 11; the 1979 data: marginals far from the paper's).
        MajorityVote,
    };
    Init init = Init::VoteFractions;
    /// Stop after this many EM iterations (one M-step + one E-step each) even if not converged.
    std::int32_t maxIterations = 100;
    /// Converged when no class prior and no confusion-matrix entry moved by more than this
    /// between two iterations. 0 runs exactly maxIterations (the benchmark does).
    double tolerance = 1e-7;
    /// Pseudo-count added to every confusion-matrix cell before normalising (0 = the plain
    /// maximum-likelihood estimate of the paper). A small value keeps a labeler who never used
    /// a class from vetoing it forever.
    double smoothing = 0.0;
    /// Estimate class priors (the paper). false keeps them uniform, the variant behind the
    /// published 11.11 % bluebirds error of Zhang et al. (2016).
    bool classPriors = true;
};

/// What Dawid–Skene EM found.
struct DawidSkeneResult
{
    std::vector<double> priors; ///< K class marginals
    /// L × K × K, [labeler][true class][given class]: P(labeler says l | truth is k). A row of a
    /// labeler with no evidence for that true class is uniform.
    std::vector<double> confusion;
    /// MAP class per item, its posterior as confidence, the posteriors as distribution. Items
    /// without responses stay undecided (−1, all-zero distribution).
    Consensus consensus;
    /// Log-likelihood of the data after each iteration's E-step (sum over items of
    /// log sum_k p_k prod π^a_{k,l}^{n}); the last entry is the final value.
    std::vector<double> logLikelihood;
    std::int32_t iterations = 0;
    bool converged = false;
};

/// Labelers × classes² above which dawidSkene() refuses (Error(Invalid), naming the sizes)
/// instead of allocating: 2²⁵ cells are 256 MB per array and the EM keeps four. 100 labelers
/// × 500 classes are within it; 200,000 classes are not, with any number of labelers.
inline constexpr std::int64_t kDawidSkeneCellLimit = std::int64_t{1} << 25;

/// Dawid & Skene (1979) EM: per-labeler confusion matrices, class priors and item posteriors,
/// every response counted (a labeler's repeats are independent observations, as in the paper).
/// Deterministic: no random start, so the same data always gives the same answer.
DawidSkeneResult dawidSkene(const ItemCounts &counts, const DawidSkeneOptions &options = {});

} // namespace concord::core
