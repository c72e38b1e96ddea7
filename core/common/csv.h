// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/text.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord::core {

/// One parsed CSV record with the physical line it started on (for error messages).
struct CsvRow
{
    std::vector<std::string> cells;
    std::int64_t line = 0;
};

/// RFC 4180 reader: quoted cells with "" escapes and embedded newlines, CRLF or LF, an
/// optional UTF-8 BOM, any single-character delimiter. Throws Error(Parse) naming file and
/// line for an unterminated quote or stray text after a closing quote, and for text that is
/// not valid UTF-8 (or holds a NUL byte): every line is checked, or converted from `encoding`
/// when the user declared one, so no cell it returns is ever anything but UTF-8.
class CsvReader
{
public:
    CsvReader(std::istream &in, std::string fileName, char delimiter = ',', TextEncoding encoding = TextEncoding::Utf8);

    /// Next record, or nullopt at end of input. Blank lines are skipped.
    std::optional<CsvRow> next();

    const std::string &fileName() const noexcept { return m_fileName; }

private:
    std::istream &m_in;
    std::string m_fileName;
    char m_delimiter;
    TextEncoding m_encoding;
    std::int64_t m_line = 0;
    bool m_first = true;
};

/// Reads a whole CSV file with a header row. `required` columns must be present (error names
/// the missing column); column lookups are by exact, trimmed header name, so two columns of
/// one name are refused (which of them would a lookup mean?). Text as CsvReader.
class CsvTable
{
public:
    static CsvTable readFile(const std::string &path, char delimiter = ',', TextEncoding encoding = TextEncoding::Utf8);
    static CsvTable read(std::istream &in, const std::string &fileName, char delimiter = ',',
                         TextEncoding encoding = TextEncoding::Utf8);

    /// The same checks as read(), streamed: `onHeader` sees the table once its header is read
    /// (no rows), then `onRow` gets every record in turn. Only the current record is held, so
    /// a gigabyte file costs what the caller keeps of it, not the file's size in strings.
    static void scanFile(const std::string &path, char delimiter, TextEncoding encoding,
                         const std::function<void(const CsvTable &)> &onHeader,
                         const std::function<void(CsvRow &)> &onRow);
    static void scan(std::istream &in, const std::string &fileName, char delimiter, TextEncoding encoding,
                     const std::function<void(const CsvTable &)> &onHeader, const std::function<void(CsvRow &)> &onRow);

    const std::vector<std::string> &header() const noexcept { return m_header; }
    const std::vector<CsvRow> &rows() const noexcept { return m_rows; }
    const std::string &fileName() const noexcept { return m_fileName; }
    /// Index of a column, or -1.
    int column(std::string_view name) const;
    /// Index of a column; throws Error(Parse) naming the file and the column when absent.
    int requireColumn(std::string_view name) const;

private:
    std::string m_fileName;
    std::vector<std::string> m_header;
    std::vector<CsvRow> m_rows;
};

/// Quotes a cell for CSV output when needed, and defuses spreadsheet formulas: a cell that
/// starts with = + - @ (or tab/CR) gets a leading apostrophe (OWASP "CSV injection") unless it
/// is a plain number such as -1.5.
std::string csvEscape(std::string_view cell);

/// Joins escaped cells with commas (no newline).
std::string csvLine(const std::vector<std::string> &cells);

/// Trims ASCII white space on both ends.
std::string_view trim(std::string_view s);

/// Parses a whole string as a finite double (locale-independent); nullopt when it is not one.
std::optional<double> parseDouble(std::string_view s);

} // namespace concord::core
