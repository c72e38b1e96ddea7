// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/types.h"
#include "ui/canvas/viewtransform.h"
#include "ui/image/imageadjustment.h"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

namespace concord::ui {

/// One unresolved object over its image: every labeler's member shape in the labeler's colour
/// and the engine's proposal (the fused shape) dashed, with a legend of who drew what stacked
/// in a corner, so tags never overlap however close the shapes are. Zoom with the wheel or
/// zoomIn()/zoomOut() (about the cursor or the centre), pan by dragging; fitObject() frames
/// the object with a margin, so a 20 px scratch on a 2000 px plate is large enough to judge.
/// Read-only: the lead decides the object, the shapes stay the labelers'.
class ObjectCanvas final : public QWidget
{
    Q_OBJECT

public:
    struct Shape
    {
        QString tag;  ///< the legend's text ("ana · scratch · IoU 0.62")
        QColor color; ///< the labeler's; ignored for the proposal
        core::AnnotationKind kind = core::AnnotationKind::Box;
        std::vector<std::pair<double, double>> points; ///< image pixels (a box: two corners)
    };

    explicit ObjectCanvas(QWidget *parent = nullptr);

    /// `image` may be decoded smaller than the file; `fullSize` is the file's size in pixels,
    /// the space the shapes are in. A null image shows `message` instead.
    void setImage(const QImage &image, QSize fullSize, const QString &message = {});
    /// The members and the proposal; frames them (fitObject()).
    void setObject(std::vector<Shape> members, Shape proposal);
    void clearObject();
    /// How the picture is shown (brightness, contrast, invert, equalise), the page's keys, kept
    /// across objects until reset; never what is stored.
    void setAdjustment(const ImageAdjustment &adjustment);
    const ImageAdjustment &adjustment() const { return m_adjustment; }

    /// Frames the object's shapes with a margin of their own size (at least kMinMarginPx).
    void fitObject();
    void zoomIn();
    void zoomOut();

    const std::vector<Shape> &members() const { return m_members; }
    const Shape &proposal() const { return m_proposal; }
    /// Widget pixels per image pixel.
    double scale() const { return m_view.scale(); }
    /// The object's bounds in image pixels, and where they are in the widget now.
    QRectF objectBounds() const;
    QRectF objectOnScreen() const;

    QSize sizeHint() const override { return {640, 480}; }

    static constexpr double kMinMarginPx = 24.0;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QPointF toWidget(double x, double y) const;
    QPointF toImage(QPointF widget) const;
    void zoomAbout(double factor, QPointF anchor);

    void updateShown();

    QImage m_image;
    QImage m_shown; ///< m_image as adjusted
    ImageAdjustment m_adjustment;
    QSize m_fullSize;
    QString m_message;
    std::vector<Shape> m_members;
    Shape m_proposal;
    bool m_hasObject = false;
    bool m_fitPending = false; ///< fit once the widget has its size
    ViewTransform m_view;
    QPointF m_dragFrom;
    bool m_dragging = false;
};

} // namespace concord::ui
