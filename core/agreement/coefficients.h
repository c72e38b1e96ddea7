// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace concord::core {

class ItemCounts;

/// How many times each item takes part in a computation. Empty means every item once; the
/// bootstrap passes the multiplicities of a resample. Taking weights instead of a resampled
/// copy is why one function serves both the point estimate and all 1000 resamples.
using ItemWeights = std::span<const std::uint32_t>;

/// Fleiss' kappa with the quantities a reader needs to check it by hand.
struct FleissKappa
{
    double kappa = 0.0;
    double observed = 0.0;           ///< P̄: mean over items of P_i
    double expected = 0.0;           ///< P̄e = sum_j p_j²
    std::vector<double> proportions; ///< p_j: share of all responses in class j
    std::vector<double> perClass;    ///< Fleiss' κ_j (equals κ of class j vs the rest)
    double items = 0.0;              ///< items used (those with ≥ 2 responses), weighted
};

/// Fleiss (1971) kappa over the items that have at least two responses, generalised to a
/// varying number of responses m_i per item: P_i = sum_j n_ij (n_ij − 1) / (m_i (m_i − 1)),
/// P̄ = mean of P_i, p_j = sum_i n_ij / sum_i m_i. With a constant m this is Fleiss' formula.
/// NaN when P̄e = 1 (only one class was used), because kappa is then undefined.
FleissKappa fleissKappa(const ItemCounts &counts, ItemWeights weights = {});

/// Krippendorff's alpha levels of measurement.
enum class AlphaLevel : std::uint8_t
{
    Nominal,
    Ordinal,
    Interval
};

/// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011), missing values
/// allowed: units with fewer than two values are unpairable and ignored. `classValues` gives
/// the numeric value of each class for the interval metric (ignored otherwise); the ordinal
/// metric uses the classes' index order and the marginal frequencies. NaN when there is no
/// expected disagreement (a single value was used throughout).
double krippendorffAlpha(const ItemCounts &counts, AlphaLevel level, std::span<const double> classValues,
                         ItemWeights weights = {});

/// Gwet's AC1 (Gwet 2008, multi-rater form with missing ratings): p_a is the mean P_i over
/// items with ≥ 2 responses, π_k the mean over items with ≥ 1 response of n_ik / m_i, and
/// p_e = sum_k π_k (1 − π_k) / (K − 1) with K the number of declared classes.
double gwetAc1(const ItemCounts &counts, ItemWeights weights = {});

/// Percent agreement pooled over every (pair of distinct labelers, shared item): the project
/// HLP. Equals Fleiss' P̄ when every item has the same number of labelers and no repeats.
double pooledAgreement(const ItemCounts &counts, ItemWeights weights = {});

/// Share of items with ≥ 2 responses on which all responses agree.
double unanimousShare(const ItemCounts &counts, ItemWeights weights = {});

/// Cohen's (1960) kappa of a K × K contingency table (row-major, rows = first rater). Cells
/// may be fractional (repeated ratings are split). NaN when p_e = 1.
double cohenKappa(std::span<const double> table, std::int32_t classes);

} // namespace concord::core
