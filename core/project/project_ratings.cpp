// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project_ratings.h"

namespace concord::core {

RatingTable ratingTableFromRows(const Store &store, const std::vector<LabelRow> &rows)
{
    RatingTable table;
    const auto classes = store.classes();
    for (const auto &c : classes)
        table.cls(c.name);
    if (store.settings().classesOrdered && !classes.empty()) {
        std::vector<double> values;
        for (std::size_t i = 0; i < classes.size(); ++i)
            values.push_back(static_cast<double>(i));
        table.setOrdered(values);
    }
    table.reserve(rows.size());
    for (const auto &r : rows)
        table.add(r.imagePath, r.labelerName, r.className);
    return table;
}

bool isHumanLabel(const Label &label) noexcept
{
    return label.source != LabelSource::Standard;
}

RatingTable ratingTableFromStore(const Store &store, LabelSet labels)
{
    auto rows = store.labelRows();
    if (labels == LabelSet::Human)
        std::erase_if(rows, [](const LabelRow &r) { return !isHumanLabel(r.label); });
    return ratingTableFromRows(store, rows);
}

} // namespace concord::core
