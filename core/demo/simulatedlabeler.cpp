// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/simulatedlabeler_p.h"

#include "core/demo/demorandom_p.h"

#include <cmath>
#include <numbers>
#include <numeric>
#include <utility>

namespace concord::core {

namespace {

constexpr const char *kNames[] = {"ana", "ben", "eli", "kim", "raj", "mia", "tom", "zoe",
                                  "lee", "sam", "ivy", "max", "noa", "ola", "uma", "vic"};
constexpr double kMinThresholdMm = 1.0;
constexpr double kMaxThresholdMm = 3.0;
/// Inconsistency of the labelers in order (cycled): the third is the one a lead should notice.
constexpr double kInconsistency[] = {0.03, 0.05, 0.25, 0.02, 0.10};

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

/// The line a labeler draws along the scratch of `image` when they measure it as `measuredMm`:
/// centred on the scratch, along it, end points rounded to 1/100 px.
MeasuredLine lineAlong(const SurfaceImage &image, double measuredMm)
{
    const double cx = (image.x1 + image.x2) / 2.0;
    const double cy = (image.y1 + image.y2) / 2.0;
    const double trueLengthPx = std::hypot(image.x2 - image.x1, image.y2 - image.y1);
    // Direction of the scratch; a scratch of (nearly) zero length has none, use x.
    const double ux = trueLengthPx > 1e-9 ? (image.x2 - image.x1) / trueLengthPx : 1.0;
    const double uy = trueLengthPx > 1e-9 ? (image.y2 - image.y1) / trueLengthPx : 0.0;
    const double half = measuredMm * image.pxPerMm / 2.0;
    MeasuredLine line;
    line.x1 = round2(cx - ux * half);
    line.y1 = round2(cy - uy * half);
    line.x2 = round2(cx + ux * half);
    line.y2 = round2(cy + uy * half);
    line.lengthPx = std::hypot(line.x2 - line.x1, line.y2 - line.y1);
    line.lengthMm = line.lengthPx / image.pxPerMm;
    return line;
}

constexpr double kBorder = 24.0; ///< an extra mark stays this far from the border (pixels)

PlainBox jitteredBox(const PlainBox &b, DemoRandom &rng)
{
    const double w = b.x2 - b.x1;
    const double h = b.y2 - b.y1;
    const double dx1 = rng.uniform(-kBoxEdgeJitter, kBoxEdgeJitter) * w;
    const double dy1 = rng.uniform(-kBoxEdgeJitter, kBoxEdgeJitter) * h;
    const double dx2 = rng.uniform(-kBoxEdgeJitter, kBoxEdgeJitter) * w;
    const double dy2 = rng.uniform(-kBoxEdgeJitter, kBoxEdgeJitter) * h;
    return {round2(b.x1 + dx1), round2(b.y1 + dy1), round2(b.x2 + dx2), round2(b.y2 + dy2)};
}

} // namespace

PlainBox ellipseBox(double cx, double cy, double a, double b, double angleDeg)
{
    const double t = angleDeg * std::numbers::pi / 180.0;
    const double c = std::cos(t);
    const double s = std::sin(t);
    const double hw = std::sqrt(a * a * c * c + b * b * s * s);
    const double hh = std::sqrt(a * a * s * s + b * b * c * c);
    return {cx - hw, cy - hh, cx + hw, cy + hh};
}

std::vector<DrawnObject> simulateObjects(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                                         const SurfaceImage &image)
{
    const auto key = (static_cast<std::uint64_t>(labelerIndex) << 32) | static_cast<std::uint32_t>(image.index);
    DemoRandom rng(seed, DemoRandom::ObjectLabels, key);
    std::vector<DrawnObject> out;
    const auto boxDent = [&](const PlainBox &truth) {
        const PlainBox b = jitteredBox(truth, rng);
        out.push_back({DemoClass::Dent, true, b.x1, b.y1, b.x2, b.y2});
    };
    if (image.defect == SurfaceDefect::Dent)
        boxDent(ellipseBox(image.dentX, image.dentY, image.dentA, image.dentB, image.dentAngle));
    for (const auto &d : image.moreDents)
        boxDent(ellipseBox(d.cx, d.cy, d.a, d.b, d.angleDeg));
    const double jitter = kLineEndJitterMm * image.pxPerMm;
    for (const auto &m : image.moreScratches) {
        const double measuredMm = std::max(m.lengthMm + rng.uniform(-kMeasureErrorMm, kMeasureErrorMm), 0.0);
        double moves[4];
        for (double &v : moves)
            v = rng.uniform(-jitter, jitter);
        if (measuredMm < labeler.thresholdMm)
            continue; // not a defect to this labeler: not drawn
        const double cx = (m.x1 + m.x2) / 2.0;
        const double cy = (m.y1 + m.y2) / 2.0;
        const double len = std::hypot(m.x2 - m.x1, m.y2 - m.y1);
        const double half = measuredMm * image.pxPerMm / 2.0;
        const double ux = (m.x2 - m.x1) / len; // len ≥ 0.2 mm: never zero
        const double uy = (m.y2 - m.y1) / len;
        out.push_back({DemoClass::Scratch, false, round2(cx - ux * half + moves[0]), round2(cy - uy * half + moves[1]),
                       round2(cx + ux * half + moves[2]), round2(cy + uy * half + moves[3])});
    }
    const double extra = rng.uniform();
    const double side = rng.uniform(0.5, 1.2) * image.pxPerMm;
    const double ex = rng.uniform(kBorder, image.width - kBorder - side);
    const double ey = rng.uniform(kBorder, image.height - kBorder - side);
    if (extra < kExtraMarkRate)
        out.push_back({DemoClass::Dent, true, round2(ex), round2(ey), round2(ex + side), round2(ey + side)});
    return out;
}

std::vector<SimulatedLabeler> makeSimulatedLabelers(std::uint64_t seed, int count, double errorRate)
{
    const auto n = static_cast<std::size_t>(std::max(count, 0));
    DemoRandom rng(seed, DemoRandom::Labelers);
    // Fisher–Yates with our own generator (std::shuffle's use of the engine is unspecified).
    std::vector<std::size_t> slice(n);
    std::iota(slice.begin(), slice.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i)
        std::swap(slice[i - 1], slice[rng.below(i)]);

    constexpr std::size_t nNames = std::size(kNames);
    std::vector<SimulatedLabeler> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        SimulatedLabeler l;
        l.name = kNames[i % nNames];
        if (i >= nNames)
            l.name += std::to_string(i / nNames + 1);
        const double width = (kMaxThresholdMm - kMinThresholdMm) / static_cast<double>(n);
        l.thresholdMm = kMinThresholdMm + width * (static_cast<double>(slice[i]) + rng.uniform());
        l.errorRate = errorRate;
        l.inconsistency = kInconsistency[i % std::size(kInconsistency)];
        out.push_back(std::move(l));
    }
    return out;
}

