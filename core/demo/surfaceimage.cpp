// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/surfaceimage_p.h"

#include "core/demo/demorandom_p.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <numbers>

namespace concord::core {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kWidth = 800;
constexpr int kHeight = 600;
constexpr double kMargin = 24.0; ///< defects stay this far from the border (pixels)
constexpr int kImagesPerLot = 50;

/// A camera of the simulated production line: exposure, white balance, sensor noise, and how
/// the part sits under it (cam-B's fixture is turned, so the brushing runs vertically).
struct Camera
{
    const char *name;
    double gain;
    double tint[3]; // B, G, R
    double noise;
    bool brushVertical;
};

constexpr Camera kCameras[] = {
    {"cam-A", 1.00, {1.00, 1.00, 1.00}, 3.5, false}, // the reference station
    {"cam-B", 0.80, {0.96, 1.00, 1.04}, 5.5, true},  // under-exposed, warm, noisier
    {"cam-C", 1.15, {1.04, 1.00, 0.97}, 4.0, false}, // over-exposed, cool
};

std::string imageFileName(int index, int count)
{
    const std::size_t digits = std::max<std::size_t>(4, std::to_string(count).size());
    std::string number = std::to_string(index + 1);
    if (number.size() < digits)
        number.insert(0, digits - number.size(), '0');
    return "img_" + number + ".jpg";
}

std::string lotName(int index)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "lot-%02d", index / kImagesPerLot + 1);
    return buf;
}

constexpr double kMarkGap = 20.0;          ///< further marks keep this far from each other (px)
constexpr int kPlacementTries = 30;        ///< tries to place a further mark before giving up
constexpr double kMinMainForMoreMm = 1.0;  ///< a shorter main scratch gets no further ones
constexpr double kMoreScratchMinMm = 0.2;  ///< shortest further scratch
constexpr double kShorterThanMainMm = 0.5; ///< a further scratch is this much shorter than the main

/// A circle that holds a mark: centre and radius, for keeping marks apart.
struct Footprint
{
    double x, y, r;
};

bool clear(const std::vector<Footprint> &taken, const Footprint &f)
{
    return std::all_of(taken.begin(), taken.end(),
                       [&](const Footprint &t) { return std::hypot(t.x - f.x, t.y - f.y) >= t.r + f.r + kMarkGap; });
}

/// The further defects of `s` (issue #17), from their own stream so that the main defect, the
/// lighting and the texture are exactly what they were before images had several defects.
/// Every try draws the same number of values, so a failed placement only skips that mark.
void planMoreDefects(SurfaceImage &s, std::uint64_t seed)
{
    DemoRandom rng(seed, DemoRandom::Objects, static_cast<std::uint64_t>(s.index));
    const double pxPerMm = s.pxPerMm;
    if (s.defect == SurfaceDefect::Scratch && s.lengthMm >= kMinMainForMoreMm) {
        std::vector<Footprint> taken{{(s.x1 + s.x2) / 2.0, (s.y1 + s.y2) / 2.0, s.lengthMm * pxPerMm / 2.0}};
        const auto count = rng.below(4);
        for (std::uint64_t k = 0; k < count; ++k) {
            ScratchMark m;
            m.lengthMm = rng.uniform(kMoreScratchMinMm, s.lengthMm - kShorterThanMainMm);
            const double half = m.lengthMm * pxPerMm / 2.0;
            const double angle = rng.uniform(0.0, kPi);
            const double ux = std::cos(angle) * half;
            const double uy = std::sin(angle) * half;
            const double polarity = rng.uniform() < 0.5 ? -1.0 : 1.0;
            m.contrast = polarity * rng.uniform(25.0, 60.0);
            m.thickness = rng.uniform() < 0.7 ? 1 : 2;
            for (int attempt = 0; attempt < kPlacementTries; ++attempt) {
                const double cx = rng.uniform(kMargin + std::abs(ux), s.width - kMargin - std::abs(ux));
                const double cy = rng.uniform(kMargin + std::abs(uy), s.height - kMargin - std::abs(uy));
                if (!clear(taken, {cx, cy, half}))
                    continue;
                taken.push_back({cx, cy, half});
                m.x1 = cx - ux;
                m.y1 = cy - uy;
                m.x2 = cx + ux;
                m.y2 = cy + uy;
                s.moreScratches.push_back(m);
                break;
            }
        }
    } else if (s.defect == SurfaceDefect::Dent) {
        std::vector<Footprint> taken{{s.dentX, s.dentY, s.dentA}};
        const auto count = rng.below(3);
        for (std::uint64_t k = 0; k < count; ++k) {
            DentMark d;
            d.a = rng.uniform(0.5, 1.5) * pxPerMm;
            d.b = d.a * rng.uniform(0.5, 1.0);
            d.angleDeg = rng.uniform(0.0, 180.0);
            d.depth = rng.uniform(25.0, 55.0);
            d.lightAngle = rng.uniform(0.0, 2.0 * kPi);
            const double reach = d.a + kMargin;
            for (int attempt = 0; attempt < kPlacementTries; ++attempt) {
                const double cx = rng.uniform(reach, s.width - reach);
                const double cy = rng.uniform(reach, s.height - reach);
                if (!clear(taken, {cx, cy, d.a}))
                    continue;
                taken.push_back({cx, cy, d.a});
                d.cx = cx;
                d.cy = cy;
                s.moreDents.push_back(d);
                break;
            }
        }
    }
}

} // namespace

