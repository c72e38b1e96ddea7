// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/tiledimage.h"

#include "ui/image/decodedimage.h"

#include <QCoreApplication>
#include <QDir>
#include <QMutexLocker>
#include <QStorageInfo>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace concord::ui {

namespace {

constexpr int T = TiledImage::kTileSide;

int bytesPerPixel(QImage::Format format)
{
    return format == QImage::Format_Grayscale8 ? 1 : 4;
}

QSize halved(QSize s)
{
    return {std::max(1, s.width() / 2), std::max(1, s.height() / 2)};
}

cv::Mat wrap(const uchar *rows, qsizetype stride, int width, int count, QImage::Format format)
{
    return cv::Mat(count, width, format == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC4, const_cast<uchar *>(rows),
                   static_cast<std::size_t>(stride));
}

} // namespace

// --- TiledImage ---------------------------------------------------------------------------

TiledImage::~TiledImage() = default;

double TiledImage::scaleOfLevel(std::size_t i) const
{
    if (i >= m_levels.size() || m_size.width() <= 0)
        return 0.0;
    return static_cast<double>(m_levels[i].size.width()) / m_size.width();
}

std::size_t TiledImage::levelForScale(double scale) const
{
    return pyramidLevelForScale(m_levels.size(), scale, [this](std::size_t i) { return scaleOfLevel(i); });
}

qint64 TiledImage::tileBytes() const
{
    return qint64(T) * T * bytesPerPixel(m_format);
}

namespace {

constexpr std::size_t kHugePage = std::size_t{2} * 1024 * 1024;

std::shared_ptr<uchar> allocateAligned(std::size_t bytes)
{
    bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void *p = nullptr;
    if (posix_memalign(&p, kHugePage, bytes) != 0)
        return nullptr;
#ifdef Q_OS_LINUX
    madvise(p, bytes, MADV_HUGEPAGE); // advice only: without THP it is plain memory
#endif
    return std::shared_ptr<uchar>(static_cast<uchar *>(p), [](uchar *q) { std::free(q); });
}

} // namespace

QImage TiledImage::allocateBuffer(QSize size, QImage::Format format)
{
    const qsizetype stride = (qsizetype(size.width()) * bytesPerPixel(format) + 3) / 4 * 4;
    auto memory = allocateAligned(static_cast<std::size_t>(stride) * static_cast<std::size_t>(size.height()));
    if (!memory)
        return {};
    auto *holder = new std::shared_ptr<uchar>(memory);
    return QImage(
        memory.get(), size.width(), size.height(), stride, format,
        [](void *h) { delete static_cast<std::shared_ptr<uchar> *>(h); }, holder);
}

quint64 TiledImage::keyOf(std::size_t level, int column, int row)
{
    return (quint64(level) << 48) | (quint64(row) << 24) | quint64(column);
}

std::size_t TiledImage::takeSlot() const
{
    // The least recently used slot (a few hundred: a scan is cheaper than keeping a list).
    std::size_t victim = m_slots.size();
    for (std::size_t i = 0; i < m_slots.size(); ++i)
        if (!m_slots[i].loading && (victim == m_slots.size() || m_slots[i].lastUse < m_slots[victim].lastUse))
            victim = i;
    if (victim == m_slots.size())
        return victim;
    Slot &slot = m_slots[victim];
    if (slot.key != ~quint64(0))
        m_slotOf.erase(slot.key);
    slot.key = ~quint64(0);
    slot.lastUse = 0;
    return victim;
}

