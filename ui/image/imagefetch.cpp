// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/imagefetch.h"

#include <QFileInfo>

#include <algorithm>
#include <mutex>
#include <vector>

namespace concord::ui {

namespace {

std::mutex &registryMutex()
{
    static std::mutex m;
    return m;
}

std::vector<std::shared_ptr<ImageFetcher>> &registry()
{
    static std::vector<std::shared_ptr<ImageFetcher>> r;
    return r;
}

} // namespace

void registerImageFetcher(std::shared_ptr<ImageFetcher> fetcher)
{
    const std::lock_guard lock(registryMutex());
    registry().push_back(std::move(fetcher));
}

void unregisterImageFetcher(const ImageFetcher *fetcher)
{
    const std::lock_guard lock(registryMutex());
    std::erase_if(registry(), [&](const auto &f) { return f.get() == fetcher; });
}

bool isFetchable(const QString &path)
{
    const std::lock_guard lock(registryMutex());
    const auto &r = registry();
    return std::any_of(r.begin(), r.end(), [&](const auto &f) { return f->knows(path); });
}

QString fetchMissingImage(const QString &path)
{
    if (path.isEmpty() || QFileInfo::exists(path))
        return {};
    std::shared_ptr<ImageFetcher> fetcher;
    {
        const std::lock_guard lock(registryMutex());
        const auto &r = registry();
        const auto it = std::find_if(r.begin(), r.end(), [&](const auto &f) { return f->knows(path); });
        if (it == r.end())
            return {};
        fetcher = *it; // kept alive through the fetch, also when its document closes meanwhile
    }
    return fetcher->fetch(path);
}

} // namespace concord::ui
