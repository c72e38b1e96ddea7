// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/imageitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>


namespace concord::ui {

ImageItem::ImageItem()
{
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(-1);
}

void ImageItem::setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize)
{
    prepareGeometryChange();
    m_image = std::move(image);
    m_size = m_image && m_image->size.isValid() ? m_image->size : nominalSize;
    update();
}

QRectF ImageItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), QSizeF(m_size));
}

void ImageItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF exposed = option->exposedRect.intersected(boundingRect());
    if (!m_image || m_image->levels.empty() || exposed.isEmpty()) {
        painter->fillRect(exposed, QColor(0x30, 0x30, 0x30));
        return;
    }
    // Device pixels per image pixel (HiDPI screens have more device pixels than logical ones).
    const double dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const double viewScale =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) * dpr;
    const std::size_t li = m_image->levelForScale(viewScale);
    const QImage &level = m_image->levels[li];
    const double s = m_image->scaleOfLevel(li);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, viewScale * 1.01 < s);

    // Only the exposed region of the level is read: with the pyramid this keeps the cost of a
    // repaint proportional to the screen, not to the image.
    const QRect src = QRectF(exposed.topLeft() * s, exposed.bottomRight() * s).toAlignedRect()
                          .intersected(level.rect());
    const QRectF dst(src.x() / s, src.y() / s, src.width() / s, src.height() / s);
    painter->drawImage(dst, level, src);
}

} // namespace concord::ui
