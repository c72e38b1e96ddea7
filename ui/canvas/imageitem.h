// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/image/decodedimage.h"

#include "ui/image/imageadjustment.h"

#include <QGraphicsItem>

#include <memory>

template <typename T>
class QFutureWatcher;

namespace concord::ui {

/// The picture under the annotations. Item coordinates are image pixels. paint() picks the
/// pyramid level that matches the zoom and draws only the exposed part of it, so
/// showing a huge image costs about as much as the screen area it covers. Zoomed in beyond the
/// in-memory levels of an image too large for memory, it reads the tiles of a full-resolution
/// level instead (TiledImage), again only those under the exposed part. Tiles not yet in
/// memory are read on a worker thread while a coarser level is shown, so that no frame waits
/// on the disk.
class ImageItem final : public QGraphicsItem
{
public:
    ImageItem();
    ~ImageItem() override;

    void setImage(std::shared_ptr<const DecodedImage> image, QSize nominalSize);
    /// How the picture is shown (never what is stored): applied to the exposed part per frame.
    void setAdjustment(const ImageAdjustment &adjustment);
    const ImageAdjustment &adjustment() const { return m_adjustment; }
    const DecodedImage *image() const { return m_image.get(); }
    /// True while tiles for the last paint are being read (it repaints when they are in).
    bool isLoadingTiles() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /// Paints from the image's full-resolution tiles; false when they cannot be read.
    bool paintTiles(QPainter *painter, const QRectF &exposed, double viewScale);

    /// The exposed part of `level` (source rect `src`) as it is shown: adjusted when needed.
    void drawLevel(QPainter *painter, const QRectF &target, const QImage &level, const QRect &src);
    void updateTable();

    std::shared_ptr<const DecodedImage> m_image;
    ImageAdjustment m_adjustment;
    std::array<std::uint8_t, 256> m_table{};
    std::array<std::uint32_t, 256> m_histogram{}; ///< of the smallest level, for equalisation
    QImage m_tileBuffer; ///< the exposed region copied out of the tiles, reused from frame to frame
    /// Reads missing tiles on a worker; the item repaints when they are in.
    std::unique_ptr<QFutureWatcher<bool>> m_loader;
    QSize m_size;
};

} // namespace concord::ui
