// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/agreement/bootstrap.h"
#include "core/agreement/consensus.h"
#include "core/agreement/coverage.h"
#include "core/agreement/dawidskene.h"
#include "core/agreement/itemagreement.h"
#include "core/agreement/pairwise.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace concord::core {

class RatingTable;

/// What computeAgreement() should do beyond the always-computed point estimates.
struct AgreementOptions
{
    /// Labeler whose labels are the reference ("ground-truth labeler" of the seed); empty for
    /// none. An unknown name is an Error(NotFound).
    std::string reference;
    /// Item bootstrap for the project metrics; resamples = 0 switches the intervals off.
    BootstrapOptions bootstrap;
    /// The consensus each labeler's confusion matrix is taken against.
    enum class ConsensusMethod : std::uint8_t
    {
        MajorityVote,
        DawidSkene
    };
    ConsensusMethod confusionAgainst = ConsensusMethod::MajorityVote;
    /// Used when confusionAgainst is DawidSkene.
    DawidSkeneOptions dawidSkene;
    /// Items of the whole project, unlabeled ones included: the denominator of the "under
    /// 10 % of the project" test of `coverage`. Unset: the table's own items (a CSV).
    std::optional<std::int64_t> totalItems;
};

/// One class against all others: each coefficient computed on the two-class view.
struct ClassAgreement
{
    std::int32_t cls = 0;
    double responses = 0.0;        ///< responses in this class
    double prevalence = 0.0;       ///< Fleiss p_j: share of responses (items with ≥ 2 responses)
    double percentAgreement = 0.0; ///< pooled pairwise agreement on "this class or not"
    double fleissKappa = 0.0;      ///< Fleiss' κ_j (identical to κ of the two-class view)
    double alphaNominal = 0.0;
    double gwetAc1 = 0.0;
};

/// Everything the CLI's `agreement` command and the GUI's agreement view show. Field names
/// follow the JSON keys of toJson() (docs/AGREEMENT.md defines each number).
struct AgreementReport
{
    std::int32_t items = 0;
    std::int32_t labelers = 0;
    std::int64_t labels = 0; ///< responses, repeats included
    bool repeats = false;    ///< some labeler rated some item more than once
    bool ordered = false;    ///< ordinal and interval alpha are meaningful
    std::vector<std::string> itemNames;
    std::vector<std::string> labelerNames;
    std::vector<std::string> classNames;
    /// The items every coefficient compares (two or more responses) and whether they are too
    /// few for the figures to mean much (assessCoverage()).
    Coverage coverage;

    double percentAgreement = 0.0;  ///< project HLP: pooled pairwise agreement
    double meanItemAgreement = 0.0; ///< Fleiss' P̄
    double chanceAgreement = 0.0;   ///< Fleiss' P̄e
    double unanimousShare = 0.0;
    double fleissKappa = 0.0;
    double alphaNominal = 0.0;
    std::optional<double> alphaOrdinal;
    std::optional<double> alphaInterval;
    double gwetAc1 = 0.0;
    /// Percentile intervals keyed like the JSON metrics: "percent_agreement", "fleiss_kappa",
    /// "krippendorff_alpha_nominal" (…_ordinal, …_interval when ordered), "gwet_ac1". Empty when
    /// the bootstrap is off.
    std::map<std::string, ConfidenceInterval> ci95;
    BootstrapOptions bootstrap; ///< the settings the intervals were computed with

    std::vector<PairAgreement> pairs;
    std::optional<std::int32_t> reference;
    std::vector<LabelerAgreement> perLabeler;
    std::vector<ClassAgreement> perClass;
    std::vector<ItemAgreement> perItem;
    /// Majority vote over all responses (its ties are the undecided items).
    Consensus majority;
    AgreementOptions::ConsensusMethod confusionAgainst = AgreementOptions::ConsensusMethod::MajorityVote;
};

/// Computes every agreement figure of DESIGN §4 for one table. Deterministic for a given
/// bootstrap seed. Throws Error(NotFound) for an unknown reference labeler.
AgreementReport computeAgreement(const RatingTable &table, const AgreementOptions &options = {});

} // namespace concord::core
