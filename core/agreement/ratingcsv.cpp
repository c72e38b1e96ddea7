// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/ratingcsv.h"

#include "core/common/csv.h"
#include "core/common/error.h"

#include <algorithm>
#include <cstddef>
#include <set>

namespace concord::core {

namespace {

/// Streams the rows into the table: each row's three cells are interned at once, so the file
/// is held neither as text nor as strings (docs/RELIABILITY.md, "Limits"), only as one integer
/// triple per rating plus each distinct name once.
class Loader
{
public:
    explicit Loader(const RatingCsvOptions &options)
        : m_options(options)
    {
    }

    void header(const CsvTable &csv)
    {
        m_fileName = csv.fileName();
        m_item = csv.requireColumn(m_options.itemColumn);
        m_labeler = csv.requireColumn(m_options.labelerColumn);
        m_label = csv.requireColumn(m_options.labelColumn);
        m_needed = static_cast<std::size_t>(std::max({m_item, m_labeler, m_label})) + 1;
    }

    void row(const CsvRow &row)
    {
        if (row.cells.size() < m_needed)
            throw Error(ErrorCode::Parse,
                        "expected at least " + std::to_string(m_needed) + " cells, found " +
                            std::to_string(row.cells.size()),
                        m_fileName, row.line);
        const auto cell = [&](int column) { return trim(row.cells[static_cast<std::size_t>(column)]); };
        if (cell(m_item).empty())
            throw Error(ErrorCode::Parse, "empty item", m_fileName, row.line, m_options.itemColumn);
        if (cell(m_labeler).empty())
            throw Error(ErrorCode::Parse, "empty labeler", m_fileName, row.line, m_options.labelerColumn);
        if (cell(m_label).empty()) {
            m_table.item(cell(m_item));
            m_table.labeler(cell(m_labeler));
            return;
        }
        m_table.add(cell(m_item), cell(m_labeler), cell(m_label));
    }

    RatingTable finish()
    {
        if (m_options.numericLabelsOrdered && m_table.classCount() > 0) {
            std::vector<double> values;
            for (const std::string &name : m_table.classNames()) {
                const auto v = parseDouble(name);
                if (!v)
                    return std::move(m_table);
                values.push_back(*v);
            }
            if (std::set<double>(values.begin(), values.end()).size() == values.size())
                m_table.orderClassesByValue(values);
        }
        return std::move(m_table);
    }

private:
    const RatingCsvOptions &m_options;
    std::string m_fileName;
    int m_item = 0;
    int m_labeler = 0;
    int m_label = 0;
    std::size_t m_needed = 0;
    RatingTable m_table;
};

} // namespace

RatingTable readRatingsCsv(const std::string &path, const RatingCsvOptions &options)
{
    Loader loader(options);
    CsvTable::scanFile(
        path, options.delimiter, TextEncoding::Utf8, [&](const CsvTable &csv) { loader.header(csv); },
        [&](const CsvRow &row) { loader.row(row); });
    return loader.finish();
}

RatingTable readRatingsCsv(std::istream &in, const std::string &fileName, const RatingCsvOptions &options)
{
    Loader loader(options);
    CsvTable::scan(
        in, fileName, options.delimiter, TextEncoding::Utf8, [&](const CsvTable &csv) { loader.header(csv); },
        [&](const CsvRow &row) { loader.row(row); });
    return loader.finish();
}

} // namespace concord::core
