// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/clusters/logisticfit.h"

#include <algorithm>
#include <array>
#include <functional>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

namespace concord::core {

namespace {

struct Sums
{
    // Information matrix XᵀWX for the design [1, z].
    double i00 = 0, i01 = 0, i11 = 0;
    // (Modified) score.
    double u0 = 0, u1 = 0;
    double logLik = 0;
};

double sigmoid(double eta)
{
    if (eta >= 0) {
        const double e = std::exp(-eta);
        return 1.0 / (1.0 + e);
    }
    const double e = std::exp(eta);
    return e / (1.0 + e);
}

/// Log-likelihood, information and score at (c0, c1) on standardised z; with `firth` the
/// score is Firth's modified one, U* = Xᵀ(y − p + h (1/2 − p)), and the log-likelihood gets
/// the penalty ½ log det I.
Sums evaluate(const std::vector<double> &z, std::span<const std::uint8_t> y, double c0, double c1, bool firth)
{
    Sums s;
    const std::size_t n = z.size();
    std::vector<double> p(n), w(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double eta = c0 + c1 * z[i];
        p[i] = sigmoid(eta);
        w[i] = p[i] * (1.0 - p[i]);
        s.i00 += w[i];
        s.i01 += w[i] * z[i];
        s.i11 += w[i] * z[i] * z[i];
        // log(1 + e^eta) computed stably.
        const double softplus = eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta));
        s.logLik += (y[i] ? eta : 0.0) - softplus;
    }
    const double det = s.i00 * s.i11 - s.i01 * s.i01;
    const double inv00 = s.i11 / det, inv01 = -s.i01 / det, inv11 = s.i00 / det;
    for (std::size_t i = 0; i < n; ++i) {
        double r = (y[i] ? 1.0 : 0.0) - p[i];
        if (firth) {
            // Leverage h_i = w_i xᵢᵀ I⁻¹ xᵢ with xᵢ = (1, zᵢ).
            const double h = w[i] * (inv00 + 2.0 * inv01 * z[i] + inv11 * z[i] * z[i]);
            r += h * (0.5 - p[i]);
        }
        s.u0 += r;
        s.u1 += r * z[i];
    }
    if (firth)
        s.logLik += 0.5 * std::log(std::max(det, std::numeric_limits<double>::min()));
    return s;
}

/// Penalised negative log-likelihood of the lapse model P = eps + (1 − 2 eps) σ(c0 + c1 z),
/// with its expected information in `info` (i00, i01, i11).
double lapseObjective(const std::vector<double> &z, std::span<const std::uint8_t> y, double c0, double c1, double eps,
                      Sums &info)
{
    info = Sums{};
    double ll = 0;
    for (std::size_t i = 0; i < z.size(); ++i) {
        const double sg = sigmoid(c0 + c1 * z[i]);
        const double p = eps + (1.0 - 2.0 * eps) * sg;
        const double dp = (1.0 - 2.0 * eps) * sg * (1.0 - sg);
        const double w = dp * dp / (p * (1.0 - p));
        info.i00 += w;
        info.i01 += w * z[i];
        info.i11 += w * z[i] * z[i];
        ll += std::log(y[i] ? p : 1.0 - p);
    }
    const double det = info.i00 * info.i11 - info.i01 * info.i01;
    return -(ll + 0.5 * std::log(std::max(det, std::numeric_limits<double>::min())));
}

