// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/consensus.h"

#include "core/agreement/itemcounts.h"

#include <algorithm>
#include <limits>

namespace concord::core {

Consensus majorityVote(const ItemCounts &counts)
{
    const auto n = static_cast<std::size_t>(counts.itemCount());
    const auto k = static_cast<std::size_t>(counts.classCount());
    Consensus out;
    out.classes = counts.classCount();
    out.label.assign(n, -1);
    out.confidence.assign(n, 0.0);
    const bool dense = static_cast<double>(n) * static_cast<double>(k) <= static_cast<double>(kDenseConsensusCells);
    if (dense)
        out.distribution.assign(n * k, 0.0);
    else
        out.shareStart.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto row = counts.classCounts(static_cast<std::int32_t>(i));
        const std::int32_t m = counts.responses(static_cast<std::int32_t>(i));
        if (!dense)
            out.shareStart[i] = static_cast<std::int64_t>(out.shares.size());
        if (m == 0)
            continue;
        // The first class with the most responses; only classes with responses can tie, as
        // the top count is at least 1.
        const auto best =
            std::max_element(row.begin(), row.end(), [](const auto &a, const auto &b) { return a.count < b.count; });
        const auto tied = std::count_if(row.begin(), row.end(), [&](const auto &c) { return c.count == best->count; });
        for (const auto &c : row) {
            if (c.count != best->count)
                continue;
            const double p = 1.0 / static_cast<double>(tied);
            if (dense)
                out.distribution[i * k + static_cast<std::size_t>(c.cls)] = p;
            else
                out.shares.push_back({c.cls, p});
        }
        if (tied > 1) {
            ++out.ties;
            continue;
        }
        out.label[i] = best->cls;
        out.confidence[i] = static_cast<double>(best->count) / m;
    }
    if (!dense)
        out.shareStart[n] = static_cast<std::int64_t>(out.shares.size());
    return out;
}

double Consensus::share(std::size_t i, std::int32_t cls) const
{
    if (shareStart.empty())
        return distribution[i * static_cast<std::size_t>(classes) + static_cast<std::size_t>(cls)];
    for (auto s = shareStart[i]; s < shareStart[i + 1]; ++s)
        if (shares[static_cast<std::size_t>(s)].cls == cls)
            return shares[static_cast<std::size_t>(s)].p;
    return 0.0;
}

double expectedAccuracy(const Consensus &consensus, std::span<const std::int32_t> truth)
{
    double hits = 0.0;
    double known = 0.0;
    for (std::size_t i = 0; i < truth.size() && i < consensus.label.size(); ++i) {
        if (truth[i] < 0)
            continue;
        known += 1.0;
        if (consensus.label[i] >= 0)
            hits += consensus.label[i] == truth[i] ? 1.0 : 0.0;
        else
            hits += consensus.share(i, truth[i]);
    }
    return known > 0.0 ? hits / known : std::numeric_limits<double>::quiet_NaN();
}

} // namespace concord::core
