// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace concord::ui {

/// Where an image lies in a painted widget that zooms and pans (the adjudication picture): a
/// scale (widget pixels per image pixel) and the image point at the widget's centre. The
/// arithmetic of fitting, zooming about a point and dragging, in one place for the widgets
/// that paint an image themselves rather than through a QGraphicsView.
class ViewTransform
{
public:
    static constexpr double kMinScale = 0.02;
    static constexpr double kMaxScale = 40.0;
    static constexpr double kStep = 1.25; ///< one zoom step (a wheel notch, + or -)

    /// Frames `image` (in image pixels) in a widget of `widget` size, with `margin` image
    /// pixels around it, the aspect kept.
    void fit(const QRectF &image, QSizeF widget, double margin = 0.0);
    /// Multiplies the scale by `factor` (clamped) keeping the image point under `anchor`
    /// (widget pixels) where it is.
    void zoomAbout(double factor, QPointF anchor, QSizeF widget);
    /// Moves the picture by `delta` widget pixels (a drag).
    void pan(QPointF delta) { m_center -= delta / m_scale; }

    QPointF toWidget(QPointF image, QSizeF widget) const;
    QPointF toImage(QPointF widget, QSizeF widgetSize) const;
    double scale() const { return m_scale; }
    QPointF center() const { return m_center; }

private:
    double m_scale = 1.0;
    QPointF m_center;
};

} // namespace concord::ui
