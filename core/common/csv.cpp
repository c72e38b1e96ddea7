// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/csv.h"

#include "core/common/error.h"

#include <charconv>
#include <cmath>
#include <fstream>

namespace concord::core {

CsvReader::CsvReader(std::istream &in, std::string fileName, char delimiter, TextEncoding encoding)
    : m_in(in)
    , m_fileName(std::move(fileName))
    , m_delimiter(delimiter)
    , m_encoding(encoding)
{
}

std::optional<CsvRow> CsvReader::next()
{
    std::string line;
    while (true) {
        if (!std::getline(m_in, line))
            return std::nullopt;
        ++m_line;
        if (m_first) {
            m_first = false;
            if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
                line.erase(0, 3);
        }
        if (m_encoding == TextEncoding::Utf8)
            checkUtf8Text(line, m_fileName, m_line);
        else
            line = decodeText(line, m_encoding, m_fileName, m_line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!trim(line).empty())
            break;
    }

    CsvRow row;
    row.line = m_line;
    std::string cell;
    bool inQuotes = false;
    bool wasQuoted = false;
    std::size_t i = 0;
    while (true) {
        if (i >= line.size()) {
            if (inQuotes) {
                // The quoted cell continues on the next physical line.
                std::string more;
                if (!std::getline(m_in, more))
                    throw Error(ErrorCode::Parse, "unterminated quoted cell", m_fileName, row.line);
                ++m_line;
                if (m_encoding == TextEncoding::Utf8)
                    checkUtf8Text(more, m_fileName, m_line);
                else
                    more = decodeText(more, m_encoding, m_fileName, m_line);
                if (!more.empty() && more.back() == '\r')
                    more.pop_back();
                cell += '\n';
                line = std::move(more);
                i = 0;
                continue;
            }
            row.cells.push_back(std::move(cell));
            break;
        }
        const char c = line[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    cell += '"';
                    i += 2;
                    continue;
                }
                inQuotes = false;
                ++i;
                continue;
            }
            cell += c;
            ++i;
            continue;
        }
        if (c == '"' && trim(cell).empty() && !wasQuoted) {
            cell.clear();
            inQuotes = true;
            wasQuoted = true;
            ++i;
            continue;
        }
        if (c == m_delimiter) {
            row.cells.push_back(wasQuoted ? std::move(cell) : std::string(trim(cell)));
            cell.clear();
            wasQuoted = false;
            ++i;
            continue;
        }
        if (wasQuoted && c != ' ' && c != '\t')
            throw Error(ErrorCode::Parse, "unexpected text after a closing quote", m_fileName, m_line);
        if (!wasQuoted)
            cell += c;
        ++i;
    }
    if (!wasQuoted && !row.cells.empty())
        row.cells.back() = std::string(trim(row.cells.back()));
    return row;
}

CsvTable CsvTable::readFile(const std::string &path, char delimiter, TextEncoding encoding)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open file for reading", path);
    return read(in, path, delimiter, encoding);
}

CsvTable CsvTable::read(std::istream &in, const std::string &fileName, char delimiter, TextEncoding encoding)
{
    CsvTable table;
    std::vector<CsvRow> rows;
    scan(
        in, fileName, delimiter, encoding, [&](const CsvTable &header) { table = header; },
        [&](CsvRow &row) { rows.push_back(std::move(row)); });
    table.m_rows = std::move(rows);
    return table;
}

void CsvTable::scanFile(const std::string &path, char delimiter, TextEncoding encoding,
                        const std::function<void(const CsvTable &)> &onHeader,
                        const std::function<void(CsvRow &)> &onRow)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, "cannot open file for reading", path);
    scan(in, path, delimiter, encoding, onHeader, onRow);
}

void CsvTable::scan(std::istream &in, const std::string &fileName, char delimiter, TextEncoding encoding,
                    const std::function<void(const CsvTable &)> &onHeader, const std::function<void(CsvRow &)> &onRow)
{
    CsvTable table;
    table.m_fileName = fileName;
    CsvReader reader(in, fileName, delimiter, encoding);
    auto header = reader.next();
    if (!header)
        throw Error(ErrorCode::Parse, "empty file: a header row is expected", fileName);
    for (auto &h : header->cells) {
        const std::string name(trim(h));
        // Unnamed columns (a spreadsheet's index column) cannot be looked up, so only named
        // ones must be unique.
        if (!name.empty())
            for (std::size_t c = 0; c < table.m_header.size(); ++c)
                if (table.m_header[c] == name)
                    throw Error(ErrorCode::Parse,
                                "duplicate column name in the header row (columns " + std::to_string(c + 1) + " and " +
                                    std::to_string(table.m_header.size() + 1) + ")",
                                fileName, header->line, name);
        table.m_header.push_back(name);
    }
    onHeader(table);
    while (auto row = reader.next()) {
        if (row->cells.size() != table.m_header.size())
            throw Error(ErrorCode::Parse,
                        "expected " + std::to_string(table.m_header.size()) + " cells, found " +
                            std::to_string(row->cells.size()),
                        fileName, row->line);
        onRow(*row);
    }
}

int CsvTable::column(std::string_view name) const
{
    for (std::size_t i = 0; i < m_header.size(); ++i)
        if (m_header[i] == name)
            return static_cast<int>(i);
    return -1;
}

int CsvTable::requireColumn(std::string_view name) const
{
    const int c = column(name);
    if (c < 0)
        throw Error(ErrorCode::Parse, "missing column in the header row", m_fileName, 1, std::string(name));
    return c;
}

std::string csvEscape(std::string_view cell)
{
    std::string value(cell);
    if (!value.empty()) {
        const char c = value.front();
        const bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        if (risky && !parseDouble(value))
            value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(",\"\n\r") == std::string::npos)
        return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csvLine(const std::vector<std::string> &cells)
{
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += csvEscape(cells[i]);
    }
    return out;
}

std::string_view trim(std::string_view s)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::optional<double> parseDouble(std::string_view s)
{
    s = trim(s);
    if (s.empty())
        return std::nullopt;
    if (s.front() == '+')
        s.remove_prefix(1);
    double value = 0;
    const auto *end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace concord::core
