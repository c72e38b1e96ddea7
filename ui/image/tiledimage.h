// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTemporaryFile>
#include <QImage>
#include <QMutex>
#include <QRect>
#include <QSize>
#include <QString>

#include <memory>
#include <unordered_map>
#include <vector>

namespace concord::ui {

/// The full-resolution levels of an image too large to keep decoded in memory (a 20 000 ×
/// 20 000 line-scan frame is 1.6 GB as RGB32). They live in a temporary file as fixed-size
/// tiles, and painting reads back only the tiles it shows, through a bounded cache: the tile
/// half of the tile/level cache (DecodedImage keeps the smaller levels in memory).
///
/// Levels are the image and its halvings (levels()[0] is full size), down to the first level
/// small enough for memory, which TiledImageBuilder hands back as an ordinary QImage. The file
/// is unlinked as soon as it is open where the system allows it (POSIX), so that even a crash
/// leaves no gigabytes behind. Thread-safe.
class TiledImage
{
public:
    static constexpr int kTileSide = 256;

    struct Level
    {
        QSize size;
        qint64 offset = 0; ///< first tile's byte in the file
        int columns = 0;   ///< tiles across
        int rows = 0;      ///< tiles down
    };

    ~TiledImage();
    TiledImage(const TiledImage &) = delete;
    TiledImage &operator=(const TiledImage &) = delete;

    QImage::Format format() const { return m_format; }
    const std::vector<Level> &levels() const { return m_levels; }
    /// levels()[i] width / full width (1 for the full-resolution level).
    double scaleOfLevel(std::size_t i) const;
    /// The smallest level that still has at least `scale` level pixels per image pixel.
    std::size_t levelForScale(double scale) const;

    /// A copy of one tile (kTileSide square, smaller at the right and bottom edges); null when
    /// the file cannot be read.
    QImage tile(std::size_t level, int column, int row) const;
    /// Copies the pixels of `rect` (level coordinates, clipped to the level) out of the tiles
    /// under it into the top-left of `buffer`, so that one scaled draw paints them without
    /// seams between tiles. Grey tiles are expanded when `buffer` is RGB32 (fast to draw);
    /// otherwise it takes the tiles' format. `buffer` grows when too small and is meant to be kept by the
    /// caller: a buffer reused every frame costs no fresh memory, whose first touch is what
    /// makes a frame slow. Returns the clipped rect; empty when a tile cannot be read (the
    /// caller then paints the smaller in-memory level).
    QRect region(std::size_t level, QRect rect, QImage &buffer) const;
    /// The same into a new image of exactly the clipped size (tests).
    QImage region(std::size_t level, QRect rect) const;
    /// Tiles under `rect`; a region of more tiles than cacheSlots() cannot be held at once.
    int tileCount(std::size_t level, QRect rect) const;
    int cacheSlots() const { return static_cast<int>(m_slots.size()); }
    /// True when every tile under `rect` is in the cache, so region() reads no file.
    bool isCached(std::size_t level, QRect rect) const;
    /// Reads the tiles under `rect` into the cache: for a worker thread, so that painting
    /// never waits on the file (the painter shows a coarser level meanwhile). Returns false
    /// when the file cannot be read.
    bool load(std::size_t level, QRect rect) const;

    /// Bytes of tiles kept in memory at most (default 128 MB); drops the cached tiles. Only
    /// before the image is painted or loaded from (it replaces the cache under a worker's feet).
    void setCacheBudget(qint64 bytes);
    qint64 cacheBudget() const { return m_budget; }
    qint64 cachedBytes() const;
    /// Bytes of the tile file.
    qint64 fileBytes() const { return m_fileBytes; }
    /// Tiles read from the file so far (tests: a view reads only what it shows).
    qint64 tilesRead() const;

