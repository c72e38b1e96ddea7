// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/agreementjson.h"

#include "core/agreement/agreementreport.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace concord::core {

namespace {

using nlohmann::json;

json number(double x)
{
    return std::isfinite(x) ? json(x) : json(nullptr);
}

json interval(const ConfidenceInterval &ci)
{
    return json::array({number(ci.lo), number(ci.hi)});
}

json matrix(const std::vector<double> &cells, std::size_t k)
{
    json rows = json::array();
    for (std::size_t a = 0; a < k; ++a) {
        json row = json::array();
        for (std::size_t b = 0; b < k; ++b)
            row.push_back(cells[a * k + b]);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string nameOf(const std::vector<std::string> &names, std::int32_t index)
{
    return names[static_cast<std::size_t>(index)];
}

} // namespace

json toJson(const AgreementReport &r, const AgreementJsonOptions &options)
{
    json j;
    j["items"] = r.items;
    j["labelers"] = r.labelers;
    j["labels"] = r.labels;
    j["classes"] = r.classNames;
    j["ordered"] = r.ordered;
    j["repeats"] = r.repeats;
    j["compared_items"] = r.coverage.compared;
    j["project_items"] = r.coverage.total;
    j["too_few_compared"] = r.coverage.tooFew();
    const std::string warning = coverageWarning(r.coverage, options.itemNoun);
    j["warning"] = warning.empty() ? json(nullptr) : json(warning);
    j["percent_agreement"] = number(r.percentAgreement);
    j["mean_item_agreement"] = number(r.meanItemAgreement);
    j["chance_agreement"] = number(r.chanceAgreement);
    j["unanimous_share"] = number(r.unanimousShare);
    j["fleiss_kappa"] = number(r.fleissKappa);
    json alpha{{"nominal", number(r.alphaNominal)}};
    if (r.alphaOrdinal)
        alpha["ordinal"] = number(*r.alphaOrdinal);
    if (r.alphaInterval)
        alpha["interval"] = number(*r.alphaInterval);
    j["krippendorff_alpha"] = std::move(alpha);
    j["gwet_ac1"] = number(r.gwetAc1);

    json ci = json::object();
    for (const auto &[key, value] : r.ci95) {
        static const std::string prefix = "krippendorff_alpha_";
        if (key.starts_with(prefix))
            ci["krippendorff_alpha"][key.substr(prefix.size())] = interval(value);
        else
            ci[key] = interval(value);
    }
    j["ci95"] = std::move(ci);
    j["bootstrap"] = {{"resamples", r.bootstrap.resamples}, {"seed", r.bootstrap.seed}, {"level", r.bootstrap.level}};
    j["majority_ties"] = r.majority.ties;
    j["reference"] = r.reference ? json(nameOf(r.labelerNames, *r.reference)) : json(nullptr);

    json pairs = json::array();
    for (const PairAgreement &p : r.pairs)
        pairs.push_back({{"a", nameOf(r.labelerNames, p.a)},
                         {"b", nameOf(r.labelerNames, p.b)},
                         {"n", p.n},
                         {"agreement", number(p.agreement)},
                         {"cohen_kappa", number(p.cohenKappa)}});
    j["pairs"] = std::move(pairs);

    const auto k = r.classNames.size();
    const char *against =
        r.confusionAgainst == AgreementOptions::ConsensusMethod::DawidSkene ? "dawid-skene" : "majority";
    json labelers = json::array();
    for (const LabelerAgreement &a : r.perLabeler) {
        json o{{"labeler", nameOf(r.labelerNames, a.labeler)},
               {"n", a.items},
               {"compared", a.compared},
               {"hlp", number(a.hlp)},
               {"hlp_vs_majority", number(a.hlpVsMajority)}};
        if (r.reference && a.labeler != *r.reference)
            o["hlp_vs_reference"] = a.hlpVsReference ? number(*a.hlpVsReference) : json(nullptr);
        if (!a.confusion.empty())
            o["confusion"] = {{"against", against}, {"matrix", matrix(a.confusion, k)}};
        labelers.push_back(std::move(o));
    }
    j["per_labeler"] = std::move(labelers);

    json classes = json::array();
    for (const ClassAgreement &c : r.perClass)
        classes.push_back({{"class", nameOf(r.classNames, c.cls)},
                           {"responses", c.responses},
                           {"prevalence", number(c.prevalence)},
                           {"percent_agreement", number(c.percentAgreement)},
                           {"fleiss_kappa", number(c.fleissKappa)},
                           {"krippendorff_alpha_nominal", number(c.alphaNominal)},
                           {"gwet_ac1", number(c.gwetAc1)}});
    j["per_class"] = std::move(classes);

    if (options.perItem) {
        json items = json::array();
        for (std::size_t i = 0; i < r.perItem.size(); ++i) {
            const ItemAgreement &a = r.perItem[i];
            items.push_back(
                {{"item", r.itemNames[i]},
                 {"responses", a.responses},
                 {"agreement", number(a.agreement)},
                 {"unanimous", a.unanimous},
                 {"majority", a.majorityClass >= 0 ? json(nameOf(r.classNames, a.majorityClass)) : json(nullptr)},
                 {"tied_classes", a.tiedClasses},
                 {"margin_votes", a.marginVotes},
                 {"margin", a.margin},
                 {"entropy_bits", a.entropyBits}});
        }
        j["per_item"] = std::move(items);
    }
    return j;
}

} // namespace concord::core
