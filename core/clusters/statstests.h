// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

/// \file
/// The few significance tests the cluster finders need, so that "stands out" is a p-value and
/// not a bare ratio (issue 4).

namespace concord::core {

/// One-sided Fisher exact test on the 2×2 table
///   [a b]   a = disagreeing items inside the group, b = agreeing items inside,
///   [c d]   c = disagreeing items outside,          d = agreeing items outside:
/// the probability, under independence with all margins fixed, of a table with at least `a`
/// disagreeing items inside (the hypergeometric upper tail). Exact for any size; computed with
/// log-gamma so 100 000-item tables cost one pass over the tail.
double fisherGreater(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

} // namespace concord::core