/// Nelder–Mead in two dimensions (the penalised lapse likelihood has no closed-form score
/// worth the trouble for two parameters).
std::pair<double, double> nelderMead(const std::function<double(double, double)> &f, double x0, double y0)
{
    std::array<std::array<double, 3>, 3> s{{{x0, y0, 0}, {x0 + 0.5, y0, 0}, {x0, y0 + 0.5, 0}}};
    for (auto &v : s)
        v[2] = f(v[0], v[1]);
    for (int it = 0; it < 5000; ++it) {
        std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a[2] < b[2]; });
        // The objective is a sum over all answers, so its rounding grows with them: an absolute
        // tolerance that 100 answers meet is below the noise of 60,000, and the simplex then
        // ran all 5000 iterations (minutes on a 100,000-image project). Stop when the values
        // agree to 1e-10 relative and the simplex is within 1e-6 (standardised units: far below
        // any threshold's standard error), or when the simplex has collapsed.
        const double size = std::abs(s[2][0] - s[0][0]) + std::abs(s[2][1] - s[0][1]);
        if ((std::abs(s[2][2] - s[0][2]) <= 1e-10 * (1.0 + std::abs(s[0][2])) && size < 1e-6) || size < 1e-10)
            break;
        const double cx = (s[0][0] + s[1][0]) / 2, cy = (s[0][1] + s[1][1]) / 2;
        auto at = [&](double t) {
            const double x = cx + t * (s[2][0] - cx), y = cy + t * (s[2][1] - cy);
            return std::array<double, 3>{x, y, f(x, y)};
        };
        const auto r = at(-1.0);
        if (r[2] < s[0][2]) {
            const auto e = at(-2.0);
            s[2] = e[2] < r[2] ? e : r;
        } else if (r[2] < s[1][2]) {
            s[2] = r;
        } else {
            const auto c = at(r[2] < s[2][2] ? -0.5 : 0.5);
            if (c[2] < std::min(r[2], s[2][2])) {
                s[2] = c;
            } else {
                for (std::size_t k = 1; k < 3; ++k) {
                    s[k][0] = s[0][0] + 0.5 * (s[k][0] - s[0][0]);
                    s[k][1] = s[0][1] + 0.5 * (s[k][1] - s[0][1]);
                    s[k][2] = f(s[k][0], s[k][1]);
                }
            }
        }
    }
    std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a[2] < b[2]; });
    return {s[0][0], s[0][1]};
}

/// A value in a note: four significant digits ("%.4g"), a literal format for the compiler to check.
std::string g4(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

} // namespace

