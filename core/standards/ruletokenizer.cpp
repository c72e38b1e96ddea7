// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/standards/ruletokenizer_p.h"

#include "core/standards/ruleerror.h"

#include <charconv>

namespace concord::core {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isNameChar(char c)
{
    return isNameStart(c) || isDigit(c) || c == '-' || c == '.';
}
bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// Tracks byte offset and character column together, so columns match what an editor shows
/// even after non-ASCII text inside a string.
class Cursor
{
public:
    explicit Cursor(std::string_view text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(std::size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    void advance()
    {
        ++m_pos;
        while (m_pos < m_text.size() && isContinuation(m_text[m_pos]))
            ++m_pos; // a multi-byte character is one column
        ++m_column;
    }
    int column() const { return m_column; }
    std::size_t pos() const { return m_pos; }
    std::string_view slice(std::size_t from) const { return m_text.substr(from, m_pos - from); }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_column = 1;
};

[[noreturn]] void fail(int column, int length, const std::string &what, const std::string &expected = {})
{
    throw RuleError(ErrorCode::Parse, column, length, what + " at column " + std::to_string(column), expected);
}

RuleToken readNumber(Cursor &c)
{
    RuleToken t;
    t.kind = RuleTokenKind::Number;
    t.column = c.column();
    const std::size_t from = c.pos();
    if (c.peek() == '-')
        c.advance();
    if (!isDigit(c.peek()))
        fail(t.column, 1, "expected a digit after '-'", "a digit");
    while (isDigit(c.peek()))
        c.advance();
    if (c.peek() == '.') {
        c.advance();
        if (!isDigit(c.peek()))
            fail(c.column(), 1, "expected a digit after the decimal point", "a digit");
        while (isDigit(c.peek()))
            c.advance();
    }
    t.text = std::string(c.slice(from));
    t.length = c.column() - t.column;
    // from_chars is locale-independent: "1.5" is 1.5 whatever LC_NUMERIC says.
    const auto res = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
    if (res.ec != std::errc())
        fail(t.column, t.length, "number '" + t.text + "' is out of range");
    return t;
}

RuleToken readString(Cursor &c)
{
    RuleToken t;
    t.kind = RuleTokenKind::String;
    t.column = c.column();
    const char quote = c.peek();
    c.advance();
    for (;;) {
        if (c.atEnd())
            fail(t.column, 1, std::string("string starting here is not closed: expected ") + quote,
                 std::string(1, quote));
        const char ch = c.peek();
        if (ch == quote) {
            c.advance();
            break;
        }
        if (ch == '\\' && (c.peek(1) == quote || c.peek(1) == '\\')) {
            t.text += c.peek(1);
            c.advance();
            c.advance();
            continue;
        }
        const std::size_t from = c.pos();
        c.advance();
        t.text += c.slice(from);
    }
    t.length = c.column() - t.column;
    return t;
}

} // namespace

std::vector<RuleToken> tokenizeRule(std::string_view text)
{
    std::vector<RuleToken> out;
    Cursor c(text);
    while (!c.atEnd()) {
        const char ch = c.peek();
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            c.advance();
            continue;
        }
        if (isDigit(ch) || (ch == '-' && isDigit(c.peek(1)))) {
            out.push_back(readNumber(c));
            continue;
        }
        if (ch == '"' || ch == '\'') {
            out.push_back(readString(c));
            continue;
        }
        RuleToken t;
        t.column = c.column();
        if (isNameStart(ch)) {
            const std::size_t from = c.pos();
            while (isNameChar(c.peek()))
                c.advance();
            t.kind = RuleTokenKind::Identifier;
            t.text = std::string(c.slice(from));
            t.length = c.column() - t.column;
            out.push_back(std::move(t));
            continue;
        }
        auto single = [&](RuleTokenKind kind) {
            t.kind = kind;
            t.text = std::string(1, ch);
            c.advance();
        };
        auto pair = [&](RuleTokenKind kind, const char *spelling) {
            t.kind = kind;
            t.text = spelling;
            t.length = 2;
            c.advance();
            c.advance();
        };
        switch (ch) {
        case '{': single(RuleTokenKind::LBrace); break;
        case '}': single(RuleTokenKind::RBrace); break;
        case '(': single(RuleTokenKind::LParen); break;
        case ')': single(RuleTokenKind::RParen); break;
        case ',': single(RuleTokenKind::Comma); break;
        case ':': single(RuleTokenKind::Colon); break;
        case '<':
            if (c.peek(1) == '=')
                pair(RuleTokenKind::LessEqual, "<=");
            else
                single(RuleTokenKind::Less);
            break;
        case '>':
            if (c.peek(1) == '=')
                pair(RuleTokenKind::GreaterEqual, ">=");
            else
                single(RuleTokenKind::Greater);
            break;
        case '=':
            if (c.peek(1) == '=')
                pair(RuleTokenKind::Equal, "==");
            else
                single(RuleTokenKind::Equal);
            break;
        case '!':
            if (c.peek(1) != '=')
                fail(t.column, 1, "expected '!=' (write 'not' for negation)", "'!='");
            pair(RuleTokenKind::NotEqual, "!=");
            break;
        default: {
            const std::size_t from = c.pos();
            c.advance();
            fail(t.column, 1, "unexpected character '" + std::string(c.slice(from)) + "'");
        }
        }
        out.push_back(std::move(t));
    }
    RuleToken end;
    end.kind = RuleTokenKind::End;
    end.column = c.column();
    out.push_back(end);
    return out;
}

std::string describeToken(const RuleToken &token)
{
    switch (token.kind) {
    case RuleTokenKind::End: return "end of rule";
    case RuleTokenKind::String: return "\"" + token.text + "\"";
    default: return "'" + token.text + "'";
    }
}

} // namespace concord::core
