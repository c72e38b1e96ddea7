// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/polygontool.h"

#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QMouseEvent>

namespace concord::ui {

namespace {

constexpr double kCloseRadius = 8.0; // a click this near the first vertex closes, screen px
constexpr double kSameSpot = 3.0;    // a click this near the last vertex adds none, screen px

} // namespace

PolygonTool::PolygonTool(ImageCanvas &canvas)
    : Tool(canvas)
{
}

PolygonTool::~PolygonTool() = default;

QString PolygonTool::name() const
{
    return QCoreApplication::translate("concord::ui::PolygonTool", "Polygon");
}

void PolygonTool::deactivate()
{
    m_cursor.reset();
    setPoints({});
}

void PolygonTool::setPoints(std::vector<core::ShapePoint> points)
{
    const bool was = isDrawing();
    m_points = std::move(points);
    updatePreview();
    if (was != isDrawing())
        emit m_canvas.drawingChanged(isDrawing());
}

bool PolygonTool::onFirstVertex(const QPointF &pos) const
{
    return !m_points.empty() &&
           core::distancePx(m_points.front(), {pos.x(), pos.y()}) * m_canvas.viewScale() <= kCloseRadius;
}

bool PolygonTool::mousePress(QMouseEvent *event, const QPointF &pos)
{
    if (event->button() != Qt::LeftButton || !m_canvas.hasImage())
        return false;
    const QPointF p = m_canvas.clampToImage(pos);
    if (m_points.size() >= 3 && onFirstVertex(p)) {
        finish();
        return true;
    }
    if (!m_points.empty() && core::distancePx(m_points.back(), {p.x(), p.y()}) * m_canvas.viewScale() < kSameSpot)
        return true;
    auto points = m_points;
    points.push_back({p.x(), p.y()});
    m_cursor.reset();
    setPoints(std::move(points));
    return true;
}

bool PolygonTool::mouseMove(QMouseEvent *, const QPointF &pos)
{
    if (!isDrawing())
        return false;
    const QPointF p = m_canvas.clampToImage(pos);
    m_cursor = core::ShapePoint{p.x(), p.y()};
    updatePreview();
    return true;
}

bool PolygonTool::mouseRelease(QMouseEvent *event, const QPointF &)
{
    // The press did the work; the release only must not pan.
    return event->button() == Qt::LeftButton && m_canvas.hasImage();
}

bool PolygonTool::finish()
{
    if (m_points.size() < 3)
        return false;
    const core::Annotation a = core::makeAnnotation(core::PolygonShape{m_points}, m_canvas.pxPerMm());
    m_cursor.reset();
    setPoints({});
    emit m_canvas.annotationCreated(a);
    return true;
}

bool PolygonTool::removeLastPoint()
{
    if (m_points.empty())
        return false;
    auto points = m_points;
    points.pop_back();
    setPoints(std::move(points));
    return true;
}

void PolygonTool::updatePreview()
{
    if (m_points.empty()) {
        m_preview.reset();
        m_canvas.showMeasurement({});
        return;
    }
    core::PolygonShape shape{m_points};
    if (m_cursor && !onFirstVertex(QPointF(m_cursor->x, m_cursor->y)))
        shape.points.push_back(*m_cursor);
    if (!m_preview) {
        m_preview = std::make_unique<AnnotationItem>(-1, core::makeAnnotation(shape, m_canvas.pxPerMm()),
                                                     m_canvas.drawingColor(), m_canvas.pxPerMm());
        m_preview->setClassName(m_canvas.drawingClassName());
        m_preview->setOpen(true);
        m_canvas.scene()->addItem(m_preview.get());
    }
    m_preview->setViewScale(m_canvas.viewScale());
    m_preview->setGeometry(shape);
    // The area the polygon would have if closed now.
    m_canvas.showMeasurement(shape.points.size() >= 3 ? m_preview->measurementText() : QString());
}

} // namespace concord::ui
