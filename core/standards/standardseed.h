// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/clusters/clusterfinder.h"
#include "core/clusters/clusterinput.h"
#include "core/clusters/objectclusters.h"

#include <optional>
#include <string>
#include <vector>

/// \file
/// What a disagreement cluster suggests for a new standard: "Write a standard for this…" on
/// the clusters page and `concord-cli clusters --suggest-rule`. The rule is written with the
/// rule language's own quoting and number format (rule.h), so a new keyword is quoted here
/// the day the parser learns it.

namespace concord::core {

struct StandardSeed
{
    std::string title;               ///< e.g. "scratch: length_mm threshold"
    std::string body;                ///< the cluster's description, as a starting point
    std::string attribute;           ///< band attribute, empty for other kinds
    std::optional<double> threshold; ///< the band's suggested threshold
    std::string positiveClass;       ///< class chosen more at high values (bands)
    /// A rule in the rule language (docs/RULES.md), only where the cluster says what to decide:
    /// a band with a finite threshold whose confusion pair is two classes, one of them the
    /// positive class, and whose attribute can stand bare in a rule. Empty otherwise.
    std::string rule;
    std::vector<Id> candidates; ///< member images to pick examples from
};

/// The seed of `cluster` (found in `input`).
StandardSeed standardSeedFor(const ClusterInput &input, const Cluster &cluster);

/// The object rule (docs/RULES.md "Object rules") a band of objects suggests: for a band at
/// the low end of its class's values `for objects of class C: drop if A < hi`, at the high end
/// `… drop if A > lo`; empty for a band in the middle (dropping it would need two bounds and
/// says nothing a lead would write) or an attribute that cannot stand bare in a rule.
std::string suggestedObjectRule(const ObjectBand &band);

} // namespace concord::core
