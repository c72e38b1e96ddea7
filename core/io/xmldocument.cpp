// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/xmldocument_p.h"

#include "core/common/error.h"
#include "core/io/labelreader.h"

#include <cstdint>

namespace concord::core {

const XmlElement *XmlElement::child(std::string_view childName) const
{
    for (const auto &c : children)
        if (c.name == childName)
            return &c;
    return nullptr;
}

std::vector<const XmlElement *> XmlElement::childrenNamed(std::string_view childName) const
{
    std::vector<const XmlElement *> out;
    for (const auto &c : children)
        if (c.name == childName)
            out.push_back(&c);
    return out;
}

namespace {

/// Recursive-descent parser over the whole text with a line counter.
class XmlParser
{
public:
    XmlParser(std::string_view text, const std::string &file)
        : m_text(text)
        , m_file(file)
    {
    }

    XmlElement document()
    {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
            m_pos = 3;
        skipMisc();
        if (atEnd() || peek() != '<')
            fail("expected the root element");
        XmlElement root = element(0);
        skipMisc();
        if (!atEnd())
            fail("expected the end of the document after the root element </" + root.name + ">");
        return root;
    }

private:
    static constexpr int kMaxDepth = 64;

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text[m_pos]; }
    bool startsWith(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }

    void advance(std::size_t n = 1)
    {
        for (std::size_t i = 0; i < n && m_pos < m_text.size(); ++i, ++m_pos)
            if (m_text[m_pos] == '\n')
                ++m_line;
    }

    [[noreturn]] void fail(const std::string &message) const { throw Error(ErrorCode::Parse, message, m_file, m_line); }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool isNameChar(char c)
    {
        const auto u = static_cast<unsigned char>(c);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.' || c == ':' || u >= 0x80;
    }

    void skipSpace()
    {
        while (!atEnd() && isSpace(peek()))
            advance();
    }

    void skipUntil(std::string_view end, const char *what)
    {
        const auto found = m_text.find(end, m_pos);
        if (found == std::string_view::npos)
            fail(std::string("unterminated ") + what + " (the file may be truncated)");
        advance(found + end.size() - m_pos);
    }

    /// Comments, processing instructions, the XML declaration and a DOCTYPE.
    void skipMisc()
    {
        for (;;) {
            skipSpace();
            if (startsWith("<!--"))
                skipUntil("-->", "comment");
            else if (startsWith("<?"))
                skipUntil("?>", "processing instruction");
            else if (startsWith("<!DOCTYPE")) {
                if (m_text.find('[', m_pos) < m_text.find('>', m_pos))
                    fail("DOCTYPE with an internal subset is not supported");
                skipUntil(">", "DOCTYPE");
            } else
                return;
        }
    }

    std::string name()
    {
        const std::size_t start = m_pos;
        while (!atEnd() && isNameChar(peek()))
            advance();
        if (start == m_pos)
            fail("expected a name");
        return std::string(m_text.substr(start, m_pos - start));
    }

    /// Decodes one entity or character reference starting at '&'.
    void entity(std::string &out)
    {
        const auto semi = m_text.find(';', m_pos);
        if (semi == std::string_view::npos || semi - m_pos > 12)
            fail("expected an entity such as &amp; after '&'");
        const std::string_view ent = m_text.substr(m_pos + 1, semi - m_pos - 1);
        if (ent == "lt")
            out += '<';
        else if (ent == "gt")
            out += '>';
        else if (ent == "amp")
            out += '&';
        else if (ent == "quot")
            out += '"';
        else if (ent == "apos")
            out += '\'';
        else if (!ent.empty() && ent[0] == '#') {
            std::uint32_t cp = 0;
            const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
            const std::string_view digits = ent.substr(hex ? 2 : 1);
            if (digits.empty())
                fail("empty character reference");
            for (char c : digits) {
                std::uint32_t d = 0;
                if (c >= '0' && c <= '9')
                    d = static_cast<std::uint32_t>(c - '0');
                else if (hex && c >= 'a' && c <= 'f')
                    d = static_cast<std::uint32_t>(c - 'a' + 10);
                else if (hex && c >= 'A' && c <= 'F')
                    d = static_cast<std::uint32_t>(c - 'A' + 10);
                else
                    fail("invalid character reference &" + std::string(ent) + ";");
                cp = cp * (hex ? 16U : 10U) + d;
                if (cp > 0x10FFFF)
                    fail("character reference out of range");
            }
            appendUtf8(out, cp);
        } else {
            fail("unknown entity &" + std::string(ent) + "; (only the five XML entities are allowed)");
        }
        advance(semi + 1 - m_pos);
    }

    static void appendUtf8(std::string &out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string attributeValue()
    {
        if (atEnd() || (peek() != '"' && peek() != '\''))
            fail("expected a quoted attribute value");
        const char quote = peek();
        advance();
        std::string value;
        while (!atEnd() && peek() != quote) {
            if (peek() == '&')
                entity(value);
            else if (peek() == '<')
                fail("'<' inside an attribute value");
            else {
                value += peek();
                advance();
            }
        }
        if (atEnd())
            fail("unterminated attribute value (the file may be truncated)");
        advance();
        return value;
    }

    XmlElement element(int depth)
    {
        if (depth > kMaxDepth)
            fail("elements nested deeper than " + std::to_string(kMaxDepth));
        XmlElement el;
        el.line = m_line;
        advance(); // '<'
        el.name = name();
        for (;;) {
            skipSpace();
            if (atEnd())
                fail("unterminated start tag <" + el.name + "> (the file may be truncated)");
            if (startsWith("/>")) {
                advance(2);
                return el;
            }
            if (peek() == '>') {
                advance();
                break;
            }
            std::string key = name();
            skipSpace();
            if (atEnd() || peek() != '=')
                fail("expected '=' after attribute '" + key + "' of <" + el.name + ">");
            advance();
            skipSpace();
            el.attributes.emplace_back(std::move(key), attributeValue());
        }
        // Content.
        for (;;) {
            if (atEnd())
                fail("element <" + el.name + "> opened on line " + std::to_string(el.line) +
                     " is not closed (the file may be truncated)");
            if (startsWith("</")) {
                advance(2);
                const std::string closing = name();
                if (closing != el.name)
                    fail("expected </" + el.name + "> (opened on line " + std::to_string(el.line) + "), found </" +
                         closing + ">");
                skipSpace();
                if (atEnd() || peek() != '>')
                    fail("expected '>' after </" + closing);
                advance();
                return el;
            }
            if (startsWith("<!--")) {
                skipUntil("-->", "comment");
            } else if (startsWith("<![CDATA[")) {
                advance(9);
                const auto end = m_text.find("]]>", m_pos);
                if (end == std::string_view::npos)
                    fail("unterminated CDATA section");
                el.text += m_text.substr(m_pos, end - m_pos);
                advance(end + 3 - m_pos);
            } else if (startsWith("<?")) {
                skipUntil("?>", "processing instruction");
            } else if (peek() == '<') {
                el.children.push_back(element(depth + 1));
            } else if (peek() == '&') {
                entity(el.text);
            } else {
                el.text += peek();
                advance();
            }
        }
    }

    std::string_view m_text;
    const std::string &m_file;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
};

} // namespace

XmlDocument XmlDocument::parse(std::string_view text, const std::string &fileName)
{
    XmlDocument doc;
    doc.m_fileName = fileName;
    doc.m_root = XmlParser(text, fileName).document();
    return doc;
}

XmlDocument XmlDocument::readFile(const std::string &path, TextEncoding encoding)
{
    return parse(readTextFile(path, encoding), path);
}

} // namespace concord::core
