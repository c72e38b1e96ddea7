// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

/// \file
/// How every front end writes a figure (issue #16 §3): the command line, the HTML report and
/// the window's pages all call these, so a κ reads "0.731" and a figure that is undefined
/// (NaN: no pair of labels to compare) reads "n/a" wherever it is shown.

namespace concord::core {

/// What stands for an undefined figure.
inline constexpr const char *kNoFigure = "n/a";

/// Decimals of a coefficient (κ, α, AC1) and of a share in percent.
inline constexpr int kCoefficientDecimals = 3;
inline constexpr int kShareDecimals = 1;

/// A share 0–1 in percent: 0.8372 → "83.7 %"; "n/a" when not finite.
std::string formatShare(double fraction, int decimals = kShareDecimals);

/// A number with fixed decimals: (0.72731, 3) → "0.727"; "n/a" when not finite. Coefficients
/// use the default; lengths in mm use 2.
std::string formatFixed(double value, int decimals = kCoefficientDecimals);

/// A measured value in words, with as many decimals as its size needs: 2 below 10 ("1.35"),
/// 1 below 100 ("24.5"), none from 100 on ("1250"); "n/a" when not finite. The cluster finders
/// describe attribute bands with it.
std::string formatMeasure(double value);

} // namespace concord::core
