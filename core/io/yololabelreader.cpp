// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/yololabelreader_p.h"

#include "core/common/csv.h"
#include "core/common/error.h"
#include "core/common/text.h"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace concord::core {

namespace {

std::string formatNumber(double v)
{
    std::ostringstream ss;
    ss.precision(6);
    ss << v;
    return ss.str();
}

/// A YAML scalar as data.yaml writes a class name: plain, 'single' ('' is a quote) or "double"
/// (JSON escapes, which is how Concord's own export writes them).
std::string scalar(std::string_view raw, const std::string &file, std::int64_t line)
{
    const std::string_view s = trim(raw);
    if (s.empty())
        throw Error(ErrorCode::Parse, "expected a class name", file, line, "names");
    if (s.front() == '"') {
        try {
            return nlohmann::json::parse(s).get<std::string>();
        } catch (const std::exception &) {
            throw Error(ErrorCode::Parse, "expected a double-quoted name, found " + std::string(s), file, line,
                        "names");
        }
    }
    if (s.front() == '\'') {
        if (s.size() < 2 || s.back() != '\'')
            throw Error(ErrorCode::Parse, "expected a closing ' in " + std::string(s), file, line, "names");
        std::string out;
        for (std::size_t i = 1; i + 1 < s.size(); ++i) {
            out += s[i];
            if (s[i] == '\'' && i + 2 < s.size() && s[i + 1] == '\'')
                ++i;
        }
        return out;
    }
    return std::string(s);
}

/// The flow list "[a, 'b', "c"]" (commas inside quotes kept).
std::vector<std::string> flowList(std::string_view s, const std::string &file, std::int64_t line)
{
    if (s.size() < 2 || s.front() != '[' || s.back() != ']')
        throw Error(ErrorCode::Parse, "expected a list [a, b, ...] of class names", file, line, "names");
    std::vector<std::string> out;
    std::string item;
    char quote = 0;
    for (const char c : s.substr(1, s.size() - 2)) {
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ',') {
            out.push_back(scalar(item, file, line));
            item.clear();
            continue;
        }
        item += c;
    }
    if (!trim(item).empty() || !out.empty())
        out.push_back(scalar(item, file, line));
    return out;
}

std::string stripComment(const std::string &line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return line.substr(0, i);
        }
    }
    return line;
}

} // namespace

std::vector<std::string> readYoloNames(const std::string &text, const std::string &file)
{
    std::istringstream in(text);
    std::string raw;
    std::int64_t lineNo = 0;
    std::int64_t namesLine = 0;
    std::vector<std::string> list;
    std::map<long, std::pair<std::string, std::int64_t>> byId;
    bool inNames = false;
    while (std::getline(in, raw)) {
        ++lineNo;
        const std::string line = stripComment(raw);
        if (trim(line).empty())
            continue;
        const bool indented = line.front() == ' ' || line.front() == '\t' || line.front() == '-';
        if (!indented) {
            inNames = false;
            if (line.rfind("names:", 0) != 0)
                continue;
            namesLine = lineNo;
            const std::string_view rest = trim(std::string_view(line).substr(6));
            if (!rest.empty()) {
                list = flowList(rest, file, lineNo);
                break;
            }
            inNames = true;
            continue;
        }
        if (!inNames)
            continue;
        const std::string_view item = trim(line);
        if (item.front() == '-') {
            if (!byId.empty())
                throw Error(ErrorCode::Parse, "expected 'id: name' like the lines above, found a list item", file,
                            lineNo, "names");
            list.push_back(scalar(item.substr(1), file, lineNo));
            continue;
        }
        const auto colon = item.find(':');
        const auto id = colon == std::string_view::npos ? std::nullopt : parseDouble(item.substr(0, colon));
        if (!id || *id < 0 || *id != static_cast<double>(static_cast<long>(*id)))
            throw Error(ErrorCode::Parse, "expected '- name' or 'id: name' under names:, found " + std::string(item),
                        file, lineNo, "names");
        if (!list.empty())
            throw Error(ErrorCode::Parse, "expected '- name' like the lines above, found " + std::string(item), file,
                        lineNo, "names");
        const long key = static_cast<long>(*id);
        if (!byId.emplace(key, std::make_pair(scalar(item.substr(colon + 1), file, lineNo), lineNo)).second)
            throw Error(ErrorCode::Parse, "class id " + std::to_string(key) + " is given twice", file, lineNo, "names");
    }
    if (namesLine == 0)
        throw Error(ErrorCode::Parse, "expected a 'names:' entry with the class names", file, 0, "names");
    long expected = 0;
    for (const auto &[id, entry] : byId) {
        if (id != expected)
            throw Error(ErrorCode::Parse,
                        "expected class ids 0, 1, 2, ... without a gap; " + std::to_string(expected) + " is missing",
                        file, entry.second, "names");
        list.push_back(entry.first);
        ++expected;
    }
    if (list.empty())
        throw Error(ErrorCode::Parse, "expected at least one class name under 'names:'", file, namesLine, "names");
    for (const auto &n : list)
        checkName(n, "class name", file, namesLine, "names");
    return list;
}

