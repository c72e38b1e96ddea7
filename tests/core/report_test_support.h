// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the HTML report tests (tst_report.cpp and tst_report_sections.cpp): the project text
// both demo projects carry, the well-formedness checker run with Python's html.parser, and the
// helpers that read a report back (a file's bytes, an element's text by id, one section) and
// write figures as printf writes them.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace concord_test::report {

/// A labeler name that is markup: the report must show it as text.
inline const std::string kHostile = "<script>alert(1)</script>";
/// Decides only long scratches, so the 1–3 mm band of the demo stays disputed for the profile.
inline const char *const kRule = "when label in {ok, scratch} and length_mm >= 2.5: scratch";

/// Balanced tags, no stray end tag, unique ids, with Python's own HTML tokenizer.
inline const char *const kChecker = R"py(
import sys, html.parser
VOID = {"area","base","br","col","embed","hr","img","input","link","meta","source","track","wbr"}
class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids = [], [], set()
    def note_id(self, attrs):
        for k, v in attrs:
            if k == "id":
                if v in self.ids: self.errors.append("duplicate id %s" % v)
                self.ids.add(v)
    def handle_starttag(self, tag, attrs):
        self.note_id(attrs)
        if tag not in VOID: self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        self.note_id(attrs)
    def handle_endtag(self, tag):
        if tag in VOID or not self.stack or self.stack[-1][0] != tag:
            self.errors.append("unexpected </%s> at %s, open %s" % (tag, self.getpos(), self.stack[-1:] ))
        else:
            self.stack.pop()
c = Checker()
c.feed(open(sys.argv[1], encoding="utf-8").read())
c.close()
if c.stack: c.errors.append("unclosed %s" % c.stack)
print("\n".join(c.errors) if c.errors else "OK")
sys.exit(1 if c.errors else 0)
)py";

inline std::string readAll(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string fixed(double v, int decimals)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

inline std::string pct(double v)
{
    return fixed(v * 100.0, 1) + " %";
}

/// The text of the element with that id (no nested tags in the values we read).
inline std::string valueOf(const std::string &html, const std::string &id)
{
    std::smatch m;
    if (!std::regex_search(html, m, std::regex("id=\"" + id + "\">([^<]*)<")))
        return "(no element " + id + ")";
    return m[1];
}

/// The HTML of one section.
inline std::string section(const std::string &html, const std::string &id)
{
    const auto start = html.find("<section id=\"" + id + "\"");
    if (start == std::string::npos)
        return {};
    return html.substr(start, html.find("</section>", start) - start);
}

inline std::size_t count(const std::string &haystack, const std::string &needle)
{
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1))
        ++n;
    return n;
}

} // namespace concord_test::report
