// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/thumbnailgridmodel.h"

#include "ui/scaledimage.h"

#include <QMimeData>
#include <QPointer>

namespace concord::ui {

ThumbnailGridModel::ThumbnailGridModel(QObject *parent)
    : PagedListModel(kPageSize, parent)
    , m_cache(64LL * 1024 * 1024) // bytes: about a thousand 128 px thumbnails
    , m_placeholder(m_side, m_side, QImage::Format_RGB32)
{
    m_pool.setMaxThreadCount(2);
    m_placeholder.fill(QColor(0x50, 0x50, 0x50));
}

ThumbnailGridModel::~ThumbnailGridModel()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ThumbnailGridModel::setEntries(std::vector<Entry> entries)
{
    resetRows([&] {
        m_pool.clear(); // decodes not started yet are for the previous cluster
        m_pending.clear();
        ++m_generation;
        m_entries = std::move(entries);
    });
}

void ThumbnailGridModel::request(int row) const
{
    const QString path = m_entries[static_cast<std::size_t>(row)].path;
    if (m_pending.contains(path))
        return;
    m_pending.insert(path);
    ++m_started;
    const int side = m_side;
    const int generation = m_generation;
    QPointer<ThumbnailGridModel> self(const_cast<ThumbnailGridModel *>(this));
    m_pool.start([self, path, side, generation] {
        QImage image = readScaledImage(path, side);
        if (image.isNull()) { // unreadable: a dark red square says so
            image = QImage(side, side, QImage::Format_RGB32);
            image.fill(QColor(0x70, 0x20, 0x20));
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, path, image] {
                if (self)
                    self->loaded(generation, path, image);
            },
            Qt::QueuedConnection);
    });
}

void ThumbnailGridModel::loaded(int generation, const QString &path, const QImage &image)
{
    if (generation != m_generation)
        return;
    m_pending.remove(path);
    m_cache.insert(path, new QImage(image), static_cast<qsizetype>(image.sizeInBytes()));
    for (std::size_t i = 0; i < static_cast<std::size_t>(rowCount()); ++i)
        if (m_entries[i].path == path)
            emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)),
                             {Qt::DecorationRole, LoadedRole});
}

Qt::ItemFlags ThumbnailGridModel::flags(const QModelIndex &index) const
{
    return PagedListModel::flags(index) | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList ThumbnailGridModel::mimeTypes() const
{
    return {imageIdsMimeType()};
}

QMimeData *ThumbnailGridModel::mimeData(const QModelIndexList &indexes) const
{
    QByteArray ids;
    for (const QModelIndex &i : indexes)
        if (checkIndex(i, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            ids += QByteArray::number(static_cast<qlonglong>(m_entries[static_cast<std::size_t>(i.row())].image)) + '\n';
    auto *mime = new QMimeData;
    mime->setData(imageIdsMimeType(), ids);
    return mime;
}

QVariant ThumbnailGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return e.name;
    case Qt::DecorationRole: {
        if (const QImage *img = m_cache.object(e.path))
            return *img;
        request(index.row());
        return m_placeholder;
    }
    case LoadedRole:
        return m_cache.contains(e.path);
    case Qt::ToolTipRole: {
        QString tip = e.name;
        for (const auto &v : e.votes)
            tip += QStringLiteral("\n%1: %2").arg(v.labeler, v.cls);
        return tip;
    }
    case ImageIdRole:
        return QVariant::fromValue<qint64>(e.image);
    case PathRole:
        return e.path;
    case VotesRole: {
        QVariantList list;
        for (const auto &v : e.votes)
            list.append(QVariantMap{{QStringLiteral("labeler"), v.labeler},
                                    {QStringLiteral("class"), v.cls},
                                    {QStringLiteral("color"), v.color}});
        return list;
    }
    default:
        return {};
    }
}

} // namespace concord::ui
