// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/coefficients.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace concord::core {

/// Settings of the item bootstrap.
struct BootstrapOptions
{
    std::int32_t resamples = 1000;
    /// The same seed gives the same intervals on every machine and for any thread count:
    /// resample b draws from its own std::mt19937_64 seeded from (seed, b), and indices come
    /// from our own unbiased range reduction, not std::uniform_int_distribution (whose
    /// algorithm the standard leaves to the library).
    std::uint64_t seed = 1;
    /// Worker threads (parallelFor); 0 means all cores. Results do not depend on it.
    std::int32_t threads = 0;
    double level = 0.95; ///< two-sided coverage of the percentile interval
};

/// A percentile interval. NaN bounds when no resample gave a finite value.
struct ConfidenceInterval
{
    double lo = std::numeric_limits<double>::quiet_NaN();
    double hi = std::numeric_limits<double>::quiet_NaN();
    std::int32_t valid = 0; ///< resamples with a finite value (the others are left out)
};

/// Fills one value per statistic for the given item weights.
using BootstrapStatistic = std::function<void(ItemWeights, std::span<double>)>;

/// Percentile bootstrap over items: each resample draws `items` items with replacement and
/// evaluates `statistic` (which computes `statCount` values at once, so one draw serves every
/// metric) with the items' multiplicities as weights. Bounds are the (1−level)/2 and
/// (1+level)/2 quantiles of the finite resample values, linearly interpolated between order
/// statistics (Hyndman & Fan type 7, numpy's default). `statistic` must be safe to call from
/// several threads at once.
///
/// `groupOf` (optional) maps each item to a group of items the statistic cannot tell apart
/// (ItemCounts::profiles()); the statistic then receives one multiplicity per group, summed
/// over the group's drawn items. The draws are the same, so the intervals are identical to the
/// ungrouped ones; only the statistic's pass shrinks from items to groups.
std::vector<ConfidenceInterval> bootstrapItems(std::int32_t items, std::int32_t statCount,
                                               const BootstrapStatistic &statistic,
                                               const BootstrapOptions &options = {},
                                               std::span<const std::int32_t> groupOf = {}, std::int32_t groups = 0);

/// The multiplicities of resample `resample` over `items` items, accumulated into `weights`
/// per group (`groupOf` empty: one weight per item). Exposed so a test can check the draw.
void bootstrapWeights(std::uint64_t seed, std::int32_t resample, std::int32_t items,
                      std::span<const std::int32_t> groupOf, std::span<std::uint32_t> weights);

} // namespace concord::core
