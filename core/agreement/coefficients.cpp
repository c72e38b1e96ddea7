// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/coefficients.h"

#include "core/agreement/itemcounts.h"

#include <cmath>
#include <limits>

namespace concord::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// Calls fn(item, weight) for every item with at least `minResponses` responses and a
/// non-zero weight. One loop shape for all coefficients, so that the weighting rule (and the
/// eligibility rule) cannot differ between them.
template <typename Fn>
void forEachItem(const ItemCounts &counts, ItemWeights weights, std::int32_t minResponses, Fn &&fn)
{
    const std::int32_t n = counts.itemCount();
    for (std::int32_t i = 0; i < n; ++i) {
        const double w = weights.empty() ? 1.0 : static_cast<double>(weights[idx(i)]);
        if (w == 0.0 || counts.responses(i) < minResponses)
            continue;
        fn(i, w);
    }
}

/// sum_k n_k (n_k − 1) / (m (m − 1)): the share of agreeing response pairs on one item.
double itemAgreement(std::span<const ItemCounts::ClassCount> row, std::int32_t m)
{
    std::int64_t pairs = 0;
    for (const ItemCounts::ClassCount &c : row)
        pairs += static_cast<std::int64_t>(c.count) * (c.count - 1);
    return static_cast<double>(pairs) / (static_cast<double>(m) * (m - 1));
}

} // namespace

FleissKappa fleissKappa(const ItemCounts &counts, ItemWeights weights)
{
    const auto k = idx(counts.classCount());
    FleissKappa r;
    std::vector<double> totals(k, 0.0);
    std::vector<double> disagreement(k, 0.0); // sum_i n_ij (m_i − n_ij) / (m_i (m_i − 1))
    double sumP = 0.0;
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        const auto row = counts.classCounts(i);
        const std::int32_t m = counts.responses(i);
        const double denom = static_cast<double>(m) * (m - 1);
        sumP += w * itemAgreement(row, m);
        for (const ItemCounts::ClassCount &c : row) {
            const auto j = idx(c.cls);
            totals[j] += w * c.count;
            disagreement[j] += w * static_cast<double>(c.count) * (m - c.count) / denom;
        }
        r.items += w;
    });
    if (r.items == 0.0) {
        r.kappa = r.observed = r.expected = kNaN;
        r.proportions.assign(k, kNaN);
        r.perClass.assign(k, kNaN);
        return r;
    }
    double all = 0.0;
    for (const double t : totals)
        all += t;
    r.observed = sumP / r.items;
    r.proportions.resize(k);
    r.perClass.resize(k);
    for (std::size_t j = 0; j < k; ++j) {
        const double p = totals[j] / all;
        r.proportions[j] = p;
        r.expected += p * p;
        const double pq = p * (1.0 - p);
        r.perClass[j] = pq > 0.0 ? 1.0 - disagreement[j] / (r.items * pq) : kNaN;
    }
    r.kappa = r.expected < 1.0 ? (r.observed - r.expected) / (1.0 - r.expected) : kNaN;
    return r;
}