    /// An image for buffers that are written every frame. On Linux its memory is aligned for,
    /// and advised to use, transparent huge pages: one page fault per 2 MB instead of per 4 KB.
    static QImage allocateBuffer(QSize size, QImage::Format format);

private:
    friend class TiledImageBuilder;
    TiledImage() = default;
    qint64 tileBytes() const;
    /// The tile's pixels in the cache (rows kTileSide * bytes per pixel apart), read from the
    /// file on a miss into the least recently used slot; null on a read error. Lock held.
    const uchar *cachedTile(std::size_t level, int column, int row) const;
    /// Empties the least recently used slot that is not being loaded, for `key`. Lock held.
    std::size_t takeSlot() const;
    /// Reads one tile from the file into `dst`. On POSIX it needs no lock (pread).
    bool readTile(std::size_t level, int column, int row, uchar *dst) const;
    static quint64 keyOf(std::size_t level, int column, int row);

    struct Slot
    {
        quint64 key = ~quint64(0); ///< which tile is in it, ~0 when empty
        quint64 lastUse = 0;
        bool loading = false; ///< a worker is reading into it (not to be taken)
    };

    QImage::Format m_format = QImage::Format_RGB32;
    std::vector<Level> m_levels;
    QSize m_size;
    qint64 m_fileBytes = 0;
    qint64 m_budget = 128LL * 1024 * 1024;
    mutable QMutex m_mutex;     ///< guards the cache
    mutable QMutex m_fileMutex; ///< guards m_file's position where pread is missing
    mutable QTemporaryFile m_file;
    /// The tile cache: one allocation of fixed slots, reused as tiles come and go, so that
    /// reading a tile never touches fresh memory once the slot has been used.
    std::shared_ptr<uchar> m_slab;
    mutable std::vector<Slot> m_slots;
    mutable std::unordered_map<quint64, int> m_slotOf;
    mutable quint64 m_clock = 0;
    mutable qint64 m_tilesRead = 0;
};

/// Builds a TiledImage from rows delivered top to bottom (a streaming decoder's output), so
/// that no more than one band of kTileSide rows per level is ever in memory. Each level is
/// made from the one above by 2 × 2 area averaging a band at a time; the first level of at
/// most `inMemoryPixels` pixels is kept as a QImage instead of tiles.
class TiledImageBuilder
{
public:
    /// `format` is QImage::Format_RGB32 or Format_Grayscale8.
    TiledImageBuilder(QSize size, QImage::Format format, qint64 inMemoryPixels);
    ~TiledImageBuilder();
    TiledImageBuilder(const TiledImageBuilder &) = delete;
    TiledImageBuilder &operator=(const TiledImageBuilder &) = delete;

    /// Creates the tile file in `directory` (the system's temporary folder when empty).
    /// False with `error` set when it cannot be created or is too large for the disk.
    bool open(const QString &directory, QString *error);
    /// Where the next rows of the full-size image go (`bandStride()` bytes apart), and in
    /// `room` how many fit there; decode into it, then call rowsWritten().
    uchar *rowBuffer(int *room);
    qsizetype bandStride() const;
    /// Takes the `count` rows just decoded into rowBuffer(); false with `error` set when the
    /// tile file cannot be written.
    bool rowsWritten(int count, QString *error);
    /// Call after the last row. Returns the tiles and, in `firstInMemory`, the first level
    /// small enough to keep in memory; null with `error` set on a write failure or missing rows.
    std::shared_ptr<TiledImage> finish(QImage *firstInMemory, QString *error);

private:
    struct Band;
    bool flush(std::size_t level, QString *error);
    bool push(std::size_t level, const uchar *rows, qsizetype stride, int count, QString *error);
    bool writeTiles(std::size_t level, QString *error);
    QString writeError() const;

    std::unique_ptr<TiledImage> m_image;
    std::vector<Band> m_bands; ///< one per tiled level
    QImage m_memory;           ///< the first level kept in memory
    int m_memoryRows = 0;
    int m_rowsAdded = 0;
    std::vector<uchar> m_tileRow; ///< one row of tiles, assembled for a single write
};

} // namespace concord::ui
