// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/decodedimage.h"

#include <QGraphicsItem>

#include <memory>

namespace concord::ui {

/// The picture under the annotations. Item coordinates are image pixels. paint() picks the
/// pyramid level that matches the zoom and draws only the exposed part of it, so
/// showing a huge image costs about as much as the screen area it covers.
class ImageItem final : public QGraphicsItem
{
public:
    ImageItem();

    void setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize);
    const DecodedImage *image() const { return m_image.get(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    std::shared_ptr<const DecodedImage> m_image;
    QSize m_size;
};

} // namespace concord::ui
