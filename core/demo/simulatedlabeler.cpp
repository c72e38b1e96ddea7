// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/simulatedlabeler_p.h"

#include "core/demo/demorandom_p.h"

#include <cmath>
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

} // namespace

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
