// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/standardagreement.h"

#include "core/agreement/agreementreport.h"
#include "core/project/project_ratings.h"

#include <limits>
#include <map>
#include <set>

namespace concord::core {

AgreementFigures agreementFigures(const Store &store, const std::vector<LabelRow> &rows)
{
    AgreementFigures f;
    f.labels = static_cast<std::int64_t>(rows.size());
    std::set<Id> items;
    for (const auto &r : rows)
        items.insert(r.label.image);
    f.items = static_cast<std::int64_t>(items.size());
    if (rows.empty()) {
        f.hlp = f.fleissKappa = std::numeric_limits<double>::quiet_NaN();
        return f;
    }
    AgreementOptions options;
    options.bootstrap.resamples = 0;
    const auto report = computeAgreement(ratingTableFromRows(store, rows), options);
    f.hlp = report.percentAgreement;
    f.fleissKappa = report.fleissKappa;
    return f;
}

std::vector<VersionAgreement> agreementPerStandardVersion(const Store &store)
{
    // std::optional orders nullopt first: labels made without a standard lead the list.
    std::map<std::optional<Id>, std::vector<LabelRow>> groups;
    for (auto &row : store.labelRows())
        groups[row.label.standard].push_back(std::move(row));
    std::vector<VersionAgreement> out;
    for (const auto &[standard, rows] : groups) {
        VersionAgreement v;
        v.standard = standard;
        if (standard) {
            if (auto s = store.standard(*standard)) {
                v.title = s->title;
                v.version = s->version;
            }
        }
        v.figures = agreementFigures(store, rows);
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace concord::core
