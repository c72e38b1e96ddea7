// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/bootstrap.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace concord::core {

// The figures of the consistency checks (issue #20): how well a labeler agrees with their own
// earlier answer on a repeated image (test–retest), and with a lead's gold class. Pure
// functions over plain records; reading them from a project is the caller's business.

/// One labeler's two answers on one image: their label (first) and the repeat, class indices
/// 0..K−1.
struct RepeatPair
{
    std::int32_t labeler = 0;
    std::int32_t first = 0;
    std::int32_t second = 0;
};

/// One labeler's two length measurements (mm) of the same image (the longest line of each
/// answer).
struct MeasurementPair
{
    std::int32_t labeler = 0;
    double first = 0.0;
    double second = 0.0;
};

/// Test–retest figures of one labeler's line measurements, over n pairs (x_i1, x_i2) with
/// differences d_i = x_i2 − x_i1.
struct Repeatability
{
    std::int32_t pairs = 0; ///< n
    /// mean |d_i| (mm); NaN when n = 0.
    double meanAbsDiff = std::numeric_limits<double>::quiet_NaN();
    /// d̄ = mean d_i: a positive bias means the repeat measures longer; NaN when n = 0.
    double bias = std::numeric_limits<double>::quiet_NaN();
    /// Sample SD of the differences, sqrt(sum (d_i − d̄)² / (n − 1)); NaN when n < 2.
    double sdDiff = std::numeric_limits<double>::quiet_NaN();
    /// Bland & Altman (1986) 95 % limits of agreement, d̄ − 1.96·sdDiff and d̄ + 1.96·sdDiff;
    /// NaN when n < 2.
    double limitLo = std::numeric_limits<double>::quiet_NaN();
    double limitHi = std::numeric_limits<double>::quiet_NaN(); ///< see limitLo
    /// ICC(1,1): one-way random effects, single measurement (Shrout & Fleiss 1979, case 1),
    /// with k = 2 measurements per image: (MSB − MSW) / (MSB + (k − 1)·MSW), where, with m_i
    /// the mean of pair i and M the mean of all 2n values, MSB = k·sum (m_i − M)² / (n − 1)
    /// and MSW = sum_i sum_j (x_ij − m_i)² / (n (k − 1)) = sum d_i² / (2n). NaN when n < 2 or
    /// when every value is the same (MSB + MSW = 0). It may be negative.
    double icc = std::numeric_limits<double>::quiet_NaN();
};

/// A labeler's agreement with themself on repeated images.
struct SelfAgreement
{
    std::int32_t labeler = 0;
    std::int32_t pairs = 0; ///< repeat pairs n of this labeler
    /// Share of pairs with first == second; NaN when n = 0.
    double agreement = std::numeric_limits<double>::quiet_NaN();
    /// Cohen's (1960) κ of the K × K table with rows = first answer and columns = the repeat:
    /// (p_o − p_e) / (1 − p_e), p_o = agreement, p_e = sum_c (r_c / n)(c_c / n) over the row
    /// and column totals r_c, c_c. It equals sklearn.metrics.cohen_kappa_score(first, second).
    /// NaN when n = 0 or p_e = 1 (the labeler gave one class throughout).
    double kappa = std::numeric_limits<double>::quiet_NaN();
    /// Percentile bootstrap intervals (bootstrapItems) over this labeler's pairs, drawn as if the
    /// labeler were alone: the other labelers' pairs do not change them. Unset when n = 0.
    ConfidenceInterval agreementCi;
    ConfidenceInterval kappaCi; ///< see agreementCi
    Repeatability measurement;  ///< over this labeler's MeasurementPairs
};

/// Self-agreement of every labeler 0..labelers−1 (one entry each, in order; a labeler without
/// repeat pairs has pairs = 0 and NaN figures, one without measurements measurement.pairs = 0).
///
/// κ is computed on the classes the labeler used, renumbered, which leaves it unchanged (a
/// class nobody chose adds nothing to p_o or p_e): with at most kConfusionMatrixClassLimit
/// such classes (pairwise.h) through cohenKappa() on the dense table, beyond that from the
/// table's non-zero cells and totals, so 200,000 declared classes cost nothing. Time is
/// O(pairs + measurements + labelers) plus, per labeler with n pairs, options.resamples
/// draws of n pairs. Throws Error(ErrorCode::Invalid) naming the field and index (e.g.
/// "pairs[3].second") for a labeler outside 0..labelers−1, a class outside 0..classes−1, a
/// measurement that is not finite, or negative `labelers` / `classes`.
std::vector<SelfAgreement> selfAgreement(std::span<const RepeatPair> pairs,
                                         std::span<const MeasurementPair> measurements, std::int32_t labelers,
                                         std::int32_t classes, const BootstrapOptions &options = {});

/// One labeler's answer on a gold image (an image whose class a lead decided).
struct GoldAnswer
{
    std::int32_t labeler = 0;
    std::int32_t gold = 0;
    std::int32_t answer = 0;
};

/// A labeler's agreement with the gold classes.
struct GoldAgreement
{
    std::int32_t labeler = 0;
    std::int32_t items = 0; ///< gold answers n of this labeler
    /// Share of answers equal to the gold class; NaN when n = 0.
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    /// Cohen's κ of the table rows = gold, columns = answer (as SelfAgreement::kappa).
    double kappa = std::numeric_limits<double>::quiet_NaN();
    /// Percentile bootstrap intervals over this labeler's gold answers (as SelfAgreement's).
    ConfidenceInterval accuracyCi;
    ConfidenceInterval kappaCi; ///< see accuracyCi
    /// K × K counts, row-major, rows = gold class, columns = answer. Empty when n = 0 or
    /// K > kConfusionMatrixClassLimit (pairwise.h).
    std::vector<double> confusion;
    /// Per gold class c: answers c on gold c / gold items of class c (NaN for a class with no
    /// gold item). Empty when `confusion` is, so that a labeler costs O(n), not O(K).
    std::vector<double> recall;
};

/// Gold agreement of every labeler 0..labelers−1 (one entry each, in order; items = 0 and NaN
/// figures for a labeler without gold answers). κ as in selfAgreement(); the same cost and
/// the same errors ("answers[i].gold", …).
std::vector<GoldAgreement> goldAgreement(std::span<const GoldAnswer> answers, std::int32_t labelers,
                                         std::int32_t classes, const BootstrapOptions &options = {});

} // namespace concord::core
