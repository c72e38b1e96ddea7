// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/relink.h"

#include "core/common/error.h"

#include <algorithm>
#include <map>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace concord::core {

namespace {

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool fileExists(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

fs::path resolve(const Store &store, const std::string &storedPath)
{
    const fs::path p(storedPath);
    return p.is_absolute() ? p : store.baseDir() / p;
}

void validate(const Store &store, const std::string &oldPrefix, const std::string &newPrefix)
{
    if (newPrefix.empty())
        throw Error(ErrorCode::Invalid, "the new path prefix is empty", {}, 0, "NEW");
    if (oldPrefix.empty())
        for (const auto &img : store.images())
            if (fs::path(img.path).is_absolute())
                throw Error(ErrorCode::Invalid,
                            "an empty old prefix would re-point absolute paths too (" + img.path +
                                "); give the prefix to replace",
                            {}, 0, "OLD");
}

/// The folder as a stored path prefix: relative to the project folder when inside it.
std::string prefixOfFolder(const Store &store, const fs::path &folder)
{
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(folder, ec), ec);
    const fs::path base = fs::weakly_canonical(fs::absolute(store.baseDir(), ec), ec);
    const fs::path rel = abs.lexically_relative(base);
    std::string out = (!rel.empty() && *rel.begin() != "..") ? rel.generic_string() : abs.generic_string();
    if (out == ".")
        out.clear();
    if (!out.empty() && out.back() != '/')
        out += '/';
    return out;
}

} // namespace

RelinkPlan previewRelink(const Store &store, const std::string &oldPrefix, const std::string &newPrefix)
{
    validate(store, oldPrefix, newPrefix);
    RelinkPlan plan;
    plan.oldPrefix = oldPrefix;
    plan.newPrefix = newPrefix;
    for (const auto &img : store.images()) {
        const bool missing = !fileExists(resolve(store, img.path));
        plan.missingInProject += missing ? 1 : 0;
        if (!startsWith(img.path, oldPrefix))
            continue;
        ++plan.images;
        plan.missingNow += missing ? 1 : 0;
        if (fileExists(resolve(store, newPrefix + img.path.substr(oldPrefix.size()))))
            ++plan.found;
    }
    return plan;
}

RelinkPlan planRelinkToFolder(const Store &store, const fs::path &folder)
{
    std::vector<std::string> missing;
    for (const auto &img : store.images())
        if (!fileExists(resolve(store, img.path)))
            missing.push_back(img.path);
    const std::string newPrefix = prefixOfFolder(store, folder);
    RelinkPlan empty;
    empty.newPrefix = newPrefix;
    empty.missingInProject = static_cast<std::int64_t>(missing.size());
    if (missing.empty() || newPrefix.empty())
        return empty;
    // Candidates: every folder prefix of the first missing paths ("a/b/c.jpg": "", "a/", "a/b/").
    constexpr std::size_t kProbe = 50;
    constexpr std::size_t kSample = 500;
    std::map<std::string, std::int64_t> found;
    for (std::size_t i = 0; i < std::min(missing.size(), kProbe); ++i) {
        const std::string &p = missing[i];
        if (!fs::path(p).is_absolute())
            found.emplace(std::string(), 0);
        for (std::size_t slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1))
            found.emplace(p.substr(0, slash + 1), 0);
    }
    for (auto &[prefix, count] : found)
        for (std::size_t i = 0; i < std::min(missing.size(), kSample); ++i)
            if (startsWith(missing[i], prefix) &&
                fileExists(resolve(store, newPrefix + missing[i].substr(prefix.size()))))
                ++count;
    const auto best = std::max_element(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second < b.second : a.first.size() < b.first.size();
    });
    if (best == found.end() || best->second == 0 || best->first == newPrefix)
        return empty;
    try {
        return previewRelink(store, best->first, newPrefix);
    } catch (const Error &) {
        return empty; // the empty prefix beside absolute paths: nothing safe to propose
    }
}

std::int64_t relinkImages(Store &store, const std::string &oldPrefix, const std::string &newPrefix)
{
    validate(store, oldPrefix, newPrefix);
    return store.relinkImages(oldPrefix, newPrefix);
}

} // namespace concord::core
