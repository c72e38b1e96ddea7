// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/error.h"

#include <string>

namespace concord::core {

/// An error in a standard's rule text, at a place the rule editor can underline.
///
/// It is a core::Error (code Parse for syntax, NotFound for an unknown attribute or class,
/// Invalid for a type mismatch), so every front end that already reports core errors reports
/// it too; Error::line() holds the 1-based column and Error::field() the offending name.
/// The message always names the column ("expected ':' at column 41, found 'scratch'"). The
/// subclass exists because the base class would prefix "line 41:", which is wrong for a
/// one-line rule: what() here reads "rule: expected ':' at column 41, found 'scratch'".
class RuleError final : public Error
{
public:
    /// `expected` describes what would have been valid there ("':'", "a class name"), empty
    /// for semantic errors; `name` is the unknown attribute or class, empty for syntax errors.
    RuleError(ErrorCode code, int column, int length, const std::string &message, std::string expected = {},
              std::string name = {});

    /// 1-based column (in characters) where the problem starts; one past the end for
    /// "found end of rule".
    int column() const noexcept { return m_column; }
    /// Characters to underline, at least 1.
    int length() const noexcept { return m_length; }
    const std::string &expected() const noexcept { return m_expected; }
    const std::string &name() const noexcept { return m_name; }

    const char *what() const noexcept override { return m_text.c_str(); }

private:
    int m_column;
    int m_length;
    std::string m_expected;
    std::string m_name;
    std::string m_text;
};

} // namespace concord::core
