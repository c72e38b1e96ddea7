// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cmath>

/// \file
/// How the lead pages write agreement figures, so every table and headline reads the same:
/// shares as percentages, coefficients (κ, α, AC1) with three decimals, "–" where a figure
/// is undefined (NaN: no pair of labels to compare).

namespace concord::ui {

inline QString percentText(double share, int decimals = 1)
{
    return std::isfinite(share) ? QStringLiteral("%1 %").arg(share * 100.0, 0, 'f', decimals) : QStringLiteral("–");
}

inline QString coefficientText(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 3) : QStringLiteral("–");
}

} // namespace concord::ui
