// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/decodedimage.h"

#include <QGraphicsItem>

#include <memory>

namespace concord::ui {

/// The picture under the annotations. Item coordinates are image pixels. paint() picks the
/// pyramid level that matches the zoom and draws only the exposed part of it, so
/// showing a huge image costs about as much as the screen area it covers. Zoomed in beyond the
/// in-memory levels of an image too large for memory, it reads the tiles of a full-resolution
/// level instead (TiledImage), again only those under the exposed part.
class ImageItem final : public QGraphicsItem
{
public:
    ImageItem();

    void setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize);
    const DecodedImage *image() const { return m_image.get(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /// Paints from the image's full-resolution tiles; false when they cannot be read.
    bool paintTiles(QPainter *painter, const QRectF &exposed, double viewScale) const;

    std::shared_ptr<const DecodedImage> m_image;
    QSize m_size;
};

} // namespace concord::ui
