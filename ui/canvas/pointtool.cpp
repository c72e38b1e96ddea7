// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/pointtool.h"

#include "core/geometry/geometry.h"
#include "ui/canvas/imagecanvas.h"

#include <QCoreApplication>
#include <QMouseEvent>

namespace concord::ui {

QString PointTool::name() const
{
    return QCoreApplication::translate("concord::ui::PointTool", "Point");
}

bool PointTool::mousePress(QMouseEvent *event, const QPointF &pos)
{
    if (event->button() != Qt::LeftButton || !m_canvas.hasImage())
        return false;
    const QPointF p = m_canvas.clampToImage(pos);
    emit m_canvas.annotationCreated(core::makeAnnotation(core::PointShape{{p.x(), p.y()}}, m_canvas.pxPerMm()));
    return true;
}

bool PointTool::mouseMove(QMouseEvent *, const QPointF &)
{
    return false;
}

bool PointTool::mouseRelease(QMouseEvent *event, const QPointF &)
{
    return event->button() == Qt::LeftButton && m_canvas.hasImage();
}

} // namespace concord::ui
