// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/objectcsv.h"

#include "core/common/csv.h"
#include "core/common/error.h"

#include <algorithm>
#include <cstddef>

namespace concord::core {

namespace {

/// Streams the rows into the table (only the current row is held, as readRatingsCsv does).
class Loader
{
public:
    explicit Loader(const ObjectCsvOptions &options)
        : m_options(options)
    {
    }

    void header(const CsvTable &csv)
    {
        m_fileName = csv.fileName();
        m_item = csv.requireColumn(m_options.itemColumn);
        m_labeler = csv.requireColumn(m_options.labelerColumn);
        m_label = csv.requireColumn(m_options.labelColumn);
        int last = std::max({m_item, m_labeler, m_label});
        for (std::size_t c = 0; c < 4; ++c) {
            m_corner[c] = csv.requireColumn(m_options.cornerColumns[c]);
            last = std::max(last, m_corner[c]);
        }
        m_needed = static_cast<std::size_t>(last) + 1;
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
        const std::size_t empty = static_cast<std::size_t>(
            std::count_if(m_corner.begin(), m_corner.end(), [&](int c) { return cell(c).empty(); }));
        const std::int32_t item = m_table.item(cell(m_item));
        const std::int32_t labeler = m_table.labeler(cell(m_labeler));
        if (empty == 4) {
            m_table.markLabeled(item, labeler);
            return;
        }
        double v[4];
        for (std::size_t c = 0; c < 4; ++c) {
            const std::string &column = m_options.cornerColumns[c];
            const std::string_view text = cell(m_corner[c]);
            if (text.empty())
                throw Error(ErrorCode::Parse,
                            "a box needs all four corners " + m_options.cornerColumns[0] + ", " +
                                m_options.cornerColumns[1] + ", " + m_options.cornerColumns[2] + ", " +
                                m_options.cornerColumns[3] + " (or none, for an image with no box)",
                            m_fileName, row.line, column);
            const auto value = parseDouble(text);
            if (!value)
                throw Error(ErrorCode::Parse, "not a finite number: \"" + std::string(text) + "\"", m_fileName,
                            row.line, column);
            v[c] = *value;
        }
        if (cell(m_label).empty())
            throw Error(ErrorCode::Parse, "a box needs a label (its class)", m_fileName, row.line,
                        m_options.labelColumn);
        m_table.add(item, labeler, ObjectShape::box(m_table.cls(cell(m_label)), v[0], v[1], v[2], v[3]));
    }

    ObjectTable finish() { return std::move(m_table); }

private:
    const ObjectCsvOptions &m_options;
    std::string m_fileName;
    int m_item = 0;
    int m_labeler = 0;
    int m_label = 0;
    std::array<int, 4> m_corner{};
    std::size_t m_needed = 0;
    ObjectTable m_table;
};

} // namespace

ObjectTable readObjectsCsv(const std::string &path, const ObjectCsvOptions &options)
{
    Loader loader(options);
    CsvTable::scanFile(
        path, options.delimiter, TextEncoding::Utf8, [&](const CsvTable &csv) { loader.header(csv); },
        [&](const CsvRow &row) { loader.row(row); });
    return loader.finish();
}

ObjectTable readObjectsCsv(std::istream &in, const std::string &fileName, const ObjectCsvOptions &options)
{
    Loader loader(options);
    CsvTable::scan(
        in, fileName, options.delimiter, TextEncoding::Utf8, [&](const CsvTable &csv) { loader.header(csv); },
        [&](const CsvRow &row) { loader.row(row); });
    return loader.finish();
}

} // namespace concord::core
