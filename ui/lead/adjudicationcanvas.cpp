// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lead/adjudicationcanvas.h"

#include "core/geometry/geometry.h"

#include <QPainter>
#include <QPainterPath>

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
    m_image = image;
    m_fullSize = fullSize.isValid() ? fullSize : image.size();
    m_error = error;
    updateShown();
    update();
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
    const QSize fitted = m_fullSize.scaled(size(), Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0), fitted);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    p.drawImage(target, m_shown);
    const double scale = target.width() / m_fullSize.width();
    auto map = [&](double x, double y) { return QPointF(target.left() + x * scale, target.top() + y * scale); };
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
            const QPointF at = a2 + QPointF(6, -6);
            QFont f = p.font();
            f.setBold(true);
            p.setFont(f);
            const QRectF box = QFontMetricsF(f).boundingRect(tag).translated(at).adjusted(-3, -1, 3, 1);
            p.fillRect(box, QColor(0, 0, 0, 160));
            p.drawText(at, tag);
        }
    }
}

} // namespace concord::ui
