// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/imagecache.h"

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
    for (const auto &r : std::as_const(m_running)) {
        r.watcher->disconnect(this);
        r.cancel->store(true);
    }
    m_pool.waitForDone();
}

QString ImageCache::key(const QString &path, Detail detail)
{
    return detail == Detail::Full ? path + QStringLiteral("\n#full") : path;
}

std::shared_ptr<const DecodedImage> ImageCache::get(const QString &path, Detail detail)
{
    const QString k = key(path, detail);
    const auto it = m_images.constFind(k);
    if (it == m_images.constEnd())
        return nullptr;
    m_lru.removeOne(k);
    m_lru.append(k);
    return it.value();
}

void ImageCache::request(const QString &path, Detail detail)
{
    const QString k = key(path, detail);
    if (path.isEmpty() || m_images.contains(k))
        return;
    if (const auto it = m_running.constFind(k); it != m_running.constEnd()) {
        it->cancel->store(false); // wanted again before it stopped
        return;
    }
    auto *watcher = new QFutureWatcher<DecodedImage>(this);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_running.insert(k, Running{watcher, cancel});
    connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, k, path, detail, watcher] {
        m_running.remove(k);
        const DecodedImage result = watcher->result();
        watcher->deleteLater();
        if (!result.cancelled)
            finished(k, result);
        else if (m_wanted.contains(k)) // stopped just as it was wanted again
            request(path, detail);
    });
    const int side = detail == Detail::Full ? 0 : m_screenSide;
    const QSize box = detail == Detail::Full ? QSize() : m_fitBox;
    const bool check = detail == Detail::Screen;
    watcher->setFuture(QtConcurrent::run(&m_pool, [path, side, box, cancel, check] {
        // The screen-size decode checks the file; the full one only learns damage on its way.
        return decodeImage(path, side, box, 100'000'000, 1024, cancel.get(), check);
    }));
}

void ImageCache::setWanted(const QStringList &paths, const QString &full)
{
    m_wanted = paths;
    if (!full.isEmpty())
        m_wanted << key(full, Detail::Full);
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        if (!m_wanted.contains(it.key()))
            it->cancel->store(true);
    for (const auto &p : paths)
        request(p);
    if (!full.isEmpty())
        request(full, Detail::Full);
}

void ImageCache::forgetFailure(const QString &path)
{
    for (const Detail d : {Detail::Screen, Detail::Full}) {
        const QString k = key(path, d);
        const auto it = m_images.constFind(k);
        if (it == m_images.constEnd() || !it.value()->levels.empty())
            continue;
        m_bytes -= it.value()->bytes();
        m_images.erase(it);
        m_lru.removeOne(k);
    }
}

void ImageCache::forget(const QString &path)
{
    for (const Detail d : {Detail::Screen, Detail::Full}) {
        const QString k = key(path, d);
        const auto it = m_images.constFind(k);
        if (it == m_images.constEnd())
            continue;
        m_bytes -= it.value()->bytes();
        m_images.erase(it);
        m_lru.removeOne(k);
    }
}

void ImageCache::clear()
{
    m_images.clear();
    m_lru.clear();
    m_bytes = 0;
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
        auto *w = m_running.constBegin().value().watcher;
        w->waitForFinished();
        // Deliver now rather than through the event loop.
        w->disconnect(this);
        m_running.remove(path);
        if (!w->result().cancelled)
            finished(path, w->result());
        w->deleteLater();
    }
}

void ImageCache::finished(const QString &k, const DecodedImage &image)
{
    auto shared = std::make_shared<const DecodedImage>(image);
    m_bytes += shared->bytes();
    m_images.insert(k, shared);
    m_lru.removeOne(k);
    m_lru.append(k);
    evict();
    const bool full = k.endsWith(QStringLiteral("\n#full"));
    emit ready(full ? k.chopped(6) : k, full ? Detail::Full : Detail::Screen);
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
