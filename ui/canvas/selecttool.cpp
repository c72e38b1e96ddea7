// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/canvas/selecttool.h"

#include "ui/canvas/annotationitem.h"
#include "ui/canvas/imagecanvas.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QMouseEvent>

namespace concord::ui {

QString SelectTool::name() const
{
    return QCoreApplication::translate("concord::ui::SelectTool", "Select");
}

void SelectTool::deactivate()
{
    if (m_dragging)
        m_dragging->setGeometry(m_original);
    m_dragging = nullptr;
}

bool SelectTool::mousePress(QMouseEvent *event, const QPointF &pos)
{
    if (event->button() != Qt::LeftButton)
        return false;
    AnnotationItem *hit = nullptr;
    int handle = -1;
    // Handles of the selected shape win over bodies of others.
    for (auto *item : m_canvas.annotationItems()) {
        if (item->isSelected() && (handle = item->handleAt(pos)) >= 0) {
            hit = item;
            break;
        }
    }
    if (!hit)
        hit = m_canvas.annotationAt(pos);
    m_canvas.scene()->clearSelection();
    if (!hit)
        return false; // the canvas pans
    hit->setSelected(true);
    m_dragging = hit;
    m_handle = handle;
    m_pressPos = pos;
    m_original = hit->geometry();
    return true;
}

bool SelectTool::mouseMove(QMouseEvent *, const QPointF &pos)
{
    if (!m_dragging)
        return false;
    if (m_handle >= 0) {
        m_dragging->setGeometry(m_dragging->movedHandle(m_handle, m_canvas.clampToImage(pos)));
    } else {
        const QPointF d = pos - m_pressPos;
        m_dragging->setGeometry(core::translated(m_original, d.x(), d.y()));
    }
    m_canvas.showMeasurement(m_dragging->measurementText());
    return true;
}

bool SelectTool::mouseRelease(QMouseEvent *event, const QPointF &pos)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return false;
    mouseMove(event, pos);
    AnnotationItem *item = m_dragging;
    m_dragging = nullptr;
    // A click that moved nothing is a selection, not an edit (no undo step).
    if (core::encodeGeometry(item->geometry()) != core::encodeGeometry(m_original))
        emit m_canvas.annotationChanged(item->index(), item->edited());
    return true;
}

} // namespace concord::ui
