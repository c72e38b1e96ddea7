// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"

#include "ui/canvas/viewtransform.h"
#include "ui/image/imageadjustment.h"

#include <QColor>

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace concord::ui {

/// The image of one conflict with every labeler's shapes drawn over it, each labeler in their
/// own colour and switchable on and off, each shape's tag (who drew it, a line's length) moved
/// down until it overlaps no other tag. Read-only: the lead decides the class, not the shapes.
/// It zooms like the labeling view, about the cursor with the wheel, pans by dragging, and a
/// double-click (or fitToWindow()) fits the image again; a new image is fitted.
class AdjudicationCanvas final : public QWidget
{
    Q_OBJECT

public:
    struct Layer
    {
        QString labeler;
        QColor color;
        std::vector<core::Annotation> annotations;
        bool visible = true;
    };

    explicit AdjudicationCanvas(QWidget *parent = nullptr);

    /// `image` may be decoded smaller than the file; `fullSize` is the file's size in pixels,
    /// the space the annotations' geometry is in.
    void setImage(const QImage &image, QSize fullSize, const QString &error = {});
    void setLayers(std::vector<Layer> layers);
    void setLayerVisible(int index, bool visible);
    /// How the picture is shown (brightness, contrast, gamma, invert, equalise), kept across
    /// conflicts until reset; never what is stored.
    void setAdjustment(const ImageAdjustment &adjustment);
    const ImageAdjustment &adjustment() const { return m_adjustment; }
    const std::vector<Layer> &layers() const { return m_layers; }
    bool hasImage() const { return !m_image.isNull(); }

    QSize sizeHint() const override { return {640, 480}; }

    void zoomIn();
    void zoomOut();
    void fitToWindow();
    /// Whether the image is fitted (and stays so when the widget is resized).
    bool isFitted() const { return m_fitted; }
    /// Widget pixels per image pixel.
    double scale() const { return m_view.scale(); }
    /// Where an image point is in the widget now.
    QPointF toWidget(QPointF image) const { return m_view.toWidget(image, size()); }
    /// The rectangles the shapes' tags were drawn in at the last paint (tests: none overlap).
    const std::vector<QRectF> &tagRects() const { return m_tagRects; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void updateShown();

    QImage m_image;
    QImage m_shown; ///< m_image as adjusted
    ImageAdjustment m_adjustment;
    QSize m_fullSize;
    QString m_error;
    std::vector<Layer> m_layers;
    ViewTransform m_view;
    bool m_fitted = true;
    bool m_dragging = false;
    QPointF m_dragFrom;
    std::vector<QRectF> m_tagRects;
};

} // namespace concord::ui
