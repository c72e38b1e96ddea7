// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/decodedimage.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace concord::ui {

/// Decodes images off the GUI thread and keeps a bounded number of bytes of them, so that
/// stepping to the next or previous image shows a prefetched picture without waiting on the
/// decoder. Least recently used images go first; the images last marked as wanted (current,
/// next, previous) are never evicted.
class ImageCache final : public QObject
{
    Q_OBJECT

public:
    explicit ImageCache(QObject *parent = nullptr);
    ~ImageCache() override;

    /// The decoded image, or null while it is not decoded yet (then call request()).
    std::shared_ptr<const DecodedImage> get(const QString &path);
    /// Starts decoding `path` unless it is cached or already being decoded.
    void request(const QString &path);
    /// Requests these paths in order and protects them from eviction.
    void setWanted(const QStringList &paths);

    void setBudget(qint64 bytes);
    qint64 budget() const { return m_budget; }
    qint64 bytesUsed() const { return m_bytes; }
    int cachedCount() const { return int(m_images.size()); }
    /// Blocks until every running decode is done (tests and benchmarks).
    void waitForIdle();

signals:
    void ready(const QString &path);

private:
    void finished(const QString &path, const DecodedImage &image);
    void evict();

    QThreadPool m_pool;
    QHash<QString, std::shared_ptr<const DecodedImage>> m_images;
    QStringList m_lru; ///< most recently used last
    QHash<QString, QFutureWatcher<DecodedImage> *> m_running;
    QStringList m_wanted;
    qint64 m_budget = 768LL * 1024 * 1024;
    qint64 m_bytes = 0;
};

} // namespace concord::ui
