// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace concord::core {

struct AgreementReport;

/// What toJson() includes beyond the summary.
struct AgreementJsonOptions
{
    bool perItem = false; ///< one object per item (large for big projects, so off by default)
    /// What the items are called in `warning` ("images" for a project).
    std::string itemNoun = "items";
};

/// The one JSON shape of an agreement report, shared by `concord-cli agreement --json`, the
/// HTML report and the GUI's export so the three can never disagree. Keys (docs/AGREEMENT.md):
/// items, labelers, labels, classes, ordered, repeats, compared_items, project_items,
/// too_few_compared, warning (string or null), percent_agreement, mean_item_agreement,
/// chance_agreement, unanimous_share, fleiss_kappa, krippendorff_alpha {nominal, ordinal?,
/// interval?}, gwet_ac1, ci95 {same metric keys: [lo, hi]}, bootstrap {resamples, seed, level},
/// majority_ties, reference, pairs [{a, b, n, agreement, cohen_kappa}], per_labeler [{labeler,
/// n, compared, hlp, hlp_vs_majority, hlp_vs_reference?, confusion {against, matrix}}],
/// per_class [{class, responses, prevalence, percent_agreement, fleiss_kappa,
/// krippendorff_alpha_nominal, gwet_ac1}], per_item (optional). An undefined value (NaN, e.g.
/// kappa when a single class was used) is written as null.
nlohmann::json toJson(const AgreementReport &report, const AgreementJsonOptions &options = {});

} // namespace concord::core
