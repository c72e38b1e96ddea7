// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/decodedimage.h"

#include "ui/image/imagefetch.h"
#include "ui/image/tiledimage.h"

#include "core/common/error.h"
#include "core/imaging/row_reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QImageReader>

#include <opencv2/imgcodecs.hpp>
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
    return pyramidLevelForScale(levels.size(), scale, [this](std::size_t i) { return scaleOfLevel(i); });
}

qint64 DecodedImage::bytes() const
{
    qint64 total = 0;
    for (const auto &l : levels)
        total += l.sizeInBytes();
    if (tiles)
        total += tiles->cacheBudget();
    return total;
}

namespace {

/// Half-size copy by area averaging (OpenCV's SIMD resize is several times faster than
/// QImage::scaled with smooth transformation on 24-megapixel images).
QImage resized(const QImage &src, QSize size)
{
    QImage dst(size, src.format());
    // 32-bit RGB, or 8-bit grey for the overview of a tiled greyscale image.
    const int type = src.format() == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC4;
    const cv::Mat in(src.height(), src.width(), type, const_cast<uchar *>(src.constBits()),
                     static_cast<std::size_t>(src.bytesPerLine()));
    cv::Mat out(size.height(), size.width(), type, dst.bits(), static_cast<std::size_t>(dst.bytesPerLine()));
    cv::resize(in, out, out.size(), 0, 0, cv::INTER_AREA);
    return dst;
}

QImage halve(const QImage &src)
{
    return resized(src, QSize(std::max(1, src.width() / 2), std::max(1, src.height() / 2)));
}

void addHalvings(DecodedImage &d, int minLevelSide)
{
    while (std::max(d.levels.back().width(), d.levels.back().height()) > 2 * minLevelSide)
        d.levels.push_back(halve(d.levels.back()));
}

QString cancelledText()
{
    return QCoreApplication::translate("DecodedImage", "Decoding was cancelled.");
}

/// The tiled full decode (see decodeImage). Returns false, with `d` untouched, when no tiles
/// can be made (disk full, the image too large even to decode whole): the caller then holds
/// the image reduced. Decoder errors and cancelling return true with d.error set.
bool decodeTiled(DecodedImage &d, bool transformed, qint64 maxPixels, int minLevelSide, const std::atomic_bool *cancel)
{
    const std::string file = QFile::encodeName(d.path).toStdString();
    std::unique_ptr<core::RowReader> rows;
    cv::Mat whole; // the fallback: files that cannot be streamed are decoded whole first
    try {
        if (!transformed)
            rows = core::RowReader::open(file);
    } catch (const core::Error &e) {
        d.error = QString::fromStdString(e.what());
        return true;
    }
    QSize size = d.size;
    QImage::Format format = QImage::Format_RGB32;
    if (rows) {
        size = QSize(rows->width(), rows->height());
        if (rows->pixels() == core::RowReader::Pixels::Gray8)
            format = QImage::Format_Grayscale8;
    } else {
        // OpenCV honours EXIF orientation, like the reader that measured d.size.
        try {
            whole = cv::imread(file, cv::IMREAD_COLOR);
        } catch (const cv::Exception &) {
        }
        if (whole.empty() || whole.cols != size.width() || whole.rows != size.height())
            return false;
    }
    TiledImageBuilder builder(size, format, std::max<qint64>(1, maxPixels / 8));
    QString error;
    if (!builder.open({}, &error)) {
        qWarning("Holding %s reduced: %s", qPrintable(d.path), qPrintable(error));
        return false;
    }
    int done = 0;
    while (done < size.height()) {
        if (cancel && cancel->load()) {
            d.error = cancelledText();
            d.cancelled = true;
            return true;
        }
        int room = 0;
        uchar *dst = builder.rowBuffer(&room);
        int n = 0;
        if (rows) {
            try {
                n = rows->read(dst, static_cast<std::size_t>(builder.bandStride()), room);
            } catch (const core::Error &e) {
                d.error = QString::fromStdString(e.what());
                return true;
            }
        } else {
            n = std::min(room, size.height() - done);
            cv::Mat out(n, size.width(), CV_8UC4, dst, static_cast<std::size_t>(builder.bandStride()));
            cv::cvtColor(whole.rowRange(done, done + n), out, cv::COLOR_BGR2BGRA);
        }
        if (n <= 0)
            break;
        done += n;
        if (rows && rows->damage() && d.check.health != core::ImageHealth::Damaged) {
            const auto &damage = *rows->damage();
            d.check.health = core::ImageHealth::Damaged;
            d.check.damagedFromRow = damage.row;
            d.check.height = size.height();
            d.check.reason =
                "damaged: " + damage.message +
                (damage.row >= 0 ? " at row " + std::to_string(damage.row) + " of " + std::to_string(size.height())
                                 : std::string());
        }
        if (!builder.rowsWritten(n, &error)) {
            qWarning("Holding %s reduced: %s", qPrintable(d.path), qPrintable(error));
            return false;
        }
    }
    whole.release();
    QImage first;
    auto tiles = builder.finish(&first, &error);
    if (!tiles) {
        d.error = error;
        return true;
    }
    d.size = size;
    d.tiles = std::move(tiles);
    // The in-memory levels are drawn at every repaint: RGB32 draws without a conversion.
    if (first.format() != QImage::Format_RGB32)
        first = first.convertToFormat(QImage::Format_RGB32);
    d.levels.push_back(std::move(first));
    addHalvings(d, minLevelSide);
    return true;
}

} // namespace

