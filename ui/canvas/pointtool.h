// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/canvas/tool.h"

namespace concord::ui {

/// O: one click places a point (a pit, a particle: a mark whose position matters, not its size).
class PointTool final : public Tool
{
public:
    explicit PointTool(ImageCanvas &canvas)
        : Tool(canvas)
    {
    }

    QString name() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }
    bool mousePress(QMouseEvent *event, const QPointF &pos) override;
    bool mouseMove(QMouseEvent *event, const QPointF &pos) override;
    bool mouseRelease(QMouseEvent *event, const QPointF &pos) override;
};

} // namespace concord::ui
