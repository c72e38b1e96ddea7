// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"
#include "ui/canvas/tool.h"

namespace concord::ui {

class AnnotationItem;

/// V / Esc: selects a shape, drags its handles (a box's corners, a line's ends, a polygon's
/// vertices, a point) or the whole shape (by its outline; a polygon also by its inside); a
/// press on the empty image pans. Deleting the selection is ImageCanvas::deleteSelection()
/// (an action).
class SelectTool final : public Tool
{
public:
    explicit SelectTool(ImageCanvas &canvas)
        : Tool(canvas)
    {
    }

    QString name() const override;
    void deactivate() override;
    bool mousePress(QMouseEvent *event, const QPointF &pos) override;
    bool mouseMove(QMouseEvent *event, const QPointF &pos) override;
    bool mouseRelease(QMouseEvent *event, const QPointF &pos) override;

private:
    AnnotationItem *m_dragging = nullptr;
    int m_handle = -1; ///< -1 moves the whole shape
    QPointF m_pressPos;
    core::Shape m_original;
};

} // namespace concord::ui
