// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/thumbnailgriddelegate.h"

#include "ui/lead/thumbnailgridmodel.h"

#include <QApplication>
#include <QPainter>

namespace concord::ui {

namespace {
constexpr int kPad = 4;
constexpr int kBadgeHeight = 16;
} // namespace

ThumbnailGridDelegate::ThumbnailGridDelegate(int thumbnailSide, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_side(thumbnailSide)
{
}

QString ThumbnailGridDelegate::badgeText(const QString &labeler)
{
    return labeler.left(3);
}

QSize ThumbnailGridDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return {m_side + 2 * kPad, kPad + m_side + kPad + line + kPad + kBadgeHeight + kPad};
}

void ThumbnailGridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect;
    if (option.state & QStyle::State_Selected)
        painter->fillRect(r, option.palette.highlight());

    const QImage image = index.data(Qt::DecorationRole).value<QImage>();
    const QRect imageBox(r.left() + kPad, r.top() + kPad, m_side, m_side);
    if (!image.isNull()) {
        const QSize s = image.size().scaled(imageBox.size(), Qt::KeepAspectRatio);
        const QRect target(imageBox.left() + (m_side - s.width()) / 2, imageBox.top() + (m_side - s.height()) / 2,
                           s.width(), s.height());
        painter->drawImage(target, image);
    }

    const int line = option.fontMetrics.height();
    const QRect textBox(r.left() + kPad, imageBox.bottom() + kPad, m_side, line);
    painter->setPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                          : option.palette.text().color());
    painter->drawText(textBox, Qt::AlignCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, m_side));

    const QVariantList votes = index.data(ThumbnailGridModel::VotesRole).toList();
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    painter->setFont(small);
    const QFontMetrics fm(small);
    int x = r.left() + kPad;
    const int y = textBox.bottom() + kPad;
    const int badgeWidth =
        votes.isEmpty() ? 0 : std::min(44, (m_side - 2 * (int(votes.size()) - 1)) / int(votes.size()));
    for (const QVariant &v : votes) {
        const QVariantMap m = v.toMap();
        const QColor colour = m.value(QStringLiteral("color")).value<QColor>();
        const QRect badge(x, y, badgeWidth, kBadgeHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour.isValid() ? colour : QColor(Qt::gray));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(colour.isValid() && colour.lightnessF() < 0.55 ? Qt::white : Qt::black);
        painter->drawText(
            badge, Qt::AlignCenter,
            fm.elidedText(badgeText(m.value(QStringLiteral("labeler")).toString()), Qt::ElideRight, badgeWidth - 2));
        x += badgeWidth + 2;
    }
    painter->restore();
}

} // namespace concord::ui
