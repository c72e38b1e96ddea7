// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/exportnames.h"

#include "core/common/hash.h"
#include "core/io/exportfiles.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <numeric>
#include <optional>

namespace concord::core {

namespace {

std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return s;
}

/// `name` with `tag` inserted before the extension of its last component.
std::string withTag(const std::string &name, const std::string &tag, bool keepExtension)
{
    if (!keepExtension)
        return name + tag;
    const std::filesystem::path p(name);
    const std::string ext = p.extension().string();
    return name.substr(0, name.size() - ext.size()) + tag + ext;
}

/// The clash key of a name: lower case, and without its extension when files are compared.
std::string keyOf(const std::string &name, bool keepExtension)
{
    if (!keepExtension)
        return lowerAscii(name);
    const std::string ext = std::filesystem::path(name).extension().string();
    return lowerAscii(name.substr(0, name.size() - ext.size()));
}

/// `names` made safe and unique; `originals` are the names as the project stores them, which
/// the suffixes hash and whose byte order decides a clash (`names` may be shortened forms).
std::vector<std::string> uniqueNames(const std::vector<std::string> &names0, const std::vector<std::string> &originals,
                                     const std::function<std::string(const std::string &)> &sanitize, bool files,
                                     const std::vector<std::string> &reserved)
{
    const std::size_t n = originals.size();
    std::vector<std::string> names(n);
    std::vector<bool> tagged(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string base = sanitize(names0[i]);
        tagged[i] = base != names0[i];
        names[i] = tagged[i] ? withTag(base, exportNameSuffix(originals[i]), files) : base;
    }
    // Byte order of the project names decides who keeps a clashing name, so the outcome does
    // not depend on the order of images in the project.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return originals[a] < originals[b]; });

    for (int pass = 0;; ++pass) {
        std::map<std::string, int> taken;
        for (const auto &r : reserved)
            taken[keyOf(r, files)] = 1;
        bool clash = false;
        std::vector<std::size_t> losers;
        for (const auto i : order) {
            const auto key = keyOf(names[i], files);
            if (taken.count(key) == 0) {
                taken[key] = 1;
                continue;
            }
            clash = true;
            losers.push_back(i);
        }
        if (!clash)
            return names;
        for (const auto i : losers) {
            if (!tagged[i] && pass == 0) {
                names[i] = withTag(names[i], exportNameSuffix(originals[i]), files);
                tagged[i] = true;
            } else {
                // A hash clash (or a project name that looks like a tagged one): count on.
                names[i] = withTag(names[i], "~" + std::to_string(pass + 2), files);
            }
        }
    }
}

/// A path from the root of a file system: "/…", or a drive letter and a slash ("C:/…", "C:\\…").
bool isAbsolutePath(const std::string &p)
{
    if (!p.empty() && (p[0] == '/' || p[0] == '\\'))
        return true;
    return p.size() >= 3 && p[1] == ':' && (p[2] == '/' || p[2] == '\\') &&
           ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z'));
}

std::vector<std::string> components(const std::string &p)
{
    std::vector<std::string> out;
    std::string part;
    for (char c : p) {
        if (c == '/' || c == '\\') {
            if (!part.empty())
                out.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    if (!part.empty())
        out.push_back(part);
    return out;
}

} // namespace

std::vector<std::string> withoutCommonRoot(const std::vector<std::string> &paths)
{
    // The common folder of the absolute paths, component by component (never a file name).
    std::optional<std::vector<std::string>> root;
    for (const auto &p : paths) {
        if (!isAbsolutePath(p))
            continue;
        auto parts = components(p);
        if (!parts.empty())
            parts.pop_back(); // the file's own name
        if (!root) {
            root = std::move(parts);
            continue;
        }
        std::size_t k = 0;
        while (k < root->size() && k < parts.size() && (*root)[k] == parts[k])
            ++k;
        root->resize(k);
    }
    std::vector<std::string> out;
    out.reserve(paths.size());
    for (const auto &p : paths) {
        if (!root || !isAbsolutePath(p)) {
            out.push_back(p);
            continue;
        }
        const auto parts = components(p);
        std::string rel;
        for (std::size_t i = root->size(); i < parts.size(); ++i)
            rel += (rel.empty() ? "" : "/") + parts[i];
        out.push_back(rel);
    }
    return out;
}

std::string exportNameSuffix(const std::string &original)
{
    return "~" + contentHash(original).substr(0, 8);
}

std::vector<std::string> uniqueExportPaths(const std::vector<std::string> &paths)
{
    return uniqueNames(withoutCommonRoot(paths), paths, [](const std::string &p) { return sanitizeRelativePath(p); },
                       true, {});
}

std::vector<std::string> uniqueClassFolders(const std::vector<std::string> &classes)
{
    return uniqueNames(classes, classes, [](const std::string &c) { return sanitizeFileName(c); }, false,
                       {kUnresolvedFolder});
}

} // namespace concord::core