LogisticFit fitLogistic(std::span<const double> x, std::span<const std::uint8_t> y, LogisticMethod method, int minItems,
                        double lapse)
{
    LogisticFit fit;
    const std::size_t n = std::min(x.size(), y.size());
    fit.n = static_cast<std::int32_t>(n);
    for (std::size_t i = 0; i < n; ++i)
        fit.positives += y[i] ? 1 : 0;
    const int negatives = fit.n - fit.positives;
    if (fit.n < minItems) {
        fit.note = "too few items (" + std::to_string(fit.n) + ", need " + std::to_string(minItems) + ")";
        return fit;
    }
    if (fit.positives < 2 || negatives < 2) {
        fit.note = fit.positives < 2 ? "almost never chose the class (" + std::to_string(fit.positives) + " of " +
                                           std::to_string(fit.n) + "): no crossing"
                                     : "almost always chose the class (" + std::to_string(fit.positives) + " of " +
                                           std::to_string(fit.n) + "): no crossing";
        return fit;
    }

    double mean = 0;
    for (std::size_t i = 0; i < n; ++i)
        mean += x[i];
    mean /= static_cast<double>(n);
    double var = 0;
    double lo = x[0], hi = x[0];
    for (std::size_t i = 0; i < n; ++i) {
        var += (x[i] - mean) * (x[i] - mean);
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
    }
    const double sd = std::sqrt(var / static_cast<double>(n));
    if (!(sd > 0)) {
        fit.note = "the attribute has one value on all items: no crossing";
        return fit;
    }

    // Separation: all y = 0 below all y = 1 (or the reverse).
    double max0 = -std::numeric_limits<double>::infinity(), min1 = std::numeric_limits<double>::infinity();
    double min0 = std::numeric_limits<double>::infinity(), max1 = -std::numeric_limits<double>::infinity();
    std::vector<double> z(n);
    for (std::size_t i = 0; i < n; ++i) {
        z[i] = (x[i] - mean) / sd;
        if (y[i]) {
            min1 = std::min(min1, x[i]);
            max1 = std::max(max1, x[i]);
        } else {
            max0 = std::max(max0, x[i]);
            min0 = std::min(min0, x[i]);
        }
    }
    fit.separated = max0 < min1 || max1 < min0;

    const bool firth = method == LogisticMethod::Firth;
    if (fit.separated && !firth) {
        fit.note = "answers switch cleanly between " + g4(max0 < min1 ? max0 : max1) + " and " +
                   g4(max0 < min1 ? min1 : min0) + ": the maximum-likelihood slope is infinite";
        return fit;
    }

    // Newton–Raphson with step halving on the (penalised) log-likelihood.
    double c0 = 0, c1 = 0;
    Sums s = evaluate(z, y, c0, c1, firth);
    bool converged = false;
    constexpr int kMaxIter = 100;
    for (int it = 1; it <= kMaxIter && !converged; ++it) {
        fit.iterations = it;
        const double det = s.i00 * s.i11 - s.i01 * s.i01;
        if (!(det > 0))
            break;
        const double d0 = (s.i11 * s.u0 - s.i01 * s.u1) / det;
        const double d1 = (-s.i01 * s.u0 + s.i00 * s.u1) / det;
        double step = 1.0;
        Sums next;
        for (int half = 0; half < 30; ++half) {
            next = evaluate(z, y, c0 + step * d0, c1 + step * d1, firth);
            if (next.logLik >= s.logLik - 1e-12)
                break;
            step *= 0.5;
        }
        c0 += step * d0;
        c1 += step * d1;
        s = next;
        converged = std::abs(step * d0) < 1e-10 && std::abs(step * d1) < 1e-10;
        if (std::abs(c1) > 1e6)
            break;
    }
    if (!converged) {
        fit.note = "the fit did not converge";
        return fit;
    }

    if (lapse > 0 && firth) {
        // Allow for slips: maximise the Jeffreys-penalised likelihood of the lapse model from
        // the logistic estimate; its information replaces the logistic one below.
        Sums info;
        const auto [l0, l1] =
            nelderMead([&](double a, double b) { return lapseObjective(z, y, a, b, lapse, info); }, c0, c1);
        c0 = l0;
        c1 = l1;
        lapseObjective(z, y, c0, c1, lapse, info);
        s.i00 = info.i00;
        s.i01 = info.i01;
        s.i11 = info.i11;
    }

    // Back to the scale of x: eta = c0 + c1 (x − mean) / sd.
    fit.b1 = c1 / sd;
    fit.b0 = c0 - c1 * mean / sd;
    const double det = s.i00 * s.i11 - s.i01 * s.i01;
    const double v00 = s.i11 / det, v01 = -s.i01 / det, v11 = s.i00 / det; // on (c0, c1)
    // (b0, b1) = A (c0, c1) with A = [[1, −mean/sd], [0, 1/sd]].
    const double a = -mean / sd, b = 1.0 / sd;
    fit.var00 = v00 + 2 * a * v01 + a * a * v11;
    fit.var01 = b * v01 + a * b * v11;
    fit.var11 = b * b * v11;

    if (!(c1 > 0)) {
        fit.note = "the class becomes less likely as the attribute grows: no upward crossing";
        return fit;
    }
    // Threshold on the standardised scale tz = −c0 / c1, gradient (−1/c1, c0/c1²).
    const double tz = -c0 / c1;
    const double g0 = -1.0 / c1, g1 = c0 / (c1 * c1);
    const double varTz = g0 * g0 * v00 + 2 * g0 * g1 * v01 + g1 * g1 * v11;
    fit.threshold = mean + sd * tz;
    fit.standardError = sd * std::sqrt(std::max(varTz, 0.0));
    if (fit.threshold < lo || fit.threshold > hi) {
        fit.note = "the crossing (" + g4(fit.threshold) + ") lies outside the observed values, " + g4(lo) + " to " +
                   g4(hi) + ": not estimated";
        fit.threshold = 0;
        fit.standardError = 0;
        return fit;
    }
    fit.ok = true;
    if (fit.separated)
        fit.note = "answers switch cleanly between " + g4(max0) + " and " + g4(min1) + " (penalised fit)";
    return fit;
}

} // namespace concord::core
