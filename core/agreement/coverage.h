// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace concord::core {

/// Fewer compared items than this and a headline figure says little: one image more or less
/// moves HLP by several points, and "100 % [100–100]" from a dozen images reads as certainty.
inline constexpr std::int64_t kMinComparedItems = 30;
/// A figure over under a tenth of the project says little about the project as a whole.
inline constexpr std::int64_t kMinComparedPercent = 10;

/// How many items the agreement figures rest on, and whether that is enough for them to mean
/// much. The one place that decides it: the CLI, the HTML report and the dashboard all read
/// this (docs/AGREEMENT.md, "Compared items").
struct Coverage
{
    /// Items with two or more responses: the only ones any coefficient compares (HLP, κ, α,
    /// AC1's observed agreement, unanimous_share).
    std::int64_t compared = 0;
    /// Items of the whole project, labeled or not (for a CSV: the items it names).
    std::int64_t total = 0;
    bool fewerThanMinimum = false;  ///< compared < kMinComparedItems
    bool underMinimumShare = false; ///< compared < 10 % of total (exact integer test)

    /// True when the figures should carry the "too few compared" warning.
    bool tooFew() const noexcept { return fewerThanMinimum || underMinimumShare; }
    /// compared / total; NaN when the project has no item.
    double share() const noexcept;
    /// compared / total in tenths of a percent, rounded down (so a share under 10 % never
    /// reads "10.0 %"); 0 when the project has no item.
    std::int64_t sharePermille() const noexcept { return total > 0 ? compared * 1000 / total : 0; }
};

/// Decides whether `compared` of `total` items are enough (see Coverage).
Coverage assessCoverage(std::int64_t compared, std::int64_t total);

/// The warning in words for the front ends that print English text (CLI, HTML report, JSON
/// `warning`), e.g. "only 12 of 300 images compared (fewer than 30, 4.0 % of the project): too
/// few for these figures to mean much". Empty when the coverage is enough. `noun` names the
/// items ("images" for a project, "items" for a CSV).
std::string coverageWarning(const Coverage &coverage, const std::string &noun = "images");

} // namespace concord::core
