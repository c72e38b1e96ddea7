// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/numbertext.h"

#include <QString>

/// \file
/// The lead pages write agreement figures through core's formatters (core/common/numbertext.h),
/// so a table, a headline, the preview, `concord-cli` and the report read the same: shares as
/// percentages with one decimal, coefficients (κ, α, AC1) with three, "n/a" where a figure is
/// undefined (NaN: no pair of labels to compare).

namespace concord::ui {

inline QString percentText(double share, int decimals = core::kShareDecimals)
{
    return QString::fromStdString(core::formatShare(share, decimals));
}

inline QString coefficientText(double value)
{
    return QString::fromStdString(core::formatFixed(value));
}

} // namespace concord::ui
