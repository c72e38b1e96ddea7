// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"
#include "ui/canvas/tool.h"

#include <memory>
#include <optional>
#include <vector>

namespace concord::ui {

class AnnotationItem;

/// P: draws a polygon one click per vertex, with a live outline to the cursor and its area.
/// A click on the first vertex (within a few screen pixels) or Enter closes it once it has three
/// vertices; Backspace removes the last vertex; Esc (the view's "Cancel drawing") drops it. A
/// click on the last vertex again (a double click) adds nothing.
class PolygonTool final : public Tool
{
public:
    explicit PolygonTool(ImageCanvas &canvas);
    ~PolygonTool() override;

    QString name() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }
    void deactivate() override;
    bool mousePress(QMouseEvent *event, const QPointF &pos) override;
    bool mouseMove(QMouseEvent *event, const QPointF &pos) override;
    bool mouseRelease(QMouseEvent *event, const QPointF &pos) override;

    bool isDrawing() const override { return !m_points.empty(); }
    bool finish() override;
    bool removeLastPoint() override;

    /// The outline being drawn, else null (tests read it).
    const AnnotationItem *preview() const { return m_preview.get(); }
    /// The vertices placed so far.
    const std::vector<core::ShapePoint> &points() const { return m_points; }

private:
    /// Shows the vertices and, when known, the cursor as the next one.
    void updatePreview();
    /// Whether `pos` (image px) is on the first vertex, in screen pixels.
    bool onFirstVertex(const QPointF &pos) const;
    void setPoints(std::vector<core::ShapePoint> points);

    std::vector<core::ShapePoint> m_points;
    std::optional<core::ShapePoint> m_cursor;
    std::unique_ptr<AnnotationItem> m_preview;
};

} // namespace concord::ui
