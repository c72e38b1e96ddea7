// SPDX-License-Identifier: GPL-3.0-or-later
// Loaders for the published agreement tables in tests/data/agreement (shared by the
// tst_agreement* executables). They use only the CSV reader, not the engine's CSV loader, so a
// bug in the loader under test cannot hide a bug in a metric.
#pragma once

#include "core/agreement/ratingtable.h"
#include "core/common/csv.h"

#include <cstddef>
#include <string>
#include <vector>

namespace concord::test {

inline std::string agreementData(const std::string &file)
{
    return std::string(CONCORD_TEST_DATA) + "/agreement/" + file;
}

/// Orders numeric class names by value (labels 1..6 are an ordinal/interval scale).
inline void orderNumeric(core::RatingTable &table)
{
    std::vector<double> values;
    for (const std::string &name : table.classNames())
        values.push_back(*core::parseDouble(name));
    table.orderClassesByValue(values);
}

/// Rows = items, columns from `firstRater` on = raters; an empty cell is a missing rating.
/// Only the rater columns listed in `raters` (1-based indexes into the header) when not empty.
inline core::RatingTable wideTable(const std::string &file, std::vector<std::size_t> raters = {})
{
    const auto csv = core::CsvTable::readFile(agreementData(file));
    if (raters.empty())
        for (std::size_t c = 1; c < csv.header().size(); ++c)
            raters.push_back(c);
    core::RatingTable table;
    for (const core::CsvRow &row : csv.rows())
        for (const std::size_t c : raters)
            if (!row.cells[c].empty())
                table.add(row.cells[0], csv.header()[c], row.cells[c]);
    return table;
}

/// Krippendorff's layout: rows = observers, columns = units.
inline core::RatingTable reliabilityTable(const std::string &file)
{
    const auto csv = core::CsvTable::readFile(agreementData(file));
    core::RatingTable table;
    for (std::size_t c = 1; c < csv.header().size(); ++c)
        table.item(csv.header()[c]); // keep units in column order, empty ones included
    for (const core::CsvRow &row : csv.rows())
        for (std::size_t c = 1; c < row.cells.size(); ++c)
            if (!row.cells[c].empty())
                table.add(csv.header()[c], row.cells[0], row.cells[c]);
    orderNumeric(table);
    return table;
}

/// Counts layout (`subject,cat1..catK`): each count becomes that many ratings by distinct raters.
inline core::RatingTable countsTable(const std::string &file)
{
    const auto csv = core::CsvTable::readFile(agreementData(file));
    core::RatingTable table;
    for (const core::CsvRow &row : csv.rows()) {
        int rater = 0;
        for (std::size_t c = 1; c < row.cells.size(); ++c)
            for (int n = std::stoi(row.cells[c]); n > 0; --n)
                table.add(row.cells[0], "r" + std::to_string(rater++), csv.header()[c]);
    }
    return table;
}

/// Contingency layout (`rater_A,rater_B,count`): `count` items rated a by A and b by B.
inline core::RatingTable contingencyTable(const std::string &file)
{
    const auto csv = core::CsvTable::readFile(agreementData(file));
    core::RatingTable table;
    int item = 0;
    for (const core::CsvRow &row : csv.rows()) {
        for (int n = std::stoi(row.cells[2]); n > 0; --n, ++item) {
            table.add(std::to_string(item), "A", row.cells[0]);
            table.add(std::to_string(item), "B", row.cells[1]);
        }
    }
    return table;
}

/// Long layout (`item,worker,label`, or the semicolon Dawid–Skene file), every row a rating.
inline core::RatingTable longTable(const std::string &file, char delimiter = ',')
{
    const auto csv = core::CsvTable::readFile(agreementData(file), delimiter);
    core::RatingTable table;
    for (const core::CsvRow &row : csv.rows())
        table.add(row.cells[0], row.cells[1], row.cells[2]);
    return table;
}

} // namespace concord::test
