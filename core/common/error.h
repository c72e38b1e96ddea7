// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace concord::core {

/// What went wrong, as a stable code the front ends turn into words (ui uses tr(), the CLI
/// prints the message). Codes are never renumbered: tests and scripts may rely on them.
enum class ErrorCode : std::uint8_t
{
    Io,           ///< a file could not be read or written
    NotAProject,  ///< the file is not an SQLite database or not a Concord project
    NewerVersion, ///< the project was written by a newer Concord (schema too new)
    ReadOnly,     ///< the project is open read-only and a change was asked for
    Database,     ///< SQLite reported an error
    Parse,        ///< malformed input: CSV, JSON, rule text
    NotFound,     ///< an image, labeler, class or standard named by the user does not exist
    Invalid,      ///< a value is out of range or a request contradicts the project
    Busy,         ///< the project stayed locked by another process longer than the timeout
    Cancelled,    ///< the user cancelled a long operation
    Denied,       ///< the session's role does not allow this (blind labeling, lead actions)
    Unavailable,  ///< the project's server cannot be reached or refused the login (team mode)
};

/// The exception every core function throws. It carries the place the problem concerns, so
/// that an error message can always name the file, the line and the field (DESIGN §9).
/// We use an exception rather than std::expected (C++23, not in Debian 12's default
/// libstdc++ mode) because errors cross many layers (parser → importer → CLI) unchanged.
class Error : public std::runtime_error
{
public:
    Error(ErrorCode code, const std::string &message, std::string file = {}, std::int64_t line = 0,
          std::string field = {});

    ErrorCode code() const noexcept { return m_code; }
    /// File the error concerns, empty when none.
    const std::string &file() const noexcept { return m_file; }
    /// 1-based line (or byte position for rules), 0 when not applicable.
    std::int64_t line() const noexcept { return m_line; }
    /// Column, JSON path or attribute name the error concerns, empty when none.
    const std::string &field() const noexcept { return m_field; }
    /// The message without the location prefix.
    const std::string &detail() const noexcept { return m_detail; }

private:
    ErrorCode m_code;
    std::string m_file;
    std::int64_t m_line;
    std::string m_field;
    std::string m_detail;
};

/// Short English name of a code ("parse error", "not found") for messages and JSON.
const char *errorCodeName(ErrorCode code) noexcept;

} // namespace concord::core
