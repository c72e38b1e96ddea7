// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/thumbnailgridmodel.h"

#include <QMimeData>

namespace concord::ui {

ThumbnailGridModel::ThumbnailGridModel(QObject *parent)
    : PagedListModel(kPageSize, parent)
    , m_thumbnails(new Thumbnails(m_side, this))
    , m_placeholder(m_side, m_side, QImage::Format_RGB32)
    , m_unreadable(m_side, m_side, QImage::Format_RGB32)
{
    m_placeholder.fill(QColor(0x50, 0x50, 0x50));
    m_unreadable.fill(QColor(0x70, 0x20, 0x20)); // a dark red square says the file could not be read
    connect(m_thumbnails, &Thumbnails::ready, this, &ThumbnailGridModel::loaded);
}

ThumbnailGridModel::~ThumbnailGridModel() = default;

void ThumbnailGridModel::setEntries(std::vector<Entry> entries)
{
    // Thumbnails are asked for only when a view shows a row (data()); the service serves the
    // newest requests first, so this cluster's fill before what was asked for the last one.
    resetRows([&] { m_entries = std::move(entries); });
}

void ThumbnailGridModel::loaded(const QString &path)
{
    for (std::size_t i = 0; i < static_cast<std::size_t>(rowCount()); ++i)
        if (m_entries[i].path == path)
            emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)), {Qt::DecorationRole, LoadedRole});
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
            ids +=
                QByteArray::number(static_cast<qlonglong>(m_entries[static_cast<std::size_t>(i.row())].image)) + '\n';
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
    case Qt::DisplayRole: return e.name;
    case Qt::DecorationRole: {
        const QImage image = m_thumbnails->get(e.path); // asks for it when not made yet
        if (!image.isNull())
            return image;
        return m_thumbnails->isReady(e.path) ? m_unreadable : m_placeholder;
    }
    case LoadedRole: return m_thumbnails->isReady(e.path);
    case Qt::ToolTipRole: {
        QString tip = e.name;
        for (const auto &v : e.votes)
            tip += QStringLiteral("\n%1: %2").arg(v.labeler, v.cls);
        return tip;
    }
    case ImageIdRole: return QVariant::fromValue<qint64>(e.image);
    case PathRole: return e.path;
    case VotesRole: {
        QVariantList list;
        for (const auto &v : e.votes)
            list.append(QVariantMap{{QStringLiteral("labeler"), v.labeler},
                                    {QStringLiteral("class"), v.cls},
                                    {QStringLiteral("color"), v.color}});
        return list;
    }
    default: return {};
    }
}

} // namespace concord::ui