SurfaceImage planSurfaceImage(std::uint64_t seed, int index, int count, double pxPerMm)
{
    DemoRandom rng(seed, DemoRandom::Images, static_cast<std::uint64_t>(index));
    SurfaceImage s;
    s.index = index;
    s.fileName = imageFileName(index, count);
    s.width = kWidth;
    s.height = kHeight;
    s.pxPerMm = pxPerMm;
    s.lot = lotName(index);

    const Camera &cam = kCameras[rng.below(std::size(kCameras))];
    s.camera = cam.name;
    s.baseGrey = rng.uniform(115.0, 145.0);
    s.cameraGain = cam.gain * rng.uniform(0.92, 1.08);
    std::copy(std::begin(cam.tint), std::end(cam.tint), std::begin(s.tint));
    s.gradientAngle = rng.uniform(0.0, 2.0 * kPi);
    s.gradientAmount = rng.uniform(0.05, 0.30);
    s.vignette = rng.uniform(0.10, 0.35);
    s.noiseSigma = cam.noise * rng.uniform(0.85, 1.15);
    s.brushVertical = cam.brushVertical;
    s.brushStrength = rng.uniform(3.0, 8.0);
    s.textureSeed = rng.next();

    const double kind = rng.uniform();
    if (kind < 0.60) {
        s.defect = SurfaceDefect::Scratch;
        s.lengthMm = rng.uniform(0.0, 5.0);
        const double lengthPx = s.lengthMm * pxPerMm;
        const double angle = rng.uniform(0.0, kPi);
        const double ux = std::cos(angle) * lengthPx / 2.0;
        const double uy = std::sin(angle) * lengthPx / 2.0;
        const double cx = rng.uniform(kMargin + std::abs(ux), s.width - kMargin - std::abs(ux));
        const double cy = rng.uniform(kMargin + std::abs(uy), s.height - kMargin - std::abs(uy));
        s.x1 = cx - ux;
        s.y1 = cy - uy;
        s.x2 = cx + ux;
        s.y2 = cy + uy;
        const double polarity = rng.uniform() < 0.5 ? -1.0 : 1.0;
        s.scratchContrast = polarity * rng.uniform(25.0, 60.0);
        s.scratchThickness = rng.uniform() < 0.7 ? 1 : 2;
    } else if (kind < 0.75) {
        s.defect = SurfaceDefect::Dent;
        s.dentA = rng.uniform(0.75, 2.5) * pxPerMm;
        s.dentB = s.dentA * rng.uniform(0.5, 1.0);
        s.dentAngle = rng.uniform(0.0, 180.0);
        const double reach = s.dentA + kMargin;
        s.dentX = rng.uniform(reach, s.width - reach);
        s.dentY = rng.uniform(reach, s.height - reach);
        s.dentDepth = rng.uniform(25.0, 55.0);
        s.lightAngle = rng.uniform(0.0, 2.0 * kPi);
    }
    planMoreDefects(s, seed);
    return s;
}

} // namespace concord::core
