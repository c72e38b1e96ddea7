// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/svgcharts.h"

#include "core/common/numbertext.h"
#include "core/report/htmltext.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace concord::core {

namespace {

constexpr double kCharWidth = 6.6; ///< average advance of a 11 px sans-serif character

/// A number for SVG coordinates: short, locale-independent.
std::string n(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// Text with an optional tooltip, anchored at (x, y).
std::string text(double x, double y, std::string_view body, const std::string &attrs = {},
                 std::string_view tooltip = {})
{
    std::string s = "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\"" + (attrs.empty() ? "" : " " + attrs) + ">";
    if (!tooltip.empty())
        s += "<title>" + escapeHtml(tooltip) + "</title>";
    return s + escapeHtml(body) + "</text>";
}

std::string rgb(double r, double g, double b)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(r)), static_cast<int>(std::lround(g)),
                  static_cast<int>(std::lround(b)));
    return buf;
}

/// Red (≤ 0) → yellow (0.5) → green (1), ColorBrewer's RdYlGn ends.
std::string kappaColour(double k)
{
    const double t = std::clamp(k, 0.0, 1.0);
    struct C
    {
        double r, g, b;
    };
    constexpr C lo{215, 48, 39}, mid{254, 224, 139}, hi{26, 152, 80};
    const auto mix = [](C a, C b, double u) {
        return rgb(a.r + (b.r - a.r) * u, a.g + (b.g - a.g) * u, a.b + (b.b - a.b) * u);
    };
    return t < 0.5 ? mix(lo, mid, t * 2.0) : mix(mid, hi, (t - 0.5) * 2.0);
}

/// Tick step of about `range / target` rounded to 1, 2 or 5 × 10^k.
double niceStep(double range, int target)
{
    if (!(range > 0.0))
        return 1.0;
    const double raw = range / target;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

std::string tickLabel(double v, double step)
{
    const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return formatFixed(std::abs(v) < step * 1e-6 ? 0.0 : v, decimals);
}

std::string svgOpen(double width, double height, std::string_view label)
{
    return "<svg viewBox=\"0 0 " + n(width) + " " + n(height) + "\" width=\"" + n(width) +
           "\" role=\"img\" aria-label=\"" + escapeHtml(label) + "\" font-family=\"sans-serif\" font-size=\"11\">";
}

} // namespace

std::string svgKappaHeatmap(const std::vector<std::string> &names, const std::vector<double> &kappa)
{
    const std::size_t count = names.size();
    constexpr std::size_t kMaxName = 18;
    constexpr double cell = 58.0;
    std::size_t longest = 1;
    for (const auto &name : names)
        longest = std::max(longest, std::min(ellipsize(name, kMaxName).size(), kMaxName + 1));
    const double left = 10.0 + kCharWidth * static_cast<double>(longest);
    const double top = 16.0 + kCharWidth * static_cast<double>(longest) * 0.75;
    const double grid = cell * static_cast<double>(count);
    const double legendX = left + grid + 24.0;
    const double width = legendX + 70.0;
    const double height = std::max(top + grid + 10.0, 200.0);

    std::string s = svgOpen(width, height, "Pairwise Cohen kappa");
    s += "<defs><linearGradient id=\"kappa-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
    for (int i = 0; i <= 4; ++i)
        s += "<stop offset=\"" + n(i * 25.0) + "%\" stop-color=\"" + kappaColour(i / 4.0) + "\"/>";
    s += "</linearGradient></defs>";
    for (std::size_t i = 0; i < count; ++i) {
        const double y = top + cell * static_cast<double>(i);
        s += text(left - 6.0, y + cell / 2.0 + 4.0, ellipsize(names[i], kMaxName), "text-anchor=\"end\"", names[i]);
        const double x = left + cell * static_cast<double>(i) + cell / 2.0;
        s += "<text x=\"" + n(x) + "\" y=\"" + n(top - 6.0) + "\" transform=\"rotate(-40 " + n(x) + " " + n(top - 6.0) +
             ")\"><title>" + escapeHtml(names[i]) + "</title>" + escapeHtml(ellipsize(names[i], kMaxName)) + "</text>";
        for (std::size_t j = 0; j < count; ++j) {
            const double v = i * count + j < kappa.size() ? kappa[i * count + j] : NAN;
            const double cx = left + cell * static_cast<double>(j);
            const bool has = std::isfinite(v) && i != j;
            s += "<rect x=\"" + n(cx) + "\" y=\"" + n(y) + "\" width=\"" + n(cell - 2) + "\" height=\"" + n(cell - 2) +
                 "\" fill=\"" + (has ? kappaColour(v) : std::string("#eeeeee")) + "\">";
            s += "<title>" + escapeHtml(names[i] + " – " + names[j] + ": κ " + (has ? formatFixed(v) : "n/a")) +
                 "</title></rect>";
            s += text(cx + (cell - 2) / 2.0, y + cell / 2.0 + 3.0, has ? formatFixed(v, 2) : "—",
                      "text-anchor=\"middle\" fill=\"#222\"");
        }
    }
    const double barTop = top, barHeight = std::max(grid, 150.0) - 10.0;
    s += "<rect x=\"" + n(legendX) + "\" y=\"" + n(barTop) + "\" width=\"14\" height=\"" + n(barHeight) +
         "\" fill=\"url(#kappa-scale)\" stroke=\"#999\"/>";
    for (int i = 0; i <= 4; ++i)
        s += text(legendX + 20.0, barTop + barHeight * (1.0 - i / 4.0) + 4.0, formatFixed(i / 4.0, 2));
    s += text(legendX, barTop - 6.0, "κ");
    return s + "</svg>";
}

