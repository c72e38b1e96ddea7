// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QString>

#include <optional>
#include <vector>

namespace concord::ui {

/// What a disagreement cluster suggests for a new standard ("Write a standard for this"):
/// core::StandardSeed (core/standards/standardseed.h, which writes the rule) in the window's
/// strings; the clusters page fills it, the standards page opens its editor pre-filled with it.
struct StandardSeed
{
    QString title;                    ///< e.g. "scratch: length_mm threshold"
    QString body;                     ///< the cluster's description, as a starting point
    QString attribute;                ///< band attribute, empty for other kinds
    std::optional<double> threshold;  ///< the band's suggested threshold
    QString positiveClass;            ///< class chosen more at high values (bands)
    QString rule;                     ///< a rule text derived from the above, may be empty
    std::vector<core::Id> candidates; ///< member images to pick examples from
};

} // namespace concord::ui