bool TiledImage::readTile(std::size_t level, int column, int row, uchar *dst) const
{
    const Level &l = m_levels[level];
    const qint64 bytes = tileBytes();
    const qint64 at = l.offset + (qint64(row) * l.columns + column) * bytes;
#ifdef Q_OS_UNIX
    // pread leaves the file position alone, so workers and the painter read side by side.
    qint64 done = 0;
    while (done < bytes) {
        const ssize_t n = ::pread(m_file.handle(), dst + done, static_cast<std::size_t>(bytes - done), at + done);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
#else
    QMutexLocker lock(&m_fileMutex);
    return m_file.seek(at) && m_file.read(reinterpret_cast<char *>(dst), bytes) == bytes;
#endif
}

const uchar *TiledImage::cachedTile(std::size_t level, int column, int row) const
{
    const quint64 key = keyOf(level, column, row);
    const qint64 bytes = tileBytes();
    if (const auto it = m_slotOf.find(key); it != m_slotOf.end()) {
        m_slots[static_cast<std::size_t>(it->second)].lastUse = ++m_clock;
        return m_slab.get() + bytes * it->second;
    }
    const std::size_t victim = m_slab ? takeSlot() : m_slots.size();
    if (victim == m_slots.size())
        return nullptr;
    uchar *dst = m_slab.get() + bytes * static_cast<qint64>(victim);
    if (!readTile(level, column, row, dst))
        return nullptr;
    ++m_tilesRead;
    m_slots[victim].key = key;
    m_slots[victim].lastUse = ++m_clock;
    m_slotOf[key] = static_cast<int>(victim);
    return dst;
}

int TiledImage::tileCount(std::size_t level, QRect rect) const
{
    if (level >= m_levels.size())
        return 0;
    rect = rect.intersected(QRect(QPoint(0, 0), m_levels[level].size));
    if (rect.isEmpty())
        return 0;
    return (rect.right() / T - rect.left() / T + 1) * (rect.bottom() / T - rect.top() / T + 1);
}

bool TiledImage::isCached(std::size_t level, QRect rect) const
{
    if (level >= m_levels.size())
        return false;
    rect = rect.intersected(QRect(QPoint(0, 0), m_levels[level].size));
    QMutexLocker lock(&m_mutex);
    for (int row = rect.top() / T; row <= rect.bottom() / T; ++row)
        for (int col = rect.left() / T; col <= rect.right() / T; ++col)
            if (!m_slotOf.contains(keyOf(level, col, row)))
                return false;
    return true;
}

bool TiledImage::load(std::size_t level, QRect rect) const
{
    if (level >= m_levels.size())
        return false;
    rect = rect.intersected(QRect(QPoint(0, 0), m_levels[level].size));
    const qint64 bytes = tileBytes();
    for (int row = rect.top() / T; row <= rect.bottom() / T; ++row) {
        for (int col = rect.left() / T; col <= rect.right() / T; ++col) {
            const quint64 key = keyOf(level, col, row);
            std::size_t slot = 0;
            {
                QMutexLocker lock(&m_mutex);
                if (m_slotOf.contains(key) || !m_slab)
                    continue;
                slot = takeSlot();
                if (slot == m_slots.size())
                    return false;
                m_slots[slot].loading = true;
            }
            // The file is read without the lock: the painter keeps using the cached tiles.
            const bool ok = readTile(level, col, row, m_slab.get() + bytes * static_cast<qint64>(slot));
            QMutexLocker lock(&m_mutex);
            m_slots[slot].loading = false;
            if (!ok)
                return false;
            ++m_tilesRead;
            m_slots[slot].key = key;
            m_slots[slot].lastUse = ++m_clock;
            m_slotOf[key] = static_cast<int>(slot);
        }
    }
    return true;
}

QImage TiledImage::tile(std::size_t level, int column, int row) const
{
    if (level >= m_levels.size())
        return {};
    const Level &l = m_levels[level];
    if (column < 0 || row < 0 || column >= l.columns || row >= l.rows)
        return {};
    QImage out;
    region(level, QRect(column * T, row * T, T, T), out);
    return out.copy(0, 0, std::min(T, l.size.width() - column * T), std::min(T, l.size.height() - row * T));
}

QRect TiledImage::region(std::size_t level, QRect rect, QImage &buffer) const
{
    if (level >= m_levels.size())
        return {};
    rect = rect.intersected(QRect(QPoint(0, 0), m_levels[level].size));
    if (rect.isEmpty())
        return {};
    // Grey tiles go into an RGB32 buffer expanded (QPainter draws RGB32 without converting the
    // whole image first); otherwise the buffer takes the tiles' format.
    const bool expand = m_format == QImage::Format_Grayscale8 && buffer.format() == QImage::Format_RGB32;
    const QImage::Format want = expand ? QImage::Format_RGB32 : m_format;
    if (buffer.format() != want || buffer.width() < rect.width() || buffer.height() < rect.height()) {
        buffer = allocateBuffer(QSize(std::max(rect.width(), buffer.format() == want ? buffer.width() : 0),
                                      std::max(rect.height(), buffer.format() == want ? buffer.height() : 0)),
                                want);
        if (buffer.isNull())
            return {};
    }
    const int bpp = bytesPerPixel(m_format);
    const qsizetype tileStride = qsizetype(T) * bpp;
    QMutexLocker lock(&m_mutex);
    for (int row = rect.top() / T; row <= rect.bottom() / T; ++row) {
        for (int col = rect.left() / T; col <= rect.right() / T; ++col) {
            const uchar *t = cachedTile(level, col, row);
            if (!t)
                return {};
            const QRect part = QRect(col * T, row * T, T, T).intersected(rect);
            if (expand) {
                for (int y = part.top(); y <= part.bottom(); ++y) {
                    auto *dst =
                        reinterpret_cast<quint32 *>(buffer.scanLine(y - rect.top())) + (part.left() - rect.left());
                    const uchar *src = t + qsizetype(y - row * T) * tileStride + (part.left() - col * T);
                    for (int x = 0; x < part.width(); ++x)
                        dst[x] = 0xff000000u | quint32(src[x]) * 0x010101u;
                }
                continue;
            }
            for (int y = part.top(); y <= part.bottom(); ++y)
                std::memcpy(buffer.scanLine(y - rect.top()) + qsizetype(part.left() - rect.left()) * bpp,
                            t + qsizetype(y - row * T) * tileStride + qsizetype(part.left() - col * T) * bpp,
                            static_cast<std::size_t>(part.width()) * static_cast<std::size_t>(bpp));
        }
    }
    return rect;
}

QImage TiledImage::region(std::size_t level, QRect rect) const
{
    QImage buffer;
    const QRect r = region(level, rect, buffer);
    return r.isEmpty() ? QImage() : buffer.copy(0, 0, r.width(), r.height());
}

void TiledImage::setCacheBudget(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_budget = bytes;
    const std::size_t count = static_cast<std::size_t>(std::max<qint64>(1, bytes / tileBytes()));
    m_slab = allocateAligned(count * static_cast<std::size_t>(tileBytes()));
    // Touched now, on the thread that makes the tiles: memory touched for the first time
    // costs a page fault per 4 KB, which would otherwise land in the frames that read tiles.
    if (m_slab)
        std::memset(m_slab.get(), 0, count * static_cast<std::size_t>(tileBytes()));
    m_slots.assign(count, Slot{});
    m_slotOf.clear();
}

qint64 TiledImage::cachedBytes() const
{
    QMutexLocker lock(&m_mutex);
    return qint64(m_slotOf.size()) * tileBytes();
}

qint64 TiledImage::tilesRead() const
{
    QMutexLocker lock(&m_mutex);
    return m_tilesRead;
}

// --- TiledImageBuilder --------------------------------------------------------------------

struct TiledImageBuilder::Band
{
    QImage rows; ///< kTileSide rows of the level
    int filled = 0;
    int tileRow = 0;
};

TiledImageBuilder::TiledImageBuilder(QSize size, QImage::Format format, qint64 inMemoryPixels)
    : m_image(new TiledImage)
{
    m_image->m_format = format;
    m_image->m_size = size;
    m_image->setCacheBudget(m_image->m_budget);
    QSize s = size;
    qint64 offset = 0;
    while (qint64(s.width()) * s.height() > inMemoryPixels && std::max(s.width(), s.height()) > 1) {
        TiledImage::Level l;
        l.size = s;
        l.offset = offset;
        l.columns = (s.width() + T - 1) / T;
        l.rows = (s.height() + T - 1) / T;
        offset += qint64(l.columns) * l.rows * m_image->tileBytes();
        m_image->m_levels.push_back(l);
        s = halved(s);
    }
    m_image->m_fileBytes = offset;
    m_memory = QImage(s, format);
    m_bands.resize(m_image->m_levels.size());
}

TiledImageBuilder::~TiledImageBuilder() = default;

bool TiledImageBuilder::open(const QString &directory, QString *error)
{
    const QString dir = directory.isEmpty() ? QDir::tempPath() : directory;
    if (m_memory.isNull()) {
        *error = QCoreApplication::translate("TiledImage", "Not enough memory for the image's overview.");
        return false;
    }
    const QStorageInfo storage(dir);
    // Keep a margin so the tiles never fill the disk the project lives on.
    if (storage.isValid() && storage.bytesAvailable() < m_image->m_fileBytes + 512LL * 1024 * 1024) {
        *error = QCoreApplication::translate("TiledImage",
                                             "Not enough free space in %1 for the image's tiles (%2 MB needed).")
                     .arg(QDir::toNativeSeparators(dir))
                     .arg(m_image->m_fileBytes / (qint64{1024} * 1024));
        return false;
    }
    m_image->m_file.setFileTemplate(dir + QStringLiteral("/concord-tiles-XXXXXX"));
    if (!m_image->m_file.open()) {
        *error = writeError();
        return false;
    }
#ifdef Q_OS_UNIX
    // Unlinked now: the open file stays usable, and nothing is left behind after a crash.
    QFile::remove(m_image->m_file.fileName());
#endif
    for (std::size_t i = 0; i < m_bands.size(); ++i) {
        m_bands[i].rows = QImage(m_image->m_levels[i].size.width(), T, m_image->m_format);
        if (m_bands[i].rows.isNull()) {
            *error = QCoreApplication::translate("TiledImage", "Not enough memory to tile the image.");
            return false;
        }
    }
    return true;
}

QString TiledImageBuilder::writeError() const
{
    return QCoreApplication::translate("TiledImage", "Cannot write the image's tiles to %1: %2")
        .arg(QDir::toNativeSeparators(m_image->m_file.fileTemplate()), m_image->m_file.errorString());
}

uchar *TiledImageBuilder::rowBuffer(int *room)
{
    if (m_bands.empty()) {
        *room = m_memory.height() - m_memoryRows;
        return m_memory.scanLine(std::min(m_memoryRows, m_memory.height() - 1));
    }
    Band &b = m_bands.front();
    *room = std::min(T - b.filled, m_image->m_size.height() - m_rowsAdded);
    return b.rows.scanLine(std::min(b.filled, T - 1));
}

qsizetype TiledImageBuilder::bandStride() const
{
    return m_bands.empty() ? m_memory.bytesPerLine() : m_bands.front().rows.bytesPerLine();
}

bool TiledImageBuilder::rowsWritten(int count, QString *error)
{
    m_rowsAdded += count;
    if (m_bands.empty()) {
        m_memoryRows += count;
        return true;
    }
    Band &b = m_bands.front();
    b.filled += count;
    return b.filled < T || flush(0, error);
}

bool TiledImageBuilder::push(std::size_t level, const uchar *rows, qsizetype stride, int count, QString *error)
{
    const int bpp = bytesPerPixel(m_image->m_format);
    if (level == m_bands.size()) {
        for (int i = 0; i < count && m_memoryRows < m_memory.height(); ++i, ++m_memoryRows)
            std::memcpy(m_memory.scanLine(m_memoryRows), rows + i * stride,
                        static_cast<std::size_t>(m_memory.width()) * static_cast<std::size_t>(bpp));
        return true;
    }
    Band &b = m_bands[level];
    for (int i = 0; i < count; ++i) {
        std::memcpy(b.rows.scanLine(b.filled), rows + i * stride,
                    static_cast<std::size_t>(b.rows.width()) * static_cast<std::size_t>(bpp));
        if (++b.filled == T && !flush(level, error))
            return false;
    }
    return true;
}

bool TiledImageBuilder::flush(std::size_t level, QString *error)
{
    Band &b = m_bands[level];
    if (b.filled == 0)
        return true;
    if (!writeTiles(level, error))
        return false;
    // The next level: this band averaged 2 × 2. Bands hold an even number of rows except the
    // last, so the halves line up with the rows a whole-image resize would give.
    // Across, the band is resized to the next level's width, exactly as a whole-image resize
    // would; down, every full band gives 128 rows. The last band's rows all go into its
    // floor(rows / 2), so the level still covers the whole image when its height is odd.
    const int halfRows = b.filled / 2;
    if (halfRows > 0) {
        const int width = level + 1 < m_bands.size() ? m_bands[level + 1].rows.width() : m_memory.width();
        const auto format = m_image->m_format;
        cv::Mat half(halfRows, width, format == QImage::Format_Grayscale8 ? CV_8UC1 : CV_8UC4);
        cv::resize(wrap(b.rows.constBits(), b.rows.bytesPerLine(), b.rows.width(), b.filled, format), half, half.size(),
                   0, 0, cv::INTER_AREA);
        b.filled = 0;
        ++b.tileRow;
        return push(level + 1, half.data, static_cast<qsizetype>(half.step[0]), halfRows, error);
    }
    b.filled = 0;
    ++b.tileRow;
    return true;
}

bool TiledImageBuilder::writeTiles(std::size_t level, QString *error)
{
    const Band &b = m_bands[level];
    const TiledImage::Level &l = m_image->m_levels[level];
    const int bpp = bytesPerPixel(m_image->m_format);
    const qint64 tileBytes = m_image->tileBytes();
    m_tileRow.resize(static_cast<std::size_t>(tileBytes * l.columns));
    for (int c = 0; c < l.columns; ++c) {
        uchar *tile = m_tileRow.data() + tileBytes * c;
        const int w = std::min(T, l.size.width() - c * T);
        for (int y = 0; y < b.filled; ++y)
            std::memcpy(tile + qsizetype(y) * T * bpp, b.rows.constScanLine(y) + qsizetype(c) * T * bpp,
                        static_cast<std::size_t>(w) * static_cast<std::size_t>(bpp));
    }
    QFile &f = m_image->m_file;
    const qint64 at = l.offset + qint64(b.tileRow) * l.columns * tileBytes;
    const qint64 n = qint64(m_tileRow.size());
    if (!f.seek(at) || f.write(reinterpret_cast<const char *>(m_tileRow.data()), n) != n) {
        *error = writeError();
        return false;
    }
    return true;
}

std::shared_ptr<TiledImage> TiledImageBuilder::finish(QImage *firstInMemory, QString *error)
{
    if (m_rowsAdded < m_image->m_size.height()) {
        *error = QCoreApplication::translate("TiledImage", "The image ended after %1 of its %2 rows.")
                     .arg(m_rowsAdded)
                     .arg(m_image->m_size.height());
        return nullptr;
    }
    // Partial bands from the top level down: each flush feeds the next level's band.
    for (std::size_t i = 0; i < m_bands.size(); ++i)
        if (!flush(i, error))
            return nullptr;
    if (!m_image->m_file.flush()) {
        *error = writeError();
        return nullptr;
    }
    // Odd sizes can leave the last row of the overview unwritten: repeat the one above.
    if (m_memoryRows == 0)
        m_memory.fill(Qt::darkGray);
    for (int y = std::max(1, m_memoryRows); y < m_memory.height(); ++y)
        std::memcpy(m_memory.scanLine(y), m_memory.constScanLine(y - 1),
                    static_cast<std::size_t>(m_memory.bytesPerLine()));
    *firstInMemory = std::move(m_memory);
    m_bands.clear();
    return std::shared_ptr<TiledImage>(m_image.release());
}

} // namespace concord::ui
