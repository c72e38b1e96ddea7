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
QImage halve(const QImage &src)
{
    const int w = std::max(1, src.width() / 2);
    const int h = std::max(1, src.height() / 2);
    QImage dst(w, h, src.format());
    const cv::Mat in(src.height(), src.width(), CV_8UC4, const_cast<uchar *>(src.constBits()),
                     static_cast<std::size_t>(src.bytesPerLine()));
    cv::Mat out(h, w, CV_8UC4, dst.bits(), static_cast<std::size_t>(dst.bytesPerLine()));
    cv::resize(in, out, out.size(), 0, 0, cv::INTER_AREA);
    return dst;
}

} // namespace

DecodedImage decodeImage(const QString &path, qint64 maxPixels, int minLevelSide)
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
    if (pixels > maxPixels) {
        const double f = std::sqrt(static_cast<double>(maxPixels) / static_cast<double>(pixels));
        reader.setScaledSize(QSize(std::max(1, int(raw.width() * f)), std::max(1, int(raw.height() * f))));
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
    return d;
}

} // namespace concord::ui
