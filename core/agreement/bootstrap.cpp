// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/bootstrap.h"

#include "core/common/error.h"
#include "core/common/parallel.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace concord::core {

namespace {

/// SplitMix64 finaliser: turns (seed, resample) into well-spread generator seeds.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Unbiased index in [0, n) from a 32-bit random word (Lemire 2019, multiply and reject).
class IndexDraw
{
public:
    explicit IndexDraw(std::uint32_t n)
        : m_n(n)
        , m_threshold(static_cast<std::uint32_t>((std::uint64_t{1} << 32) % n))
    {
    }

    template <typename Next32>
    std::uint32_t operator()(Next32 &next) const
    {
        for (;;) {
            const std::uint64_t m = static_cast<std::uint64_t>(next()) * m_n;
            if (static_cast<std::uint32_t>(m) >= m_threshold)
                return static_cast<std::uint32_t>(m >> 32);
        }
    }

private:
    std::uint32_t m_n;
    std::uint32_t m_threshold;
};

double quantile(const std::vector<double> &sorted, double q)
{
    const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace

void bootstrapWeights(std::uint64_t seed, std::int32_t resample, std::int32_t items,
                      std::span<const std::int32_t> groupOf, std::span<std::uint32_t> weights)
{
    std::fill(weights.begin(), weights.end(), 0U);
    if (items <= 0)
        return;
    std::mt19937_64 rng(mix(seed ^ mix(static_cast<std::uint64_t>(resample))));
    const IndexDraw draw(static_cast<std::uint32_t>(items));
    // Each 64-bit draw feeds two 32-bit words.
    std::uint64_t word = 0;
    bool half = false;
    auto next32 = [&]() -> std::uint32_t {
        half = !half;
        if (half) {
            word = rng();
            return static_cast<std::uint32_t>(word);
        }
        return static_cast<std::uint32_t>(word >> 32);
    };
    if (groupOf.empty()) {
        for (std::int32_t i = 0; i < items; ++i)
            ++weights[draw(next32)];
    } else {
        for (std::int32_t i = 0; i < items; ++i)
            ++weights[static_cast<std::size_t>(groupOf[draw(next32)])];
    }
}

std::vector<ConfidenceInterval> bootstrapItems(std::int32_t items, std::int32_t statCount,
                                               const BootstrapStatistic &statistic, const BootstrapOptions &options,
                                               std::span<const std::int32_t> groupOf, std::int32_t groups)
{
    if (!groupOf.empty() && groupOf.size() != static_cast<std::size_t>(items))
        throw Error(ErrorCode::Invalid, "bootstrap groups must name one group per item");
    if (options.resamples < 0 || !(options.level > 0.0 && options.level < 1.0))
        throw Error(ErrorCode::Invalid, "bootstrap needs resamples >= 0 and 0 < level < 1");
    const auto b = static_cast<std::size_t>(options.resamples);
    const auto s = static_cast<std::size_t>(statCount);
    std::vector<ConfidenceInterval> out(s);
    if (b == 0 || items <= 0 || s == 0)
        return out;
    std::vector<double> values(b * s); // [resample][statistic]
    // Resample r draws from its own generator seeded from (seed, r) and writes row r: the
    // values do not depend on the worker that ran it. Each worker reuses one weight vector.
    ParallelOptions parallel;
    parallel.threads = static_cast<unsigned>(std::max(0, options.threads));
    const std::size_t workers = parallelWorkers(parallel.threads, b);
    std::vector<std::vector<std::uint32_t>> weights(
        workers, std::vector<std::uint32_t>(static_cast<std::size_t>(groupOf.empty() ? items : groups)));
    static_cast<void>(parallelFor( // no progress callback: it cannot be cancelled
        b,
        [&](std::size_t r, std::size_t worker) {
            bootstrapWeights(options.seed, static_cast<std::int32_t>(r), items, groupOf, weights[worker]);
            statistic(weights[worker], std::span<double>(values.data() + r * s, s));
        },
        parallel));

    const double tail = (1.0 - options.level) / 2.0;
    std::vector<double> column;
    for (std::size_t j = 0; j < s; ++j) {
        column.clear();
        for (std::size_t r = 0; r < b; ++r) {
            const double v = values[r * s + j];
            if (std::isfinite(v))
                column.push_back(v);
        }
        out[j].valid = static_cast<std::int32_t>(column.size());
        if (column.empty())
            continue;
        std::sort(column.begin(), column.end());
        out[j].lo = quantile(column, tail);
        out[j].hi = quantile(column, 1.0 - tail);
    }
    return out;
}

} // namespace concord::core
