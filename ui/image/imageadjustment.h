// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>

#include <array>
#include <cstdint>

namespace concord::ui {

/// How a view shows an image, never what is stored or exported (issue #19): brightness,
/// contrast, gamma, inversion and histogram equalisation, applied on screen through one
/// 256-entry lookup table per frame. Each view (the labeling canvas, the adjudication picture)
/// has its own; they reset with R.
struct ImageAdjustment
{
    double brightness = 0.0; ///< added after contrast, in units of full scale: −1 … 1
    double contrast = 1.0;   ///< slope around mid-grey: 0.1 … 10
    double gamma = 1.0;      ///< output = v^(1/γ): above 1 brightens the shadows; 0.1 … 10
    bool invert = false;     ///< 1 − v, last
    bool equalize = false;   ///< histogram equalisation first (needs the image's histogram)

    bool isIdentity() const { return brightness == 0.0 && contrast == 1.0 && gamma == 1.0 && !invert && !equalize; }
    bool operator==(const ImageAdjustment &) const = default;

    /// Steps for the keys: ±0.05 brightness, ×/÷ 1.1 contrast and gamma, clamped to the ranges.
    ImageAdjustment brighter(int steps) const;
    ImageAdjustment moreContrast(int steps) const;
    ImageAdjustment moreGamma(int steps) const;

    /// "brightness +0.10 · contrast 1.21 · γ 1.00 · inverted · equalised", or empty for none.
    QString describe() const;
};

/// Grey-level histogram (256 bins) of an image's luminance (ITU-R BT.601 weights for colour).
std::array<std::uint32_t, 256> luminanceHistogram(const QImage &image);

/// The lookup table of `a`: for v = i / 255, equalise (e(v) = (cdf(i) − cdf_min) / (N − cdf_min)
/// with the histogram's cumulative counts; skipped without a histogram or when all pixels are
/// one value), then (v − ½)·contrast + ½ + brightness clamped to [0, 1], then v^(1/γ), then
/// 1 − v when inverted; rounded to the nearest of 0 … 255.
std::array<std::uint8_t, 256> adjustmentTable(const ImageAdjustment &a,
                                              const std::array<std::uint32_t, 256> *histogram = nullptr);

/// `image` with the table applied to every colour channel (alpha untouched); grey images stay
/// grey. Formats other than Grayscale8, RGB32 and ARGB32 are converted to RGB32 first.
QImage applyAdjustment(const QImage &image, const std::array<std::uint8_t, 256> &table);

} // namespace concord::ui
