// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/agreementreport.h"

#include "core/agreement/coefficients.h"
#include "core/agreement/itemcounts.h"
#include "core/agreement/ratingtable.h"
#include "core/common/error.h"

#include <optional>

namespace concord::core {

AgreementReport computeAgreement(const RatingTable &table, const AgreementOptions &options)
{
    AgreementReport r;
    if (!options.reference.empty()) {
        r.reference = table.findLabeler(options.reference);
        if (!r.reference)
            throw Error(ErrorCode::NotFound, "reference labeler '" + options.reference + "' has no labels", {}, 0,
                        "reference");
    }
    const ItemCounts counts(table);
    r.items = counts.itemCount();
    r.labelers = counts.labelerCount();
    r.labels = counts.responseCount();
    r.repeats = counts.hasRepeats();
    r.ordered = table.isOrdered();
    r.itemNames = table.itemNames();
    r.labelerNames = table.labelerNames();
    r.classNames = table.classNames();
    const std::vector<double> &values = table.classValues();
    std::int64_t compared = 0;
    for (std::int32_t i = 0; i < counts.itemCount(); ++i)
        compared += counts.responses(i) >= 2 ? 1 : 0;
    r.coverage = assessCoverage(compared, options.totalItems.value_or(counts.itemCount()));

    r.percentAgreement = pooledAgreement(counts);
    const FleissKappa fleiss = fleissKappa(counts);
    r.meanItemAgreement = fleiss.observed;
    r.chanceAgreement = fleiss.expected;
    r.fleissKappa = fleiss.kappa;
    r.unanimousShare = unanimousShare(counts);
    r.alphaNominal = krippendorffAlpha(counts, AlphaLevel::Nominal, values);
    if (r.ordered) {
        r.alphaOrdinal = krippendorffAlpha(counts, AlphaLevel::Ordinal, values);
        r.alphaInterval = krippendorffAlpha(counts, AlphaLevel::Interval, values);
    }
    r.gwetAc1 = gwetAc1(counts);

    r.bootstrap = options.bootstrap;
    if (options.bootstrap.resamples > 0) {
        std::vector<std::string> keys{"percent_agreement", "fleiss_kappa", "krippendorff_alpha_nominal", "gwet_ac1"};
        if (r.ordered) {
            keys.emplace_back("krippendorff_alpha_ordinal");
            keys.emplace_back("krippendorff_alpha_interval");
        }
        const bool ordered = r.ordered;
        const ItemCounts::Profiles profiles = counts.profiles();
        const ItemCounts &distinct = profiles.distinct;
        const auto intervals = bootstrapItems(
            counts.itemCount(), static_cast<std::int32_t>(keys.size()),
            [&counts = distinct, &values, ordered](ItemWeights w, std::span<double> out) {
                out[0] = pooledAgreement(counts, w);
                out[1] = fleissKappa(counts, w).kappa;
                out[2] = krippendorffAlpha(counts, AlphaLevel::Nominal, values, w);
                out[3] = gwetAc1(counts, w);
                if (ordered) {
                    out[4] = krippendorffAlpha(counts, AlphaLevel::Ordinal, values, w);
                    out[5] = krippendorffAlpha(counts, AlphaLevel::Interval, values, w);
                }
            },
            options.bootstrap, profiles.profileOf, distinct.itemCount());
        for (std::size_t j = 0; j < keys.size(); ++j)
            r.ci95.emplace(keys[j], intervals[j]);
    }

    r.perItem = itemAgreement(counts);
    r.majority = majorityVote(counts);
    r.confusionAgainst = options.confusionAgainst;
    Consensus posterior;
    const bool useDs = options.confusionAgainst == AgreementOptions::ConsensusMethod::DawidSkene;
    if (useDs)
        posterior = dawidSkene(counts, options.dawidSkene).consensus;
    r.pairs = pairwiseAgreement(counts);
    r.perLabeler = labelerAgreement(counts, r.pairs, r.reference, useDs ? &posterior : &r.majority);

    // Responses per class in one pass over the items (not one pass per class).
    std::vector<std::int64_t> responses(static_cast<std::size_t>(counts.classCount()), 0);
    for (std::int32_t i = 0; i < counts.itemCount(); ++i)
        for (const ItemCounts::ClassCount &cc : counts.classCounts(i))
            responses[static_cast<std::size_t>(cc.cls)] += cc.count;
    // Every class nobody chose has the same one-vs-rest view (all responses in "rest"), so its
    // coefficients are computed once: 200,000 declared classes do not cost 200,000 passes.
    std::optional<ClassAgreement> unused;
    for (std::int32_t c = 0; c < counts.classCount(); ++c) {
        const auto j = static_cast<std::size_t>(c);
        ClassAgreement a;
        if (responses[j] == 0 && unused) {
            a = *unused;
        } else {
            const ItemCounts binary = counts.oneVsRest(c);
            a.percentAgreement = pooledAgreement(binary);
            a.alphaNominal = krippendorffAlpha(binary, AlphaLevel::Nominal, {});
            a.gwetAc1 = gwetAc1(binary);
            if (responses[j] == 0)
                unused = a;
        }
        a.cls = c;
        a.responses = static_cast<decltype(a.responses)>(responses[j]);
        a.prevalence = fleiss.proportions[j];
        a.fleissKappa = fleiss.perClass[j];
        r.perClass.push_back(a);
    }
    return r;
}

} // namespace concord::core
