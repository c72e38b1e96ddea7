// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/jsoncursor_p.h"

#include "core/common/error.h"
#include "core/io/labelreader.h"

#include <algorithm>
#include <cmath>

namespace concord::core {

namespace {

const char *typeName(const nlohmann::json &j)
{
    return j.type_name();
}

/// JSON pointer escaping of one reference token (RFC 6901).
std::string escapeToken(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

} // namespace

JsonCursor::JsonCursor(const nlohmann::json &node, std::string file, std::string path)
    : m_node(&node)
    , m_file(std::move(file))
    , m_path(std::move(path))
{
}

bool JsonCursor::has(std::string_view key) const
{
    return m_node->is_object() && m_node->contains(key);
}

JsonCursor JsonCursor::at(std::string_view key) const
{
    const auto &obj = object();
    const auto it = obj.find(key);
    if (it == obj.end())
        JsonCursor(*m_node, m_file, m_path + "/" + escapeToken(key)).fail("a value (the key is missing)");
    return JsonCursor(*it, m_file, m_path + "/" + escapeToken(key));
}

std::optional<JsonCursor> JsonCursor::find(std::string_view key) const
{
    const auto &obj = object();
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    return JsonCursor(*it, m_file, m_path + "/" + escapeToken(key));
}

JsonCursor JsonCursor::operator[](std::size_t index) const
{
    const auto &arr = array();
    if (index >= arr.size())
        fail("at least " + std::to_string(index + 1) + " elements");
    return JsonCursor(arr[index], m_file, m_path + "/" + std::to_string(index));
}

std::size_t JsonCursor::size() const
{
    return array().size();
}

const nlohmann::json &JsonCursor::object() const
{
    if (!m_node->is_object())
        fail("an object");
    return *m_node;
}

const nlohmann::json &JsonCursor::array() const
{
    if (!m_node->is_array())
        fail("an array");
    return *m_node;
}

std::string JsonCursor::string() const
{
    if (!m_node->is_string())
        fail("a string");
    return m_node->get<std::string>();
}

std::int64_t JsonCursor::integer() const
{
    if (m_node->is_number_integer())
        return m_node->get<std::int64_t>();
    if (m_node->is_number_float()) {
        const double d = m_node->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            return static_cast<std::int64_t>(d);
    }
    fail("an integer");
}

double JsonCursor::number() const
{
    if (!m_node->is_number())
        fail("a number");
    return m_node->get<double>();
}

bool JsonCursor::boolean() const
{
    if (!m_node->is_boolean())
        fail("true or false");
    return m_node->get<bool>();
}

std::string JsonCursor::idText() const
{
    if (m_node->is_string())
        return m_node->get<std::string>();
    if (m_node->is_number_integer())
        return std::to_string(m_node->get<std::int64_t>());
    fail("an id (integer or string)");
}

void JsonCursor::fail(const std::string &expected) const
{
    throw Error(ErrorCode::Parse, "expected " + expected + ", found " + typeName(*m_node), m_file, 0,
                m_path.empty() ? std::string("/") : m_path);
}

nlohmann::json readJsonFile(const std::filesystem::path &path, TextEncoding encoding)
{
    const std::string text = readTextFile(path, encoding);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        // e.byte is the 1-based offset just past the problem; turn it into line:column.
        const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        std::int64_t line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        std::string what = e.what();
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
        if (const auto colon = what.find(": "); colon != std::string::npos)
            what = what.substr(colon + 2);
        throw Error(ErrorCode::Parse,
                    "invalid JSON at column " + std::to_string(end - lineStart + 1) + ": " + what +
                        (end >= text.size() ? " (is the file truncated?)" : ""),
                    path.string(), line);
    } catch (const nlohmann::json::exception &e) {
        // Valid syntax the parser still refuses, e.g. a number beyond a double ("2e400"):
        // nlohmann names the token, not the place, so find the token's line here.
        std::string what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string::npos)
            what = what.substr(bracket + 2);
        std::int64_t line = 0;
        const auto open = what.find('\''), close = what.rfind('\'');
        if (open != std::string::npos && close > open + 1) {
            if (const auto at = text.find(what.substr(open + 1, close - open - 1)); at != std::string::npos)
                line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        }
        throw Error(ErrorCode::Parse, "invalid JSON: " + what, path.string(), line);
    }
}

} // namespace concord::core
