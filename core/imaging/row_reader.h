// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace concord::core {

/// Decodes an image file from top to bottom a few rows at a time, so that an image far larger
/// than the memory one wants to spend on it (a 20 000 × 20 000 line-scan frame is 1.6 GB
/// decoded) can be cut into tiles while it is read. Only JPEG (libjpeg-turbo) and
/// non-interlaced PNG (libpng) can be read this way; open() says so by returning null for
/// anything else, and the caller decodes such files whole.
///
/// Rows come out in one of two layouts that QImage and cv::Mat use without conversion:
/// 8-bit grey for greyscale files, and B, G, R, 0xff (QImage::Format_RGB32 on little-endian,
/// CV_8UC4 for OpenCV) for colour ones. EXIF orientation is not applied: callers that honour
/// it decode rotated files whole.
class RowReader
{
public:
    enum class Pixels : std::uint8_t
    {
        Gray8, ///< one byte per pixel
        Bgrx8, ///< four bytes per pixel: blue, green, red, 0xff
    };

    /// What the decoder had to make up: the file ended early or its data was corrupt, and
    /// the rows from `row` on are not (all) from the file. libjpeg only warns about this and
    /// goes on with grey rows, so a caller that shows the image must ask (damage()).
    struct Damage
    {
        std::string message; ///< in words, e.g. "premature end of JPEG data"
        int row = -1;        ///< first affected row of the full-size image, -1 when unknown
    };

    /// Opens `path` for streaming. Returns null when the file is not a JPEG or PNG, or uses
    /// a layout this reader does not stream (interlaced or transparent PNG, CMYK JPEG).
    /// Throws Error(Io) when the file cannot be read and Error(Parse) when its header is
    /// corrupt, naming the file. With `jpegScale` 2, 4 or 8 a JPEG is decoded at 1/jpegScale
    /// of its size in the DCT (width() and height() are then the reduced size): every byte
    /// of the file is still decoded, which is what checking a file for damage needs.
    static std::unique_ptr<RowReader> open(const std::string &path, int jpegScale = 1);

    virtual ~RowReader() = default;
    RowReader(const RowReader &) = delete;
    RowReader &operator=(const RowReader &) = delete;

    int width() const { return m_width; }
    int height() const { return m_height; }
    Pixels pixels() const { return m_pixels; }
    int bytesPerPixel() const { return m_pixels == Pixels::Gray8 ? 1 : 4; }
    /// Rows handed out so far.
    int rowsRead() const { return m_rowsRead; }
    /// Height of the full-size image (height() unless a JPEG is decoded reduced).
    int fullHeight() const { return m_fullHeight > 0 ? m_fullHeight : m_height; }
    /// Set once the decoder has met a premature end or corrupt data in the rows read so far
    /// (a truncated JPEG: its missing rows come out grey, as in every viewer). Always null
    /// for PNG, whose decoder throws instead.
    const std::optional<Damage> &damage() const { return m_damage; }

    /// Decodes the next rows, at most `maxRows`, into `dst` (rows `stride` bytes apart).
    /// Returns how many rows were written; 0 once every row has been read. Throws
    /// Error(Parse) naming the file when the data is corrupt beyond what the decoder
    /// tolerates (a truncated JPEG is not: its missing rows come out grey, and damage() says so).
    int read(std::uint8_t *dst, std::size_t stride, int maxRows);

protected:
    RowReader() = default;
    /// Decodes rows into `dst`; returns how many (at most `maxRows`, more than 0 while rows remain).
    virtual int readRows(std::uint8_t *dst, std::size_t stride, int maxRows) = 0;

    std::string m_path;
    int m_width = 0;
    int m_height = 0;
    Pixels m_pixels = Pixels::Bgrx8;
    int m_fullHeight = 0;
    std::optional<Damage> m_damage;

private:
    int m_rowsRead = 0;
};

} // namespace concord::core
