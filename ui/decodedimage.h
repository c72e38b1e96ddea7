// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include <vector>

namespace concord::ui {

/// An image decoded for display: a pyramid of levels, each half the size of the one before,
/// so that painting at any zoom reads only about as many pixels as the screen shows (the
/// level half of the tile/level cache; ImageItem paints only the exposed region of a level).
struct DecodedImage
{
    QString path;
    QSize size;                ///< full size in image pixels, EXIF orientation applied
    std::vector<QImage> levels; ///< levels[0] is the largest decoded, the last fits ~1024 px
    QString error;             ///< set when decoding failed; levels is then empty
    bool reduced = false;      ///< levels[0] is smaller than the file (a screen-size decode)

    /// levels[i].width() / size.width(): 1 for the full-resolution level.
    double scaleOfLevel(std::size_t i) const;
    /// The smallest level that still has at least `scale` level pixels per image pixel.
    std::size_t levelForScale(double scale) const;
    qint64 bytes() const;
};

/// Decodes an image file off the GUI thread (thread-safe, no shared state). EXIF orientation
/// is honoured. With `maxSide` > 0 the image is decoded to fit maxSide × maxSide (JPEG decodes
/// at 1/2, 1/4 or 1/8 scale in the DCT, several times faster than a full decode): enough for
/// the whole image on screen. Images larger than `maxPixels` keep a reduced first level (their
/// full resolution would not fit in memory); `minLevelSide` is where the pyramid stops.
/// With a valid `fitBox` (the canvas in device pixels) one more level is made at exactly the
/// size that fits the box, so showing a whole image is a plain copy, not a scaled draw.
DecodedImage decodeImage(const QString &path, int maxSide = 0, QSize fitBox = {},
                         qint64 maxPixels = 100'000'000, int minLevelSide = 1024);

} // namespace concord::ui
