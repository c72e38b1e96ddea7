// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/adjudicationcanvas.h"

#include "core/geometry/geometry.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <cmath>

namespace concord::ui {

AdjudicationCanvas::AdjudicationCanvas(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("adjudicationCanvas"));
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void AdjudicationCanvas::setImage(const QImage &image, QSize fullSize, const QString &error)
{
    const QSize before = m_fullSize;
    const bool sameImage = !image.isNull() && image.cacheKey() == m_image.cacheKey();
    m_image = image;
    m_fullSize = fullSize.isValid() ? fullSize : image.size();
    m_error = error;
    // A sharper decode of the same picture keeps the zoom; another picture is fitted.
    if (!sameImage || m_fullSize != before)
        fitToWindow();
    updateShown();
    update();
}

void AdjudicationCanvas::fitToWindow()
{
    m_fitted = true;
    if (m_fullSize.isValid())
        m_view.fit(QRectF(QPointF(0, 0), QSizeF(m_fullSize)), size());
    update();
}

void AdjudicationCanvas::zoomIn()
{
    m_fitted = false;
    m_view.zoomAbout(ViewTransform::kStep, rect().center(), size());
    update();
}

void AdjudicationCanvas::zoomOut()
{
    m_fitted = false;
    m_view.zoomAbout(1.0 / ViewTransform::kStep, rect().center(), size());
    update();
}

void AdjudicationCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitted)
        fitToWindow();
}

void AdjudicationCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0 || m_image.isNull())
        return QWidget::wheelEvent(event);
    m_fitted = false;
    m_view.zoomAbout(std::pow(ViewTransform::kStep, steps), event->position(), size());
    update();
    event->accept();
}

void AdjudicationCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_dragFrom = event->position();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void AdjudicationCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    m_fitted = false;
    m_view.pan(event->position() - m_dragFrom);
    m_dragFrom = event->position();
    update();
    event->accept();
}

void AdjudicationCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    unsetCursor();
    event->accept();
}

void AdjudicationCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    fitToWindow();
    event->accept();
}

void AdjudicationCanvas::setAdjustment(const ImageAdjustment &adjustment)
{
    if (adjustment == m_adjustment)
        return;
    m_adjustment = adjustment;
    updateShown();
    update();
}

void AdjudicationCanvas::updateShown()
{
    if (m_adjustment.isIdentity() || m_image.isNull()) {
        m_shown = m_image;
        return;
    }
    const auto histogram = luminanceHistogram(m_image);
    m_shown = applyAdjustment(m_image, adjustmentTable(m_adjustment, &histogram));
}

void AdjudicationCanvas::setLayers(std::vector<Layer> layers)
{
    m_layers = std::move(layers);
    update();
}

void AdjudicationCanvas::setLayerVisible(int index, bool visible)
{
    if (index < 0 || std::size_t(index) >= m_layers.size())
        return;
    m_layers[std::size_t(index)].visible = visible;
    update();
}

void AdjudicationCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x30, 0x30, 0x30));
    if (m_image.isNull() || !m_fullSize.isValid()) {
        p.setPen(Qt::white);
        p.drawText(rect(), Qt::AlignCenter, m_error.isEmpty() ? tr("No image") : m_error);
        return;
    }
    const QRectF target(toWidget(QPointF(0, 0)), toWidget(QPointF(m_fullSize.width(), m_fullSize.height())));
    // Smooth while the picture is shown smaller or a little larger; its pixels when zoomed in.
    p.setRenderHint(QPainter::SmoothPixmapTransform, target.width() / m_shown.width() < 3.0);
    p.setRenderHint(QPainter::Antialiasing);
    p.drawImage(target, m_shown);
    auto map = [&](double x, double y) { return toWidget(QPointF(x, y)); };
    m_tagRects.clear();
    for (const auto &layer : m_layers) {
        if (!layer.visible)
            continue;
        QPen pen(layer.color, 2.5);
        pen.setCosmetic(true);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        for (const auto &a : layer.annotations) {
            const auto s = core::segmentOf(a);
            if (!s)
                continue;
            const QPointF a1 = map(s->x1, s->y1);
            const QPointF a2 = map(s->x2, s->y2);
            if (a.kind == core::AnnotationKind::Box) {
                p.drawRect(QRectF(a1, a2).normalized());
            } else {
                p.drawLine(a1, a2);
                p.drawEllipse(a1, 3, 3);
                p.drawEllipse(a2, 3, 3);
            }
            // Who drew it, beside the shape's end.
            // A line's length only: boxes saved before core/geometry carry their diagonal.
            const QString tag = a.kind == core::AnnotationKind::Line && a.lengthMm
                                    ? QStringLiteral("%1 %2 mm").arg(layer.labeler).arg(*a.lengthMm, 0, 'f', 2)
                                    : layer.labeler;
            QPointF at = a2 + QPointF(6, -6);
            QFont f = p.font();
            f.setBold(true);
            p.setFont(f);
            QRectF box = QFontMetricsF(f).boundingRect(tag).translated(at).adjusted(-3, -1, 3, 1);
            // Labelers often draw the same mark: a tag that would cover another moves down
            // below it, so every one stays readable.
            for (bool moved = true; moved;) {
                moved = false;
                for (const QRectF &other : m_tagRects)
                    if (box.intersects(other)) {
                        const double dy = other.bottom() - box.top() + 1.0;
                        box.translate(0, dy);
                        at.ry() += dy;
                        moved = true;
                    }
            }
            m_tagRects.push_back(box);
            p.fillRect(box, QColor(0, 0, 0, 160));
            p.drawText(at, tag);
        }
    }
}

} // namespace concord::ui
