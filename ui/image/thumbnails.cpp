// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/image/thumbnails.h"

#include "ui/image/scaledimage.h"

#include <QCache>
#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QThreadPool>

#include <vector>

namespace concord::ui {

/// The state behind every Thumbnails client: one pool, one cache, one list of waiting clients
/// per (size, file). Lives on the GUI thread; workers only decode and post the result back.
class ThumbnailService final : public QObject
{
public:
    static ThumbnailService &instance()
    {
        // Parented to the application, so it goes (and waits for its decodes) with it.
        static QPointer<ThumbnailService> service;
        if (!service)
            service = new ThumbnailService(QCoreApplication::instance());
        return *service;
    }

    explicit ThumbnailService(QObject *parent)
        : QObject(parent)
        , m_cache(64LL * 1024 * 1024) // bytes: about four thousand 64 px thumbnails
    {
        m_pool.setMaxThreadCount(2);
        m_pool.setObjectName(QStringLiteral("concord-thumbnails"));
    }

    ~ThumbnailService() override
    {
        m_pool.clear();
        m_pool.waitForDone();
    }

    static QString key(const QString &path, int side) { return QString::number(side) + QLatin1Char('|') + path; }

    const QImage *cached(const QString &path, int side) const { return m_cache.object(key(path, side)); }

    void request(Thumbnails *client, const QString &path, int side)
    {
        const QString k = key(path, side);
        auto &waiting = m_waiting[k];
        const bool started = !waiting.empty();
        for (const auto &c : waiting)
            if (c == client)
                return;
        waiting.emplace_back(client);
        if (started)
            return;
        ++client->m_requested;
        QPointer<ThumbnailService> self(this);
        // Newest first: a higher priority for every later request.
        m_pool.start(
            [self, k, path, side] {
                const QImage image = readScaledImage(path, side);
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [self, k, path, image] {
                        if (self)
                            self->finished(k, path, image);
                    },
                    Qt::QueuedConnection);
            },
            ++m_priority);
    }

    void clear() { m_cache.clear(); }
    void waitForIdle()
    {
        m_pool.waitForDone();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    }

private:
    void finished(const QString &k, const QString &path, const QImage &image)
    {
        m_cache.insert(k, new QImage(image), std::max<qsizetype>(1, image.sizeInBytes()));
        const auto waiting = m_waiting.take(k);
        for (const auto &c : waiting)
            if (c)
                emit c->ready(path, image);
    }

    QThreadPool m_pool;
    QCache<QString, QImage> m_cache;
    QHash<QString, std::vector<QPointer<Thumbnails>>> m_waiting;
    int m_priority = 0;
};

Thumbnails::Thumbnails(int side, QObject *parent)
    : QObject(parent)
    , m_side(side)
{
}

Thumbnails::~Thumbnails() = default;

QImage Thumbnails::get(const QString &path)
{
    if (path.isEmpty())
        return {};
    auto &service = ThumbnailService::instance();
    if (const QImage *image = service.cached(path, m_side))
        return *image;
    service.request(this, path, m_side);
    return {};
}

bool Thumbnails::isReady(const QString &path) const
{
    return ThumbnailService::instance().cached(path, m_side) != nullptr;
}

void Thumbnails::clearCache()
{
    ThumbnailService::instance().clear();
}

void Thumbnails::waitForIdle()
{
    ThumbnailService::instance().waitForIdle();
}

} // namespace concord::ui
