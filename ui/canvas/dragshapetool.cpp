// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/dragshapetool.h"

#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>

namespace concord::ui {

namespace {

constexpr double kMinScreenLength = 3.0;

} // namespace

DragShapeTool::DragShapeTool(ImageCanvas &canvas, core::AnnotationKind kind)
    : Tool(canvas)
    , m_kind(kind)
{
}

DragShapeTool::~DragShapeTool() = default;

core::Annotation DragShapeTool::annotationFor(const core::Segment &s) const
{
    return m_kind == core::AnnotationKind::Line ? core::makeLineAnnotation(s, m_canvas.pxPerMm())
                                                : core::makeBoxAnnotation(s, m_canvas.pxPerMm());
}

void DragShapeTool::deactivate()
{
    m_preview.reset();
}

bool DragShapeTool::mousePress(QMouseEvent *event, const QPointF &pos)
{
    if (event->button() != Qt::LeftButton || !m_canvas.hasImage())
        return false;
    const QPointF p = m_canvas.clampToImage(pos);
    m_segment = {p.x(), p.y(), p.x(), p.y()};
    m_preview =
        std::make_unique<AnnotationItem>(-1, annotationFor(m_segment), m_canvas.drawingColor(), m_canvas.pxPerMm());
    m_preview->setClassName(m_canvas.drawingClassName());
    m_preview->setViewScale(m_canvas.viewScale());
    m_canvas.scene()->addItem(m_preview.get());
    return true;
}

bool DragShapeTool::mouseMove(QMouseEvent *, const QPointF &pos)
{
    if (!m_preview)
        return false;
    const QPointF p = m_canvas.clampToImage(pos);
    m_segment.x2 = p.x();
    m_segment.y2 = p.y();
    m_preview->setSegment(m_segment);
    m_canvas.showMeasurement(m_preview->measurementText());
    return true;
}

bool DragShapeTool::mouseRelease(QMouseEvent *event, const QPointF &pos)
{
    if (!m_preview || event->button() != Qt::LeftButton)
        return false;
    mouseMove(event, pos);
    m_preview.reset();
    if (core::lengthPx(m_segment) * m_canvas.viewScale() >= kMinScreenLength)
        emit m_canvas.annotationCreated(annotationFor(m_segment));
    return true;
}

bool DragShapeTool::keyPress(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_preview) {
        m_preview.reset();
        return true;
    }
    return false;
}

QString BoxTool::name() const
{
    return QCoreApplication::translate("concord::ui::BoxTool", "Box");
}

QString LineTool::name() const
{
    return QCoreApplication::translate("concord::ui::LineTool", "Measuring line");
}

} // namespace concord::ui
