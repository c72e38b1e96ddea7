// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/common/text.h"

#include "core/common/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace concord::core {

namespace {

/// Code points of Windows-1252 bytes 0x80–0x9F (0 = undefined), from the Unicode
/// consortium's mapping file MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT.
constexpr std::array<char32_t, 32> kCp1252High{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                               0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                               0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                               0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string hexByte(unsigned char b)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

/// Line and column (1-based) of byte `at` in `text` whose first byte is on line `firstLine`.
std::pair<std::int64_t, std::size_t> place(std::string_view text, std::size_t at, std::int64_t firstLine)
{
    std::int64_t line = firstLine;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    return {line, at - lineStart + 1};
}

/// Length of the well-formed UTF-8 sequence at text[i], 0 when there is none.
std::size_t sequenceLength(std::string_view text, std::size_t i) noexcept
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = b(i);
    if (c < 0x80)
        return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte (RFC 3629 table)
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; // no overlong forms
        else if (c == 0xED)
            hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; // nothing beyond U+10FFFF
    } else {
        return 0;
    }
    if (i + n > text.size())
        return 0;
    if (b(i + 1) < lo || b(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF)
            return 0;
    return n;
}

/// Error(Parse) "what at column N (hint)" on the line of byte `at`.
[[noreturn]] void failAt(std::string_view text, std::size_t at, const std::string &what, const std::string &hint,
                         const std::string &file, std::int64_t line)
{
    const auto [l, column] = place(text, at, line);
    throw Error(ErrorCode::Parse,
                what + " at column " + std::to_string(column) + (hint.empty() ? "" : " (" + hint + ")"), file, l);
}

constexpr const char *kNulHint = "is the file UTF-16? save it as UTF-8";

} // namespace

TextEncoding parseTextEncoding(std::string_view name)
{
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "utf-8" || n == "utf8")
        return TextEncoding::Utf8;
    if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1")
        return TextEncoding::Latin1;
    if (n == "windows-1252" || n == "cp1252")
        return TextEncoding::Windows1252;
    throw Error(ErrorCode::Invalid, "unknown encoding (expected utf-8, latin1 or windows-1252)", {}, 0, "encoding");
}

std::vector<std::string> textEncodingNames()
{
    return {"utf-8", "latin1", "iso-8859-1", "windows-1252", "cp1252"};
}

std::optional<std::size_t> findInvalidUtf8(std::string_view text) noexcept
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequenceLength(text, i);
        if (n == 0)
            return i;
        i += n;
    }
    return std::nullopt;
}

void checkUtf8Text(std::string_view text, const std::string &file, std::int64_t line)
{
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        failAt(text, nul, "NUL byte", kNulHint, file, line);
    if (const auto bad = findInvalidUtf8(text))
        failAt(text, *bad, "not valid UTF-8: byte " + hexByte(static_cast<unsigned char>(text[*bad])),
               "save the file as UTF-8, or declare its encoding with --encoding latin1 or windows-1252", file, line);
}

std::string decodeText(std::string_view text, TextEncoding encoding, const std::string &file, std::int64_t line)
{
    if (encoding == TextEncoding::Utf8) {
        checkUtf8Text(text, file, line);
        return std::string(text);
    }
    const auto fail = [&](std::size_t at, const std::string &what) { failAt(text, at, what, {}, file, line); };
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        failAt(text, nul, "NUL byte", kNulHint, file, line);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t cp = c;
        if (encoding == TextEncoding::Windows1252 && c >= 0x80 && c <= 0x9F) {
            cp = kCp1252High[c - 0x80];
            if (cp == 0)
                fail(i, "byte " + hexByte(c) + " is not a character in windows-1252");
        }
        appendUtf8(out, cp);
    }
    return out;
}

void checkName(std::string_view name, std::string_view what, const std::string &file, std::int64_t line,
               const std::string &field)
{
    const auto fail = [&](const std::string &why) {
        throw Error(ErrorCode::Invalid, std::string(what) + " " + why, file, line, field);
    };
    if (const auto bad = findInvalidUtf8(name))
        fail("is not valid UTF-8 (byte " + hexByte(static_cast<unsigned char>(name[*bad])) + " at position " +
             std::to_string(*bad + 1) + ")");
    if (name.find_first_not_of(" \t\r\n") == std::string_view::npos)
        fail("is empty");
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        // C1 controls U+0080–U+009F are encoded as C2 80 – C2 9F.
        const bool c1 = c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            const unsigned code = c1 ? static_cast<unsigned char>(name[i + 1]) : c;
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", code);
            fail(std::string("contains the control character ") + buf + (c == 0 ? " (NUL)" : "") + " at position " +
                 std::to_string(i + 1));
        }
    }
}

std::string printableUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequenceLength(text, i);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i]));
            out += buf;
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

void checkText(std::string_view text, const std::string &field)
{
    if (text.find('\0') != std::string_view::npos)
        throw Error(ErrorCode::Invalid, "the text contains a NUL byte", {}, 0, field);
    if (const auto bad = findInvalidUtf8(text))
        throw Error(ErrorCode::Invalid,
                    "the text is not valid UTF-8 (byte " + hexByte(static_cast<unsigned char>(text[*bad])) +
                        " at position " + std::to_string(*bad + 1) + ")",
                    {}, 0, field);
}

} // namespace concord::core
