// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/ruleevaluator.h"
#include "core/store/store.h"

#include <map>
#include <string>
#include <vector>

/// \file
/// The measured values shown under a candidate or example image of a standard (issue #19,
/// "Examples that teach"): the lead picks examples on either side of the rule's line, so each
/// thumbnail shows the numbers the rule decides on, read the way the rule engine reads them.

namespace concord::core {

/// One attribute of one image, as shown beside its picture.
struct ExampleMeasurement
{
    std::string key;
    double value = 0.0;
};

/// The attribute keys to show for a standard with rule `rule`: the attributes the rule reads,
/// in order of first use; for an empty or unparsable rule (the lead is still typing) the
/// measured `length_mm`, the one a labeler's own lines give.
std::vector<std::string> exampleMeasurementKeys(const std::string &rule);

/// Per image of `images`, the numeric values of `keys` as attributeValues() gives them (so a
/// measured length_mm is the median of the labelers' current lines, never a stale copy); keys
/// an image has no number for are left out, images with none are absent.
std::map<Id, std::vector<ExampleMeasurement>> exampleMeasurements(const Store &store, const std::vector<Id> &images,
                                                                  const std::vector<std::string> &keys);

/// A measurement as a thumbnail caption: a length in mm as "2.00 mm", a key ending in `_mm` as
/// "line_length 2.00 mm", any other number as "brightness 0.41". Two decimals, as rule
/// thresholds are written (standardseed.h): an example must show which side of 2.74 it is on.
std::string measurementText(const ExampleMeasurement &m);

/// The class a standard's image rule gives an example: the rule evaluated on the class most
/// of its labels carry (`labelClass`) and its measured `attributes`. So an example of "a scratch
/// of 1.5 mm or longer" at 1.84 mm is taught as scratch even when most labelers said ok before
/// the standard existed. Empty when the rule is empty, unparsable, an object rule, not about
/// that class (its `when` is false) or lacks an attribute: then the vote or decision stands.
std::optional<std::string> ruleClassFor(const std::string &rule, const std::string &labelClass,
                                        const AttributeValues &attributes);

} // namespace concord::core