LabelDecision simulateLabel(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                            const SurfaceImage &image)
{
    const auto key = (static_cast<std::uint64_t>(labelerIndex) << 32) | static_cast<std::uint32_t>(image.index);
    DemoRandom rng(seed, DemoRandom::Decisions, key);
    // Draw every value up front so the sequence is the same whatever the branch taken.
    const double measureError = rng.uniform(-kMeasureErrorMm, kMeasureErrorMm);
    const double slip = rng.uniform();
    const bool slipToFirstOther = rng.uniform() < 0.5;

    LabelDecision d;
    double measuredMm = 0.0;
    switch (image.defect) {
    case SurfaceDefect::Scratch:
        measuredMm = std::max(image.lengthMm + measureError, 0.0);
        d.cls = measuredMm >= labeler.thresholdMm ? DemoClass::Scratch : DemoClass::Ok;
        break;
    case SurfaceDefect::Dent: d.cls = DemoClass::Dent; break;
    case SurfaceDefect::None: d.cls = DemoClass::Ok; break;
    }
    if (slip < labeler.errorRate) {
        // The two other classes in enum order; pick one.
        const int self = static_cast<int>(d.cls);
        const int other = (self + (slipToFirstOther ? 1 : 2)) % 3;
        d.cls = static_cast<DemoClass>(other);
    }

    // A labeler measures every scratch they see, also the ones they then call ok (that is how
    // they decide): the line is kept with the label unless they slipped to dent.
    if (image.defect == SurfaceDefect::Scratch && d.cls != DemoClass::Dent)
        d.line = lineAlong(image, measuredMm);
    return d;
}

LabelDecision simulateRepeat(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                             const SurfaceImage &image, const LabelDecision &first)
{
    const auto key = (static_cast<std::uint64_t>(labelerIndex) << 32) | static_cast<std::uint32_t>(image.index);
    DemoRandom rng(seed, DemoRandom::Repeats, key);
    const double measureError = rng.uniform(-kMeasureErrorMm, kMeasureErrorMm);
    const double change = rng.uniform();
    const bool toFirstOther = rng.uniform() < 0.5;
    LabelDecision d;
    d.cls = first.cls;
    if (change < labeler.inconsistency)
        d.cls = static_cast<DemoClass>((static_cast<int>(first.cls) + (toFirstOther ? 1 : 2)) % 3);
    if (image.defect == SurfaceDefect::Scratch && d.cls != DemoClass::Dent)
        d.line = lineAlong(image, std::max(image.lengthMm + measureError, 0.0));
    return d;
}

} // namespace concord::core
