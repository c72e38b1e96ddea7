// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/markdownhtml.h"

#include "core/report/htmltext.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace concord::core {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool safeUrl(std::string_view url)
{
    return startsWith(url, "https://") || startsWith(url, "http://") || startsWith(url, "mailto:");
}

/// Inline spans of one block's text; every byte outside the markup goes through escapeHtml().
std::string inlineHtml(std::string_view s, int depth = 0)
{
    std::string out;
    std::string plain;
    const auto flush = [&] {
        out += escapeHtml(plain);
        plain.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
            plain += s[i + 1];
            i += 2;
            continue;
        }
        if (c == '`') {
            const std::size_t end = s.find('`', i + 1);
            if (end != std::string_view::npos) {
                flush();
                out += "<code>" + escapeHtml(s.substr(i + 1, end - i - 1)) + "</code>";
                i = end + 1;
                continue;
            }
        }
        if (depth < 8 && (startsWith(s.substr(i), "**") || startsWith(s.substr(i), "__"))) {
            const std::string_view mark = s.substr(i, 2);
            const std::size_t end = s.find(mark, i + 2);
            if (end != std::string_view::npos && end > i + 2) {
                flush();
                out += "<strong>" + inlineHtml(s.substr(i + 2, end - i - 2), depth + 1) + "</strong>";
                i = end + 2;
                continue;
            }
        }
        if (depth < 8 && c == '*' && i + 1 < s.size() && s[i + 1] != ' ') {
            const std::size_t end = s.find('*', i + 1);
            if (end != std::string_view::npos && end > i + 1 && s[end - 1] != ' ') {
                flush();
                out += "<em>" + inlineHtml(s.substr(i + 1, end - i - 1), depth + 1) + "</em>";
                i = end + 1;
                continue;
            }
        }
        if (c == '[') {
            const std::size_t close = s.find("](", i + 1);
            const std::size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
            if (end != std::string_view::npos) {
                const std::string_view url = trimmed(s.substr(close + 2, end - close - 2));
                flush();
                const std::string text = inlineHtml(s.substr(i + 1, close - i - 1), depth + 1);
                if (safeUrl(url))
                    out += "<a href=\"" + escapeHtml(url) + "\" rel=\"noopener noreferrer\">" + text + "</a>";
                else
                    out += text; // no link to a javascript: or relative address
                i = end + 1;
                continue;
            }
        }
        plain += c;
        ++i;
    }
    flush();
    return out;
}

/// The item text of a list line ("- x", "* x", "+ x" or "12. x"), or npos when it is none.
std::size_t listItemStart(std::string_view line, bool &ordered)
{
    const std::string_view t = trimmed(line);
    const std::size_t indent = std::min(line.size(), line.find_first_not_of(" \t"));
    if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
        ordered = false;
        return indent + 2;
    }
    std::size_t digits = 0;
    while (digits < t.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(t[digits])))
        ++digits;
    if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ') {
        ordered = true;
        return indent + digits + 2;
    }
    return std::string_view::npos;
}

} // namespace

std::string markdownToHtml(std::string_view markdown)
{
    std::vector<std::string_view> lines;
    for (std::size_t from = 0; from <= markdown.size();) {
        std::size_t end = markdown.find('\n', from);
        if (end == std::string_view::npos)
            end = markdown.size();
        lines.push_back(markdown.substr(from, end - from));
        from = end + 1;
    }

    std::string out;
    std::string paragraph;
    const auto endParagraph = [&] {
        if (!paragraph.empty())
            out += "<p>" + inlineHtml(paragraph) + "</p>";
        paragraph.clear();
    };
    for (std::size_t i = 0; i < lines.size();) {
        const std::string_view line = lines[i];
        const std::string_view t = trimmed(line);
        bool ordered = false;
        if (t.empty()) {
            endParagraph();
            ++i;
        } else if (startsWith(t, "```")) {
            endParagraph();
            std::string code;
            for (++i; i < lines.size() && !startsWith(trimmed(lines[i]), "```"); ++i)
                code += std::string(lines[i]) + "\n";
            ++i; // the closing fence, if any
            out += "<pre><code>" + escapeHtml(code) + "</code></pre>";
        } else if (t[0] == '#') {
            endParagraph();
            std::size_t level = t.find_first_not_of('#');
            if (level != std::string_view::npos && level <= 6 && t[level] == ' ') {
                const int tag = static_cast<int>(std::min<std::size_t>(level + 3, 6));
                out += "<h" + std::to_string(tag) + ">" + inlineHtml(trimmed(t.substr(level))) + "</h" +
                       std::to_string(tag) + ">";
            } else {
                out += "<p>" + inlineHtml(t) + "</p>";
            }
            ++i;
        } else if (startsWith(t, ">")) {
            endParagraph();
            std::string quote;
            for (; i < lines.size() && startsWith(trimmed(lines[i]), ">"); ++i) {
                std::string_view q = trimmed(lines[i]).substr(1);
                quote += std::string(trimmed(q)) + " ";
            }
            out += "<blockquote>" + inlineHtml(trimmed(quote)) + "</blockquote>";
        } else if (listItemStart(line, ordered) != std::string_view::npos) {
            endParagraph();
            const bool listOrdered = ordered;
            out += listOrdered ? "<ol>" : "<ul>";
            std::string item;
            for (; i < lines.size(); ++i) {
                bool o = false;
                const std::size_t start = listItemStart(lines[i], o);
                if (start != std::string_view::npos && o == listOrdered) {
                    if (!item.empty())
                        out += "<li>" + inlineHtml(item) + "</li>";
                    item = std::string(trimmed(lines[i].substr(start)));
                } else if (!trimmed(lines[i]).empty() && start == std::string_view::npos &&
                           (lines[i][0] == ' ' || lines[i][0] == '\t')) {
                    item += " " + std::string(trimmed(lines[i])); // a continued item
                } else {
                    break;
                }
            }
            out += "<li>" + inlineHtml(item) + "</li>";
            out += listOrdered ? "</ol>" : "</ul>";
        } else {
            if (!paragraph.empty())
                paragraph += ' ';
            paragraph += t;
            ++i;
        }
    }
    endParagraph();
    return out;
}

} // namespace concord::core
