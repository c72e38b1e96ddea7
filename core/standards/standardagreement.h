// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// \file
/// The two headline figures a standard is judged by, for a set of labels: before and after a
/// preview, and per standard version, so the dashboard can show whether each version of the
/// label book made the labelers agree more.

namespace concord::core {

/// Project HLP (pooled pairwise agreement) and Fleiss' κ over a set of labels, as
/// computeAgreement() defines them (docs/AGREEMENT.md); no bootstrap, so it is quick enough
/// to recompute on every preview. NaN when no item has two labels.
struct AgreementFigures
{
    double hlp = 0.0;
    double fleissKappa = 0.0;
    std::int64_t items = 0; ///< items with at least one label
    std::int64_t labels = 0;
};

/// The figures over `rows` (classes and their order from the project).
AgreementFigures agreementFigures(const Store &store, const std::vector<LabelRow> &rows);

/// Agreement among the labels made under one standard version.
struct VersionAgreement
{
    std::optional<Id> standard; ///< empty: labels made while no standard was in force
    std::string title;
    int version = 0;
    AgreementFigures figures;
};

/// Groups the current labels by the standard version recorded on them (the `standard` column:
/// the version in force when a person made the label, or the standard that set it) and
/// computes the figures within each group: only pairs of labels of the same group are
/// compared, so a version is judged by the labels made under it. Labels without a standard
/// come first, then versions by row id.
std::vector<VersionAgreement> agreementPerStandardVersion(const Store &store);

} // namespace concord::core
