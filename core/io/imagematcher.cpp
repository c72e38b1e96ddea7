// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/imagematcher_p.h"

#include "core/store/store.h"

#include <algorithm>

namespace concord::core {

namespace {

std::string normalise(std::string ref)
{
    std::replace(ref.begin(), ref.end(), '\\', '/');
    while (ref.rfind("./", 0) == 0)
        ref.erase(0, 2);
    return ref;
}

std::string fileName(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stemOf(const std::string &name)
{
    const auto dot = name.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

} // namespace

ImageMatcher::ImageMatcher(const Store &store)
    : m_images(store.images())
{
    for (std::size_t i = 0; i < m_images.size(); ++i) {
        const std::string path = normalise(m_images[i].path);
        m_byPath.emplace(path, i);
        const std::string name = fileName(path);
        m_byName[name].push_back(i);
        m_byStem[stemOf(name)].push_back(i);
    }
}

ImageMatcher::Match ImageMatcher::fromList(const std::vector<std::size_t> &list) const
{
    Match m;
    if (list.size() == 1)
        m.image = &m_images[list.front()];
    else
        for (std::size_t i : list)
            m.candidates.push_back(&m_images[i]);
    return m;
}

ImageMatcher::Match ImageMatcher::match(const std::string &reference) const
{
    std::string ref = normalise(reference);
    // Whole path, then shorter and shorter tails: "out/images/a/b.jpg", "images/a/b.jpg", ...
    for (std::string tail = ref;;) {
        if (const auto it = m_byPath.find(tail); it != m_byPath.end())
            return Match{&m_images[it->second], {}};
        const auto slash = tail.find('/');
        if (slash == std::string::npos)
            break;
        tail = tail.substr(slash + 1);
    }
    if (const auto it = m_byName.find(fileName(ref)); it != m_byName.end())
        return fromList(it->second);
    return {};
}

ImageMatcher::Match ImageMatcher::matchStem(const std::string &stem) const
{
    if (const auto it = m_byStem.find(stem); it != m_byStem.end())
        return fromList(it->second);
    return {};
}

} // namespace concord::core
