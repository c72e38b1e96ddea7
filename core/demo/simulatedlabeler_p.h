// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/demo/surfaceimage_p.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// \file
/// The simulated labelers of the demo (DESIGN §8). Their behaviour is the one the product is
/// built to find and fix: each has a private idea of how long a scratch must be to count as a
/// defect, so they agree on clear cases and disagree in the band where their thresholds lie.

namespace concord::core {

/// Classes of the demo project, in shortcut order (1 ok, 2 scratch, 3 dent).
enum class DemoClass : std::uint8_t
{
    Ok,
    Scratch,
    Dent
};
inline constexpr const char *kDemoClassNames[] = {"ok", "scratch", "dent"};
/// A simulated labeler perceives a scratch's length with an error uniform on ±this, in mm.
inline constexpr double kMeasureErrorMm = 0.1;

/// One simulated person.
struct SimulatedLabeler
{
    std::string name;
    double thresholdMm = 2.0; ///< calls a scratch a defect when it looks at least this long
    double errorRate = 0.02;  ///< chance of a slip: a random other class
    /// Chance that this person, shown an image again (a repeat, issue #20), answers one of the
    /// two other classes at random instead of their first answer: their self-agreement is
    /// 1 − inconsistency. The demo's third labeler is the inconsistent one (0.25).
    double inconsistency = 0.03;
};

/// The line a labeler draws along a scratch they mark, in image pixels.
struct MeasuredLine
{
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double lengthPx = 0.0;
    double lengthMm = 0.0;
};

/// A labeler's answer for one image.
struct LabelDecision
{
    DemoClass cls = DemoClass::Ok;
    std::optional<MeasuredLine> line; ///< set when there is a scratch and the label is not dent
};

/// `count` labelers named ana, ben, eli, kim, raj, mia, ... (ana2, ben2, ... beyond the list).
/// Thresholds are uniform in [1, 3] mm, stratified: labeler i's threshold falls in its own
/// slice of width 2/count (slices handed out in shuffled order). Each threshold is still
/// uniform on [1, 3] on its own, but even a team of five covers the range, so the demo shows
/// the disagreement band for every seed instead of only for lucky ones.
std::vector<SimulatedLabeler> makeSimulatedLabelers(std::uint64_t seed, int count, double errorRate = 0.02);

/// What `labeler` (the `labelerIndex`-th) answers on `image`. A scratch's length is perceived
/// by measuring it, with an error uniform in ±0.1 mm; the label is scratch when that measured
/// length reaches the threshold, else ok. Dents are dent, clean images ok. Then, with the
/// labeler's error rate, the answer is swapped for one of the two other classes at random.
/// Every scratch or ok label on an image that has a scratch carries the measured line (centred
/// on the scratch, along it, end points rounded to 1/100 px): the labeler measured it to
/// decide, whichever way they decided, so the demo has a measurement on both sides of every
/// labeler's threshold. A dent label (a slip) has no line, nor does a slip to scratch on an
/// image without one, as there is nothing to measure. Uses its own random stream per
/// (labeler, image), so the answer does not depend on queue order.
LabelDecision simulateLabel(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                            const SurfaceImage &image);

/// What `labeler` answers when shown `image` again after answering `first`: the same class,
/// except with probability labeler.inconsistency one of the two other classes (each half the
/// time); the scratch is measured afresh (a new ±0.1 mm error), so two measurements of one
/// scratch differ by the difference of two independent uniform errors on ±0.1 mm: mean
/// absolute difference 2·0.1/3 = 0.0667 mm. Its own random stream per (labeler, image).
LabelDecision simulateRepeat(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                             const SurfaceImage &image, const LabelDecision &first);

} // namespace concord::core
