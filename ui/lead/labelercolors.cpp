// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/labelercolors.h"

#include <array>
#include <cmath>

namespace concord::ui {

namespace {

struct Lab
{
    double l, a, b;
};

double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Lab toLab(const QColor &color)
{
    const double r = linear(color.redF()), g = linear(color.greenF()), b = linear(color.blueF());
    // sRGB → XYZ (D65), normalised by the white point.
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

/// Bright, saturated colours that show on grey steel and on photographs, none of them one of
/// core::defaultClassColor()'s twenty; in the order labelers get them.
constexpr std::array<const char *, 12> kCandidates{"#ffffff", "#00e5ff", "#ff00ff", "#76ff03", "#ff1744", "#b388ff",
                                                   "#c6ff00", "#ea80fc", "#a7ffeb", "#ff3d00", "#8c9eff", "#651fff"};

} // namespace

double colorDistance(const QColor &a, const QColor &b)
{
    const Lab x = toLab(a), y = toLab(b);
    return std::sqrt((x.l - y.l) * (x.l - y.l) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

std::vector<QColor> labelerColors(const std::vector<core::LabelClass> &classes, std::size_t count)
{
    std::vector<QColor> usable;
    for (const char *name : kCandidates) {
        const QColor candidate(QString::fromLatin1(name));
        bool farFromClasses = true;
        for (const auto &c : classes) {
            const QColor classColor(QString::fromStdString(c.color));
            if (classColor.isValid() && colorDistance(candidate, classColor) < kMinLabelerClassDistance)
                farFromClasses = false;
        }
        if (farFromClasses)
            usable.push_back(candidate);
    }
    if (usable.empty()) // every candidate is some class's colour: grey, never a class's
        usable.push_back(QColor(0x9e, 0x9e, 0x9e));
    std::vector<QColor> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(usable[i % usable.size()]);
    return out;
}

} // namespace concord::ui
