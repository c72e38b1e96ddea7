// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/dawidskene.h"

#include "core/agreement/itemcounts.h"
#include "core/common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace concord::core {

namespace {

std::size_t idx(std::int32_t i)
{
    return static_cast<std::size_t>(i);
}

/// Initial posteriors: majority vote (one-hot, ties split) or vote fractions.
std::vector<double> initialPosteriors(const ItemCounts &counts, DawidSkeneOptions::Init init)
{
    const auto k = idx(counts.classCount());
    std::vector<double> t(idx(counts.itemCount()) * k, 0.0);
    for (std::int32_t i = 0; i < counts.itemCount(); ++i) {
        const auto row = counts.counts(i);
        const std::int32_t m = counts.responses(i);
        if (m == 0)
            continue;
        double *ti = t.data() + idx(i) * k;
        if (init == DawidSkeneOptions::Init::VoteFractions) {
            for (std::size_t c = 0; c < k; ++c)
                ti[c] = static_cast<double>(row[c]) / m;
            continue;
        }
        const std::int32_t top = *std::max_element(row.begin(), row.end());
        const auto tied = static_cast<double>(std::count(row.begin(), row.end(), top));
        for (std::size_t c = 0; c < k; ++c)
            ti[c] = row[c] == top ? 1.0 / tied : 0.0;
    }
    return t;
}

} // namespace

DawidSkeneResult dawidSkene(const ItemCounts &counts, const DawidSkeneOptions &options)
{
    if (options.maxIterations < 1)
        throw Error(ErrorCode::Invalid, "Dawid-Skene needs at least one iteration", {}, 0,
                    "maxIterations");
    if (options.smoothing < 0.0 || options.tolerance < 0.0)
        throw Error(ErrorCode::Invalid, "Dawid-Skene smoothing and tolerance must be >= 0");
    const auto n = idx(counts.itemCount());
    const auto k = idx(counts.classCount());
    const auto l = idx(counts.labelerCount());
    DawidSkeneResult r;
    std::vector<double> t = initialPosteriors(counts, options.init);
    // Parameters in [labeler][given][true] layout: the E-step's inner loop over the true class
    // is then contiguous.
    std::vector<double> pi(l * k * k, 0.0);
    std::vector<double> previousPi;
    std::vector<double> previousPriors;
    std::vector<double> logPi(l * k * k);
    std::vector<double> logPriors(k);
    std::vector<double> rowSum(l * k);
    std::vector<double> lt(k);
    r.priors.assign(k, 1.0 / static_cast<double>(k));

    for (std::int32_t iteration = 1; iteration <= options.maxIterations; ++iteration) {
        // M-step: priors and confusion matrices from the current posteriors.
        std::fill(pi.begin(), pi.end(), options.smoothing);
        std::vector<double> priors(k, 0.0);
        double rated = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto es = counts.entries(static_cast<std::int32_t>(i));
            if (es.empty())
                continue;
            const double *ti = t.data() + i * k;
            for (std::size_t c = 0; c < k; ++c)
                priors[c] += ti[c];
            rated += 1.0;
            for (const ItemCounts::Entry &e : es) {
                double *cell = pi.data() + (idx(e.labeler) * k + idx(e.cls)) * k;
                for (std::size_t c = 0; c < k; ++c)
                    cell[c] += ti[c] * e.count;
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
            r.priors[c] = options.classPriors && rated > 0.0 ? priors[c] / rated
                                                              : 1.0 / static_cast<double>(k);
            logPriors[c] = std::log(r.priors[c]);
        }
        for (std::size_t x = 0; x < pi.size(); ++x)
            logPi[x] = std::log(pi[x]);

        // E-step: posteriors and log-likelihood.
        double logLikelihood = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto es = counts.entries(static_cast<std::int32_t>(i));
            if (es.empty())
                continue;
            std::copy(logPriors.begin(), logPriors.end(), lt.begin());
            for (const ItemCounts::Entry &e : es) {
                const double *cell = logPi.data() + (idx(e.labeler) * k + idx(e.cls)) * k;
                const double count = e.count;
                for (std::size_t c = 0; c < k; ++c)
                    lt[c] += count * cell[c];
            }
            double *ti = t.data() + i * k;
            const double top = *std::max_element(lt.begin(), lt.end());
            if (!std::isfinite(top)) {
                // Every class impossible (only after posteriors underflowed to exactly 0):
                // fall back to the priors rather than dividing 0 by 0.
                std::copy(r.priors.begin(), r.priors.end(), ti);
                continue;
            }
            double sum = 0.0;
            for (std::size_t c = 0; c < k; ++c) {
                ti[c] = std::exp(lt[c] - top);
                sum += ti[c];
            }
            for (std::size_t c = 0; c < k; ++c)
                ti[c] /= sum;
            logLikelihood += top + std::log(sum);
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
    out.distribution = std::move(t);
    for (std::size_t i = 0; i < n; ++i) {
        if (counts.responses(static_cast<std::int32_t>(i)) == 0)
            continue;
        const double *ti = out.distribution.data() + i * k;
        const auto best = std::max_element(ti, ti + k);
        out.label[i] = static_cast<std::int32_t>(best - ti);
        out.confidence[i] = *best;
    }
    return r;
}

} // namespace concord::core
