// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <optional>

/// \file
/// Measurement of annotations, kept free of Qt (like labelme's _shape.py) so that what the
/// canvas shows and what the project stores are computed by the same plain functions.
/// Coordinates are image pixels (double), origin at the top-left of the decoded image.

namespace concord::ui {

/// Two points: the ends of a line, or two opposite corners of a box.
struct Segment
{
    double x1 = 0.0;
    double y1 = 0.0;
    double x2 = 0.0;
    double y2 = 0.0;
};

/// Calibration that applies to an image: its own px_per_mm when known, else the project's
/// default; 0 when neither is known (lengths then stay in pixels).
double effectivePxPerMm(const core::ImageRecord &image, const core::ProjectSettings &settings);

/// Euclidean length of a segment in pixels.
double lengthPx(const Segment &s);

/// Pixels to millimetres, or nothing when the calibration is unknown (pxPerMm <= 0).
std::optional<double> pxToMm(double px, double pxPerMm);

/// A measuring line with its length in px and mm, ready to be saved with a label.
core::Annotation makeLineAnnotation(const Segment &s, double pxPerMm);

/// A box (corners normalised so x1 <= x2, y1 <= y2) with its area in px² and its diagonal as
/// length.
core::Annotation makeBoxAnnotation(const Segment &s, double pxPerMm);

/// Rebuilds the annotation of the same kind with new points (after an edit), recomputing
/// its measurements.
core::Annotation withSegment(const core::Annotation &a, const Segment &s, double pxPerMm);

/// The two points stored in an annotation's geometry JSON, or nothing for kinds that are not
/// a box or a line or for malformed JSON.
std::optional<Segment> segmentOf(const core::Annotation &a);

} // namespace concord::ui
