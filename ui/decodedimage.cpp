// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/decodedimage.h"

#include <QImageReader>

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace concord::ui {

double DecodedImage::scaleOfLevel(std::size_t i) const
{
    if (i >= levels.size() || size.width() <= 0)
        return 0.0;
    return static_cast<double>(levels[i].width()) / size.width();
}

std::size_t DecodedImage::levelForScale(double scale) const
{
    std::size_t best = 0;
    for (std::size_t i = 0; i < levels.size(); ++i)
        if (scaleOfLevel(i) >= scale * 0.999)
            best = i;
    return best;
}

qint64 DecodedImage::bytes() const
{
    qint64 total = 0;
    for (const auto &l : levels)
        total += l.sizeInBytes();
    return total;
}

namespace {

/// Half-size copy by area averaging (OpenCV's SIMD resize is several times faster than
/// QImage::scaled with smooth transformation on 24-megapixel images).
QImage resized(const QImage &src, QSize size)
{
    QImage dst(size, src.format());
    const cv::Mat in(src.height(), src.width(), CV_8UC4, const_cast<uchar *>(src.constBits()),
                     static_cast<std::size_t>(src.bytesPerLine()));
    cv::Mat out(size.height(), size.width(), CV_8UC4, dst.bits(), static_cast<std::size_t>(dst.bytesPerLine()));
    cv::resize(in, out, out.size(), 0, 0, cv::INTER_AREA);
    return dst;
}

QImage halve(const QImage &src)
{
    return resized(src, QSize(std::max(1, src.width() / 2), std::max(1, src.height() / 2)));
}

} // namespace

DecodedImage decodeImage(const QString &path, int maxSide, QSize fitBox, qint64 maxPixels, int minLevelSide)
{
    DecodedImage d;
    d.path = path;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize raw = reader.size();
    if (!raw.isValid()) {
        d.error = reader.errorString();
        return d;
    }
    // Orientations 5-8 swap width and height.
    const auto t = reader.transformation();
    d.size = t.testFlag(QImageIOHandler::TransformationRotate90) ? raw.transposed() : raw;
    const qint64 pixels = qint64(raw.width()) * raw.height();
    double f = 1.0;
    if (pixels > maxPixels)
        f = std::sqrt(static_cast<double>(maxPixels) / static_cast<double>(pixels));
    if (maxSide > 0 && std::max(raw.width(), raw.height()) > maxSide)
        f = std::min(f, static_cast<double>(maxSide) / std::max(raw.width(), raw.height()));
    if (f < 1.0) {
        reader.setScaledSize(QSize(std::max(1, int(raw.width() * f)), std::max(1, int(raw.height() * f))));
        d.reduced = true;
    }
    QImage img = reader.read();
    if (img.isNull()) {
        d.error = reader.errorString();
        return d;
    }
    if (img.format() != QImage::Format_RGB32 && img.format() != QImage::Format_ARGB32_Premultiplied)
        img = img.convertToFormat(img.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                        : QImage::Format_RGB32);
    d.levels.push_back(std::move(img));
    while (std::max(d.levels.back().width(), d.levels.back().height()) > 2 * minLevelSide)
        d.levels.push_back(halve(d.levels.back()));
    if (fitBox.isValid()) {
        const QSize fit = d.size.scaled(fitBox, Qt::KeepAspectRatio);
        // From the smallest level that is still larger, keeping the levels in size order.
        for (std::size_t i = d.levels.size(); i-- > 0;) {
            const QImage &src = d.levels[i];
            if (src.width() <= fit.width())
                continue;
            d.levels.insert(d.levels.begin() + static_cast<std::ptrdiff_t>(i) + 1, resized(src, fit));
            break;
        }
    }
    return d;
}

} // namespace concord::ui
