// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/viewtransform.h"

#include <algorithm>

namespace concord::ui {

void ViewTransform::fit(const QRectF &image, QSizeF widget, double margin)
{
    const QRectF framed = image.adjusted(-margin, -margin, margin, margin);
    if (framed.isEmpty() || widget.isEmpty())
        return;
    m_center = framed.center();
    m_scale =
        std::clamp(std::min(widget.width() / framed.width(), widget.height() / framed.height()), kMinScale, kMaxScale);
}

void ViewTransform::zoomAbout(double factor, QPointF anchor, QSizeF widget)
{
    const QPointF fixed = toImage(anchor, widget);
    m_scale = std::clamp(m_scale * factor, kMinScale, kMaxScale);
    m_center = fixed - (anchor - QPointF(widget.width() / 2.0, widget.height() / 2.0)) / m_scale;
}

QPointF ViewTransform::toWidget(QPointF image, QSizeF widget) const
{
    return (image - m_center) * m_scale + QPointF(widget.width() / 2.0, widget.height() / 2.0);
}

QPointF ViewTransform::toImage(QPointF widget, QSizeF widgetSize) const
{
    return (widget - QPointF(widgetSize.width() / 2.0, widgetSize.height() / 2.0)) / m_scale + m_center;
}

} // namespace concord::ui
