// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/imaging/image_check.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace concord::ui {

class TiledImage;

/// Of `count` pyramid levels, largest first, the smallest whose `scaleOf(i)` (level pixels per
/// image pixel) is still at least `scale`; level 0 when none is (DecodedImage and TiledImage).
template <typename ScaleOf>
std::size_t pyramidLevelForScale(std::size_t count, double scale, ScaleOf scaleOf)
{
    std::size_t best = 0;
    for (std::size_t i = 0; i < count; ++i)
        if (scaleOf(i) >= scale * 0.999)
            best = i;
    return best;
}

/// An image decoded for display: a pyramid of levels, each half the size of the one before,
/// so that painting at any zoom reads only about as many pixels as the screen shows (the
/// level half of the tile/level cache; ImageItem paints only the exposed region of a level).
struct DecodedImage
{
    QString path;
    QSize size;                 ///< full size in image pixels, EXIF orientation applied
    std::vector<QImage> levels; ///< levels[0] is the largest decoded, the last fits ~1024 px
    QString error;              ///< set when decoding failed; levels is then empty
    /// What core found about the file (core::checkImageFile): Missing, Unreadable and
    /// Undecodable come with an error and no levels; Damaged (a truncated JPEG whose bottom
    /// is made-up grey) with levels to show under a warning. Unknown when not checked.
    core::ImageCheck check;
    bool cancelled = false; ///< decoding stopped because it was cancelled (error is set too)
    bool reduced = false;   ///< full resolution is not available (a screen-size decode)
    /// For images too large for memory: the full-resolution level and its halvings as tiles
    /// in a temporary file (levels[0] is then the first level small enough for memory).
    std::shared_ptr<const TiledImage> tiles;

    /// levels[i].width() / size.width(): 1 for the full-resolution level.
    double scaleOfLevel(std::size_t i) const;
    /// The smallest level that still has at least `scale` level pixels per image pixel.
    std::size_t levelForScale(double scale) const;
    /// Memory held: the in-memory levels plus the most the tile cache may keep.
    qint64 bytes() const;
};

/// Decodes an image file off the GUI thread (thread-safe, no shared state). EXIF orientation
/// is honoured. With `maxSide` > 0 the image is decoded to fit maxSide × maxSide (JPEG decodes
/// at 1/2, 1/4 or 1/8 scale in the DCT, several times faster than a full decode): enough for
/// the whole image on screen. `minLevelSide` is where the pyramid stops.
///
/// A full decode (`maxSide` 0) of an image larger than `maxPixels` keeps every pixel anyway:
/// its full-resolution level and halvings go to tiles in a temporary file (TiledImage), and
/// only the first level of at most maxPixels / 8 stays in memory. JPEG and PNG files are
/// streamed into the tiles a band of rows at a time (core::RowReader), so memory stays at a
/// few bands whatever the image size; other formats and EXIF-rotated files are decoded whole
/// first. If no tiles can be written (disk full), the image is held at about maxPixels, as
/// `reduced`. `cancel`, when set, stops a long tiled decode early (the result then has an error).
///
/// With a valid `fitBox` (the canvas in device pixels) one more level is made at exactly the
/// size that fits the box, so showing a whole image is a plain copy, not a scaled draw.
///
/// With `checkFile` the file is checked first (core::checkImageAccess) and, once decoded,
/// checked for damage (core::checkImageFile: a truncated JPEG decodes "fine" with a grey
/// bottom): the outcome is in `check`. A tiled decode learns the damage from its own rows.
///
/// A server project's image missing from the desk's cache is fetched first (imagefetch.h);
/// when that fails the image is Missing with the fetcher's reason.
DecodedImage decodeImage(const QString &path, int maxSide = 0, QSize fitBox = {}, qint64 maxPixels = 100'000'000,
                         int minLevelSide = 1024, const std::atomic_bool *cancel = nullptr, bool checkFile = true);

} // namespace concord::ui