std::string svgDisagreementProfile(const ProfileChart &chart)
{
    constexpr double width = 760.0, left = 56.0, right = 740.0, rowHeight = 14.0;
    if (chart.bins.empty())
        return svgOpen(width, 40.0, "no data") + text(left, 24.0, "No item has a value of " + chart.attribute) +
               "</svg>";
    const double xMin = chart.bins.front().lo;
    const double xMax = std::max(chart.bins.back().hi, xMin + 1e-9);
    const auto xs = [&](double v) {
        return left + (std::clamp(v, xMin, xMax) - xMin) / (xMax - xMin) * (right - left);
    };

    // Marker names on rows, left to right, each row's labels not overlapping.
    std::vector<ProfileMarker> markers = chart.markers;
    std::sort(markers.begin(), markers.end(), [](const auto &a, const auto &b) { return a.x < b.x; });
    std::vector<double> rowEnd;
    std::vector<std::size_t> rowOf;
    for (const auto &m : markers) {
        const std::string label = ellipsize(m.name, 16);
        const double x0 = xs(m.x) + 3.0, x1 = x0 + kCharWidth * static_cast<double>(label.size()) * 0.85;
        std::size_t r = 0;
        while (r < rowEnd.size() && rowEnd[r] > x0 - 4.0)
            ++r;
        if (r == rowEnd.size())
            rowEnd.push_back(0.0);
        rowEnd[r] = x1;
        rowOf.push_back(r);
    }
    const double top = 24.0 + rowHeight * static_cast<double>(rowEnd.size());
    const double bottom = top + 220.0;
    const double height = bottom + 44.0;
    const auto ys = [&](double rate) { return bottom - rate * (bottom - top); };

    std::string s = svgOpen(width, height, "Disputed share along " + chart.attribute);
    for (int i = 0; i <= 4; ++i) {
        const double y = ys(i / 4.0);
        s += "<line x1=\"" + n(left) + "\" x2=\"" + n(right) + "\" y1=\"" + n(y) + "\" y2=\"" + n(y) +
             "\" stroke=\"#ddd\"/>";
        s += text(left - 6.0, y + 4.0, std::to_string(i * 25) + " %", "text-anchor=\"end\"");
    }
    for (const auto &bin : chart.bins) {
        if (bin.items == 0)
            continue;
        const double rate = static_cast<double>(bin.disagreeing) / static_cast<double>(bin.items);
        const double x0 = xs(bin.lo), x1 = xs(bin.hi);
        s += "<rect x=\"" + n(x0 + 0.5) + "\" y=\"" + n(ys(rate)) + "\" width=\"" + n(std::max(x1 - x0 - 1.0, 1.0)) +
             "\" height=\"" + n(bottom - ys(rate)) + "\" fill=\"#4575b4\"><title>" +
             escapeHtml(formatFixed(bin.lo, 2) + " – " + formatFixed(bin.hi, 2) + ": " +
                        std::to_string(bin.disagreeing) + " of " + std::to_string(bin.items) + " disputed") +
             "</title></rect>";
    }
    if (chart.band) {
        const double a = xs(chart.bandLo), b = xs(chart.bandHi);
        s += "<rect class=\"band\" x=\"" + n(a) + "\" y=\"" + n(top) + "\" width=\"" + n(std::max(b - a, 1.0)) +
             "\" height=\"" + n(bottom - top) +
             "\" fill=\"#fdae61\" fill-opacity=\"0.3\" stroke=\"#e66101\" stroke-dasharray=\"2 2\"><title>" +
             escapeHtml("band " + formatFixed(chart.bandLo, 2) + " – " + formatFixed(chart.bandHi, 2)) +
             "</title></rect>";
        s += text(a + 4.0, top + 13.0, "band " + formatFixed(chart.bandLo, 2) + " – " + formatFixed(chart.bandHi, 2),
                  "fill=\"#b35806\"");
    }
    s += "<line x1=\"" + n(left) + "\" x2=\"" + n(right) + "\" y1=\"" + n(bottom) + "\" y2=\"" + n(bottom) +
         "\" stroke=\"#333\"/>";
    const double step = niceStep(xMax - xMin, 8);
    for (double t = std::ceil(xMin / step - 1e-9) * step; t <= xMax + step * 1e-9; t += step) {
        const double x = xs(t);
        s += "<line x1=\"" + n(x) + "\" x2=\"" + n(x) + "\" y1=\"" + n(bottom) + "\" y2=\"" + n(bottom + 4) +
             "\" stroke=\"#333\"/>";
        s += text(x, bottom + 16.0, tickLabel(t, step), "text-anchor=\"middle\"");
    }
    s += text((left + right) / 2.0, bottom + 34.0, chart.attribute, "text-anchor=\"middle\" font-weight=\"bold\"");
    s += text(12.0, (top + bottom) / 2.0, "disputed share",
              "text-anchor=\"middle\" transform=\"rotate(-90 12 " + n((top + bottom) / 2.0) + ")\"");
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const auto &m = markers[i];
        const double x = xs(m.x);
        const double labelY = 16.0 + rowHeight * static_cast<double>(rowOf[i]);
        const std::string colour = m.suggested ? "#000" : m.bound ? "#7a7a7a" : "#7b3294";
        s += "<g class=\"marker\"><title>" + escapeHtml(m.name + ": " + formatFixed(m.x, 2)) + "</title>";
        s += "<line x1=\"" + n(x) + "\" x2=\"" + n(x) + "\" y1=\"" + n(labelY + 3.0) + "\" y2=\"" + n(bottom) +
             "\" stroke=\"" + colour + "\" stroke-width=\"" + (m.suggested ? "2.5" : "1.5") + "\" stroke-dasharray=\"" +
             (m.suggested ? "none"
              : m.bound   ? "1 3"
                          : "4 3") +
             "\"/>";
        s += text(x + 3.0, labelY, ellipsize(m.name, 16),
                  "fill=\"" + colour + "\"" + (m.suggested ? " font-weight=\"bold\"" : ""));
        s += "</g>";
    }
    return s + "</svg>";
}

