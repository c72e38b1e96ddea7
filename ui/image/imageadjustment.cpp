// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/imageadjustment.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace concord::ui {

namespace {

double clampTo(double v, double lo, double hi)
{
    return std::min(hi, std::max(lo, v));
}

} // namespace

ImageAdjustment ImageAdjustment::brighter(int steps) const
{
    ImageAdjustment a = *this;
    // Whole steps of 0.05, so that going up and down again comes back to exactly 0.
    a.brightness = clampTo(std::round((brightness + 0.05 * steps) * 20.0) / 20.0, -1.0, 1.0);
    return a;
}

ImageAdjustment ImageAdjustment::moreContrast(int steps) const
{
    ImageAdjustment a = *this;
    const double v = contrast * std::pow(1.1, steps);
    a.contrast = std::abs(std::log(v) / std::log(1.1)) < 1e-9 ? 1.0 : clampTo(v, 0.1, 10.0);
    return a;
}

ImageAdjustment ImageAdjustment::moreGamma(int steps) const
{
    ImageAdjustment a = *this;
    const double v = gamma * std::pow(1.1, steps);
    a.gamma = std::abs(std::log(v) / std::log(1.1)) < 1e-9 ? 1.0 : clampTo(v, 0.1, 10.0);
    return a;
}

QString ImageAdjustment::describe() const
{
    if (isIdentity())
        return {};
    QStringList parts;
    const auto tr = [](const char *text) { return QCoreApplication::translate("ImageAdjustment", text); };
    if (brightness != 0.0)
        parts << tr("brightness %1")
                     .arg(brightness > 0 ? QStringLiteral("+%1").arg(brightness, 0, 'f', 2)
                                         : QString::number(brightness, 'f', 2));
    if (contrast != 1.0)
        parts << tr("contrast %1").arg(contrast, 0, 'f', 2);
    if (gamma != 1.0)
        parts << tr("γ %1").arg(gamma, 0, 'f', 2);
    if (equalize)
        parts << tr("equalised");
    if (invert)
        parts << tr("inverted");
    return parts.join(QStringLiteral(" · "));
}

std::array<std::uint32_t, 256> luminanceHistogram(const QImage &image)
{
    std::array<std::uint32_t, 256> h{};
    if (image.isNull())
        return h;
    if (image.format() == QImage::Format_Grayscale8) {
        for (int y = 0; y < image.height(); ++y) {
            const uchar *row = image.constScanLine(y);
            for (int x = 0; x < image.width(); ++x)
                ++h[row[x]];
        }
        return h;
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = row[x];
            const double l = 0.299 * qRed(p) + 0.587 * qGreen(p) + 0.114 * qBlue(p);
            ++h[static_cast<std::size_t>(std::lround(l))];
        }
    }
    return h;
}

std::array<std::uint8_t, 256> adjustmentTable(const ImageAdjustment &a, const std::array<std::uint32_t, 256> *histogram)
{
    std::array<double, 256> equalised{};
    bool useEqualised = false;
    if (a.equalize && histogram) {
        std::array<double, 256> cdf{};
        double sum = 0.0;
        for (std::size_t i = 0; i < 256; ++i) {
            sum += (*histogram)[i];
            cdf[i] = sum;
        }
        const auto first = std::find_if(histogram->begin(), histogram->end(), [](std::uint32_t c) { return c > 0; });
        const double cdfMin = first == histogram->end() ? 0.0 : static_cast<double>(*first);
        if (sum > cdfMin) {
            useEqualised = true;
            for (std::size_t i = 0; i < 256; ++i)
                equalised[i] = std::max(0.0, (cdf[i] - cdfMin) / (sum - cdfMin));
        }
    }
    std::array<std::uint8_t, 256> table{};
    for (std::size_t i = 0; i < 256; ++i) {
        double v = useEqualised ? equalised[i] : static_cast<double>(i) / 255.0;
        v = clampTo((v - 0.5) * a.contrast + 0.5 + a.brightness, 0.0, 1.0);
        if (a.gamma != 1.0)
            v = std::pow(v, 1.0 / a.gamma);
        if (a.invert)
            v = 1.0 - v;
        table[i] = static_cast<std::uint8_t>(std::lround(v * 255.0));
    }
    return table;
}

QImage applyAdjustment(const QImage &image, const std::array<std::uint8_t, 256> &table)
{
    if (image.format() == QImage::Format_Grayscale8) {
        QImage out = image.copy();
        for (int y = 0; y < out.height(); ++y) {
            uchar *row = out.scanLine(y);
            for (int x = 0; x < out.width(); ++x)
                row[x] = table[row[x]];
        }
        return out;
    }
    QImage out = image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32
                     ? image.copy()
                     : image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < out.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb p = row[x];
            row[x] = qRgba(table[static_cast<std::size_t>(qRed(p))], table[static_cast<std::size_t>(qGreen(p))],
                           table[static_cast<std::size_t>(qBlue(p))], qAlpha(p));
        }
    }
    return out;
}

} // namespace concord::ui
