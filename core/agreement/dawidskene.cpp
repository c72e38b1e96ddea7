// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/dawidskene.h"

#include "core/agreement/itemcounts.h"
#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

namespace concord::core {

namespace {

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// Items with identical responses (same labelers, classes and counts) have identical
/// posteriors at every iteration, so EM runs once per distinct response pattern, weighted by
/// how many items share it. Exact, and with 5 labelers × 4 classes it turns 200,000 items into
/// at most 1024 patterns.
struct Patterns
{
    std::vector<std::int32_t> representative; ///< one item per pattern
    std::vector<double> multiplicity;         ///< items per pattern
    std::vector<std::int32_t> patternOf;      ///< per item, −1 without responses
};

Patterns patternsOf(const ItemCounts &counts)
{
    Patterns p;
    p.patternOf.assign(idx(counts.itemCount()), -1);
    std::unordered_map<std::string, std::int32_t> index;
    std::string key;
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto es = counts.entries(i);
        if (es.empty())
            continue;
        key.assign(reinterpret_cast<const char *>(es.data()), es.size_bytes());
        const auto [it, inserted] = index.try_emplace(key, static_cast<std::int32_t>(p.representative.size()));
        if (inserted) {
            p.representative.push_back(i);
            p.multiplicity.push_back(0.0);
        }
        p.multiplicity[idx(it->second)] += 1.0;
        p.patternOf[idx(i)] = it->second;
    }
    return p;
}

/// Initial posteriors per pattern: vote fractions, or the majority vote's distribution
/// (one-hot, ties split evenly).
std::vector<double> initialPosteriors(const ItemCounts &counts, const Patterns &patterns, DawidSkeneOptions::Init init)
{
    const auto k = idx(counts.classCount());
    std::vector<double> t(patterns.representative.size() * k, 0.0);
    const Consensus majority = init == DawidSkeneOptions::Init::MajorityVote ? majorityVote(counts) : Consensus{};
    for (std::size_t p = 0; p < patterns.representative.size(); ++p) {
        const std::int32_t i = patterns.representative[p];
        double *tp = t.data() + p * k;
        if (init == DawidSkeneOptions::Init::MajorityVote) {
            majority.forEachShare(idx(i), [&](std::int32_t c, double share) { tp[idx(c)] = share; });
            continue;
        }
        for (const ItemCounts::ClassCount &c : counts.classCounts(i))
            tp[idx(c.cls)] = static_cast<double>(c.count) / counts.responses(i);
    }
    return t;
}

} // namespace

