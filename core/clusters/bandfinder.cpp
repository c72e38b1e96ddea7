// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/bandfinder.h"

#include "core/clusters/statstests.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace concord::core {

namespace {

struct Run
{
    std::size_t begin = 0, end = 0; // ranks [begin, end)
    bool operator==(const Run &) const = default;
};

/// The run of ranks with r > level holding the most disagreements above `base` per item.
Run bestRun(const std::vector<double> &r, const std::vector<std::uint8_t> &d, double level, double base)
{
    Run best;
    double bestExcess = -1.0;
    std::size_t j = 0;
    const std::size_t n = r.size();
    while (j < n) {
        if (!(r[j] > level)) {
            ++j;
            continue;
        }
        const std::size_t b = j;
        double excess = 0.0;
        while (j < n && r[j] > level) {
            excess += d[j] - base;
            ++j;
        }
        if (excess > bestExcess) {
            bestExcess = excess;
            best = {b, j};
        }
    }
    return best;
}

} // namespace

Band findBand(std::span<const double> x, std::span<const std::uint8_t> disagree, const BandOptions &options)
{
    Band band;
    std::vector<std::size_t> order;
    order.reserve(x.size());
    for (std::size_t i = 0; i < x.size() && i < disagree.size(); ++i)
        if (std::isfinite(x[i]))
            order.push_back(i);
    const std::size_t n = order.size();
    if (n < static_cast<std::size_t>(std::max(options.minMembers, 3)) + 1)
        return band;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });

    std::vector<std::uint8_t> d(n);
    std::vector<double> xs(n);
    for (std::size_t j = 0; j < n; ++j) {
        d[j] = disagree[order[j]] ? 1 : 0;
        xs[j] = x[order[j]];
    }
    const std::int64_t totalDisagree = std::accumulate(d.begin(), d.end(), std::int64_t{0});
    if (totalDisagree == 0)
        return band;
    const double overall = static_cast<double>(totalDisagree) / static_cast<double>(n);

    // 1. Running mean over 2h+1 ranks via prefix sums.
    const std::size_t h =
        options.halfWindow > 0
            ? static_cast<std::size_t>(options.halfWindow)
            : std::max<std::size_t>(3, static_cast<std::size_t>(std::ceil(0.5 * std::sqrt(double(n)))));
    std::vector<std::int64_t> prefix(n + 1, 0);
    for (std::size_t j = 0; j < n; ++j)
        prefix[j + 1] = prefix[j] + d[j];
    std::vector<double> r(n);
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t b = j >= h ? j - h : 0;
        const std::size_t e = std::min(n, j + h + 1);
        r[j] = static_cast<double>(prefix[e] - prefix[b]) / static_cast<double>(e - b);
    }
    // Equal values cannot be told apart: give them one smoothed rate.
    for (std::size_t j = 0; j < n;) {
        std::size_t k = j;
        double sum = 0;
        while (k < n && xs[k] == xs[j])
            sum += r[k++];
        for (std::size_t m = j; m < k; ++m)
            r[m] = sum / static_cast<double>(k - j);
        j = k;
    }

    // 2. Two-level step fit.
    const double q = options.levelFraction;
    double level = overall + (*std::max_element(r.begin(), r.end()) - overall) * q;
    Run run = bestRun(r, d, level, overall);
    for (int it = 0; it < 50; ++it) {
        if (run.end <= run.begin)
            return band;
        const std::int64_t in = prefix[run.end] - prefix[run.begin];
        const auto size = static_cast<std::int64_t>(run.end - run.begin);
        const auto outN = static_cast<std::int64_t>(n) - size;
        const double rin = static_cast<double>(in) / static_cast<double>(size);
        const double rout = outN > 0 ? static_cast<double>(totalDisagree - in) / static_cast<double>(outN) : 0.0;
        level = rout + (rin - rout) * q;
        const Run next = bestRun(r, d, level, overall);
        if (next == run)
            break;
        run = next;
    }
    if (run.end <= run.begin)
        return band;

    // 3. Sparse tails: a member cut off from the rest of the band by a gap of more than
    // kSparseGap × the band's median spacing is not evidence of where the band lies (on a
    // measured attribute such values exist mainly because of a slip) and is left outside.
    if (run.end - run.begin >= 4) {
        std::vector<double> gaps;
        for (std::size_t j = run.begin + 1; j < run.end; ++j)
            gaps.push_back(xs[j] - xs[j - 1]);
        std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
        const double limit = options.sparseGap * gaps[gaps.size() / 2];
        if (limit > 0) {
            while (run.end - run.begin > 2 && xs[run.begin + 1] - xs[run.begin] > limit)
                ++run.begin;
            while (run.end - run.begin > 2 && xs[run.end - 1] - xs[run.end - 2] > limit)
                --run.end;
        }
    }

    // 4. Bounds and counts. Midpoint to the outside neighbour unless that one is far away.
    band.level = level;
    std::vector<double> spacing;
    for (std::size_t j = run.begin + 1; j < run.end; ++j)
        spacing.push_back(xs[j] - xs[j - 1]);
    double far = std::numeric_limits<double>::infinity();
    if (!spacing.empty()) {
        std::nth_element(spacing.begin(), spacing.begin() + static_cast<std::ptrdiff_t>(spacing.size() / 2),
                         spacing.end());
        far = options.sparseGap * spacing[spacing.size() / 2];
    }
    band.lo = run.begin > 0 && xs[run.begin] - xs[run.begin - 1] <= far ? (xs[run.begin - 1] + xs[run.begin]) / 2.0
                                                                        : xs[run.begin];
    band.hi =
        run.end < n && xs[run.end] - xs[run.end - 1] <= far ? (xs[run.end - 1] + xs[run.end]) / 2.0 : xs[run.end - 1];
    for (std::size_t j = run.begin; j < run.end; ++j)
        band.members.push_back(order[j]);
    band.disagreeInside = prefix[run.end] - prefix[run.begin];
    const auto size = static_cast<std::int64_t>(band.members.size());
    band.outside = static_cast<std::int64_t>(n) - size;
    band.disagreeOutside = totalDisagree - band.disagreeInside;
    band.rateInside = static_cast<double>(band.disagreeInside) / static_cast<double>(size);
    band.rateOutside =
        band.outside > 0 ? static_cast<double>(band.disagreeOutside) / static_cast<double>(band.outside) : 0.0;
    band.pValue = fisherGreater(band.disagreeInside, size - band.disagreeInside, band.disagreeOutside,
                                band.outside - band.disagreeOutside);

    // 5. Keep it only when it stands out.
    band.found = size >= options.minMembers && band.outside > 0 && band.rateInside > band.rateOutside &&
                 band.pValue <= options.alpha;
    return band;
}

} // namespace concord::core
