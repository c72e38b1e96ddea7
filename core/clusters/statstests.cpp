// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/statstests.h"

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

double logChoose(std::int64_t n, std::int64_t k)
{
    return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
           std::lgamma(static_cast<double>(n - k) + 1);
}

} // namespace

double fisherGreater(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d)
{
    const std::int64_t rowIn = a + b;  // group size
    const std::int64_t colDis = a + c; // disagreeing items overall
    const std::int64_t total = a + b + c + d;
    const std::int64_t hiA = std::min(rowIn, colDis);
    const double logDenominator = logChoose(total, rowIn);
    // Sum from the far end of the tail towards `a` in log space for accuracy.
    double p = 0.0;
    for (std::int64_t k = a; k <= hiA; ++k) {
        const double term = std::exp(logChoose(colDis, k) + logChoose(total - colDis, rowIn - k) - logDenominator);
        p += term;
        if (term < p * 1e-17 && k > a)
            break; // terms decrease past the mode; the rest cannot change the sum
    }
    return std::min(p, 1.0);
}

} // namespace concord::core
