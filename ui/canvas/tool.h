// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCursor>
#include <QPointF>
#include <QString>

class QKeyEvent;
class QMouseEvent;

namespace concord::ui {

class ImageCanvas;

/// What the mouse does on the canvas: one strategy class per tool (Tiled's AbstractTool)
/// instead of a mode switch inside the view. Positions are in image pixels. A handler
/// returns true when it used the event; the canvas then does nothing else with it (for
/// instance it does not start panning).
class Tool
{
public:
    explicit Tool(ImageCanvas &canvas)
        : m_canvas(canvas)
    {
    }
    virtual ~Tool() = default;
    Tool(const Tool &) = delete;
    Tool &operator=(const Tool &) = delete;

    virtual QString name() const = 0;
    virtual QCursor cursor() const { return Qt::ArrowCursor; }
    virtual void activate() {}
    /// Ends any drag in progress without committing it.
    virtual void deactivate() {}

    virtual bool mousePress(QMouseEvent *event, const QPointF &pos) = 0;
    virtual bool mouseMove(QMouseEvent *event, const QPointF &pos) = 0;
    virtual bool mouseRelease(QMouseEvent *event, const QPointF &pos) = 0;
    virtual bool keyPress(QKeyEvent *) { return false; }

    /// Whether a shape is being drawn over several clicks (a polygon): the view's Enter then
    /// finishes it and Backspace removes its last point.
    virtual bool isDrawing() const { return false; }
    /// Finishes the shape being drawn; false when there is none or it is not complete yet.
    virtual bool finish() { return false; }
    /// Removes the last point of the shape being drawn; false when nothing is being drawn.
    virtual bool removeLastPoint() { return false; }

protected:
    ImageCanvas &m_canvas;
};

} // namespace concord::ui
