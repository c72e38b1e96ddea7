// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/common/text.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace concord::core {

/// One element of a parsed XML document: name, attributes, text content and children, with
/// the line it started on for error messages.
struct XmlElement
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text; ///< character data directly inside the element, entities decoded
    std::vector<XmlElement> children;
    std::int64_t line = 0;

    /// First child with this name, or nullptr.
    const XmlElement *child(std::string_view childName) const;
    /// Every child with this name, in document order.
    std::vector<const XmlElement *> childrenNamed(std::string_view childName) const;
};

/// A small, strict XML parser for the Pascal VOC subset (elements, attributes, text, comments,
/// CDATA, the five predefined entities and numeric character references; a prolog and a
/// DOCTYPE without internal subset are skipped).
///
/// Why not a library: VOC files are tiny and simple, and a dependency for them would be one
/// more package on every build machine; this parser rejects anything outside the subset with
/// Error(Parse) naming the file and the line rather than guessing. External entities are never
/// resolved, so a hostile file cannot read other files (no XXE).
class XmlDocument
{
public:
    /// Parses `text`; `fileName` is used in error messages.
    static XmlDocument parse(std::string_view text, const std::string &fileName);
    /// Reads and parses a file, whose text must be UTF-8 or in the declared `encoding`
    /// (readTextFile()).
    static XmlDocument readFile(const std::string &path, TextEncoding encoding = TextEncoding::Utf8);

    const XmlElement &root() const noexcept { return m_root; }
    const std::string &fileName() const noexcept { return m_fileName; }

private:
    XmlElement m_root;
    std::string m_fileName;
};

} // namespace concord::core
