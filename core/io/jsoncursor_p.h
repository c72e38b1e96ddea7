// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/text.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace concord::core {

/// Read-only view of a node inside a parsed JSON document that knows its JSON path and file.
/// Why: nlohmann's own exceptions say "type must be number, but is string" without saying
/// where; every import error must name the file and the JSON path (DESIGN §9), so all typed
/// access in the readers goes through this class and throws Error(Parse) with both.
class JsonCursor
{
public:
    JsonCursor(const nlohmann::json &node, std::string file, std::string path = {});

    const nlohmann::json &node() const noexcept { return *m_node; }
    /// JSON pointer of this node ("" for the root, "/images/3/id").
    const std::string &path() const noexcept { return m_path; }
    const std::string &file() const noexcept { return m_file; }

    bool has(std::string_view key) const;
    /// Member that must exist; Error(Parse) "missing key" otherwise.
    JsonCursor at(std::string_view key) const;
    /// Member when present and not null.
    std::optional<JsonCursor> find(std::string_view key) const;
    /// Element of an array.
    JsonCursor operator[](std::size_t index) const;
    std::size_t size() const;

    /// Typed values; Error(Parse) naming the path and the expected type otherwise.
    const nlohmann::json &object() const;
    const nlohmann::json &array() const;
    std::string string() const;
    std::int64_t integer() const;
    double number() const;
    bool boolean() const;
    /// A string or an integer id, as text (ids are either in the wild).
    std::string idText() const;

    /// Error(Parse) at this node: "file: '/path': message".
    [[noreturn]] void fail(const std::string &expected) const;

private:
    const nlohmann::json *m_node;
    std::string m_file;
    std::string m_path;
};

/// Parses a JSON file (read with readTextFile(), so its text is UTF-8). A syntax error
/// (truncated file, stray comma) becomes Error(Parse) naming the file and the line and column
/// of the problem.
nlohmann::json readJsonFile(const std::filesystem::path &path, TextEncoding encoding = TextEncoding::Utf8);

} // namespace concord::core
