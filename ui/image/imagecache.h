// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/image/decodedimage.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace concord::ui {

/// Decodes images off the GUI thread and keeps a bounded number of bytes of them, so that
/// stepping to the next or previous image shows a prefetched picture without waiting on the
/// decoder. Least recently used images go first; the images last marked as wanted (current,
/// next, previous) are never evicted. A full-detail decode that is no longer wanted (the
/// labeler moved on while a huge image was being tiled) is cancelled.
class ImageCache final : public QObject
{
    Q_OBJECT

public:
    /// How much of an image to decode: enough for the screen (fast, small) or every pixel
    /// (asked for when the labeler zooms in beyond the screen-size level).
    enum class Detail
    {
        Screen,
        Full
    };

    explicit ImageCache(QObject *parent = nullptr);
    ~ImageCache() override;

    /// The decoded image, or null while it is not decoded yet (then call request()).
    std::shared_ptr<const DecodedImage> get(const QString &path, Detail detail = Detail::Screen);
    /// Starts decoding unless it is cached or already being decoded.
    void request(const QString &path, Detail detail = Detail::Screen);
    /// Requests these screen-size images (and `full` at full detail, if set) and protects them
    /// from eviction.
    void setWanted(const QStringList &paths, const QString &full = {});
    /// Longest side of screen-size decodes (default 2560 px).
    void setScreenSide(int side) { m_screenSide = side; }
    /// The canvas in device pixels: screen-size decodes get a level that fits it exactly.
    void setFitBox(QSize box) { m_fitBox = box; }

    /// Drops the cached failures of `path` (missing, unreadable, undecodable), so that the
    /// next request decodes the file again: a folder that came back, or a file replaced,
    /// shows without a restart. Damaged images stay (their pixels are what the file holds).
    void forgetFailure(const QString &path);
    /// Drops whatever is cached of `path`, so that the next request decodes it again (F5).
    void forget(const QString &path);
    /// Drops everything cached and not being decoded (after a relink: paths changed).
    void clear();

    void setBudget(qint64 bytes);
    qint64 budget() const { return m_budget; }
    qint64 bytesUsed() const { return m_bytes; }
    int cachedCount() const { return int(m_images.size()); }
    /// Blocks until every running decode is done (tests and benchmarks).
    void waitForIdle();

signals:
    void ready(const QString &path, concord::ui::ImageCache::Detail detail);

private:
    static QString key(const QString &path, Detail detail);
    void finished(const QString &key, const DecodedImage &image);
    void evict();

    QThreadPool m_pool;
    QHash<QString, std::shared_ptr<const DecodedImage>> m_images;
    QStringList m_lru; ///< most recently used last
    struct Running
    {
        QFutureWatcher<DecodedImage> *watcher = nullptr;
        /// Set when the image is no longer wanted: a long tiled decode then stops early.
        std::shared_ptr<std::atomic_bool> cancel;
    };
    QHash<QString, Running> m_running;
    QStringList m_wanted;
    qint64 m_budget = 512LL * 1024 * 1024;
    qint64 m_bytes = 0;
    int m_screenSide = 2560;
    QSize m_fitBox;
};

} // namespace concord::ui
