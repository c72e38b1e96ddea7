// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

/// \file
/// The report's charts as inline SVG text. Why our own SVG rather than a plotting library: the
/// report must open anywhere without network or JavaScript, and three small chart kinds do not
/// justify a dependency. Each function returns one `<svg>` element with a viewBox, so it scales
/// with the page; every text in it is escaped, and long names are shortened with the full text
/// in a `<title>` tooltip.

namespace concord::core {

/// Pairwise Cohen's κ as an n × n grid of coloured cells, `kappa` row-major; NaN marks a pair
/// that shares no item (and the diagonal). Colours run red (κ ≤ 0) → yellow → green (κ = 1).
std::string svgKappaHeatmap(const std::vector<std::string> &names, const std::vector<double> &kappa);

/// Items of one attribute interval and how many of them are disputed.
struct ProfileBin
{
    double lo = 0.0;
    double hi = 0.0;
    std::int64_t items = 0;
    std::int64_t disagreeing = 0;
};

/// A vertical marker on the profile: a labeler's fitted switch point or the suggested threshold.
struct ProfileMarker
{
    std::string name;
    double x = 0.0;
    bool suggested = false; ///< drawn bold, as the threshold a standard would use
    /// Not a fitted switch point but the bound a one-sided labeler's answers give ("≤ 1.03"):
    /// drawn dotted and grey, so it is seen but not mistaken for a fit.
    bool bound = false;
};

/// The disagreement rate along one numeric attribute, with the band shaded.
struct ProfileChart
{
    std::string attribute;
    std::vector<ProfileBin> bins; ///< in attribute order, adjacent
    bool band = false;
    double bandLo = 0.0;
    double bandHi = 0.0;
    std::vector<ProfileMarker> markers;
};

/// Bars of the disputed share per bin (height) over the attribute (x), the band as a shaded
/// interval, each marker as a dashed line with its name; names are staggered on rows so that
/// close thresholds stay legible.
std::string svgDisagreementProfile(const ProfileChart &chart);

/// One group of the before/after chart.
struct FigureGroup
{
    std::string label;
    double hlp = 0.0;   ///< NaN: no bar
    double kappa = 0.0; ///< NaN: no bar; below 0 drawn as an empty bar at 0 with its value
};

/// Grouped bars (HLP and Fleiss' κ, both on 0..1) per group, e.g. per standard version.
std::string svgFigureBars(const std::vector<FigureGroup> &groups);

} // namespace concord::core
