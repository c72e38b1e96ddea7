// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>

/// \file
/// Where does one labeler switch from "ok" to "defect"? A one-variable logistic regression of
/// the labeler's answers on an attribute answers it as the 50 % crossing, −b0 / b1 (DESIGN §5).

namespace concord::core {

/// How the logistic regression is fitted.
enum class LogisticMethod : std::uint8_t
{
    /// Plain maximum likelihood (Newton–Raphson / IRLS). Diverges under separation.
    MaximumLikelihood,
    /// Firth's bias-reduced (Jeffreys-penalised) likelihood. Why it is the default: a careful
    /// labeler whose answers switch cleanly at a length has *perfectly separated* data, where
    /// the maximum-likelihood slope is infinite and no threshold comes out at all. Firth's
    /// estimate stays finite and puts the threshold between the last "ok" and the first
    /// "defect"; on data without separation it is close to the ML estimate (Firth 1993,
    /// Heinze & Schemper 2002).
    Firth,
};

/// Result of fitting P(y = 1 | x) = 1 / (1 + exp(−(b0 + b1 x))).
struct LogisticFit
{
    bool ok = false;            ///< a threshold was estimated; else `note` says why not
    std::int32_t n = 0;         ///< observations used
    std::int32_t positives = 0; ///< observations with y = 1
    double b0 = 0.0;
    double b1 = 0.0;
    double var00 = 0.0, var01 = 0.0, var11 = 0.0; ///< inverse Fisher information at the estimate
    double threshold = 0.0;                       ///< x where P = 0.5: −b0 / b1
    double standardError = 0.0;                   ///< of the threshold, by the delta method
    bool separated = false;                       ///< every y = 0 lies below every y = 1 (or above): a clean switch
    int iterations = 0;
    std::string note; ///< why there is no threshold, or a caveat such as separation
};

/// Fits the logistic regression of `y` (0/1) on `x`. With `lapse` ε > 0 (Firth only) the
/// model is the psychometric one with slips, P = ε + (1 − 2ε) σ(b0 + b1 x) (Wichmann & Hill
/// 2001): a person answers at random a small share of the time, so one slip far from the
/// switch costs a bounded amount and cannot flatten the curve and drag the threshold, as it
/// does in a plain logistic fit. P still crosses 50 % at −b0 / b1. Returns ok = false, with a note in words,
/// instead of guessing when: fewer than `minItems` observations; fewer than 2 of either
/// answer; x constant; the fit does not converge; the slope is not positive (the answer does
/// not switch towards y = 1 as x grows); or the crossing lies outside the observed range of x
/// (an extrapolation the data cannot support).
///
/// The threshold's standard error comes from the delta method: with g = (−1/b1, b0/b1²),
/// se² = gᵀ Σ g, Σ the inverse information. Internally x is standardised for stability and the
/// estimates are transformed back.
LogisticFit fitLogistic(std::span<const double> x, std::span<const std::uint8_t> y,
                        LogisticMethod method = LogisticMethod::Firth, int minItems = 8, double lapse = 0.0);

} // namespace concord::core
