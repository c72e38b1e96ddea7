// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <string>
#include <vector>

/// \file
/// The project's label book (DESIGN §6): standards with their versions, status and example
/// images. A standard is never edited in place: a change is a new version of its family, so
/// every label keeps pointing at the exact text that was in force when it was made.

namespace concord::core {

/// LandingLens' Defect Book recommends, per defect, 4 examples, 3 counterexamples and 3
/// borderline cases: enough for a new labeler to see the line from both sides.
inline constexpr int kRecommendedExamples = 4;
inline constexpr int kRecommendedCounterexamples = 3;
inline constexpr int kRecommendedBorderline = 3;

/// What a person gives to write a standard or a new version of one.
struct StandardDraft
{
    std::string title;
    std::string body;
    std::string rule; ///< empty for a standard without an executable rule
    StandardStatus status = StandardStatus::Draft;
};

/// The standard with that row id, or Error(NotFound).
Standard findStandard(const Store &store, Id id);

/// Adds version 1 of a new standard. The rule, when given, is parsed and validated against
/// the project first (RuleError naming the column), so a standard never holds a rule that
/// cannot run; nothing is written then. A standard added as active retires nothing (it is a
/// new family). Logged in the audit log; returns the row id.
Id createStandard(Store &store, const StandardDraft &draft, const std::string &actor = "lead");

/// Adds the next version of the family `anyVersion` belongs to (version = highest + 1, same
/// family), validated like createStandard. When the new version is active, the family's other
/// active versions are retired in the same transaction: one version of a standard is in force.
Id createStandardVersion(Store &store, Id anyVersion, const StandardDraft &draft, const std::string &actor = "lead");

/// Attaches an image to a standard as an example, counterexample or borderline case
/// (replacing its role and note if it is attached already). Error(NotFound) for an unknown
/// standard.
void setStandardExample(Store &store, Id standard, Id image, ExampleRole role, const std::string &note = {});

/// A standard as `standard list` shows it: example counts beside the recommendation.
struct StandardSummary
{
    Standard standard;
    int examples = 0;
    int counterexamples = 0;
    int borderline = 0;
    bool latest = false; ///< highest version of its family
    /// Short advice when the counts are below the recommendation ("needs 2 more examples,
    /// 3 more borderline"), empty when they meet it.
    std::string exampleHint;
};

/// Every standard, by family then version.
std::vector<StandardSummary> standardSummaries(const Store &store);

} // namespace concord::core