namespace {

/// The decoder failed: core says why in its own words when it can (a missing file is
/// "missing", not Qt's "Unsupported image format").
void failed(DecodedImage &d, const QString &decoderError, bool checkFile)
{
    if (checkFile) {
        d.check = core::checkImageFile(QFile::encodeName(d.path).toStdString());
        if (d.check.ok() || d.check.health == core::ImageHealth::Damaged) {
            // Core's reader coped where the display decoder did not.
            d.check.health = core::ImageHealth::Undecodable;
            d.check.reason = decoderError.toStdString();
        }
    } else {
        d.check.health = core::ImageHealth::Undecodable;
        d.check.reason = decoderError.toStdString();
    }
    d.error = QString::fromStdString(d.check.reason);
}

} // namespace

DecodedImage decodeImage(const QString &path, int maxSide, QSize fitBox, qint64 maxPixels, int minLevelSide,
                         const std::atomic_bool *cancel, bool checkFile)
{
    DecodedImage d;
    d.path = path;
    // A server project's image not in the desk's cache yet: fetched here, on the worker.
    if (const QString fetchError = fetchMissingImage(path); !fetchError.isEmpty()) {
        d.check.health = core::ImageHealth::Missing;
        d.check.reason = fetchError.toStdString();
        d.error = fetchError;
        return d;
    }
    if (checkFile) {
        d.check = core::checkImageAccess(QFile::encodeName(path).toStdString());
        if (!d.check.ok()) {
            d.error = QString::fromStdString(d.check.reason);
            return d;
        }
        d.check.health = core::ImageHealth::Unknown;
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize raw = reader.size();
    if (!raw.isValid()) {
        failed(d, reader.errorString(), checkFile);
        return d;
    }
    // Orientations 5-8 swap width and height.
    const auto t = reader.transformation();
    d.size = t.testFlag(QImageIOHandler::TransformationRotate90) ? raw.transposed() : raw;
    const qint64 pixels = qint64(raw.width()) * raw.height();
    if (maxSide <= 0 && pixels > maxPixels &&
        decodeTiled(d, t != QImageIOHandler::TransformationNone, maxPixels, minLevelSide, cancel)) {
        if (!d.error.isEmpty() && !d.cancelled) {
            d.check.health = core::ImageHealth::Undecodable;
            d.check.reason = d.error.toStdString();
        } else if (d.check.health == core::ImageHealth::Unknown && !d.cancelled && checkFile) {
            d.check.health = core::ImageHealth::Ok; // every row came from the file
        }
        return d;
    }
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
        failed(d, reader.errorString(), checkFile);
        return d;
    }
    if (checkFile) {
        // Qt shows a truncated JPEG with a grey bottom and only warns: core reads every row.
        d.check = core::checkImageFile(QFile::encodeName(path).toStdString());
        if (!d.check.ok() && d.check.health != core::ImageHealth::Damaged) {
            d.check.health = core::ImageHealth::Damaged; // shown, but core's decoder fails on it
            d.check.reason = "damaged: " + d.check.reason;
        }
    }
    if (img.format() != QImage::Format_RGB32 && img.format() != QImage::Format_ARGB32_Premultiplied)
        img = img.convertToFormat(img.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    d.levels.push_back(std::move(img));
    addHalvings(d, minLevelSide);
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
