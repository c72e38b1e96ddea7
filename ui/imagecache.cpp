// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/imagecache.h"

#include <QtConcurrent/QtConcurrentRun>

namespace concord::ui {

ImageCache::ImageCache(QObject *parent)
    : QObject(parent)
{
    // Two decoders: next and previous in parallel, while one core stays for the GUI.
    m_pool.setMaxThreadCount(2);
}

ImageCache::~ImageCache()
{
    for (auto *w : std::as_const(m_running))
        w->disconnect(this);
    m_pool.waitForDone();
}

std::shared_ptr<const DecodedImage> ImageCache::get(const QString &path)
{
    const auto it = m_images.constFind(path);
    if (it == m_images.constEnd())
        return nullptr;
    m_lru.removeOne(path);
    m_lru.append(path);
    return it.value();
}

void ImageCache::request(const QString &path)
{
    if (path.isEmpty() || m_images.contains(path) || m_running.contains(path))
        return;
    auto *watcher = new QFutureWatcher<DecodedImage>(this);
    m_running.insert(path, watcher);
    connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, path, watcher] {
        m_running.remove(path);
        finished(path, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [path] { return decodeImage(path); }));
}

void ImageCache::setWanted(const QStringList &paths)
{
    m_wanted = paths;
    for (const auto &p : paths)
        request(p);
}

void ImageCache::setBudget(qint64 bytes)
{
    m_budget = bytes;
    evict();
}

void ImageCache::waitForIdle()
{
    while (!m_running.isEmpty()) {
        const auto path = m_running.constBegin().key();
        auto *w = m_running.constBegin().value();
        w->waitForFinished();
        // Deliver now rather than through the event loop.
        w->disconnect(this);
        m_running.remove(path);
        finished(path, w->result());
        w->deleteLater();
    }
}

void ImageCache::finished(const QString &path, const DecodedImage &image)
{
    auto shared = std::make_shared<const DecodedImage>(image);
    m_bytes += shared->bytes();
    m_images.insert(path, std::move(shared));
    m_lru.removeOne(path);
    m_lru.append(path);
    evict();
    emit ready(path);
}

void ImageCache::evict()
{
    for (int i = 0; i < m_lru.size() && m_bytes > m_budget;) {
        const QString p = m_lru.at(i);
        if (m_wanted.contains(p)) {
            ++i;
            continue;
        }
        m_bytes -= m_images.value(p)->bytes();
        m_images.remove(p);
        m_lru.removeAt(i);
    }
}

} // namespace concord::ui
