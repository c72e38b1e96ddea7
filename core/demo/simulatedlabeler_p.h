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

/// Issue #17, objects: a drawn line's ends are each moved by a value uniform in ±this (mm) in x
/// and in y, after the line was laid along the scratch at the measured length.
inline constexpr double kLineEndJitterMm = 0.1;
/// A drawn box's edges each move by a value uniform in ±this share of the true box's width (left
/// and right edge) or height (top and bottom edge).
inline constexpr double kBoxEdgeJitter = 0.05;
/// Chance per label that a labeler draws a mark where there is no defect: a small box of class
/// dent (a speck taken for a dent), square, side uniform in 0.5–1.2 mm, anywhere 24 px from the
/// border.
inline constexpr double kExtraMarkRate = 0.05;

/// A box in image pixels, x1 ≤ x2, y1 ≤ y2.
struct PlainBox
{
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

/// The axis-aligned box around an ellipse with semi-axes a, b (pixels) turned by angleDeg: what
/// a labeler boxes when they box a dent.
PlainBox ellipseBox(double cx, double cy, double a, double b, double angleDeg);

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

/// An object a labeler draws with its own class (issue #17): a scratch as a line, a dent (or a
/// false alarm) as a box.
struct DrawnObject
{
    DemoClass cls = DemoClass::Scratch;
    bool isBox = false;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0; ///< line ends, or box corners (ordered)
};

/// The objects `labeler` draws on `image` besides the main scratch's measuring line (which
/// simulateLabel() gives and which takes the image's class, as before objects existed):
/// - each further scratch is measured (error uniform in ±0.1 mm) and drawn, class scratch, only
///   when the measured length reaches the labeler's thresholdMm (their private idea of a defect;
///   a shorter one is not a defect to them, so they leave it out: a miss). The line is laid along
///   the scratch, centred, at the measured length, then each end moves by ±kLineEndJitterMm in x
///   and in y;
/// - every dent, the main one and the further ones, is boxed, class dent: the box around the
///   ellipse with each edge moved by ±kBoxEdgeJitter of the box's size;
/// - with probability kExtraMarkRate, one extra small dent box where there is nothing.
/// Independent of the image-level slip (a slip is a wrong key for the image, not a wrong
/// drawing). Coordinates rounded to 1/100 px. Own random stream per (labeler, image), with a fixed
/// number of draws per object whatever is decided, so the stream never shifts.
std::vector<DrawnObject> simulateObjects(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                                         const SurfaceImage &image);

/// What `labeler` answers when shown `image` again after answering `first`: the same class,
/// except with probability labeler.inconsistency one of the two other classes (each half the
/// time); the scratch is measured afresh (a new ±0.1 mm error), so two measurements of one
/// scratch differ by the difference of two independent uniform errors on ±0.1 mm: mean
/// absolute difference 2·0.1/3 = 0.0667 mm. Its own random stream per (labeler, image).
LabelDecision simulateRepeat(std::uint64_t seed, int labelerIndex, const SimulatedLabeler &labeler,
                             const SurfaceImage &image, const LabelDecision &first);

} // namespace concord::core
