// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The consistency figures of a project (issue #20, docs/CONSISTENCY.md): each labeler against
// their own earlier answers (repeats) and against the lead's gold, beside their agreement with
// the others. One computation for `concord-cli agreement --self`, the dashboard and the report.

#include "core/agreement/bootstrap.h"
#include "core/agreement/consistency.h"
#include "core/project/project_agreement.h"
#include "core/store/store.h"

#include <nlohmann/json_fwd.hpp>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace concord::core {

struct LabelerConsistency
{
    std::string name;
    SelfAgreement self;                ///< over this labeler's answered repeats
    GoldAgreement gold;                ///< over this labeler's answered gold checks
    std::int64_t repeatsScheduled = 0; ///< repeats in the queue, answered or not
    std::int64_t goldScheduled = 0;    ///< gold checks in the queue, answered or not
    /// Percent agreement with the other labelers (their HLP, human labels only, as
    /// `concord-cli agreement` reports it); NaN when they share no image with anyone.
    double others = std::numeric_limits<double>::quiet_NaN();
    /// Self-agreement below agreement with others: the disagreement is this person's own
    /// inconsistency, which a written standard does not fix (training or a break might).
    bool flagged = false;
};

struct ProjectConsistency
{
    std::vector<std::string> classNames;
    std::vector<LabelerConsistency> labelers; ///< every labeler of role labeler, by name
    /// Repeats left out because the first answer is no longer the labeler's own (a standard
    /// rewrote it, or the label was removed).
    std::int64_t repeatsWithoutFirst = 0;
    BootstrapOptions bootstrap;
};

/// Reads the check items, their answers and the labels they repeat, and computes the figures.
/// A repeat pairs the labeler's current label of the image (only when its source is the
/// labeler: manual or import) with the repeat's answer; the measurement pair is the longest
/// line (length_mm) of each answer, when both have one. Gold checks pair the gold class with
/// the answer. Check answers never enter the agreement between labelers.
/// `agreement`, when given, is the project's agreement already computed (its human figures give
/// the agreement with others); otherwise it is computed here, without intervals.
ProjectConsistency computeProjectConsistency(const Store &store, const BootstrapOptions &bootstrap = {},
                                             const ProjectAgreement *agreement = nullptr);

/// The JSON of `concord-cli agreement PROJECT --self --json` (keys in docs/CONSISTENCY.md).
nlohmann::json toJson(const ProjectConsistency &c);

} // namespace concord::core
