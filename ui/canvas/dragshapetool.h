// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/geometry/geometry.h"
#include "core/store/types.h"
#include "ui/canvas/tool.h"

#include <memory>

namespace concord::ui {

class AnnotationItem;

/// Press, drag, release: draws a two-point shape with a live preview showing its size in mm.
/// Esc cancels; shapes shorter than a few screen pixels are ignored as accidental clicks.
class DragShapeTool : public Tool
{
public:
    DragShapeTool(ImageCanvas &canvas, core::AnnotationKind kind);
    ~DragShapeTool() override;

    QCursor cursor() const override { return Qt::CrossCursor; }
    void deactivate() override;
    bool mousePress(QMouseEvent *event, const QPointF &pos) override;
    bool mouseMove(QMouseEvent *event, const QPointF &pos) override;
    bool mouseRelease(QMouseEvent *event, const QPointF &pos) override;
    bool keyPress(QKeyEvent *event) override;

    /// The preview while dragging, else null (tests read its live text).
    const AnnotationItem *preview() const { return m_preview.get(); }

private:
    core::Annotation annotationFor(const core::Segment &s) const;

    core::AnnotationKind m_kind;
    std::unique_ptr<AnnotationItem> m_preview;
    core::Segment m_segment;
};

/// B: draws a bounding box.
class BoxTool final : public DragShapeTool
{
public:
    explicit BoxTool(ImageCanvas &canvas)
        : DragShapeTool(canvas, core::AnnotationKind::Box)
    {
    }
    QString name() const override;
};

/// L: draws a measuring line and shows its length in mm while dragging.
class LineTool final : public DragShapeTool
{
public:
    explicit LineTool(ImageCanvas &canvas)
        : DragShapeTool(canvas, core::AnnotationKind::Line)
    {
    }
    QString name() const override;
};

} // namespace concord::ui
