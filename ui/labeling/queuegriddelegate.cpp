// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/labeling/queuegriddelegate.h"

#include "ui/image/thumbnails.h"
#include "ui/models/queuemodel.h"

#include <QPainter>

namespace concord::ui {

namespace {
constexpr int kPad = 4;
constexpr int kBar = 5;
} // namespace

QueueGridDelegate::QueueGridDelegate(int side, std::function<QString(qint64)> pathOf, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_side(side)
    , m_pathOf(std::move(pathOf))
    , m_thumbnails(new Thumbnails(side, this))
{
    connect(m_thumbnails, &Thumbnails::ready, this, &QueueGridDelegate::thumbnailReady);
}

QSize QueueGridDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {m_side + 2 * kPad, kPad + m_side + kBar + kPad + 2 * option.fontMetrics.height() + kPad};
}

void QueueGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(r, option.palette.highlight());

    const QRect imageBox(r.left() + kPad, r.top() + kPad, m_side, m_side);
    const QImage image = m_thumbnails->get(m_pathOf(index.data(QueueModel::ImageIdRole).toLongLong()));
    if (!image.isNull()) {
        const QSize s = image.size().scaled(imageBox.size(), Qt::KeepAspectRatio);
        painter->drawImage(QRect(imageBox.left() + (m_side - s.width()) / 2, imageBox.top() + (m_side - s.height()) / 2,
                                 s.width(), s.height()),
                           image);
    } else {
        painter->fillRect(imageBox, option.palette.alternateBase());
    }
    // The list's swatch (class colour, grey when skipped) or its icon (missing, damaged).
    const QVariant decoration = index.data(Qt::DecorationRole);
    const QRect bar(imageBox.left(), imageBox.bottom() + 1, m_side, kBar);
    if (decoration.canConvert<QColor>() && decoration.userType() == QMetaType::QColor)
        painter->fillRect(bar, decoration.value<QColor>());
    else if (const QIcon icon = decoration.value<QIcon>(); !icon.isNull())
        icon.paint(painter, QRect(imageBox.right() - 20, imageBox.top() + 2, 18, 18));

    // Two lines: the image (its number or file name), then what the labeler did with it.
    const QString text = index.data(Qt::DisplayRole).toString();
    const qsizetype dot = text.indexOf(QStringLiteral("  \u00b7 "));
    const QString name = (dot < 0 ? text : text.left(dot)).trimmed();
    const QString status = dot < 0 ? QString() : text.mid(dot + 4).trimmed();
    const int line = option.fontMetrics.height();
    painter->setPen(selected ? option.palette.highlightedText().color() : option.palette.text().color());
    painter->drawText(QRect(r.left() + kPad, bar.bottom() + kPad, m_side, line), Qt::AlignCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, m_side));
    painter->drawText(QRect(r.left() + kPad, bar.bottom() + kPad + line, m_side, line), Qt::AlignCenter,
                      option.fontMetrics.elidedText(status, Qt::ElideRight, m_side));
    painter->restore();
}

} // namespace concord::ui
