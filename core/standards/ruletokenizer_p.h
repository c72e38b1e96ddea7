// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// \file
/// Lexical level of the rule language (docs/RULES.md). Hand-written rather than generated so
/// that every error can say exactly which column is wrong and what would have been valid.

namespace concord::core {

enum class RuleTokenKind : std::uint8_t
{
    Identifier,   ///< a name or a keyword: letters, digits, '_', '-', '.'; starts with a letter or '_'
    Number,       ///< decimal, optional leading '-', optional fraction: 2, 1.5, -0.25
    String,       ///< "text" or 'text'; backslash escapes the quote and itself
    LBrace,       ///< {
    RBrace,       ///< }
    LParen,       ///< (
    RParen,       ///< )
    Comma,        ///< ,
    Colon,        ///< :
    Less,         ///< <
    LessEqual,    ///< <=
    Greater,      ///< >
    GreaterEqual, ///< >=
    Equal,        ///< = or ==
    NotEqual,     ///< !=
    End,          ///< end of the rule text
};

struct RuleToken
{
    RuleTokenKind kind = RuleTokenKind::End;
    std::string text; ///< identifier, string content (unescaped) or number spelling
    double number = 0.0;
    int column = 1; ///< 1-based, in characters (UTF-8 code points)
    int length = 1; ///< in characters, as written (quotes included)
};

/// Splits a rule into tokens, ending with one End token. Throws RuleError(Parse) at the column
/// of an unexpected character, an unterminated string or a malformed number.
std::vector<RuleToken> tokenizeRule(std::string_view text);

/// How a token is shown in an error message: 'scratch', '>=', "cam-A", end of rule.
std::string describeToken(const RuleToken &token);

} // namespace concord::core
