// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_agreement.h"

#include "core/project/project_ratings.h"

#include <nlohmann/json.hpp>

namespace concord::core {

ProjectAgreement computeProjectAgreement(const Store &store, const AgreementOptions &options)
{
    ProjectAgreement a;
    a.images = store.imageCount();
    const auto rows = store.labelRows();
    std::vector<LabelRow> human;
    human.reserve(rows.size());
    for (const auto &r : rows) {
        if (isHumanLabel(r.label))
            human.push_back(r);
        else
            ++a.standardLabels;
    }
    AgreementOptions o = options;
    o.totalItems = a.images;
    a.human = computeAgreement(ratingTableFromRows(store, human), o);
    if (a.standardLabels > 0)
        a.dataset = computeAgreement(ratingTableFromRows(store, rows), o);
    return a;
}

nlohmann::json toJson(const ProjectAgreement &a, const AgreementJsonOptions &options)
{
    AgreementJsonOptions o = options;
    o.itemNoun = "images";
    nlohmann::json j = toJson(a.human, o);
    j["standard_labels"] = a.standardLabels;
    if (a.dataset) {
        j["human"] = toJson(a.human, o);
        j["dataset"] = toJson(*a.dataset, o);
    }
    return j;
}

} // namespace concord::core
