// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/standards/rule.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// \file
/// What a rule does to one label. The logic is three-valued (true, false, unknown) because
/// attribute values are often missing, and the difference between "the rule says no" and
/// "the rule cannot tell" is what sends an item to the relabel queue instead of leaving it.

namespace concord::core {

/// An image's attribute values, by key.
using AttributeValues = std::map<std::string, AttrValue, std::less<>>;

enum class RuleVerdict : std::uint8_t
{
    OutOfScope, ///< the `when` guard is false: the rule is not about this label
    Decided,    ///< the rule chose a class (which may equal the current one)
    Kept,       ///< the rule chose `keep`: the label stays as it is, on purpose
    Undecided,  ///< the rule would apply, but an attribute it needs is unknown for the image
};

struct RuleOutcome
{
    RuleVerdict verdict = RuleVerdict::OutOfScope;
    std::string resultClass; ///< when Decided (an object rule's relabel; empty for a drop)
    bool drop = false;       ///< when Decided by an object rule's `drop`
    /// The attribute values the deciding conditions read (the branch conditions tried up to
    /// the chosen result, else the guard), in order of first use: "why" in a preview.
    std::vector<std::pair<std::string, AttrValue>> decidedBy;
    /// When Undecided: the rule's attributes that are unknown for the image.
    std::vector<std::string> missing;
};

/// Applies `rule` to a label of class `labelClass` on an image with `attributes`.
///
/// Semantics (docs/RULES.md): comparisons on an unknown attribute (or a text attribute
/// compared with a number, and the reverse) are unknown; `and`/`or`/`not` follow Kleene's
/// three-valued logic. The guard true → the result chain is tried in order, a condition that
/// is unknown makes the label Undecided. The guard false → OutOfScope, except when it is false
/// only because an attribute is unknown (re-evaluated with `is known` tests on the missing
/// attributes taken as unknown, it is no longer false): then Undecided. So
/// `when label in {ok, scratch} and length_mm is known: …` leaves a dent alone but reports
/// an ok without a length as a label the rule cannot decide.
///
/// An object rule is evaluated the same way on one object: `labelClass` is the object's own
/// class (outside `of class …` the object is OutOfScope) and `attributes` the object's
/// (objectattributes.h) over its image's.
RuleOutcome evaluateRule(const Rule &rule, std::string_view labelClass, const AttributeValues &attributes);

} // namespace concord::core
