// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/ratingcsv.h"

#include "core/common/csv.h"
#include "core/common/error.h"

#include <algorithm>
#include <cstddef>
#include <set>

namespace concord::core {

namespace {

RatingTable fromCsv(const CsvTable &csv, const RatingCsvOptions &options)
{
    const int item = csv.requireColumn(options.itemColumn);
    const int labeler = csv.requireColumn(options.labelerColumn);
    const int label = csv.requireColumn(options.labelColumn);
    const auto needed = static_cast<std::size_t>(std::max({item, labeler, label})) + 1;
    RatingTable table;
    table.reserve(csv.rows().size());
    for (const CsvRow &row : csv.rows()) {
        if (row.cells.size() < needed)
            throw Error(ErrorCode::Parse,
                        "expected at least " + std::to_string(needed) + " cells, found "
                            + std::to_string(row.cells.size()),
                        csv.fileName(), row.line);
        const auto cell = [&](int column) { return trim(row.cells[static_cast<std::size_t>(column)]); };
        if (cell(item).empty())
            throw Error(ErrorCode::Parse, "empty item", csv.fileName(), row.line, options.itemColumn);
        if (cell(labeler).empty())
            throw Error(ErrorCode::Parse, "empty labeler", csv.fileName(), row.line,
                        options.labelerColumn);
        if (cell(label).empty()) {
            table.item(cell(item));
            table.labeler(cell(labeler));
            continue;
        }
        table.add(cell(item), cell(labeler), cell(label));
    }
    if (options.numericLabelsOrdered && table.classCount() > 0) {
        std::vector<double> values;
        for (const std::string &name : table.classNames()) {
            const auto v = parseDouble(name);
            if (!v)
                return table;
            values.push_back(*v);
        }
        if (std::set<double>(values.begin(), values.end()).size() == values.size())
            table.orderClassesByValue(values);
    }
    return table;
}

} // namespace

RatingTable readRatingsCsv(const std::string &path, const RatingCsvOptions &options)
{
    return fromCsv(CsvTable::readFile(path, options.delimiter), options);
}

RatingTable readRatingsCsv(std::istream &in, const std::string &fileName,
                           const RatingCsvOptions &options)
{
    return fromCsv(CsvTable::read(in, fileName, options.delimiter), options);
}

} // namespace concord::core
