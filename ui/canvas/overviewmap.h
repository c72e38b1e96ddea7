// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QRectF>
#include <QWidget>

namespace concord::ui {

/// The overview of a zoomed image (issue #19, "a minimap/overview when zoomed"): the whole
/// image small, in a corner of the canvas, with the part the view shows outlined. A click or a
/// drag on it asks to centre the view there. The canvas shows it only while the image does not
/// fit the view; it knows nothing of the canvas (coordinates are image pixels).
class OverviewMap final : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewMap(QWidget *parent = nullptr);

    /// The picture (any level of the decoded image) and the image's full size in pixels.
    void setPicture(const QImage &picture, QSizeF imageSize);
    /// The part of the image the view shows, in image pixels.
    void setVisibleRect(const QRectF &rect);
    QRectF visibleRect() const { return m_visible; }
    /// Longest side of the map in widget pixels.
    static constexpr int kSide = 160;

    /// The image point under `pos` (widget coordinates), clamped to the image.
    QPointF imagePointAt(QPointF pos) const;
    /// Where `point` (image pixels) lies on the map.
    QPointF mapPointOf(QPointF point) const;

signals:
    void centerRequested(QPointF imagePoint);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QRectF pictureRect() const; ///< where the picture is drawn, inside the frame

    QImage m_picture;
    QSizeF m_imageSize;
    QRectF m_visible;
};

} // namespace concord::ui