std::vector<ImportedLabel> YoloLabelReader::read(const std::filesystem::path &path, const ReadOptions &options) const
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = fs::is_directory(path, ec) ? path : path.parent_path();
    const fs::path yaml = fs::is_directory(path, ec) ? path / "data.yaml" : path;
    if (!fs::is_regular_file(yaml, ec))
        throw Error(ErrorCode::Io,
                    "expected a data.yaml naming the classes (give the data set's folder or its data.yaml)",
                    yaml.string());
    const std::vector<std::string> names = readYoloNames(readTextFile(yaml, options.encoding), yaml.string());

    std::vector<ImportedLabel> out;
    for (const fs::path &txt : listInputFiles(root, ".txt")) {
        const std::string file = txt.string();
        std::istringstream in(readTextFile(txt, options.encoding));
        ImportedLabel l;
        l.image = txt.stem().string();
        l.matchStem = true;
        l.where = {file, 0, {}};
        std::string line;
        std::int64_t lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            std::istringstream fields(line);
            std::vector<double> v;
            std::string field;
            int column = 0;
            while (fields >> field) {
                ++column;
                const auto d = parseDouble(field);
                if (!d)
                    throw Error(ErrorCode::Parse, "expected a number, found '" + field + "'", file, lineNo,
                                "column " + std::to_string(column));
                v.push_back(*d);
            }
            if (v.empty())
                continue;
            const double cls = v.front();
            if (cls < 0 || cls != static_cast<double>(static_cast<long>(cls)) ||
                static_cast<std::size_t>(cls) >= names.size())
                throw Error(ErrorCode::Parse,
                            "expected a class id from 0 to " + std::to_string(names.size() - 1) +
                                " (data.yaml), found " + formatNumber(cls),
                            file, lineNo, "class");
            const std::size_t n = v.size() - 1;
            ImportedShape s;
            s.className = names[static_cast<std::size_t>(cls)];
            s.percent = true; // normalised: the importer scales with the image's size
            s.where = {file, lineNo, {}};
            for (std::size_t i = 1; i < v.size(); ++i)
                if (v[i] < -1e-9 || v[i] > 1.0 + 1e-9)
                    throw Error(ErrorCode::Parse,
                                "expected a coordinate normalised to 0…1, found " + formatNumber(v[i]), file, lineNo,
                                "column " + std::to_string(i + 1));
            if (n == 4) {
                const double cx = v[1], cy = v[2], w = v[3], h = v[4];
                s.kind = AnnotationKind::Box;
                s.points = {{(cx - w / 2) * 100.0, (cy - h / 2) * 100.0}, {(cx + w / 2) * 100.0, (cy + h / 2) * 100.0}};
            } else if (n >= 6 && n % 2 == 0) {
                s.kind = AnnotationKind::Polygon;
                for (std::size_t i = 1; i + 1 < v.size(); i += 2)
                    s.points.push_back({v[i] * 100.0, v[i + 1] * 100.0});
            } else {
                throw Error(ErrorCode::Parse,
                            "expected 'class cx cy w h' (a box) or 'class x1 y1 x2 y2 x3 y3 ...' (a polygon), found " +
                                std::to_string(v.size()) + " numbers",
                            file, lineNo, {});
            }
            l.shapes.push_back(std::move(s));
        }
        if (!l.shapes.empty())
            out.push_back(std::move(l));
    }
    return out;
}

} // namespace concord::core
