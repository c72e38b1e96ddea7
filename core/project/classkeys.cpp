// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/classkeys.h"

#include "core/common/error.h"

#include <algorithm>
#include <cctype>

namespace concord::core {

namespace {

constexpr int kFunctionKeys = 12;

std::string trimmed(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    return s;
}

/// "A"…"Z" or "F1"…"F12" in stored form (upper case), or "" for anything else.
std::string letterOrFunctionKey(const std::string &upperKey)
{
    if (upperKey.size() == 1 && upperKey[0] >= 'A' && upperKey[0] <= 'Z')
        return upperKey;
    if (upperKey.size() >= 2 && upperKey.size() <= 3 && upperKey[0] == 'F' && upperKey[1] != '0' &&
        std::all_of(upperKey.begin() + 1, upperKey.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const int n = std::stoi(upperKey.substr(1));
        if (n >= 1 && n <= kFunctionKeys)
            return upperKey;
    }
    return {};
}

} // namespace

std::optional<std::string> canonicalClassKey(const std::string &key)
{
    const std::string k = upper(trimmed(key));
    if (k.empty())
        return std::string();
    if (k.size() == 1 && k[0] >= '0' && k[0] <= '9')
        return k;
    static const std::string kShift = "SHIFT+";
    if (k.compare(0, kShift.size(), kShift) == 0) {
        const std::string rest = letterOrFunctionKey(trimmed(k.substr(kShift.size())));
        if (rest.empty())
            return std::nullopt;
        return "Shift+" + rest;
    }
    if (std::string plain = letterOrFunctionKey(k); !plain.empty())
        return plain;
    return std::nullopt;
}

std::string checkedClassKey(const std::string &key, const std::string &className, const std::string &field)
{
    if (auto canonical = canonicalClassKey(key))
        return *canonical;
    throw Error(ErrorCode::Invalid,
                "class '" + className + "' cannot have key '" + key +
                    "': a class key is one digit, one letter or F1 to F12, a letter or F-key also with Shift+ "
                    "(Shift+1 is a different key on each keyboard layout)",
                {}, 0, field);
}

std::vector<std::string> classKeys()
{
    std::vector<std::string> keys;
    for (char d = '0'; d <= '9'; ++d)
        keys.emplace_back(1, d);
    std::vector<std::string> shiftable;
    for (char l = 'A'; l <= 'Z'; ++l)
        shiftable.emplace_back(1, l);
    for (int f = 1; f <= kFunctionKeys; ++f)
        shiftable.push_back("F" + std::to_string(f));
    keys.insert(keys.end(), shiftable.begin(), shiftable.end());
    for (const auto &k : shiftable)
        keys.push_back("Shift+" + k);
    return keys;
}

const std::vector<std::string> &defaultClassKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (char d = '1'; d <= '9'; ++d)
            k.emplace_back(1, d);
        k.emplace_back("0");
        for (char l = 'A'; l <= 'Z'; ++l)
            k.push_back(std::string("Shift+") + l);
        return k;
    }();
    return keys;
}

std::string firstFreeClassKey(const std::vector<LabelClass> &classes, const std::vector<std::string> &alsoTaken)
{
    const auto taken = [&](const std::string &key) {
        return std::any_of(classes.begin(), classes.end(),
                           [&](const LabelClass &c) { return canonicalClassKey(c.shortcut) == key; }) ||
               std::find(alsoTaken.begin(), alsoTaken.end(), key) != alsoTaken.end();
    };
    for (const std::string &key : defaultClassKeys())
        if (!taken(key))
            return key;
    return {};
}

} // namespace concord::core
