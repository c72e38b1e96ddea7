// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include <QColor>

#include <cstddef>
#include <vector>

namespace concord::ui {

/// Colours for the labelers' shapes on the adjudication page (images and objects). A shape in
/// a class's colour would read as "this is a scratch", so a labeler never gets a colour near
/// one of the project's classes (CIE76 ΔE below kMinLabelerClassDistance): the class colours
/// are Okabe & Ito's and Paul Tol's (core::defaultClassColor), so the labelers draw from a set
/// of bright colours outside them, each checked against the classes the project really has.
/// Colours repeat only when there are more labelers than colours left.
std::vector<QColor> labelerColors(const std::vector<core::LabelClass> &classes, std::size_t count);

/// Smallest CIE76 ΔE between a labeler's colour and any class colour.
inline constexpr double kMinLabelerClassDistance = 20.0;

/// CIE76 ΔE (Euclidean distance in CIELAB, D65) between two sRGB colours.
double colorDistance(const QColor &a, const QColor &b);

} // namespace concord::ui
