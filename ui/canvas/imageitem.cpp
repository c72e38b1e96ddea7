// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/imageitem.h"

#include "ui/image/tiledimage.h"

#include <QFutureWatcher>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtConcurrent/QtConcurrentRun>

namespace concord::ui {

ImageItem::ImageItem()
{
    setFlag(ItemUsesExtendedStyleOption);
    setZValue(-1);
}

ImageItem::~ImageItem()
{
    if (m_loader)
        m_loader->disconnect(); // the worker holds its own reference to the tiles
}

void ImageItem::setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize)
{
    prepareGeometryChange();
    m_image = std::move(image);
    m_size = m_image && m_image->size.isValid() ? m_image->size : nominalSize;
    m_histogram = m_image && !m_image->levels.empty() ? luminanceHistogram(m_image->levels.back())
                                                      : std::array<std::uint32_t, 256>{};
    updateTable();
    update();
}

void ImageItem::setAdjustment(const ImageAdjustment &adjustment)
{
    if (adjustment == m_adjustment)
        return;
    m_adjustment = adjustment;
    updateTable();
    update();
}

void ImageItem::updateTable()
{
    m_table = adjustmentTable(m_adjustment, &m_histogram);
}

void ImageItem::drawLevel(QPainter *painter, const QRectF &target, const QImage &level, const QRect &src)
{
    if (m_adjustment.isIdentity()) {
        painter->drawImage(target, level, src);
        return;
    }
    // Only the exposed part is adjusted, so the cost follows the screen, not the image.
    painter->drawImage(target, applyAdjustment(level.copy(src), m_table));
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
    const double viewScale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()) * dpr;
    if (m_image->tiles && viewScale > m_image->scaleOfLevel(0) * 1.001 && paintTiles(painter, exposed, viewScale))
        return;
    const std::size_t li = m_image->levelForScale(viewScale);
    const QImage &level = m_image->levels[li];
    const double s = m_image->scaleOfLevel(li);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, viewScale * 1.01 < s);

    // Only the exposed region of the level is read: with the pyramid this keeps the cost of a
    // repaint proportional to the screen, not to the image.
    const QRect src =
        QRectF(exposed.topLeft() * s, exposed.bottomRight() * s).toAlignedRect().intersected(level.rect());
    const QRectF dst(src.x() / s, src.y() / s, src.width() / s, src.height() / s);
    drawLevel(painter, dst, level, src);
}

bool ImageItem::paintTiles(QPainter *painter, const QRectF &exposed, double viewScale)
{
    // Zoomed in beyond the in-memory levels: copy the exposed part of the matching tiled level
    // out of its tiles and draw it in one go (one scaled draw has no seams between tiles).
    const std::shared_ptr<const TiledImage> tiles = m_image->tiles;
    const auto sourceRect = [&](std::size_t level) {
        const double s = tiles->scaleOfLevel(level);
        return QRectF(exposed.topLeft() * s, exposed.bottomRight() * s)
            .toAlignedRect()
            .intersected(QRect(QPoint(0, 0), tiles->levels()[level].size));
    };
    std::size_t wanted = tiles->levelForScale(viewScale);
    // A view larger than the tile cache (a very large screen) takes the next coarser level
    // rather than reading tiles that would push each other out.
    while (wanted + 1 < tiles->levels().size() && tiles->tileCount(wanted, sourceRect(wanted)) > tiles->cacheSlots())
        ++wanted;
    std::size_t li = wanted;
    if (!tiles->isCached(wanted, sourceRect(wanted))) {
        // Read the missing tiles on a worker (one read at a time; the repaint it triggers asks
        // again for whatever is still missing) and show the finest level already in memory.
        if (!m_loader || m_loader->isFinished()) {
            m_loader = std::make_unique<QFutureWatcher<bool>>();
            QObject::connect(m_loader.get(), &QFutureWatcher<bool>::finished, m_loader.get(), [this] {
                if (m_loader && m_loader->result())
                    update();
            });
            m_loader->setFuture(
                QtConcurrent::run([tiles, wanted, rect = sourceRect(wanted)] { return tiles->load(wanted, rect); }));
        }
        li = tiles->levels().size();
        for (std::size_t k = wanted + 1; k < tiles->levels().size(); ++k)
            if (tiles->isCached(k, sourceRect(k))) {
                li = k;
                break;
            }
        if (li == tiles->levels().size())
            return false; // the in-memory levels, enlarged
    }
    const double s = tiles->scaleOfLevel(li);
    const QRect src = sourceRect(li);
    // A level has fewer than twice the pixels per image pixel the view needs, so a buffer
    // twice the exposed size in device pixels fits every level: allocated once, not per zoom.
    const QSize most = (exposed.size() * viewScale * 2).toSize().expandedTo(src.size());
    if (m_tileBuffer.width() < src.width() || m_tileBuffer.height() < src.height())
        m_tileBuffer = TiledImage::allocateBuffer(most, QImage::Format_RGB32); // grey is expanded into it
    if (tiles->region(li, src, m_tileBuffer).isEmpty())
        return false;
    painter->setRenderHint(QPainter::SmoothPixmapTransform, viewScale * 1.01 < s);
    drawLevel(painter, QRectF(src.x() / s, src.y() / s, src.width() / s, src.height() / s), m_tileBuffer,
              QRect(QPoint(0, 0), src.size()));
    return true;
}

bool ImageItem::isLoadingTiles() const
{
    return m_loader && !m_loader->isFinished();
}

} // namespace concord::ui