double krippendorffAlpha(const ItemCounts &counts, AlphaLevel level, std::span<const double> classValues,
                         ItemWeights weights)
{
    const auto k = idx(counts.classCount());
    // Marginals n_c of the pairable values.
    std::vector<double> marginal(k, 0.0);
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        for (const ItemCounts::ClassCount &c : counts.classCounts(i))
            marginal[idx(c.cls)] += w * c.count;
    });
    double n = 0.0;
    for (const double m : marginal)
        n += m;
    if (n < 2.0)
        return kNaN;

    if (level == AlphaLevel::Nominal) {
        // Observed: sum_u (m_u² − sum_c n_uc²) / (m_u − 1); expected: n² − sum_c n_c².
        double observed = 0.0;
        forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
            const std::int32_t m = counts.responses(i);
            std::int64_t same = 0;
            for (const ItemCounts::ClassCount &c : counts.classCounts(i))
                same += static_cast<std::int64_t>(c.count) * c.count;
            observed += w * static_cast<double>(static_cast<std::int64_t>(m) * m - same) / (m - 1);
        });
        double sq = 0.0;
        for (const double m : marginal)
            sq += m * m;
        const double expected = n * n - sq;
        return expected > 0.0 ? 1.0 - (n - 1.0) * observed / expected : kNaN;
    }

    // Interval (and ordinal, which is interval on mid-rank values): δ²_ck = (v_c − v_k)², so
    // sum_{c,k} n_uc n_uk δ²_ck = 2 (m_u S2_u − S1_u²) with S1 = sum n_uc v_c, S2 = sum n_uc v_c².
    std::vector<double> v(k);
    if (level == AlphaLevel::Ordinal) {
        // Krippendorff's ordinal δ_ck = sum_{g=c..k} n_g − (n_c + n_k)/2 = mid_k − mid_c with
        // mid_c = sum_{g<c} n_g + n_c / 2.
        double below = 0.0;
        for (std::size_t c = 0; c < k; ++c) {
            v[c] = below + marginal[c] / 2.0;
            below += marginal[c];
        }
    } else {
        for (std::size_t c = 0; c < k; ++c)
            v[c] = classValues[c];
        // Centre the values: the differences are unchanged and the sums lose less precision.
        double mean = 0.0;
        for (std::size_t c = 0; c < k; ++c)
            mean += marginal[c] * v[c];
        mean /= n;
        for (double &x : v)
            x -= mean;
    }
    double observed = 0.0;
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        const std::int32_t m = counts.responses(i);
        double s1 = 0.0;
        double s2 = 0.0;
        for (const ItemCounts::ClassCount &c : counts.classCounts(i)) {
            const double x = v[idx(c.cls)];
            s1 += c.count * x;
            s2 += c.count * x * x;
        }
        observed += w * (m * s2 - s1 * s1) / (m - 1);
    });
    double t1 = 0.0;
    double t2 = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
        t1 += marginal[c] * v[c];
        t2 += marginal[c] * v[c] * v[c];
    }
    const double expected = n * t2 - t1 * t1;
    return expected > 0.0 ? 1.0 - (n - 1.0) * observed / expected : kNaN;
}

double gwetAc1(const ItemCounts &counts, ItemWeights weights)
{
    const auto k = idx(counts.classCount());
    if (k < 2)
        return kNaN;
    std::vector<double> pi(k, 0.0);
    double rated = 0.0;
    forEachItem(counts, weights, 1, [&](std::int32_t i, double w) {
        const double m = counts.responses(i);
        for (const ItemCounts::ClassCount &c : counts.classCounts(i))
            pi[idx(c.cls)] += w * c.count / m;
        rated += w;
    });
    double pairable = 0.0;
    double sumP = 0.0;
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        sumP += w * itemAgreement(counts.classCounts(i), counts.responses(i));
        pairable += w;
    });
    if (pairable == 0.0)
        return kNaN;
    const double pa = sumP / pairable;
    double pe = 0.0;
    for (const double p : pi)
        pe += (p / rated) * (1.0 - p / rated);
    pe /= static_cast<double>(k - 1);
    return pe < 1.0 ? (pa - pe) / (1.0 - pe) : kNaN;
}

double pooledAgreement(const ItemCounts &counts, ItemWeights weights)
{
    double agreeing = 0.0;
    double pairs = 0.0;
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        agreeing += w * counts.agreeingPairs(i);
        pairs += w * counts.comparablePairs(i);
    });
    return pairs > 0.0 ? agreeing / pairs : kNaN;
}

double unanimousShare(const ItemCounts &counts, ItemWeights weights)
{
    double unanimous = 0.0;
    double items = 0.0;
    forEachItem(counts, weights, 2, [&](std::int32_t i, double w) {
        const std::int32_t m = counts.responses(i);
        for (const ItemCounts::ClassCount &c : counts.classCounts(i)) {
            if (c.count == m)
                unanimous += w;
        }
        items += w;
    });
    return items > 0.0 ? unanimous / items : kNaN;
}

double cohenKappa(std::span<const double> table, std::int32_t classes)
{
    const auto k = idx(classes);
    double n = 0.0;
    double diagonal = 0.0;
    std::vector<double> rows(k, 0.0);
    std::vector<double> cols(k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = 0; b < k; ++b) {
            const double x = table[a * k + b];
            n += x;
            rows[a] += x;
            cols[b] += x;
        }
        diagonal += table[a * k + a];
    }
    if (n == 0.0)
        return kNaN;
    double pe = 0.0;
    for (std::size_t c = 0; c < k; ++c)
        pe += (rows[c] / n) * (cols[c] / n);
    const double po = diagonal / n;
    return pe < 1.0 ? (po - pe) / (1.0 - pe) : kNaN;
}

} // namespace concord::core
