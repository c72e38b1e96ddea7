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
    std::string title; ///< e.g. "scratch: length_mm threshold"
    /// Markdown for the labelers. For a band with a threshold: the instruction it suggests
    /// ("An image is **scratch** when its length is 2 mm or more, **ok** when it is less.");
    /// for an object band at one end: "Draw a **scratch** only when its length is 2.74 mm or
    /// more; below that, do not draw it."; otherwise the cluster's description, for the lead to
    /// turn into an instruction.
    std::string body;
    std::string attribute;           ///< band attribute, empty for other kinds
    std::optional<double> threshold; ///< the band's suggested threshold
    std::string positiveClass;       ///< class chosen more at high values (bands)
    /// A rule in the rule language (docs/RULES.md), only for a band with a finite threshold, a
    /// positive class and an attribute that can stand bare in a rule. When the band's confusion
    /// pair is two classes, one of them the positive class, the rule decides both sides
    /// (`… P if A >= T else N`); otherwise it is a start the lead completes (`… else keep`).
    /// For an object band, suggestedObjectRule(). Empty otherwise.
    std::string rule;
    std::vector<Id> candidates; ///< member images to pick examples from
};

/// The seed of `cluster` (found in `input`).
StandardSeed standardSeedFor(const ClusterInput &input, const Cluster &cluster);

/// The seed of an object band (found in `input`): title "C objects: A threshold", the
/// instruction and rule of suggestedObjectRule(), the images of the band's members as
/// candidates (each once, in the band's order; `itemImages[i]` is the image id of
/// input.itemNames[i], 0 or missing for none).
StandardSeed standardSeedFor(const ObjectClusterInput &input, const ObjectBand &band,
                             const std::vector<Id> &itemImages);

/// The object rule (docs/RULES.md "Object rules") a band of objects suggests: for a band at
/// the low end of its class's values `for objects of class C: drop if A < hi`, at the high end
/// `… drop if A > lo`; empty for a band in the middle (dropping it would need two bounds and
/// says nothing a lead would write) or an attribute that cannot stand bare in a rule.
std::string suggestedObjectRule(const ObjectBand &band);

} // namespace concord::core
