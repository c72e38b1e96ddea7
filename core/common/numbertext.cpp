// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/numbertext.h"

#include <cmath>
#include <cstdio>

namespace concord::core {

std::string formatShare(double fraction, int decimals)
{
    if (!std::isfinite(fraction))
        return kNoFigure;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f %%", decimals, fraction * 100.0);
    return buf;
}

std::string formatFixed(double value, int decimals)
{
    if (!std::isfinite(value))
        return kNoFigure;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string formatMeasure(double value)
{
    const double a = std::abs(value);
    return formatFixed(value, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

} // namespace concord::core