std::string svgFigureBars(const std::vector<FigureGroup> &groups)
{
    constexpr double left = 48.0, groupWidth = 150.0, bar = 44.0, top = 30.0, bottom = 230.0;
    const double width = left + groupWidth * static_cast<double>(std::max<std::size_t>(groups.size(), 1)) + 20.0;
    const double height = bottom + 40.0;
    const auto ys = [&](double v) { return bottom - std::clamp(v, 0.0, 1.0) * (bottom - top); };
    std::string s = svgOpen(width, height, "Agreement by standard version");
    for (int i = 0; i <= 4; ++i) {
        const double y = ys(i / 4.0);
        s += "<line x1=\"" + n(left) + "\" x2=\"" + n(width - 10.0) + "\" y1=\"" + n(y) + "\" y2=\"" + n(y) +
             "\" stroke=\"#ddd\"/>";
        s += text(left - 6.0, y + 4.0, formatFixed(i / 4.0, 2), "text-anchor=\"end\"");
    }
    s += "<rect x=\"" + n(left) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"#4575b4\"/>" +
         text(left + 14.0, 15.0, "HLP") + "<rect x=\"" + n(left + 60.0) +
         "\" y=\"6\" width=\"10\" height=\"10\" fill=\"#f46d43\"/>" + text(left + 74.0, 15.0, "Fleiss κ");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const double x = left + groupWidth * static_cast<double>(g) + 20.0;
        const auto barAt = [&](double x0, double v, const char *colour, const std::string &value) {
            if (!std::isfinite(v))
                return text(x0 + bar / 2.0, bottom - 4.0, "n/a", "text-anchor=\"middle\"");
            return "<rect x=\"" + n(x0) + "\" y=\"" + n(ys(v)) + "\" width=\"" + n(bar) + "\" height=\"" +
                   n(std::max(bottom - ys(v), 0.5)) + "\" fill=\"" + colour + "\"/>" +
                   text(x0 + bar / 2.0, ys(v) - 4.0, value, "text-anchor=\"middle\"");
        };
        s += barAt(x, groups[g].hlp, "#4575b4", formatShare(groups[g].hlp));
        s += barAt(x + bar + 6.0, groups[g].kappa, "#f46d43", formatFixed(groups[g].kappa, 2));
        s += text(x + bar + 3.0, bottom + 16.0, ellipsize(groups[g].label, 22), "text-anchor=\"middle\"",
                  groups[g].label);
    }
    s += "<line x1=\"" + n(left) + "\" x2=\"" + n(width - 10.0) + "\" y1=\"" + n(bottom) + "\" y2=\"" + n(bottom) +
         "\" stroke=\"#333\"/>";
    return s + "</svg>";
}

} // namespace concord::core