DawidSkeneResult dawidSkene(const ItemCounts &counts, const DawidSkeneOptions &options)
{
    if (options.maxIterations < 1)
        throw Error(ErrorCode::Invalid, "Dawid-Skene needs at least one iteration", {}, 0, "maxIterations");
    if (options.smoothing < 0.0 || options.tolerance < 0.0)
        throw Error(ErrorCode::Invalid, "Dawid-Skene smoothing and tolerance must be >= 0");
    const auto n = idx(counts.itemCount());
    const auto k = idx(counts.classCount());
    const auto l = idx(counts.labelerCount());
    // The EM keeps four arrays of labelers × classes² doubles (the confusion matrices, their
    // logs, the previous iteration's and the published copy): refuse before allocating them
    // rather than die in bad_alloc (200,000 classes would ask for 320 GB per labeler).
    if (static_cast<double>(l) * static_cast<double>(k) * static_cast<double>(k) >
        static_cast<double>(kDawidSkeneCellLimit))
        throw Error(ErrorCode::Invalid,
                    "Dawid-Skene needs labelers x classes^2 = " + std::to_string(l) + " x " + std::to_string(k) +
                        "^2 confusion cells, more than its limit of " + std::to_string(kDawidSkeneCellLimit) +
                        "; use the majority vote",
                    {}, 0, "classes");
    const Patterns patterns = patternsOf(counts);
    const std::size_t np = patterns.representative.size();
    DawidSkeneResult r;
    std::vector<double> t = initialPosteriors(counts, patterns, options.init);
    // Parameters in [labeler][given][true] layout: the E-step's inner loop over the true class
    // is then contiguous.
    std::vector<double> pi(l * k * k, 0.0);
    std::vector<double> previousPi;
    std::vector<double> previousPriors;
    std::vector<double> logPi(l * k * k);
    std::vector<double> logPriors(k);
    std::vector<double> rowSum(l * k);
    std::vector<double> lt(k);
    std::vector<double> weighted(k);
    r.priors.assign(k, 1.0 / static_cast<double>(k));

    for (std::int32_t iteration = 1; iteration <= options.maxIterations; ++iteration) {
        // M-step: priors and confusion matrices from the current posteriors.
        std::fill(pi.begin(), pi.end(), options.smoothing);
        std::vector<double> priors(k, 0.0);
        double rated = 0.0;
        for (std::size_t p = 0; p < np; ++p) {
            const double mult = patterns.multiplicity[p];
            const double *tp = t.data() + p * k;
            for (std::size_t c = 0; c < k; ++c) {
                weighted[c] = mult * tp[c];
                priors[c] += weighted[c];
            }
            rated += mult;
            for (const ItemCounts::Entry &e : counts.entries(patterns.representative[p])) {
                double *cell = pi.data() + (idx(e.labeler) * k + idx(e.cls)) * k;
                for (std::size_t c = 0; c < k; ++c)
                    cell[c] += weighted[c] * e.count;
            }
        }
        std::fill(rowSum.begin(), rowSum.end(), 0.0);
        for (std::size_t a = 0; a < l; ++a)
            for (std::size_t given = 0; given < k; ++given)
                for (std::size_t c = 0; c < k; ++c)
                    rowSum[a * k + c] += pi[(a * k + given) * k + c];
        for (std::size_t a = 0; a < l; ++a)
            for (std::size_t given = 0; given < k; ++given)
                for (std::size_t c = 0; c < k; ++c) {
                    double &p = pi[(a * k + given) * k + c];
                    const double s = rowSum[a * k + c];
                    p = s > 0.0 ? p / s : 1.0 / static_cast<double>(k);
                }
        for (std::size_t c = 0; c < k; ++c) {
            r.priors[c] = options.classPriors && rated > 0.0 ? priors[c] / rated : 1.0 / static_cast<double>(k);
            logPriors[c] = std::log(r.priors[c]);
        }
        for (std::size_t x = 0; x < pi.size(); ++x)
            logPi[x] = std::log(pi[x]);

        // E-step: posteriors and log-likelihood.
        double logLikelihood = 0.0;
        for (std::size_t p = 0; p < np; ++p) {
            std::copy(logPriors.begin(), logPriors.end(), lt.begin());
            for (const ItemCounts::Entry &e : counts.entries(patterns.representative[p])) {
                const double *cell = logPi.data() + (idx(e.labeler) * k + idx(e.cls)) * k;
                const double count = e.count;
                for (std::size_t c = 0; c < k; ++c)
                    lt[c] += count * cell[c];
            }
            double *tp = t.data() + p * k;
            const double top = *std::max_element(lt.begin(), lt.end());
            if (!std::isfinite(top)) {
                // Every class impossible (only after posteriors underflowed to exactly 0):
                // fall back to the priors rather than dividing 0 by 0.
                std::copy(r.priors.begin(), r.priors.end(), tp);
                continue;
            }
            double sum = 0.0;
            for (std::size_t c = 0; c < k; ++c) {
                tp[c] = std::exp(lt[c] - top);
                sum += tp[c];
            }
            for (std::size_t c = 0; c < k; ++c)
                tp[c] /= sum;
            logLikelihood += patterns.multiplicity[p] * (top + std::log(sum));
        }
        r.logLikelihood.push_back(logLikelihood);
        r.iterations = iteration;

        if (!previousPi.empty() && options.tolerance > 0.0) {
            double change = 0.0;
            for (std::size_t x = 0; x < pi.size(); ++x)
                change = std::max(change, std::abs(pi[x] - previousPi[x]));
            for (std::size_t c = 0; c < k; ++c)
                change = std::max(change, std::abs(r.priors[c] - previousPriors[c]));
            if (change < options.tolerance) {
                r.converged = true;
                break;
            }
        }
        previousPi = pi;
        previousPriors = r.priors;
    }

    // Publish the confusion matrices as [labeler][true][given].
    r.confusion.assign(l * k * k, 0.0);
    for (std::size_t a = 0; a < l; ++a)
        for (std::size_t given = 0; given < k; ++given)
            for (std::size_t c = 0; c < k; ++c)
                r.confusion[(a * k + c) * k + given] = pi[(a * k + given) * k + c];

    Consensus &out = r.consensus;
    out.classes = static_cast<std::int32_t>(k);
    out.label.assign(n, -1);
    out.confidence.assign(n, 0.0);
    out.distribution.assign(n * k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int32_t p = patterns.patternOf[i];
        if (p < 0)
            continue;
        const double *tp = t.data() + idx(p) * k;
        std::copy(tp, tp + k, out.distribution.begin() + static_cast<std::ptrdiff_t>(i * k));
        const auto best = std::max_element(tp, tp + k);
        out.label[i] = static_cast<std::int32_t>(best - tp);
        out.confidence[i] = *best;
    }
    return r;
}

} // namespace concord::core
