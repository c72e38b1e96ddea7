// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/imageitem.h"

#include "ui/tiledimage.h"

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
    if (m_image->tiles && viewScale > m_image->scaleOfLevel(0) * 1.001 && paintTiles(painter, exposed, viewScale))
        return;
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

bool ImageItem::paintTiles(QPainter *painter, const QRectF &exposed, double viewScale) const
{
    // Zoomed in beyond the in-memory levels: copy the exposed part of the matching tiled level
    // out of its tiles and draw it in one go (one scaled draw has no seams between tiles).
    const TiledImage &tiles = *m_image->tiles;
    const std::size_t li = tiles.levelForScale(viewScale);
    const double s = tiles.scaleOfLevel(li);
    const QRect src = QRectF(exposed.topLeft() * s, exposed.bottomRight() * s).toAlignedRect()
                          .intersected(QRect(QPoint(0, 0), tiles.levels()[li].size));
    const QImage region = tiles.region(li, src);
    if (region.isNull())
        return false;
    painter->setRenderHint(QPainter::SmoothPixmapTransform, viewScale * 1.01 < s);
    painter->drawImage(QRectF(src.x() / s, src.y() / s, src.width() / s, src.height() / s), region);
    return true;
}

} // namespace concord::ui
