// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/previewthumbnails.h"

#include "ui/scaledimage.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace concord::ui {

PreviewThumbnails::PreviewThumbnails(int side, QObject *parent)
    : QObject(parent)
    , m_side(side)
{
}

QImage PreviewThumbnails::get(const QString &path)
{
    const auto it = m_cache.constFind(path);
    if (it != m_cache.constEnd())
        return *it;
    if (m_pending.contains(path) || path.isEmpty())
        return {};
    m_pending.insert(path);
    QPointer<PreviewThumbnails> self(this);
    const int side = m_side;
    QThreadPool::globalInstance()->start([self, path, side] {
        const QImage img = readScaledImage(path, side);
        QMetaObject::invokeMethod(
            qApp,
            [self, path, img] {
                if (!self)
                    return;
                self->m_pending.remove(path);
                self->m_cache.insert(path, img);
                emit self->ready(path, img);
            },
            Qt::QueuedConnection);
    });
    return {};
}

} // namespace concord::ui
