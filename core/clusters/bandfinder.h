// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

/// \file
/// The attribute band of DESIGN §5: along one numeric attribute, the interval where the
/// labelers' disagreement concentrates ("length_mm between 1.1 and 2.9"). docs/CLUSTERS.md
/// explains the method with a picture in words; this header says what it promises.

namespace concord::core {

/// Knobs of the band finder. The defaults suit anything from 50 to 10⁶ items.
struct BandOptions
{
    /// Half-width of the running window, in items; 0 = ⌈½ √n⌉ (at least 3). Smoothing in rank
    /// space rather than in attribute units makes the finder independent of the attribute's
    /// scale (mm, px, grey levels) and of how the values are spread.
    int halfWindow = 0;
    /// Fewest members a band may have.
    int minMembers = 8;
    /// Where between the rates outside (0) and inside (1) the level that delimits the band
    /// lies. A third, not a half: with several labelers per item the band has shoulders where
    /// only the most extreme labeler disagrees (their rate is lower than the core's), and a
    /// lead wants them inside. For a clean step the crossing lies h/3 ranks outside the step.
    double levelFraction = 1.0 / 3.0;
    /// A member separated from the rest of the band by more than this many times the band's
    /// median spacing is left out (sparse tails carry no evidence of where the band lies).
    double sparseGap = 10.0;
    /// Largest one-sided Fisher p-value (inside vs outside) a band may have. Strict, because
    /// the interval was chosen by looking at the data.
    double alpha = 1e-3;
};

/// A band, or `found` = false.
struct Band
{
    bool found = false;
    double lo = 0.0;                  ///< lower bound in attribute units (inclusive)
    double hi = 0.0;                  ///< upper bound (inclusive)
    std::vector<std::size_t> members; ///< indices into the input, in attribute order
    std::int64_t disagreeInside = 0;
    std::int64_t outside = 0;
    std::int64_t disagreeOutside = 0;
    double rateInside = 0.0;
    double rateOutside = 0.0;
    double level = 0.0;  ///< the smoothed-rate level that delimits the band
    double pValue = 1.0; ///< one-sided Fisher exact, inside > outside
};

/// Finds the band of one attribute. `x[i]` is item i's value (NaN = unknown, ignored) and
/// `disagree[i]` 1 when item i is not unanimous.
///
/// Method (a two-level step fit on the smoothed rate):
/// 1. sort the items by value; the smoothed rate r_j is the mean of `disagree` over the
///    2h + 1 items centred on rank j (clipped at the ends); items with equal values share
///    the mean of their r;
/// 2. start from the level L = overall + q (max r − overall), q = levelFraction; the band is
///    the maximal run of consecutive ranks with r > L that holds the most disagreements in
///    excess of the overall rate; then L = out + q (in − out) with the rates inside and
///    outside the run, and repeat until the run is stable;
/// 3. members at the ends cut off by a gap > sparseGap × the median spacing are dropped;
/// 4. bounds are the midpoints between the first (last) member and its outside neighbour
///    (the member's own value when there is none or it is that far away);
/// 5. the band is kept when it has `minMembers`, leaves at least one item outside, and its
///    rate inside exceeds the rate outside with Fisher p ≤ `alpha`.
Band findBand(std::span<const double> x, std::span<const std::uint8_t> disagree, const BandOptions &options = {});

} // namespace concord::core
