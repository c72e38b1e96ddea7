// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/agreementjson.h"
#include "core/agreement/agreementreport.h"
#include "core/store/store.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>

namespace concord::core {

/// A project's agreement figures as every front end shows them (`concord-cli agreement`, the
/// HTML report, the dashboard): computed once here so that the three cannot disagree on what
/// was counted.
///
/// The headline is agreement between people: labels a standard wrote are left out
/// (LabelSet::Human), and only images with two or more human labels are compared. Once a
/// standard has rewritten labels, the data set as it will be exported differs from that, so
/// its figures come second, named as such. Both carry their Coverage against all the project's
/// images (the "too few compared" warning).
struct ProjectAgreement
{
    std::int64_t images = 0;         ///< the project's images, labeled or not
    std::int64_t standardLabels = 0; ///< current labels whose source is a standard
    AgreementReport human;           ///< human labels only: the headline figures
    /// Every current label, standard-written ones included (the exported data set). Only when
    /// standardLabels > 0; otherwise it would equal `human`.
    std::optional<AgreementReport> dataset;
};

/// Reads the project's labels and computes both reports with `options` (their totalItems is
/// set to the project's image count). Throws Error(NotFound) for an unknown reference labeler
/// (one with no human label).
ProjectAgreement computeProjectAgreement(const Store &store, const AgreementOptions &options = {});

/// The JSON of `concord-cli agreement --json` on a project: the human report's object (the
/// keys of toJson(AgreementReport), items named "images" in its warning) plus
/// `standard_labels`; when a standard wrote labels, also `human` and `dataset`, each a full
/// report object of its own (the top level then repeats `human`). docs/AGREEMENT.md.
nlohmann::json toJson(const ProjectAgreement &agreement, const AgreementJsonOptions &options = {});

} // namespace concord::core
